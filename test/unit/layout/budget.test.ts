import type { ElkNode } from 'elkjs/lib/elk-api';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import {
  buildDiagramModel, flowGraph, flowShape, flowsOf, layoutWithBudget, limitModel, reuseLayout, simpleLayout, type ElkRunner, type LayoutCache,
} from '../../../server/src/core/layout/index';
import { createElkRunner } from '../../../server/src/core/layout/elk-runner';
import { generateArchitecture } from '../../../scripts/bench/lib/generate.mjs';

/** A generated architecture of several flows. */
const model = buildDiagramModel(analyze(generateArchitecture(60)));

/** A runner that never finishes a layout (ELK stuck on a huge flow), and records what it was given. */
function stuck(): { run: ElkRunner; started: ElkNode[]; signals: (AbortSignal | undefined)[] } {
  const started: ElkNode[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  return {
    started, signals,
    run: (graph, signal) => {
      started.push(graph);
      signals.push(signal);
      return new Promise<ElkNode>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    },
  };
}

describe('the layout budget', () => {
  it('cuts a model to whole flows in file order, and says so', () => {
    const flows = flowsOf(model);
    expect(flows.length).toBe(18); // the flows of the model above, each a whole cut
    const first = flows[0]!.nodes.length;
    const cut = limitModel(model, first + 1);
    expect(cut.nodes.map((n) => n.id)).toEqual(flows[0]!.nodes.map((n) => n.id));
    expect(cut.edges.every((e) => cut.nodes.some((n) => n.id === e.from) && cut.nodes.some((n) => n.id === e.to))).toBe(true);
    expect(cut.notice).toBe(`This architecture has ${model.nodes.length} elements; a diagram shows at most ${first + 1}: here the first ${first}, whole flows in file order. Split the file into several architectures to see the rest.`);
    expect(limitModel(model)).toBe(model);
  });

  it('replaces a layout that runs out of time by the simple arrangement, with a notice, and stops ELK', async () => {
    const runner = stuck();
    const diagram = await layoutWithBudget(model, runner.run, undefined, { deadlineMs: 20 });
    expect(diagram.notice).toBe('The automatic layout took longer than 0 s and was stopped; the elements are arranged simply (in file order, by lane).');
    expect(diagram.nodes.map((n) => n.id)).toEqual(model.nodes.map((n) => n.id));
    expect(runner.signals.every((s) => s?.aborted && (s.reason as Error).name === 'LayoutTimeout')).toBe(true);
    // The positions reused for a new version of the same structure keep the notice about them.
    const reused = reuseLayout(diagram, model);
    expect(reused.notice).toBe(diagram.notice);
    expect(reused.nodes.map((n) => [n.x, n.y])).toEqual(diagram.nodes.map((n) => [n.x, n.y]));
    expect(reuseLayout(await layoutWithBudget(model, createElkRunner()), model).notice).toBeUndefined();
  });

  it('rejects when a newer version makes the layout stale, and lays out no flow still waiting', async () => {
    const elk = createElkRunner();
    let laidOut = 0;
    // Flows laid out (small flows go to ELK in batches: one call, several flows).
    const counting: ElkRunner = (graph, signal) => elk(graph, signal).then((r) => {
      laidOut += graph.id === '<batch>' ? graph.children?.length ?? 0 : 1;
      return r;
    });
    const stale = new AbortController();
    const cache: LayoutCache = new Map();
    const layout = layoutWithBudget(model, counting, cache, { signal: stale.signal });
    stale.abort(new Error('a newer version'));
    await expect(layout).rejects.toThrow('a newer version');
    // The in-process runner finishes the call it is on (one flow or one batch); the rest were dropped.
    expect(laidOut).toBeLessThan(flowsOf(model).filter((f) => f.nodes.length > 1 || f.edges.length > 0).length);
    expect(cache.size).toBe(laidOut);
    // The next layout reuses what was done and lays out the rest.
    const again = await layoutWithBudget(model, counting, cache);
    expect(again.notice).toBeUndefined();
    // (A flow of one node and no edge is placed without ELK; flows of the same shape are laid out once.)
    expect(laidOut).toBe(new Set(flowsOf(model).filter((f) => f.nodes.length > 1 || f.edges.length > 0).map((f) => flowShape(flowGraph(f)))).size);
  });

  it('arranges simply in lanes: every node in its lane\'s column, none overlapping, every edge routed', () => {
    const d = simpleLayout(model);
    const laneX = new Map(d.lanes.map((l) => [l.lane, l]));
    for (const n of d.nodes) {
      const lane = laneX.get(n.lane)!;
      expect(n.x >= lane.x && n.x + n.width <= lane.x + lane.width).toBe(true);
    }
    for (const a of d.nodes) {
      for (const b of d.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    expect(d.edges).toHaveLength(model.edges.length);
    for (const e of d.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
  });
});
