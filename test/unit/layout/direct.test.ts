// The direct layout of chains (layout.ts `directLayout`): for every chain it takes, the same boxes,
// routes and labels as ELK's, number for number; every other flow goes to ELK.
import type { ElkNode } from 'elkjs/lib/elk-api';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import type { DiagramEdge, DiagramNode, ProblemSummary } from '../../../server/src/core/layout/index';
import { buildDiagramModel, flowGraph, flowsOf, LANES, layoutDiagram, type Flow } from '../../../server/src/core/layout/index';
import { DIRECT_CHAIN, directLayout } from '../../../server/src/core/layout/layout';
import ELK from 'elkjs/lib/elk.bundled.js';
import { createElkRunner, slimLayout } from '../../../server/src/core/layout/elk-runner';
import { generateArchitecture } from '../../../scripts/bench/lib/generate.mjs';

/** ELK itself, its result cut as the runner cuts it; and the runner, which lays out chains directly. */
const instance = new ELK();
const reached: ElkNode[] = [];
type Lane = (typeof LANES)[number];
const elk = async (graph: ElkNode): Promise<ElkNode> => {
  reached.push(graph);
  return slimLayout(await instance.layout(graph));
};
const runner = createElkRunner(elk);
const none: ProblemSummary = { count: 0, items: [] };
const SUBTITLES: Record<Lane, string> = { producer: 'HTTP API', router: 'SQS queue', consumer: 'Lambda · nodejs22.x' };

const node = (id: string, lane: Lane): DiagramNode => ({
  id, kind: 'function', icon: 'function', lane, label: id, subtitle: SUBTITLES[lane],
  settings: [], problems: none, pointer: [], span: { start: 0, end: 0 }, extent: { start: 0, end: 0 },
});
const edge = (from: string, to: string, kind: DiagramEdge['kind'], label: string): DiagramEdge => ({
  id: `/${from}/${kind}/${to}`, from, to, kind, mechanism: 'invoke', label, problems: none, pointer: [], optionsAt: [], span: { start: 0, end: 0 }, extent: { start: 0, end: 0 },
});

/** Names from 3 to 44 characters, of wide and narrow letters: nodes from the narrowest to the widest (cut) box. */
const name = (i: number, salt: string): string => `${salt}${'mWiloQ-x'.repeat(6)}`.slice(0, 3 + ((i * 13 + salt.charCodeAt(0) * 5) % 42));
/** Labels from none-too-short to long: a route, a batch size, an event name. */
const LABELS = ['x', 'batch 10', 'POST /orders', 'GET /orders/{orderId}/items', 'OrderPlacedWithAVeryLongEventName · filtered'];

/**
 * A chain through `lanes` (each right of the one before), ending on the copy of an emit target when
 * `emits`; `labelled[k]` puts a label on the k-th edge. `variant` picks the names' and labels' widths.
 */
function chain(lanes: readonly Lane[], emits: boolean, labelled: readonly boolean[], variant: number): Flow {
  const nodes = lanes.map((lane, i) => node(name(variant + i * 3, `${lane[0]}${i}`), lane));
  const target = node(name(variant + 11, 'bus'), 'router');
  const label = (k: number): string => (labelled[k] ? LABELS[(variant + k) % LABELS.length]! : '');
  const edges = nodes.slice(1).map((n, k) => edge(nodes[k]!.id, n.id, 'trigger', label(k)));
  if (emits) edges.push(edge(nodes[nodes.length - 1]!.id, target.id, 'emit', label(edges.length)));
  return { nodes, edges, proxies: emits ? [target] : [] };
}

/** Every way to pick lanes in order: producer, router, consumer, and the pairs and the three. */
const laneSets: Lane[][] = [];
for (let mask = 1; mask < 1 << LANES.length; mask++) laneSets.push(LANES.filter((_, i) => mask & (1 << i)));

/** Every chain shape the direct layout may take: lanes in order, with or without an emit at the end, every labelling. */
const shapes: { lanes: Lane[]; emits: boolean; labelled: boolean[] }[] = [];
for (const lanes of laneSets) {
  for (const emits of [false, true]) {
    const edges = lanes.length - 1 + (emits ? 1 : 0);
    if (edges === 0) continue;
    for (let bits = 0; bits < 1 << edges; bits++) shapes.push({ lanes, emits, labelled: Array.from({ length: edges }, (_, k) => !!(bits & (1 << k))) });
  }
}

const describeShape = (s: (typeof shapes)[number]): string =>
  `${[...s.lanes, ...(s.emits ? ['emit target'] : [])].join(' → ')} (labels: ${s.labelled.map((l) => (l ? 'yes' : 'no')).join(', ')})`;

describe('directLayout: chains laid out without ELK, exactly as ELK lays them out', () => {
  it('covers every chain shape of two to four nodes', () => {
    // 6 two-node chains × 2 labellings, 4 three-node × 4, 1 four-node × 8.
    expect(shapes.length).toBe(36);
    expect(Math.max(...shapes.map((s) => s.lanes.length + (s.emits ? 1 : 0)))).toBe(DIRECT_CHAIN);
  });

  it.each(shapes.map((s) => [describeShape(s), s] as const))('%s: the same boxes, routes and label boxes as ELK, for names of every width', async (_, s) => {
    for (let variant = 0; variant < 14; variant++) {
      const graph = flowGraph(chain(s.lanes, s.emits, s.labelled, variant));
      const direct = directLayout(graph);
      expect(direct, `variant ${variant}`).toBeDefined();
      expect(direct).toEqual(await elk(structuredClone(graph)));
    }
  });

  it('takes the widths of nodes and labels from the narrowest to the widest, in every position', async () => {
    const widths = new Set<number>();
    for (const s of shapes) {
      for (let variant = 0; variant < 14; variant++) {
        const g = flowGraph(chain(s.lanes, s.emits, s.labelled, variant));
        for (const c of g.children ?? []) widths.add(c.width!);
      }
    }
    expect(Math.min(...widths)).toBe(96); // an emit target's copy at its narrowest
    expect([...widths]).toContain(176); // a node at its narrowest
    expect(Math.max(...widths)).toBe(264); // the widest box, its name cut
    expect(widths.size).toBeGreaterThan(20);
  });

  it('leaves to ELK what is not such a chain', () => {
    const [p, r, c, c2] = [node('api', 'producer'), node('jobs', 'router'), node('worker', 'consumer'), node('other', 'consumer')];
    const target = node('bus', 'router');
    const cases: [string, Flow][] = [
      ['a fan: one producer, two functions', { nodes: [p, c, c2], edges: [edge('api', 'worker', 'trigger', 'POST /a'), edge('api', 'other', 'trigger', 'POST /b')], proxies: [] }],
      // Fans and merges stay with ELK: its layering puts labels in layers of their own and the ends of
      // unlabelled edges beside them, which no closed form reproduces for every width (docs/diagram.md).
      ['a fan without labels', { nodes: [p, c, c2], edges: [edge('api', 'worker', 'trigger', ''), edge('api', 'other', 'trigger', '')], proxies: [] }],
      ['a fan to three', { nodes: [p, r, c, c2], edges: [edge('api', 'jobs', 'trigger', ''), edge('api', 'worker', 'trigger', ''), edge('api', 'other', 'trigger', '')], proxies: [] }],
      ['a merge: two producers, one function', { nodes: [p, { ...node('web', 'producer') }, c], edges: [edge('api', 'worker', 'trigger', ''), edge('web', 'worker', 'trigger', 'POST /b')], proxies: [] }],
      ['a chain ending in a fan', { nodes: [p, r, c, c2], edges: [edge('api', 'jobs', 'trigger', ''), edge('jobs', 'worker', 'trigger', ''), edge('jobs', 'other', 'trigger', '')], proxies: [] }],
      ['a function emitting and invoking', { nodes: [r, c, c2], edges: [edge('jobs', 'worker', 'trigger', ''), edge('worker', 'other', 'trigger', ''), edge('worker', 'bus', 'emit', '')], proxies: [target] }],
      ['a function invoking another (one lane)', { nodes: [c, c2], edges: [edge('worker', 'other', 'trigger', '')], proxies: [] }],
      ['an edge against the lanes', { nodes: [r, c], edges: [edge('worker', 'jobs', 'trigger', '')], proxies: [] }],
      ['two edges between the same nodes', { nodes: [p, c], edges: [edge('api', 'worker', 'trigger', 'POST /a'), { ...edge('api', 'worker', 'trigger', 'GET /a'), id: '/api/get' }], proxies: [] }],
      ['a function emitting to two targets', { nodes: [c], edges: [edge('worker', 'bus', 'emit', ''), edge('worker', 'jobs', 'emit', '')], proxies: [target, r] }],
    ];
    for (const [what, flow] of cases) expect(directLayout(flowGraph(flow)), what).toBeUndefined();
    // Longer than DIRECT_CHAIN: producer → router → consumer → emit target, and one more function.
    const long = chain(['producer', 'router', 'consumer'], true, [true, true, true], 0);
    expect(directLayout(flowGraph(long))).toBeDefined();
    const longer: Flow = { nodes: [...long.nodes.slice(0, 2), c2, ...long.nodes.slice(2)], edges: long.edges, proxies: long.proxies };
    expect(directLayout(flowGraph(longer))).toBeUndefined();
    // Options other than a small flow's.
    const graph = flowGraph(chain(['producer', 'consumer'], false, [true], 0));
    expect(directLayout({ ...graph, layoutOptions: { ...graph.layoutOptions, 'elk.spacing.nodeNode': '40' } })).toBeUndefined();
  });

  it('lays out a whole architecture as ELK alone does: chains, alone or in batches, never reach ELK, and the drawing is the same', async () => {
    const suffixes = ['', '-audit', '-notify-customer', '-shipping-label', '-reconcile-payments'];
    const text = generateArchitecture(200).replace(/\b(fn|r|p)-(\d{4})\b/g, (m, _k, d: string) => `${m}${suffixes[Number(d) % suffixes.length]}`);
    const model = buildDiagramModel(analyze(text));
    const graphs = flowsOf(model).map(flowGraph);
    const chains = graphs.filter((g) => (g.edges ?? []).length > 0 && directLayout(g));
    expect(chains.length).toBeGreaterThan(10);
    reached.length = 0;
    const laidOut = await layoutDiagram(model, runner);
    const sent = reached.flatMap((g) => (g.layoutOptions?.['elk.algorithm'] === 'fixed' ? g.children ?? [] : [g])).map((g) => JSON.stringify((g.children ?? []).map((c) => c.id)));
    expect(sent.length).toBeGreaterThan(0);
    for (const g of chains) expect(sent).not.toContain(JSON.stringify((g.children ?? []).map((c) => c.id)));
    expect(laidOut).toEqual(await layoutDiagram(model, (g) => elk(structuredClone(g))));
  });

  it('answers a batch of chains alone without calling ELK, each flow in its place', async () => {
    const flows = [chain(['producer', 'consumer'], false, [true], 1), chain(['router', 'consumer'], true, [false, true], 2)];
    const batch: ElkNode = { id: '<batch>', layoutOptions: { 'elk.algorithm': 'fixed' }, children: flows.map((f, k) => ({ ...flowGraph(f), id: `<flow>${k}` })), edges: [] };
    reached.length = 0;
    const result = await runner(structuredClone(batch));
    expect(reached).toEqual([]);
    expect(result.children).toEqual((await elk(structuredClone(batch))).children);
  });

  it('sends the costliest ELK work first, a chain counting for nothing: batches of chains go last', async () => {
    const text = generateArchitecture(300);
    const model = buildDiagramModel(analyze(text));
    const calls: ElkNode[] = [];
    await layoutDiagram(model, (g, signal) => {
      calls.push(g);
      return runner(g, signal);
    });
    const flowsOfCall = (g: ElkNode): ElkNode[] => (g.id === '<batch>' ? g.children ?? [] : [g]);
    const cost = (g: ElkNode): number => flowsOfCall(g).reduce((n, f) => n + ((f.edges ?? []).length && directLayout(f) ? 0 : (f.children ?? []).length + (f.edges ?? []).length), 0);
    const costs = calls.map(cost);
    expect(calls.length).toBeGreaterThan(2);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    // Some batch is mostly chains: by its nodes it would have gone before a flow it now follows.
    const nodes = calls.map((g) => flowsOfCall(g).reduce((n, f) => n + (f.children ?? []).length + (f.edges ?? []).length, 0));
    expect(nodes).not.toEqual([...nodes].sort((a, b) => b - a));
  });
});
