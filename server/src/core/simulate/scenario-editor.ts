/**
 * Scenario files in the editor: completion (the schema's fields, and the names of the architecture
 * where a field names a node, a catalog event, a route or a counter), hover (the schema's documentation
 * of a field; a summary of the node or event a value names) and where each scenario is (for its "Run
 * scenario" lens). Pure: the caller reads the architecture and hands its graph (or none).
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { eventSummary, nodeSummary } from '../features/hover';
import { fieldMarkdown, SchemaNavigator, type SchemaNode } from '../features/schema-nav';
import type { NodeKind } from '../kinds/index';
import type { Graph } from '../model/graph';
import type { ArchDocument } from '../parse/parse';
import type { Pointer, Span } from '../span';
import { lineAt, lineStarts } from '../util/lines';
import { isObj } from '../util/value';
import { scenarioFileSchema } from './scenario';

/** The navigator over the scenario schema. */
const nav = new SchemaNavigator(scenarioFileSchema as SchemaNode);

/** What a completion proposes: a field, a value of the schema, a node or a catalog event. */
export type ScenarioCompletionKind = 'property' | 'value' | 'node' | 'event';

/** One completion proposal: `insertText` replaces `span`. */
export interface ScenarioCompletion {
  readonly label: string;
  readonly kind: ScenarioCompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  readonly span: Span;
}

/** The counters an expectation's `count` may bound (docs/simulate.md). */
const METRICS = ['received', 'invocations', 'succeeded', 'failed', 'retried', 'throttled', 'deadLettered', 'deadLetters', 'lost', 'filtered', 'timeouts'];

/** The kinds of node a field names, by field (any node: `undefined`). */
function nodeKinds(key: string, pointer: Pointer): readonly NodeKind[] | undefined | false {
  switch (key) {
    case 'api': return ['http-api'];
    case 'bucket': return ['bucket'];
    case 'table': return ['table'];
    case 'bus': return ['event-bus'];
    case 'queue': return pointer.includes('maxDepth') ? ['queue', 'stream'] : pointer.includes('deadLettered') ? undefined : ['queue'];
    case 'topic': return ['topic'];
    case 'stream': return ['stream'];
    case 'function': return ['function'];
    case 'node': case 'from': return undefined;
    case 'to': return pointer.includes('emits') ? false : undefined;
    default: return false;
  }
}

const SENTINEL = '__archflow_scenario_completion__';
const WORD = /[A-Za-z0-9_.\-/$]/;

/** Where the sentinel is in a parsed document: its pointer and whether it is a key. */
function findSentinel(node: YamlNode | null | undefined, pointer: Pointer): { pointer: Pointer; onKey: boolean } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key.includes(SENTINEL)) return { pointer: [...pointer, key], onKey: true };
      if (isScalar(pair.value) && String(pair.value.value).includes(SENTINEL)) return { pointer: [...pointer, key], onKey: false };
      const inner = findSentinel(pair.value as YamlNode | null, [...pointer, key]);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as YamlNode | null;
      if (isScalar(item) && String(item.value).includes(SENTINEL)) return { pointer: [...pointer, i], onKey: false };
      const inner = findSentinel(item, [...pointer, i]);
      if (inner) return inner;
    }
  }
  return undefined;
}

const valueAt = (root: unknown, pointer: Pointer): unknown => {
  let v = root;
  for (const seg of pointer) v = Array.isArray(v) ? v[Number(seg)] : isObj(v) ? v[String(seg)] : undefined;
  return v;
};

/** The field a value belongs to: the last key of its pointer (a list item: the list's key). */
const fieldOf = (pointer: Pointer): string => String([...pointer].reverse().find((p) => typeof p === 'string') ?? '');

/** Completion in a scenario file at an offset; names come from the architecture's graph when there is one. */
export function completeScenario(text: string, offset: number, graph: Graph | undefined): ScenarioCompletion[] {
  if (offset < 0 || offset > text.length) return [];
  const starts = lineStarts(text);
  const c = lineAt(starts, offset);
  const lineStart = starts[c]!;
  const lineEnd = c + 1 < starts.length ? starts[c + 1]! - 1 : text.length;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const col = offset - lineStart;
  if (col > line.length || /(^|\s)#/.test(line.slice(0, col).replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""'))) return [];
  let ws = col;
  while (ws > 0 && WORD.test(line[ws - 1]!)) ws--;
  let we = col;
  while (we < line.length && WORD.test(line[we]!)) we++;
  const prefix = line.slice(0, ws);
  const rest = line.slice(we);
  const blockKey = /^\s*(-\s+)?$/.test(prefix) && /^\s*(#.*)?$/.test(rest);
  const afterColon = prefix.endsWith(':');
  const patched = prefix + (afterColon ? ' ' : '') + SENTINEL + (blockKey ? ':' : '') + rest;
  const doc = parseDocument(text.slice(0, lineStart) + patched + text.slice(lineEnd), { uniqueKeys: false });
  const found = findSentinel(doc.contents as YamlNode | null, []);
  if (!found) return [];
  const root = doc.toJS({ maxAliasCount: -1 }) as unknown;
  const span: Span = { start: lineStart + ws, end: lineStart + we };
  const lead = afterColon ? ' ' : '';
  const out: ScenarioCompletion[] = [];
  const parent = found.pointer.slice(0, -1);

  if (found.onKey) {
    // Function names under `functions:`.
    if (parent[parent.length - 1] === 'functions' && graph) {
      const present = valueAt(root, parent);
      for (const n of graph.nodes.values()) {
        if (n.kind !== 'function' || (isObj(present) && n.id in present)) continue;
        out.push({ label: n.id, kind: 'node', detail: 'function', documentation: nodeSummary(graph, n.id) ?? '', insertText: `${n.id}:`, span });
      }
      return out;
    }
    const parentValue = valueAt(root, parent);
    const props = nav.properties(nav.at(root, parent), parentValue);
    for (const [key, s] of props) {
      if (isObj(parentValue) && key in parentValue && !String(key).includes(SENTINEL)) continue;
      const info = nav.describe([s], undefined);
      out.push({ label: key, kind: 'property', ...(info.types.length ? { detail: info.types.join(' | ') } : {}), documentation: fieldMarkdown(key, info), insertText: `${key}: `, span });
    }
    return out;
  }

  const field = fieldOf(found.pointer);
  const kinds = nodeKinds(field, found.pointer);
  if (graph && kinds !== false) {
    for (const n of graph.nodes.values()) {
      if (kinds !== undefined && !kinds.includes(n.kind)) continue;
      out.push({ label: n.id, kind: 'node', detail: n.kind, documentation: nodeSummary(graph, n.id) ?? '', insertText: lead + n.id, span });
    }
    return out;
  }
  if (graph && field === 'event') {
    for (const e of graph.events.values()) out.push({ label: e.name, kind: 'event', detail: `${e.source ?? ''} / ${e.detailType}`, documentation: eventSummary(graph, e.name) ?? '', insertText: lead + e.name, span });
    return out;
  }
  if (graph && field === 'route') {
    const api = valueAt(root, [...parent, 'api']);
    for (const e of typeof api === 'string' ? graph.outgoing.get(api) ?? [] : []) {
      if (e.mechanism === 'route' && e.route) out.push({ label: e.route, kind: 'value', detail: `route of ${api}`, insertText: lead + (/[{}:#]/.test(e.route) ? `'${e.route}'` : e.route), span });
    }
    return out;
  }
  if (field === 'metric') {
    for (const m of METRICS) out.push({ label: m, kind: 'value', insertText: lead + m, span });
    return out;
  }
  const info = nav.describe(nav.at(root, found.pointer), undefined);
  for (const v of info.values) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    out.push({ label: String(v), kind: 'value', insertText: lead + String(v), span });
  }
  if (info.types.includes('boolean') && info.values.length === 0) for (const b of ['true', 'false']) out.push({ label: b, kind: 'value', insertText: lead + b, span });
  return out;
}

/** A hover: Markdown over a span. */
export interface ScenarioHover {
  readonly markdown: string;
  readonly span: Span;
}

/** The key or scalar value under an offset, with its pointer. */
function nodeAt(node: YamlNode | null | undefined, offset: number, pointer: Pointer): { pointer: Pointer; onKey: boolean; span: Span; value: unknown } | undefined {
  const inside = (n: YamlNode | null | undefined): boolean => !!n?.range && offset >= n.range[0] && offset <= n.range[1];
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (isScalar(pair.key) && inside(pair.key)) return { pointer: [...pointer, key], onKey: true, span: { start: pair.key.range![0], end: pair.key.range![1] }, value: key };
      const v = pair.value as YamlNode | null;
      if (isScalar(v) && inside(v)) return { pointer: [...pointer, key], onKey: false, span: { start: v.range![0], end: v.range![1] }, value: v.value };
      if (inside(v)) return nodeAt(v, offset, [...pointer, key]);
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as YamlNode | null;
      if (isScalar(item) && inside(item)) return { pointer: [...pointer, i], onKey: false, span: { start: item.range![0], end: item.range![1] }, value: item.value };
      if (inside(item)) return nodeAt(item, offset, [...pointer, i]);
    }
  }
  return undefined;
}

/** Hover in a scenario file: a field's documentation, or a summary of the node or catalog event a value names. */
export function hoverScenario(doc: ArchDocument, offset: number, graph: Graph | undefined): ScenarioHover | undefined {
  if (!doc.yaml) return undefined;
  const at = nodeAt(doc.yaml.contents as YamlNode | null, offset, []);
  if (!at) return undefined;
  const parent = at.pointer.slice(0, -1);
  const field = fieldOf(at.pointer);
  if (graph && typeof at.value === 'string') {
    const namesNode = at.onKey ? parent[parent.length - 1] === 'functions' : nodeKinds(field, at.pointer) !== false;
    if (namesNode) {
      const summary = nodeSummary(graph, at.value);
      if (summary) return { markdown: summary, span: at.span };
    }
    if (!at.onKey && field === 'event') {
      const summary = eventSummary(graph, at.value);
      if (summary) return { markdown: summary, span: at.span };
    }
  }
  if (at.onKey && parent[parent.length - 1] === 'scenarios') return { markdown: `**Scenario** \`${String(at.value)}\``, span: at.span };
  const schemas = nav.at(doc.value, at.pointer);
  if (schemas.length === 0) return undefined;
  const markdown = fieldMarkdown(typeof at.pointer[at.pointer.length - 1] === 'string' ? field : undefined, nav.describe(schemas, valueAt(doc.value, at.pointer)));
  return markdown ? { markdown, span: at.onKey ? at.span : at.span } : undefined;
}

/**
 * What a name under the cursor in a scenario file declares in its architecture (go to definition): a
 * node (its key there), a catalog event (its key under `events`), or the architecture file itself (on
 * the `architecture` value). `span` is the name in the scenario file.
 */
export type ScenarioDefinition =
  | { readonly span: Span; readonly target: 'file' }
  | { readonly span: Span; readonly target: 'declaration'; readonly pointer: Pointer };

/** Go to definition in a scenario file: the same names hover summarises (`hoverScenario`). */
export function scenarioDefinition(doc: ArchDocument, offset: number, graph: Graph | undefined): ScenarioDefinition | undefined {
  if (!doc.yaml) return undefined;
  const at = nodeAt(doc.yaml.contents as YamlNode | null, offset, []);
  if (!at || typeof at.value !== 'string') return undefined;
  const parent = at.pointer.slice(0, -1);
  if (!at.onKey && at.pointer.length === 1 && at.pointer[0] === 'architecture') return { span: at.span, target: 'file' };
  if (!graph) return undefined;
  const field = fieldOf(at.pointer);
  const namesNode = at.onKey ? parent[parent.length - 1] === 'functions' : nodeKinds(field, at.pointer) !== false;
  const node = namesNode ? graph.nodes.get(at.value) : undefined;
  if (node) return { span: at.span, target: 'declaration', pointer: node.pointer };
  const event = !at.onKey && field === 'event' ? graph.events.get(at.value) : undefined;
  if (event) return { span: at.span, target: 'declaration', pointer: event.pointer };
  return undefined;
}

/** Where each scenario of a file is named (its key under `scenarios`), for a "Run scenario" lens. */
export function scenarioSpans(doc: ArchDocument): { readonly name: string; readonly span: Span }[] {
  const root = doc.yaml?.contents;
  if (!isMap(root)) return [];
  const scenarios = root.items.find((p) => isScalar(p.key) && p.key.value === 'scenarios')?.value;
  if (!isMap(scenarios)) return [];
  const out: { name: string; span: Span }[] = [];
  for (const pair of scenarios.items) {
    if (isScalar(pair.key) && pair.key.range) out.push({ name: String(pair.key.value), span: { start: pair.key.range[0], end: pair.key.range[1] } });
  }
  return out;
}
