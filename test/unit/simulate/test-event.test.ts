/**
 * Send test event (server/src/core/simulate/test-event.ts): the catalog's samples per kind of node,
 * and a test event's run kept hop by hop with payloads, counts and depths, including the hops that go
 * wrong (throttled, redelivered, dead-lettered).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { runTestEvent, testEventSamples, type TestEventTrace } from '../../../server/src/core/simulate/test-event';

const ORDERS = analyze(readFileSync(resolve(__dirname, '../../../examples/orders.arch.yaml'), 'utf8')).graph;

const THROTTLED = analyze(`archflow: 1
name: jobs
region: eu-west-1
routers:
  jobs:
    type: queue
    visibilityTimeout: 30
    deadLetter: { queue: jobs-dlq, maxReceiveCount: 2 }
    to: { function: worker, batchSize: 1 }
  jobs-dlq:
    type: queue
consumers:
  worker:
    runtime: nodejs22.x
    timeout: 5
    reservedConcurrency: 0
`).graph;

const ok = (r: ReturnType<typeof runTestEvent>): TestEventTrace => {
  if ('problems' in r) throw new Error(r.problems.join('\n'));
  return r;
};

describe('test event samples', () => {
  it('offers a route per API route and the catalog events for a bus, emitted ones first', () => {
    expect(testEventSamples(ORDERS, 'checkout').map((s) => s.label)).toEqual(['POST /orders', 'GET /orders/{orderId}']);
    // The routes name no catalog event (`event:` on a route would give its example): an empty body to edit.
    expect(testEventSamples(ORDERS, 'checkout')[0]!.payload).toEqual({ route: 'POST /orders', body: {} });
    expect(testEventSamples(ORDERS, 'orderBus').map((s) => s.label)).toEqual(['OrderPlaced', 'OrderPaid', 'PaymentFailed']);
    // A queue a bus rule feeds: the EventBridge event of each catalog event the rule can match, as its message body.
    const billing = testEventSamples(ORDERS, 'billing');
    expect(billing.map((s) => s.label)).toEqual(['OrderPlaced (EventBridge event)']);
    expect(billing[0]!.payload).toMatchObject({ body: { source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { orderId: expect.any(String) } } });
    expect(testEventSamples(ORDERS, 'sendReceipt').map((s) => s.label)).toEqual(['OrderPaid (EventBridge event)']);
    expect(testEventSamples(ORDERS, 'audit')).toEqual([{ label: 'message', payload: { body: {} } }]);
    expect(testEventSamples(ORDERS, 'nope')).toEqual([]);
  });
});

describe('a test event run', () => {
  it('keeps every hop of the chain with its edge, payload, counts and depth', () => {
    const t = ok(runTestEvent(ORDERS, 'checkout', { route: 'POST /orders', body: { orderId: 'o-1', customerId: 'c', total: 5, items: [] } }));
    expect(t.label).toBe('request POST /orders');
    expect(t.events[0]).toMatchObject({ t: 0, type: 'arrive', node: 'checkout', detail: 'request POST /orders' });
    const placed = t.events.find((e) => e.type === 'deliver' && e.node === 'placeOrder' && e.to === 'orderBus')!;
    expect(placed.payload).toMatchObject({ source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { orderId: 'o-1' } });
    expect(t.events.map((e) => e.t)).toEqual([...t.events.map((e) => e.t)].sort((a, b) => a - b));
    expect(t.total).toBe(t.events.length);
    expect(t.nodes.find((n) => n.id === 'checkout')).toMatchObject({ received: 1, succeeded: 1 });
  });

  it('shows the throttled receives, the redelivery and the dead letter, in order', () => {
    const t = ok(runTestEvent(THROTTLED, 'jobs', { body: { job: 1 } }));
    const kinds = t.events.map((e) => `${e.type} ${e.node}${e.to ? ` → ${e.to}` : ''}`);
    // Reserved concurrency 0 throttles each receive; the message comes back after the visibility
    // timeout (30 s) and, received twice (maxReceiveCount), moves to the dead-letter queue at the next receive.
    expect(kinds.filter((k) => /throttle|visible|dead-letter|deliver/.test(k))).toEqual([
      'deliver jobs → jobs', 'throttle worker', 'visible jobs', 'throttle worker', 'visible jobs', 'deliver jobs → jobs-dlq', 'dead-letter jobs → jobs-dlq',
    ]);
    expect(t.nodes.find((n) => n.id === 'jobs')).toMatchObject({ deadLettered: 1 });
    expect(t.nodes.find((n) => n.id === 'worker')!.throttled).toBeGreaterThanOrEqual(2);
    const dead = t.events.find((e) => e.type === 'dead-letter')!;
    expect(dead.payload).toEqual({ job: 1 });
    expect(dead.t).toBeGreaterThanOrEqual(60_000);
  });

  it('answers what is wrong with a payload, a node or a kind, without running', () => {
    expect(runTestEvent(ORDERS, 'checkout', { route: 'POST /order' })).toEqual({ problems: ["route: API 'checkout' has no route 'POST /order'; it has 'POST /orders', 'GET /orders/{orderId}'. Did you mean 'POST /orders'?"] });
    expect(runTestEvent(ORDERS, 'orderBus', [])).toEqual({ problems: ['The payload must be a JSON object: the fields of the test event (see docs/simulate.md, `arrive`).'] });
    expect(runTestEvent(ORDERS, 'ghost', {})).toEqual({ problems: ["'ghost' is not a node of the architecture."] });
    expect(runTestEvent(ORDERS, 'orderBus', { event: 'OrderPlaced', bogus: 1 })).toMatchObject({ problems: [expect.stringMatching(/bogus/)] });
  });
});
