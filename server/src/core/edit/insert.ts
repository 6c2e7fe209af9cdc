/**
 * Block-style insertion for the diagram's gestures: adds `key: value` to the map at a pointer the way
 * a person writes it in a block map (one key per line, the map's indentation, nested maps as block
 * lines down to `blockDepth`, deeper values in flow style `{ a: 1 }` / `[a, b]`), creating missing
 * parent maps. A flow map `{ … }` gets a flow entry (features/fixes.ts). Comments and formatting
 * elsewhere stay byte-identical. Pure: offsets in, offsets out.
 */
import { isMap, isScalar, parse as parseYaml, type Node, type Pair, type YAMLMap } from 'yaml';
import { fixEdits, render, type TextEdit } from '../features/fixes';
import { findPair } from '../parse/locate';
import type { ArchDocument } from '../parse/parse';
import type { Pointer } from '../span';

type Range = [number, number, number];
const rangeOf = (n: unknown): Range | undefined => (n as { range?: Range } | null | undefined)?.range ?? undefined;

/** The indentation step of a text: the column of the first key nested under a top-level key (default 2). */
export function indentUnit(text: string): number {
  const m = /^[^\s#][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( +)[^\s#-]/m.exec(text);
  const n = m?.[1]?.length ?? 2;
  return n >= 1 && n <= 8 ? n : 2;
}

/** A key as a person writes it: plain when YAML reads it back unchanged (`POST /orders`), else quoted. */
export function plainKey(k: string): string {
  if (k && !/[:#]\s|[[\]{},]|\s$|^[-?:,[\]{}#&*!|>'"%@`\s]/.test(k) && !k.endsWith(':')) {
    try {
      if ((parseYaml(`${k}: 1`) as Record<string, unknown> | null)?.[k] === 1) return k;
    } catch {
      // quoted below
    }
  }
  return render(k);
}

/** A string value of a block entry: plain when YAML reads it back unchanged (`rate(1 hour)`), else quoted. */
function plainValue(v: string): string {
  if (v && !/[:#]\s|^[-?:,[\]{}#&*!|>'"%@`\s]|\s$/.test(v)) {
    try {
      if ((parseYaml(`k: ${v}`) as Record<string, unknown> | null)?.k === v) return v;
    } catch {
      // quoted below
    }
  }
  return render(v);
}

/**
 * `key: value` as block lines at column `indent`: maps down to `blockDepth` levels as block lines,
 * the rest in flow style. The first line has no indentation (the caller places it).
 */
export function blockEntry(key: string, value: unknown, indent: number, unit: number, blockDepth: number, eol = '\n'): string {
  const isPlainMap = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
  if (typeof value === 'string') return `${plainKey(key)}: ${plainValue(value)}`;
  if (!isPlainMap || blockDepth <= 0) return `${plainKey(key)}: ${render(value)}`;
  const inner = indent + unit;
  return `${plainKey(key)}:` + Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${eol}${' '.repeat(inner)}${blockEntry(k, v, inner, unit, blockDepth - 1, eol)}`).join('');
}

/**
 * The edit adding `key: value` to the map at `at` (its missing parents created), in block style
 * when the map is a block map; undefined when the text cannot take it (a scalar on the way, no YAML).
 * `blockDepth`: how many levels of `value` are written as block lines (0: `key: { … }`). `before`:
 * top-level keys a new top-level entry goes before (the first of them written), so sections keep
 * the format's order.
 */
export function insertEntry(doc: ArchDocument, at: Pointer, key: string, value: unknown, blockDepth = 1, before?: readonly string[]): TextEdit | undefined {
  const yaml = doc.yaml;
  if (!yaml) return undefined;
  const text = doc.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(text);
  const path = [...at.map(String), key];
  let node = yaml.contents as Node | null;
  // An empty document: the entry starts the text.
  if (node === null || (isScalar(node) && node.value === null && !text.trim())) {
    const value1 = nestValue(path.slice(1), value);
    const entry = blockEntry(path[0]!, value1, 0, unit, blockDepth + path.length - 1, eol);
    const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
    return { start: text.length, end: text.length, newText: `${sep}${entry}${eol}` };
  }
  for (let i = 0; i < path.length; i++) {
    if (!isMap(node)) return undefined;
    const segment = path[i]!;
    const pair = findPair(node, segment);
    const rest = path.slice(i + 1);
    if (!pair || rest.length === 0) {
      if (pair) return undefined; // the key exists: a gesture never overwrites
      const entryValue = nestValue(rest, value);
      // `{}` written for an empty map under a block key: the entries replace it, as block lines.
      if (node.flow && node.items.length === 0 && i > 0) {
        const edit = fillEmptyFlow(text, yaml, path.slice(0, i), segment, entryValue, unit, blockDepth + rest.length, eol);
        if (edit) return edit;
      }
      if (node.flow) {
        return fixEdits(doc, { kind: 'insert-property', title: '', at: path.slice(0, i), key: segment, value: entryValue })[0];
      }
      return insertPair(text, node, segment, entryValue, unit, blockDepth + rest.length, eol, i === 0 ? before : undefined);
    }
    const child = pair.value as Node | null;
    if (child === null || (isScalar(child) && child.value === null)) {
      return fillEmpty(text, pair, nestValue(rest, value), unit, blockDepth + rest.length - 1, eol);
    }
    node = child;
  }
  return undefined;
}

function nestValue(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((v, k) => ({ [k]: v }), value);
}

/** End of a pair's value (or key), before trailing whitespace. */
function pairEnd(text: string, pair: Pair): number {
  const vr = rangeOf(pair.value);
  const kr = rangeOf(pair.key);
  let end = vr ? vr[1] : kr ? kr[1] : 0;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return Math.max(end, kr ? kr[1] : 0);
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function insertPair(text: string, map: YAMLMap, key: string, value: unknown, unit: number, blockDepth: number, eol: string, before?: readonly string[]): TextEdit | undefined {
  const first = rangeOf(map.items[0]?.key);
  const last = map.items[map.items.length - 1];
  if (!first || !last) return undefined;
  const indent = column(text, first[0]);
  const next = before?.map((k) => findPair(map, k)).find((p) => p !== undefined);
  const nextKey = rangeOf(next?.key);
  if (nextKey) {
    // Before the next section, and before the comment lines right above it.
    let at = text.lastIndexOf('\n', nextKey[0] - 1) + 1;
    for (;;) {
      const prev = text.lastIndexOf('\n', at - 2) + 1;
      if (at === 0 || !/^[ \t]*#/.test(text.slice(prev, at))) break;
      at = prev;
    }
    return { start: at, end: at, newText: `${' '.repeat(indent)}${blockEntry(key, value, indent, unit, blockDepth, eol)}${eol}` };
  }
  const end = lineEnd(text, pairEnd(text, last));
  return { start: end, end, newText: `${eol}${' '.repeat(indent)}${blockEntry(key, value, indent, unit, blockDepth, eol)}` };
}

/** `key:` with nothing after it: the entries go on the lines below, one step in. */
function fillEmpty(text: string, pair: Pair, value: unknown, unit: number, blockDepth: number, eol: string): TextEdit | undefined {
  const kr = rangeOf(pair.key);
  if (!kr) return undefined;
  const colon = text.indexOf(':', kr[1]);
  if (colon < 0) return undefined;
  const indent = column(text, kr[0]);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { start: colon + 1, end: colon + 1, newText: ' ' + render(value) };
  const inner = indent + unit;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${eol}${' '.repeat(inner)}${blockEntry(k, v, inner, unit, blockDepth, eol)}`).join('');
  const end = lineEnd(text, colon);
  // Keep a comment after `key:` on its line.
  return { start: end, end, newText: entries };
}

/** Replaces an empty flow map `{}` (the value of `key` at `parent`) with block entries. */
function fillEmptyFlow(text: string, yaml: NonNullable<ArchDocument['yaml']>, parent: readonly string[], key: string, value: unknown, unit: number, blockDepth: number, eol: string): TextEdit | undefined {
  let node = yaml.contents as Node | null;
  let pair: Pair | undefined;
  for (const seg of parent) {
    if (!isMap(node)) return undefined;
    pair = findPair(node, seg);
    node = (pair?.value as Node | null) ?? null;
  }
  const kr = rangeOf(pair?.key);
  const vr = rangeOf(node);
  if (!pair || !kr || !vr || text.slice(vr[0], vr[1]).replace(/\s/g, '') !== '{}') return undefined;
  // Only when the key starts its line (`  worker: {}`, not inside a flow collection).
  const lineStart = text.lastIndexOf('\n', kr[0] - 1) + 1;
  if (!/^[ \t]*(- )?$/.test(text.slice(lineStart, kr[0]))) return undefined;
  const indent = column(text, kr[0]) + unit;
  const colon = text.indexOf(':', kr[1]);
  let end = vr[1];
  while (end > vr[0] && /\s/.test(text[end - 1]!)) end--;
  return { start: colon + 1, end, newText: `${eol}${' '.repeat(indent)}${blockEntry(key, value, indent, unit, blockDepth, eol)}` };
}
