import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { Lane } from '../kinds/index';
import type {
  Box, DiagramEdge, DiagramModel, DiagramNode, LaidOutDiagram, LaidOutEdge, LaidOutFlow, LaidOutNode, LaidOutProxy, LaneBox, Point, ProblemSummary,
} from './diagram';
import { LANE_TITLES, LANES, METRICS } from './diagram';
import { fitText, textWidth } from './text';

/**
 * Runs ELK on a graph: in process (tests) or in a worker thread (language server, CLI). When `signal`
 * aborts, a layout still waiting is dropped (the promise rejects with the reason). One already running
 * finishes (its result still serves the cache), unless the reason is a `LayoutTimeout`: then the
 * runner stops it where it can (the worker runner stops its thread).
 */
export type ElkRunner = (graph: ElkNode, signal?: AbortSignal) => Promise<ElkNode>;

/** The reason a layout is stopped when it ran out of time (see budget.ts). */
export class LayoutTimeout extends Error {
  override readonly name = 'LayoutTimeout';
}

/**
 * Layouts of flows already computed, by their shape (`flowShape`: the ELK input without names). The
 * caller keeps it between versions of a document: an edit in one flow lays out that flow only, and
 * the others do not move.
 */
export type LayoutCache = Map<string, ElkNode>;

/**
 * A second, longer-lived cache of flow layouts by shape (`flowShape`), shared by every document: the
 * language server keeps one on disk (layout/shape-store.ts), so a file opened again, or one whose
 * flows have shapes seen before, is laid out without ELK. Its shapes are layouts as `layoutDiagram`
 * caches them (by position); one that does not fit its graph (a damaged store) is not used.
 */
export interface ShapeStore {
  get(key: string): ElkNode | undefined;
  set(key: string, shape: ElkNode): void;
}

/**
 * Above this many nodes a flow is laid out for speed: Brandes-Köpf placement, one crossing sweep,
 * no forced model order (5 × less CPU at 80 nodes), at the price of moving more on an edit.
 */
const LARGE_FLOW = 40;
/** Above this many nodes a flow separates its lanes with barrier partitions (see `flowGraph`). */
const BARRIER_FLOW = 40;
/** Vertical space between two flows (without headers; with them, FLOW_GAP_HEADED above each header). */
const FLOW_GAP = 36;
const FLOW_GAP_HEADED = 14;
/** Smallest horizontal space between two lanes. */
const MIN_LANE_GAP = 56;

/** Options every flow's layout uses. Deterministic: a fixed seed, the model order as the tie-breaker. */
function flowOptions(nodes: number): LayoutOptions {
  const large = nodes > LARGE_FLOW;
  return {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.randomSeed': '1',
    // Lanes: producers, routers, consumers, each in its own band of layers, left to right.
    'elk.partitioning.activate': 'true',
    'elk.separateConnectedComponents': 'false',
    // The (sorted) input order is kept inside each layer: adding a node shifts its neighbours a
    // slot instead of reshuffling the flow (a few more crossings, a diagram that stays put).
    'elk.layered.considerModelOrder.strategy': large ? 'NONE' : 'NODES_AND_EDGES',
    'elk.layered.crossingMinimization.forceNodeModelOrder': large ? 'false' : 'true',
    // Forced order leaves crossing minimisation little to do: few sweeps, no greedy switching.
    'elk.layered.thoroughness': large ? '1' : '3',
    'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
    // Network simplex places nodes straighter and moves fewer of them on an edit; Brandes-Köpf is
    // faster on big flows.
    'elk.layered.nodePlacement.strategy': large ? 'BRANDES_KOEPF' : 'NETWORK_SIMPLEX',
    'elk.edgeLabels.placement': 'CENTER',
    'elk.spacing.nodeNode': '28',
    'elk.layered.spacing.nodeNodeBetweenLayers': '56',
    'elk.spacing.edgeNode': '16',
    'elk.layered.spacing.edgeNodeBetweenLayers': '16',
    'elk.spacing.edgeEdge': '12',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
    'elk.spacing.edgeLabel': '4',
    'elk.spacing.labelNode': '8',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  };
}

/** The width of a node: its name and subtitle, within the minimum and maximum. */
export function nodeWidth(label: string, subtitle: string): number {
  const text = Math.max(textWidth(label, METRICS.titleFont, true), textWidth(subtitle, METRICS.subtitleFont));
  const width = Math.ceil(METRICS.iconBox + text + METRICS.nodePaddingRight);
  return Math.min(METRICS.nodeMaxWidth, Math.max(METRICS.nodeMinWidth, width));
}

/** The size of an edge label's box. */
export function labelSize(label: string): { width: number; height: number } {
  return { width: Math.ceil(textWidth(label, METRICS.labelFont) + 2 * METRICS.labelPaddingX), height: METRICS.labelHeight };
}

/** The size of the copy of an emit target drawn at a flow's right side. */
export function proxySize(label: string): { width: number; height: number } {
  const width = Math.ceil(textWidth(`↩ ${label}`, METRICS.proxyFont, true) + 2 * 12);
  return { width: Math.min(METRICS.nodeMaxWidth, Math.max(96, width)), height: METRICS.proxyHeight };
}

/** The label of the copy of `node` at a flow's right side. */
export function proxyLabel(node: DiagramNode): string {
  return fitText(node.id, METRICS.proxyFont, METRICS.nodeMaxWidth - 24 - textWidth('↩ ', METRICS.proxyFont, true), true);
}

/** A connected part of the diagram, laid out on its own and drawn as one row. */
export interface Flow {
  readonly nodes: readonly DiagramNode[];
  /** Its edges: those between its nodes, and its emits (which end on `proxies`). */
  readonly edges: readonly DiagramEdge[];
  /** The targets of its emits, each drawn once at the flow's right side, in the order of its edges. */
  readonly proxies: readonly DiagramNode[];
}

/**
 * Splits a model into flows (connected components of every edge but the emits), in model order: a
 * flow comes where its first node is, and keeps the model's order of nodes and edges. An emit belongs
 * to the flow of the function that emits: it ends on a copy of its target at that flow's right side
 * (`proxies`), so an emit joins no flows, and a flow stays small (the 1,000-node benchmark: 311 flows,
 * the largest 101 nodes, instead of one of 829).
 */
export function flowsOf(model: DiagramModel): Flow[] {
  const parent = new Map<string, string>(model.nodes.map((n) => [n.id, n.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let x = id; x !== root;) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const e of model.edges) {
    if (!parent.has(e.from) || !parent.has(e.to) || e.kind === 'emit') continue;
    const a = find(e.from);
    const b = find(e.to);
    if (a !== b) parent.set(b, a);
  }
  const flows = new Map<string, { nodes: DiagramNode[]; edges: DiagramEdge[]; proxies: DiagramNode[] }>();
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  for (const n of model.nodes) {
    const root = find(n.id);
    (flows.get(root) ?? flows.set(root, { nodes: [], edges: [], proxies: [] }).get(root)!).nodes.push(n);
  }
  for (const e of model.edges) {
    if (!parent.has(e.from) || !parent.has(e.to)) continue;
    const flow = flows.get(find(e.from))!;
    flow.edges.push(e);
    if (e.kind === 'emit' && !flow.proxies.some((p) => p.id === e.to)) flow.proxies.push(byId.get(e.to)!);
  }
  return [...flows.values()];
}

const LABEL_SUFFIX = '#label';
const BARRIER = '<barrier>';
/** The ELK id of the copy of an emit target (node names cannot hold `<`). */
const PROXY = '<emits>';
/** The ELK ids of a flow's copies of emit targets: unique in the diagram (flows are laid out in batches). */
const proxyIdOf = (flow: Flow) => (target: string): string => `${PROXY}${flow.nodes[0]?.id ?? ''}>${target}`;
/** The partition of the copies of emit targets: right of the consumers. */
const PROXY_PARTITION = LANES.length * 2;

/**
 * The ELK input of one flow. Each lane is a partition (`elk.partitioning.partition`), so ELK keeps
 * producers left of routers left of consumers. ELK connects every node of a partition to every node
 * of the next one; in a big flow an empty "barrier" partition between lanes keeps that linear.
 */
export function flowGraph(flow: Flow): ElkNode {
  const partitions = LANES.filter((lane) => flow.nodes.some((n) => n.lane === lane)).map((lane) => LANES.indexOf(lane) * 2);
  if (flow.proxies.length) partitions.push(PROXY_PARTITION);
  const barriers = flow.nodes.length + flow.proxies.length > BARRIER_FLOW;
  const partition = (lane: Lane): string => String(LANES.indexOf(lane) * 2);
  const children: ElkNode[] = flow.nodes.map((n) => ({
    id: n.id,
    width: nodeWidth(n.label, n.subtitle),
    height: METRICS.nodeHeight,
    layoutOptions: { 'elk.partitioning.partition': partition(n.lane) },
  }));
  const proxyId = proxyIdOf(flow);
  for (const p of flow.proxies) {
    children.push({ id: proxyId(p.id), ...proxySize(proxyLabel(p)), layoutOptions: { 'elk.partitioning.partition': String(PROXY_PARTITION) } });
  }
  if (barriers) {
    for (const at of partitions.slice(1)) {
      const p = at - 1;
      children.push({ id: `${BARRIER}${p}`, width: 0, height: 0, layoutOptions: { 'elk.partitioning.partition': String(p) } });
    }
  }
  const edges: ElkExtendedEdge[] = flow.edges.map((e) => ({
    id: e.id,
    sources: [e.from],
    targets: [e.kind === 'emit' ? proxyId(e.to) : e.to],
    labels: e.label ? [{ id: e.id + LABEL_SUFFIX, text: e.label, ...labelSize(e.label) }] : [],
  }));
  return { id: '<flow>', layoutOptions: flowOptions(flow.nodes.length), children, edges };
}

/** The ELK input of every flow of a model. The same model always gives the same graphs. */
export function toElkGraphs(model: DiagramModel): ElkNode[] {
  return flowsOf(model).map(flowGraph);
}

/**
 * A string that changes exactly when the layout can change: nodes, their lanes and sizes, edges and
 * their labels. Settings and problems are not in it, so editing them reuses the positions.
 */
export function layoutKey(model: DiagramModel): string {
  return JSON.stringify(toElkGraphs(model));
}

const round = (v: number | undefined): number => Math.round((v ?? 0) * 10) / 10;

/** Removes repeated points and points on the straight line between their neighbours. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const before = out[out.length - 2];
    if (before && last && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

/** The columns of the diagram: the three lanes, then the copies of emit targets. */
type Column = Lane | 'emits';
const COLUMNS: readonly Column[] = [...LANES, 'emits'];

/** One flow's ELK result, measured: where each of its columns starts and ends. */
interface PlacedFlow {
  readonly flow: Flow;
  readonly result: ElkNode;
  readonly lanes: Map<Column, { left: number; right: number }>;
  readonly top: number;
  readonly bottom: number;
}

function measure(flow: Flow, result: ElkNode): PlacedFlow {
  const lanes = new Map<Column, { left: number; right: number }>();
  const boxes = new Map((result.children ?? []).map((c) => [c.id, c]));
  let top = Infinity;
  let bottom = -Infinity;
  const add = (column: Column, c: ElkNode | undefined): void => {
    const x = c?.x ?? 0;
    const w = c?.width ?? 0;
    const l = lanes.get(column);
    lanes.set(column, l ? { left: Math.min(l.left, x), right: Math.max(l.right, x + w) } : { left: x, right: x + w });
    top = Math.min(top, c?.y ?? 0);
    bottom = Math.max(bottom, (c?.y ?? 0) + (c?.height ?? 0));
  };
  for (const n of flow.nodes) add(n.lane, boxes.get(n.id));
  const proxyId = proxyIdOf(flow);
  for (const p of flow.proxies) add('emits', boxes.get(proxyId(p.id)));
  for (const e of result.edges ?? []) {
    for (const s of (e as ElkExtendedEdge).sections ?? []) {
      for (const p of [s.startPoint, s.endPoint, ...(s.bendPoints ?? [])]) {
        top = Math.min(top, p.y);
        bottom = Math.max(bottom, p.y);
      }
    }
    for (const label of e.labels ?? []) {
      top = Math.min(top, label.y ?? 0);
      bottom = Math.max(bottom, (label.y ?? 0) + (label.height ?? 0));
    }
  }
  return { flow, result, lanes, top: Number.isFinite(top) ? top : 0, bottom: Number.isFinite(bottom) ? bottom : 0 };
}

/**
 * A monotone, piecewise linear map of x that moves each column of a flow onto the diagram's column:
 * inside a column it is a translation, between columns it stretches. Orthogonal routes stay
 * orthogonal, and nothing that did not cross starts crossing.
 */
function xMap(placed: PlacedFlow, columns: ReadonlyMap<Column, number>): (x: number) => number {
  const anchors: [number, number][] = [];
  for (const column of COLUMNS) {
    const l = placed.lanes.get(column);
    if (!l) continue;
    const at = columns.get(column)!;
    anchors.push([l.left, at], [l.right, at + (l.right - l.left)]);
  }
  return (x) => {
    if (anchors.length === 0) return x;
    const first = anchors[0]!;
    const last = anchors[anchors.length - 1]!;
    if (x <= first[0]) return x + first[1] - first[0];
    if (x >= last[0]) return x + last[1] - last[0];
    for (let i = 0; i + 1 < anchors.length; i++) {
      const [a, fa] = anchors[i]!;
      const [b, fb] = anchors[i + 1]!;
      if (x < a || x > b) continue;
      return b === a ? fa : fa + ((x - a) * (fb - fa)) / (b - a);
    }
    return x;
  };
}

/**
 * Turns the flows' ELK results into the laid-out diagram: lanes as aligned columns (then a column of
 * the emit targets' copies), flows as rows, each under a header when there are several.
 */
export function assemble(model: DiagramModel, flows: readonly Flow[], results: readonly ElkNode[]): LaidOutDiagram {
  const placed = flows.map((f, i) => measure(f, results[i]!));
  // Columns: each as wide as its widest flow, at least MIN_LANE_GAP apart (more when a flow needs it).
  const present = COLUMNS.filter((column) => placed.some((p) => p.lanes.has(column)));
  const width = new Map(present.map((column) => [column, placed.reduce((w, p) => (p.lanes.get(column) ? Math.max(w, p.lanes.get(column)!.right - p.lanes.get(column)!.left) : w), 0)]));
  const gaps = present.slice(1).map((column, i) => {
    const before = present[i]!;
    return placed.reduce((gap, p) => {
      const a = p.lanes.get(before);
      const b = p.lanes.get(column);
      return a && b ? Math.max(gap, b.left - a.right) : gap;
    }, MIN_LANE_GAP);
  });
  const columns = new Map<Column, number>();
  let x = METRICS.margin;
  present.forEach((column, i) => {
    columns.set(column, x);
    x += width.get(column)! + (gaps[i] ?? 0);
  });
  const diagramWidth = x + METRICS.margin;

  const headed = flows.length > 1;
  const flowGap = headed ? FLOW_GAP_HEADED : FLOW_GAP;
  const header = headed ? METRICS.flowHeader : 0;
  const nodes = new Map<string, LaidOutNode>();
  const edges = new Map<string, LaidOutEdge>();
  const proxies: LaidOutProxy[] = [];
  const rows: LaidOutFlow[] = [];
  let y = METRICS.laneHeader + METRICS.margin;
  for (const p of placed) {
    const mapX = xMap(p, columns);
    const flowId = p.flow.nodes[0]?.id ?? '';
    const rowTop = y;
    y += header;
    const dy = y - p.top;
    const boxes = new Map((p.result.children ?? []).map((c) => [c.id, c]));
    for (const n of p.flow.nodes) {
      const c = boxes.get(n.id);
      nodes.set(n.id, { ...n, x: round(mapX(c?.x ?? 0)), y: round((c?.y ?? 0) + dy), width: round(c?.width), height: round(c?.height) });
    }
    const proxyId = proxyIdOf(p.flow);
    for (const target of p.flow.proxies) {
      const c = boxes.get(proxyId(target.id));
      proxies.push({
        id: `${flowId}/${target.id}`, of: target.id, label: proxyLabel(target), flow: flowId,
        x: round(mapX(c?.x ?? 0)), y: round((c?.y ?? 0) + dy), width: round(c?.width), height: round(c?.height),
      });
    }
    const routes = new Map((p.result.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
    for (const e of p.flow.edges) {
      const r = routes.get(e.id);
      const points: Point[] = [];
      for (const s of r?.sections ?? []) {
        for (const q of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) points.push({ x: round(mapX(q.x)), y: round(q.y + dy) });
      }
      const label = r?.labels?.[0];
      const labelBox: Box | undefined = e.label && label
        ? { x: round(mapX((label.x ?? 0) + (label.width ?? 0) / 2) - (label.width ?? 0) / 2), y: round((label.y ?? 0) + dy), width: round(label.width), height: round(label.height) }
        : undefined;
      edges.set(e.id, { ...e, points: simplify(points), ...(labelBox ? { labelBox } : {}) });
    }
    y += p.bottom - p.top;
    if (headed) {
      rows.push({
        id: flowId, title: p.flow.nodes[0]?.label ?? '', nodes: p.flow.nodes.length, header,
        x: round(METRICS.margin / 2), y: round(rowTop), width: round(diagramWidth - METRICS.margin), height: round(y - rowTop),
      });
    }
    y += flowGap;
  }
  const height = Math.max(METRICS.laneHeader + 2 * METRICS.margin, y - flowGap + METRICS.margin);

  const top = METRICS.margin / 2;
  const lanes: LaneBox[] = [];
  present.forEach((column, i) => {
    if (column === 'emits') return;
    const left = i === 0 ? columns.get(column)! - METRICS.margin / 2 : columns.get(column)! - gaps[i - 1]! / 2;
    const right = i === present.length - 1 ? columns.get(column)! + width.get(column)! + METRICS.margin / 2 : columns.get(column)! + width.get(column)! + gaps[i]! / 2;
    lanes.push({ lane: column, title: LANE_TITLES[column], x: round(left), y: round(top), width: round(right - left), height: round(height - 2 * top) });
  });
  return {
    ...(model.name ? { name: model.name } : {}),
    width: round(diagramWidth), height: round(height), stale: model.stale, problems: model.problems,
    ...(model.notice ? { notice: model.notice } : {}),
    lanes,
    nodes: model.nodes.map((n) => nodes.get(n.id)!),
    edges: model.edges.filter((e) => edges.has(e.id)).map((e) => edges.get(e.id)!),
    ...(proxies.length ? { proxies } : {}),
    ...(rows.length ? { flows: rows } : {}),
    icons: model.icons,
  };
}

const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/**
 * The layout of a flow of one node and no edge, as ELK gives it (the node at the origin), without
 * asking ELK: a file of many unconnected functions has thousands of them.
 */
function lone(graph: ElkNode): ElkNode | undefined {
  const only = graph.children?.length === 1 && !graph.edges?.length ? graph.children[0]! : undefined;
  if (!only) return undefined;
  return { ...graph, x: 0, y: 0, width: only.width ?? 0, height: only.height ?? 0, children: [{ ...only, x: 0, y: 0 }], edges: [] };
}

/** Chains of up to this many nodes are laid out without ELK (`directLayout`). */
export const DIRECT_CHAIN = 4;
/** ELK's space between two layers (`elk.layered.spacing.nodeNodeBetweenLayers` of `flowOptions`). */
const LAYER_GAP = 56;
/** How far below a straight edge ELK puts its centred label: `elk.spacing.edgeLabel` (4) and the edge's own pixel. */
const LABEL_BELOW = 5;
/** The options of a small flow, as `flowGraph` writes them: the only ones `directLayout` knows ELK's result for. */
const SMALL_OPTIONS = JSON.stringify(flowOptions(1));

/**
 * The layout ELK gives a chain of a few nodes, computed directly: a flow whose nodes n0 → n1 → … are
 * joined by one edge each, in order, each in a partition right of the one before (an API route and
 * its function, a function and the event it emits, a bucket → queue → function). ELK puts each node
 * in a layer of its own, a label as a layer of its own between its edge's nodes, every layer
 * LAYER_GAP apart, and the nodes on one line through their centres: each edge a straight segment,
 * each label just under it. Such chains are a third of the distinct flow shapes of a real file and
 * cost ELK ≈ 3 ms each whatever their size. Only the chains whose every input the test of this
 * function (test/unit/layout/direct.test.ts) lays out both ways, with the same result, are taken:
 * the options of a small flow, nodes of a node's height (the last may be an emit target's copy),
 * labels of a label's height; anything else (fans, loops, lanes shared, barriers) goes to ELK.
 * A lone node (no edge) is laid out at the origin, as ELK does.
 */
export function directLayout(graph: ElkNode): ElkNode | undefined {
  const alone = lone(graph);
  if (alone) return alone;
  const children = graph.children ?? [];
  const edges = graph.edges ?? [];
  if (children.length < 2 || children.length > DIRECT_CHAIN || edges.length !== children.length - 1) return undefined;
  if (JSON.stringify(graph.layoutOptions) !== SMALL_OPTIONS) return undefined;
  let partition = -Infinity;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    const options = c.layoutOptions ?? {};
    const p = Number(options['elk.partitioning.partition']);
    const tall = i < children.length - 1 ? c.height === METRICS.nodeHeight : c.height === METRICS.nodeHeight || c.height === METRICS.proxyHeight;
    if (!tall || !(p > partition) || Object.keys(options).length !== 1 || !finite(c.width) || c.width! <= 0) return undefined;
    if (c.children?.length || c.edges?.length || c.ports?.length || c.labels?.length) return undefined;
    partition = p;
  }
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const labels = e.labels ?? [];
    if (e.sources.length !== 1 || e.targets.length !== 1 || e.sources[0] !== children[i]!.id || e.targets[0] !== children[i + 1]!.id) return undefined;
    if (labels.length > 1 || labels.some((l) => l.height !== METRICS.labelHeight || !finite(l.width) || l.width! <= 0)) return undefined;
  }
  const height = METRICS.nodeHeight;
  const mid = height / 2;
  const boxes: ElkNode[] = [];
  const routes: ElkExtendedEdge[] = [];
  let x = 0;
  children.forEach((c, i) => {
    boxes.push({ id: c.id, x, y: (height - c.height!) / 2, width: c.width!, height: c.height! });
    const e = edges[i];
    if (!e) return;
    const start = x + c.width!;
    x = start + LAYER_GAP;
    const label = e.labels?.[0];
    const labels = label ? [{ id: label.id, x, y: mid + LABEL_BELOW, width: label.width!, height: label.height! }] : [];
    if (label) x += label.width! + LAYER_GAP;
    routes.push({ id: e.id, sources: [], targets: [], sections: [{ id: `${e.id}_s0`, startPoint: { x: start, y: mid }, endPoint: { x, y: mid } }], labels });
  });
  const last = boxes[boxes.length - 1]!;
  return { id: graph.id, x: 0, y: 0, width: last.x! + last.width!, height, children: boxes, edges: routes };
}

/** Flows up to this many nodes are laid out together, several in one ELK call (see `batches`). */
const SMALL_FLOW = 16;
/** Most nodes in one batch of small flows: batches are what the worker pool runs in parallel. */
const BATCH_NODES = 160;
const BATCH = '<batch>';

/**
 * Groups the graphs to lay out into ELK calls. Each call of ELK costs a few milliseconds whatever its
 * size (the 1,000-node benchmark has 230 flows, most of 2 to 6 nodes), so small flows go together as
 * the children of one graph that ELK lays out one by one (`elk.hierarchyHandling` SEPARATE_CHILDREN, the
 * default; the parent is `fixed`, its own placement unused): up to BATCH_NODES nodes per call. A bigger
 * flow is a call of its own.
 */
function batches(indices: readonly number[], graphs: readonly ElkNode[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let size = 0;
  for (const i of indices) {
    const n = graphs[i]!.children?.length ?? 0;
    if (n > SMALL_FLOW) {
      out.push([i]);
      continue;
    }
    if (size + n > BATCH_NODES && current.length) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(i);
    size += n;
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * The order the batches go to the runner: the biggest first (longest processing time first, the size
 * counted without the chains the runner lays out directly), so the workers of the pool end together instead of one finishing a big flow while the other idles. The
 * results do not depend on the order.
 */
function biggestFirst(list: number[][], graphs: readonly ElkNode[]): number[][] {
  // A chain costs the runner nothing (it is laid out without ELK: `directLayout`).
  const cost = (g: ElkNode): number => (g.edges?.length && directLayout(g) ? 0 : (g.children?.length ?? 0) + (g.edges?.length ?? 0));
  const size = (batch: readonly number[]): number => batch.reduce((n, i) => n + cost(graphs[i]!), 0);
  return list.map((batch) => ({ batch, size: size(batch) })).sort((a, b) => b.size - a.size).map((x) => x.batch);
}

/** Runs one batch: a single flow's graph as it is, several as the children of one graph. */
async function runBatch(batch: readonly number[], graphs: readonly ElkNode[], run: ElkRunner, signal?: AbortSignal): Promise<ElkNode[]> {
  if (batch.length === 1) return [await run(graphs[batch[0]!]!, signal)];
  const parent: ElkNode = {
    id: BATCH,
    layoutOptions: { 'elk.algorithm': 'fixed' },
    children: batch.map((i, k) => ({ ...graphs[i]!, id: `${graphs[i]!.id}${k}` })),
    edges: [],
  };
  const result = await run(parent, signal);
  return batch.map((_, k) => result.children?.[k] ?? { id: '<missing>', children: [], edges: [] });
}

/**
 * Graphs shaped like a diagram's, for a layout worker to lay out when it starts: V8 compiles ELK's
 * code well only after many calls over varied inputs (a fresh worker spends 3 to 4 times the CPU of a
 * warm one on the same diagram), so the worker practises on these before the first diagram arrives.
 * What a diagram sends ELK: batches of small flows (fans and merges of 3 to 9 nodes, labels or
 * none, emits; chains are laid out without ELK, so there are none), mid-sized flows of 20 to 30
 * nodes, and big ones (the options of a large flow, barriers). Nodes and labels of many widths.
 * Deterministic: the same graphs every time.
 */
export function warmUpGraphs(): ElkNode[] {
  const none: ProblemSummary = { count: 0, items: [] };
  let seed = 7;
  /** A pseudo-random integer in [0, n): the same sequence every call. */
  const pick = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const WORDS = ['orders', 'audit', 'notify-customer', 'ledger', 'fraud-check', 'shipping-label-printer', 'x', 'inventory-reconciliation-job'];
  const SUBTITLES: Record<Lane, string[]> = { producer: ['HTTP API', 'S3 bucket', 'schedule'], router: ['SQS queue', 'SNS topic', 'EventBridge bus'], consumer: ['Lambda · nodejs22.x', 'Lambda · python3.13'] };
  const LABELS = ['', '', 'POST /orders', 'batch 10', 'GET /orders/{orderId}/items', 'OrderPlaced', 'x'];
  let count = 0;
  const node = (lane: Lane): DiagramNode => {
    const id = `${WORDS[pick(WORDS.length)]}-${count++}`;
    const subtitles = SUBTITLES[lane];
    return {
      id, kind: 'function', icon: 'function', lane, label: id, subtitle: subtitles[pick(subtitles.length)]!,
      settings: [], problems: none, pointer: [], span: { start: 0, end: 0 }, extent: { start: 0, end: 0 },
    };
  };
  const edge = (from: DiagramNode, to: DiagramNode, kind: DiagramEdge['kind']): DiagramEdge => ({
    id: `/${from.id}/${kind}/${to.id}`, from: from.id, to: to.id, kind, mechanism: 'invoke', label: LABELS[pick(LABELS.length)]!,
    problems: none, pointer: [], optionsAt: [], span: { start: 0, end: 0 }, extent: { start: 0, end: 0 },
  });
  /**
   * A connected flow of producers → routers → consumers: each producer feeds one or two routers, each
   * router one to three consumers (fans), routers and consumers fed by several (merges); some
   * consumers emit to a bus or call another function.
   */
  const flow = (producers: number, routers: number, consumers: number): Flow => {
    const ps = Array.from({ length: producers }, () => node('producer'));
    const rs = Array.from({ length: routers }, () => node('router'));
    const cs = Array.from({ length: consumers }, () => node('consumer'));
    const edges: DiagramEdge[] = [];
    const seen = new Set<string>();
    const link = (from: DiagramNode, to: DiagramNode, kind: DiagramEdge['kind'] = 'trigger'): void => {
      if (seen.has(from.id + to.id)) return;
      seen.add(from.id + to.id);
      edges.push(edge(from, to, kind));
    };
    const proxies: DiagramNode[] = [];
    if (!rs.length) for (const p of ps) for (const c of cs) link(p, c);
    ps.forEach((p, i) => {
      if (!rs.length) return;
      link(p, rs[i % rs.length]!);
      if (pick(3) === 0) link(p, rs[pick(rs.length)]!);
    });
    if (rs.length) {
      cs.forEach((c, i) => link(rs[i % rs.length]!, c));
      rs.forEach((r) => {
        if (pick(2) === 0) link(r, cs[pick(cs.length)]!);
      });
    }
    cs.forEach((c, i) => {
      if (pick(4) === 0) {
        const target = node('router');
        proxies.push(target);
        edges.push(edge(c, target, 'emit'));
      } else if (i > 0 && pick(6) === 0) link(cs[i - 1]!, c);
    });
    return { nodes: [...ps, ...rs, ...cs], edges, proxies };
  };
  /** Small flows: a fan or a merge of a few nodes (1 → 2 or 3, 2 or 3 → 1), or up to 9 nodes. */
  const small = (): Flow => {
    switch (pick(4)) {
      case 0: return flow(1, 1, 2 + pick(2));
      case 1: return flow(2 + pick(2), 1, 1);
      case 2: return flow(1, 0, 2 + pick(2));
      default: return flow(1 + pick(2), 1 + pick(2), 2 + pick(4));
    }
  };
  const batch = (): ElkNode => {
    const graphs: ElkNode[] = [];
    for (let size = 0; size < BATCH_NODES - 9;) {
      const g = flowGraph(small());
      graphs.push(g);
      size += g.children?.length ?? 0;
    }
    return { id: BATCH, layoutOptions: { 'elk.algorithm': 'fixed' }, children: graphs.map((g, k) => ({ ...g, id: `${g.id}${k}` })), edges: [] };
  };
  const mid = (): ElkNode => flowGraph(flow(3 + pick(3), 5 + pick(4), 10 + pick(8)));
  const big = (n: number): ElkNode => flowGraph(flow(Math.round(n * 0.2), Math.round(n * 0.3), Math.round(n * 0.5)));
  const graphs = [batch(), mid(), batch(), mid(), big(60), batch(), mid(), big(100)];
  // First a small fan (a producer to two consumers): a layout that arrives as the warm-up begins (the
  // server asks for one as it starts the workers) waits for the graph in progress, and a cold worker's
  // first batch takes about 0.5 s.
  return [flowGraph(flow(1, 0, 2)), ...graphs];
}

/**
 * The shape of a flow's ELK input: the input without the ids (nodes and edges by position, labels by
 * size). ELK reads no names, so two flows of the same shape get the same layout (a file has many: an
 * API route and its function, a queue and its consumer, with names of the same width). Labels' texts
 * are not in it either: ELK places a label by its box.
 */
export function flowShape(graph: ElkNode): string {
  const index = new Map((graph.children ?? []).map((c, i) => [c.id, i]));
  return JSON.stringify([
    graph.layoutOptions,
    (graph.children ?? []).map((c) => [c.width, c.height, c.layoutOptions]),
    (graph.edges ?? []).map((e) => [e.sources.map((id) => index.get(id)), e.targets.map((id) => index.get(id)), (e.labels ?? []).map((l) => [l.width, l.height])]),
  ]);
}

/** A flow's layout by position (its nodes and edges numbered in the order of `graph`): what a shape's copies share. */
function byPosition(graph: ElkNode, result: ElkNode): ElkNode {
  const boxes = new Map((result.children ?? []).map((c) => [c.id, c]));
  const routes = new Map((result.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
  return {
    id: '<shape>',
    children: (graph.children ?? []).map((c, i) => {
      const b = boxes.get(c.id);
      return { id: String(i), x: b?.x ?? 0, y: b?.y ?? 0, width: b?.width ?? 0, height: b?.height ?? 0 };
    }),
    edges: (graph.edges ?? []).map((e, i): ElkExtendedEdge => {
      const r = routes.get(e.id);
      return { id: String(i), sources: [], targets: [], sections: r?.sections ?? [], labels: r?.labels ?? [] };
    }),
  };
}

const isPoint = (p: unknown): boolean => !!p && finite((p as Point).x) && finite((p as Point).y);
const isBox = (b: unknown): boolean => !!b && finite((b as ElkNode).x) && finite((b as ElkNode).y) && finite((b as ElkNode).width) && finite((b as ElkNode).height);

/** Whether a stored shape is a layout of `graph`'s shape: as many boxes and routes, every number finite. */
function fits(graph: ElkNode, shape: ElkNode): boolean {
  const children = graph.children ?? [];
  const edges = graph.edges ?? [];
  if (!Array.isArray(shape.children) || !Array.isArray(shape.edges)) return false;
  if (shape.children.length !== children.length || shape.edges.length !== edges.length) return false;
  if (!shape.children.every(isBox)) return false;
  return shape.edges.every((e, i) => {
    const edge = e as ElkExtendedEdge;
    return Array.isArray(edge.sections) && Array.isArray(edge.labels)
      && edge.sections.every((sec) => isPoint(sec?.startPoint) && isPoint(sec?.endPoint) && (sec.bendPoints === undefined || (Array.isArray(sec.bendPoints) && sec.bendPoints.every(isPoint))))
      && edge.labels.length === (edges[i]!.labels ?? []).length && edge.labels.every(isBox);
  });
}

/** A shape's layout with the ids of `graph` (of that shape). */
function withIds(graph: ElkNode, shape: ElkNode): ElkNode {
  return {
    id: graph.id,
    children: (graph.children ?? []).map((c, i) => ({ ...shape.children![i]!, id: c.id })),
    edges: (graph.edges ?? []).map((e, i) => ({ ...(shape.edges![i] as ElkExtendedEdge), id: e.id })),
  };
}

/**
 * Lays a model out: each flow with ELK (through `run`: in process or in a worker pool, small flows
 * batched, the batches in parallel, the biggest first), then the flows as rows under aligned lane
 * columns. Flows of the same shape (`flowShape`) are laid out once. With a cache (by shape), flows
 * laid out before are not laid out again: an edit lays out only the flows it changed. Each batch
 * enters the cache when it is done (a layout stopped half way leaves its finished flows for the
 * next), and what the model no longer has leaves it at the end. `signal` stops the layout (it
 * rejects). The result is plain JSON. budget.ts adds the deadline and the size limit.
 */
export async function layoutDiagram(model: DiagramModel, run: ElkRunner, cache?: LayoutCache, signal?: AbortSignal, store?: ShapeStore): Promise<LaidOutDiagram> {
  const flows = flowsOf(model);
  const graphs = flows.map(flowGraph);
  const alone = graphs.map(lone);
  const keys = graphs.map((g, i) => (alone[i] ? '' : flowShape(g)));
  const shapes = new Map<string, ElkNode>();
  /** One flow of each shape still to lay out. */
  const todo: number[] = [];
  const asked = new Set<string>();
  keys.forEach((key, i) => {
    if (!key || asked.has(key)) return;
    asked.add(key);
    let cached = cache?.get(key);
    if (!cached) {
      const stored = store?.get(key);
      if (stored && fits(graphs[i]!, stored)) {
        cached = stored;
        cache?.set(key, stored);
      }
    }
    if (cached) shapes.set(key, cached);
    else todo.push(i);
  });
  await Promise.all(biggestFirst(batches(todo, graphs), graphs).map((batch) => runBatch(batch, graphs, run, signal).then((laidOut) => {
    batch.forEach((i, k) => {
      const shape = byPosition(graphs[i]!, laidOut[k]!);
      shapes.set(keys[i]!, shape);
      cache?.set(keys[i]!, shape);
      store?.set(keys[i]!, shape);
    });
  })));
  if (cache) {
    const current = new Set(keys);
    for (const k of cache.keys()) if (!current.has(k)) cache.delete(k);
  }
  return assemble(model, flows, graphs.map((g, i) => alone[i] ?? withIds(g, shapes.get(keys[i]!)!)));
}

/**
 * The geometry of `previous` with the content of `model`, when both have the same layout key: the
 * overlay (problems, settings, stale flag) changes, nothing moves.
 */
export function reuseLayout(previous: LaidOutDiagram, model: DiagramModel): LaidOutDiagram {
  const nodes = new Map(previous.nodes.map((n) => [n.id, n]));
  const edges = new Map(previous.edges.map((e) => [e.id, e]));
  // The model's notice, and the arrangement's own (a layout out of time) as long as its positions are shown.
  const notes = [model.notice, previous.layoutNotice].filter((n): n is string => !!n);
  return {
    ...(model.name ? { name: model.name } : {}),
    width: previous.width,
    height: previous.height,
    lanes: previous.lanes,
    stale: model.stale,
    ...(notes.length ? { notice: notes.join(' ') } : {}),
    ...(previous.layoutNotice ? { layoutNotice: previous.layoutNotice } : {}),
    problems: model.problems,
    nodes: model.nodes.map((n) => {
      const p = nodes.get(n.id)!;
      return { ...n, x: p.x, y: p.y, width: p.width, height: p.height };
    }),
    edges: model.edges.map((e) => {
      const p = edges.get(e.id)!;
      return { ...e, points: p.points, ...(p.labelBox ? { labelBox: p.labelBox } : {}) };
    }),
    ...(previous.proxies ? { proxies: previous.proxies } : {}),
    ...(previous.flows ? { flows: previous.flows } : {}),
    icons: model.icons,
  };
}

/**
 * An immediate stand-in for the layout of a changed structure, from the previous layout: nodes seen
 * before stay where they were, new nodes go under the others of their lane, new edges get a plain
 * orthogonal route. Cheap (no ELK), so an edit shows at once; the real layout replaces it.
 */
export function provisionalLayout(previous: LaidOutDiagram, model: DiagramModel): LaidOutDiagram {
  const before = new Map(previous.nodes.map((n) => [n.id, n]));
  const beforeEdges = new Map(previous.edges.map((e) => [e.id, e]));
  const lanes = new Map(previous.lanes.map((l) => [l.lane, l]));
  const gap = 28;
  const lowest = new Map<Lane, number>();
  for (const n of model.nodes) {
    const p = before.get(n.id);
    if (p && p.lane === n.lane) lowest.set(n.lane, Math.max(lowest.get(n.lane) ?? 0, p.y + p.height));
  }
  let right = previous.width - METRICS.margin;
  const nodes: LaidOutNode[] = model.nodes.map((n) => {
    const width = nodeWidth(n.label, n.subtitle);
    const p = before.get(n.id);
    if (p && p.lane === n.lane) return { ...n, x: p.x, y: p.y, width, height: METRICS.nodeHeight };
    const lane = lanes.get(n.lane);
    const x = lane ? round(lane.x + (lane.width - width) / 2) : round(right + MIN_LANE_GAP);
    if (!lane) right = x + width;
    const y = round((lowest.get(n.lane) ?? METRICS.laneHeader + METRICS.margin - gap) + gap);
    lowest.set(n.lane, y + METRICS.nodeHeight);
    return { ...n, x, y, width, height: METRICS.nodeHeight };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const unchanged = (id: string): boolean => {
    const a = before.get(id);
    const b = byId.get(id);
    return !!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width;
  };
  // Emits kept as they were still end on their copies of the target: those copies stay.
  const proxies = new Map<string, LaidOutProxy>();
  const proxyAt = (e: LaidOutEdge): LaidOutProxy | undefined => {
    const end = e.points[e.points.length - 1];
    return end ? previous.proxies?.find((q) => q.of === e.to && end.x >= q.x - 1 && end.x <= q.x + q.width + 1 && end.y >= q.y - 1 && end.y <= q.y + q.height + 1) : undefined;
  };
  const edges: LaidOutEdge[] = model.edges.map((e) => {
    const p = beforeEdges.get(e.id);
    const proxy = p && e.kind === 'emit' ? proxyAt(p) : undefined;
    if (p && p.from === e.from && p.to === e.to && p.label === e.label && unchanged(e.from) && (proxy ? byId.has(e.to) : unchanged(e.to))) {
      if (proxy) proxies.set(proxy.id, proxy);
      return { ...e, points: p.points, ...(p.labelBox ? { labelBox: p.labelBox } : {}) };
    }
    const s = byId.get(e.from)!;
    const t = byId.get(e.to)!;
    const forward = s.x + s.width <= t.x;
    const start = { x: forward ? s.x + s.width : s.x, y: round(s.y + s.height / 2) };
    const end = { x: forward ? t.x : t.x + t.width, y: round(t.y + t.height / 2) };
    const mid = round((start.x + end.x) / 2);
    const points = simplify([start, { x: mid, y: start.y }, { x: mid, y: end.y }, end]);
    const size = e.label ? labelSize(e.label) : undefined;
    const labelBox = size ? { x: round(mid - size.width / 2), y: round((start.y + end.y) / 2 - size.height / 2), ...size } : undefined;
    return { ...e, points, ...(labelBox ? { labelBox } : {}) };
  });
  // Loops, not `Math.max(...list)`: a spread of many thousand arguments overflows the stack.
  let maxX = previous.width;
  let maxY = previous.height;
  for (const n of nodes) {
    maxX = Math.max(maxX, n.x + n.width + METRICS.margin);
    maxY = Math.max(maxY, n.y + n.height + METRICS.margin);
  }
  const width = round(maxX);
  const height = round(maxY);
  const top = METRICS.margin / 2;
  const laneBoxes: LaneBox[] = LANES.filter((lane) => nodes.some((n) => n.lane === lane)).map((lane) => {
    const l = lanes.get(lane);
    if (l) return { ...l, height: round(height - 2 * top) };
    let minX = Infinity;
    let maxRight = -Infinity;
    for (const n of nodes) {
      if (n.lane !== lane) continue;
      minX = Math.min(minX, n.x);
      maxRight = Math.max(maxRight, n.x + n.width);
    }
    const left = minX - METRICS.margin / 2;
    const wide = maxRight + METRICS.margin / 2 - left;
    return { lane, title: LANE_TITLES[lane], x: round(left), y: top, width: round(wide), height: round(height - 2 * top) };
  });
  return {
    ...(model.name ? { name: model.name } : {}),
    width, height, stale: model.stale, provisional: true, ...(model.notice ? { notice: model.notice } : {}), problems: model.problems, lanes: laneBoxes, nodes, edges,
    ...(proxies.size ? { proxies: [...proxies.values()] } : {}),
    icons: model.icons,
  };
}
