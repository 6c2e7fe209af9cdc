import { isScalar, type Node } from 'yaml';
import type { Analysis } from '../analyze';
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import { kindLabel, kindModule } from '../kinds/index';
import type { EditorFacet } from '../kinds/kind';
import { pathAt } from '../parse/locate';
import type { Span } from '../span';
import { aliasHover } from './aliases';
import { nameAt } from './names';
import { accessEmit, accessKind, accessMarkdown, accessWordMarkdown } from './access-words';
import { fieldMarkdown, navigator } from './schema-nav';
import { isObj } from '../util/value';

/** A hover: Markdown and the span it is about. */
export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}


const MECHANISM: Record<GraphEdge['mechanism'], string> = {
  route: 'route', notification: 'notification', schedule: 'schedule', 'stream-mapping': 'event source mapping',
  'queue-mapping': 'event source mapping', subscription: 'subscription', rule: 'rule', emit: 'emits',
  redrive: 'dead-letter', 'failure-destination': 'on failure', external: 'external',
  task: 'task', 'pipe-source': 'pipe source', enrichment: 'enrichment', pipe: 'pipe',
  invoke: 'invokes', 'success-destination': 'on success', delivery: 'delivery', transform: 'transform',
  'broker-mapping': 'event source mapping',
  'websocket-route': 'WebSocket route',
};

/**
 * Hover at an offset. On a name (a declaration or a reference): a summary of what it names (its
 * type, key settings, inbound and outbound edges). On a key or value: the field's documentation
 * from the schema, with unit, default and AWS limit.
 */
export function hover(analysis: Analysis, offset: number): HoverResult | undefined {
  const doc = analysis.doc.yaml;
  if (!doc) return undefined;
  const name = nameAt(analysis, offset);
  if (name) {
    const o = name.occurrence;
    const markdown = o.namespace === 'event' ? eventSummary(analysis.graph, o.name)
      : o.namespace === 'rule' ? ruleSummary(analysis.graph, String(o.pointer[1]), o.name)
        : nodeSummary(analysis.graph, o.name);
    if (markdown) return { markdown, span: name.span };
  }
  const merged = aliasHover(analysis, offset);
  if (merged) return merged;
  const at = pathAt(doc, offset);
  if (at.pointer.length === 0 || !isScalar(at.node)) return undefined;
  const access = accessHover(analysis, at.pointer, at.onKey, at.node.value);
  if (access) return { markdown: access, span: { start: (at.node as Node).range![0], end: (at.node as Node).range![1] } };
  const schemas = navigator.at(analysis.doc.value, at.pointer);
  if (schemas.length === 0) return undefined;
  let info = navigator.describe(schemas, valueAt(analysis.doc.value, at.pointer));
  const last = at.pointer[at.pointer.length - 1];
  if (!info.description && last === 'type' && at.pointer.length === 3) {
    // `type:` of a declaration: what that type is (the description of the branch it selects).
    const entry = at.pointer.slice(0, -1);
    const entryValue = valueAt(analysis.doc.value, entry);
    const branch = navigator.at(analysis.doc.value, entry).flatMap((s) => navigator.alternatives(s, entryValue)).find((b) => typeof b.markdownDescription === 'string');
    if (branch) info = { ...info, description: String(branch.markdownDescription) };
  }
  if (!info.description && !info.unit && !info.limit && info.default === undefined) return undefined;
  const label = typeof last === 'number' ? String(at.pointer[at.pointer.length - 2] ?? '') : String(last);
  const range = (at.node as Node).range!;
  return { markdown: fieldMarkdown(label, info), span: { start: range[0], end: range[1] } };
}

/**
 * On `access` of an emit, or one of its words: the words of the target's kind with the exact actions
 * each grants (the permission table), instead of the vocabulary of every kind.
 */
function accessHover(analysis: Analysis, pointer: readonly (string | number)[], onKey: boolean, value: unknown): string | undefined {
  const emit = accessEmit(pointer);
  const target = emit ? accessKind(analysis.graph, analysis.doc.value, emit) : undefined;
  if (!target) return undefined;
  if (onKey) return accessMarkdown(target.kind, target.target);
  return typeof value === 'string' ? accessWordMarkdown(target.kind, value, target.target) : undefined;
}

function valueAt(root: unknown, pointer: readonly (string | number)[]): unknown {
  let v = root;
  for (const s of pointer) v = Array.isArray(v) ? v[Number(s)] : isObj(v) ? v[String(s)] : undefined;
  return v;
}

function code(v: unknown): string {
  return '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`';
}

function edgeLine(e: GraphEdge, direction: 'in' | 'out'): string {
  const other = direction === 'in' ? e.from : e.to;
  const via = [MECHANISM[e.mechanism], e.route, e.rule ? `rule ${e.rule}` : undefined, e.event ? `event ${e.event}` : undefined].filter(Boolean).join(', ');
  return `- ${direction === 'in' ? '←' : '→'} \`${other}\` (${via})`;
}

/** A Markdown summary of a node: type, key settings and edges. */
export function nodeSummary(graph: Graph, id: string): string | undefined {
  const node = graph.nodes.get(id);
  if (!node) return undefined;
  const lines = [`**${kindLabel(node.kind)}** \`${id}\` · ${node.lane}`];
  if (node.description !== undefined) lines.push('', node.description);
  const editor = kindModule(node.kind).editor as EditorFacet<GraphNode['kind']>;
  const settings = editor.hover?.(node) ?? [];
  if (settings.length) lines.push('', settings.join(' · '));
  const inbound = graph.incoming.get(id) ?? [];
  const outbound = graph.outgoing.get(id) ?? [];
  const entrances = editor.entrances?.(node) ?? [];
  const inLines = [...entrances, ...inbound.slice(0, 20).map((e) => edgeLine(e, 'in'))];
  lines.push('', `**Inbound** (${inbound.length + entrances.length})`, ...(inLines.length ? inLines : ['- none']));
  if (inbound.length > 20) lines.push(`- … ${inbound.length - 20} more`);
  lines.push('', `**Outbound** (${outbound.length})`, ...(outbound.length ? outbound.slice(0, 20).map((e) => edgeLine(e, 'out')) : ['- none']));
  if (outbound.length > 20) lines.push(`- … ${outbound.length - 20} more`);
  return lines.join('\n');
}

/** A Markdown summary of a catalog event: source, detail type, who emits it and where it goes. */
export function eventSummary(graph: Graph, name: string): string | undefined {
  const e = graph.events.get(name);
  if (!e) return undefined;
  const lines = [`**event** \`${name}\``, '', `source ${code(e.source ?? '(none)')} · detail-type ${code(e.detailType)}${e.maxBytes !== undefined ? ` · at most ${e.maxBytes} bytes` : ''}`];
  const carried = graph.edges.filter((x) => x.event === name);
  lines.push('', `**Emitted by** (${carried.length})`, ...(carried.length ? carried.slice(0, 20).map((x) => `- \`${x.from}\` → \`${x.to}\``) : ['- none']));
  if (isObj(e.schema) && isObj(e.schema.properties)) {
    const required = new Set(Array.isArray(e.schema.required) ? e.schema.required.map(String) : []);
    lines.push('', '**Fields**', ...Object.entries(e.schema.properties).slice(0, 20).map(([k, v]) => `- \`${k}\`${isObj(v) && typeof v.type === 'string' ? `: ${v.type}` : ''}${required.has(k) ? ' (required)' : ''}`));
  }
  return lines.join('\n');
}

/** A Markdown summary of an event-bus rule: its pattern and targets. */
export function ruleSummary(graph: Graph, bus: string, rule: string): string | undefined {
  const node = graph.nodes.get(bus);
  const r = node?.kind === 'event-bus' ? node.settings.rules?.get(rule) : undefined;
  if (!r?.declared) return `**rule** \`${rule}\` of event bus \`${bus}\``;
  const targets = (graph.outgoing.get(bus) ?? []).filter((e) => e.rule === rule);
  return [
    `**rule** \`${rule}\` of event bus \`${bus}\`${r.enabled === false ? ' (disabled)' : ''}`,
    '', '```json', JSON.stringify(r.pattern ?? {}, null, 2), '```',
    '', `**Targets** (${targets.length})`, ...(targets.length ? targets.map((e) => `- → \`${e.to}\` (${kindLabel(graph.nodes.get(e.to)?.kind ?? 'external')})`) : ['- none']),
  ].join('\n');
}
