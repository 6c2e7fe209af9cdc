/**
 * One tooltip for the whole diagram, driven by pointer events: the renderer gives the webview's
 * elements no `<title>` (`tooltips: false`), which takes a fifth of the DOM of a big diagram and time to
 * draw it. The text is the same the `<title>` held (renderer/src/svg.ts), shown after a short rest of
 * the pointer over a node, an edge, an edge label, a copy of an emit target or a flow header, and
 * hidden when the pointer leaves it, presses, or the wheel pans or zooms. A node's connect handle
 * (edit/editor.ts) has its own text here too, rather than a `<title>` per node.
 */
import { edgeTooltip, nodeTooltip, proxyTooltip } from '../../renderer/src/svg';
import type { Drawing, DrawnEdge, DrawnNode, DrawnProxy } from '../../renderer/src/drawing';

/** How long the pointer rests on an element before its tooltip shows (ms). */
export const TOOLTIP_DELAY_MS = 350;

export const TOOLTIP_CSS = `
#af-tooltip { position: fixed; z-index: 20; max-width: 420px; padding: 4px 8px; pointer-events: none; white-space: pre-line;
  font: 12px var(--vscode-font-family, sans-serif); color: var(--vscode-editorHoverWidget-foreground, #1f1f1f);
  background: var(--vscode-editorHoverWidget-background, #f8f8f8); border: 1px solid var(--vscode-editorHoverWidget-border, #c8c8c8);
  border-radius: 3px; box-shadow: 0 2px 8px #0004; }
#af-tooltip[hidden] { display: none; }
`;

const TARGETS = '[data-handle-of], [data-node-id], [data-edge-id], [data-proxy-id], [data-flow-toggle]';

/** The tooltip (and accessible name) of a node's connect handle (edit/editor.ts draws the handle). */
export function connectHandleTooltip(id: string): string {
  return `Drag to another node to connect '${id}' to it (or focus the node and press C)`;
}

/** Attaches the shared tooltip to the viewport; `drawing()` is the diagram shown now. */
export function createTooltip(viewport: HTMLElement, drawing: () => Drawing | undefined): HTMLElement {
  const tip = document.createElement('div');
  tip.id = 'af-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.append(tip);

  let indexed: Drawing | undefined;
  let nodes = new Map<string, DrawnNode>();
  let edges = new Map<string, DrawnEdge>();
  let proxies = new Map<string, DrawnProxy>();
  const textOf = (el: Element): string | undefined => {
    const d = drawing();
    if (!d) return undefined;
    if (d !== indexed) {
      indexed = d;
      nodes = new Map(d.nodes.map((n) => [n.id, n]));
      edges = new Map(d.edges.map((e) => [e.id, e]));
      proxies = new Map((d.proxies ?? []).map((p) => [p.id, p]));
    }
    const data = (el as HTMLElement | SVGElement).dataset;
    if (data.handleOf !== undefined) return connectHandleTooltip(data.handleOf);
    if (data.nodeId !== undefined) return nodes.has(data.nodeId) ? nodeTooltip(nodes.get(data.nodeId)!) : undefined;
    if (data.edgeId !== undefined) return edges.has(data.edgeId) ? edgeTooltip(edges.get(data.edgeId)!) : undefined;
    if (data.proxyId !== undefined) return proxies.has(data.proxyId) ? proxyTooltip(proxies.get(data.proxyId)!) : undefined;
    if (data.flowToggle !== undefined) return `${el.getAttribute('aria-expanded') === 'false' ? 'Expand' : 'Collapse'} this flow`;
    return undefined;
  };

  let over: Element | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let at = { x: 0, y: 0 };
  const hide = (): void => {
    clearTimeout(timer);
    timer = undefined;
    tip.hidden = true;
  };
  const place = (): void => {
    const gap = 14;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const x = at.x + gap + w > window.innerWidth ? Math.max(0, at.x - gap - w) : at.x + gap;
    const y = at.y + gap + h > window.innerHeight ? Math.max(0, at.y - gap - h) : at.y + gap;
    tip.style.left = `${x}px`;
    tip.style.top = `${y}px`;
  };
  viewport.addEventListener('pointermove', (e) => {
    at = { x: e.clientX, y: e.clientY };
    const target = e.buttons ? null : (e.target as Element | null)?.closest?.(TARGETS) ?? null;
    if (target !== over) {
      over = target;
      hide();
      if (!target) return;
      timer = setTimeout(() => {
        const text = over ? textOf(over) : undefined;
        if (!text) return;
        tip.textContent = text;
        tip.hidden = false;
        place();
      }, TOOLTIP_DELAY_MS);
    } else if (!tip.hidden) {
      place();
    }
  });
  const leave = (): void => {
    over = null;
    hide();
  };
  viewport.addEventListener('pointerleave', leave);
  viewport.addEventListener('pointerdown', leave);
  viewport.addEventListener('wheel', leave, { passive: true });
  return tip;
}
