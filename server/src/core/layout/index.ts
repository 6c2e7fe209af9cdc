/**
 * The diagram: analysis → model (nodes, edges, labels, problems) → ELK layout → `LaidOutDiagram`.
 * Pure: the ELK runner is passed in (in process for the CLI and tests, a worker thread in the
 * language server).
 */
export type {
  Box, DiagramEdge, DiagramModel, DiagramNode, DiagramProblem, IconDef, IconKind, KeySetting, LaidOutDiagram, LaidOutEdge,
  LaidOutFlow, LaidOutNode, LaidOutProxy, LaneBox, Point, ProblemSummary,
} from './diagram';
export { LANE_TITLES, LANES, METRICS } from './diagram';
export { toDrawing } from './drawing';
export { buildDiagramModel, edgeLabel, flowOrder, isDrawable, relocate, withProblems } from './model';
export {
  assemble, flowGraph, flowShape, flowsOf, labelSize, layoutDiagram, layoutKey, nodeWidth, provisionalLayout, proxyLabel, proxySize, reuseLayout, toElkGraphs, warmUpGraphs,
  LayoutTimeout, type ElkRunner, type Flow, type LayoutCache, type ShapeStore,
} from './layout';
export { LAYOUT_DEADLINE_MS, layoutWithBudget, limitModel, MAX_DIAGRAM_NODES, simpleLayout, type LayoutBudget } from './budget';
export { fitText, textWidth } from './text';
