import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { assemble, buildDiagramModel, flowGraph, flowShape, flowsOf, layoutDiagram, type LaidOutDiagram, type LayoutCache } from '../../../server/src/core/layout/index';
import { createElkRunner } from '../../../server/src/core/layout/elk-runner';
import { generateArchitecture } from '../../../scripts/bench/lib/generate.mjs';

const EXAMPLES = resolve(__dirname, '../../../examples');
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.arch.yaml')).sort();
const read = (file: string): string => readFileSync(join(EXAMPLES, file), 'utf8');
const elk = createElkRunner();
const lay = (text: string): Promise<LaidOutDiagram> => layoutDiagram(buildDiagramModel(analyze(text)), elk);

/** The node ids of the flows each ELK call laid out (a batch of small flows counts each of them). */
function recording(): { run: (g: ElkNode, s?: AbortSignal) => Promise<ElkNode>; flows: string[][] } {
  const flows: string[][] = [];
  return {
    flows,
    run(graph, signal) {
      const parts = graph.id === '<batch>' ? graph.children ?? [] : [graph];
      for (const p of parts) flows.push((p.children ?? []).map((c) => c.id).filter((id) => !id.startsWith('<')).sort());
      return elk(graph, signal);
    },
  };
}

describe('flows and emits', () => {
  describe.each([...examples, 'synthetic-150'])('%s', (file) => {
    const text = file === 'synthetic-150' ? generateArchitecture(150) : read(file);

    it('routes every emit to a copy of its target at its own flow\'s right side: never back across the lanes, never out of its row', async () => {
      const d = await lay(text);
      const emits = d.edges.filter((e) => e.kind === 'emit');
      const consumers = d.lanes.find((l) => l.lane === 'consumer');
      for (const e of emits) {
        const from = d.nodes.find((n) => n.id === e.from)!;
        const row = d.flows?.find((f) => from.y >= f.y && from.y + from.height <= f.y + f.height);
        const proxy = d.proxies!.find((p) => p.of === e.to && p.flow === (row?.id ?? d.nodes[0]!.id))!;
        expect(proxy, `${e.id}: a copy of ${e.to}`).toBeDefined();
        // The copy stands right of the consumers' lane, in the emitter's row.
        if (consumers) expect(proxy.x, `${e.id}: copy right of the consumers`).toBeGreaterThanOrEqual(consumers.x + consumers.width);
        for (const p of e.points) {
          // Never left of the function that emits: the edge does not cross the picture back to the routers.
          expect(p.x, `${e.id}: ${JSON.stringify(e.points)}`).toBeGreaterThanOrEqual(from.x);
          if (row) {
            expect(p.y, `${e.id} stays in its flow's row`).toBeGreaterThanOrEqual(row.y);
            expect(p.y, `${e.id} stays in its flow's row`).toBeLessThanOrEqual(row.y + row.height);
          }
        }
      }
      // One copy per target and flow.
      const keys = (d.proxies ?? []).map((p) => `${p.flow}→${p.of}`);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('draws flows as disjoint rows, each holding its nodes and its copies, under a header', async () => {
      const d = await lay(text);
      const flows = flowsOf(buildDiagramModel(analyze(text)));
      if (flows.length === 1) {
        expect(d.flows).toBeUndefined();
        return;
      }
      expect(d.flows!.map((f) => f.id)).toEqual(flows.map((f) => f.nodes[0]!.id));
      d.flows!.forEach((row, i) => {
        expect(row.nodes).toBe(flows[i]!.nodes.length);
        if (i > 0) expect(row.y).toBeGreaterThanOrEqual(d.flows![i - 1]!.y + d.flows![i - 1]!.height);
        for (const n of flows[i]!.nodes) {
          const placed = d.nodes.find((x) => x.id === n.id)!;
          expect(placed.y, n.id).toBeGreaterThanOrEqual(row.y + row.header);
          expect(placed.y + placed.height, n.id).toBeLessThanOrEqual(row.y + row.height);
        }
        for (const p of d.proxies!.filter((q) => q.flow === row.id)) {
          expect(p.y).toBeGreaterThanOrEqual(row.y + row.header);
          expect(p.y + p.height).toBeLessThanOrEqual(row.y + row.height);
        }
      });
    });
  });

  it('splits a bus and the functions that emit to it into separate flows, each with its copy of the bus', async () => {
    const model = buildDiagramModel(analyze(read('orders.arch.yaml')));
    const flows = flowsOf(model);
    // Without the emits back to the bus, the order flow and the bus's flow are apart.
    expect(flows.length).toBe(2);
    const withEmits = flows.filter((f) => f.proxies.length > 0);
    expect(withEmits.length).toBe(2);
    for (const f of withEmits) for (const e of f.edges.filter((x) => x.kind === 'emit')) expect(f.proxies.map((p) => p.id)).toContain(e.to);
  });

  it('lays out again only the flow an edit changed (the others come from the cache)', async () => {
    const text = generateArchitecture(150);
    const cache: LayoutCache = new Map();
    const first = recording();
    const before = await layoutDiagram(buildDiagramModel(analyze(text)), first.run, cache);
    // Every flow but the lone nodes goes to ELK once per shape (flows of the same shape share a layout).
    const laidOut = flowsOf(buildDiagramModel(analyze(text))).filter((f) => f.nodes.length > 1 || f.edges.length > 0);
    expect(first.flows).toHaveLength(new Set(laidOut.map((f) => flowShape(flowGraph(f)))).size);
    expect(first.flows.length).toBeLessThan(laidOut.length);

    // A new route on the first API: its flow grows by a route and a function; no other flow changes.
    const edited = text.replace('      POST /items0: fn-0000\n', '      POST /items0: fn-0000\n      DELETE /items0: newHandler\n').replace('consumers:\n', 'consumers:\n  newHandler: {}\n');
    expect(edited).not.toBe(text);
    const model = buildDiagramModel(analyze(edited));
    const changed = flowsOf(model).find((f) => f.nodes.some((n) => n.id === 'newHandler'))!;
    const second = recording();
    const after = await layoutDiagram(model, second.run, cache);
    expect(second.flows).toEqual([changed.nodes.map((n) => n.id).sort()]);
    expect(changed.nodes.map((n) => n.id)).toContain('p-0000');
    // The flows before the changed one keep their places exactly.
    const firstChanged = Math.min(...changed.nodes.map((n) => before.nodes.find((b) => b.id === n.id)?.y ?? Infinity));
    for (const n of before.nodes.filter((b) => b.y + b.height < firstChanged)) {
      const now = after.nodes.find((a) => a.id === n.id)!;
      expect([now.x, now.y], n.id).toEqual([n.x, n.y]);
    }
  });

  it('gives flows of the same shape, laid out once, the layout each gets from ELK on its own', async () => {
    const model = buildDiagramModel(analyze(generateArchitecture(150)));
    const flows = flowsOf(model);
    const shared = await layoutDiagram(model, elk);
    const own: ElkNode[] = [];
    for (const f of flows) own.push(await elk(flowGraph(f)));
    const each = assemble(model, flows, own);
    expect(shared.nodes.map((n) => [n.id, n.x, n.y, n.width])).toEqual(each.nodes.map((n) => [n.id, n.x, n.y, n.width]));
    expect(shared.edges.map((e) => [e.id, e.points, e.labelBox])).toEqual(each.edges.map((e) => [e.id, e.points, e.labelBox]));
    expect(shared.proxies).toEqual(each.proxies);
  });

  it('gives a flow the same layout in a batch of small flows as alone', async () => {
    const model = buildDiagramModel(analyze(generateArchitecture(150)));
    const batched = await layoutDiagram(model, elk);
    const alone = await layoutDiagram(model, (graph, signal) => {
      if (graph.id !== '<batch>') return elk(graph, signal);
      return Promise.all((graph.children ?? []).map((c) => elk(c, signal))).then((children) => ({ ...graph, children }));
    });
    expect(batched.nodes.map((n) => [n.id, n.x, n.y])).toEqual(alone.nodes.map((n) => [n.id, n.x, n.y]));
    expect(batched.edges.map((e) => [e.id, e.points])).toEqual(alone.edges.map((e) => [e.id, e.points]));
  });
});
