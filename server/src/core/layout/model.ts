import type { Analysis } from '../analyze';
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import { KIND_MODULES, kindModule, type Lane } from '../kinds/index';
import type { DiagramFacet, Icon } from '../kinds/kind';
import { locate, locateExtent } from '../parse/locate';
import type { ArchDocument } from '../parse/parse';
import { severityRank, type Pointer, type Problem } from '../span';
import { formatSeconds, n, toSeconds } from '../util/duration';
import type { DiagramEdge, DiagramModel, DiagramNode, DiagramProblem, IconDef, IconKind, ProblemSummary } from './diagram';
import { METRICS } from './diagram';
import { fitText } from './text';
import { DEFAULT_MAX_RECEIVE_COUNT } from '../model/dead-letter';
import { isObj } from '../util/value';


const LANE_ORDER: Readonly<Record<Lane, number>> = { producer: 0, router: 1, consumer: 2 };
const SECTIONS = new Set(['producers', 'routers', 'consumers']);

/** Orders strings the same way everywhere (no locale): the layout input must not depend on the machine. */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** True when the analysis has a graph worth drawing: the YAML was read and has a value. */
export function isDrawable(analysis: Analysis): boolean {
  const value = analysis.doc.value;
  if (value === undefined || value === null || typeof value !== 'object') return false;
  return !analysis.doc.problems.some((p) => p.severity === 'error');
}

/**
 * Builds the diagram of an analysis: nodes and edges sorted by name, labels, key settings and the
 * problems of each element. Never throws.
 */
export function buildDiagramModel(analysis: Analysis): DiagramModel {
  const { graph, doc } = analysis;
  const rank = flowOrder(graph);
  const nodes = [...graph.nodes.values()]
    .sort((a, b) => LANE_ORDER[a.lane] - LANE_ORDER[b.lane] || rank.get(a.id)! - rank.get(b.id)!)
    .map((node) => diagramNode(node, doc));
  const edges = graph.edges
    .map((edge) => diagramEdge(edge, graph, doc))
    .sort((a, b) => rank.get(a.from)! - rank.get(b.from)! || rank.get(a.to)! - rank.get(b.to)! || byCodeUnit(a.id, b.id));
  return withProblems({ ...(graph.name ? { name: graph.name } : {}), nodes, edges, problems: EMPTY, stale: false, icons: iconsOf(nodes) }, analysis.problems);
}

const EDGE_KIND_ORDER: Readonly<Record<GraphEdge['kind'], number>> = { trigger: 0, emit: 1, 'on-success': 2, 'on-failure': 3, 'dead-letter': 4 };

/**
 * The order nodes are drawn in, top to bottom within a lane: the order in which events reach them,
 * walking breadth first from the producers (by name) along triggers before emits before failure
 * paths (each by its pointer). It depends on the structure only, not on the order of the text, and
 * it keeps what flows together close together.
 */
export function flowOrder(graph: Graph): Map<string, number> {
  const rank = new Map<string, number>();
  const all = [...graph.nodes.values()].sort((a, b) => LANE_ORDER[a.lane] - LANE_ORDER[b.lane] || byCodeUnit(a.id, b.id));
  const out = (id: string): GraphEdge[] => [...(graph.outgoing.get(id) ?? [])]
    .sort((a, b) => EDGE_KIND_ORDER[a.kind] - EDGE_KIND_ORDER[b.kind] || byCodeUnit(a.id, b.id));
  for (const root of all) {
    if (rank.has(root.id)) continue;
    const queue = [root.id];
    rank.set(root.id, rank.size);
    while (queue.length) {
      for (const e of out(queue.shift()!)) {
        if (rank.has(e.to)) continue;
        rank.set(e.to, rank.size);
        queue.push(e.to);
      }
    }
  }
  return rank;
}

/**
 * Shows the current problems on a model: each problem goes to the nodes it names (`Problem.nodes`)
 * or else to the node whose declaration contains its pointer, and to the edge whose options contain it.
 */
export function withProblems(model: DiagramModel, problems: readonly Problem[], stale = model.stale): DiagramModel {
  const nodeIds = new Set(model.nodes.map((n) => n.id));
  const byNode = new Map<string, Problem[]>();
  const byEdge = new Map<string, Problem[]>();
  const edgesByNode = new Map<string, DiagramEdge[]>();
  for (const e of model.edges) (edgesByNode.get(e.from) ?? edgesByNode.set(e.from, []).get(e.from)!).push(e);
  for (const p of problems) {
    const named = (p.nodes ?? []).filter((id) => nodeIds.has(id));
    const owner = ownerOf(p.pointer, nodeIds);
    const targets = named.length > 0 ? named : owner ? [owner] : [];
    for (const id of new Set(targets)) (byNode.get(id) ?? byNode.set(id, []).get(id)!).push(p);
    if (owner) {
      const edge = edgesByNode.get(owner)?.find((e) => e.optionsAt.length > 2 && startsWith(p.pointer, e.optionsAt));
      if (edge) (byEdge.get(edge.id) ?? byEdge.set(edge.id, []).get(edge.id)!).push(p);
    }
  }
  return {
    ...model,
    stale,
    problems: summarize(problems),
    nodes: model.nodes.map((node) => ({ ...node, problems: summarize(byNode.get(node.id) ?? []) })),
    edges: model.edges.map((edge) => ({ ...edge, problems: summarize(byEdge.get(edge.id) ?? []) })),
  };
}

/** Recomputes the spans of a model's elements in another version of the text (for a stale model). */
export function relocate(model: DiagramModel, doc: ArchDocument): DiagramModel {
  const spanOf = (pointer: Pointer, target: 'key' | 'value') => locate(doc.yaml, doc.text, pointer, target);
  return {
    ...model,
    nodes: model.nodes.map((node) => ({
      ...node, span: spanOf(node.pointer, 'key'), extent: locateExtent(doc.yaml, node.pointer) ?? spanOf(node.pointer, 'key'),
    })),
    edges: model.edges.map((edge) => ({
      ...edge, span: spanOf(edge.pointer, 'value'), extent: locateExtent(doc.yaml, edge.optionsAt) ?? spanOf(edge.pointer, 'value'),
    })),
  };
}

const EMPTY: ProblemSummary = { count: 0, items: [] };

/** Problems a summary lists (the count stays exact): a file with 100,000 problems sends 50 of them. */
const SUMMARY_ITEMS = 50;

function summarize(problems: readonly Problem[]): ProblemSummary {
  if (problems.length === 0) return EMPTY;
  const items: DiagramProblem[] = problems
    .map((p) => ({ severity: p.severity, code: p.code, message: p.message }))
    .sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
  return { count: items.length, worst: items[0]!.severity, items: items.length > SUMMARY_ITEMS ? items.slice(0, SUMMARY_ITEMS) : items };
}

function ownerOf(pointer: Pointer, nodeIds: ReadonlySet<string>): string | undefined {
  if (pointer.length < 2 || !SECTIONS.has(String(pointer[0]))) return undefined;
  const id = String(pointer[1]);
  return nodeIds.has(id) ? id : undefined;
}

function startsWith(pointer: Pointer, prefix: Pointer): boolean {
  if (prefix.length > pointer.length) return false;
  return prefix.every((s, i) => String(s) === String(pointer[i]));
}

/** A node's kind's diagram facet. */
const diagramOf = (node: GraphNode): DiagramFacet<GraphNode['kind']> => kindModule(node.kind).diagram as DiagramFacet<GraphNode['kind']>;

/** Each kind's usual icon: its first. */
const FIRST_ICON: ReadonlyMap<string, IconKind> = new Map(KIND_MODULES.map((m) => [m.kind, Object.keys(m.diagram.icons)[0]!]));

/** The icon id a node shows: its kind's choice, else the kind's first icon. */
function iconOf(node: GraphNode): IconKind {
  const facet = diagramOf(node);
  return facet.icon ? facet.icon(node) : FIRST_ICON.get(node.kind)!;
}

/** Every kind's icons by id. */
const ICONS: ReadonlyMap<IconKind, Icon> = new Map(KIND_MODULES.flatMap((m) => Object.entries(m.diagram.icons as Record<string, Icon>)));

/** The pictures of the icons a model's nodes use, by id (in the order first used). */
function iconsOf(nodes: readonly DiagramNode[]): Record<IconKind, IconDef> {
  const out: Record<IconKind, IconDef> = {};
  for (const node of nodes) {
    const icon = ICONS.get(node.icon);
    if (icon && !(node.icon in out)) out[node.icon] = { glyph: icon.glyph, colour: icon.colour };
  }
  return out;
}

function subtitleOf(node: GraphNode, icon: IconKind): string {
  const facet = diagramOf(node);
  return facet.subtitle ? facet.subtitle(node) : ICONS.get(icon)?.subtitle ?? '';
}

const seconds = (v: unknown): string | undefined => {
  const s = toSeconds(v);
  return s === undefined ? undefined : formatSeconds(s);
};
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? n(v) : typeof v === 'boolean' ? (v ? 'yes' : 'no') : undefined;

/** The widest a node's name may be drawn. */
const TITLE_ROOM = METRICS.nodeMaxWidth - METRICS.iconBox - METRICS.nodePaddingRight;

function diagramNode(node: GraphNode, doc: ArchDocument): DiagramNode {
  const icon = iconOf(node);
  const span = locate(doc.yaml, doc.text, node.pointer, 'key');
  const description = node.description;
  return {
    id: node.id,
    kind: node.kind,
    icon,
    lane: node.lane,
    label: fitText(node.id, METRICS.titleFont, TITLE_ROOM, true),
    subtitle: fitText(subtitleOf(node, icon), METRICS.subtitleFont, TITLE_ROOM),
    ...(description ? { description } : {}),
    settings: diagramOf(node).settings(node),
    problems: EMPTY,
    pointer: node.pointer,
    span,
    extent: locateExtent(doc.yaml, node.pointer) ?? span,
  };
}

/** `{ severity: [high] }` → `filter severity`. */
function filterLabel(filter: unknown): string | undefined {
  if (!isObj(filter)) return undefined;
  const keys = Object.keys(filter);
  return keys.length ? `filter ${keys.join(', ')}` : undefined;
}

/** The label of an edge: what a reviewer wants to read on the arrow. */
export function edgeLabel(edge: GraphEdge, graph: Graph): string {
  const o = edge.options;
  const parts: string[] = [];
  const add = (part: string | undefined): void => {
    if (part) parts.push(part);
  };
  switch (edge.mechanism) {
    case 'route':
    case 'websocket-route':
      add(edge.route);
      break;
    case 'rule':
      add(edge.rule);
      break;
    case 'notification': {
      // `['producers', bucket, 'notifications', i, 'to']`
      const bucket = graph.nodes.get(edge.from);
      const notification = bucket?.kind === 'bucket' ? bucket.settings.notifications?.[Number(edge.pointer[3])] : undefined;
      if (notification) {
        if (notification.on) add(notification.on.join(', '));
        const prefix = notification.prefix ?? '';
        const suffix = notification.suffix ?? '';
        if (prefix || suffix) add(`${prefix}*${suffix}`);
      }
      break;
    }
    case 'queue-mapping':
    case 'stream-mapping':
      if (o.batchSize !== undefined) add(`batch ${text(o.batchSize)}`);
      if (o.batchWindow !== undefined && toSeconds(o.batchWindow)) add(`window ${seconds(o.batchWindow)}`);
      add(filterLabel(o.filter));
      break;
    case 'subscription':
      add(filterLabel(o.filter));
      break;
    case 'redrive':
      add(deadLetterLabel(edge, graph));
      break;
    case 'failure-destination':
      add(edge.pointer[2] === 'to' ? [targetName(graph, edge), 'on failure'].filter(Boolean).join(' · ') : 'on failure');
      break;
    case 'invoke':
      add(o.invocation === 'async' ? 'invoke async' : 'invoke');
      break;
    case 'success-destination':
      add('on success');
      break;
    case 'emit':
      if (typeof o.access === 'string' && o.access !== 'write') add(o.access);
      else if (Array.isArray(o.access)) add(o.access.filter((a) => typeof a === 'string').join(', '));
      if (typeof o.prefix === 'string') add(`${o.prefix}*`);
      break;
    case 'schedule':
    case 'external':
      break;
  }
  if (edge.event && !parts.includes(edge.event)) add(edge.event);
  return parts.join(' · ');
}

/**
 * The target of the edge whose target object an option hangs off (`…/to[/i]/onFailure`, a subscriber's
 * or reader's `deadLetter`): the subscriber or reader, `''` when that reference made no edge.
 */
function targetName(graph: Graph, edge: GraphEdge): string {
  const owner = edge.pointer.slice(0, -1);
  const sibling = (graph.outgoing.get(edge.from) ?? []).find(
    (e) => e !== edge && e.optionsAt.length === owner.length && e.optionsAt.every((s, i) => String(s) === String(owner[i])),
  );
  return sibling?.to ?? '';
}

/** `dead letter after 5` (a queue's redrive), `placed · dead letter` (a bus rule's), `pager · dead letter` (a subscription's). */
function deadLetterLabel(edge: GraphEdge, graph: Graph): string {
  const from = graph.nodes.get(edge.from);
  const p = edge.pointer;
  if (from?.kind === 'queue' && from.settings.deadLetter) return `dead letter after ${n(from.settings.deadLetter.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT)}`;
  if (p[2] === 'rules' && p[3] !== undefined) return `${String(p[3])} · dead letter`;
  if (p[2] === 'to') {
    const name = targetName(graph, edge);
    return name ? `${name} · dead letter` : 'dead letter';
  }
  return 'dead letter';
}

function diagramEdge(edge: GraphEdge, graph: Graph, doc: ArchDocument): DiagramEdge {
  const span = locate(doc.yaml, doc.text, edge.pointer, 'value');
  return {
    id: edge.id,
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    mechanism: edge.mechanism,
    label: edgeLabel(edge, graph),
    problems: EMPTY,
    pointer: edge.pointer,
    optionsAt: edge.optionsAt,
    span,
    extent: locateExtent(doc.yaml, edge.optionsAt) ?? span,
  };
}
