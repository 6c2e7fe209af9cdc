import * as YAML from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Pointer, Span, Target } from '../span';

// Read once: in the CommonJS bundle every access to a package export goes through a getter, and
// these run for every pointer located.
const { isAlias, isMap, isPair, isScalar, isSeq } = YAML;

/** Where a pointer landed in the YAML tree. */
export interface Located {
  /** The value node at the pointer (null for `key:` with no value). */
  readonly node: Node | null;
  /** The pair whose value it is, when it is a map entry. */
  readonly pair?: Pair;
  /** How many segments of the pointer were found (all of them when the pointer resolved). */
  readonly depth: number;
  /**
   * The first alias the pointer went through (`*defaults` of `<<: *defaults`, or of `to: *targets`):
   * what it names is written elsewhere and shared, so a problem about this place is shown on the alias.
   */
  readonly via?: YAML.Alias;
}

/**
 * The text of a pair's key: scalars only. A collection used as a key (which parse reports as
 * `yaml/complex-key`) has no text a pointer could name; stringifying it costs time and memory
 * exponential in its nesting.
 */
function keyText(pair: Pair): string | undefined {
  const k = pair.key as unknown;
  if (isScalar(k)) return k.value === null || k.value === undefined ? '' : String(k.value);
  return undefined;
}

/** A plain `<<` key: a YAML merge key (parse resolves it; see to-value.ts). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && (!key.type || key.type === YAML.Scalar.PLAIN) && !key.tag;
}

/** Anchored nodes by name, in document order, built on first use and kept on the document. */
const ANCHORS = Symbol('anchors');
type WithAnchors = { [ANCHORS]?: Map<string, Node[]> };

function anchorsOf(doc: Document): Map<string, Node[]> {
  const cached = (doc as WithAnchors)[ANCHORS];
  if (cached) return cached;
  const byName = new Map<string, Node[]>();
  // An explicit stack: nothing here recurses on the document's nesting.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor && !isAlias(node)) {
      const list = byName.get(anchor);
      if (list) list.push(node as Node);
      else byName.set(anchor, [node as Node]);
    }
    if (isMap(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value, node.items[i]!.key);
    else if (isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    else if (isPair(node)) stack.push(node.value, node.key);
  }
  for (const list of byName.values()) list.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  Object.defineProperty(doc, ANCHORS, { value: byName, configurable: true, enumerable: false });
  return byName;
}

/** The node an alias names: the last node anchored with its name before it (undefined when none is). */
export function aliasTarget(doc: Document, alias: YAML.Alias): Node | undefined {
  const list = anchorsOf(doc).get(alias.source);
  if (!list) return undefined;
  const at = alias.range?.[0] ?? Number.POSITIVE_INFINITY;
  let found: Node | undefined;
  for (const node of list) {
    if ((node.range?.[0] ?? 0) >= at) break;
    found = node;
  }
  return found;
}

/**
 * Finds `key` in `map` or in what its merge keys bring in (own keys first, then the sources in
 * order), following aliases. `via` is the alias of the merge source the key came from.
 */
function findMerged(doc: Document, map: YAML.YAMLMap, key: string, hops: number): { pair: Pair; via?: YAML.Alias } | undefined {
  const own = findPair(map, key);
  if (own) return { pair: own };
  if (hops > 32) return undefined; // merges of merges, or a cycle parse reported
  for (const item of mergePairs(map)) {
    const sources = isSeq(item.value) ? item.value.items : [item.value];
    for (const source of sources) {
      const alias = isAlias(source) ? source : undefined;
      const target = alias ? aliasTarget(doc, alias) : source;
      if (!isMap(target)) continue;
      const found = findMerged(doc, target, key, hops + 1);
      if (found) return { pair: found.pair, via: alias ?? found.via };
    }
  }
  return undefined;
}

/**
 * Key → first pair of big maps, built on first lookup (a section of 5,000 entries is not scanned per
 * pointer), kept on the map itself so it goes with the tree (a module-level WeakMap would keep old
 * trees alive through every young-generation collection).
 */
const PAIR_INDEX = Symbol('pair index');
type Indexed = { [PAIR_INDEX]?: { size: number; byKey: Map<string, Pair>; merges: Pair[] } };

const NO_PAIRS: readonly Pair[] = [];

/** The merge-key pairs (`<<: …`) of a map. */
function mergePairs(map: YAML.YAMLMap): readonly Pair[] {
  if (map.items.length >= 16) {
    findPair(map, '');
    return (map as Indexed)[PAIR_INDEX]!.merges;
  }
  let out: Pair[] | undefined;
  for (const item of map.items) if (isPair(item) && isMergeKey(item.key)) (out ??= []).push(item);
  return out ?? NO_PAIRS;
}

/** Finds the pair of `map` whose key is `key` (the first one when a key is duplicated). */
export function findPair(map: Node, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  if (map.items.length < 16) {
    for (const item of map.items) if (isPair(item) && keyText(item) === key) return item;
    return undefined;
  }
  let index = (map as Indexed)[PAIR_INDEX];
  if (!index || index.size !== map.items.length) {
    const byKey = new Map<string, Pair>();
    const merges: Pair[] = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      if (isMergeKey(item.key)) merges.push(item);
      const k = keyText(item);
      if (k !== undefined && !byKey.has(k)) byKey.set(k, item);
    }
    index = { size: map.items.length, byKey, merges };
    Object.defineProperty(map, PAIR_INDEX, { value: index, configurable: true, writable: true, enumerable: false });
  }
  return index.byKey.get(key);
}

/**
 * Walks a pointer down the YAML tree as far as it goes, through aliases and merge keys as parse
 * builds the value (`via` says the first alias it went through).
 */
export function resolve(doc: Document, pointer: Pointer): Located {
  let node = doc.contents as Node | null;
  let pair: Pair | undefined;
  let depth = 0;
  let via: YAML.Alias | undefined;
  for (const segment of pointer) {
    if (isAlias(node)) {
      via ??= node;
      node = aliasTarget(doc, node) ?? null;
    }
    if (isMap(node)) {
      const p = findMerged(doc, node, String(segment), 0);
      if (!p) break;
      via ??= p.via;
      pair = p.pair;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node)) {
      const i = typeof segment === 'number' ? segment : Number(segment);
      const item = Number.isInteger(i) ? node.items[i] : undefined;
      if (item === undefined) break;
      pair = undefined;
      node = item as Node;
    } else {
      break;
    }
    depth++;
  }
  const found: { node: Node | null; pair?: Pair; depth: number; via?: YAML.Alias } = { node, depth };
  if (pair) found.pair = pair;
  if (via) found.via = via;
  return found;
}

function rangeOf(node: unknown): Span | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/** Keeps a span on its first line when it spans many (a whole block map would cover the screen). */
function firstLineOf(text: string, span: Span): Span {
  const nl = text.indexOf('\n', span.start);
  return nl >= 0 && nl < span.end ? { start: span.start, end: nl } : span;
}

/**
 * Turns a pointer into the span a person should see underlined:
 * - `target: 'key'`: the key naming the node (`billing:`);
 * - `target: 'value'`: the value; a block map or list value is shown by its key instead.
 * A pointer that does not fully resolve (a missing property) lands on the deepest key found.
 */
export function locate(doc: Document | undefined, text: string, pointer: Pointer, target: Target = 'value'): Span {
  if (!doc) return { start: 0, end: 0 };
  const found = resolve(doc, pointer);
  // Written elsewhere and shared: shown where this place takes it in.
  if (found.via) {
    const span = rangeOf(found.via);
    if (span) return span;
  }
  const complete = found.depth === pointer.length;
  const keySpan = found.pair ? rangeOf(found.pair.key) : undefined;
  if (!complete || target === 'key') {
    if (keySpan) return keySpan;
  } else {
    const node = found.node;
    const isCollection = isMap(node) || isSeq(node);
    const flow = isCollection && (node as { flow?: boolean }).flow;
    if (node && (!isCollection || flow)) {
      const span = rangeOf(node);
      if (span) return firstLineOf(text, span);
    }
    if (keySpan) return keySpan;
    if (node) {
      const span = rangeOf(node);
      if (span) return firstLineOf(text, span);
    }
  }
  const span = rangeOf(found.node) ?? rangeOf(doc.contents);
  return span ? firstLineOf(text, span) : { start: 0, end: 0 };
}

/** What is at an offset: the pointer of the innermost node and whether the offset is on its key. */
export interface PathAt {
  readonly pointer: (string | number)[];
  /** True when the offset is on a map key (the last segment names it). */
  readonly onKey: boolean;
  /** The innermost node containing the offset (a scalar, map or sequence), if any. */
  readonly node: Node | null;
}

function contains(node: unknown, offset: number): boolean {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return !!r && r[0] <= offset && offset <= r[1];
}

/** Finds the innermost node at an offset, with its pointer. */
export function pathAt(doc: Document | undefined, offset: number): PathAt {
  const pointer: (string | number)[] = [];
  if (!doc) return { pointer, onKey: false, node: null };
  let node = doc.contents as Node | null;
  for (;;) {
    if (isMap(node)) {
      let next: Node | null | undefined;
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = keyText(item);
        if (key === undefined) continue;
        if (contains(item.key, offset)) {
          pointer.push(key);
          return { pointer, onKey: true, node: item.key as Node };
        }
        if (contains(item.value, offset)) {
          pointer.push(key);
          next = item.value as Node;
          break;
        }
      }
      if (!next) return { pointer, onKey: false, node };
      node = next;
    } else if (isSeq(node)) {
      let next: Node | undefined;
      for (let i = 0; i < node.items.length; i++) {
        if (contains(node.items[i], offset)) {
          pointer.push(i);
          next = node.items[i] as Node;
          break;
        }
      }
      if (!next) return { pointer, onKey: false, node };
      node = next;
    } else {
      return { pointer, onKey: false, node };
    }
  }
}

/**
 * The whole extent of what a pointer names: from its key (when it is a map entry) to the end of its
 * value, or undefined when the pointer does not resolve. Used to find the element under the cursor.
 */
export function locateExtent(doc: Document | undefined, pointer: Pointer): Span | undefined {
  if (!doc) return undefined;
  const found = resolve(doc, pointer);
  if (found.depth !== pointer.length) return undefined;
  const key = found.pair ? rangeOf(found.pair.key) : undefined;
  const value = rangeOf(found.node);
  if (!key && !value) return undefined;
  return { start: key?.start ?? value!.start, end: Math.max(key?.end ?? 0, value?.end ?? 0) };
}
