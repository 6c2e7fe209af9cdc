import { Allocator, pascal, propertyKey } from './names';
import { isObj, type Obj } from '../util/value';


/** How deep a schema may nest before the generator gives up with `unknown` (guards cycles and bombs). */
const MAX_DEPTH = 24;

/** A catalog entry to turn into a type. */
export interface NamedSchema {
  /** The name as written (`OrderPlaced`, `order.placed`); the type name is made from it. */
  readonly name: string;
  readonly schema: unknown;
  readonly description?: string;
}

/** The TypeScript declarations of a set of schemas and the type name given to each. */
export interface TypeModule {
  /** `export type …` declarations, in a stable order. */
  readonly code: string;
  /** Schema name → TypeScript type name. */
  readonly names: ReadonlyMap<string, string>;
}

const comment = (text: string, indent: string): string => {
  const clean = text.replace(/\*\//g, '*\\/').replace(/\r/g, '').trim();
  if (!clean) return '';
  const lines = clean.split('\n');
  return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
};

const literal = (v: unknown): string | undefined => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return undefined;
};

const union = (parts: string[]): string => {
  const unique = [...new Set(parts)];
  if (unique.includes('unknown')) return 'unknown';
  const kept = unique.filter((p) => p !== 'never');
  if (kept.length === 0) return 'never';
  return kept.join(' | ');
};

const wrap = (t: string): string => (/[|&]/.test(t) && !/^\{[\s\S]*\}$/.test(t) ? `(${t})` : t);

/** Resolves a local JSON pointer (`#/definitions/Address`) inside a root schema. */
function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (isObj(node) && Object.prototype.hasOwnProperty.call(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/**
 * Turns JSON Schemas into TypeScript types: objects (required / optional, `additionalProperties`),
 * arrays and tuples, enums, `const`, unions (`anyOf` / `oneOf` / type lists), `allOf`, string formats
 * (as doc comments), nested objects and `$ref` within the same schema (named helper types). Never
 * throws: anything it cannot express becomes `unknown`.
 */
export function schemasToTypes(schemas: readonly NamedSchema[], reserved: Iterable<string> = []): TypeModule {
  const alloc = new Allocator(reserved);
  const names = new Map<string, string>();
  const declarations: string[] = [];
  for (const s of schemas) names.set(s.name, alloc.take(pascal(s.name), 'event:' + s.name));

  for (const s of schemas) {
    const typeName = names.get(s.name)!;
    // Named helper types for `$ref`s, per root schema: pointer → type name.
    const refs = new Map<string, string>();
    const inProgress = new Set<string>(['#']);
    const pending: string[] = [];
    const refName = (ref: string): string => {
      let name = refs.get(ref);
      if (!name) {
        if (ref === '#') return typeName;
        const last = ref.split('/').filter(Boolean).pop() ?? 'Part';
        name = alloc.take(typeName + pascal(decodeURIComponent(last)), `ref:${s.name}:${ref}`);
        refs.set(ref, name);
        pending.push(ref);
      }
      return name;
    };

    const toType = (schema: unknown, depth: number, indent: string, structural: boolean): string => {
      if (depth > MAX_DEPTH) return 'unknown';
      if (schema === false) return 'never';
      if (!isObj(schema)) return 'unknown';
      const parts: string[] = [];
      if (typeof schema.$ref === 'string') {
        const target = resolvePointer(s.schema, schema.$ref);
        if (target === undefined) return 'unknown';
        const name = refName(schema.$ref);
        // A type alias may only refer to itself through an object or array.
        if (!structural && inProgress.has(schema.$ref)) return 'unknown';
        return name;
      }
      let base: string;
      if ('const' in schema) base = literal(schema.const) ?? 'unknown';
      else if (Array.isArray(schema.enum)) {
        const lits = schema.enum.map(literal);
        base = lits.some((l) => l === undefined) ? 'unknown' : union(lits as string[]);
      } else base = typeFromTypeKeyword(schema, depth, indent, structural);
      parts.push(base);
      const combos: string[] = [];
      for (const key of ['anyOf', 'oneOf'] as const) {
        const list = schema[key];
        if (Array.isArray(list) && list.length > 0) combos.push(wrap(union(list.map((m) => toType(m, depth + 1, indent, structural)))));
      }
      if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
        for (const m of schema.allOf) combos.push(wrap(toType(m, depth + 1, indent, structural)));
      }
      let out = base;
      if (combos.length > 0) {
        const implicit = base === 'unknown' && !('type' in schema) && !isObj(schema.properties);
        out = (implicit ? combos : [wrap(base), ...combos]).filter((c) => c !== 'unknown').join(' & ') || 'unknown';
      }
      if (schema.nullable === true && out !== 'unknown') out = `${wrap(out)} | null`;
      return out;
    };

    const typeFromTypeKeyword = (schema: Obj, depth: number, indent: string, structural: boolean): string => {
      const t = schema.type;
      const types = Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : [];
      if (types.length === 0) {
        if (isObj(schema.properties) || isObj(schema.additionalProperties) || Array.isArray(schema.required)) return objectType(schema, depth, indent);
        if ('items' in schema || 'prefixItems' in schema) return arrayType(schema, depth, indent);
        return 'unknown';
      }
      return union(types.map((one) => {
        switch (one) {
          case 'string': return 'string';
          case 'number': case 'integer': return 'number';
          case 'boolean': return 'boolean';
          case 'null': return 'null';
          case 'array': return arrayType(schema, depth, indent);
          case 'object': return objectType(schema, depth, indent);
          default: return structural ? 'unknown' : 'unknown';
        }
      }));
    };

    const arrayType = (schema: Obj, depth: number, indent: string): string => {
      const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : undefined;
      if (tuple) {
        const rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
        const restType = rest === false ? '' : `...${wrap(isObj(rest) ? toType(rest, depth + 1, indent, true) : 'unknown')}[]`;
        const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
        const members = tuple.map((m, i) => toType(m, depth + 1, indent, true) + (i >= min ? '?' : ''));
        return `[${[...members, ...(restType ? [restType] : [])].join(', ')}]`;
      }
      const item = 'items' in schema ? toType(schema.items, depth + 1, indent, true) : 'unknown';
      return `${wrap(item)}[]`;
    };

    const objectType = (schema: Obj, depth: number, indent: string): string => {
      const props = isObj(schema.properties) ? schema.properties : {};
      const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
      const inner = indent + '  ';
      let body = '';
      for (const [key, value] of Object.entries(props)) {
        const doc = isObj(value) ? [typeof value.description === 'string' ? value.description : '', typeof value.format === 'string' ? `Format: ${value.format}.` : ''].filter(Boolean).join(' ') : '';
        body += comment(doc, inner);
        body += `${inner}${propertyKey(key)}${required.has(key) ? '' : '?'}: ${toType(value, depth + 1, inner, true)};\n`;
      }
      // Required names without a property schema still exist.
      for (const key of required) if (!(key in props)) body += `${inner}${propertyKey(key)}: unknown;\n`;
      const extra = schema.additionalProperties;
      const hasNamed = Object.keys(props).length > 0 || required.size > 0;
      if (isObj(schema.patternProperties) || (extra !== false && extra !== undefined && hasNamed && isObj(extra))) {
        body += `${inner}[key: string]: unknown;\n`;
      } else if (!hasNamed && extra !== false) {
        const valueType = isObj(extra) ? toType(extra, depth + 1, inner, true) : 'unknown';
        body += `${inner}[key: string]: ${valueType};\n`;
      }
      return body ? `{\n${body}${indent}}` : '{}';
    };

    const top = toType(s.schema, 0, '', false);
    declarations.push(comment(s.description ?? (isObj(s.schema) && typeof s.schema.description === 'string' ? s.schema.description : ''), '') + `export type ${typeName} = ${top === 'never' && s.schema === undefined ? 'unknown' : top};\n`);
    while (pending.length > 0) {
      const ref = pending.shift()!;
      inProgress.add(ref);
      const target = resolvePointer(s.schema, ref);
      const doc = isObj(target) && typeof target.description === 'string' ? target.description : '';
      declarations.push(comment(doc, '') + `export type ${refs.get(ref)!} = ${toType(target, 1, '', false)};\n`);
      inProgress.delete(ref);
    }
  }
  return { code: declarations.join('\n'), names };
}

/** The TypeScript type of a plain JSON value (for schedule `input` and rule `input` constants). */
export function typeOfValue(value: unknown, indent = '', depth = 0): string {
  if (depth > MAX_DEPTH) return 'unknown';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'unknown[]' : `${wrap(union(value.map((v) => typeOfValue(v, indent, depth + 1))))}[]`;
  if (isObj(value)) {
    const inner = indent + '  ';
    const body = Object.entries(value).map(([k, v]) => `${inner}${propertyKey(k)}: ${typeOfValue(v, inner, depth + 1)};\n`).join('');
    return body ? `{\n${body}${indent}}` : '{}';
  }
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'unknown';
}
