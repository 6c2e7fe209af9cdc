import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { buildDiagramModel, flowGraph, flowShape, flowsOf, layoutDiagram, type ElkRunner, type LaidOutDiagram } from '../../../server/src/core/layout/index';
import { createElkRunner } from '../../../server/src/core/layout/elk-runner';
import { createShapeStore } from '../../../server/src/layout/shape-store';

const ORDERS = readFileSync(resolve(__dirname, '../../../examples/orders.arch.yaml'), 'utf8');
const elk = createElkRunner();

/** ELK in process, counting the flows it is asked to lay out (a batch counts its flows). */
function counting(): { run: ElkRunner; flows: () => number } {
  let flows = 0;
  return {
    run: (graph, signal) => {
      flows += graph.id === '<batch>' ? graph.children!.length : 1;
      return elk(graph, signal);
    },
    flows: () => flows,
  };
}

const model = (text: string) => buildDiagramModel(analyze(text));
/** Three flows of different shapes: an API and its function, a topic and two consumers, a lone topic. */
const THREE = 'archflow: 1\nname: t\nproducers:\n  api: { type: http-api, routes: { GET /a: fa } }\nrouters:\n  q: { type: topic, to: [c1, c2] }\n  lone: { type: topic }\nconsumers:\n  fa: {}\n  c1: {}\n  c2: {}\n';

describe('the layouts of flow shapes kept on disk', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'archflow-shapes-'));
    file = join(dir, 'cache', 'layout-shapes.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lays a file out again, in a new session, without ELK and with the same drawing', async () => {
    const first = counting();
    const store = createShapeStore(file);
    const before = await layoutDiagram(model(ORDERS), first.run, undefined, undefined, store);
    expect(first.flows()).toBeGreaterThan(0);
    store.flush();
    expect(JSON.parse(readFileSync(file, 'utf8')).shapes.length).toBe(store.size);

    const again = counting();
    const reopened = createShapeStore(file);
    expect(reopened.size).toBe(store.size);
    const after = await layoutDiagram(model(ORDERS), again.run, undefined, undefined, reopened);
    expect(again.flows()).toBe(0);
    expect(after).toEqual(before);
  });

  it('serves the flows of a shape seen in another file, and lays out only the new ones', async () => {
    const store = createShapeStore(file);
    await layoutDiagram(model(THREE), elk, undefined, undefined, store);
    const other = counting();
    // Another file: the same API flow, and a new one (a queue with one consumer).
    const text = 'archflow: 1\nname: u\nproducers:\n  api: { type: http-api, routes: { GET /a: fa } }\nrouters:\n  r: { type: queue, to: c9 }\nconsumers:\n  fa: {}\n  c9: {}\n';
    const mixed = await layoutDiagram(model(text), other.run, undefined, undefined, store);
    expect(other.flows()).toBe(1);
    expect(mixed).toEqual(await layoutDiagram(model(text), elk));
  });

  it('does not use a stored layout that does not fit its flow, nor a store of another ELK version', async () => {
    const m = model(THREE);
    const graphs = flowsOf(m).map(flowGraph).filter((g) => g.children!.length > 1);
    const store = createShapeStore(file);
    // A damaged entry under the right key: one box too few, then a box whose x is not a number.
    const plain = await layoutDiagram(m, elk);
    store.set(flowShape(graphs[0]!), { id: '<shape>', children: [], edges: [] });
    store.set(flowShape(graphs[1]!), { id: '<shape>', children: graphs[1]!.children!.map((_, i) => ({ id: String(i), x: i ? 0 : ('1' as unknown as number), y: 0, width: 1, height: 1 })), edges: [] });
    const seen = counting();
    expect(await layoutDiagram(m, seen.run, undefined, undefined, store)).toEqual(plain);
    expect(seen.flows()).toBe(2);

    store.flush();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...data, elk: '0.0.1' }));
    expect(createShapeStore(file).size).toBe(0);
    writeFileSync(file, '{ not json');
    const empty = createShapeStore(file);
    expect(empty.size).toBe(0);
    const fresh = counting();
    const d: LaidOutDiagram = await layoutDiagram(m, fresh.run, undefined, undefined, empty);
    expect(d).toEqual(plain);
    expect(fresh.flows()).toBe(2);
  });

  it('keeps at most `max` shapes, dropping the least recently used', () => {
    const store = createShapeStore(file, { max: 2 });
    const shape = (n: number) => ({ id: '<shape>', children: [{ id: '0', x: n, y: 0, width: 1, height: 1 }], edges: [] });
    store.set('a', shape(1));
    store.set('b', shape(2));
    expect(store.get('a')?.children?.[0]?.x).toBe(1); // a is now the most recent
    store.set('c', shape(3));
    expect(store.size).toBe(2);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.children?.[0]?.x).toBe(1);
    expect(store.get('c')?.children?.[0]?.x).toBe(3);
  });

  it('keeps its shapes in memory when the folder cannot be written', async () => {
    writeFileSync(join(dir, 'cache'), 'a file where the folder should be');
    const store = createShapeStore(file);
    const first = counting();
    await layoutDiagram(model(THREE), first.run, undefined, undefined, store);
    store.flush();
    const again = counting();
    await layoutDiagram(model(THREE), again.run, undefined, undefined, store);
    expect(first.flows()).toBe(2);
    expect(again.flows()).toBe(0);
  });
});
