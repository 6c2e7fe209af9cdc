// The graphs a layout worker practises on when it starts (layout.ts `warmUpGraphs`): shaped like what
// a diagram sends ELK, so that V8 has compiled the code a real diagram runs.
import type { ElkNode } from 'elkjs/lib/elk-api';
import { describe, expect, it } from 'vitest';
import { warmUpGraphs } from '../../../server/src/core/layout/index';
import { createElkRunner } from '../../../server/src/core/layout/elk-runner';
import { directLayout } from '../../../server/src/core/layout/layout';

/** The flows of the warm-up: the children of its batches, and the flows sent alone. */
const flowsOf = (graphs: readonly ElkNode[]): ElkNode[] => graphs.flatMap((g) => (g.id === '<batch>' ? g.children ?? [] : [g]));
const degrees = (flow: ElkNode): { out: number; in: number } => {
  const out = new Map<string, number>();
  const into = new Map<string, number>();
  for (const e of flow.edges ?? []) {
    out.set(e.sources[0]!, (out.get(e.sources[0]!) ?? 0) + 1);
    into.set(e.targets[0]!, (into.get(e.targets[0]!) ?? 0) + 1);
  }
  return { out: Math.max(0, ...out.values()), in: Math.max(0, ...into.values()) };
};

describe('warmUpGraphs', () => {
  it('begins with a small fan (one node to two, and the copy of what one emits to): a layout that arrives as the warm-up begins waits only for it', () => {
    const [first] = warmUpGraphs();
    expect(first?.id).toBe('<flow>');
    expect(first?.children?.map((c) => c.layoutOptions?.['elk.partitioning.partition'])).toEqual(['0', '4', '4', '6']);
  });

  it('is the same every time', () => {
    expect(JSON.stringify(warmUpGraphs())).toBe(JSON.stringify(warmUpGraphs()));
  });

  it('has what a diagram sends ELK: batches of small fans and merges, mid-sized and big flows, labels, emits, many widths', () => {
    const graphs = warmUpGraphs();
    const flows = flowsOf(graphs);
    const sizes = flows.map((f) => (f.children ?? []).length);
    const batches = graphs.filter((g) => g.id === '<batch>');
    expect(batches.length).toBeGreaterThanOrEqual(2);
    for (const b of batches) expect((b.children ?? []).length).toBeGreaterThan(10);
    // Small flows: fans (one to 2 or 3) and merges (2 or 3 to one); none a chain, which would not reach ELK.
    const small = flows.filter((f) => (f.children ?? []).length <= 16);
    expect(small.some((f) => degrees(f).out >= 2 && degrees(f).in === 1)).toBe(true);
    expect(small.some((f) => degrees(f).in >= 2)).toBe(true);
    expect(small.some((f) => degrees(f).out === 3)).toBe(true);
    expect(flows.filter((f) => directLayout(f))).toEqual([]);
    // Mid-sized flows (a small flow's options) and big ones (a large flow's, with barriers).
    expect(sizes.some((n) => n >= 20 && n <= 40)).toBe(true);
    expect(sizes.some((n) => n > 100)).toBe(true);
    expect(flows.some((f) => f.layoutOptions?.['elk.layered.nodePlacement.strategy'] === 'BRANDES_KOEPF')).toBe(true);
    expect(flows.some((f) => (f.children ?? []).some((c) => c.id.startsWith('<barrier>')))).toBe(true);
    // Labels of several widths and none, emits (a copy of the target at the right), nodes of many widths.
    const labels = new Set(flows.flatMap((f) => (f.edges ?? []).flatMap((e) => (e.labels ?? []).map((l) => l.width))));
    expect(labels.size).toBeGreaterThanOrEqual(4);
    expect(flows.some((f) => (f.edges ?? []).some((e) => !e.labels?.length))).toBe(true);
    expect(flows.some((f) => (f.children ?? []).some((c) => c.id.startsWith('<emits>')))).toBe(true);
    expect(new Set(flows.flatMap((f) => (f.children ?? []).map((c) => c.width))).size).toBeGreaterThanOrEqual(6);
  });

  it('lays out with ELK without an error, every node and edge placed', async () => {
    const run = createElkRunner();
    for (const graph of warmUpGraphs()) {
      const result = await run(structuredClone(graph));
      const laidOut = graph.id === '<batch>' ? result.children ?? [] : [result];
      const asked = graph.id === '<batch>' ? graph.children ?? [] : [graph];
      expect(laidOut.map((f) => (f.children ?? []).length)).toEqual(asked.map((f) => (f.children ?? []).length));
      for (const f of laidOut) for (const e of f.edges ?? []) expect((e as { sections?: unknown[] }).sections?.length).toBeGreaterThan(0);
    }
  });
});
