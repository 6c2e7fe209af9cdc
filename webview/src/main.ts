/**
 * The diagram webview: renders the diagram the host sends (with the same `renderSvg` as the CLI),
 * lets the user zoom, pan, fit, search and export, and maps clicks back to the source.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { flowGroups, renderSvg } from '../../renderer/src/svg';
import { diagramCss, PALETTES, THEME_VARIABLES, type Palette } from '../../renderer/src/theme';
import { createMinimap } from './minimap';
import { createTooltip, TOOLTIP_CSS } from './tooltip';
import { fitView, MAX_SCALE, MIN_SCALE, textShown, VIEW_CSS } from './readable';
import type { Drawing, ElementSource, HostToView, ThemeKindName, ViewState, ViewToHost } from './protocol';
import { assertNever, isHostToView } from './protocol-check';
import { isSimulateHostMessage } from './simulate/protocol-check';
import { SimulatePanel } from './simulate/panel';
import { DiagramEditor } from './edit/editor';

declare function acquireVsCodeApi(): {
  postMessage(message: ViewToHost): void;
  getState(): unknown;
  setState(state: ViewState): void;
};

const vscode = acquireVsCodeApi();
const post = (message: ViewToHost): void => vscode.postMessage(message);

const $ = <T extends Element>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
};

const viewport = $<HTMLDivElement>('#viewport');
const banner = $<HTMLDivElement>('#banner');
const search = $<HTMLElement & { value: string }>('#search');
const matches = $<HTMLSpanElement>('#matches');
const title = $<HTMLSpanElement>('#title');
/** Send test event: the node's button, the panel, the lit path and the timeline (simulate/panel.ts). */
const simulate = new SimulatePanel({ post: (m) => post(m), viewport });
const editor = new DiagramEditor({
  viewport,
  post,
  scrollIntoView: (box) => scrollIntoView(box),
  select: (id) => select(id),
  selection: () => state.selected,
  focusNext: (id, back) => focusNext(id, back),
  placed: (box) => {
    const flow = flowAt(box.y);
    return flow && state.collapsed.has(flow.id) ? undefined : { ...box, y: box.y - collapsedAbove(box.y) };
  },
});
createTooltip(viewport, () => state.diagram);

/** What is shown. */
const state = {
  diagram: undefined as Drawing | undefined,
  sources: {} as Readonly<Record<string, ElementSource>>,
  uri: '',
  theme: themeFromBody(),
  selected: null as string | null,
  query: '',
  /** Screen = (world − origin) × scale. */
  view: { x: 0, y: 0, scale: 1 },
  fitted: false,
  /** Ids of the flows drawn collapsed (for the file shown). */
  collapsed: new Set<string>(),
};

function themeFromBody(): ThemeKindName {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast') || c.contains('vscode-high-contrast-light')) return 'high-contrast';
  return c.contains('vscode-dark') ? 'dark' : 'light';
}

// The diagram's stylesheet, adopted once (the CSP allows no inline <style> inside the SVG).
const sheet = new CSSStyleSheet();
sheet.replaceSync(diagramCss() + VIEW_CSS + TOOLTIP_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

function svg(): SVGSVGElement | null {
  return viewport.querySelector('svg');
}

// ---- Rendering ------------------------------------------------------------------------------

function render(): void {
  const d = state.diagram;
  if (!d) return;
  // No <title> per element (a fifth of the DOM): one tooltip follows the pointer (tooltip.ts). The
  // flows' bodies are drawn when they come near the view (drawNear): only their headers now.
  const bodies = new Map<string, string>();
  viewport.innerHTML = renderSvg(d, { theme: state.theme, standalone: false, notice: false, collapsed: state.collapsed, tooltips: false, deferFlows: bodies });
  const el = svg()!;
  nodeOrder = flowGroups(d).flatMap((g) => (g.flow && state.collapsed.has(g.flow.id) ? [] : g.nodes.map((n) => n.id)));
  // Drawn once at 100 % (its viewBox and size are the whole drawing); the view moves and scales it
  // with a CSS transform (applyView), so panning and zooming lay nothing out again.
  el.style.transformOrigin = '0 0';
  contentBox = { width: el.viewBox.baseVal.width || 1, height: el.viewBox.baseVal.height || 1 };
  indexFlows(bodies);
  minimap.draw(d, state.collapsed, contentBox);
  editor.rendered(d);
  // What is drawn at once (the headers, what belongs to no flow) gets its handles, names and classes.
  decorate(el);
  title.textContent = d.name ?? '';
  // A budget reached (budget.ts: too many elements, a layout out of time) is said above the drawing.
  const notes = [d.stale ? 'The file cannot be read right now: showing its last valid diagram with the current problems.' : '', d.notice ?? ''].filter(Boolean);
  banner.hidden = notes.length === 0;
  banner.textContent = notes.join(' ');
  if (!state.fitted) fit();
  else applyView();
  applySelection();
  applySearch();
  simulate.decorate();
}

/**
 * The panel's size, kept by a ResizeObserver: reading `clientWidth` right after a new drawing would
 * lay out all of it before the flows out of view are culled.
 */
let panel = { width: viewport.clientWidth || 1, height: viewport.clientHeight || 1 };

/** The size of the whole drawing (its viewBox as rendered). */
let contentBox = { width: 1, height: 1 };

/**
 * The flows' rows on screen (after collapsing), to draw on demand: a flow's body (edges, labels,
 * copies, nodes) is put in the DOM only when its row is within one screen of the view, and taken out
 * again when it is more than two screens away (unless it holds the focus). A 1,000-node diagram is
 * about 300 flows: the first drawing makes the few on screen, not all of them.
 */
let flowRows: { el: SVGGElement; top: number; bottom: number; body: string; drawn: SVGGElement | undefined }[] = [];

/** Every node in the order the focus goes through them (flow by flow; a collapsed flow's nodes are not shown). */
let nodeOrder: string[] = [];

function indexFlows(bodies: ReadonlyMap<string, string>): void {
  const el = svg();
  const flows = new Map((state.diagram?.flows ?? []).map((f) => [f.id, f]));
  flowRows = [];
  if (!el || flows.size === 0) return;
  for (const g of el.querySelectorAll<SVGGElement>('g.af-flow[data-flow-id]')) {
    const f = flows.get(g.dataset.flowId ?? '');
    const body = bodies.get(g.dataset.flowId ?? '');
    if (!f || body === undefined) continue;
    const shift = -(g.transform.baseVal.consolidate()?.matrix.f ?? 0);
    flowRows.push({ el: g, top: f.y - shift, bottom: f.y - shift + f.height, body, drawn: undefined });
  }
}

/** Draws the flows within one screen of the visible rows, and takes out those beyond two screens. */
function drawNear(top: number, bottom: number): void {
  const screen = bottom - top;
  const added: SVGGElement[] = [];
  for (const row of flowRows) {
    const near = row.bottom >= top - screen && row.top <= bottom + screen;
    if (near && !row.drawn) {
      row.el.insertAdjacentHTML('beforeend', `<g class="af-flow-body">${row.body}</g>`);
      row.drawn = row.el.lastElementChild as SVGGElement;
      added.push(row.drawn);
    } else if (row.drawn && !near && (row.bottom < top - 2 * screen || row.top > bottom + 2 * screen) && !row.drawn.contains(document.activeElement)) {
      row.drawn.remove();
      row.drawn = undefined;
    }
  }
  for (const g of added) decorate(g);
  if (added.length) simulate.decorate();
}

/** Is a node's flow drawn now (or does it belong to no flow)? */
function isDrawn(id: string): boolean {
  return !!svg()?.querySelector(`g.af-node[data-node-id="${CSS.escape(id)}"]`);
}

/** What a newly drawn part of the diagram needs: the editor's handles and names, the selection, the search. */
function decorate(root: Element): void {
  editor.decorate(root);
  if (state.selected) {
    const esc = CSS.escape(state.selected);
    for (const e of root.querySelectorAll(`[data-node-id="${esc}"], [data-edge-id="${esc}"]`)) e.classList.add('af-selected');
  }
  if (state.query.trim()) searchIn(root);
}

function applyView(): void {
  const el = svg();
  if (!el) return;
  const w = panel.width;
  const h = panel.height;
  const { x, y, scale } = state.view;
  // A transform, not the viewBox: a new viewBox lays out every text of the SVG again (300 ms a
  // frame at 1,000 nodes), a transform only paints. `data-view` is the visible world rectangle.
  el.style.transform = `translate(${-x * scale}px, ${-y * scale}px) scale(${scale})`;
  el.dataset.view = `${x} ${y} ${w / scale} ${h / scale}`;
  // Below the readable zoom the text is hidden: never drawn smaller than MIN_TEXT_PX (readable.ts).
  el.classList.toggle('af-overview', !textShown(scale));
  drawNear(y, y + h / scale);
  minimap.show({ x, y, width: w / scale, height: h / scale });
}

/** Shows the diagram as large as fits, never above 100 % and never with text below the readable size (readable.ts). */
function fit(): void {
  const el = svg();
  if (!el || !state.diagram) return;
  state.view = fitView(panel, contentBox);
  state.fitted = true;
  applyView();
}

const minimap = createMinimap((wx, wy) => {
  const { scale } = state.view;
  state.view = { scale, x: wx - panel.width / scale / 2, y: wy - panel.height / scale / 2 };
  applyView();
});

function zoomAt(factor: number, screenX: number, screenY: number): void {
  const { x, y, scale } = state.view;
  const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale * factor));
  const wx = x + screenX / scale;
  const wy = y + screenY / scale;
  state.view = { scale: next, x: wx - screenX / next, y: wy - screenY / next };
  applyView();
}

/** The flow whose row holds a y of the drawing, if the drawing has flows. */
function flowAt(y: number): { id: string; y: number; height: number; header: number } | undefined {
  return state.diagram?.flows?.find((f) => y >= f.y && y <= f.y + f.height);
}

/**
 * Pans so that a box of the drawing is in view (centred), when it is not already: where it is drawn,
 * above it the collapsed flows' rows given back. A box inside a collapsed flow expands that flow.
 */
function reveal(drawn: { x: number; y: number; width: number; height: number }): void {
  const flow = flowAt(drawn.y);
  if (flow && state.collapsed.has(flow.id)) {
    state.collapsed.delete(flow.id);
    render();
  }
  const box = { ...drawn, y: drawn.y - collapsedAbove(drawn.y) };
  const { x, y, scale } = state.view;
  const w = panel.width / scale;
  const h = panel.height / scale;
  const inside = box.x >= x && box.y >= y && box.x + box.width <= x + w && box.y + box.height <= y + h;
  if (inside) return;
  state.view = { scale, x: box.x + box.width / 2 - w / 2, y: box.y + box.height / 2 - h / 2 };
  applyView();
}

/** How far up the collapsed flows above a y of the layout move what is drawn there. */
function collapsedAbove(at: number): number {
  let shift = 0;
  for (const f of state.diagram?.flows ?? []) if (f.y + f.height < at && state.collapsed.has(f.id)) shift += f.height - f.header;
  return shift;
}

/**
 * Pans the least that brings a box of the layout into view with a margin (a node a change added, a
 * candidate of a keyboard connection): no jump when it is in view. Its flow is drawn if it was not.
 */
function scrollIntoView(laid: { x: number; y: number; width: number; height: number }): void {
  const box = { ...laid, y: laid.y - collapsedAbove(laid.y) };
  const { x, y, scale } = state.view;
  const w = panel.width / scale;
  const h = panel.height / scale;
  const m = 24 / scale;
  const axis = (at: number, size: number, from: number, span: number): number =>
    at - m < from ? at - m : at + size + m > from + span ? Math.min(at - m, at + size + m - span) : from;
  const nx = axis(box.x, box.width, x, w);
  const ny = axis(box.y, box.height, y, h);
  if (nx === x && ny === y) return;
  state.view = { scale, x: nx, y: ny };
  applyView();
}

// ---- Selection and search -------------------------------------------------------------------

function elementsOf(id: string): Element[] {
  const el = svg();
  if (!el) return [];
  const esc = CSS.escape(id);
  return [...el.querySelectorAll(`[data-node-id="${esc}"], [data-edge-id="${esc}"]`)];
}

function applySelection(): void {
  svg()?.querySelectorAll('.af-selected').forEach((e) => e.classList.remove('af-selected'));
  if (!state.selected) return;
  // Revealed first: an element off screen is drawn when the view gets there.
  const node = state.diagram?.nodes.find((n) => n.id === state.selected);
  const edge = state.diagram?.edges.find((e) => e.id === state.selected);
  if (node) reveal(node);
  else if (edge?.labelBox) reveal(edge.labelBox);
  else if (edge?.points[0]) reveal({ ...edge.points[0], width: 1, height: 1 });
  for (const e of elementsOf(state.selected)) e.classList.add('af-selected');
}

/**
 * Tab (or an arrow) on a focused node: the next node in the focus order (flow by flow), drawn first
 * if its flow was not, and brought into view. False at either end (the focus leaves the diagram).
 */
function focusNext(id: string, back: boolean): boolean {
  const i = nodeOrder.indexOf(id);
  const next = i < 0 ? undefined : nodeOrder[back ? i - 1 : i + 1];
  const node = next === undefined ? undefined : state.diagram?.nodes.find((n) => n.id === next);
  if (!node) return false;
  if (!isDrawn(node.id)) reveal(node);
  const g = svg()?.querySelector<SVGGElement>(`g.af-node[data-node-id="${CSS.escape(node.id)}"]`);
  if (!g) return false;
  g.focus();
  return document.activeElement === g;
}

/** The nodes the search matches, in the focus order (from the data: off-screen nodes count too). */
let searchHits: string[] = [];

function applySearch(): void {
  const el = svg();
  const d = state.diagram;
  if (!el || !d) return;
  const q = state.query.trim().toLowerCase();
  const hit = new Set(q ? d.nodes.filter((n) => [n.id, n.subtitle, n.kind, n.description ?? ''].some((t) => t.toLowerCase().includes(q))).map((n) => n.id) : []);
  searchHits = nodeOrder.filter((id) => hit.has(id));
  searchIn(el);
  matches.textContent = q ? `${hit.size} match${hit.size === 1 ? '' : 'es'}` : '';
}

/** Marks the search's matches among the drawn elements under `root`. */
function searchIn(root: Element): void {
  const q = !!state.query.trim();
  const hits = new Set(searchHits);
  root.querySelectorAll<SVGGElement>('.af-node').forEach((g) => {
    const hit = hits.has(g.dataset.nodeId ?? '');
    g.classList.toggle('af-match', hit);
    g.classList.toggle('af-dimmed', q && !hit);
  });
  root.querySelectorAll<SVGGElement>('.af-edge, .af-edge-label').forEach((g) => g.classList.toggle('af-dimmed', q));
}

// ---- Export ---------------------------------------------------------------------------------

/** The editor's current colours, resolved, so the exported file looks the same outside VS Code. */
function resolvedPalette(): Palette {
  const style = getComputedStyle(document.body);
  const fallback = PALETTES[state.theme];
  const out: Record<string, string> = {};
  for (const key of Object.keys(THEME_VARIABLES) as (keyof Palette)[]) out[key] = style.getPropertyValue(THEME_VARIABLES[key]).trim() || fallback[key];
  return out as unknown as Palette;
}

function exportSvg(): string | undefined {
  return state.diagram ? renderSvg(state.diagram, { theme: state.theme, palette: resolvedPalette() }) : undefined;
}

/** Draws the exported SVG on a canvas (2× for sharpness, within the canvas size limit). */
async function exportPng(): Promise<string | undefined> {
  const text = exportSvg();
  const d = state.diagram;
  if (!text || !d) return undefined;
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the diagram could not be drawn as an image'));
  });
  image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
  await loaded;
  const width = image.naturalWidth || d.width;
  const height = image.naturalHeight || d.height;
  const scale = Math.min(2, 16_000 / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(scale, scale);
  ctx.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

function setTheme(kind: ThemeKindName): void {
  state.theme = kind;
  svg()?.classList.remove('af-light', 'af-dark', 'af-high-contrast');
  svg()?.classList.add(`af-${kind}`);
}

// VS Code changes the body's class with the theme; follow it even before the host says so.
new MutationObserver(() => setTheme(themeFromBody())).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// ---- Messages -------------------------------------------------------------------------------

function receive(message: HostToView): void {
  if (isSimulateHostMessage(message)) return simulate.receive(message);
  switch (message.type) {
    case 'diagram':
      state.diagram = message.diagram;
      state.sources = message.sources;
      editor.version = message.version;
      if (message.uri !== state.uri) {
        state.uri = message.uri;
        state.fitted = false;
        state.collapsed = new Set();
        vscode.setState({ uri: message.uri });
      }
      render();
      break;
    case 'select':
      state.selected = message.id;
      applySelection();
      break;
    case 'theme':
      setTheme(message.kind);
      break;
    case 'status':
      banner.hidden = false;
      banner.textContent = message.message;
      break;
    case 'editResult':
      editor.result(message);
      break;
    case 'settings':
      editor.settings(message);
      break;
    default:
      assertNever(message);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostToView(event.data)) {
    post({ type: 'error', message: `ignored a malformed message: ${JSON.stringify(event.data)?.slice(0, 200)}` });
    return;
  }
  receive(event.data);
});

// ---- Input ----------------------------------------------------------------------------------

/** The id of the node or edge under a pointer event, if any (a copy of an emit target stands for its node). */
function targetId(target: EventTarget | null): string | undefined {
  const el = (target as Element | null)?.closest?.('[data-node-id], [data-edge-id], [data-proxy-of]') as SVGElement | null;
  return el?.dataset.nodeId ?? el?.dataset.edgeId ?? el?.dataset.proxyOf;
}

/** Collapses or expands a flow (its header was clicked); the view stays where it is. */
function toggleFlow(id: string): void {
  if (state.collapsed.has(id)) state.collapsed.delete(id);
  else state.collapsed.add(id);
  render();
}

let drag: { x: number; y: number; view: typeof state.view; moved: boolean } | undefined;

viewport.addEventListener('pointerdown', (e) => {
  if (e.button !== 0 || editor.pointerDown(e)) return;
  drag = { x: e.clientX, y: e.clientY, view: { ...state.view }, moved: false };
});

window.addEventListener('pointermove', (e) => {
  if (!drag) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  if (!drag.moved) viewport.setPointerCapture?.(e.pointerId);
  drag.moved = true;
  viewport.classList.add('panning');
  state.view = { ...drag.view, x: drag.view.x - dx / drag.view.scale, y: drag.view.y - dy / drag.view.scale };
  applyView();
});

window.addEventListener('pointerup', (e) => {
  const d = drag;
  drag = undefined;
  viewport.classList.remove('panning');
  if (!d || d.moved) return;
  const toggle = ((e.target as Element | null)?.closest?.('[data-flow-toggle]') as SVGElement | null)?.dataset.flowToggle;
  if (toggle !== undefined) {
    toggleFlow(toggle);
    return;
  }
  const id = targetId(e.target);
  if (id) select(id);
});

/** Selects a node or edge (a click, or Enter on a focused node) and reveals its source in the editor. */
function select(id: string): void {
  const source = state.sources[id];
  if (!source) return;
  state.selected = id;
  applySelection();
  post({ type: 'reveal', id, range: source.range });
}

viewport.addEventListener('wheel', (e) => {
  e.preventDefault();
  const rect = viewport.getBoundingClientRect();
  if (e.ctrlKey || e.metaKey) {
    zoomAt(Math.exp(-e.deltaY / 300), e.clientX - rect.left, e.clientY - rect.top);
  } else {
    const { scale } = state.view;
    state.view = { ...state.view, x: state.view.x + e.deltaX / scale, y: state.view.y + e.deltaY / scale };
    applyView();
  }
}, { passive: false });

const center = (): [number, number] => [panel.width / 2, panel.height / 2];
$('#zoom-in').addEventListener('click', () => zoomAt(1.25, ...center()));
$('#zoom-out').addEventListener('click', () => zoomAt(0.8, ...center()));
$('#fit').addEventListener('click', () => fit());

/** Which match Enter in the search box went to last (-1: none yet for this query). */
let searchAt = -1;

search.addEventListener('input', () => {
  state.query = search.value;
  searchAt = -1;
  applySearch();
});
search.addEventListener('keydown', (e) => {
  if ((e as KeyboardEvent).key !== 'Enter') return;
  // The first match, drawn where it is when it was off screen; Enter again goes to the next one.
  if (searchHits.length === 0) return;
  searchAt = (searchAt + 1) % searchHits.length;
  const node = state.diagram?.nodes.find((n) => n.id === searchHits[searchAt]);
  if (node) reveal(node);
});

const run = (what: string, task: () => Promise<void>): void => {
  task().catch((err: unknown) => post({ type: 'error', message: `${what} failed: ${(err as Error)?.message ?? String(err)}` }));
};
$('#export-svg').addEventListener('click', () => run('SVG export', async () => {
  const data = exportSvg();
  if (data) post({ type: 'export', format: 'svg', data });
}));
$('#export-png').addEventListener('click', () => run('PNG export', async () => {
  const data = await exportPng();
  if (data) post({ type: 'export', format: 'png', data });
}));

new ResizeObserver((entries) => {
  const r = entries[entries.length - 1]?.contentRect;
  if (r) panel = { width: r.width || 1, height: r.height || 1 };
  if (state.fitted) applyView();
  else fit();
}).observe(viewport);

window.addEventListener('error', (e) => post({ type: 'error', message: String(e.message) }));

post({ type: 'ready' });
