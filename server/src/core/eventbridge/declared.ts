/**
 * Static matching: can a rule's pattern match an event declared in the catalog? The envelope is known
 * (`source`, `detail-type`, `version` exactly; `id`, `account`, `time`, `region` are strings of unknown
 * value; `resources` is a possibly empty list of strings; no other top-level field exists), the `detail` only
 * through its JSON Schema. The answer is `no` only when it is provable: the envelope excludes the event, or a
 * detail field the pattern needs is impossible by the schema (type, `enum`, `const`, bounds, or a property
 * that cannot exist under `additionalProperties: false`). `yes` when every such event matches.
 */
import { compilePattern, matchesValue, type Field, type Matcher, type PatternCache, type Scalar } from './compile';
import { isObj as isObject } from '../util/value';

/** A catalog event as EventBridge will carry it. */
export interface DeclaredEvent {
  readonly source?: string;
  readonly detailType: string;
  /** JSON Schema of `detail`. */
  readonly detailSchema?: unknown;
}

/** `yes`: every such event matches; `no`: none can; `maybe`: it depends on the detail's values. */
export type Verdict = 'yes' | 'maybe' | 'no';

type Presence = 'always' | 'maybe' | 'never';
type LeafType = 'string' | 'number' | 'boolean' | 'null';
type Schema = Readonly<Record<string, unknown>>;

/** What a path of the event can hold: a known value, or any value of a type (under a schema). */
type AbstractLeaf = { readonly kind: 'value'; readonly value: Scalar } | { readonly kind: 'any'; readonly type: LeafType; readonly schema?: Schema };

/** The leaves a path can have, and whether it has at least one. */
interface Abstract {
  readonly presence: Presence;
  readonly leaves: readonly AbstractLeaf[];
}

const ALL_TYPES: readonly LeafType[] = ['string', 'number', 'boolean', 'null'];
const NEVER: Abstract = { presence: 'never', leaves: [] };

function unknownLeaves(presence: Presence): Abstract {
  return { presence: presence === 'never' ? 'never' : 'maybe', leaves: ALL_TYPES.map((type) => ({ kind: 'any', type })) };
}

function weaker(p: Presence): Presence {
  return p === 'always' ? 'maybe' : p;
}

/** Leaves that may all be there at once (several keys reaching one dotted path). */
function union(parts: readonly Abstract[]): Abstract {
  if (parts.length === 0) return NEVER;
  const presence: Presence = parts.some((p) => p.presence === 'always') ? 'always' : parts.some((p) => p.presence === 'maybe') ? 'maybe' : 'never';
  return { presence, leaves: parts.flatMap((p) => p.leaves) };
}

/** Leaves of exactly one of several alternatives (`anyOf` / `oneOf`). */
function either(parts: readonly Abstract[]): Abstract {
  if (parts.length === 0) return NEVER;
  const presence: Presence = parts.every((p) => p.presence === 'always') ? 'always' : parts.every((p) => p.presence === 'never') ? 'never' : 'maybe';
  return { presence, leaves: parts.flatMap((p) => p.leaves) };
}

function typesOf(schema: Schema): Set<string> | undefined {
  const t = schema.type;
  const list = typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : undefined;
  if (!list) return undefined;
  return new Set(list.map((x) => (x === 'integer' ? 'number' : x)));
}

function scalarLeaves(value: unknown): AbstractLeaf[] | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [{ kind: 'value', value }];
  if (Array.isArray(value)) {
    const out: AbstractLeaf[] = [];
    for (const v of value) out.push(...(scalarLeaves(v) ?? []));
    return out;
  }
  return undefined;
}

/** Resolves a local `$ref` (`#/definitions/x`, `#/$defs/x`). */
function deref(schema: Schema, root: unknown, depth: number): Schema | undefined {
  let s: Schema | undefined = schema;
  for (let i = 0; s && typeof s.$ref === 'string' && i < 16; i++) {
    const ref: string = s.$ref;
    if (!ref.startsWith('#')) return undefined;
    let target: unknown = root;
    for (const seg of ref.slice(1).split('/').filter((x) => x !== '')) {
      const key = decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[key] : Array.isArray(target) ? target[Number(key)] : undefined;
    }
    s = isObject(target) ? target : undefined;
  }
  return depth > 32 ? undefined : s;
}

/** `allOf` folded into one schema (properties merged, `required` joined, `enum` intersected). */
function mergeAll(base: Schema, parts: readonly unknown[]): Schema {
  const out: Record<string, unknown> = { ...base };
  delete out.allOf;
  for (const part of parts) {
    if (!isObject(part)) continue;
    for (const [k, v] of Object.entries(part)) {
      if (k === 'properties' && isObject(v)) {
        const props: Record<string, unknown> = { ...(isObject(out.properties) ? out.properties : {}) };
        for (const [p, s] of Object.entries(v)) props[p] = p in props ? { allOf: [props[p], s] } : s;
        out.properties = props;
      } else if (k === 'required' && Array.isArray(v)) out.required = [...(Array.isArray(out.required) ? out.required : []), ...v];
      else if (k === 'enum' && Array.isArray(v) && Array.isArray(out.enum)) out.enum = out.enum.filter((e) => v.some((x) => JSON.stringify(x) === JSON.stringify(e)));
      else if (!(k in out)) out[k] = v;
    }
  }
  return out;
}

/** What the schema says about the leaves at `rest` (a dotted path below it). */
function describe(schema: unknown, rest: string, presence: Presence, root: unknown, depth: number, assumeObject = false): Abstract {
  if (presence === 'never') return NEVER;
  if (schema === false) return NEVER;
  if (!isObject(schema) || depth > 32) return unknownLeaves(presence);
  const resolved = deref(schema, root, depth);
  if (!resolved) return unknownLeaves(presence);
  let s: Schema = resolved;
  if (Array.isArray(s.allOf)) s = mergeAll(s, s.allOf);
  const alternatives = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (alternatives) {
    const base: Record<string, unknown> = { ...s };
    delete base.anyOf;
    delete base.oneOf;
    return either(alternatives.map((alt) => describe(isObject(alt) ? mergeAll(base, [alt]) : alt, rest, presence, root, depth + 1)));
  }
  const declaredTypes = typesOf(s) ?? (assumeObject ? new Set(['object']) : undefined);
  if (rest === '') return describeLeaf(s, declaredTypes, presence, root, depth);
  const onlyObject = declaredTypes !== undefined && declaredTypes.size === 1 && declaredTypes.has('object');
  // A schema with object keywords but no `type` is read as an object: below a non-object there is no leaf anyway.
  const objectish = isObject(s.properties) || Array.isArray(s.required) || 'additionalProperties' in s;
  const types = declaredTypes ?? (objectish ? new Set(['object']) : undefined);
  // Deeper paths need an object (or an array of objects) here.
  if (types && !types.has('object') && !types.has('array')) return NEVER;
  const parts: Abstract[] = [];
  const onlyArray = declaredTypes !== undefined && declaredTypes.size === 1 && declaredTypes.has('array');
  if (!types || types.has('array')) {
    const items = s.items;
    const itemPresence: Presence = onlyArray && typeof s.minItems === 'number' && s.minItems >= 1 ? presence : weaker(presence);
    if (isObject(items)) parts.push(describe(items, rest, itemPresence, root, depth + 1));
    else if (items === undefined || items === true || Array.isArray(items)) parts.push(unknownLeaves(presence));
  }
  if (!types || types.has('object')) {
    const props = isObject(s.properties) ? s.properties : {};
    const required = Array.isArray(s.required) ? s.required : [];
    let declared = false;
    for (const p of Object.keys(props)) {
      if (rest !== p && !rest.startsWith(p + '.')) continue;
      declared = true;
      const childPresence: Presence = presence === 'always' && onlyObject && required.includes(p) ? 'always' : 'maybe';
      parts.push(describe(props[p], rest.slice(p.length + 1), childPresence, root, depth + 1));
    }
    if (!declared && s.additionalProperties !== false) parts.push(unknownLeaves(presence));
    else if (!declared && isObject(s.patternProperties)) parts.push(unknownLeaves(presence));
  }
  const result = union(parts);
  return onlyObject || onlyArray ? result : { presence: weaker(result.presence), leaves: result.leaves };
}

function describeLeaf(s: Schema, types: Set<string> | undefined, presence: Presence, root: unknown, depth: number): Abstract {
  if ('const' in s) {
    const leaves = scalarLeaves(s.const);
    return leaves && leaves.length > 0 ? { presence, leaves } : NEVER;
  }
  if (Array.isArray(s.enum)) {
    const leaves: AbstractLeaf[] = [];
    let allLeaves = true;
    for (const e of s.enum) {
      const l = scalarLeaves(e);
      if (l && l.length > 0) leaves.push(...l);
      else allLeaves = false;
    }
    return leaves.length === 0 ? NEVER : { presence: allLeaves ? presence : weaker(presence), leaves };
  }
  if (!types) return { presence: weaker(presence), leaves: ALL_TYPES.map((type) => ({ kind: 'any', type, schema: s })) };
  const leaves: AbstractLeaf[] = [];
  for (const t of ALL_TYPES) if (types.has(t)) leaves.push({ kind: 'any', type: t, schema: s });
  const parts: Abstract[] = [];
  if (leaves.length > 0) parts.push({ presence: 'always', leaves });
  if (types.has('array')) {
    const onlyArray = types.size === 1;
    const itemPresence: Presence = onlyArray && typeof s.minItems === 'number' && s.minItems >= 1 ? 'always' : 'maybe';
    parts.push(isObject(s.items) ? describe(s.items, '', itemPresence, root, depth + 1) : unknownLeaves('maybe'));
  }
  if (parts.length === 0) return NEVER; // an object: no leaf at this path
  const merged = either(parts.length === 1 && !types.has('object') ? parts : [...parts, NEVER]);
  const p = merged.presence === 'always' && presence === 'always' ? 'always' : merged.presence === 'never' ? 'never' : 'maybe';
  return { presence: p, leaves: merged.leaves };
}

function allowedBySchema(value: Scalar, schema: Schema | undefined): boolean {
  if (!schema) return true;
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) return false;
    if (typeof schema.pattern === 'string') {
      try {
        if (!new RegExp(schema.pattern, 'u').test(value)) return false;
      } catch {
        // a pattern JavaScript cannot read proves nothing
      }
    }
  }
  if (typeof value === 'number') {
    if (schema.type === 'integer' && !Number.isInteger(value)) return false;
    const [lo, loOpen, hi, hiOpen] = schemaRange(schema);
    if (value < lo || (loOpen && value === lo) || value > hi || (hiOpen && value === hi)) return false;
    if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0 && !Number.isInteger(value / schema.multipleOf)) return false;
  }
  return true;
}

/** The schema's numeric bounds: [low, low exclusive, high, high exclusive]. */
function schemaRange(schema: Schema): [number, boolean, number, boolean] {
  let lo = -Infinity;
  let loOpen = false;
  let hi = Infinity;
  let hiOpen = false;
  if (typeof schema.minimum === 'number') [lo, loOpen] = [schema.minimum, schema.exclusiveMinimum === true];
  if (typeof schema.exclusiveMinimum === 'number' && schema.exclusiveMinimum >= lo) [lo, loOpen] = [schema.exclusiveMinimum, true];
  if (typeof schema.maximum === 'number') [hi, hiOpen] = [schema.maximum, schema.exclusiveMaximum === true];
  if (typeof schema.exclusiveMaximum === 'number' && schema.exclusiveMaximum <= hi) [hi, hiOpen] = [schema.exclusiveMaximum, true];
  return [lo, loOpen, hi, hiOpen];
}

/** Whether some number within the schema's bounds satisfies every numeric condition. */
function numericPossible(conditions: readonly (readonly [string, number])[], schema: Schema | undefined): boolean {
  let [lo, loOpen, hi, hiOpen] = schema ? schemaRange(schema) : [-Infinity, false, Infinity, false];
  for (const [op, n] of conditions) {
    if (op === '=' || op === '>' || op === '>=') {
      if (n > lo || (n === lo && op === '>')) [lo, loOpen] = [n, op === '>'];
    }
    if (op === '=' || op === '<' || op === '<=') {
      if (n < hi || (n === hi && op === '<')) [hi, hiOpen] = [n, op === '<'];
    }
  }
  if (lo > hi || (lo === hi && (loOpen || hiOpen))) return false;
  if (schema?.type === 'integer' && lo === hi && !Number.isInteger(lo)) return false;
  return true;
}

function leafType(v: Scalar): LeafType {
  return v === null ? 'null' : (typeof v as LeafType);
}

/** Can a leaf of this kind satisfy the matcher: always, maybe, never. */
function leafVerdict(m: Matcher, leaf: AbstractLeaf): Verdict {
  if (leaf.kind === 'value') return matchesValue(m, leaf.value) ? 'yes' : 'no';
  const { type, schema } = leaf;
  switch (m.kind) {
    case 'exists':
      return m.value ? 'yes' : 'no';
    case 'exact':
      return leafType(m.value) === type && allowedBySchema(m.value, schema) ? 'maybe' : 'no';
    case 'numeric':
      return type === 'number' && numericPossible(m.conditions, schema) ? 'maybe' : 'no';
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
    case 'wildcard':
    case 'cidr':
      return type === 'string' ? 'maybe' : 'no';
    case 'anything-but': {
      const inner = m.not.map((n) => leafVerdict(n, leaf));
      return inner.every((v) => v === 'no') ? 'yes' : 'maybe';
    }
  }
}

function orVerdicts(vs: readonly Verdict[]): Verdict {
  return vs.includes('yes') ? 'yes' : vs.includes('maybe') ? 'maybe' : 'no';
}

function andVerdicts(vs: readonly Verdict[]): Verdict {
  return vs.includes('no') ? 'no' : vs.every((v) => v === 'yes') ? 'yes' : 'maybe';
}

function fieldVerdict(field: Field, abs: Abstract): Verdict {
  const absentOk = field.matchers.some((m) => m.kind === 'exists' && !m.value);
  if (abs.presence === 'never') return absentOk ? 'yes' : 'no';
  const valueMatchers = field.matchers.filter((m) => !(m.kind === 'exists' && !m.value));
  const leaves = abs.leaves.length > 0 ? abs.leaves : unknownLeaves('maybe').leaves;
  const perLeaf = leaves.map((leaf) => orVerdicts(valueMatchers.map((m) => leafVerdict(m, leaf))));
  const value: Verdict = perLeaf.every((v) => v === 'yes') ? 'yes' : perLeaf.every((v) => v === 'no') ? 'no' : 'maybe';
  if (abs.presence === 'always') return value;
  if (absentOk) return value === 'yes' ? 'yes' : 'maybe';
  return value === 'no' ? 'no' : 'maybe';
}

const UNKNOWN_STRING: Abstract = { presence: 'always', leaves: [{ kind: 'any', type: 'string' }] };

/** The envelope of an event EventBridge delivers, as far as the declaration tells. */
function envelope(path: string, decl: DeclaredEvent): Abstract {
  switch (path) {
    case 'version':
      return { presence: 'always', leaves: [{ kind: 'value', value: '0' }] };
    case 'source':
      return decl.source !== undefined ? { presence: 'always', leaves: [{ kind: 'value', value: decl.source }] } : UNKNOWN_STRING;
    case 'detail-type':
      return { presence: 'always', leaves: [{ kind: 'value', value: decl.detailType }] };
    case 'id':
    case 'account':
    case 'time':
    case 'region':
      return UNKNOWN_STRING;
    case 'resources':
    case 'replay-name':
      return { presence: 'maybe', leaves: [{ kind: 'any', type: 'string' }] };
    case 'detail':
      return NEVER;
  }
  if (path.startsWith('detail.')) {
    const rest = path.slice('detail.'.length);
    if (decl.detailSchema === undefined) return unknownLeaves('always');
    return describe(decl.detailSchema, rest, 'always', decl.detailSchema, 0, true);
  }
  return NEVER;
}

/**
 * Whether a rule's pattern can match a catalog event: `no` only when provably impossible. An invalid pattern
 * answers `maybe` (report it with `validatePattern`, not as a routing gap).
 */
export function eventMatchesDeclaredEvent(pattern: unknown, decl: DeclaredEvent, patterns?: PatternCache): Verdict {
  const compiled = compilePattern(pattern, {}, patterns);
  if (compiled.errors.length > 0) return 'maybe';
  const cache = new Map<string, Abstract>();
  const at = (path: string): Abstract => {
    let a = cache.get(path);
    if (!a) cache.set(path, (a = envelope(path, decl)));
    return a;
  };
  return orVerdicts(compiled.branches.map((branch) => andVerdicts(branch.map((field) => fieldVerdict(field, at(field.path))))));
}
