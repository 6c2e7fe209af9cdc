import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, buildGraph, locate, parse } from '../../server/src/core/index';

const ORDERS = readFileSync(resolve(__dirname, '../../examples/orders.arch.yaml'), 'utf8');

describe('graph of the order-processing example', () => {
  const { graph, doc } = analyze(ORDERS);

  it('has every node with its kind and lane', () => {
    const nodes = [...graph.nodes.values()].map((n) => `${n.lane} ${n.kind} ${n.id}`);
    expect(nodes).toEqual([
      'producer http-api checkout',
      'router event-bus orderBus',
      'router queue billing',
      'router queue billing-dlq',
      'router queue events-dlq',
      'router topic alerts',
      'router queue alerts-dlq',
      'router queue audit',
      'router queue audit-dlq',
      'consumer function placeOrder',
      'consumer function getOrder',
      'consumer function chargeCard',
      'consumer function sendReceipt',
      'consumer function pager',
      'consumer function writeAudit',
    ]);
  });

  it('derives edges from `to` and `emits`, with their options and meaning', () => {
    const edges = graph.edges.map((e) => `${e.from} -${e.kind}/${e.mechanism}-> ${e.to}${e.event ? ` [${e.event}]` : ''}${e.rule ? ` (${e.rule})` : ''}`);
    expect(edges).toEqual([
      'checkout -trigger/route-> placeOrder',
      'checkout -trigger/route-> getOrder',
      'orderBus -trigger/rule-> billing (placed)',
      'orderBus -dead-letter/redrive-> events-dlq',
      'orderBus -trigger/rule-> sendReceipt (paid)',
      'orderBus -dead-letter/redrive-> events-dlq',
      'orderBus -trigger/rule-> alerts (failed)',
      'orderBus -dead-letter/redrive-> events-dlq',
      'billing -trigger/queue-mapping-> chargeCard',
      'billing -dead-letter/redrive-> billing-dlq',
      'alerts -trigger/subscription-> pager',
      'alerts -dead-letter/redrive-> alerts-dlq',
      'alerts -trigger/subscription-> audit',
      'alerts -dead-letter/redrive-> alerts-dlq',
      'audit -trigger/queue-mapping-> writeAudit',
      'audit -dead-letter/redrive-> audit-dlq',
      'placeOrder -emit/emit-> orderBus [OrderPlaced]',
      'chargeCard -emit/emit-> orderBus [OrderPaid]',
      'chargeCard -emit/emit-> orderBus [PaymentFailed]',
      'sendReceipt -on-failure/failure-destination-> events-dlq',
      'pager -on-failure/failure-destination-> alerts-dlq',
    ]);
    const mapping = graph.edges.find((e) => e.mechanism === 'queue-mapping' && e.from === 'billing')!;
    expect(mapping.options).toEqual({ batchSize: 10, reportFailures: true });
  });

  it('points every node and edge back at its source text', () => {
    const span = (p: readonly (string | number)[], t?: 'key' | 'value') => {
      const s = locate(doc.yaml, ORDERS, p, t);
      return ORDERS.slice(s.start, s.end);
    };
    for (const node of graph.nodes.values()) expect(span(node.pointer, 'key')).toBe(node.id);
    for (const edge of graph.edges) expect(span(edge.pointer)).toBe(edge.to);
  });

  it('resolves function settings from the function, then defaults, then AWS defaults', () => {
    const charge = graph.nodes.get('chargeCard')!.fn!;
    expect(charge.timeout).toEqual({ value: 25, at: ['consumers', 'chargeCard', 'timeout'] });
    expect(charge.memory).toEqual({ value: 256, at: ['defaults', 'memory'] });
    expect(charge.tmp).toEqual({ value: 512 });
  });

  it('records every declaration and reference of a name', () => {
    const billing = graph.occurrences.filter((o) => o.name === 'billing').map((o) => `${o.role} ${o.pointer.join('/')}`);
    expect(billing).toEqual(['declaration routers/billing', 'reference routers/orderBus/rules/placed/to/0/queue']);
  });
});

describe('graph building is defensive', () => {
  const cases: [string, unknown][] = [
    ['not a map', 42],
    ['sections of the wrong type', { producers: [1, 2], routers: 'x', consumers: null }],
    ['targets of the wrong type', { routers: { q: { type: 'queue', to: [{ function: 3 }, null, true] } } }],
    ['emits that is not a list', { consumers: { f: { emits: { to: 'x' } } } }],
    ['rules that are not maps', { routers: { b: { type: 'event-bus', rules: { r: 'x', s: { to: { bus: 'b' } } } } } }],
  ];
  for (const [name, value] of cases) {
    it(name, () => {
      expect(() => buildGraph(value)).not.toThrow();
    });
  }

  it('a reference to a node of a kind it cannot name lists the kinds it can, in plain English', () => {
    const text = 'routers:\n  q: { type: queue }\nproducers:\n  api: { type: http-api, routes: { GET /a: f } }\nconsumers:\n  f: { type: function, emits: [{ to: api }] }\n';
    const { findings } = buildGraph(parse(text).value);
    expect(findings.map((f) => [f.code, f.message])).toEqual([['ref/wrong-kind', "'api' is an HTTP API; what function 'f' emits to must be a WebSocket API, a bucket, a table, a queue, a topic, an event bus, a stream, a Firehose stream, a state machine or a function."]]);
  });

  it('an edge whose target is missing is reported, not drawn', () => {
    const { graph, findings } = buildGraph(parse('routers: { q: { type: queue, to: ghost } }').value);
    expect(graph.edges).toEqual([]);
    expect(findings.map((f) => f.code)).toEqual(['ref/unknown']);
  });
});
