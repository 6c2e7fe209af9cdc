import type { DiagramEdge, DiagramModel, DiagramNode, LaidOutDiagram, LaidOutEdge, LaidOutNode, LaneBox, Point } from './diagram';
import { LANE_TITLES, LANES, METRICS } from './diagram';
import { flowsOf, labelSize, layoutDiagram, LayoutTimeout, nodeWidth, type ElkRunner, type LayoutCache, type ShapeStore } from './layout';

/**
 * Elements a diagram shows at most. A bigger architecture shows its first flows up to this many
 * nodes, with a notice: ELK, the webview and a person all stop being useful long before 100,000 boxes.
 */
export const MAX_DIAGRAM_NODES = 5000;

/** Longest a layout may run; then the simple arrangement (`simpleLayout`) is shown, with a notice. */
export const LAYOUT_DEADLINE_MS = 10_000;

/** Limits of one layout. */
export interface LayoutBudget {
  /** Default `LAYOUT_DEADLINE_MS`. */
  readonly deadlineMs?: number;
  /** Stops the layout (a newer version made it stale): `layoutWithBudget` rejects. */
  readonly signal?: AbortSignal;
  /** Layouts of flow shapes kept between documents and sessions (see `ShapeStore`). */
  readonly store?: ShapeStore;
}

const GAP = 28;
const FLOW_GAP = 36;
const LANE_GAP = 96;

/**
 * The model cut to `max` nodes: whole flows in model order (the first flow cut itself when it alone
 * is bigger), the edges between the nodes kept, and a notice saying how much is shown. The model
 * itself when it is small enough.
 */
export function limitModel(model: DiagramModel, max = MAX_DIAGRAM_NODES): DiagramModel {
  if (model.nodes.length <= max) return model;
  const keep = new Set<string>();
  for (const flow of flowsOf(model)) {
    if (keep.size + flow.nodes.length > max) {
      if (keep.size === 0) for (const n of flow.nodes.slice(0, max)) keep.add(n.id);
      break;
    }
    for (const n of flow.nodes) keep.add(n.id);
  }
  const nodes = model.nodes.filter((n) => keep.has(n.id));
  const edges = model.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  const notice = `This architecture has ${model.nodes.length.toLocaleString('en-US')} elements; a diagram shows at most ${max.toLocaleString('en-US')}: `
    + `here the first ${nodes.length.toLocaleString('en-US')}, whole flows in file order. Split the file into several architectures to see the rest.`;
  return { ...model, nodes, edges, notice: model.notice ? `${model.notice} ${notice}` : notice };
}

/**
 * A diagram arranged without ELK, in time linear in its size: flows as rows, lanes as columns, the
 * nodes of a flow stacked in their lane in model order, edges as plain orthogonal routes. What a
 * layout that ran out of time falls back to.
 */
export function simpleLayout(model: DiagramModel, notice?: string): LaidOutDiagram {
  const flows = flowsOf(model);
  const present = LANES.filter((lane) => model.nodes.some((n) => n.lane === lane));
  const widths = new Map<string, number>();
  const laneWidth = new Map<string, number>();
  for (const n of model.nodes) {
    const w = nodeWidth(n.label, n.subtitle);
    widths.set(n.id, w);
    laneWidth.set(n.lane, Math.max(laneWidth.get(n.lane) ?? 0, w));
  }
  const columns = new Map<string, number>();
  let x = METRICS.margin;
  for (const lane of present) {
    columns.set(lane, x);
    x += laneWidth.get(lane)! + LANE_GAP;
  }
  const width = x - LANE_GAP + METRICS.margin;
  const placed = new Map<string, LaidOutNode>();
  let y = METRICS.laneHeader + METRICS.margin;
  for (const flow of flows) {
    const next = new Map<string, number>();
    let bottom = y;
    for (const n of flow.nodes) {
      const top = next.get(n.lane) ?? y;
      const node: LaidOutNode = { ...n, x: columns.get(n.lane)!, y: top, width: widths.get(n.id)!, height: METRICS.nodeHeight };
      placed.set(n.id, node);
      next.set(n.lane, top + METRICS.nodeHeight + GAP);
      bottom = Math.max(bottom, top + METRICS.nodeHeight);
    }
    y = bottom + FLOW_GAP;
  }
  const height = Math.max(METRICS.laneHeader + 2 * METRICS.margin, y - FLOW_GAP + METRICS.margin);
  const edges: LaidOutEdge[] = [];
  for (const e of model.edges) {
    const s = placed.get(e.from);
    const t = placed.get(e.to);
    if (!s || !t) continue;
    edges.push(route(e, s, t));
  }
  const top = METRICS.margin / 2;
  const lanes: LaneBox[] = present.map((lane) => ({
    lane, title: LANE_TITLES[lane],
    x: columns.get(lane)! - LANE_GAP / 4, y: top, width: laneWidth.get(lane)! + LANE_GAP / 2, height: height - 2 * top,
  }));
  const notes = [model.notice, notice].filter((n): n is string => !!n);
  return {
    ...(model.name ? { name: model.name } : {}),
    width, height, stale: model.stale,
    ...(notes.length ? { notice: notes.join(' ') } : {}),
    ...(notice ? { layoutNotice: notice } : {}),
    problems: model.problems, lanes,
    nodes: model.nodes.map((n) => placed.get(n.id)!),
    edges,
    icons: model.icons,
  };
}

/** A plain orthogonal route from one node to another, with its label in the middle. */
function route(e: DiagramEdge, s: DiagramNode & { x: number; y: number; width: number; height: number }, t: typeof s): LaidOutEdge {
  const forward = s.x + s.width <= t.x;
  const start: Point = { x: forward ? s.x + s.width : s.x, y: s.y + s.height / 2 };
  const end: Point = { x: forward ? t.x : t.x + t.width, y: t.y + t.height / 2 };
  const mid = forward ? (start.x + end.x) / 2 : Math.min(start.x, end.x) - GAP / 2;
  const points = start.y === end.y && forward ? [start, end] : [start, { x: mid, y: start.y }, { x: mid, y: end.y }, end];
  const size = e.label ? labelSize(e.label) : undefined;
  return {
    ...e, points,
    ...(size ? { labelBox: { x: mid - size.width / 2, y: (start.y + end.y) / 2 - size.height / 2, ...size } } : {}),
  };
}

/**
 * `layoutDiagram` within the budget: a model bigger than `MAX_DIAGRAM_NODES` is cut first
 * (`limitModel`), and a layout that runs longer than the deadline is stopped (its finished flows stay
 * in the cache) and replaced by `simpleLayout`, with a notice. Rejects only when `budget.signal`
 * aborts (stale work) or ELK fails.
 */
export async function layoutWithBudget(model: DiagramModel, run: ElkRunner, cache?: LayoutCache, budget: LayoutBudget = {}): Promise<LaidOutDiagram> {
  const limited = limitModel(model);
  const deadline = budget.deadlineMs ?? LAYOUT_DEADLINE_MS;
  const controller = new AbortController();
  const stop = (): void => controller.abort(budget.signal?.reason);
  if (budget.signal?.aborted) stop();
  budget.signal?.addEventListener('abort', stop, { once: true });
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    controller.abort(new LayoutTimeout(`the layout ran out of time (${deadline} ms)`));
  }, deadline);
  try {
    return await layoutDiagram(limited, run, cache, controller.signal, budget.store);
  } catch (err) {
    if (!late || budget.signal?.aborted) throw err;
    const seconds = Math.round(deadline / 100) / 10;
    return simpleLayout(limited, `The automatic layout took longer than ${seconds} s and was stopped; the elements are arranged simply (in file order, by lane).`);
  } finally {
    clearTimeout(timer);
    budget.signal?.removeEventListener('abort', stop);
  }
}
