import * as YAML from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Problem, Span } from '../span';
import { MAX_ALIAS_NODES, MAX_DEPTH } from './limits';

const { isAlias, isMap, isPair, isScalar, isSeq, Scalar } = YAML;

/** The plain value of a YAML document, and what kept parts of it out. */
export interface Converted {
  /** The document as plain data (`null` for an empty document). */
  readonly value: unknown;
  /**
   * `yaml/complex-key`, `yaml/merge`, `yaml/unknown-anchor`, `yaml/alias-cycle`, `yaml/alias-limit` and
   * `yaml/too-deep`, each at the node it is about.
   */
  readonly problems: readonly Problem[];
  /** The scalar keys that repeat an earlier key of their map (`<<` merges aside). */
  readonly duplicates: readonly Span[];
  /** Set when the value could not be built whole: a `yaml/too-deep` or `yaml/alias-limit` problem. */
  readonly incomplete: boolean;
}

/** Options of `toValue`. */
export interface ToValueOptions {
  /**
   * Called with every collection or scalar that has a tag and its plain value; returns the value to
   * use (the importer turns `!Ref x` into `{ Ref: x }`).
   */
  readonly tagged?: (tag: string, value: unknown) => unknown;
}

interface Anchored {
  /** Converted: an alias may use it (before that, an alias to it is inside it: a cycle). */
  done: boolean;
  value: unknown;
  /** Nodes of the value, aliases expanded. */
  size: number;
  /** Nesting of the value: 0 for a scalar, 1 for a collection of scalars. */
  height: number;
  isMap: boolean;
  isScalar: boolean;
}

/**
 * The plain value of a parsed YAML document, as the `yaml` package's `toJS` builds it for the files
 * Archflow reads, with a budget and without its traps:
 * - a map key that is a collection is reported (`yaml/complex-key`, at the key) and its entry left
 *   out; `yaml` would stringify it, which costs time and memory exponential in its nesting;
 * - nesting deeper than `MAX_DEPTH` (aliases included) stops with `yaml/too-deep` at the node;
 * - aliases share the value they name (as in `yaml`), their expansion is bounded by `MAX_ALIAS_NODES`
 *   (`yaml/alias-limit`), and an alias inside what it names is reported (`yaml/alias-cycle`);
 * - YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`, `<<: { … }`) are resolved as YAML 1.1 defines
 *   them (keys of the map win over merged ones; earlier sources win over later ones);
 * - `__proto__` and other inherited names are own properties.
 * Never throws; the recursion is bounded by `MAX_DEPTH` (`readYaml` keeps deeper text out of the tree).
 */
export function toValue(doc: Document.Parsed, text: string, options: ToValueOptions = {}): Converted {
  const c = new Converter(text, options);
  const value = doc.contents === null || doc.contents === undefined ? null : c.convert(doc.contents as Node, 1);
  return { value, problems: c.problems, duplicates: c.duplicates, incomplete: c.tooDeep || c.aliasLimited };
}

class Converter {
  readonly problems: Problem[] = [];
  readonly duplicates: Span[] = [];
  tooDeep = false;
  aliasLimited = false;
  /** Nodes added by aliases so far. */
  private expanded = 0;
  /** Size and height of the value last returned by `convert`. */
  private size = 0;
  private height = 0;
  private readonly anchors = new Map<string, Anchored>();

  constructor(private readonly text: string, private readonly options: ToValueOptions) {}

  private report(code: string, message: string, span: Span): void {
    this.problems.push({ code, severity: 'error', message, span, pointer: [] });
  }

  /** The first line of a node's range (only its opening bracket for a flow collection, unless `whole`). */
  private spanOf(node: unknown, whole = false): Span {
    const r = (node as { range?: readonly number[] } | null)?.range;
    if (!r) return { start: 0, end: 0 };
    const start = r[0]!;
    let end = r[1]!;
    const flow = (isMap(node) || isSeq(node)) && node.flow;
    if (flow && !whole) end = start + 1;
    const nl = this.text.indexOf('\n', start);
    if (nl >= 0 && nl < end) end = nl;
    return { start, end: Math.max(end, Math.min(start + 1, this.text.length)) };
  }

  /**
   * The plain value of `node`, which sits at nesting `depth` (the document's top collection is at 1).
   * Sets `size` and `height`.
   */
  convert(node: Node | null | undefined, depth: number): unknown {
    if (node === null || node === undefined) {
      this.size = 1;
      this.height = 0;
      return null;
    }
    if (isAlias(node)) return this.alias(node, depth);
    const anchor = (node as { anchor?: string }).anchor;
    let entry: Anchored | undefined;
    if (anchor) {
      entry = { done: false, value: null, size: 1, height: 0, isMap: isMap(node), isScalar: isScalar(node) };
      this.anchors.set(anchor, entry);
    }
    let value: unknown;
    if (isScalar(node)) {
      value = node.value === undefined ? null : node.value;
      this.size = 1;
      this.height = 0;
    } else if (isMap(node) || isSeq(node)) {
      value = depth > MAX_DEPTH ? this.pastDepth(node) : isMap(node) ? this.map(node.items as Pair[], depth) : this.seq(node.items as unknown[], depth);
    } else {
      value = null;
      this.size = 1;
      this.height = 0;
    }
    const tag = (node as { tag?: string }).tag;
    if (tag && this.options.tagged) value = this.options.tagged(tag, value);
    if (entry) {
      entry.done = true;
      entry.value = value;
      entry.size = this.size;
      entry.height = this.height;
    }
    return value;
  }

  private alias(node: YAML.Alias, depth: number): unknown {
    this.size = 1;
    this.height = 0;
    const target = this.anchors.get(node.source);
    if (!target) {
      this.report('yaml/unknown-anchor', `Nothing is anchored as &${node.source} before this alias: write \`&${node.source}\` on the value it names, above it.`, this.spanOf(node));
      return null;
    }
    if (!target.done) {
      this.report('yaml/alias-cycle', `The alias *${node.source} is inside the value it names; YAML with a cycle cannot be read as data.`, this.spanOf(node));
      return null;
    }
    if (depth - 1 + target.height > MAX_DEPTH) {
      if (!this.tooDeep) {
        this.tooDeep = true;
        this.report('yaml/too-deep', `With what *${node.source} names, this value is nested more than ${MAX_DEPTH} levels deep; Archflow reads YAML nested up to ${MAX_DEPTH} levels.`, this.spanOf(node));
      }
      return null;
    }
    if (!this.charge(target.size, node)) return null;
    this.size = target.size;
    this.height = target.height;
    return target.value;
  }

  /** Counts `nodes` more from aliases; false (and `yaml/alias-limit` once) past the budget. */
  private charge(nodes: number, at: Node): boolean {
    if (this.aliasLimited) return false;
    this.expanded += nodes;
    if (this.expanded <= MAX_ALIAS_NODES) return true;
    this.aliasLimited = true;
    this.report('yaml/alias-limit', `YAML aliases expand to too many nodes (more than ${MAX_ALIAS_NODES.toLocaleString('en-US')}); this looks like an alias bomb. Write the values out instead of nesting aliases.`, this.spanOf(at));
    return false;
  }

  /** A collection nested past MAX_DEPTH: null, and `yaml/too-deep` at `at` (the first in the file only). Sets `size` and `height`. */
  private pastDepth(at: unknown): null {
    if (!this.tooDeep) {
      this.tooDeep = true;
      this.report('yaml/too-deep', `This value is nested more than ${MAX_DEPTH} levels deep; Archflow reads YAML nested up to ${MAX_DEPTH} levels. Flatten it.`, this.spanOf(at));
    }
    this.size = 1;
    this.height = 0;
    return null;
  }

  private seq(items: readonly unknown[], depth: number): unknown[] {
    const out: unknown[] = [];
    let size = 1;
    let height = 0;
    for (const item of items) {
      // A pair in a list (the entries of !!pairs and !!omap): a map of one entry, a level of its own.
      if (isPair(item)) out.push(depth + 1 > MAX_DEPTH ? this.pastDepth(item.key ?? item.value) : this.map([item], depth + 1));
      else out.push(this.convert(item as Node, depth + 1));
      size += this.size;
      if (this.height > height) height = this.height;
    }
    this.size = size;
    this.height = height + 1;
    return out;
  }

  private map(items: readonly Pair[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let size = 1;
    let height = 0;
    let seen: Set<string> | undefined;
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      if (isScalar(key) && key.value === '<<' && (!key.type || key.type === Scalar.PLAIN) && !key.tag) {
        this.merge(out, pair.value as Node | null, depth);
        size += this.size;
        if (this.height > height) height = this.height;
        continue;
      }
      let k: string;
      if (key === null || key === undefined) k = '';
      else if (isScalar(key)) {
        const v = key.value;
        k = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
        seen ??= new Set();
        const id = typeof v + ':' + k;
        if (seen.has(id)) {
          const r = key.range;
          if (r) this.duplicates.push({ start: r[0], end: r[1] });
        } else seen.add(id);
      } else if (isAlias(key) && this.anchors.get(key.source)?.isScalar) {
        const v = this.anchors.get(key.source)!.value;
        k = v === null || v === undefined ? '' : String(v);
      } else {
        const what = isMap(key) ? 'a map' : isSeq(key) ? 'a list' : 'an alias to a collection';
        this.report('yaml/complex-key', `A map key must be text, a number or a boolean; this key is ${what}, which Archflow does not read. The entry is left out.`, this.spanOf(key, true));
        continue;
      }
      const value = this.convert(pair.value as Node | null, depth + 1);
      size += this.size;
      if (this.height > height) height = this.height;
      if (k in out) Object.defineProperty(out, k, { value, writable: true, enumerable: true, configurable: true });
      else out[k] = value;
    }
    this.size = size;
    this.height = height + 1;
    return out;
  }

  /** Adds the entries of a merge key's sources that `out` does not have yet. Sets `size` and `height`. */
  private merge(out: Record<string, unknown>, value: Node | null, depth: number): void {
    let size = 0;
    let height = 0;
    const sources = isSeq(value) ? (value.items as (Node | null)[]) : [value];
    for (const source of sources) {
      let merged: unknown;
      if (isAlias(source)) {
        const target = this.anchors.get(source.source);
        if (target && target.done && !target.isMap) {
          this.report('yaml/merge', `A merge key \`<<\` takes maps; *${source.source} names ${target.isScalar ? 'a scalar' : 'a list'}.`, this.spanOf(source));
          continue;
        }
        merged = this.alias(source, depth);
      } else if (isMap(source)) merged = this.convert(source, depth);
      else {
        this.report('yaml/merge', 'A merge key `<<` takes a map or a list of maps, usually aliases such as `*defaults`.', this.spanOf(source ?? value));
        continue;
      }
      size += this.size;
      if (this.height - 1 > height) height = this.height - 1;
      if (!merged || typeof merged !== 'object') continue;
      for (const [k, v] of Object.entries(merged)) {
        if (!Object.prototype.hasOwnProperty.call(out, k)) Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
      }
    }
    this.size = size;
    this.height = height;
  }
}
