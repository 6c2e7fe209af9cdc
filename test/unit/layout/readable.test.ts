import { describe, expect, it } from 'vitest';
import { diagramCss, SMALLEST_FONT_PX } from '../../../renderer/src/theme';
import { fitView, MIN_TEXT_PX, READABLE_SCALE, textShown, VIEW_CSS } from '../../../webview/src/readable';

describe('readable at any width', () => {
  it('the stylesheet uses no font smaller than SMALLEST_FONT_PX, and some text at exactly that size', () => {
    const sizes = [...diagramCss().matchAll(/font-size:\s*([\d.]+)px/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(5);
    expect(Math.min(...sizes)).toBe(SMALLEST_FONT_PX);
    expect(READABLE_SCALE).toBe(MIN_TEXT_PX / SMALLEST_FONT_PX);
    // The overview hides every text of the drawing.
    expect(VIEW_CSS).toContain('.af-diagram.af-overview text { display: none; }');
  });

  it('fits a diagram that fits at a readable size whole and centred, never above 100 %', () => {
    expect(fitView({ width: 1600, height: 900 }, { width: 800, height: 450 })).toEqual({ scale: 1, x: -400, y: -225 });
    const v = fitView({ width: 1600, height: 900 }, { width: 1500, height: 700 });
    expect(v.scale).toBe(1);
  });

  it('in a narrow panel keeps the text readable: the largest readable zoom, from the top left, the rest scrolled', () => {
    // The orders example is about 1,300 × 1,100 at 100 %; a 600 × 760 panel would shrink it to 0.46.
    const v = fitView({ width: 600, height: 760 }, { width: 1300, height: 1100 });
    expect(v).toEqual({ scale: READABLE_SCALE, x: 0, y: 0 });
    expect(textShown(v.scale)).toBe(true);
    // A tall, narrow diagram: its width fits, centred; it scrolls down.
    const tall = fitView({ width: 1600, height: 900 }, { width: 1200, height: 9000 });
    expect(tall.scale).toBe(1);
    expect(tall.y).toBe(0);
    expect(tall.x).toBe(-200);
  });
});
