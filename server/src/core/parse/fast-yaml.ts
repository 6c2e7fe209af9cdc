import { Alias, Document, isMap, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Span } from '../span';
import { lineAt, lineStarts } from '../util/lines';
import type { Obj } from '../util/value';
import { MAX_ALIAS_NODES, MAX_DEPTH } from './limits';

/**
 * A fast path for the YAML architecture files are written in: block maps and lists, one-line and
 * multi-line flow maps and lists, plain and quoted one-line scalars, comments. It builds the same
 * tree as the `yaml` package (its node classes, extended only to store ranges compactly; the same
 * values, scalar types, flow flags and ranges) and the plain value, about ten times faster. It reads
 * anchors on values, aliases and merge keys (`<<: *defaults`) as to-value.ts does (shared values,
 * own entries win), and leaves anything else — anchors on keys, aliases as keys, an alias to what is
 * not done yet or past the alias budget, tags, block or multi-line scalars, escapes, tabs, CRLF,
 * several documents, nesting deeper than `MAX_DEPTH`, and every error — to yaml (it returns undefined),
 * and `parse` uses the `yaml` package. test/unit/fast-yaml.test.ts compares both on every example,
 * the corpus, generated architectures and thousands of mutations. It can be switched off to rule it
 * out of a bug report: `ARCHFLOW_FAST_YAML=off` or the `archflow.fastYaml` setting (docs/settings.md).
 *
 * Where `yaml` lets a collection's range take in the comment lines after it (its rules depend on
 * the indentation of the comments and of what follows), the fast path follows the simple cases;
 * the ranges then differ only by trailing comments. `range[2]` is not read anywhere in the core.
 * `duplicates` are the keys that repeat an earlier key of their map (as `yaml` reports them).
 *
 * What it relies on in `yaml` (checked against the version pinned in package.json; a new version is
 * taken only after test/unit/fast-yaml.test.ts passes with it):
 * - the node classes `Scalar`, `YAMLMap`, `YAMLSeq`, `Pair`, `Alias` and `Document`, built with their public
 *   constructors; `isScalar`, `isMap`… recognise the subclasses through the type symbol their
 *   constructors set;
 * - `range` is a plain property the constructors do not define (the subclasses replace it with an
 *   accessor on their prototype);
 * - the fields the composer sets on what it builds: `Scalar.type` (`PLAIN`, `QUOTE_DOUBLE`,
 *   `QUOTE_SINGLE`), `Scalar.source`, `Scalar.format` (`OCT`, `HEX`, `EXP`), `Scalar.minFractionDigits`,
 *   `flow` on flow collections, `anchor` on anchored nodes, `Alias.source`, and `Document.contents`
 *   and `range`; the range of an anchored node starts at its value, after `&name`;
 * - the YAML 1.2 core schema of `schema/core/*.js` (null, bool, int, float): its tests and resolvers
 *   are copied into `plainScalar` below.
 */
export function fastParse(text: string): { doc: Document.Parsed; value: unknown; duplicates: Span[] } | undefined {
  try {
    return new FastParser(text).document();
  } catch {
    // BAIL, or a bug of the fast path: the `yaml` path reads the text (and reports what is wrong with it).
    return undefined;
  }
}

/**
 * The fast path's nodes keep their range in three number fields instead of a `[start, end, nodeEnd]`
 * array: two objects fewer per node, which is most of what the young-generation collector copies
 * while an analysis holds the tree. `range` still reads (a fresh array) and writes as the `yaml` API
 * has it; the classes extend the `yaml` classes, so `isScalar`, `isMap` and the rest see no difference.
 */
interface Compact {
  r0: number;
  r1: number;
  r2: number;
}

function compactRange(proto: object): void {
  Object.defineProperty(proto, 'range', {
    configurable: true,
    get(this: Compact) {
      return [this.r0, this.r1, this.r2];
    },
    set(this: Compact, r: readonly number[] | null | undefined) {
      if (!r) return;
      this.r0 = r[0]!;
      this.r1 = r[1]!;
      this.r2 = r[2]!;
    },
  });
}

class FastScalar extends Scalar {
  r0 = 0;
  r1 = 0;
  r2 = 0;
}
class FastMap extends YAMLMap {
  r0 = 0;
  r1 = 0;
  r2 = 0;
}
class FastSeq extends YAMLSeq {
  r0 = 0;
  r1 = 0;
  r2 = 0;
}
compactRange(FastScalar.prototype);
compactRange(FastMap.prototype);
compactRange(FastSeq.prototype);

function setRange(node: unknown, start: number, end: number, nodeEnd: number): void {
  const c = node as Compact;
  c.r0 = start;
  c.r1 = end;
  c.r2 = nodeEnd;
}

/** Thrown to leave the fast path. */
const BAIL = Symbol('bail');

interface Parsed {
  readonly node: Node | null;
  readonly value: unknown;
  /** `range[2]` of the node: after trailing spaces, a comment and the line break. */
  readonly nodeEnd: number;
}

const SPACE = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const COMMA = 44;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const BACKSLASH = 92;
const AMP = 38;
const STAR = 42;
/** The anchor and alias names the fast path reads; any other is left to yaml. */
const ANCHOR_NAME = /^[A-Za-z0-9_.-]+/;

/** Characters that cannot start a plain scalar here (or that start something the fast path leaves to `yaml`). */
const INDICATOR = new Set([...',[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
/** `-`, `?` and `:` start a plain scalar only when a non-space follows. */
const MAYBE_INDICATOR = new Set([...'-?:'].map((c) => c.charCodeAt(0)));
const FLOW_END = new Set([COMMA, RBRACE, RBRACKET, LBRACE, LBRACKET]);

/** Characters the fast path leaves to yaml: tabs, CR, other controls, BOM, line separators, surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const MAYBE_NOT_STRING = /^[-+.~0-9nNtTfF]|^$/;

/** A plain scalar as the YAML 1.2 core schema reads it (the `yaml` package's default). */
function plainScalar(source: string): Scalar {
  let s: Scalar;
  if (!MAYBE_NOT_STRING.test(source)) s = new FastScalar(source);
  else if (NULL.test(source)) s = new FastScalar(null);
  else if (BOOL.test(source)) s = new FastScalar(source[0] === 't' || source[0] === 'T');
  else if (INT_OCT.test(source)) {
    s = new FastScalar(parseInt(source.substring(2), 8));
    s.format = 'OCT';
  } else if (INT.test(source)) s = new FastScalar(parseInt(source, 10));
  else if (INT_HEX.test(source)) {
    s = new FastScalar(parseInt(source.substring(2), 16));
    s.format = 'HEX';
  } else if (FLOAT_NAN.test(source)) {
    s = new FastScalar(source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY);
  } else if (FLOAT_EXP.test(source)) {
    s = new FastScalar(parseFloat(source));
    s.format = 'EXP';
  } else if (FLOAT.test(source)) {
    s = new FastScalar(parseFloat(source));
    const dot = source.indexOf('.');
    if (dot !== -1 && source[source.length - 1] === '0') s.minFractionDigits = source.length - dot - 1;
  } else s = new FastScalar(source);
  s.type = Scalar.PLAIN;
  s.source = source;
  return s;
}

function keyString(node: Scalar): string {
  const v = node.value;
  if (v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

class FastParser {
  private readonly starts: number[];
  private readonly indents: number[] = [];
  /** Line has something other than spaces and a comment. */
  private readonly content: boolean[] = [];

  constructor(private readonly text: string) {
    if (UNUSUAL.test(text)) throw BAIL;
    this.starts = lineStarts(text);
    for (let l = 0; l < this.starts.length; l++) {
      const s = this.starts[l]!;
      let i = s;
      while (text.charCodeAt(i) === SPACE) i++;
      this.indents.push(i - s);
      const c = text.charCodeAt(i);
      this.content.push(!(i >= text.length || c === NL || c === HASH));
    }
  }

  private lineEnd(l: number): number {
    return l + 1 < this.starts.length ? this.starts[l + 1]! - 1 : this.text.length;
  }

  private lineOf(offset: number): number {
    return lineAt(this.starts, offset);
  }

  /** The next line at or after `l` with content, or the number of lines. */
  private nextContent(l: number): number {
    while (l < this.starts.length && !this.content[l]) l++;
    return l;
  }

  /** Keys repeating an earlier key of the same map. */
  private readonly duplicates: Span[] = [];
  /** Collections open (maps and lists); past `MAX_DEPTH` the text is left to `yaml` (and `yaml/too-deep`). */
  private depth = 0;
  /** Anchors read so far, by name (the latest wins, as in YAML); `done` once their value is built. */
  private readonly anchors = new Map<string, { done: boolean; value: unknown; isMap: boolean }>();
  /** Nodes aliases added (see `aliasValue`), and the size and height of values aliases named. */
  private expanded = 0;
  private readonly measured = new Map<object, { size: number; height: number }>();

  /** Size (nodes) and height (nesting) of a plain value, shared parts measured once. */
  private measure(v: unknown): { size: number; height: number } {
    if (v === null || typeof v !== 'object') return { size: 1, height: 0 };
    const known = this.measured.get(v);
    if (known) return known;
    let size = 1;
    let height = 0;
    for (const x of Array.isArray(v) ? v : Object.values(v)) {
      const m = this.measure(x);
      size += m.size;
      height = Math.max(height, m.height);
    }
    const m = { size, height: height + 1 };
    this.measured.set(v, m);
    return m;
  }

  /**
   * The value an alias at `start` names, as to-value.ts gives it (shared); bails where to-value.ts
   * would report a problem (an unknown anchor, a cycle, too deep, past a quarter of the alias budget:
   * sizes are counted a little differently, yaml decides near the limit).
   */
  private aliasValue(name: string): unknown {
    const anchor = this.anchors.get(name);
    if (!anchor || !anchor.done) throw BAIL;
    const m = this.measure(anchor.value);
    if (this.depth + m.height > MAX_DEPTH) throw BAIL;
    this.expanded += m.size;
    if (this.expanded > MAX_ALIAS_NODES / 4) throw BAIL;
    return anchor.value;
  }

  /** `*name` at `i`: the alias node (range up to the name) and its value; the name must end at `i` + its length. */
  private alias(i: number): { node: Alias; value: unknown; end: number } {
    const m = ANCHOR_NAME.exec(this.text.slice(i + 1, i + 257));
    if (!m) throw BAIL;
    const end = i + 1 + m[0].length;
    const node = new Alias(m[0]);
    node.range = [i, end, end];
    return { node, value: this.aliasValue(m[0]), end };
  }

  /** `&name` at `i`: the name and where it ends. */
  private anchorName(i: number): { name: string; end: number } {
    const m = ANCHOR_NAME.exec(this.text.slice(i + 1, i + 257));
    if (!m) throw BAIL;
    return { name: m[0], end: i + 1 + m[0].length };
  }

  /**
   * Adds to `value` the entries of a merge key's sources (`<<: *a`, `<<: [*a, *b]`, `<<: { … }`) it
   * does not have yet, noting them in `merged` (a key written after them is not a duplicate). Bails
   * on a source that is not a map (yaml/merge).
   */
  private merge(value: Obj, merged: Set<string>, node: Node | null, v: unknown): void {
    const sources: [Node | null, unknown][] = node instanceof YAMLSeq ? node.items.map((item, i) => [item as Node, (v as unknown[])[i]]) : [[node, v]];
    for (const [source, sv] of sources) {
      if (source instanceof Alias ? !this.anchors.get(source.source)?.isMap : !(source instanceof YAMLMap)) throw BAIL;
      for (const k of Object.keys(sv as Obj)) {
        if (Object.prototype.hasOwnProperty.call(value, k)) continue;
        Object.defineProperty(value, k, { value: (sv as Obj)[k], writable: true, enumerable: true, configurable: true });
        merged.add(k);
      }
    }
  }

  /** The ids (type and text) of the keys of maps where a key repeated, and how many items they cover. */
  private readonly keyIds = new Map<YAMLMap, { count: number; ids: Set<string> }>();

  /**
   * Records `key` (just added as the last item of `map`) when it repeats a key of `map`: the plain
   * value already has its string, the id tells `1` from `'1'`. The ids of a map are collected once,
   * at its first repeated string, so a map with many repeats costs linear time.
   */
  private duplicate(map: YAMLMap, key: Scalar): void {
    const id = (k: Scalar): string => typeof k.value + ':' + String(k.value);
    let seen = this.keyIds.get(map);
    if (!seen) this.keyIds.set(map, (seen = { count: 0, ids: new Set() }));
    const items = map.items;
    for (; seen.count < items.length - 1; seen.count++) seen.ids.add(id(items[seen.count]!.key as Scalar));
    const mine = id(key);
    if (seen.ids.has(mine)) this.duplicates.push({ start: (key as unknown as Compact).r0, end: (key as unknown as Compact).r1 });
    seen.ids.add(mine);
    seen.count = items.length;
  }

  document(): { doc: Document.Parsed; value: unknown; duplicates: Span[] } {
    const text = this.text;
    if (/^(?:---|\.\.\.)(?:[ \n]|$)|^%/m.test(text)) throw BAIL;
    const first = this.nextContent(0);
    if (first >= this.starts.length || this.indents[first] !== 0) throw BAIL;
    const map = this.blockMap(first, 0);
    if (this.nextContent(map.nextLine) < this.starts.length) throw BAIL;
    const doc = new Document() as unknown as Document.Parsed;
    doc.contents = map.node as never;
    doc.range = [(map.node as unknown as Compact).r0, (map.node as unknown as Compact).r1, text.length];
    return { doc, value: map.value, duplicates: this.duplicates };
  }

  /**
   * A block map whose first key starts at column `indent` of line `l` (after a list dash, for a map
   * that is a list item); the following keys start at the same column.
   */
  private blockMap(l: number, indent: number): { node: YAMLMap; value: Obj; nextLine: number } {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const text = this.text;
    const map = new FastMap();
    const value: Obj = {};
    /** Keys merge keys added (`<<`): written again, they are not duplicates. */
    let merged: Set<string> | undefined;
    let line = l;
    let at = this.starts[l]! + indent;
    const first = at;
    for (;;) {
      // key
      const keyStart = at;
      let key: Scalar;
      let colon: number;
      const c = text.charCodeAt(at);
      if (c === DQUOTE || c === SQUOTE) {
        const q = this.quoted(at, this.lineEnd(line));
        key = q.node;
        colon = q.end;
        if (text.charCodeAt(colon) !== COLON) throw BAIL;
        setRange(key, keyStart, q.end, q.end);
      } else {
        if (this.badStart(at, false)) throw BAIL;
        const stop = this.lineEnd(line);
        colon = -1;
        for (let i = at; i < stop; i++) {
          const ch = text.charCodeAt(i);
          if (ch === COLON) {
            const next = text.charCodeAt(i + 1);
            if (i + 1 >= stop || next === SPACE) {
              colon = i;
              break;
            }
          } else if (ch === HASH && text.charCodeAt(i - 1) === SPACE) throw BAIL;
        }
        if (colon < 0) throw BAIL;
        let e = colon;
        while (e > at && text.charCodeAt(e - 1) === SPACE) e--;
        if (e !== colon) throw BAIL; // `key :` — leave it to yaml
        key = plainScalar(text.slice(at, e));
        setRange(key, keyStart, e, e);
      }
      const k = keyString(key);
      if (k === '__proto__') throw BAIL;
      // value
      const v = this.blockValue(line, colon + 1, indent, false);
      map.items.push(new Pair(key, v.node));
      if (k === '<<') {
        if (key.type !== Scalar.PLAIN) throw BAIL; // a quoted `"<<"` is a key like any other: yaml's business
        this.merge(value, (merged ??= new Set()), v.node as Node | null, v.value);
      } else {
        if (Object.prototype.hasOwnProperty.call(value, k) && !merged?.delete(k)) this.duplicate(map, key);
        value[k] = v.value;
      }
      const end = v.nodeEnd;
      line = v.nextLine;
      const next = this.nextContent(line);
      if (next >= this.starts.length || this.indents[next]! < indent) {
        setRange(map, first, end, end);
        this.depth--;
        return { node: this.finishBlock(map, end, next, indent), value, nextLine: next };
      }
      if (this.indents[next]! > indent) throw BAIL;
      line = next;
      at = this.starts[next]! + indent;
      if (!this.isKeyLine(next, indent)) throw BAIL;
    }
  }

  /**
   * `range[2]` of a block collection (as `yaml` sets it): when a comment line indented at least as
   * much follows it before the next content, up to that content (or the end of the text).
   */
  private finishBlock<T extends YAMLMap | YAMLSeq>(node: T, end: number, next: number, indent: number): T {
    const text = this.text;
    const from = end > 0 && text.charCodeAt(end - 1) === NL ? this.lineOf(end) : this.lineOf(end) + 1;
    for (let l = from; l < next; l++) {
      const s = this.starts[l]! + this.indents[l]!;
      if (s < text.length && text.charCodeAt(s) === HASH && this.indents[l]! >= indent) {
        (node as unknown as Compact).r2 = next < this.starts.length ? this.starts[next]! : text.length;
        break;
      }
    }
    return node;
  }

  /**
   * The value after a block key's colon (or a list item's dash) at offset `from` of line `l`: on the
   * same line, or a nested block on the next lines. `indent` is the indentation of the key (or dash).
   */
  private blockValue(l: number, from: number, indent: number, inList: boolean): Parsed & { nextLine: number } {
    const text = this.text;
    const stop = this.lineEnd(l);
    let i = from;
    while (i < stop && text.charCodeAt(i) === SPACE) i++;
    const c = text.charCodeAt(i);
    if (i < stop && i > from && c === STAR) {
      // `*name`, then only spaces and a comment on the line; nothing more indented after it.
      const a = this.alias(i);
      let j = a.end;
      while (j < stop && text.charCodeAt(j) === SPACE) j++;
      if (j < stop && !(text.charCodeAt(j) === HASH && j > a.end)) throw BAIL;
      const next = this.nextContent(l + 1);
      if (next < this.starts.length && this.indents[next]! > indent) throw BAIL;
      const nodeEnd = Math.min(text.length, stop + 1);
      a.node.range = [i, a.end, nodeEnd];
      return { node: a.node, value: a.value, nodeEnd, nextLine: l + 1 };
    }
    if (i < stop && i > from && c === AMP) {
      // `&name value` or `&name` before a nested block: the value gets the anchor, its range starts after it.
      const { name, end } = this.anchorName(i);
      let j = end;
      while (j < stop && text.charCodeAt(j) === SPACE) j++;
      if ((j < stop && j === end) || (j < stop && text.charCodeAt(j) === HASH)) throw BAIL;
      const anchor = { done: false, value: null as unknown, isMap: false };
      this.anchors.set(name, anchor);
      const v = this.plainBlockValue(l, end, indent, inList);
      if (v.value === null || typeof v.node !== 'object' || v.node === null || v.node instanceof Alias) throw BAIL;
      (v.node as { anchor?: string }).anchor = name;
      anchor.done = true;
      anchor.value = v.value;
      anchor.isMap = isMap(v.node);
      return v;
    }
    return this.plainBlockValue(l, from, indent, inList);
  }

  /** `blockValue` without properties: a scalar, a flow collection or a nested block. */
  private plainBlockValue(l: number, from: number, indent: number, inList: boolean): Parsed & { nextLine: number } {
    const text = this.text;
    const stop = this.lineEnd(l);
    let i = from;
    while (i < stop && text.charCodeAt(i) === SPACE) i++;
    if (i >= stop || text.charCodeAt(i) === HASH) {
      if (i < stop && i === from) throw BAIL; // `key:#` is not a comment
      // Nothing on this line: a nested block, or null.
      const next = this.nextContent(l + 1);
      if (next < this.starts.length) {
        const ind = this.indents[next]!;
        const s = this.starts[next]! + ind;
        const dash = text.charCodeAt(s) === DASH && (text.charCodeAt(s + 1) === SPACE || s + 1 >= text.length || text.charCodeAt(s + 1) === NL);
        if (ind > indent || (dash && ind === indent && !inList)) {
          if (dash) {
            const seq = this.blockSeq(next, ind);
            return { node: seq.node, value: seq.value, nodeEnd: (seq.node as unknown as Compact).r2, nextLine: seq.nextLine };
          }
          const c = text.charCodeAt(s);
          if (c === LBRACE || c === LBRACKET || c === DQUOTE || c === SQUOTE || !this.isKeyLine(next, ind)) throw BAIL;
          const map = this.blockMap(next, ind);
          return { node: map.node, value: map.value, nodeEnd: (map.node as unknown as Compact).r2, nextLine: map.nextLine };
        }
      }
      // null; its `range[2]` runs over an inline comment, and up to the next content when comment lines follow.
      const s = new FastScalar(null);
      s.type = Scalar.PLAIN;
      s.source = '';
      let nodeEnd = i < stop ? Math.min(text.length, stop + 1) : i;
      for (let k = l + 1; k < next; k++) {
        const c = this.starts[k]! + this.indents[k]!;
        if (c < text.length && text.charCodeAt(c) === HASH) {
          nodeEnd = next < this.starts.length ? this.starts[next]! : text.length;
          break;
        }
      }
      setRange(s, i, i, nodeEnd);
      return { node: s, value: null, nodeEnd, nextLine: l + 1 };
    }
    if (i === from && from > 0 && text.charCodeAt(from - 1) === COLON) throw BAIL;
    const c = text.charCodeAt(i);
    let parsed: Parsed;
    let after: number;
    if (c === LBRACE || c === LBRACKET) {
      const f = this.flow(i, indent);
      parsed = f;
      after = f.end;
    } else if (c === DQUOTE || c === SQUOTE) {
      const q = this.quoted(i, stop);
      parsed = { node: q.node, value: q.node.value, nodeEnd: 0 };
      after = q.end;
      setRange(q.node, i, q.end, q.end);
    } else {
      if (this.badStart(i, false)) throw BAIL;
      let e = i;
      let valueEnd = i;
      for (; e < stop; e++) {
        const ch = text.charCodeAt(e);
        if (ch === HASH && text.charCodeAt(e - 1) === SPACE) break;
        if (ch === COLON && (e + 1 >= stop || text.charCodeAt(e + 1) === SPACE)) throw BAIL;
        if (ch !== SPACE) valueEnd = e + 1;
      }
      const s = plainScalar(text.slice(i, valueEnd));
      setRange(s, i, valueEnd, valueEnd);
      after = valueEnd;
      parsed = { node: s, value: s.value, nodeEnd: 0 };
      // A plain scalar continued on the next lines is left to yaml.
      const next = this.nextContent(l + 1);
      if (next < this.starts.length && this.indents[next]! > indent) throw BAIL;
    }
    // Trailing spaces, a comment, the line break.
    const endLine = this.lineOf(after);
    const lineStop = this.lineEnd(endLine);
    let j = after;
    while (j < lineStop && text.charCodeAt(j) === SPACE) j++;
    if (j < lineStop && !(text.charCodeAt(j) === HASH && j > after)) throw BAIL;
    const nodeEnd = Math.min(text.length, lineStop + 1);
    const node = parsed.node as Node;
    (node as unknown as Compact).r2 = nodeEnd;
    return { node: parsed.node, value: parsed.value, nodeEnd, nextLine: endLine + 1 };
  }

  /** A plain scalar cannot start at `i` (an indicator, or `-`, `?`, `:` before a space). */
  private badStart(i: number, flow: boolean): boolean {
    const c = this.text.charCodeAt(i);
    if (INDICATOR.has(c)) return true;
    if (!MAYBE_INDICATOR.has(c)) return false;
    const n = this.text.charCodeAt(i + 1);
    return i + 1 >= this.text.length || n === SPACE || n === NL || (flow && FLOW_END.has(n));
  }

  /** Line `l` starts (at its indentation) with a block map key. */
  private isKeyLine(l: number, ind: number): boolean {
    const text = this.text;
    const s = this.starts[l]! + ind;
    const stop = this.lineEnd(l);
    const c = text.charCodeAt(s);
    if (c === DQUOTE || c === SQUOTE) return true;
    if (this.badStart(s, false)) return false;
    for (let i = s; i < stop; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COLON && (i + 1 >= stop || text.charCodeAt(i + 1) === SPACE)) return true;
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) return false;
    }
    return false;
  }

  /** A block list whose dashes are at column `indent`, starting on line `l`. */
  private blockSeq(l: number, indent: number): { node: YAMLSeq; value: unknown[]; nextLine: number } {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const text = this.text;
    const seq = new FastSeq();
    const value: unknown[] = [];
    let line = l;
    for (;;) {
      const dash = this.starts[line]! + indent;
      const stop = this.lineEnd(line);
      let i = dash + 1;
      while (i < stop && text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      let item: Parsed & { nextLine: number };
      if (i < stop && c !== HASH && c !== LBRACE && c !== LBRACKET && this.isKeyAt(i, stop)) {
        // `- key: value` and the keys under it.
        const m = this.blockMap(line, i - this.starts[line]!);
        item = { node: m.node, value: m.value, nodeEnd: (m.node as unknown as Compact).r2, nextLine: m.nextLine };
      } else {
        if (c === DASH && (text.charCodeAt(i + 1) === SPACE || i + 1 >= stop)) throw BAIL; // `- - x`
        item = this.blockValue(line, dash + 1, indent, true);
      }
      seq.items.push(item.node);
      value.push(item.value);
      const end = item.nodeEnd;
      const next = this.nextContent(item.nextLine);
      const s = next < this.starts.length ? this.starts[next]! + indent : -1;
      const more = next < this.starts.length && this.indents[next] === indent && text.charCodeAt(s) === DASH
        && (text.charCodeAt(s + 1) === SPACE || s + 1 >= text.length || text.charCodeAt(s + 1) === NL);
      if (!more) {
        if (next < this.starts.length && this.indents[next]! > indent) throw BAIL;
        setRange(seq, this.starts[l]! + indent, end, end);
        this.depth--;
        return { node: this.finishBlock(seq, end, next, indent), value, nextLine: next };
      }
      line = next;
    }
  }

  /** A block map key starts at `i` (a plain or quoted scalar followed by `: ` or `:` at the end). */
  private isKeyAt(i: number, stop: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === DQUOTE || c === SQUOTE) {
      const close = text.indexOf(String.fromCharCode(c), i + 1);
      return close > 0 && close < stop && text.charCodeAt(close + 1) === COLON;
    }
    if (this.badStart(i, false)) return false;
    for (let j = i; j < stop; j++) {
      const ch = text.charCodeAt(j);
      if (ch === COLON && (j + 1 >= stop || text.charCodeAt(j + 1) === SPACE)) return true;
      if (ch === HASH && text.charCodeAt(j - 1) === SPACE) return false;
    }
    return false;
  }

  /** A quoted scalar on one line; escapes other than `''` are left to yaml. */
  private quoted(at: number, stop: number): { node: Scalar; end: number } {
    const text = this.text;
    const q = text.charCodeAt(at);
    let value = '';
    let from = at + 1;
    for (;;) {
      const i = text.indexOf(q === DQUOTE ? '"' : "'", from);
      if (i < 0 || i >= stop) throw BAIL;
      if (q === DQUOTE) {
        // Escapes are left to yaml. (Scanning only the string itself: `lastIndexOf` from here ran back
        // to the start of the text, quadratic on a long line of quoted strings.)
        for (let k = from; k < i; k++) if (text.charCodeAt(k) === BACKSLASH) throw BAIL;
        value = text.slice(from, i);
        from = i + 1;
        break;
      }
      if (text.charCodeAt(i + 1) === SQUOTE) {
        value += text.slice(from, i) + "'";
        from = i + 2;
        continue;
      }
      value += text.slice(from, i);
      from = i + 1;
      break;
    }
    const node = new FastScalar(value);
    node.type = q === DQUOTE ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    node.source = value;
    return { node, end: from };
  }

  /** A flow map or list at offset `at`; lines it continues on must be indented more than `indent`. */
  private flow(at: number, indent: number): Parsed & { end: number } {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const text = this.text;
    const open = text.charCodeAt(at);
    const isMap = open === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const node = isMap ? new FastMap() : new FastSeq();
    node.flow = true;
    const value: Obj | unknown[] = isMap ? {} : [];
    let merged: Set<string> | undefined;
    let i = this.skip(at + 1, indent);
    let first = true;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === close) break;
      if (!first) {
        if (c !== COMMA) throw BAIL;
        i = this.skip(i + 1, indent);
        if (text.charCodeAt(i) === close) break;
      }
      first = false;
      if (text.charCodeAt(i) === COMMA) throw BAIL;
      if (isMap) {
        const key = this.flowScalar(i, indent, true);
        if (!(key.node instanceof Scalar)) throw BAIL;
        const k = keyString(key.node);
        if (k === '__proto__' || (k === '<<' && key.quoted)) throw BAIL;
        i = this.skip(key.end, indent);
        if (text.charCodeAt(i) === COLON) {
          const afterColon = i + 1;
          const nc = text.charCodeAt(afterColon);
          if (!(nc === SPACE || nc === NL || FLOW_END.has(nc) || key.quoted)) throw BAIL;
          i = this.skip(afterColon, indent);
          const c2 = text.charCodeAt(i);
          if (c2 === COMMA || c2 === close) {
            const s = new FastScalar(null);
            s.type = Scalar.PLAIN;
            s.source = '';
            setRange(s, i, i, i);
            if (k === '<<') throw BAIL;
            (node as YAMLMap).items.push(new Pair(key.node, s));
            if (Object.prototype.hasOwnProperty.call(value, k) && !merged?.delete(k)) this.duplicate(node as YAMLMap, key.node);
            (value as Obj)[k] = null;
            continue;
          }
          const v = this.flowValue(i, indent);
          (node as YAMLMap).items.push(new Pair(key.node, v.node));
          if (k === '<<') this.merge(value as Obj, (merged ??= new Set()), v.node, v.value);
          else {
            if (Object.prototype.hasOwnProperty.call(value, k) && !merged?.delete(k)) this.duplicate(node as YAMLMap, key.node);
            (value as Obj)[k] = v.value;
          }
          i = v.after;
        } else {
          if (k === '<<') throw BAIL;
          (node as YAMLMap).items.push(new Pair(key.node, null));
          if (Object.prototype.hasOwnProperty.call(value, k) && !merged?.delete(k)) this.duplicate(node as YAMLMap, key.node);
          (value as Obj)[k] = null;
        }
      } else {
        const v = this.flowValue(i, indent);
        if (text.charCodeAt(v.after) === COLON) throw BAIL; // `[a: 1]`
        (node as YAMLSeq).items.push(v.node);
        (value as unknown[]).push(v.value);
        i = v.after;
      }
    }
    setRange(node, at, i + 1, i + 1);
    this.depth--;
    return { node, value, nodeEnd: i + 1, end: i + 1 };
  }

  /** A value in a flow collection; `after` is where the next delimiter starts. */
  private flowValue(i: number, indent: number): { node: Node; value: unknown; after: number } {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === STAR) {
      const a = this.alias(i);
      const n = text.charCodeAt(a.end);
      if (!(n === SPACE || n === NL || n === COMMA || n === RBRACE || n === RBRACKET)) throw BAIL;
      const after = this.skip(a.end, indent);
      a.node.range = [i, a.end, after];
      return { node: a.node, value: a.value, after };
    }
    if (c === AMP) {
      const { name, end } = this.anchorName(i);
      if (text.charCodeAt(end) !== SPACE) throw BAIL;
      const start = this.skip(end, indent);
      const s = text.charCodeAt(start);
      if (s === COMMA || s === RBRACE || s === RBRACKET || s === STAR || s === AMP) throw BAIL;
      const anchor = { done: false, value: null as unknown, isMap: false };
      this.anchors.set(name, anchor);
      const v = this.flowValue(start, indent);
      (v.node as { anchor?: string }).anchor = name;
      anchor.done = true;
      anchor.value = v.value;
      anchor.isMap = isMap(v.node);
      return v;
    }
    if (c === LBRACE || c === LBRACKET) {
      const f = this.flow(i, indent);
      const after = this.skip(f.end, indent);
      (f.node! as unknown as Compact).r2 = after;
      return { node: f.node!, value: f.value, after };
    }
    const s = this.flowScalar(i, indent, false);
    const after = this.skip(s.end, indent);
    (s.node as unknown as Compact).r2 = after;
    return { node: s.node, value: s.node.value, after };
  }

  /** A plain or quoted scalar in a flow collection. */
  private flowScalar(i: number, indent: number, asKey: boolean): { node: Scalar; end: number; quoted: boolean } {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === DQUOTE || c === SQUOTE) {
      const q = this.quoted(i, this.lineEnd(this.lineOf(i)));
      setRange(q.node, i, q.end, q.end);
      return { node: q.node, end: q.end, quoted: true };
    }
    if (c === NL || this.badStart(i, true)) throw BAIL;
    let e = i;
    let valueEnd = i;
    for (; e < text.length; e++) {
      const ch = text.charCodeAt(e);
      if (ch === NL) break;
      if (FLOW_END.has(ch)) break;
      if (ch === HASH && text.charCodeAt(e - 1) === SPACE) throw BAIL;
      if (ch === COLON) {
        const next = text.charCodeAt(e + 1);
        if (next === SPACE || next === NL || FLOW_END.has(next) || e + 1 >= text.length) break;
      }
      if (ch !== SPACE) valueEnd = e + 1;
    }
    // A plain scalar continued on the next line is left to yaml.
    if (text.charCodeAt(e) === NL) {
      const j = this.skip(e, indent);
      const n = text.charCodeAt(j);
      if (!(n === COMMA || n === RBRACE || n === RBRACKET || (asKey && n === COLON))) throw BAIL;
    }
    const node = plainScalar(text.slice(i, valueEnd));
    setRange(node, i, valueEnd, valueEnd);
    return { node, end: valueEnd, quoted: false };
  }

  /** Skips spaces and line breaks inside a flow collection (comments there are left to yaml). */
  private skip(i: number, indent: number): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SPACE) i++;
      else if (c === NL) {
        i++;
        const l = this.lineOf(i);
        if (this.content[l] && this.indents[l]! <= indent) {
          const first = text.charCodeAt(this.starts[l]! + this.indents[l]!);
          if (!(first === RBRACE || first === RBRACKET) || this.indents[l]! < indent) throw BAIL;
        }
      } else if (c === HASH) throw BAIL;
      else if (i >= text.length) throw BAIL;
      else return i;
    }
  }
}
