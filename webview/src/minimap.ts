/**
 * The minimap: the whole diagram in a small box at the bottom right (lanes, flows, nodes, copies of
 * emit targets as rectangles), the visible part outlined. Click or drag in it to move the view there.
 * Shown when the diagram does not fit in the panel. Drawn once per drawing (a canvas), the outline
 * moves with the view (a positioned box), so panning costs nothing here.
 */
import type { Drawing } from '../../renderer/src/drawing';
import { flowGroups } from '../../renderer/src/svg';

/** Largest size of the minimap, CSS pixels (taller for a tall diagram, up to 40 % of the panel). */
const MAX_W = 180;
const maxHeight = (): number => Math.max(140, Math.min(360, window.innerHeight * 0.4));

export interface Minimap {
  /** Draws a drawing with the given flows collapsed (their rows shortened as the renderer does). */
  draw(diagram: Drawing, collapsed: ReadonlySet<string>, content: { width: number; height: number }): void;
  /** Outlines the visible world rectangle; hides the minimap when it holds everything. */
  show(visible: { x: number; y: number; width: number; height: number }): void;
}

export function createMinimap(onMove: (worldX: number, worldY: number) => void): Minimap {
  const box = document.createElement('div');
  box.id = 'minimap';
  box.hidden = true;
  box.setAttribute('role', 'navigation');
  box.setAttribute('aria-label', 'Minimap: click to move the view');
  const canvas = document.createElement('canvas');
  const outline = document.createElement('div');
  outline.className = 'view';
  box.append(canvas, outline);
  document.body.append(box);
  let scale = 1;
  let size = { width: 1, height: 1 };

  const moveTo = (e: PointerEvent): void => {
    const r = canvas.getBoundingClientRect();
    onMove((e.clientX - r.left) / scale, (e.clientY - r.top) / scale);
  };
  let dragging = false;
  box.addEventListener('pointerdown', (e) => {
    e.stopPropagation();
    dragging = true;
    box.setPointerCapture?.(e.pointerId);
    moveTo(e);
  });
  box.addEventListener('pointermove', (e) => {
    if (dragging) moveTo(e);
  });
  box.addEventListener('pointerup', (e) => {
    e.stopPropagation();
    dragging = false;
  });

  return {
    draw(diagram, collapsed, content) {
      size = content;
      scale = Math.min(MAX_W / content.width, maxHeight() / content.height);
      const w = Math.max(1, Math.round(content.width * scale));
      const h = Math.max(1, Math.round(content.height * scale));
      const dpr = window.devicePixelRatio || 1;
      canvas.width = w * dpr;
      canvas.height = h * dpr;
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
      // The theme's colours from the body's inline style (where VS Code sets them): no style recalculation of the drawing.
      const fg = document.documentElement.style.getPropertyValue('--vscode-foreground').trim() || '#888888';
      const emit = document.documentElement.style.getPropertyValue('--vscode-charts-blue').trim() || '#3794ff';
      ctx.globalAlpha = 0.07;
      ctx.fillStyle = fg;
      for (const l of diagram.lanes) ctx.fillRect(l.x, l.y, l.width, l.height);
      let shift = 0;
      for (const g of flowGroups(diagram)) {
        const shut = !!g.flow && collapsed.has(g.flow.id);
        if (g.flow) {
          ctx.globalAlpha = 0.35;
          ctx.fillStyle = fg;
          ctx.fillRect(g.flow.x, g.flow.y - shift, g.flow.width, Math.max(2, g.flow.header / 3));
        }
        if (!shut) {
          ctx.globalAlpha = 0.55;
          ctx.fillStyle = fg;
          for (const n of g.nodes) ctx.fillRect(n.x, n.y - shift, n.width, n.height);
          ctx.fillStyle = emit;
          for (const p of g.proxies) ctx.fillRect(p.x, p.y - shift, p.width, p.height);
        }
        if (g.flow && shut) shift += Math.max(0, g.flow.height - g.flow.header);
      }
      ctx.globalAlpha = 1;
    },
    show(visible) {
      const all = visible.x <= 0 && visible.y <= 0 && visible.x + visible.width >= size.width && visible.y + visible.height >= size.height;
      box.hidden = all;
      if (all) return;
      const left = Math.max(0, visible.x * scale);
      const top = Math.max(0, visible.y * scale);
      const right = Math.min(size.width * scale, (visible.x + visible.width) * scale);
      const bottom = Math.min(size.height * scale, (visible.y + visible.height) * scale);
      outline.style.left = `${left}px`;
      outline.style.top = `${top}px`;
      outline.style.width = `${Math.max(4, right - left)}px`;
      outline.style.height = `${Math.max(4, bottom - top)}px`;
    },
  };
}
