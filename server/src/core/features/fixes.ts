/**
 * Quick fixes: turns a fix descriptor (`Finding.fix`) into minimal text edits on the original text.
 *
 * Edits touch only what the fix changes: a replaced scalar keeps its quoting style, a key inserted
 * into a block map uses the map's indentation, a key inserted into a flow map `{ a: 1 }` becomes
 * `{ a: 1, key: value }`; comments and formatting elsewhere stay byte-identical. Pure: no LSP types.
 *
 * Fix kinds (add a case to `editsFor` for a new kind):
 * - `set-value` `{ at, value, refKey?, after? }`: replaces the value at `at`, or inserts the missing
 *   keys (creating `{ … }` maps on the way). `refKey` turns a bare reference (`to: worker`) into
 *   `{ <refKey>: worker, … }` when a key has to be added under it.
 * - `insert-property` `{ at, key, value, after? }`: adds `key: value` to the map at `at` (after the
 *   key `after` when given); replaces the value when the key exists.
 * - `remove-property` `{ at }`: removes the map entry at `at`.
 * - `append-item` `{ at, value }`: appends `value` to the list at `at` (a new `- item` line in a block
 *   list, `, item` before `]` in a flow list).
 * - `rename-key` `{ from, to }`: renames the key the problem points at (schema typos).
 * - `add-dead-letter-queue` `{ queue, name, fifo, retention?, maxReceiveCount? }`: declares queue
 *   `name` right after the queue at `queue` and sets that queue's `deadLetter`.
 * - `declare-node` `{ name, kinds, as? }`: declares a missing producer, router or consumer `name` of
 *   kind `as` (default: a function when allowed, else the first of `kinds`) at the end of its section.
 * - `declare-event` `{ name, source? }`: declares a missing catalog event (source: the given one, the
 *   first declared event's, or `<architecture name>.events`).
 * - `insert-queue` `{ at, name, target, fifo?, visibilityTimeout? }`: puts a new queue `name` consumed
 *   by function `target` between a source and the function: the reference at `at` (`to: fn` or
 *   `{ function: fn, … }`) now names the queue.
 * - `wrap-value` `{ at, key }`: nests the value at `at` under `key` (`filter: { type: [a] }` →
 *   `filter: { body: { type: [a] } }`), in block and flow style, without rewriting the value.
 * - `rename-node` `{ name, to }`: renames a producer, router or consumer everywhere it is written
 *   (its declaration and every reference), keeping quotes.
 * - `several` `{ fixes }`: the edits of several fixes together (they must not overlap).
 */
import { isMap, isScalar, isSeq, parse as parseYaml, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { isDefaultKind, newDeclaration } from '../kinds/index';
import type { ArchDocument } from '../parse/parse';
import { buildGraph } from '../model/build-graph';
import { findPair } from '../parse/locate';
import type { Fix, Pointer } from '../span';

/** Replace `[start, end)` of the original text (UTF-16 offsets) with `newText`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The edits that apply a fix to a document. `at` is the pointer of the problem that carries the
 * fix (used by kinds that act on the problem's own location, such as `rename-key`). Returns no
 * edit when the fix does not apply to this text (it changed, or the kind is unknown); never throws.
 */
export function fixEdits(doc: ArchDocument, fix: Fix, at: Pointer = []): TextEdit[] {
  if (!doc.yaml) return [];
  try {
    return normalize(editsFor(new Editor(doc.text, doc.yaml, doc.value), fix, at));
  } catch {
    return [];
  }
}

/**
 * Applies non-overlapping edits to a text. Edits at the same offset are applied in array order
 * (their texts appear in that order); an edit overlapping an earlier one is skipped.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i).map((x) => x.e);
  let out = '';
  let last = 0;
  for (const e of sorted) {
    if (e.start < last || e.end < e.start || e.end > text.length) continue;
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  return out + text.slice(last);
}

function editsFor(ed: Editor, fix: Fix, at: Pointer): TextEdit[] {
  switch (fix.kind) {
    case 'set-value':
      return ed.setValue(asPointer(fix.at), fix.value, optString(fix.refKey), optString(fix.after));
    case 'insert-property': {
      const key = optString(fix.key);
      return key === undefined ? [] : ed.setValue([...asPointer(fix.at), key], fix.value, undefined, optString(fix.after));
    }
    case 'append-item':
      return ed.appendItem(asPointer(fix.at), fix.value);
    case 'remove-property':
      return ed.removeProperty(asPointer(fix.at));
    case 'rename-key': {
      const to = optString(fix.to);
      return to === undefined ? [] : ed.renameKey(at, to, optString(fix.from));
    }
    case 'add-dead-letter-queue': {
      const queue = asPointer(fix.queue);
      const name = optString(fix.name);
      if (!name || queue.length < 2) return [];
      const declaration: Record<string, unknown> = { type: 'queue', ...(fix.fifo === true ? { fifo: true } : {}), ...(fix.retention !== undefined ? { retention: fix.retention } : {}) };
      const deadLetter: Record<string, unknown> = { queue: name, ...(typeof fix.maxReceiveCount === 'number' ? { maxReceiveCount: fix.maxReceiveCount } : {}) };
      const parent = queue.slice(0, -1);
      return [
        ...ed.setValue([...queue, 'deadLetter'], deadLetter),
        ...ed.setValue([...parent, name], declaration, undefined, String(queue[queue.length - 1])),
      ];
    }
    case 'declare-node': {
      const name = optString(fix.name);
      const kinds = Array.isArray(fix.kinds) ? fix.kinds.map(String) : [];
      const kind = optString(fix.as) ?? kinds.find(isDefaultKind) ?? kinds[0];
      const declaration = kind === undefined ? undefined : newDeclaration(kind);
      if (!name || !declaration) return [];
      return ed.setValue([declaration.section, name], declaration.value);
    }
    case 'declare-event': {
      const name = optString(fix.name);
      if (!name) return [];
      return ed.setValue(['events', name], { source: optString(fix.source) ?? ed.defaultSource() });
    }
    case 'insert-queue': {
      const ref = asPointer(fix.at);
      const name = optString(fix.name);
      const target = optString(fix.target);
      if (!name || !target || ref.length === 0) return [];
      const last = String(ref[ref.length - 1]);
      const declaration: Record<string, unknown> = {
        type: 'queue', ...(fix.fifo === true ? { fifo: true } : {}),
        ...(typeof fix.visibilityTimeout === 'number' ? { visibilityTimeout: fix.visibilityTimeout } : {}), to: target,
      };
      const retarget = last === 'function' ? [...ed.renameKey(ref, 'queue'), ...ed.setValue(ref, name)] : ed.setValue(ref, name);
      return retarget.length ? [...retarget, ...ed.setValue(['routers', name], declaration)] : [];
    }
    case 'wrap-value': {
      const key = optString(fix.key);
      return key === undefined ? [] : ed.wrapValue(asPointer(fix.at), key);
    }
    case 'rename-node': {
      const name = optString(fix.name);
      const to = optString(fix.to);
      if (!name || !to) return [];
      const { graph } = buildGraph(ed.value());
      const edits: TextEdit[] = [];
      for (const o of graph.occurrences) {
        if (o.namespace !== 'node' || o.name !== name) continue;
        edits.push(...(o.target === 'key' ? ed.renameKey(o.pointer, to) : ed.setValue(o.pointer, to)));
      }
      return edits;
    }
    case 'several':
      return Array.isArray(fix.fixes) ? fix.fixes.flatMap((f) => (isFix(f) ? editsFor(ed, f, at) : [])) : [];
    default:
      return [];
  }
}

function isFix(v: unknown): v is Fix {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string' && typeof (v as { title?: unknown }).title === 'string';
}

/** Drops no-op edits and merges insertions at the same offset (in order) so clients apply them predictably. */
function normalize(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const prev = out.find((o) => o.start === e.start && o.end === o.start && e.end === e.start);
    if (prev) out[out.indexOf(prev)] = { ...prev, newText: prev.newText + e.newText };
    else out.push(e);
  }
  return out.sort((a, b) => a.start - b.start);
}

function asPointer(v: unknown): Pointer {
  return Array.isArray(v) ? (v.filter((s) => typeof s === 'string' || typeof s === 'number') as Pointer) : [];
}

function optString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

type Range = [number, number, number];

const rangeOf = (n: unknown): Range | undefined => (n as { range?: Range } | null | undefined)?.range ?? undefined;

/** Edits over one parsed text. */
class Editor {
  private readonly eol: string;

  constructor(private readonly text: string, private readonly yaml: Document, private readonly plain: unknown) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** Sets the value at a pointer: replaces it when present, otherwise inserts what is missing. */
  setValue(pointer: Pointer, value: unknown, refKey?: string, after?: string): TextEdit[] {
    if (pointer.length === 0) return [];
    let node = this.yaml.contents as Node | null;
    for (let i = 0; i < pointer.length; i++) {
      const segment = String(pointer[i]);
      const rest = pointer.slice(i + 1).map(String);
      if (isMap(node)) {
        const pair = findPair(node, segment);
        if (!pair) return [this.insertPair(node, segment, nest(rest, value), i === pointer.length - 1 ? after : undefined)];
        if (rest.length === 0) return this.replaceValue(pair, value);
        node = (pair.value as Node | null) ?? null;
        if (node === null || (isScalar(node) && node.value === null)) return this.fillEmpty(pair, node, nest(rest, value));
        continue;
      }
      if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (item === undefined) return [];
        if (rest.length === 0) return [this.replaceNode(item, value)];
        node = item;
        continue;
      }
      // A bare reference (`to: worker`) that needs options: `{ function: worker, … }`.
      if (isScalar(node) && typeof node.value === 'string' && refKey && i === pointer.length - 1) {
        return [this.replaceNode(node, { [refKey]: node.value, [segment]: value })];
      }
      return [];
    }
    return [];
  }

  /** The document as plain data. */
  value(): unknown {
    return this.plain;
  }

  /**
   * Nests the value at a pointer under `key`. A flow value or scalar is wrapped in `{ key: … }`; a
   * block map or list gets a `key:` line and two more spaces of indentation on each of its lines.
   */
  wrapValue(pointer: Pointer, key: string): TextEdit[] {
    const node = this.nodeAt(pointer);
    const r = rangeOf(node);
    if (!node || !r) return [];
    const flow = !(isMap(node) || isSeq(node)) || (node as YAMLMap).flow === true;
    if (flow) {
      let end = r[1];
      while (end > r[0] && /\s/.test(this.text[end - 1]!)) end--;
      return [{ start: r[0], end: r[0], newText: `{ ${renderKey(key)}: ` }, { start: end, end, newText: ' }' }];
    }
    const lineStart = this.text.lastIndexOf('\n', r[0] - 1) + 1;
    const indent = r[0] - lineStart;
    // The value starts on its own line (block style): `key:` takes its place, the lines move right.
    if (!/^[ \t]*(-[ \t]+)?$/.test(this.text.slice(lineStart, r[0]))) return [];
    const edits: TextEdit[] = [{ start: r[0], end: r[0], newText: `${renderKey(key)}:${this.eol}${' '.repeat(indent)}  ` }];
    let end = r[1];
    while (end > r[0] && /\s/.test(this.text[end - 1]!)) end--;
    for (let nl = this.text.indexOf('\n', r[0]); nl >= 0 && nl < end; nl = this.text.indexOf('\n', nl + 1)) {
      const next = nl + 1;
      const lineEnd = this.text.indexOf('\n', next);
      const line = this.text.slice(next, lineEnd < 0 ? this.text.length : lineEnd);
      if (line.trim() !== '') edits.push({ start: next, end: next, newText: '  ' });
    }
    return edits;
  }

  /** The source for a new catalog event: the first declared event's, else `<name>.events`. */
  defaultSource(): string {
    const root = this.yaml.toJS() as Record<string, unknown> | null;
    const events = root && typeof root.events === 'object' && root.events ? Object.values(root.events as Record<string, unknown>) : [];
    for (const e of events) {
      const source = e && typeof e === 'object' ? (e as Record<string, unknown>).source : undefined;
      if (typeof source === 'string' && source) return source;
    }
    return `${typeof root?.name === 'string' && root.name ? root.name : 'app'}.events`;
  }

  /** Appends an item to the list at a pointer. */
  appendItem(pointer: Pointer, value: unknown): TextEdit[] {
    const seq = this.nodeAt(pointer);
    if (!isSeq(seq)) return [];
    const items = seq.items as Node[];
    const last = items[items.length - 1];
    const sr = rangeOf(seq);
    if (seq.flow || !last) {
      if (!sr) return [];
      if (!last) {
        const close = this.text.lastIndexOf(']', sr[1] - 1);
        return close < 0 ? [] : [{ start: close, end: close, newText: render(value) }];
      }
      let end = rangeOf(last)![1];
      while (end > 0 && /\s/.test(this.text[end - 1]!)) end--;
      return [{ start: end, end, newText: `, ${render(value)}` }];
    }
    const first = rangeOf(items[0])!;
    const lineStart = this.text.lastIndexOf('\n', first[0] - 1) + 1;
    const dash = this.text.indexOf('-', lineStart);
    if (dash < 0 || dash > first[0]) return [];
    let end = rangeOf(last)![1];
    while (end > 0 && /\s/.test(this.text[end - 1]!)) end--;
    const nl = this.text.indexOf('\n', end);
    const at = nl < 0 ? this.text.length : this.text[nl - 1] === '\r' ? nl - 1 : nl;
    return [{ start: at, end: at, newText: `${this.eol}${' '.repeat(dash - lineStart)}- ${render(value)}` }];
  }

  removeProperty(pointer: Pointer): TextEdit[] {
    const parent = this.nodeAt(pointer.slice(0, -1));
    const key = String(pointer[pointer.length - 1]);
    if (!isMap(parent)) return [];
    const index = parent.items.findIndex((p) => p === findPair(parent, key));
    if (index < 0) return [];
    const pair = parent.items[index]!;
    const keyRange = rangeOf(pair.key);
    if (!keyRange) return [];
    const text = this.text;
    if (parent.flow) {
      if (parent.items.length === 1) {
        const mr = rangeOf(parent)!;
        return [{ start: mr[0] + 1, end: mr[1] - 1, newText: '' }];
      }
      if (index > 0) return [{ start: this.pairEnd(parent.items[index - 1]!), end: this.pairEnd(pair), newText: '' }];
      return [{ start: keyRange[0], end: rangeOf(parent.items[1]!.key)![0], newText: '' }];
    }
    // The only entry of a block map: the map becomes `{}` (up to the entry's end, not the comments after it).
    if (parent.items.length === 1) return [{ start: rangeOf(parent)![0], end: this.pairEnd(pair), newText: '{}' }];
    const lineStart = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
    const end = this.lineEndAfter(pair);
    const next = end < text.length ? end + (text.startsWith('\r\n', end) ? 2 : 1) : end;
    if (/^[ \t]*$/.test(text.slice(lineStart, keyRange[0]))) return [{ start: lineStart, end: next, newText: '' }];
    // The first key of a list item (`- key: v`): the next key takes its place.
    const following = parent.items[index + 1];
    const nextKey = following ? rangeOf(following.key) : undefined;
    return nextKey ? [{ start: keyRange[0], end: nextKey[0], newText: '' }] : [];
  }

  renameKey(pointer: Pointer, to: string, from?: string): TextEdit[] {
    const parent = this.nodeAt(pointer.slice(0, -1));
    const key = String(pointer[pointer.length - 1] ?? from);
    const pair = isMap(parent) ? findPair(parent, from ?? key) ?? findPair(parent, key) : undefined;
    if (!pair || !isScalar(pair.key)) return [];
    const r = rangeOf(pair.key)!;
    return [{ start: r[0], end: r[1], newText: scalarText(to, (pair.key as Scalar).type) }];
  }

  private nodeAt(pointer: Pointer): Node | null {
    let node = this.yaml.contents as Node | null;
    for (const segment of pointer) {
      if (isMap(node)) node = (findPair(node, String(segment))?.value as Node | null) ?? null;
      else if (isSeq(node)) node = (node.items[Number(segment)] as Node | undefined) ?? null;
      else return null;
    }
    return node;
  }

  private replaceValue(pair: Pair, value: unknown): TextEdit[] {
    const node = pair.value as Node | null;
    if (node === null || (isScalar(node) && node.value === null)) return this.fillEmpty(pair, node, value);
    return [this.replaceNode(node, value)];
  }

  /** `key:` with nothing after it: write the value on the same line. */
  private fillEmpty(pair: Pair, node: Node | null, value: unknown): TextEdit[] {
    const r = rangeOf(node);
    const keyEnd = rangeOf(pair.key)?.[1];
    if (r && r[1] > r[0]) return [this.replaceNode(node!, value)];
    if (keyEnd === undefined) return [];
    const colon = this.text.indexOf(':', keyEnd);
    if (colon < 0) return [];
    return [{ start: colon + 1, end: colon + 1, newText: ' ' + render(value) }];
  }

  private replaceNode(node: Node, value: unknown): TextEdit {
    const r = rangeOf(node)!;
    const type = isScalar(node) ? node.type : undefined;
    const text = isScalar(node) && typeof value === 'string' ? scalarText(value, type) : render(value);
    return { start: r[0], end: r[1], newText: text };
  }

  /** Inserts `key: value` into a map, after the entry `after` (default: the last one). */
  private insertPair(map: YAMLMap, key: string, value: unknown, after?: string): TextEdit {
    const entry = `${renderKey(key)}: ${render(value)}`;
    const anchor = (after !== undefined ? findPair(map, after) : undefined) ?? map.items[map.items.length - 1];
    const mr = rangeOf(map);
    if (map.flow || !anchor) {
      if (!anchor) {
        if (!mr) return { start: 0, end: 0, newText: '' };
        // `{}`: write inside the braces.
        const close = this.text.lastIndexOf('}', mr[1] - 1);
        return { start: close, end: close, newText: ` ${entry} ` };
      }
      const end = this.pairEnd(anchor);
      return { start: end, end, newText: `, ${entry}` };
    }
    const first = rangeOf(map.items[0]!.key)!;
    const indent = first[0] - (this.text.lastIndexOf('\n', first[0] - 1) + 1);
    const end = this.lineEndAfter(anchor);
    return { start: end, end, newText: `${this.eol}${' '.repeat(indent)}${entry}` };
  }

  /** End of a pair's value (or key) in the text, before any trailing comment. */
  private pairEnd(pair: Pair): number {
    const vr = rangeOf(pair.value);
    const kr = rangeOf(pair.key);
    let end = vr ? vr[1] : kr ? kr[1] : 0;
    while (end > 0 && /\s/.test(this.text[end - 1]!)) end--;
    return Math.max(end, kr ? kr[1] : 0);
  }

  /** The offset of the line break ending the last line of a pair (or the end of the text). */
  private lineEndAfter(pair: Pair): number {
    const end = this.pairEnd(pair);
    const nl = this.text.indexOf('\n', end);
    if (nl < 0) return this.text.length;
    return this.text[nl - 1] === '\r' ? nl - 1 : nl;
  }
}

/** `['a', 'b'], v` → `{ a: { b: v } }` */
function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((v, k) => ({ [k]: v }), value);
}

/** A string as a plain scalar when it reads back as the same string, else double-quoted. */
function plainOrQuoted(s: string): string {
  if (/^[A-Za-z0-9_$][\w$.\-/]*$/.test(s)) {
    try {
      if (parseYaml(s) === s) return s;
    } catch {
      // fall through to quoting
    }
  }
  return JSON.stringify(s);
}

/** A string scalar in the quoting style of the scalar it replaces. */
function scalarText(s: string, type: Scalar['type'] | undefined): string {
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(s);
  if (type === 'QUOTE_SINGLE') return `'${s.replace(/'/g, "''")}'`;
  return plainOrQuoted(s);
}

function renderKey(key: string): string {
  return plainOrQuoted(key);
}

/** A value in YAML flow style (fits on one line, valid in block and flow context). */
export function render(value: unknown): string {
  if (typeof value === 'string') return plainOrQuoted(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${renderKey(k)}: ${render(v)}`).join(', ')} }`;
  }
  return JSON.stringify(String(value));
}
