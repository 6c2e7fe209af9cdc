import * as YAML from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Pointer, Span, Target } from '../span';

// Read once: in the CommonJS bundle every access to a package export goes through a getter, and
// these run for every pointer located.
const { isMap, isPair, isScalar, isSeq } = YAML;

/** Where a pointer landed in the YAML tree. */
export interface Located {
  /** The value node at the pointer (null for `key:` with no value). */
  readonly node: Node | null;
  /** The pair whose value it is, when it is a map entry. */
  readonly pair?: Pair;
  /** How many segments of the pointer were found (all of them when the pointer resolved). */
  readonly depth: number;
}

function keyText(pair: Pair): string | undefined {
  const k = pair.key as unknown;
  if (isScalar(k)) return String(k.value);
  if (k === null || k === undefined) return undefined;
  return String(k);
}

/**
 * Key → first pair of big maps, built on first lookup (a section of 5,000 entries is not scanned per
 * pointer), kept on the map itself so it goes with the tree (a module-level WeakMap would keep old
 * trees alive through every young-generation collection).
 */
const PAIR_INDEX = Symbol('pair index');
type Indexed = { [PAIR_INDEX]?: { size: number; byKey: Map<string, Pair> } };

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
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const k = keyText(item);
      if (k !== undefined && !byKey.has(k)) byKey.set(k, item);
    }
    index = { size: map.items.length, byKey };
    Object.defineProperty(map, PAIR_INDEX, { value: index, configurable: true, writable: true, enumerable: false });
  }
  return index.byKey.get(key);
}

/** Walks a pointer down the YAML tree as far as it goes. */
export function resolve(doc: Document, pointer: Pointer): Located {
  let node = doc.contents as Node | null;
  let pair: Pair | undefined;
  let depth = 0;
  for (const segment of pointer) {
    if (isMap(node)) {
      const p = findPair(node, String(segment));
      if (!p) break;
      pair = p;
      node = (p.value as Node | null) ?? null;
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
  return pair ? { node, pair, depth } : { node, depth };
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
