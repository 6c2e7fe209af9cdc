/**
 * Realistic sample events for catalog declarations: the EventBridge envelope plus a `detail` built from the
 * JSON Schema (`const`, `enum`, `default`, `examples`, types, formats, bounds, required properties).
 * Deterministic: the same declaration always gives the same event (for tests and the "Test pattern" lens).
 */
import type { DeclaredEvent } from './declared';
import { isObj as isObject } from '../util/value';

/** An event as EventBridge delivers it to targets. */
export interface SampleEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

/** Envelope values of the sample (all optional). */
export interface SampleOptions {
  readonly account?: string;
  readonly region?: string;
  readonly time?: string;
}

const SAMPLE_TIME = '2025-01-15T12:00:00Z';

const FORMATS: Record<string, string> = {
  'date-time': SAMPLE_TIME,
  date: '2025-01-15',
  time: '12:00:00Z',
  email: 'jane.doe@example.com',
  'idn-email': 'jane.doe@example.com',
  uri: 'https://example.com/resource/1',
  'uri-reference': '/resource/1',
  iri: 'https://example.com/resource/1',
  url: 'https://example.com/resource/1',
  uuid: '3f6c2a1e-8b4d-4c7e-9a15-2d0e6b7f9c31',
  ipv4: '192.0.2.10',
  ipv6: '2001:db8::10',
  hostname: 'api.example.com',
  'idn-hostname': 'api.example.com',
  duration: 'PT1H',
  'json-pointer': '/items/0',
  regex: '^[a-z]+$',
};

function deref(schema: Record<string, unknown>, root: unknown, seen: Set<string>): Record<string, unknown> | undefined {
  let s: Record<string, unknown> | undefined = schema;
  while (s && typeof s.$ref === 'string') {
    const ref: string = s.$ref;
    if (!ref.startsWith('#') || seen.has(ref)) return undefined;
    seen.add(ref);
    let target: unknown = root;
    for (const seg of ref.slice(1).split('/').filter((x) => x !== '')) {
      const key = decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[key] : Array.isArray(target) ? target[Number(key)] : undefined;
    }
    s = isObject(target) ? target : undefined;
  }
  return s;
}

function typeOf(schema: Record<string, unknown>): string | undefined {
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') ?? t[0]) as string | undefined;
  if (isObject(schema.properties) || Array.isArray(schema.required)) return 'object';
  if (schema.items !== undefined) return 'array';
  if (typeof schema.format === 'string' || typeof schema.pattern === 'string' || typeof schema.minLength === 'number') return 'string';
  if (typeof schema.minimum === 'number' || typeof schema.maximum === 'number') return 'number';
  return undefined;
}

/**
 * A string matching a simple regular expression (literals, classes, `\d \w \s .`, groups with `|`,
 * quantifiers), or undefined when the expression is beyond this little generator.
 */
export function sampleForRegex(pattern: string): string | undefined {
  let i = 0;
  const atom = (): string | undefined => {
    const c = pattern[i++];
    if (c === undefined) return undefined;
    if (c === '\\') {
      const e = pattern[i++];
      if (e === undefined) return undefined;
      return e === 'd' ? '1' : e === 'w' ? 'a' : e === 's' ? ' ' : /[DWSbBpPuxck0-9]/.test(e) ? undefined : e;
    }
    if (c === '.') return 'a';
    if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0 || pattern[i] === '^') return undefined;
      const body = pattern.slice(i, end);
      i = end + 1;
      if (body.startsWith('\\d')) return '1';
      if (body.startsWith('\\w')) return 'a';
      return body[0] === '\\' ? body[1] : body[0];
    }
    if (c === '(') {
      if (pattern.startsWith('?:', i)) i += 2;
      else if (pattern[i] === '?') return undefined;
      const first = seq(')');
      while (i < pattern.length && pattern[i] !== ')') {
        i++;
        if (seq(')') === undefined) return undefined;
      }
      i++;
      return first;
    }
    if ('*+?{}|)'.includes(c)) return undefined;
    return c;
  };
  const seq = (end: string): string | undefined => {
    let out = '';
    while (i < pattern.length && pattern[i] !== end && pattern[i] !== '|') {
      if (pattern[i] === '^' || pattern[i] === '$') {
        i++;
        continue;
      }
      const a = atom();
      if (a === undefined) return undefined;
      const q = pattern[i];
      if (q === '*' || q === '?') {
        i++;
        continue;
      }
      if (q === '+') {
        i++;
        out += a;
        continue;
      }
      if (q === '{') {
        const m = /^\{([0-9]+)(,[0-9]*)?\}/.exec(pattern.slice(i));
        if (!m) return undefined;
        i += m[0].length;
        out += a.repeat(Number(m[1]));
        continue;
      }
      out += a;
    }
    return out;
  };
  try {
    const re = new RegExp(pattern, 'u');
    const first = seq('\u0000');
    return first !== undefined && re.test(first) ? first : undefined;
  } catch {
    return undefined;
  }
}

function sampleString(schema: Record<string, unknown>, name: string | undefined): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  let s = format ?? (name ? sampleForName(name) : 'example');
  if (typeof schema.pattern === 'string') {
    let matches: boolean;
    try {
      matches = new RegExp(schema.pattern, 'u').test(s);
    } catch {
      matches = true; // a pattern JavaScript cannot read: keep the plain sample
    }
    if (!matches) s = sampleForRegex(schema.pattern) ?? s;
  }
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  if (s.length < min) s = s + 'x'.repeat(min - s.length);
  if (s.length > max) s = s.slice(0, Math.max(0, max));
  return s;
}

/** A plausible string for a property, from its name (`orderId` → `orderId-0001`, `currency` → `EUR`, …). */
function sampleForName(name: string): string {
  const n = name.toLowerCase();
  if (n === 'id' || /[a-z0-9]Id$/.test(name) || /[_-]id$/.test(n)) return `${name}-0001`;
  if (n.includes('email')) return 'jane.doe@example.com';
  if (n.includes('currency')) return 'EUR';
  if (n.includes('country')) return 'DE';
  if (n.includes('status') || n.includes('state')) return 'ACTIVE';
  if (n.includes('time') || /[a-z]At$/.test(name) || /_at$/.test(n) || n.includes('date')) return SAMPLE_TIME;
  if (n.includes('url') || n.includes('uri')) return 'https://example.com/resource/1';
  if (n.includes('name')) return `Example ${name}`;
  return `${name}-example`;
}

function sampleNumber(schema: Record<string, unknown>, integer: boolean): number {
  const lo = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + (integer ? 1 : 0.5) : undefined;
  const hi = typeof schema.maximum === 'number' ? schema.maximum : typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - (integer ? 1 : 0.5) : undefined;
  let v = lo ?? (hi !== undefined ? Math.min(hi, 1) : 1);
  if (integer) v = Math.ceil(v);
  const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (step) v = Math.ceil(v / step) * step;
  return v;
}

function build(schema: unknown, root: unknown, name: string | undefined, depth: number, seen: Set<string>): unknown {
  if (depth > 12 || !isObject(schema)) return name ? sampleForName(name) : {};
  const s = deref(schema, root, new Set(seen));
  if (!s) return null;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ('default' in s) return s.default;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if ('example' in s) return s.example;
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((p) => build(p, root, name, depth + 1, seen));
    if (parts.every(isObject)) return Object.assign({}, ...parts, isObject(s.properties) ? build({ ...s, allOf: undefined }, root, name, depth + 1, seen) : {});
    return parts[0];
  }
  const alternatives = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
  if (alternatives && alternatives.length > 0) {
    const pick = alternatives.find((a) => !(isObject(a) && a.type === 'null')) ?? alternatives[0];
    return build(isObject(pick) ? { ...s, oneOf: undefined, anyOf: undefined, ...pick } : pick, root, name, depth + 1, seen);
  }
  switch (typeOf(s)) {
    case 'object': {
      const props = isObject(s.properties) ? s.properties : {};
      const keys = Array.isArray(s.required) ? s.required.filter((k): k is string => typeof k === 'string') : Object.keys(props);
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = build(props[k] ?? {}, root, k, depth + 1, seen);
      return out;
    }
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 1;
      const max = typeof s.maxItems === 'number' ? s.maxItems : Infinity;
      const count = Math.min(Math.max(min, 1), max);
      if (Array.isArray(s.items)) return s.items.map((it) => build(it, root, undefined, depth + 1, seen));
      const item = singular(name);
      return Array.from({ length: count }, () => build(s.items ?? {}, root, item, depth + 1, seen));
    }
    case 'string':
      return sampleString(s, name);
    case 'integer':
      return sampleNumber(s, true);
    case 'number':
      return sampleNumber(s, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return name ? sampleForName(name) : {};
  }
}

function singular(name: string | undefined): string | undefined {
  if (!name) return undefined;
  return name.endsWith('ies') ? name.slice(0, -3) + 'y' : name.endsWith('s') ? name.slice(0, -1) : name;
}

/** A value valid for (most) JSON Schemas, built from `const`/`enum`/`default`/`examples`, types and formats. */
export function sampleFromSchema(schema: unknown): unknown {
  return build(schema, schema, undefined, 0, new Set());
}

/** A realistic EventBridge event for a catalog declaration: the envelope and a `detail` from its schema. */
export function sampleEvent(decl: DeclaredEvent, options: SampleOptions = {}): SampleEvent {
  const detail = decl.detailSchema === undefined ? {} : sampleFromSchema(decl.detailSchema);
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': decl.detailType,
    source: decl.source ?? 'custom.events',
    account: options.account ?? '123456789012',
    time: options.time ?? SAMPLE_TIME,
    region: options.region ?? 'us-east-1',
    resources: [],
    detail: isObject(detail) ? detail : {},
  };
}
