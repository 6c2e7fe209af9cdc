/**
 * Readable at any width: the view never draws text below MIN_TEXT_PX on screen. Fitting the diagram
 * into a narrow panel fits its width at most down to that limit and scrolls vertically (and
 * horizontally, below the limit) instead of shrinking the text; zooming out further shows an
 * overview with the text hidden (`af-overview`). Pure: no DOM.
 */
import { SMALLEST_FONT_PX } from '../../renderer/src/theme';

/**
 * The smallest text the diagram shows on screen, in CSS pixels: VS Code's own smallest UI text (the
 * status bar, the activity badges) is 11 px; below it a name is guessed rather than read.
 */
export const MIN_TEXT_PX = 11;

/** The smallest zoom at which every text of the diagram is at least MIN_TEXT_PX on screen. */
export const READABLE_SCALE = MIN_TEXT_PX / SMALLEST_FONT_PX;

/** Zoom limits. */
export const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;

/** Screen = (world − origin) × scale. */
export interface View {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

/** True when the text is shown at this zoom (else the view is an overview of boxes and edges). */
export const textShown = (scale: number): boolean => scale >= READABLE_SCALE - 1e-9;

/**
 * The view that shows a drawing of `content` size in a panel of `panel` size: all of it, centred,
 * when that keeps the text readable (never above 100 %); else as much of its width as readable text
 * allows, from its top left, the rest reached by scrolling, the minimap or Fit's overview.
 */
export function fitView(panel: { width: number; height: number }, content: { width: number; height: number }): View {
  const w = Math.max(1, panel.width);
  const h = Math.max(1, panel.height);
  const whole = Math.min(1, w / content.width, h / content.height);
  if (textShown(whole)) return { scale: whole, x: -(w / whole - content.width) / 2, y: -(h / whole - content.height) / 2 };
  const scale = Math.max(READABLE_SCALE, Math.min(1, w / content.width));
  const x = content.width * scale <= w ? -(w / scale - content.width) / 2 : 0;
  return { scale, x, y: 0 };
}

/** The view's stylesheet (adopted with the diagram's): the overview hides text. */
export const VIEW_CSS = `
.af-diagram.af-overview text { display: none; }
#minimap { position: fixed; right: 12px; bottom: 12px; border: 1px solid var(--vscode-panel-border, #8886); background: var(--vscode-editor-background, #fff); opacity: 0.92; cursor: pointer; touch-action: none; box-shadow: 0 1px 4px #0003; }
#minimap[hidden] { display: none; }
#minimap canvas { display: block; }
#minimap .view { position: absolute; border: 1.5px solid var(--vscode-focusBorder, #0078d4); background: color-mix(in srgb, var(--vscode-focusBorder, #0078d4) 12%, transparent); pointer-events: none; box-sizing: border-box; }
`;
