import type { Drawing, DrawnEdge, DrawnFlow, DrawnLane, DrawnNode, DrawnProxy, IconDef, Point, ProblemSummary } from './drawing';
import { diagramCss, type Palette, type ThemeKind } from './theme';

/** How to render. */
export interface RenderOptions {
  /** Which fallback colours apply where no editor theme variable is set. Default `light`. */
  readonly theme?: ThemeKind;
  /**
   * Embed the stylesheet in the SVG (default true): a file that stands alone. The webview passes
   * false and adopts `diagramCss()` once (its Content-Security-Policy allows no inline `<style>`).
   */
  readonly standalone?: boolean;
  /** Literal colours instead of the editor's theme variables (an export from the editor). */
  readonly palette?: Palette;
  /** Draw the legend of edge styles under the diagram. Default true. */
  readonly legend?: boolean;
  /** Write `diagram.notice` under the drawing. Default true; the webview shows it in its banner. */
  readonly notice?: boolean;
  /** Ids of flows drawn collapsed: their header only, the flows below moved up. */
  readonly collapsed?: ReadonlySet<string>;
  /**
   * Give every node, edge, label and copy a `<title>` (its tooltip, and its accessible name). Default
   * true: a file that stands alone. The webview passes false: one shared tooltip follows the pointer
   * (a fifth of the DOM of a big diagram), and the elements are named by `aria-label`.
   */
  readonly tooltips?: boolean;
  /**
   * Draw each flow's body (its edges, labels, copies and nodes) later: when given, a flow's group is
   * written with its header only and the body's markup is put in this map under the flow's id. The
   * webview draws a flow's body when it comes near the view (a 1,000-node diagram is 300 flows; the
   * screen shows a few). What belongs to no flow is drawn as always.
   */
  readonly deferFlows?: Map<string, string>;
}

const LEGEND_HEIGHT = 30;
/** The row under the diagram that says why it shows less than the file (`diagram.notice`). */
const NOTICE_HEIGHT = 26;
const EMPTY_SIZE = { width: 520, height: 140 };

/**
 * Escapes text for XML content and attribute values. Every value the renderer writes goes through it
 * (or through `num`): the diagram comes from the server, and a field is never trusted to be what its
 * type says.
 */
export function escapeXml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A coordinate or size, rounded to a tenth; anything that is not a finite number is 0. */
const num = (v: unknown): string => {
  const n = typeof v === 'number' && Number.isFinite(v) ? v : 0;
  return String(Math.round(n * 10) / 10);
};

/** A name used inside a class name: letters, digits, `-` and `_` only. */
const token = (v: unknown): string => String(v).replace(/[^A-Za-z0-9_-]/g, '_');

/** An orthogonal route with rounded corners. */
export function edgePath(points: readonly Point[], radius = 6): string {
  if (points.length === 0) return '';
  let d = `M${num(points[0]!.x)} ${num(points[0]!.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const p = points[i]!;
    const next = points[i + 1]!;
    const lenIn = Math.hypot(p.x - prev.x, p.y - prev.y);
    const lenOut = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(radius, lenIn / 2, lenOut / 2);
    if (r < 0.5) {
      d += ` L${num(p.x)} ${num(p.y)}`;
      continue;
    }
    const a = { x: p.x - ((p.x - prev.x) / lenIn) * r, y: p.y - ((p.y - prev.y) / lenIn) * r };
    const b = { x: p.x + ((next.x - p.x) / lenOut) * r, y: p.y + ((next.y - p.y) / lenOut) * r };
    d += ` L${num(a.x)} ${num(a.y)} Q${num(p.x)} ${num(p.y)} ${num(b.x)} ${num(b.y)}`;
  }
  const last = points[points.length - 1]!;
  if (points.length > 1) d += ` L${num(last.x)} ${num(last.y)}`;
  return d;
}

const SEVERITY_MARK = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

function problemLines(problems: ProblemSummary): string[] {
  if (problems.count === 0) return [];
  const more = problems.count - problems.items.length;
  return ['', `${problems.count} problem${problems.count === 1 ? '' : 's'}:`,
    ...problems.items.map((p) => `${SEVERITY_MARK[p.severity] ?? ''} ${p.severity} ${p.code}: ${p.message}`),
    ...(more > 0 ? [`… and ${more} more`] : [])];
}

/** The tooltip of a node: what it is, its key settings and its problems. */
export function nodeTooltip(node: DrawnNode): string {
  return [
    `${node.id} — ${node.subtitle}`,
    ...(node.description ? [node.description] : []),
    ...(node.settings.length ? ['', ...node.settings.map((s) => `${s.name}: ${s.value}`)] : []),
    ...problemLines(node.problems),
  ].join('\n');
}

const EDGE_KIND_TEXT = { trigger: 'triggers', emit: 'emits to', 'dead-letter': 'dead-letters to', 'on-failure': 'sends failures to', 'on-success': 'sends results to' } as const;

/** The tooltip of an edge. */
export function edgeTooltip(edge: DrawnEdge): string {
  return [`${edge.from} ${EDGE_KIND_TEXT[edge.kind]} ${edge.to}`, ...(edge.label ? [edge.label] : []), ...problemLines(edge.problems)].join('\n');
}

function renderLane(lane: DrawnLane, count: number): string {
  const cx = lane.x + lane.width / 2;
  return `<g class="af-lane" data-lane="${escapeXml(lane.lane)}">`
    + `<rect class="af-lane-band" x="${num(lane.x)}" y="${num(lane.y)}" width="${num(lane.width)}" height="${num(lane.height)}" rx="10"/>`
    + `<text class="af-lane-title" x="${num(cx)}" y="${num(lane.y + 22)}" text-anchor="middle">${escapeXml(String(lane.title).toUpperCase())}`
    + `<tspan class="af-lane-count" dx="6">${num(count)}</tspan></text></g>`;
}

function arrowOf(edge: DrawnEdge): string {
  return edge.kind === 'emit' ? 'af-arrow-emit' : edge.kind === 'trigger' || edge.kind === 'on-success' ? 'af-arrow' : 'af-arrow-failure';
}

/** The tooltip of an element: a `<title>` child, or (without titles) the same text as its accessible name. */
interface Tip {
  readonly attr: string;
  readonly child: string;
}
function tipOf(text: string, titles: boolean): Tip {
  return titles ? { attr: '', child: `<title>${escapeXml(text)}</title>` } : { attr: ` aria-label="${escapeXml(text.replace(/\n+/g, '; '))}"`, child: '' };
}

function renderEdge(edge: DrawnEdge, titles: boolean): string {
  const tip = tipOf(edgeTooltip(edge), titles);
  const d = edgePath(edge.points);
  const problem = edge.problems.worst ? ` af-edge-problem-${token(edge.problems.worst)}` : '';
  return `<g class="af-edge af-edge-${token(edge.kind)}${problem}" data-edge-id="${escapeXml(edge.id)}" data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}" data-kind="${escapeXml(edge.kind)}" data-mechanism="${escapeXml(edge.mechanism)}"${edge.problems.count ? ` data-problems="${escapeXml(edge.problems.count)}"` : ''}${tip.attr}>`
    + tip.child
    + `<path class="af-edge-hit" d="${d}"/>`
    + `<path class="af-edge-line" d="${d}" marker-end="url(#${arrowOf(edge)})"/></g>`;
}

function renderEdgeLabel(edge: DrawnEdge, titles: boolean): string {
  const box = edge.labelBox;
  if (!box || !edge.label) return '';
  // Without titles the label is named by its edge (the same text): no name of its own to read twice.
  return `<g class="af-edge-label" data-edge-id="${escapeXml(edge.id)}"${titles ? '' : ' aria-hidden="true"'}>${titles ? `<title>${escapeXml(edgeTooltip(edge))}</title>` : ''}`
    + `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" rx="4"/>`
    + `<text x="${num(box.x + box.width / 2)}" y="${num(box.y + box.height / 2 + 4)}" text-anchor="middle">${escapeXml(edge.label)}</text></g>`;
}

function renderBadge(node: DrawnNode): string {
  const p = node.problems;
  if (!p.worst) return '';
  const count = typeof p.count === 'number' && Number.isFinite(p.count) ? Math.max(0, Math.round(p.count)) : 0;
  const label = count > 99 ? '99+' : String(count);
  const r = label.length > 2 ? 12 : label.length > 1 ? 10.5 : 9;
  return `<g class="af-badge af-badge-${token(p.worst)}" data-severity="${escapeXml(p.worst)}" data-count="${count}" transform="translate(${num(node.width - 4)} 4)">`
    + `<circle r="${r}"/><text text-anchor="middle" y="3.5">${label}</text></g>`;
}

/** The picture of an icon the drawing does not describe: a grey tile. */
const NO_ICON: IconDef = { glyph: '', colour: '#68707c' };

function iconOf(diagram: Drawing, icon: string): IconDef {
  return Object.prototype.hasOwnProperty.call(diagram.icons, icon) ? diagram.icons[icon]! : NO_ICON;
}

function renderNode(node: DrawnNode, icon: IconDef, titles: boolean): string {
  const tile = 30;
  const tip = tipOf(nodeTooltip(node), titles);
  const ty = (node.height - tile) / 2;
  const problems = node.problems.worst ? ` data-severity="${escapeXml(node.problems.worst)}" data-problems="${escapeXml(node.problems.count)}"` : '';
  return `<g class="af-node af-kind-${token(node.icon)}" data-node-id="${escapeXml(node.id)}" data-kind="${escapeXml(node.kind)}" data-icon="${escapeXml(node.icon)}" data-lane="${escapeXml(node.lane)}"${problems}${tip.attr} transform="translate(${num(node.x)} ${num(node.y)})">`
    + tip.child
    + `<rect class="af-halo" x="-6" y="-6" width="${num(node.width + 12)}" height="${num(node.height + 12)}" rx="11"/>`
    + `<rect class="af-node-box" width="${num(node.width)}" height="${num(node.height)}" rx="7"/>`
    + `<g class="af-icon" transform="translate(10 ${num(ty)})"><rect width="${tile}" height="${tile}" rx="7" fill="${escapeXml(icon.colour)}"/>`
    + `<path class="af-icon-glyph" transform="translate(3 3)" d="${escapeXml(icon.glyph)}"/></g>`
    + `<text class="af-node-title" x="48" y="${num(node.height / 2 - 3)}">${escapeXml(node.label)}</text>`
    + `<text class="af-node-subtitle" x="48" y="${num(node.height / 2 + 13)}">${escapeXml(node.subtitle)}</text>`
    + renderBadge(node)
    + '</g>';
}

function renderLegend(y: number, width: number, stale: boolean): string {
  const item = (x: number, cls: string, arrow: string, text: string): string =>
    `<g class="af-legend-item ${cls}" transform="translate(${x} ${y})"><path class="af-edge-line" d="M0 0H28" marker-end="url(#${arrow})"/>`
    + `<text x="36" y="4">${text}</text></g>`;
  const legend = `<g class="af-legend">${item(24, 'af-edge-trigger', 'af-arrow', 'triggers')}${item(120, 'af-edge-emit', 'af-arrow-emit', 'emits')}`
    + `${item(204, 'af-edge-dead-letter', 'af-arrow-failure', 'dead letter / on failure')}${item(388, 'af-edge-on-success', 'af-arrow', 'on success')}</g>`;
  const note = stale
    ? `<text class="af-stale" x="${num(width - 24)}" y="${num(y + 4)}" text-anchor="end">Last valid diagram: the file cannot be read now</text>`
    : '';
  return legend + note;
}

/** The tooltip of the copy of an emit target at a flow's side. */
export function proxyTooltip(proxy: DrawnProxy): string {
  return `${proxy.of}, drawn again at this flow's side: the blue edges are what its functions emit to it`;
}

function renderProxy(proxy: DrawnProxy, titles: boolean): string {
  const tip = tipOf(proxyTooltip(proxy), titles);
  return `<g class="af-proxy" data-proxy-of="${escapeXml(proxy.of)}" data-proxy-id="${escapeXml(proxy.id)}"${tip.attr} transform="translate(${num(proxy.x)} ${num(proxy.y)})">`
    + tip.child
    + `<rect class="af-proxy-box" width="${num(proxy.width)}" height="${num(proxy.height)}" rx="6"/>`
    + `<text class="af-proxy-label" x="12" y="${num(proxy.height / 2 + 4)}">↩ ${escapeXml(proxy.label)}</text></g>`;
}

function renderFlowHeader(flow: DrawnFlow, collapsed: boolean, titles: boolean): string {
  const count = `${num(flow.nodes)} node${flow.nodes === 1 ? '' : 's'}`;
  const tip = tipOf(`${collapsed ? 'Expand' : 'Collapse'} this flow`, titles);
  return `<g class="af-flow-header" data-flow-toggle="${escapeXml(flow.id)}" role="button" aria-expanded="${collapsed ? 'false' : 'true'}"${tip.attr}>`
    + tip.child
    + `<rect x="${num(flow.x)}" y="${num(flow.y)}" width="${num(flow.width)}" height="${num(flow.header)}" rx="4"/>`
    + `<line class="af-flow-rule" x1="${num(flow.x)}" x2="${num(flow.x + flow.width)}" y1="${num(flow.y + 0.5)}" y2="${num(flow.y + 0.5)}"/>`
    + `<text class="af-flow-title" x="${num(flow.x + 6)}" y="${num(flow.y + flow.header / 2 + 4)}">${collapsed ? '▸' : '▾'} ${escapeXml(flow.title)} · ${count}</text></g>`;
}

/** The elements of the drawing grouped by flow (the flow whose row holds them), in flow order; a last group without a flow holds what no row holds. */
export interface FlowGroup {
  readonly flow: DrawnFlow | undefined;
  readonly nodes: DrawnNode[];
  readonly edges: DrawnEdge[];
  readonly proxies: DrawnProxy[];
}

export function flowGroups(diagram: Drawing): FlowGroup[] {
  const flows = diagram.flows ?? [];
  const groups: FlowGroup[] = flows.map((flow) => ({ flow, nodes: [], edges: [], proxies: [] }));
  const rest: FlowGroup = { flow: undefined, nodes: [], edges: [], proxies: [] };
  /** The group of a y (binary search over the rows, top to bottom). */
  const at = (y: number): FlowGroup => {
    let lo = 0;
    let hi = flows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = flows[mid]!;
      if (y < f.y) hi = mid - 1;
      else if (y > f.y + f.height) lo = mid + 1;
      else return groups[mid]!;
    }
    return rest;
  };
  const nodeGroup = new Map<string, FlowGroup>();
  for (const n of diagram.nodes) {
    const g = at(n.y);
    g.nodes.push(n);
    nodeGroup.set(n.id, g);
  }
  for (const e of diagram.edges) (nodeGroup.get(e.from) ?? rest).edges.push(e);
  const byId = new Map(flows.map((f, i) => [f.id, groups[i]!]));
  for (const p of diagram.proxies ?? []) (byId.get(p.flow) ?? at(p.y)).proxies.push(p);
  return rest.nodes.length || rest.edges.length || rest.proxies.length ? [...groups, rest] : groups;
}

const MARKERS = `<defs>${[['af-arrow', 'af-arrow'], ['af-arrow-emit', 'af-arrow af-arrow-emit'], ['af-arrow-failure', 'af-arrow af-arrow-failure']]
  .map(([id, cls]) => `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="${cls}" d="M0 0.5 10 5 0 9.5z"/></marker>`)
  .join('')}</defs>`;

/**
 * Renders a laid-out diagram as an SVG document. Pure: no DOM, so the webview, the CLI and tests
 * share it. Every node carries `data-node-id`, every edge and edge label `data-edge-id`.
 */
export function renderSvg(diagram: Drawing, options: RenderOptions = {}): string {
  const theme = options.theme ?? 'light';
  const standalone = options.standalone ?? true;
  const legend = options.legend ?? true;
  const titles = options.tooltips ?? true;
  const empty = diagram.nodes.length === 0;
  const width = empty ? EMPTY_SIZE.width : diagram.width;
  const notice = typeof diagram.notice === 'string' && diagram.notice ? diagram.notice : undefined;
  const groups = empty ? [] : flowGroups(diagram);
  // Collapsed flows keep their header; each flow moves up by what the collapsed ones above it gave back.
  const collapsed = options.collapsed ?? new Set<string>();
  const shifts: number[] = [];
  let saved = 0;
  for (const g of groups) {
    shifts.push(saved);
    if (g.flow && collapsed.has(g.flow.id)) saved += Math.max(0, g.flow.height - g.flow.header);
  }
  const drawnHeight = (empty ? EMPTY_SIZE.height : diagram.height - saved);
  const height = drawnHeight + (legend && !empty ? LEGEND_HEIGHT : 0) + (notice && options.notice !== false ? NOTICE_HEIGHT : 0);
  const title = diagram.name ? `${diagram.name} — Archflow diagram` : 'Archflow diagram';
  const count = (lane: string): number => diagram.nodes.filter((n) => n.lane === lane).length;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="af-diagram af-${token(theme)}" viewBox="0 0 ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="img" aria-label="${escapeXml(title)}"${diagram.stale ? ' data-stale="true"' : ''}>`,
    `<title>${escapeXml(title)}</title>`,
    standalone ? `<style>${diagramCss(options.palette)}</style>` : '',
    MARKERS,
    `<rect class="af-bg" width="${num(width)}" height="${num(height)}"/>`,
  ];
  if (empty) {
    parts.push(`<text class="af-empty" x="${num(width / 2)}" y="${num(height / 2)}" text-anchor="middle">No producers, routers or consumers yet.</text>`);
  } else {
    parts.push(`<g class="af-lanes">${diagram.lanes.map((l) => renderLane(saved ? { ...l, height: l.height - saved } : l, count(l.lane))).join('')}</g>`);
    groups.forEach((g, i) => {
      const shut = !!g.flow && collapsed.has(g.flow.id);
      const attrs = g.flow ? ` data-flow-id="${escapeXml(g.flow.id)}"${shut ? ' data-collapsed="true"' : ''}` : '';
      const move = shifts[i] ? ` transform="translate(0 ${num(-shifts[i]!)})"` : '';
      parts.push(`<g class="af-flow"${attrs}${move}>`);
      if (g.flow) parts.push(renderFlowHeader(g.flow, shut, titles));
      if (!shut) {
        const body = `<g class="af-edges">${g.edges.map((e) => renderEdge(e, titles)).join('')}</g>`
          + `<g class="af-edge-labels">${g.edges.map((e) => renderEdgeLabel(e, titles)).join('')}</g>`
          + `<g class="af-proxies">${g.proxies.map((p) => renderProxy(p, titles)).join('')}</g>`
          + `<g class="af-nodes">${g.nodes.map((n) => renderNode(n, iconOf(diagram, n.icon), titles)).join('')}</g>`;
        if (g.flow && options.deferFlows) options.deferFlows.set(g.flow.id, body);
        else parts.push(body);
      }
      parts.push('</g>');
    });
    if (legend) parts.push(renderLegend(drawnHeight + LEGEND_HEIGHT / 2 - 4, width, diagram.stale));
  }
  if (notice && options.notice !== false) {
    parts.push(`<text class="af-notice" x="24" y="${num(height - NOTICE_HEIGHT / 2 + 4)}">${escapeXml(notice)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
