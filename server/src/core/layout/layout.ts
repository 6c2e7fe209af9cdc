import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { Lane } from '../kinds/index';
import type { Box, DiagramEdge, DiagramModel, DiagramNode, LaidOutDiagram, LaidOutEdge, LaidOutNode, LaneBox, Point } from './diagram';
import { LANE_TITLES, LANES, METRICS } from './diagram';
import { textWidth } from './text';

/** Runs ELK on a graph: in process (CLI, tests) or in a worker thread (language server). */
export type ElkRunner = (graph: ElkNode) => Promise<ElkNode>;

/**
 * Layouts of flows already computed, by their ELK input (JSON). The caller keeps it between
 * versions of a document: an edit in one flow lays out that flow only, and the others do not move.
 */
export type LayoutCache = Map<string, ElkNode>;

/**
 * Above this many nodes a flow is laid out for speed: Brandes-Köpf placement, one crossing sweep,
 * no forced model order (5 × less CPU at 80 nodes), at the price of moving more on an edit.
 */
const LARGE_FLOW = 40;
/** Above this many nodes a flow separates its lanes with barrier partitions (see `flowGraph`). */
const BARRIER_FLOW = 40;
/** Vertical space between two flows. */
const FLOW_GAP = 36;
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

/** A connected part of the diagram, laid out on its own and drawn as one row. */
export interface Flow {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/**
 * Splits a model into flows (connected components), in model order: a flow comes where its first
 * node is, and keeps the model's order of nodes and edges.
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
    if (!parent.has(e.from) || !parent.has(e.to)) continue;
    const a = find(e.from);
    const b = find(e.to);
    if (a !== b) parent.set(b, a);
  }
  const flows = new Map<string, { nodes: DiagramNode[]; edges: DiagramEdge[] }>();
  for (const n of model.nodes) {
    const root = find(n.id);
    (flows.get(root) ?? flows.set(root, { nodes: [], edges: [] }).get(root)!).nodes.push(n);
  }
  for (const e of model.edges) if (parent.has(e.from) && parent.has(e.to)) flows.get(find(e.from))!.edges.push(e);
  return [...flows.values()];
}

const LABEL_SUFFIX = '#label';
const BARRIER = '<barrier>';

/**
 * The ELK input of one flow. Each lane is a partition (`elk.partitioning.partition`), so ELK keeps
 * producers left of routers left of consumers. ELK connects every node of a partition to every node
 * of the next one; in a big flow an empty "barrier" partition between lanes keeps that linear.
 */
export function flowGraph(flow: Flow): ElkNode {
  const lanes = LANES.filter((lane) => flow.nodes.some((n) => n.lane === lane));
  const barriers = flow.nodes.length > BARRIER_FLOW;
  const partition = (lane: Lane): string => String(LANES.indexOf(lane) * 2);
  const children: ElkNode[] = flow.nodes.map((n) => ({
    id: n.id,
    width: nodeWidth(n.label, n.subtitle),
    height: METRICS.nodeHeight,
    layoutOptions: { 'elk.partitioning.partition': partition(n.lane) },
  }));
  if (barriers) {
    for (const lane of lanes.slice(1)) {
      const p = LANES.indexOf(lane) * 2 - 1;
      children.push({ id: `${BARRIER}${p}`, width: 0, height: 0, layoutOptions: { 'elk.partitioning.partition': String(p) } });
    }
  }
  const edges: ElkExtendedEdge[] = flow.edges.map((e) => ({
    id: e.id,
    sources: [e.from],
    targets: [e.to],
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

/** One flow's ELK result, measured: where each of its lanes starts and ends. */
interface PlacedFlow {
  readonly flow: Flow;
  readonly result: ElkNode;
  readonly lanes: Map<Lane, { left: number; right: number }>;
  readonly top: number;
  readonly bottom: number;
}

function measure(flow: Flow, result: ElkNode): PlacedFlow {
  const lanes = new Map<Lane, { left: number; right: number }>();
  const boxes = new Map((result.children ?? []).map((c) => [c.id, c]));
  let top = Infinity;
  let bottom = -Infinity;
  for (const n of flow.nodes) {
    const c = boxes.get(n.id);
    const x = c?.x ?? 0;
    const w = c?.width ?? 0;
    const l = lanes.get(n.lane);
    lanes.set(n.lane, l ? { left: Math.min(l.left, x), right: Math.max(l.right, x + w) } : { left: x, right: x + w });
    top = Math.min(top, c?.y ?? 0);
    bottom = Math.max(bottom, (c?.y ?? 0) + (c?.height ?? 0));
  }
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
 * A monotone, piecewise linear map of x that moves each lane of a flow onto the diagram's column of
 * that lane: inside a lane it is a translation, between lanes it stretches. Orthogonal routes stay
 * orthogonal, and nothing that did not cross starts crossing.
 */
function xMap(placed: PlacedFlow, columns: ReadonlyMap<Lane, number>): (x: number) => number {
  const anchors: [number, number][] = [];
  for (const lane of LANES) {
    const l = placed.lanes.get(lane);
    if (!l) continue;
    const at = columns.get(lane)!;
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

/** Turns the flows' ELK results into the laid-out diagram: lanes as aligned columns, flows as rows. */
export function assemble(model: DiagramModel, flows: readonly Flow[], results: readonly ElkNode[]): LaidOutDiagram {
  const placed = flows.map((f, i) => measure(f, results[i]!));
  // Columns: each lane as wide as its widest flow, lanes at least MIN_LANE_GAP apart (more when a flow needs it).
  const present = LANES.filter((lane) => placed.some((p) => p.lanes.has(lane)));
  const width = new Map(present.map((lane) => [lane, Math.max(...placed.map((p) => (p.lanes.get(lane) ? p.lanes.get(lane)!.right - p.lanes.get(lane)!.left : 0)))]));
  const gaps = present.slice(1).map((lane, i) => {
    const before = present[i]!;
    return Math.max(MIN_LANE_GAP, ...placed.map((p) => {
      const a = p.lanes.get(before);
      const b = p.lanes.get(lane);
      return a && b ? b.left - a.right : 0;
    }));
  });
  const columns = new Map<Lane, number>();
  let x = METRICS.margin;
  present.forEach((lane, i) => {
    columns.set(lane, x);
    x += width.get(lane)! + (gaps[i] ?? 0);
  });
  const diagramWidth = x + METRICS.margin;

  const nodes = new Map<string, LaidOutNode>();
  const edges = new Map<string, LaidOutEdge>();
  let y = METRICS.laneHeader + METRICS.margin;
  for (const p of placed) {
    const mapX = xMap(p, columns);
    const dy = y - p.top;
    const boxes = new Map((p.result.children ?? []).map((c) => [c.id, c]));
    for (const n of p.flow.nodes) {
      const c = boxes.get(n.id);
      nodes.set(n.id, { ...n, x: round(mapX(c?.x ?? 0)), y: round((c?.y ?? 0) + dy), width: round(c?.width), height: round(c?.height) });
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
    y += p.bottom - p.top + FLOW_GAP;
  }
  const height = Math.max(METRICS.laneHeader + 2 * METRICS.margin, y - FLOW_GAP + METRICS.margin);

  const top = METRICS.margin / 2;
  const lanes: LaneBox[] = present.map((lane, i) => {
    const left = i === 0 ? columns.get(lane)! - METRICS.margin / 2 : columns.get(lane)! - gaps[i - 1]! / 2;
    const right = i === present.length - 1 ? columns.get(lane)! + width.get(lane)! + METRICS.margin / 2 : columns.get(lane)! + width.get(lane)! + gaps[i]! / 2;
    return { lane, title: LANE_TITLES[lane], x: round(left), y: round(top), width: round(right - left), height: round(height - 2 * top) };
  });
  return {
    ...(model.name ? { name: model.name } : {}),
    width: round(diagramWidth), height: round(height), stale: model.stale, problems: model.problems,
    lanes,
    nodes: model.nodes.map((n) => nodes.get(n.id)!),
    edges: model.edges.filter((e) => edges.has(e.id)).map((e) => edges.get(e.id)!),
    icons: model.icons,
  };
}

/**
 * Lays a model out: each flow with ELK (through `run`: in process or in a worker), then the flows
 * as rows under aligned lane columns. With a cache, flows laid out before are not laid out again.
 * The result is plain JSON.
 */
export async function layoutDiagram(model: DiagramModel, run: ElkRunner, cache?: LayoutCache): Promise<LaidOutDiagram> {
  const flows = flowsOf(model);
  const graphs = flows.map(flowGraph);
  const keys = graphs.map((g) => JSON.stringify(g));
  const results = await Promise.all(graphs.map((g, i) => cache?.get(keys[i]!) ?? run(g)));
  if (cache) {
    cache.clear();
    keys.forEach((k, i) => cache.set(k, results[i]!));
  }
  return assemble(model, flows, results);
}

/**
 * The geometry of `previous` with the content of `model`, when both have the same layout key: the
 * overlay (problems, settings, stale flag) changes, nothing moves.
 */
export function reuseLayout(previous: LaidOutDiagram, model: DiagramModel): LaidOutDiagram {
  const nodes = new Map(previous.nodes.map((n) => [n.id, n]));
  const edges = new Map(previous.edges.map((e) => [e.id, e]));
  return {
    ...(model.name ? { name: model.name } : {}),
    width: previous.width,
    height: previous.height,
    lanes: previous.lanes,
    stale: model.stale,
    problems: model.problems,
    nodes: model.nodes.map((n) => {
      const p = nodes.get(n.id)!;
      return { ...n, x: p.x, y: p.y, width: p.width, height: p.height };
    }),
    edges: model.edges.map((e) => {
      const p = edges.get(e.id)!;
      return { ...e, points: p.points, ...(p.labelBox ? { labelBox: p.labelBox } : {}) };
    }),
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
  const edges: LaidOutEdge[] = model.edges.map((e) => {
    const p = beforeEdges.get(e.id);
    if (p && p.from === e.from && p.to === e.to && p.label === e.label && unchanged(e.from) && unchanged(e.to)) {
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
  const width = round(Math.max(previous.width, ...nodes.map((n) => n.x + n.width + METRICS.margin)));
  const height = round(Math.max(previous.height, ...nodes.map((n) => n.y + n.height + METRICS.margin)));
  const top = METRICS.margin / 2;
  const laneBoxes: LaneBox[] = LANES.filter((lane) => nodes.some((n) => n.lane === lane)).map((lane) => {
    const l = lanes.get(lane);
    if (l) return { ...l, height: round(height - 2 * top) };
    const mine = nodes.filter((n) => n.lane === lane);
    const left = Math.min(...mine.map((n) => n.x)) - METRICS.margin / 2;
    const wide = Math.max(...mine.map((n) => n.x + n.width)) + METRICS.margin / 2 - left;
    return { lane, title: LANE_TITLES[lane], x: round(left), y: top, width: round(wide), height: round(height - 2 * top) };
  });
  return {
    ...(model.name ? { name: model.name } : {}),
    width, height, stale: model.stale, provisional: true, problems: model.problems, lanes: laneBoxes, nodes, edges, icons: model.icons,
  };
}
