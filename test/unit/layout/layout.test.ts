import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import {
  buildDiagramModel, flowsOf, layoutDiagram, layoutKey, METRICS, provisionalLayout, type Box, type LaidOutDiagram, type LaidOutNode,
} from '../../../server/src/core/layout/index';
import { createElkRunner } from '../../../server/src/core/layout/elk-runner';
import { generateArchitecture } from '../../../scripts/bench/lib/generate.mjs';
import { EXAMPLE_FILES } from '../../helpers/examples';

const EXAMPLES = resolve(__dirname, '../../../examples');
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.arch.yaml')).sort();
const read = (file: string): string => readFileSync(join(EXAMPLES, file), 'utf8');

const run = createElkRunner();
const lay = (text: string): Promise<LaidOutDiagram> => layoutDiagram(buildDiagramModel(analyze(text)), run);

const geometry = (d: LaidOutDiagram) => ({
  size: [d.width, d.height],
  lanes: d.lanes.map((l) => [l.lane, l.x, l.width]),
  nodes: d.nodes.map((n) => [n.id, n.x, n.y, n.width, n.height]),
  edges: d.edges.map((e) => [e.id, e.points.map((p) => [p.x, p.y]), e.labelBox ? [e.labelBox.x, e.labelBox.y] : null]),
});

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The id of the flow whose row holds a node (the only flow when there are no headers). */
const flowOf = (d: LaidOutDiagram, id: string): string => {
  const n = d.nodes.find((x) => x.id === id)!;
  return d.flows?.find((f) => n.y >= f.y && n.y <= f.y + f.height)?.id ?? d.nodes[0]!.id;
};

/** Is the point on the border of the box (within half a pixel)? */
const onBorder = (p: { x: number; y: number }, n: Box): boolean => {
  const eps = 0.6;
  const withinX = p.x >= n.x - eps && p.x <= n.x + n.width + eps;
  const withinY = p.y >= n.y - eps && p.y <= n.y + n.height + eps;
  const onVertical = Math.abs(p.x - n.x) <= eps || Math.abs(p.x - (n.x + n.width)) <= eps;
  const onHorizontal = Math.abs(p.y - n.y) <= eps || Math.abs(p.y - (n.y + n.height)) <= eps;
  return (onVertical && withinY) || (onHorizontal && withinX);
};

/** Two flows: a queue feeding a function, and an API calling another function. */
const TWO_FLOWS = `archflow: 1
name: two
producers:
  api:
    type: http-api
    routes:
      POST /orders: placeOrder
routers:
  jobs:
    type: queue
    visibilityTimeout: 60
    to: { function: worker, batchSize: 5 }
consumers:
  placeOrder: {}
  worker: { memory: 256 }
`;

describe('layout', () => {
  it('lays out the examples the repository names', () => expect(examples).toEqual(EXAMPLE_FILES));

  describe.each(examples)('%s', (file) => {
    const text = read(file);
    const analysis = analyze(text);

    it('is deterministic: two runs (and a fresh ELK) give the same positions', async () => {
      const first = await lay(text);
      const second = await layoutDiagram(buildDiagramModel(analyze(text)), createElkRunner());
      expect(geometry(second)).toEqual(geometry(first));
    });

    it('puts every producer left of every router, and every router left of every consumer', async () => {
      const d = await lay(text);
      const lane = (l: string) => d.nodes.filter((n) => n.lane === l);
      const right = (ns: LaidOutNode[]) => Math.max(...ns.map((n) => n.x + n.width));
      const left = (ns: LaidOutNode[]) => Math.min(...ns.map((n) => n.x));
      for (const [a, b] of [['producer', 'router'], ['router', 'consumer'], ['producer', 'consumer']] as const) {
        if (lane(a).length && lane(b).length) expect(right(lane(a)), `${a}s end before ${b}s start`).toBeLessThan(left(lane(b)));
      }
      // The lane bands follow the same order and hold their nodes.
      expect(d.lanes.map((l) => l.lane)).toEqual(['producer', 'router', 'consumer'].filter((l) => lane(l).length));
      for (const n of d.nodes) {
        const band = d.lanes.find((l) => l.lane === n.lane)!;
        expect(n.x).toBeGreaterThanOrEqual(band.x);
        expect(n.x + n.width).toBeLessThanOrEqual(band.x + band.width);
      }
    });

    it('overlaps nothing: no two nodes, no label on a node, no two labels', async () => {
      const d = await lay(text);
      const labels = d.edges.flatMap((e) => (e.labelBox ? [{ id: e.id, ...e.labelBox }] : []));
      for (let i = 0; i < d.nodes.length; i++) {
        for (let j = i + 1; j < d.nodes.length; j++) expect(overlap(d.nodes[i]!, d.nodes[j]!), `${d.nodes[i]!.id} / ${d.nodes[j]!.id}`).toBe(false);
        for (const l of labels) expect(overlap(d.nodes[i]!, l), `${d.nodes[i]!.id} / label of ${l.id}`).toBe(false);
      }
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i]!, labels[j]!), `${labels[i]!.id} / ${labels[j]!.id}`).toBe(false);
      }
      for (const n of d.nodes) {
        expect(n.x + n.width).toBeLessThanOrEqual(d.width);
        expect(n.y + n.height).toBeLessThanOrEqual(d.height);
      }
    });

    it('draws every edge of the graph, orthogonally, from its source to its target', async () => {
      const d = await lay(text);
      const byId = new Map(d.nodes.map((n) => [n.id, n]));
      expect(d.nodes.map((n) => n.id).sort()).toEqual([...analysis.graph.nodes.keys()].sort());
      expect(d.edges.map((e) => e.id).sort()).toEqual(analysis.graph.edges.map((e) => e.id).sort());
      for (const g of analysis.graph.edges) {
        const e = d.edges.find((x) => x.id === g.id)!;
        expect([e.from, e.to]).toEqual([g.from, g.to]);
        expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
        expect(onBorder(e.points[0]!, byId.get(e.from)!), `${e.id} starts on ${e.from}`).toBe(true);
        // An emit ends on the copy of its target at its flow's right side; every other edge on its target.
        const proxy = e.kind === 'emit' ? d.proxies?.find((p) => p.of === e.to && p.flow === flowOf(d, e.from)) : undefined;
        if (e.kind === 'emit') expect(proxy, `${e.id} has a copy of ${e.to} in its flow`).toBeDefined();
        expect(onBorder(e.points[e.points.length - 1]!, proxy ?? byId.get(e.to)!), `${e.id} ends on ${e.to}`).toBe(true);
        for (let i = 1; i < e.points.length; i++) {
          const [a, b] = [e.points[i - 1]!, e.points[i]!];
          expect(a.x === b.x || a.y === b.y, `${e.id} segment ${i} is orthogonal`).toBe(true);
        }
        if (e.label) expect(e.labelBox, `${e.id} has a label box`).toBeDefined();
      }
    });
  });

  it('gives the same positions for the same structure written in another order', async () => {
    const text = read('orders.arch.yaml');
    const doc = parseYaml(text) as Record<string, Record<string, unknown>>;
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    const shuffled = stringify({ ...doc, producers: reversed(doc.producers!), routers: reversed(doc.routers!), consumers: reversed(doc.consumers!) });
    expect(shuffled).not.toBe(text);
    expect(geometry(await lay(shuffled))).toEqual(geometry(await lay(text)));
  });

  it('moves nothing when only a setting changes (the layout key ignores settings and problems)', async () => {
    const before = buildDiagramModel(analyze(TWO_FLOWS));
    const after = buildDiagramModel(analyze(TWO_FLOWS.replace('memory: 256', 'memory: 2048').replace('visibilityTimeout: 60', 'visibilityTimeout: 1')));
    expect(after.nodes.find((n) => n.id === 'worker')!.settings).toContainEqual({ name: 'memory', value: '2,048 MB' });
    expect(layoutKey(after)).toBe(layoutKey(before));
    expect(geometry(await layoutDiagram(after, run))).toEqual(geometry(await layoutDiagram(before, run)));
  });

  it('keeps the other flows in place when one flow grows', async () => {
    const grown = TWO_FLOWS.replace('      POST /orders: placeOrder\n', '      POST /orders: placeOrder\n      GET /orders: listOrders\n')
      .replace('  placeOrder: {}\n', '  placeOrder: {}\n  listOrders: {}\n');
    const before = await lay(TWO_FLOWS);
    const after = await lay(grown);
    expect(flowsOf(buildDiagramModel(analyze(grown)))).toHaveLength(2);
    const at = (d: LaidOutDiagram, id: string) => d.nodes.find((n) => n.id === id)!;
    // The API's flow comes first and grows; the queue's flow below it only moves down, as a block.
    const dy = at(after, 'jobs').y - at(before, 'jobs').y;
    for (const id of ['jobs', 'worker']) {
      expect(at(after, id).x, id).toBe(at(before, id).x);
      expect(at(after, id).y - at(before, id).y, id).toBe(dy);
    }
    expect(at(after, 'api').x).toBe(at(before, 'api').x);
    expect(at(after, 'placeOrder').x).toBe(at(before, 'placeOrder').x);
  });

  it('moves little when a node joins a flow: the median node less than a node height, most less than two', async () => {
    const text = read('orders.arch.yaml');
    // A new subscriber of the alerts topic: the order flow itself grows.
    const edited = text.replace('      - { function: pager, deadLetter: alerts-dlq }\n', '      - { function: pager, deadLetter: alerts-dlq }\n      - notifySlack\n')
      .replace('  writeAudit:\n', '  notifySlack:\n    description: Posts to the team channel.\n  writeAudit:\n');
    expect(flowsOf(buildDiagramModel(analyze(edited)))).toHaveLength(flowsOf(buildDiagramModel(analyze(text))).length);
    expect(analyze(edited).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const before = await lay(text);
    const after = await lay(edited);
    expect(after.nodes).toHaveLength(before.nodes.length + 1);
    const moved = before.nodes.map((n) => {
      const m = after.nodes.find((x) => x.id === n.id)!;
      return Math.hypot(m.x - n.x, m.y - n.y);
    }).sort((a, b) => a - b);
    const median = moved[Math.floor(moved.length / 2)]!;
    const report = `distances: ${moved.map(Math.round).join(', ')}`;
    // (Letting ELK reorder each layer freely moved the median node 273 px and one 536 px here.)
    expect(median, report).toBeLessThanOrEqual(METRICS.nodeHeight);
    // Nodes below the new one in its lane shift down by its slot; the rest barely move.
    expect(moved.filter((d) => d <= 2 * METRICS.nodeHeight).length / moved.length, report).toBeGreaterThanOrEqual(0.8);
  });

  it('lays out a synthetic architecture of 150 nodes in lanes without overlaps', async () => {
    const d = await lay(generateArchitecture(150));
    expect(d.nodes).toHaveLength(150);
    const maxProducer = Math.max(...d.nodes.filter((n) => n.lane === 'producer').map((n) => n.x + n.width));
    const minRouter = Math.min(...d.nodes.filter((n) => n.lane === 'router').map((n) => n.x));
    const maxRouter = Math.max(...d.nodes.filter((n) => n.lane === 'router').map((n) => n.x + n.width));
    const minConsumer = Math.min(...d.nodes.filter((n) => n.lane === 'consumer').map((n) => n.x));
    expect(maxProducer).toBeLessThan(minRouter);
    expect(maxRouter).toBeLessThan(minConsumer);
    const sorted = [...d.nodes].sort((a, b) => a.y - b.y);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length && sorted[j]!.y < sorted[i]!.y + sorted[i]!.height; j++) {
        expect(overlap(sorted[i]!, sorted[j]!), `${sorted[i]!.id} / ${sorted[j]!.id}`).toBe(false);
      }
    }
  });

  it('lays out an empty document as an empty diagram', async () => {
    const d = await lay('archflow: 1\nname: empty\n');
    expect(d.nodes).toEqual([]);
    expect(d.edges).toEqual([]);
    expect(d.lanes).toEqual([]);
  });
});

describe('provisional layout (while the layout of a changed structure runs)', () => {
  it('keeps every known node in place and puts new ones under their lane, overlapping nothing', async () => {
    const text = read('orders.arch.yaml');
    const edited = text.replace('      GET /orders/{orderId}: getOrder\n', '      GET /orders/{orderId}: getOrder\n      GET /refunds: listRefunds\n')
      .replace('  getOrder:\n', '  listRefunds: {}\n  getOrder:\n');
    const previous = await lay(text);
    const model = buildDiagramModel(analyze(edited));
    const p = provisionalLayout(previous, model);
    expect(p.provisional).toBe(true);
    for (const n of previous.nodes) {
      const now = p.nodes.find((x) => x.id === n.id)!;
      expect([now.x, now.y], n.id).toEqual([n.x, n.y]);
    }
    const added = p.nodes.find((n) => n.id === 'listRefunds')!;
    const consumers = p.lanes.find((l) => l.lane === 'consumer')!;
    expect(added.x).toBeGreaterThanOrEqual(consumers.x);
    expect(added.x + added.width).toBeLessThanOrEqual(consumers.x + consumers.width);
    for (const n of p.nodes) if (n !== added) expect(overlap(n, added), n.id).toBe(false);
    expect(added.y + added.height).toBeLessThanOrEqual(p.height);
    // Every edge is drawn; old ones keep their routes, the new one goes from the API to the new handler.
    expect(p.edges.map((e) => e.id).sort()).toEqual(model.edges.map((e) => e.id).sort());
    const route = p.edges.find((e) => e.to === 'listRefunds')!;
    expect(route.points[0]!.x).toBe(p.nodes.find((n) => n.id === 'checkout')!.x + p.nodes.find((n) => n.id === 'checkout')!.width);
    expect(route.points[route.points.length - 1]!.x).toBe(added.x);
    const kept = previous.edges.find((e) => e.to === 'billing')!;
    expect(p.edges.find((e) => e.id === kept.id)!.points).toEqual(kept.points);
  });
});
