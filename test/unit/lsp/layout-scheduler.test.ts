import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { buildDiagramModel, layoutKey, type DiagramModel, type ElkRunner } from '../../../server/src/core/layout/index';
import { createElkRunner } from '../../../server/src/core/layout/elk-runner';
import { LayoutScheduler, type FinishedLayout } from '../../../server/src/lsp/layout-scheduler';

const elk = createElkRunner();
const model = (consumers: string): { key: string; model: DiagramModel } => {
  const m = buildDiagramModel(analyze(`archflow: 1\nname: t\nrouters:\n  q: { type: queue, to: a }\nconsumers: { ${consumers} }\n`));
  return { key: layoutKey(m), model: m };
};

/** An ELK runner whose layouts finish when the test says so, and how many it was asked for. */
function gated(): { run: ElkRunner; calls: () => number; release: () => Promise<void> } {
  const pending: (() => Promise<unknown>)[] = [];
  let calls = 0;
  return {
    run: (graph) => {
      calls++;
      return new Promise((res, rej) => pending.push(() => elk(graph).then(res, rej)));
    },
    calls: () => calls,
    /** Lets every waiting ELK run finish, then the scheduler's callbacks run (no timers). */
    release: async () => {
      await Promise.all(pending.splice(0).map((go) => go()));
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    },
  };
}

describe('LayoutScheduler', () => {
  it('shows nothing before the first layout, then reuses it for the same structure', async () => {
    const finished: FinishedLayout[] = [];
    const s = new LayoutScheduler(elk, (l) => finished.push(l), (e) => { throw e; });
    const a = model('a: {}');
    expect(s.show(a.key, a.model)).toBeUndefined();
    await s.firstLayout(a.key, a.model);
    expect(finished.map((f) => f.key)).toEqual([a.key]);
    const again = s.show(a.key, a.model)!;
    expect(again.diagram.nodes.map((n) => n.id)).toEqual(['q', 'a']);
    expect(finished).toHaveLength(1);
  });

  it('a newer structure cancels the layout under way (stale work), and the newest is laid out; meanwhile a provisional diagram shows', async () => {
    const g = gated();
    const finished: string[] = [];
    const signals: (AbortSignal | undefined)[] = [];
    const run: ElkRunner = (graph, signal) => {
      signals.push(signal);
      return g.run(graph, signal);
    };
    const s = new LayoutScheduler(run, (l) => finished.push(l.key), (e) => { throw e; });
    const a = model('a: {}');
    const first = s.firstLayout(a.key, a.model);
    await g.release();
    await first;
    // Each joins the flow of q → a, so each needs ELK.
    const b = model('a: {}, b: { emits: [q] }');
    const c = model('a: {}, b: { emits: [q] }, c: { emits: [q] }');
    const d = model('a: {}, b: { emits: [q] }, c: { emits: [q] }, d: { emits: [q] }');
    const before = signals.length;
    const laidOut = s.show(a.key, a.model)!;
    const provisional = s.show(b.key, b.model)!; // starts b
    expect(provisional.diagram.provisional).toBe(true);
    expect(provisional.ms).toBe(0);
    expect(provisional.diagram.nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'q']);
    // Until b's layout is done, everything seen before stays put.
    const at = (d: typeof laidOut.diagram, id: string): [number, number] => {
      const n = d.nodes.find((x) => x.id === id)!;
      return [n.x, n.y];
    };
    for (const id of ['q', 'a']) expect(at(provisional.diagram, id), id).toEqual(at(laidOut.diagram, id));
    const bSignals = signals.slice(before);
    expect(bSignals.length).toBe(1); // the one flow b joins
    s.show(c.key, c.model); // b is stale: cancelled; c starts
    s.show(d.key, d.model); // c is stale: cancelled; d starts
    expect(bSignals.every((x) => x?.aborted)).toBe(true);
    expect(signals[signals.length - 1]?.aborted).toBe(false);
    await g.release(); // every ELK run ends; only d's layout counts
    expect(finished).toEqual([a.key, d.key]);
    expect(s.finishedKey).toBe(d.key);
    expect(s.show(d.key, d.model)!.diagram.provisional).toBeUndefined();
  });

  it('reports a failed layout and can lay out again', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const s = new LayoutScheduler((g) => (fail ? Promise.reject(new Error('ELK failed')) : elk(g)), () => undefined, (e) => errors.push(e));
    const a = model('a: {}');
    await expect(s.firstLayout(a.key, a.model)).rejects.toThrow('ELK failed');
    expect(errors).toHaveLength(1);
    fail = false;
    await s.firstLayout(a.key, a.model);
    expect(s.finishedKey).toBe(a.key);
  });
});
