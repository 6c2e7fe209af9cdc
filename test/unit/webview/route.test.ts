import { describe, expect, it } from 'vitest';
import { ROUTE_MARGIN, routeAround, routeCrosses, routePath, type Box } from '../../../webview/src/edit/route';

const box = (x: number, y: number, width = 160, height = 50): Box => ({ x, y, width, height });

/** Every segment level or upright. */
const orthogonal = (points: readonly { x: number; y: number }[]): boolean =>
  points.every((p, i) => i === 0 || p.x === points[i - 1]!.x || p.y === points[i - 1]!.y);

describe('the route of a keyboard connection\'s preview', () => {
  it('goes around a node between the two ends (the straight line would cross it)', () => {
    const from = box(0, 100);
    const wall = box(260, 90, 160, 70);
    const to = box(520, 100);
    expect(routeCrosses([{ x: 160, y: 125 }, { x: 520, y: 125 }], [wall])).toBe(true);
    const points = routeAround(from, to, [from, wall, to]);
    expect(points[0]).toEqual({ x: 160, y: 125 });
    expect(points[points.length - 1]).toEqual({ x: 520, y: 125 });
    expect(orthogonal(points)).toBe(true);
    expect(routeCrosses(points, [wall])).toBe(false);
    // With room: the route keeps the margin from the node.
    expect(routeCrosses(points, [{ x: wall.x - ROUTE_MARGIN + 1, y: wall.y - ROUTE_MARGIN + 1, width: wall.width + 2 * ROUTE_MARGIN - 2, height: wall.height + 2 * ROUTE_MARGIN - 2 }])).toBe(false);
  });

  it('is a straight level line when nothing is in the way, and enters a target left of the source by its nearer side', () => {
    expect(routeAround(box(0, 0), box(400, 0), [])).toEqual([{ x: 160, y: 25 }, { x: 400, y: 25 }]);
    const back = routeAround(box(600, 300), box(0, 0), [box(300, 150)]);
    expect(back[0]).toEqual({ x: 760, y: 325 });
    expect(back[back.length - 1]).toEqual({ x: 160, y: 25 });
    expect(orthogonal(back)).toBe(true);
    expect(routeCrosses(back, [box(300, 150), box(600, 300), box(0, 0)])).toBe(false);
  });

  it('crosses none of many nodes of a lane-and-row layout, to every other node', () => {
    const nodes: Box[] = [];
    for (let col = 0; col < 4; col++) for (let row = 0; row < 6; row++) nodes.push(box(col * 260, row * 90));
    for (const to of nodes.slice(1)) {
      const points = routeAround(nodes[0]!, to, nodes);
      expect(orthogonal(points)).toBe(true);
      expect(routeCrosses(points, nodes.filter((n) => n !== to && n !== nodes[0]))).toBe(false);
    }
  });

  it('writes an SVG path', () => {
    expect(routePath([{ x: 1, y: 2 }, { x: 1, y: 20.25 }, { x: 30.04, y: 20.25 }])).toBe('M1 2 L1 20.3 L30 20.3');
  });
});
