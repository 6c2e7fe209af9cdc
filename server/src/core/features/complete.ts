import { isMap, isPair, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { derived } from '../analysis/derived';
import type { Analysis } from '../analyze';
import { readYaml } from '../parse/read-yaml';
import { toValue } from '../parse/to-value';
import type { Graph } from '../model/graph';
import { isNodeKind, kindLabel, kindModule, TYPES_OF_SECTION, type NodeKind, type Section } from '../kinds/index';
import type { Pointer, Span } from '../span';
import { accessEmit, accessKind, accessWordMarkdown, accessWordsOf } from './access-words';
import { fieldMarkdown, navigator, typesOf, type SchemaNode } from './schema-nav';
import { slotAt, type Slot } from './slots';
import { isObj, type Obj } from '../util/value';
import { lineAt, lineStarts } from '../util/lines';
import { declaredNode, STAGE_SETTINGS } from '../model/stages';

/** What a completion item is, for the editor's icon. */
export type CompletionKind = 'property' | 'value' | 'node' | 'event' | 'snippet';

/** One completion proposal, in offsets: `insertText` replaces `span`. */
export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  /** `insertText` is a snippet (`${1:name}` placeholders). */
  readonly snippet: boolean;
  readonly span: Span;
  readonly sortText?: string;
  readonly filterText?: string;
}

/** What the editor supports. */
export interface CompleteOptions {
  /** Snippet syntax in insert texts (default true). */
  readonly snippets?: boolean;
}

/** Stands for the word under the cursor while the surrounding entry is re-parsed. */
const SENTINEL = '__archflow_completion__';

const WORD = /[A-Za-z0-9_.\-/$]/;
const SECTIONS: readonly string[] = ['producers', 'routers', 'consumers'];

/** Where the cursor is, as found by re-parsing its entry with the word replaced by a marker. */
interface Context {
  readonly pointer: (string | number)[];
  readonly onKey: boolean;
  /** The value of the re-parsed part of the file, without the marker. */
  readonly value: unknown;
  /** The map holding the marker key (key mode). */
  readonly map?: YAMLMap;
  /** The marker made a new map of its own (`to:⏎  |`, `- |`): values of the map's place fit too. */
  readonly madeMap: boolean;
  readonly flow: boolean;
}

const LINE_STARTS = Symbol('line starts');

/** The line starts of an analysed text, once per analysis (completion asks again at every keystroke). */
function startsOf(analysis: Analysis): number[] {
  return derived(analysis.graph, LINE_STARTS, () => lineStarts(analysis.doc.text));
}

const indentOf = (line: string): number => line.length - line.trimStart().length;
const isContent = (line: string): boolean => line.trim() !== '' && !line.trimStart().startsWith('#');
const isTopLevel = (line: string): boolean => /^[^\s#}\]]/.test(line) && !/^(---|\.\.\.|%)/.test(line);

/** True when the offset is inside a comment (a `#` after whitespace, outside quotes). */
function inComment(before: string): boolean {
  const stripped = before.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""');
  return /(^|\s)#/.test(stripped);
}

/**
 * Completion at an offset: keys from the schema (with their documentation) that the map does not
 * have yet, enum and `type:` values, the names that fit the place (only functions where a function
 * is required, only queues for a dead-letter queue, only catalog events for `event:`, only events
 * emitted onto the bus in a rule's `detail-type` and their sources in `source`), and snippets for
 * new producers, routers, consumers, events and rules. Works in block and flow style, on a partial
 * word and on an empty value after `key: `.
 *
 * Only the top-level entry around the cursor is re-parsed (cheap on big files); names come from the
 * analysis.
 */
export function complete(analysis: Analysis, offset: number, options: CompleteOptions = {}): CompletionEntry[] {
  const text = analysis.doc.text;
  if (offset < 0 || offset > text.length || (analysis.doc.yaml === undefined && text.trim() !== '')) return [];
  const starts = startsOf(analysis);
  const c = lineAt(starts, offset);
  const lineStart = starts[c]!;
  const lineEnd = c + 1 < starts.length ? starts[c + 1]! - 1 : text.length;
  // A line this long is data, not something typed: re-reading it around the cursor would cost seconds.
  if (lineEnd - lineStart > MAX_LINE_CHARS) return [];
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const col = offset - lineStart;
  if (col > line.length || inComment(line.slice(0, col))) return [];

  // The word under the cursor (names, keys, enum values such as `ObjectCreated:Put`).
  let ws = col;
  while (ws > 0 && (WORD.test(line[ws - 1]!) || (line[ws - 1] === ':' && ws < line.length && WORD.test(line[ws] ?? '') && ws - 1 > 0 && WORD.test(line[ws - 2]!)))) ws--;
  let we = col;
  while (we < line.length && (WORD.test(line[we]!) || (line[we] === ':' && WORD.test(line[we + 1] ?? '')))) we++;
  const prefix = line.slice(0, ws);
  const rest = line.slice(we);
  const blockKey = /^\s*(-\s+)?$/.test(prefix) && /^\s*(#.*)?$/.test(rest);
  const afterColon = prefix.endsWith(':');
  const patched = prefix + (afterColon ? ' ' : '') + SENTINEL + (blockKey ? ':' : '') + rest;
  const span: Span = { start: lineStart + ws, end: lineStart + we };

  const ctx = context(text, starts, c, patched, blockKey);
  if (!ctx) return [];
  const lead = afterColon ? ' ' : '';
  const snippets = options.snippets !== false;
  const indent = ' '.repeat(indentOf(prefix.replace(/-(\s+)$/, ' $1')));
  const unit = indentUnit(text, starts);
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  const push = (e: CompletionEntry): void => {
    if (seen.has(e.kind + '\u0000' + e.label)) return;
    seen.add(e.kind + '\u0000' + e.label);
    out.push(e);
  };

  if (ctx.onKey) {
    const parent = ctx.pointer.slice(0, -1);
    const schemas = navigator.at(ctx.value, parent);
    const parentValue = valueAt(ctx.value, parent);
    const present = new Set<string>();
    if (ctx.map) for (const item of ctx.map.items) if (isPair(item) && isScalar(item.key)) present.add(String(item.key.value));
    if (parent.length === 0 && isObj(analysis.doc.value)) for (const k of Object.keys(analysis.doc.value)) present.add(k);
    const hasColon = rest.trimStart().startsWith(':');
    let order = 0;
    for (const [key, s] of navigator.properties(schemas, parentValue)) {
      order++;
      if (present.has(key) && key !== SENTINEL) continue;
      const info = navigator.describe([s], undefined);
      const shape = shapeOf(s);
      let insertText = hasColon ? key : `${key}: `;
      let snippet = false;
      if (!hasColon && snippets && !ctx.flow && blockKey && shape === 'object') {
        insertText = `${key}:\n${indent}${unit}$0`;
        snippet = true;
      } else if (!hasColon && snippets && !ctx.flow && blockKey && shape === 'list') {
        insertText = `${key}:\n${indent}${unit}- $0`;
        snippet = true;
      }
      push({
        label: key, kind: 'property', detail: detailOf(info.types, info.unit), documentation: fieldMarkdown(key, info),
        insertText: lead + insertText, snippet, span, sortText: `1${String(order).padStart(3, '0')}`,
      });
    }
    for (const e of stageOverrideKeys(analysis, parent, present, { hasColon, lead, span, blockKey, flow: ctx.flow, snippets, indent, unit })) push(e);
    const section = parent.length === 1 ? String(parent[0]) : undefined;
    if (section && (SECTIONS.includes(section) || section === 'events')) {
      for (const e of newEntrySnippets(section, analysis.graph, { flow: ctx.flow, snippets, indent, unit })) push({ ...e, span });
    }
    if (parent.length === 3 && parent[0] === 'routers' && parent[2] === 'rules') {
      push({ ...ruleSnippet(analysis.graph, { flow: ctx.flow, snippets, indent, unit }), span });
    }
    if (isPatternPath(parent)) {
      for (const [key, doc] of PATTERN_FIELDS) {
        if (present.has(key)) continue;
        push({ label: key, kind: 'property', detail: 'event pattern field', documentation: doc, insertText: lead + (hasColon ? key : `${key}: `), snippet: false, span, sortText: `1${key}` });
      }
    }
    if (ctx.madeMap) for (const e of valueEntries(analysis, ctx, parent, span, lead)) push(e);
  } else {
    for (const e of valueEntries(analysis, ctx, ctx.pointer, span, lead)) push(e);
  }
  return out;
}

/** `stages/<stage>/nodes` (node names) or `stages/<stage>/nodes/<node>` (its settings). */
const isStageNodes = (p: Pointer): boolean => p.length >= 3 && p[0] === 'stages' && p[2] === 'nodes';

/**
 * Keys under a stage's `nodes`: the nodes of the file whose kind a stage may change (not those
 * already overridden), and under a node the settings a stage may change for its kind
 * (`STAGE_SETTINGS`), documented as the node's own settings are.
 */
function stageOverrideKeys(
  analysis: Analysis, parent: Pointer, present: ReadonlySet<string>,
  o: { hasColon: boolean; lead: string; span: Span; blockKey: boolean; flow: boolean; snippets: boolean; indent: string; unit: string },
): CompletionEntry[] {
  if (!isStageNodes(parent) || parent.length > 4) return [];
  const out: CompletionEntry[] = [];
  const stage = String(parent[1]);
  const block = !o.hasColon && o.snippets && !o.flow && o.blockKey;
  if (parent.length === 3) {
    for (const node of analysis.graph.nodes.values()) {
      const settings = STAGE_SETTINGS[node.kind];
      if (settings.length === 0 || present.has(node.id)) continue;
      out.push({
        label: node.id, kind: 'node', detail: `${kindLabel(node.kind)} (${node.lane})`,
        documentation: `Overrides of ${kindLabel(node.kind)} \`${node.id}\` in stage \`${stage}\`: ${settings.map((k) => `\`${k}\``).join(', ')}.`,
        insertText: o.lead + (o.hasColon ? node.id : block ? `${node.id}:\n${o.indent}${o.unit}$0` : `${node.id}: `), snippet: block, span: o.span, sortText: `0${node.id}`,
      });
    }
    return out;
  }
  const name = String(parent[3]);
  const declared = declaredNode(analysis.doc.value, name);
  if (!declared?.kind) return [];
  const own = navigator.properties(navigator.at(analysis.doc.value, [declared.section, name]), declared.config);
  STAGE_SETTINGS[declared.kind].forEach((key, i) => {
    if (present.has(key)) return;
    const s = own.get(key);
    const info = s ? navigator.describe([s], undefined) : undefined;
    out.push({
      label: key, kind: 'property', ...(info ? { detail: detailOf(info.types, info.unit), documentation: fieldMarkdown(key, info) } : {}),
      insertText: o.lead + (o.hasColon ? key : `${key}: `), snippet: false, span: o.span, sortText: `0${String(i).padStart(3, '0')}`,
    });
  });
  return out;
}

/** A value under `stages/<stage>/nodes/<node>/<setting>…`: what the node's own setting takes. */
function stageOverrideValues(analysis: Analysis, pointer: Pointer, span: Span, lead: string): CompletionEntry[] | undefined {
  if (!isStageNodes(pointer) || pointer.length < 5) return undefined;
  const name = String(pointer[3]);
  const declared = declaredNode(analysis.doc.value, name);
  if (!declared?.kind || !STAGE_SETTINGS[declared.kind].includes(String(pointer[4]))) return [];
  const own = [declared.section, name, ...pointer.slice(4)];
  const info = navigator.describe(navigator.at(analysis.doc.value, own), undefined);
  const key = [...pointer].reverse().find((x) => typeof x === 'string');
  const doc = fieldMarkdown(typeof key === 'string' ? key : undefined, info);
  const out: CompletionEntry[] = info.values.map((v, i) => {
    const label = typeof v === 'string' ? v : JSON.stringify(v);
    return { label, kind: 'value', documentation: doc, insertText: lead + label, snippet: false, span, sortText: `0${String(i).padStart(3, '0')}` };
  });
  if (info.values.length === 0 && info.types.includes('boolean')) {
    for (const b of ['true', 'false']) out.push({ label: b, kind: 'value', documentation: doc, insertText: lead + b, snippet: false, span, sortText: `0${b}` });
  }
  return out;
}

/** `routers/<bus>/rules/<rule>/pattern`. */
function isPatternPath(p: Pointer): boolean {
  return p.length === 5 && p[0] === 'routers' && p[2] === 'rules' && p[4] === 'pattern';
}

/** The fields of an EventBridge event a pattern can match. */
const PATTERN_FIELDS: readonly [string, string][] = [
  ['source', 'Matches the event\'s `source`, e.g. `[shop.orders]`.'],
  ['detail-type', 'Matches the event\'s `detail-type` (a catalog event\'s `detailType`, by default its name).'],
  ['detail', 'Matches fields of the event body (`detail`), e.g. `{ total: [{ numeric: [">", 100] }] }`.'],
  ['account', 'Matches the AWS account id of the event.'],
  ['region', 'Matches the AWS Region of the event.'],
  ['resources', 'Matches the ARNs in the event\'s `resources`.'],
];

/** Value proposals at a pointer: enum and const values, booleans, names that fit, the default. */
function valueEntries(analysis: Analysis, ctx: Context, pointer: Pointer, span: Span, lead: string): CompletionEntry[] {
  const staged = stageOverrideValues(analysis, pointer, span, lead);
  if (staged) return staged;
  const out: CompletionEntry[] = [];
  // `access` of an emit: the words of the target's kind, each with the actions it grants.
  const emit = accessEmit(pointer);
  const access = emit ? accessKind(analysis.graph, ctx.value, emit) : undefined;
  if (access) {
    return accessWordsOf(access.kind).map((w, i) => ({
      label: w, kind: 'value', detail: `access of ${kindLabel(access.kind)} ${access.target}`, documentation: accessWordMarkdown(access.kind, w, access.target),
      insertText: lead + w, snippet: false, span, sortText: `0${String(i).padStart(3, '0')}`,
    }));
  }
  const schemas = navigator.at(ctx.value, pointer);
  const info = navigator.describe(schemas, undefined);
  const fieldName = [...pointer].reverse().find((s) => typeof s === 'string');
  const doc = fieldMarkdown(typeof fieldName === 'string' ? fieldName : undefined, info);
  info.values.forEach((v, i) => {
    const label = typeof v === 'string' ? v : JSON.stringify(v);
    out.push({ label, kind: 'value', detail: typeDetail(pointer, v), documentation: doc, insertText: lead + label, snippet: false, span, sortText: `0${String(i).padStart(3, '0')}` });
  });
  if (info.values.length === 0 && info.types.includes('boolean')) {
    for (const b of ['true', 'false']) out.push({ label: b, kind: 'value', documentation: doc, insertText: lead + b, snippet: false, span, sortText: `0${b}` });
  }
  const [section, name] = pointer;
  const config = typeof section === 'string' && name !== undefined ? valueAt(ctx.value, [section, name]) : undefined;
  const slot = slotAt(pointer, config);
  if (slot) out.push(...nameEntries(analysis.graph, slot, pointer, span, lead));
  if (info.values.length === 0 && !slot && info.default !== undefined && typeof info.default !== 'object') {
    const label = String(info.default);
    out.push({ label, kind: 'value', detail: 'default', documentation: doc, insertText: lead + label, snippet: false, span, sortText: '2' });
  }
  return out;
}

/** `type:` values say what they declare. */
function typeDetail(pointer: Pointer, v: unknown): string | undefined {
  if (pointer.length === 3 && pointer[2] === 'type' && isNodeKind(v)) return kindLabel(v);
  return undefined;
}

/** Names that fit a slot. */
function nameEntries(graph: Graph, slot: Slot, pointer: Pointer, span: Span, lead: string): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const self = pointer[1];
  const wrap = (v: string): string => (typeof pointer[pointer.length - 1] === 'string' && slot.namespace !== 'node' && slot.namespace !== 'event' ? `[${v}]` : v);
  switch (slot.namespace) {
    case 'node':
      for (const node of graph.nodes.values()) {
        if (node.id === self || !slot.kinds.includes(node.kind)) continue;
        out.push({ label: node.id, kind: 'node', detail: `${kindLabel(node.kind)} (${node.lane})`, insertText: lead + node.id, snippet: false, span, sortText: `1${node.id}` });
      }
      break;
    case 'event':
      for (const e of graph.events.values()) {
        out.push({ label: e.name, kind: 'event', detail: `event from ${e.source ?? '?'}`, insertText: lead + e.name, snippet: false, span, sortText: `1${e.name}` });
      }
      break;
    case 'detail-type':
    case 'source': {
      const onBus = new Set<string>();
      for (const e of graph.incoming.get(slot.bus) ?? []) if (e.event) onBus.add(e.event);
      const events = onBus.size ? [...onBus].map((n) => graph.events.get(n)!).filter(Boolean) : [...graph.events.values()];
      const note = onBus.size ? `emitted onto ${slot.bus}` : `not emitted onto ${slot.bus} yet`;
      const values = new Map<string, string>();
      for (const e of events) {
        const v = slot.namespace === 'detail-type' ? e.detailType : e.source;
        if (v && !values.has(v)) values.set(v, e.name);
      }
      for (const [v, event] of values) {
        out.push({ label: v, kind: 'event', detail: `${slot.namespace} of ${event} (${note})`, insertText: lead + wrap(v), snippet: false, span, filterText: v, sortText: `1${v}` });
      }
      break;
    }
  }
  return out;
}

function detailOf(types: readonly string[], unit: string | undefined): string | undefined {
  const t = types.filter((x) => x !== 'null').join(' | ');
  return [t, unit].filter(Boolean).join(', ') || undefined;
}

function shapeOf(s: SchemaNode): 'object' | 'list' | 'scalar' | 'mixed' {
  const types = new Set(navigator.alternatives(s, undefined).flatMap(typesOf));
  if (types.size === 1 && types.has('object')) return 'object';
  if (types.size === 1 && types.has('array')) return 'list';
  if (types.has('object') || types.has('array')) return 'mixed';
  return 'scalar';
}

function valueAt(root: unknown, pointer: Pointer): unknown {
  let v = root;
  for (const s of pointer) v = Array.isArray(v) ? v[Number(s)] : isObj(v) ? v[String(s)] : undefined;
  return v;
}

/** The file's indentation step (the indentation of the first nested line), 2 by default. */
function indentUnit(text: string, starts: readonly number[]): string {
  for (let i = 1; i < Math.min(starts.length, 200); i++) {
    const line = text.slice(starts[i]!, (starts[i + 1] ?? text.length + 1) - 1);
    if (isContent(line) && indentOf(line) > 0) return ' '.repeat(Math.min(8, indentOf(line)));
  }
  return '  ';
}

/** Completion is not offered on a longer line. */
const MAX_LINE_CHARS = 20_000;

/** Lines of context re-parsed as they are; a longer context is cut to its skeleton (`skeleton`). */
const MAX_CONTEXT_LINES = 1000;
/** Lines after the cursor a skeleton keeps. */
const AFTER_CURSOR = 200;

/**
 * The lines of a long context that say where the cursor is: the cursor's line, the lines at its own
 * level (its siblings) and, going up, each enclosing line and the lines at that level (the siblings
 * of each ancestor, such as `type:`), without the content nested under the siblings; then at most
 * `AFTER_CURSOR` lines after it. A 100,000-line section is re-parsed as a few hundred lines.
 */
function skeleton(lines: readonly string[], cursor: number): string[] {
  const before: string[] = [];
  let bound = isContent(lines[cursor]!) ? indentOf(lines[cursor]!) : Number.POSITIVE_INFINITY;
  for (let i = cursor - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (!isContent(l)) continue;
    const ind = indentOf(l);
    if (ind > bound) continue;
    bound = ind;
    before.push(l);
  }
  before.reverse();
  const after: string[] = [];
  const own = isContent(lines[cursor]!) ? indentOf(lines[cursor]!) : 0;
  for (let i = cursor + 1; i < lines.length && after.length < AFTER_CURSOR; i++) {
    const l = lines[i]!;
    if (isContent(l) && indentOf(l) < own) break;
    after.push(l);
  }
  return [...before, lines[cursor]!, ...after];
}

/** Re-parses the entry around the cursor line with the word replaced by the marker. */
function context(text: string, starts: readonly number[], c: number, patched: string, blockKey: boolean): Context | undefined {
  const n = starts.length;
  const lineAt = (i: number): string => (i === c ? patched : text.slice(starts[i]!, (i + 1 < n ? starts[i + 1]! - 1 : text.length)).replace(/\r$/, ''));
  let t = 0;
  for (let i = c; i >= 0; i--) {
    if (isTopLevel(lineAt(i))) {
      t = i;
      break;
    }
  }
  let e = n;
  for (let i = t + 1; i < n; i++) {
    if (isTopLevel(lineAt(i))) {
      e = i;
      break;
    }
  }
  let lines: string[] | undefined;
  let cursorLine = 0;
  const header = lineAt(t);
  if (c > t && /^[^#]*:\s*(#.*)?$/.test(header)) {
    let k = -1;
    let first = '';
    for (let i = t + 1; i < e; i++) {
      const l = lineAt(i);
      if (isContent(l)) {
        k = indentOf(l);
        first = l;
        break;
      }
    }
    if (k > 0 && !first.trimStart().startsWith('-')) {
      let s = -1;
      for (let i = c; i > t; i--) {
        const l = lineAt(i);
        if (!isContent(l) || indentOf(l) > k) continue;
        if (indentOf(l) === k) s = i;
        break;
      }
      if (s > 0) {
        let end = e;
        for (let i = s + 1; i < e; i++) {
          const l = lineAt(i);
          if (isContent(l) && indentOf(l) <= k) {
            end = i;
            break;
          }
        }
        lines = [header];
        for (let i = s; i < end; i++) lines.push(lineAt(i));
        cursorLine = 1 + c - s;
      }
    }
  }
  if (!lines) {
    // On the top-level line itself, that line is the context (unless a flow collection opens there).
    const own = lineAt(t);
    const opened = (own.match(/[{[]/g)?.length ?? 0) > (own.match(/[}\]]/g)?.length ?? 0);
    if (c === t && !opened) lines = [own];
    else {
      lines = [];
      for (let i = t; i < e; i++) lines.push(lineAt(i));
    }
    cursorLine = c - t;
  }
  if (lines.length > MAX_CONTEXT_LINES) lines = skeleton(lines, cursorLine);
  const snippet = lines.join('\n') + '\n';
  // Read as parse reads a file: nesting bounded, collection keys left out, nothing stringified.
  const { doc } = readYaml(snippet, { uniqueKeys: false, logLevel: 'silent' });
  const found = findMarker(doc.contents as Node | null, []);
  if (!found) return undefined;
  const converted = toValue(doc, snippet);
  const value = converted.incomplete ? undefined : clean(converted.value);
  const madeMap = found.onKey && blockKey && !!found.map && found.map.items.length === 1 && !found.map.flow;
  return { pointer: found.pointer, onKey: found.onKey, value, madeMap, flow: found.flow, ...(found.map ? { map: found.map } : {}) };
}

interface Found {
  pointer: (string | number)[];
  onKey: boolean;
  map?: YAMLMap;
  flow: boolean;
}

function findMarker(node: Node | null, pointer: (string | number)[]): Found | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? String(item.key.value) : undefined;
      if (key === SENTINEL) return { pointer: [...pointer, key], onKey: true, map: node, flow: !!node.flow };
      if (key === undefined) continue;
      const v = item.value as Node | null;
      if (isScalar(v) && v.value === SENTINEL) return { pointer: [...pointer, key], onKey: false, flow: !!node.flow };
      const deeper = findMarker(v, [...pointer, key]);
      if (deeper) return deeper;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (isScalar(item) && item.value === SENTINEL) return { pointer: [...pointer, i], onKey: false, flow: !!node.flow };
      const deeper = findMarker(item, [...pointer, i]);
      if (deeper) return deeper;
    }
  }
  return undefined;
}

/** The parsed value without the marker (its key removed, its value unknown). */
function clean(v: unknown): unknown {
  if (v === SENTINEL) return undefined;
  if (Array.isArray(v)) return v.map(clean);
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) if (k !== SENTINEL) out[k] = clean(x);
    return out;
  }
  return v;
}

interface SnippetStyle {
  readonly flow: boolean;
  readonly snippets: boolean;
  readonly indent: string;
  readonly unit: string;
}

/** `${1:name}` → `name` when the editor has no snippets; `\$`, `\}` and `\\` (snippet escapes) → `$`, `}`, `\`. */
function plain(s: string): string {
  return s.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/(?<!\\)\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

/** A snippet from block lines (`  ` = one indentation step); flow style joins them in braces. */
function render(label: string, detail: string, block: readonly string[], flow: string, style: SnippetStyle, sortText: string, documentation: string): Omit<CompletionEntry, 'span'> {
  const text = style.flow
    ? flow
    : block.map((l, i) => (i === 0 ? '' : style.indent) + l.replace(/^((?: {2})+)/, (m) => style.unit.repeat(m.length / 2))).join('\n');
  return {
    label, kind: 'snippet', detail, documentation, sortText, filterText: label,
    insertText: style.snippets ? text : plain(text), snippet: style.snippets,
  };
}

/** `${n|a,b,c|}` of existing names of some kinds, or a plain placeholder. */
function choice(n: number, graph: Graph, kinds: readonly NodeKind[], fallback: string): string {
  const names = [...graph.nodes.values()].filter((x) => kinds.includes(x.kind)).map((x) => x.id).slice(0, 12);
  return names.length ? `\${${n}|${names.join(',')}|}` : `\${${n}:${fallback}}`;
}

/** A default name that is not declared yet: `jobs`, else `jobs2`, … */
function fresh(graph: Graph, base: string): string {
  let name = base;
  for (let i = 2; graph.nodes.has(name) || graph.events.has(name); i++) name = `${base}${i}`;
  return name;
}

function newEntrySnippets(section: string, graph: Graph, style: SnippetStyle): Omit<CompletionEntry, 'span'>[] {
  const fn = (n: number): string => choice(n, graph, ['function'], 'handler');
  const nameRe = /^\$\{1:([^}]+)\}/;
  const named = (text: string): string => text.replace(nameRe, (_, base: string) => `\${1:${fresh(graph, base)}}`);
  if (section === 'events') {
    return [render('new event', 'catalog event with a JSON Schema', [
      named('${1:OrderPlaced}:'), '  source: ${2:shop.orders}', '  schema:', '    type: object', '    required: [${3:id}]', '    properties:', '      ${3:id}: { type: string }',
    ], named('${1:OrderPlaced}: { source: ${2:shop.orders}, schema: { type: object, properties: { ${3:id}: { type: string } } } }'), style, '3event', 'Declares a catalog event: its EventBridge `source`, and a JSON Schema of its body.')];
  }
  const kinds = TYPES_OF_SECTION[section as Section] ?? [];
  return kinds.map((k, i) => {
    const { block, flow, doc } = kindModule(k).editor.snippet(fn, (n, of, fallback) => choice(n, graph, of, fallback));
    return render(`new ${kindLabel(k)}`, `${section.replace(/s$/, '')} snippet`, [named(block[0]!), ...block.slice(1)], named(flow), style, `3${i}`, doc);
  });
}

function ruleSnippet(graph: Graph, style: SnippetStyle): Omit<CompletionEntry, 'span'> {
  const target = choice(3, graph, ['function', 'queue', 'topic', 'event-bus', 'stream', 'firehose'], 'target');
  const event = [...graph.events.values()][0];
  return render('new rule', 'event-bus rule snippet', ['${1:rule}:', `  pattern: { detail-type: [\${2:${event?.detailType ?? 'OrderPlaced'}}] }`, `  to: ${target}`],
    `\${1:rule}: { pattern: { detail-type: [\${2:${event?.detailType ?? 'OrderPlaced'}}] }, to: ${target} }`, style, '3rule', 'A rule routing matching events to a target.');
}
