/**
 * EventBridge Pipes reading an SQS queue, each case from AWS's documentation (EventBridge User Guide):
 * the filter (eb-pipes-event-filtering.html), batches and deletion (eb-pipes-sqs.html), customer
 * errors retried up to the source queue's maximum receive count (eb-pipes-error-troubleshooting.html).
 */
import { describe, expect, it } from 'vitest';
import { arch, scenarios, simulate } from './helpers';

const machine = `
  flow:
    type: state-machine
    definition: { StartAt: Done, States: { Done: { Type: Pass, End: true } } }`;

describe('EventBridge Pipes with an SQS source', () => {
  it('keeps the records a filter pattern matches and deletes the others from the queue (eb-pipes-event-filtering.html); one execution per batch', () => {
    const run = simulate(arch(`
routers:
  orders: { type: queue }
  ship:
    type: pipe
    source: { queue: orders, batchSize: 1 }
    filter: { body: { shipping: [{ anything-but: [none] }] } }
    to: { stateMachine: flow }
${machine}
`), scenarios(`
  s:
    arrive:
      - { message: { queue: orders, body: { id: a, shipping: express } } }
      - { message: { queue: orders, body: { id: b, shipping: none } } }
      - { message: { queue: orders, body: { id: c, shipping: standard } } }
    expect:
      - count: { node: flow, metric: received, exactly: 2 }
      - count: { node: ship, metric: filtered, exactly: 1 }
      - nothingLost: true
`));
    expect(run.outcomes.map((o) => [o.ok, o.detail])).toEqual([[true, 'received: 2'], [true, 'filtered: 1'], [true, 'nothing was']]);
    expect(run.happened('filter', 'ship').map((e) => [e.origin, e.detail])).toEqual([[1, 'no match for the pipe\'s filter: deleted']]);
    // Every message left the queue: the two forwarded and the one filtered out.
    expect(run.node('orders')).toMatchObject({ succeeded: 3, depth: { end: 0 } });
    expect(run.node('ship')).toMatchObject({ received: 3, succeeded: 2, filtered: 1 });
  });

  it('retries a batch its function target fails until the queue\'s maxReceiveCount, then the queue redrives it (eb-pipes-error-troubleshooting.html)', () => {
    const run = simulate(arch(`
routers:
  orders: { type: queue, visibilityTimeout: 30, deadLetter: { queue: orders-dlq, maxReceiveCount: 2 } }
  orders-dlq: { type: queue }
  forward:
    type: pipe
    source: { queue: orders, batchSize: 1 }
    to: { function: handle }
consumers:
  handle: { timeout: 5 }
`), scenarios(`
  s:
    functions: { handle: { fails: 100% } }
    arrive: [{ message: { queue: orders, body: { id: 1 } } }]
    expect:
      - deadLettered: { queue: orders-dlq, exactly: 1 }
      - count: { node: handle, metric: invocations, exactly: 2 }
`));
    expect(run.outcomes.map((o) => [o.ok, o.detail])).toEqual([[true, '1 message arrived in \'orders-dlq\' as dead letters'], [true, 'invocations: 2']]);
    expect(run.happened('receive', 'orders').map((e) => [e.t, e.to, e.count])).toEqual([[0, 'forward', 1], [30_000, 'forward', 1]]);
    expect(run.happened('dead-letter', 'orders').map((e) => [e.t, e.to, e.detail])).toEqual([[60_000, 'orders-dlq', 'received 2 times (maxReceiveCount 2)']]);
    expect(run.node('forward')).toMatchObject({ received: 2, failed: 2, succeeded: 0 });
  });

  it('sends each record of a batch to a queue target, through to that queue\'s consumer', () => {
    const run = simulate(arch(`
routers:
  inbox: { type: queue }
  relay: { type: pipe, source: { queue: inbox, batchSize: 10 }, to: { queue: outbox } }
  outbox: { type: queue, to: worker }
consumers:
  worker: {}
`), scenarios(`
  s:
    arrive: [{ name: m, message: { queue: inbox, body: { id: 1 } }, count: 4 }]
    expect:
      - delivered: { of: m, to: worker }
      - count: { node: outbox, metric: received, exactly: 4 }
`));
    expect(run.outcomes.map((o) => [o.ok, o.detail])).toEqual([[true, '4 of 4 arrivals did; slowest 100 ms'], [true, 'received: 4']]);
  });
});
