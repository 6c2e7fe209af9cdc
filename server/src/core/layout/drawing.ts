import type { Drawing, DrawnEdge, DrawnNode } from '../../../../renderer/src/drawing';
import type { LaidOutDiagram } from './diagram';

/**
 * What the renderer draws of a laid-out diagram: the sources of the elements (pointers, spans) are
 * left out. The language server sends this to the
 * webview; the CLI renders it.
 */
export function toDrawing(diagram: LaidOutDiagram): Drawing {
  const nodes = diagram.nodes.map((n): DrawnNode => ({
    id: n.id, kind: n.kind, icon: n.icon, lane: n.lane, label: n.label, subtitle: n.subtitle,
    ...(n.description !== undefined ? { description: n.description } : {}),
    settings: n.settings, problems: n.problems, x: n.x, y: n.y, width: n.width, height: n.height,
  }));
  const edges = diagram.edges.map((e): DrawnEdge => ({
    id: e.id, from: e.from, to: e.to, kind: e.kind, mechanism: e.mechanism, label: e.label, problems: e.problems, points: e.points,
    ...(e.labelBox ? { labelBox: e.labelBox } : {}),
  }));
  return {
    ...(diagram.name !== undefined ? { name: diagram.name } : {}),
    width: diagram.width, height: diagram.height, stale: diagram.stale,
    ...(diagram.provisional !== undefined ? { provisional: diagram.provisional } : {}),
    ...(diagram.notice !== undefined ? { notice: diagram.notice } : {}),
    problems: diagram.problems, lanes: diagram.lanes, nodes, edges,
    ...(diagram.proxies ? { proxies: diagram.proxies } : {}),
    ...(diagram.flows ? { flows: diagram.flows } : {}),
    icons: diagram.icons,
  };
}
