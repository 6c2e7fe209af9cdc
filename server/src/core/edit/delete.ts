/**
 * The diagram's delete and rename gestures. Deleting a node removes its declaration and every
 * reference to it; deleting an edge removes the reference that makes it. A reference goes with what
 * only exists for it: a list item (`- { queue: x, deadLetter: d }`), a property (`to: x`), a list
 * left empty, a bus rule left without targets. `preview` lists every line that changes, so the
 * webview can show it before anything is written. Renaming is the editor's rename
 * (features/rename.ts) at the node's declaration. Pure.
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { Analysis } from '../analyze';
import { fixEdits, type TextEdit } from '../features/fixes';
import { rename } from '../features/rename';
import { kindLabel } from '../kinds/index';
import { resolve } from '../parse/locate';
import type { Pointer } from '../span';
import type { GestureResult } from './connect';

type Range = [number, number, number];
const rangeOf = (n: unknown): Range | undefined => (n as { range?: Range } | null | undefined)?.range ?? undefined;

/** One changed line of a preview: its number (1-based) in the text before, and the text before and after. */
export interface PreviewLine {
  readonly line: number;
  readonly before: string;
  /** Undefined when the line is removed. */
  readonly after?: string;
}

/** A gesture's edits with a preview of the lines they change. */
export type PreviewedResult = GestureResult & { readonly preview?: readonly PreviewLine[] };

/** Renames a node everywhere it is written (the editor's rename, at its declaration). */
export function renameNode(analysis: Analysis, id: string, to: string): GestureResult {
  const node = analysis.graph.nodes.get(id);
  const doc = analysis.doc.yaml;
  if (!node || !doc) return { error: `'${id}' is not a node of this file.` };
  const key = resolve(doc, node.pointer).pair?.key;
  const r = rangeOf(key);
  if (!r) return { error: `'${id}' cannot be renamed here: rename it in the text.` };
  const result = rename(analysis, r[0], to);
  if ('error' in result) return result;
  return { edits: result.edits, title: `rename ${kindLabel(node.kind)} '${id}' to '${to}'`, problems: [] };
}

/** Deletes a node (its declaration and every reference to it) or an edge (its reference). */
export function deleteElement(analysis: Analysis, id: string): PreviewedResult {
  const { graph } = analysis;
  if (!analysis.doc.yaml) return { error: 'The file cannot be read right now: fix its YAML first.' };
  const node = graph.nodes.get(id);
  const edge = node ? undefined : graph.edges.find((e) => e.id === id);
  if (!node && !edge) return { error: `'${id}' is not on the diagram any more.` };
  const removed: Pointer[] = [];
  let title: string;
  if (node) {
    removed.push(node.pointer);
    // Every reference to it outside its own declaration (edges into it, policy resources, …).
    const inside = (p: Pointer): boolean => node.pointer.every((s, i) => String(p[i]) === String(s));
    for (const o of graph.occurrences) {
      if (o.namespace !== 'node' || o.name !== id || o.role !== 'reference' || inside(o.pointer)) continue;
      const e = graph.edges.find((x) => samePointer(x.pointer, o.pointer));
      removed.push(e ? e.optionsAt : o.pointer);
    }
    title = `delete ${kindLabel(node.kind)} '${id}'`;
  } else {
    removed.push(edge!.optionsAt);
    title = `delete the connection ${edge!.from} → ${edge!.to}`;
  }
  const edits = dedupe(removed.map((p) => unitOf(analysis, p))).flatMap((p) => removal(analysis, p));
  if (edits.length === 0) return { error: `'${id}' cannot be deleted here: delete it in the text.` };
  if (overlapping(edits)) return { error: `'${id}' is written in a way the diagram cannot take apart: delete it in the text.` };
  return { edits, title, problems: [], preview: preview(analysis.doc.text, edits) };
}

function samePointer(a: Pointer, b: Pointer): boolean {
  return a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
}

/** Drops pointers inside another removed pointer. */
function dedupe(pointers: Pointer[]): Pointer[] {
  const within = (p: Pointer, q: Pointer): boolean => q.length <= p.length && q.every((s, i) => String(s) === String(p[i]));
  return pointers.filter((p, i) => !pointers.some((q, j) => j !== i && within(p, q) && (q.length < p.length || j < i)));
}

function nodeAt(analysis: Analysis, p: Pointer): Node | null | undefined {
  const found = resolve(analysis.doc.yaml!, p);
  return found.depth === p.length ? (found.node as Node | null) : undefined;
}

/**
 * What goes with a removed reference: the list it leaves empty (and then what that list was for),
 * a bus rule without targets.
 */
function unitOf(analysis: Analysis, p: Pointer): Pointer {
  let at = p;
  for (;;) {
    const parentPointer = at.slice(0, -1);
    const parent = nodeAt(analysis, parentPointer);
    const alone = (isSeq(parent) || isMap(parent)) && parent.items.length === 1;
    // `to: [x]` → `to`; `async: { onFailure: x }` → `async`. A declaration and the maps the schema
    // requires (`routes`, `rules`) stay, even empty.
    const required = ['routes', 'rules'].includes(String(parentPointer[parentPointer.length - 1]));
    // A section left empty goes too (`consumers:` with nothing under it).
    const section = parentPointer.length === 1;
    if (alone && ((isSeq(parent) && parentPointer.length > 0) || (isMap(parent) && (parentPointer.length > 2 || section) && !required))) {
      at = parentPointer;
      continue;
    }
    // A bus rule's only target: the rule goes.
    if (at.length >= 2 && String(at[at.length - 1]) === 'to' && String(at[at.length - 3]) === 'rules') return at.slice(0, -1);
    return at;
  }
}

/** The edits removing what is at `p`: a map entry or a list item. */
function removal(analysis: Analysis, p: Pointer): TextEdit[] {
  const parent = nodeAt(analysis, p.slice(0, -1));
  if (isMap(parent)) return fixEdits(analysis.doc, { kind: 'remove-property', title: '', at: p });
  if (isSeq(parent)) return removeItem(analysis.doc.text, parent, Number(p[p.length - 1]));
  return [];
}

/** Removes item `index` of a list: its lines in a block list, `x, ` / `, x` in a flow list. */
function removeItem(text: string, seq: { items: unknown[]; flow?: boolean }, index: number): TextEdit[] {
  const item = seq.items[index];
  const r = rangeOf(item);
  if (!r) return [];
  if (seq.flow) {
    const next = rangeOf(seq.items[index + 1]);
    if (next) return [{ start: r[0], end: next[0], newText: '' }];
    const prev = rangeOf(seq.items[index - 1]);
    if (!prev) return [];
    let end = prev[1];
    while (end > prev[0] && /\s/.test(text[end - 1]!)) end--;
    let itemEnd = r[1];
    while (itemEnd > r[0] && /\s/.test(text[itemEnd - 1]!)) itemEnd--;
    return [{ start: end, end: itemEnd, newText: '' }];
  }
  const lineStart = text.lastIndexOf('\n', r[0] - 1) + 1;
  if (!/^[ \t]*-[ \t]*$/.test(text.slice(lineStart, r[0]))) return [];
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1]!)) end--;
  const nl = text.indexOf('\n', end);
  return [{ start: lineStart, end: nl < 0 ? text.length : nl + 1, newText: '' }];
}

function overlapping(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  return sorted.some((e, i) => i > 0 && e.start < sorted[i - 1]!.end);
}

/** The lines the edits change: each touched line of the text before, with what it becomes (nothing: removed). */
export function preview(text: string, edits: readonly TextEdit[]): PreviewLine[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const lineText = (n: number): string => text.slice(starts[n], (starts[n + 1] ?? text.length + 1) - 1).replace(/\r$/, '');
  const out: PreviewLine[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const first = lineOf(e.start);
    const last = e.end > e.start && text[e.end - 1] === '\n' ? lineOf(e.end - 1) : lineOf(e.end);
    const wholeLines = e.newText === '' && e.start === starts[first] && (text[e.end - 1] === '\n' || e.end === text.length);
    const segStart = starts[first]!;
    const segEnd = (starts[last + 1] ?? text.length + 1) - 1;
    const after = wholeLines ? [] : (text.slice(segStart, e.start) + e.newText + text.slice(e.end, Math.max(segEnd, e.end))).split('\n').map((l) => l.replace(/\r$/, ''));
    for (let n = first; n <= last; n++) {
      const k = n - first;
      out.push(k < after.length ? { line: n + 1, before: lineText(n), after: after[k] } : { line: n + 1, before: lineText(n) });
    }
  }
  return out;
}
