import type { Pointer } from '../span';
import { schema as formatSchema } from '../schema/validate';
import { isObj, type Obj } from '../util/value';

/** A JSON Schema node of the format (draft-07, as written by scripts/schema-source.mjs). */
export type SchemaNode = Readonly<Record<string, unknown>>;



/** The JSON type of a value, as a schema `type` names it (`integer` for whole numbers). */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The types a schema allows (empty: any). */
export function typesOf(s: SchemaNode): string[] {
  const t = s.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.map(String);
  if ('const' in s) return [jsonType(s.const)];
  if (Array.isArray(s.enum)) return [...new Set(s.enum.map(jsonType))];
  if (isObj(s.properties) || 'additionalProperties' in s) return ['object'];
  if ('items' in s) return ['array'];
  return [];
}

function accepts(s: SchemaNode, value: unknown): boolean {
  const types = typesOf(s);
  if (types.length === 0) return true;
  const t = jsonType(value);
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

/**
 * Walks the format's JSON Schema alongside a document: from a document pointer to the sub-schemas
 * that describe it. Follows `$ref`, `properties`, `additionalProperties`, `items`, the branches of
 * `anyOf` / `oneOf` (narrowed by the value's type when it is known), the `type` discriminator of
 * producers and routers, and `if` / `then` / `else` for consumers.
 */
export class SchemaNavigator {
  constructor(private readonly root: SchemaNode = formatSchema) {}

  /** Follows a local `$ref` (`#/definitions/queue`). */
  deref(s: SchemaNode): SchemaNode {
    let current = s;
    for (let i = 0; i < 16 && typeof current.$ref === 'string'; i++) {
      const path = current.$ref.replace(/^#\/?/, '').split('/').filter(Boolean);
      let target: unknown = this.root;
      for (const seg of path) target = isObj(target) ? target[seg] : undefined;
      if (!isObj(target)) return {};
      current = target;
    }
    return current;
  }

  /**
   * The concrete alternatives of a schema for a value (`undefined`: not known yet). A schema with
   * `anyOf` contributes its branches; with a discriminator, only the branch its `type` names (all of
   * them when `keepAll` or the type is missing); with `if`, the branch the value selects.
   */
  alternatives(schemaNode: SchemaNode, value: unknown, keepAll = false): SchemaNode[] {
    const s = this.deref(schemaNode);
    const out: SchemaNode[] = [];
    const union = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined) as SchemaNode[] | undefined;
    if (union) {
      let branches = union.map((b) => this.deref(b));
      const disc = isObj(s.discriminator) ? String(s.discriminator.propertyName) : undefined;
      if (disc && !keepAll && isObj(value) && typeof value[disc] === 'string') {
        const chosen = branches.filter((b) => isObj(b.properties) && isObj(b.properties[disc]) && (b.properties[disc] as Obj).const === value[disc]);
        if (chosen.length) branches = chosen;
      }
      if (value !== undefined) {
        const fitting = branches.filter((b) => this.alternatives(b, undefined).some((a) => accepts(a, value)));
        if (fitting.length) branches = fitting;
      }
      for (const b of branches) out.push(...this.alternatives(b, value, keepAll));
      return out;
    }
    if (isObj(s.if) && (isObj(s.then) || isObj(s.else))) {
      const branches: SchemaNode[] = [];
      if (value === undefined || keepAll) {
        if (isObj(s.then)) branches.push(s.then);
        if (isObj(s.else)) branches.push(s.else);
      } else {
        const chosen = this.matchesIf(s.if, value) ? s.then : s.else;
        if (isObj(chosen)) branches.push(chosen);
      }
      for (const b of branches) out.push(...this.alternatives(b, value, keepAll));
      return out;
    }
    return [s];
  }

  /** A shallow check of an `if` schema: the required properties exist and consts match. */
  private matchesIf(cond: SchemaNode, value: unknown): boolean {
    if (!accepts(cond, value)) return false;
    if (!isObj(value)) return !isObj(cond.properties);
    const required = Array.isArray(cond.required) ? cond.required.map(String) : [];
    if (required.some((k) => !(k in value))) return false;
    if (isObj(cond.properties)) {
      for (const [k, p] of Object.entries(cond.properties)) {
        if (isObj(p) && 'const' in p && k in value && value[k] !== p.const) return false;
      }
    }
    return true;
  }

  /** The schemas of one step down: a property of an object, or an item of an array. */
  child(parent: SchemaNode, segment: string | number, parentValue: unknown): SchemaNode[] {
    const out: SchemaNode[] = [];
    const key = String(segment);
    for (const alt of this.alternatives(parent, parentValue, this.isDiscriminator(parent, key))) {
      const index = Array.isArray(parentValue) || typeof segment === 'number'
        || (parentValue === undefined && /^\d+$/.test(key) && typesOf(alt).includes('array'));
      if (index) {
        if (isObj(alt.items)) out.push(alt.items);
        continue;
      }
      if (isObj(alt.properties) && isObj(alt.properties[key])) out.push(alt.properties[key] as SchemaNode);
      else if (isObj(alt.additionalProperties)) out.push(alt.additionalProperties);
    }
    return out;
  }

  private isDiscriminator(s: SchemaNode, key: string): boolean {
    const d = this.deref(s);
    if (isObj(d.discriminator) && d.discriminator.propertyName === key) return true;
    return isObj(d.if) && isObj(d.if.properties) && key in d.if.properties;
  }

  /**
   * The schemas describing the value at `pointer` of a document whose plain value is `root`.
   * Empty when the pointer leaves the format (an unknown property).
   */
  at(rootValue: unknown, pointer: Pointer): SchemaNode[] {
    let current: SchemaNode[] = [this.root];
    let value: unknown = rootValue;
    for (const segment of pointer) {
      const next: SchemaNode[] = [];
      for (const s of current) next.push(...this.child(s, segment, value));
      current = next;
      if (current.length === 0) return [];
      value = Array.isArray(value) ? value[Number(segment)] : isObj(value) ? value[String(segment)] : undefined;
    }
    return current;
  }

  /** The first `markdownDescription` met going from the schemas at a pointer into their branches. */
  describe(schemas: readonly SchemaNode[], value: unknown): FieldInfo {
    const info: { description?: string; unit?: string; default?: unknown; limit?: string; types: string[]; values: unknown[] } = { types: [], values: [] };
    const visit = (s: SchemaNode): void => {
      const d = this.deref(s);
      if (info.description === undefined && typeof d.markdownDescription === 'string') info.description = d.markdownDescription;
      if (info.unit === undefined && typeof d['x-unit'] === 'string') info.unit = d['x-unit'];
      if (info.limit === undefined && typeof d['x-limit'] === 'string') info.limit = d['x-limit'];
      if (info.default === undefined && 'default' in d) info.default = d.default;
    };
    for (const s of schemas) visit(s);
    for (const s of schemas) {
      for (const alt of this.alternatives(s, value, true)) {
        visit(alt);
        for (const t of typesOf(alt)) if (!info.types.includes(t)) info.types.push(t);
        if ('const' in alt && !info.values.includes(alt.const)) info.values.push(alt.const);
        if (Array.isArray(alt.enum)) for (const v of alt.enum) if (!info.values.includes(v)) info.values.push(v);
      }
    }
    return info;
  }

  /** The properties the object at `pointer` may have, with their schemas (first alternative wins). */
  properties(schemas: readonly SchemaNode[], value: unknown): Map<string, SchemaNode> {
    const out = new Map<string, SchemaNode>();
    for (const s of schemas) {
      for (const alt of this.alternatives(s, value)) {
        if (!isObj(alt.properties)) continue;
        for (const [k, p] of Object.entries(alt.properties)) if (!out.has(k) && isObj(p)) out.set(k, p);
      }
    }
    return out;
  }
}

/** What the schema says about a field, for hover and completion documentation. */
export interface FieldInfo {
  readonly description?: string;
  readonly unit?: string;
  readonly default?: unknown;
  readonly limit?: string;
  /** The JSON types allowed. */
  readonly types: readonly string[];
  /** Enumerated and constant values allowed. */
  readonly values: readonly unknown[];
}

/** The navigator over the format's schema. */
export const navigator = new SchemaNavigator();

/** Markdown documentation of a field: its description, then unit, default and AWS limit. */
export function fieldMarkdown(name: string | undefined, info: FieldInfo): string {
  const parts: string[] = [];
  if (name !== undefined) parts.push(`**${name}**${info.unit ? ` · ${info.unit}` : ''}`);
  if (info.description) parts.push(info.description);
  const facts: string[] = [];
  if (name === undefined && info.unit) facts.push(`Unit: ${info.unit}`);
  if (info.default !== undefined) facts.push(`Default: \`${JSON.stringify(info.default)}\``);
  if (info.limit) facts.push(`AWS limit: ${info.limit}`);
  if (facts.length) parts.push(facts.join(' · '));
  return parts.join('\n\n');
}
