/**
 * The route of a connection's preview (a connection picked from the keyboard): from the source's
 * right side to the target's left side in horizontal and vertical segments that go around the other
 * nodes, as the laid-out edges do, instead of a straight line across them. A shortest path with few
 * bends on a grid over the two nodes' surroundings (A*: each step costs its length, each bend more);
 * the nodes, grown by a margin, are walls. Pure, so a unit test checks it without a browser.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Room kept between the route and a node (px of the drawing). */
export const ROUTE_MARGIN = 8;
/** The most cells the grid may have: a longer route is planned on coarser cells. */
const MAX_CELLS = 160_000;
/** What a bend costs, in cells: straight lines are preferred to staircases. */
const BEND = 4;

/** Does a segment (horizontal or vertical) cross a box? */
function crosses(a: Point, b: Point, box: Box): boolean {
  const left = Math.min(a.x, b.x);
  const right = Math.max(a.x, b.x);
  const top = Math.min(a.y, b.y);
  const bottom = Math.max(a.y, b.y);
  return right > box.x && left < box.x + box.width && bottom > box.y && top < box.y + box.height;
}

/** Does a route (its segments) cross one of the boxes? */
export function routeCrosses(points: readonly Point[], boxes: readonly Box[]): boolean {
  for (let i = 1; i < points.length; i++) for (const b of boxes) if (crosses(points[i - 1]!, points[i]!, b)) return true;
  return false;
}

/** A small binary heap of grid cells by cost. */
class Heap {
  private readonly items: number[] = [];
  constructor(private readonly cost: Float64Array) {}
  get size(): number {
    return this.items.length;
  }
  push(i: number): void {
    const a = this.items;
    a.push(i);
    let k = a.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (this.cost[a[p]!]! <= this.cost[a[k]!]!) break;
      [a[p], a[k]] = [a[k]!, a[p]!];
      k = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < a.length && this.cost[a[l]!]! < this.cost[a[m]!]!) m = l;
        if (r < a.length && this.cost[a[r]!]! < this.cost[a[m]!]!) m = r;
        if (m === k) break;
        [a[m], a[k]] = [a[k]!, a[m]!];
        k = m;
      }
    }
    return top;
  }
}

/**
 * The route from `from` to `to` around `nodes` (every node of the drawing; the two ends are left
 * out): a list of points, the first on the source's right side, the last on the target's left side
 * (or its right side when the target is left of the source and that is shorter). A straight pair of
 * points when no way around is found.
 */
export function routeAround(from: Box, to: Box, nodes: readonly Box[]): Point[] {
  const start = { x: from.x + from.width, y: from.y + from.height / 2 };
  const sides = [{ x: to.x, y: to.y + to.height / 2, dir: -1 }, { x: to.x + to.width, y: to.y + to.height / 2, dir: 1 }];
  // The area searched: both ends and room around them (a detour above or below a row of nodes).
  const pad = 120;
  const right = Math.max(from.x + from.width, to.x + to.width) + pad;
  const bottom = Math.max(from.y + from.height, to.y + to.height) + pad;
  let cell = 6;
  while (((right - Math.min(from.x, to.x) + pad) / cell) * ((bottom - Math.min(from.y, to.y) + pad) / cell) > MAX_CELLS) cell *= 1.5;
  // The grid goes through the point the route leaves the source by: a level route stays level.
  const exit = { x: start.x + 2 * ROUTE_MARGIN, y: start.y };
  const left = exit.x - Math.ceil((exit.x - (Math.min(from.x, to.x) - pad)) / cell) * cell;
  const top = exit.y - Math.ceil((exit.y - (Math.min(from.y, to.y) - pad)) / cell) * cell;
  const cols = Math.ceil((right - left) / cell) + 1;
  const rows = Math.ceil((bottom - top) / cell) + 1;
  const walls = new Uint8Array(cols * rows);
  const isEnd = (n: Box): boolean => (n.x === from.x && n.y === from.y) || (n.x === to.x && n.y === to.y);
  const grown = nodes.filter((n) => !isEnd(n)).map((n) => ({ x: n.x - ROUTE_MARGIN, y: n.y - ROUTE_MARGIN, width: n.width + 2 * ROUTE_MARGIN, height: n.height + 2 * ROUTE_MARGIN }));
  // The two ends are walls too (the route leaves and enters by a side, not through the box).
  const ends = [from, to].map((n) => ({ x: n.x - 2, y: n.y - 2, width: n.width + 4, height: n.height + 4 }));
  for (const b of [...grown, ...ends]) {
    if (b.x > right || b.x + b.width < left || b.y > bottom || b.y + b.height < top) continue;
    const c0 = Math.max(0, Math.floor((b.x - left) / cell));
    const c1 = Math.min(cols - 1, Math.ceil((b.x + b.width - left) / cell));
    const r0 = Math.max(0, Math.floor((b.y - top) / cell));
    const r1 = Math.min(rows - 1, Math.ceil((b.y + b.height - top) / cell));
    for (let r = r0; r <= r1; r++) walls.fill(1, r * cols + c0, r * cols + c1 + 1);
  }
  const cellOf = (p: Point): [number, number] => [Math.round((p.x - left) / cell), Math.round((p.y - top) / cell)];
  // Step out of the source to the right, and into the target from the side's outside.
  const [sc, sr] = cellOf(exit);
  const goals = sides.map((s) => {
    const [c, r] = cellOf({ x: s.x + s.dir * 2 * ROUTE_MARGIN, y: s.y });
    return { side: s, index: r * cols + c };
  });
  const startIndex = sr * cols + sc;
  for (const g of [{ index: startIndex }, ...goals]) if (g.index >= 0 && g.index < walls.length) walls[g.index] = 0;
  // A*: the state is a cell and the direction it was entered by (0 none, 1 horizontal, 2 vertical).
  const states = cols * rows * 3;
  const cost = new Float64Array(states).fill(Infinity);
  const rank = new Float64Array(states).fill(Infinity);
  const back = new Int32Array(states).fill(-1);
  const heap = new Heap(rank);
  const goalSet = new Map(goals.map((g) => [g.index, g]));
  const targets = goals.map((g) => [g.index % cols, Math.floor(g.index / cols)] as const);
  const guess = (i: number): number => {
    const c = i % cols;
    const r = (i - c) / cols;
    let best = Infinity;
    for (const [gc, gr] of targets) best = Math.min(best, Math.abs(gc - c) + Math.abs(gr - r));
    return best;
  };
  cost[startIndex * 3] = 0;
  rank[startIndex * 3] = guess(startIndex);
  heap.push(startIndex * 3);
  let found = -1;
  while (heap.size) {
    const s = heap.pop();
    const i = Math.floor(s / 3);
    const dir = s % 3;
    if (goalSet.has(i)) {
      found = s;
      break;
    }
    const c = i % cols;
    const r = (i - c) / cols;
    for (const [dc, dr, d] of [[1, 0, 1], [-1, 0, 1], [0, 1, 2], [0, -1, 2]] as const) {
      const nc = c + dc;
      const nr = r + dr;
      if (nc < 0 || nr < 0 || nc >= cols || nr >= rows) continue;
      const j = nr * cols + nc;
      if (walls[j]) continue;
      const next = j * 3 + d;
      const step = cost[s]! + 1 + (dir !== 0 && dir !== d ? BEND : 0);
      if (step >= cost[next]!) continue;
      cost[next] = step;
      rank[next] = step + guess(j);
      back[next] = s;
      heap.push(next);
    }
  }
  const goal = found < 0 ? undefined : goalSet.get(Math.floor(found / 3));
  if (!goal) return [start, { x: sides[0]!.x, y: sides[0]!.y }];
  // The cells back to the start, then only the corners kept.
  const cells: Point[] = [];
  for (let s = found; s >= 0; s = back[s]!) {
    const i = Math.floor(s / 3);
    const c = i % cols;
    cells.push({ x: left + c * cell, y: top + ((i - c) / cols) * cell });
  }
  cells.reverse();
  // The end of the path at the side's height, and the start at the source's: the first and last legs are level.
  const end = { x: goal.side.x, y: goal.side.y };
  const raw: Point[] = [start, { x: cells[0]!.x, y: start.y }, ...cells, { x: cells[cells.length - 1]!.x, y: end.y }, end];
  const points: Point[] = [];
  for (const p of raw) {
    const last = points[points.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const before = points[points.length - 2];
    if (last && before && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) points[points.length - 1] = p;
    else points.push(p);
  }
  return points;
}

/** The SVG path of a route. */
export function routePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${Math.round(p.x * 10) / 10} ${Math.round(p.y * 10) / 10}`).join(' ');
}
