/**
 * The simulator's semantics, service by service, each case from AWS's documentation (the source is
 * named on each case; keys like Q17 are those of shared/reference/aws-limits.md). Each case runs a
 * small architecture with a scenario, as `archflow simulate` would, and asserts on what a user reads:
 * counters, timeline times and expectations.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { readScenarioFile, resolveScenarios, runScenario } from '../../../server/src/core/simulate/index';
import { arch, scenarios, simulate } from './helpers';

describe('SQS and its Lambda poller', () => {
  it('redrives a message after exactly maxReceiveCount receives, one visibility timeout apart (Q17, Q5; sqs-dead-letter-queues.html)', () => {
    const run = simulate(arch(`
routers:
  jobs: { type: queue, visibilityTimeout: 30, deadLetter: { queue: jobs-dlq, maxReceiveCount: 3 }, to: worker }
  jobs-dlq: { type: queue }
consumers:
  worker: { timeout: 5 }
`), scenarios(`
  s:
    functions: { worker: { fails: 100% } }
    arrive: [{ message: { queue: jobs, body: { id: 1 } } }]
    expect:
      - deadLettered: { queue: jobs-dlq, exactly: 1 }
      - count: { node: worker, metric: invocations, exactly: 3 }
`));
    expect(run.outcomes.map((o) => [o.ok, o.detail])).toEqual([[true, '1 message arrived in \'jobs-dlq\' as dead letters'], [true, 'invocations: 3']]);
    expect(run.happened('receive', 'jobs').map((e) => e.t)).toEqual([0, 30_000, 60_000]);
    expect(run.happened('dead-letter', 'jobs').map((e) => [e.t, e.to, e.detail])).toEqual([[90_000, 'jobs-dlq', 'received 3 times (maxReceiveCount 3)']]);
    expect(run.node('jobs').retried).toBe(2);
  });

  it('loses a message whose queue has no dead-letter queue only when its retention runs out (Q4)', () => {
    const run = simulate(arch(`
routers:
  jobs: { type: queue, visibilityTimeout: 30, retention: 60, to: worker }
consumers:
  worker: { timeout: 5 }
`), scenarios(`
  s:
    functions: { worker: { fails: 100% } }
    arrive: [{ message: { queue: jobs, body: { id: 1 } } }]
    expect: [nothingLost: true]
`));
    // At 60 s the message is past its retention before it can be received a third time.
    expect(run.happened('receive', 'jobs').map((e) => e.t)).toEqual([0, 30_000]);
    expect(run.node('jobs').lostWhy).toEqual({ 'retention 60 s ran out': 1 });
    expect(run.outcomes[0]!.detail).toBe('1 message lost: 1 at \'jobs\' (retention 60 s ran out)');
    expect(run.passed).toBe(false);
  });

  it('blocks a FIFO message group behind its failing message while the other groups go on (sqs-fifo-queue-message-ordering.html)', () => {
    const run = simulate(arch(`
routers:
  orders: { type: queue, fifo: true, contentBasedDeduplication: true, visibilityTimeout: 30, deadLetter: { queue: orders-dlq, maxReceiveCount: 2 }, to: { function: worker, batchSize: 1 } }
  orders-dlq: { type: queue, fifo: true, contentBasedDeduplication: true }
consumers:
  worker: { timeout: 5 }
`), scenarios(`
  s:
    functions: { worker: { failsWhen: { bad: [true] } } }
    arrive:
      - { message: { queue: orders, group: A, body: { name: a1, bad: true } } }
      - { at: 1ms, message: { queue: orders, group: A, body: { name: a2 } } }
      - { at: 2ms, message: { queue: orders, group: B, body: { name: b1 } } }
      - { at: 3ms, message: { queue: orders, group: B, body: { name: b2 } } }
    expect:
      - orderKept: { function: worker }
      - deadLettered: { queue: orders-dlq, exactly: 1 }
`));
    expect(run.passed).toBe(true);
    // B goes on at once; A's second message waits until its first is dead-lettered after 2 receives.
    const succeeded = run.happened('succeed', 'worker').map((e) => [e.t, e.origin]);
    expect(succeeded).toEqual([[102, 2], [202, 3], [60_100, 1]]);
    expect(run.happened('dead-letter', 'orders').map((e) => e.t)).toEqual([60_000]);
  });

  it('retries only the records a partial batch response reports failed (services-sqs-errorhandling.html)', () => {
    const run = simulate(arch(`
routers:
  jobs: { type: queue, visibilityTimeout: 30, deadLetter: { queue: jobs-dlq, maxReceiveCount: 2 }, to: { function: worker, batchSize: 10, batchWindow: 1, reportFailures: true } }
  jobs-dlq: { type: queue }
consumers:
  worker: { timeout: 5 }
`), scenarios(`
  s:
    functions: { worker: { failsWhen: { n: ['3', '7'] } } }
    arrive: [{ message: { queue: jobs, body: { n: '\${n}' } }, count: 10 }]
`));
    // A full batch goes at once; the 2 failed records come back at 30 s and wait for the 1 s window.
    expect(run.happened('invoke', 'worker').map((e) => [e.t, e.count])).toEqual([[0, 10], [31_000, 2]]);
    expect(run.node('worker')).toMatchObject({ invocations: 2, received: 12, succeeded: 8, failed: 4 });
    expect(run.node('jobs-dlq').deadLetters).toBe(2);
  });

  it('without partial batch responses, one failing record brings the whole batch back', () => {
    const run = simulate(arch(`
routers:
  jobs: { type: queue, visibilityTimeout: 30, deadLetter: { queue: jobs-dlq, maxReceiveCount: 2 }, to: { function: worker, batchSize: 10, batchWindow: 1 } }
  jobs-dlq: { type: queue }
consumers:
  worker: { timeout: 5 }
`), scenarios(`
  s:
    functions: { worker: { failsWhen: { n: ['3'] } } }
    arrive: [{ message: { queue: jobs, body: { n: '\${n}' } }, count: 10 }]
`));
    expect(run.happened('invoke', 'worker').map((e) => [e.t, e.count])).toEqual([[0, 10], [30_000, 10]]);
    expect(run.node('jobs-dlq').deadLetters).toBe(10);
  });

  it('drops a duplicate FIFO message sent within the 5-minute deduplication interval, and takes it after (Q12)', () => {
    const run = simulate(arch(`
routers:
  orders: { type: queue, fifo: true, to: worker }
consumers:
  worker: {}
`), scenarios(`
  s:
    until: 20m
    arrive:
      - { message: { queue: orders, group: g, deduplicationId: same, body: { v: 1 } }, count: 2, every: 4m }
      - { at: 10m, message: { queue: orders, group: g, deduplicationId: same, body: { v: 1 } } }
`));
    expect(run.happened('dedup', 'orders').map((e) => e.t)).toEqual([240_000]);
    expect(run.node('worker').succeeded).toBe(2);
  });

  it('throttles at the function\'s reserved concurrency, and the batch comes back after the visibility timeout (L19, services-sqs-scaling.html)', () => {
    const run = simulate(arch(`
routers:
  jobs: { type: queue, visibilityTimeout: 30, to: { function: worker, batchSize: 1 } }
consumers:
  worker: { timeout: 10, reservedConcurrency: 2 }
`), scenarios(`
  s:
    functions: { worker: { takes: 2s } }
    arrive: [{ message: { queue: jobs, body: {} }, count: 3 }]
    expect: [noThrottling: true]
`));
    expect(run.node('worker')).toMatchObject({ throttled: 1, succeeded: 3 });
    expect(run.happened('invoke', 'worker').map((e) => e.t)).toEqual([0, 0, 30_000]);
    expect(run.outcomes[0]!.detail).toBe('1 invocation throttled: 1 of \'worker\'');
  });
});

describe('Lambda', () => {
  it('retries a failed asynchronous event twice, 1 and 2 minutes later, then sends it to the on-failure destination (A1)', () => {
    const run = simulate(arch(`
producers:
  uploads: { type: bucket, notifications: [{ on: [ObjectCreated], to: resize, suffix: .jpg }] }
routers:
  failures: { type: queue }
consumers:
  resize: { async: { onFailure: failures } }
`), scenarios(`
  s:
    functions: { resize: { fails: 100% } }
    arrive: [{ upload: { bucket: uploads, key: cat.jpg } }, { upload: { bucket: uploads, key: notes.txt } }]
`));
    expect(run.happened('invoke', 'resize').map((e) => e.t)).toEqual([0, 60_100, 180_200]);
    expect(run.happened('destination', 'resize').map((e) => [e.t, e.to, e.detail])).toEqual([[180_300, 'failures', 'RetriesExhausted: failed 3 times']]);
    expect(run.node('failures').deadLetters).toBe(1);
  });

  it('stops a recursive loop through SQS at the 17th invocation and dead-letters the message (R1)', () => {
    const run = simulate(arch(`
routers:
  loop: { type: queue, deadLetter: { queue: loop-dlq, maxReceiveCount: 3 }, to: echo }
  loop-dlq: { type: queue }
consumers:
  echo: { emits: [loop] }
`), scenarios(`
  s:
    arrive: [{ message: { queue: loop, body: { hop: 0 } } }]
`));
    expect(run.node('echo').invocations).toBe(16);
    expect(run.happened('loop-stop', 'echo')).toHaveLength(1);
    expect(run.node('loop-dlq').deadLetters).toBe(1);
    expect(run.happened('dead-letter', 'loop').map((e) => e.detail)).toEqual(['recursive loop stopped']);
  });

  it('answers 504 when a route\'s function runs past the API\'s integration timeout, 500 when it is throttled (G2, services-apigateway-errors.html)', () => {
    const run = simulate(arch(`
producers:
  api: { type: http-api, routes: { 'POST /slow': slow, 'POST /busy': busy } }
consumers:
  slow: { timeout: 60 }
  busy: { reservedConcurrency: 1 }
`), scenarios(`
  s:
    functions: { slow: { takes: 45s }, busy: { takes: 1s } }
    arrive:
      - { request: { api: api, route: POST /slow } }
      - { request: { api: api, route: POST /busy }, count: 2 }
    expect: [{ responses: { api: api, status: 2xx, share: 30% } }]
`));
    expect(run.happened('respond', 'api').map((e) => [e.t, e.detail])).toEqual([
      [0, 'POST /busy → 500 (the function was throttled)'],
      [1000, 'POST /busy → 200'],
      [30_000, 'POST /slow → 504 (integration timeout 30 s)'],
    ]);
    expect(run.outcomes[0]!.detail).toBe('1 of 3 answers (1 2xx, 2 5xx)');
    expect(run.passed).toBe(true);
  });
});

describe('SNS', () => {
  it('drops a message a subscription\'s filter policy does not match, on attributes or on the body (N3, sns-subscription-filter-policies.html)', () => {
    const run = simulate(arch(`
routers:
  alerts:
    type: topic
    to:
      - { queue: high, filter: { severity: [high] } }
      - { queue: eu, filter: { region: [{ prefix: eu- }] }, filterScope: body }
  high: { type: queue }
  eu: { type: queue }
`), scenarios(`
  s:
    arrive:
      - { publish: { topic: alerts, message: { region: eu-west-1 }, attributes: { severity: high } } }
      - { publish: { topic: alerts, message: { region: us-east-1 }, attributes: { severity: low } } }
      - { publish: { topic: alerts, message: 'not json' } }
`));
    expect(run.node('high').received).toBe(1);
    expect(run.node('eu').received).toBe(1);
    expect(run.node('alerts')).toMatchObject({ received: 3, succeeded: 2, filtered: 4 });
  });
});

describe('EventBridge', () => {
  it('routes an event to the rules whose pattern matches (the pattern engine), and drops one no rule matches', () => {
    const run = simulate(arch(`
routers:
  bus:
    type: event-bus
    rules:
      big: { pattern: { source: [shop], detail: { total: [{ numeric: ['>', 100] }] } }, to: big }
      all: { pattern: { source: [shop] }, to: all }
  big: { type: queue }
  all: { type: queue }
`), scenarios(`
  s:
    arrive:
      - { event: { bus: bus, source: shop, detailType: Order, detail: { total: 500 } } }
      - { event: { bus: bus, source: shop, detailType: Order, detail: { total: 5 } } }
      - { event: { bus: bus, source: other, detailType: Order, detail: {} } }
`));
    expect([run.node('big').received, run.node('all').received]).toEqual([1, 2]);
    expect(run.node('bus').filtered).toBe(1);
  });

  it('retries a target that refuses an event and sends it to the target\'s dead-letter queue when the retries are used up (T1)', () => {
    const run = simulate(arch(`
routers:
  bus:
    type: event-bus
    rules:
      all: { pattern: { source: [shop] }, to: [{ queue: work, retry: { attempts: 3, maxAge: 1h }, deadLetter: bus-dlq }] }
  work: { type: queue }
  bus-dlq: { type: queue }
`), scenarios(`
  s:
    outages: [{ node: work }]
    arrive: [{ event: { bus: bus, source: shop, detailType: Order } }]
`));
    expect(run.node('bus')).toMatchObject({ retried: 3, deadLettered: 1 });
    expect(run.node('bus-dlq').deadLetters).toBe(1);
  });
});

describe('Kinesis', () => {
  it('halves a failing batch with bisectOnError until the failing record is alone, then sends it to the on-failure destination (with-kinesis.html)', () => {
    const run = simulate(arch(`
routers:
  clicks:
    type: stream
    shards: 1
    to: { function: worker, startingPosition: TRIM_HORIZON, batchSize: 4, batchWindow: 1, bisectOnError: true, maxRetries: 0, onFailure: failed }
  failed: { type: queue }
consumers:
  worker: {}
`), scenarios(`
  s:
    functions: { worker: { failsWhen: { bad: [true] } } }
    arrive:
      - { record: { stream: clicks, partitionKey: k, data: { n: 1 } } }
      - { at: 1ms, record: { stream: clicks, partitionKey: k, data: { n: 2 } } }
      - { at: 2ms, record: { stream: clicks, partitionKey: k, data: { bad: true } } }
      - { at: 3ms, record: { stream: clicks, partitionKey: k, data: { n: 4 } } }
`));
    // [1 2 bad 4] fails → [1 2] ok, [bad 4] fails → [bad] fails and is discarded, [4] ok.
    expect(run.happened('invoke', 'worker').map((e) => e.count ?? 1)).toEqual([4, 2, 2, 1, 1]);
    expect(run.happened('discard', 'clicks').map((e) => e.detail)).toEqual(['error: retried 0 times']);
    expect(run.node('worker').succeeded).toBe(3);
    expect(run.node('failed').deadLetters).toBe(1);
    expect(run.node('clicks').deadLettered).toBe(1);
  });

  it('keeps a shard blocked behind a failing record until maxRetries, in order (with-kinesis.html)', () => {
    const run = simulate(arch(`
routers:
  clicks:
    type: stream
    shards: 1
    to: { function: worker, startingPosition: TRIM_HORIZON, batchSize: 1, maxRetries: 2 }
consumers:
  worker: {}
`), scenarios(`
  s:
    functions: { worker: { failsWhen: { bad: [true] } } }
    arrive:
      - { record: { stream: clicks, partitionKey: k, data: { bad: true } } }
      - { record: { stream: clicks, partitionKey: k, data: { n: 2 } } }
    expect: [nothingLost: true]
`));
    // The bad record is tried 3 times (1 + 2 retries) before the good one behind it runs.
    expect(run.happened('invoke', 'worker').map((e) => e.origin)).toEqual([0, 0, 0, 1]);
    expect(run.outcomes[0]!.ok).toBe(false);
    expect(run.node('clicks').lostWhy).toEqual({ 'error: retried 2 times, no on-failure destination': 1 });
  });
});

describe('a run that cannot end', () => {
  it('stops, says why, and does not pass, when messages multiply without end through a loop Lambda does not detect (EventBridge: R1)', () => {
    const a = analyze(arch(`
routers:
  bus: { type: event-bus, rules: { again: { pattern: { source: [loop] }, to: echo } } }
consumers:
  echo: { emits: [{ to: bus, event: Ping }, { to: bus, event: Pong }] }
events:
  Ping: { source: loop }
  Pong: { source: loop }
`));
    const sd = readScenarioFile(scenarios(`
  s:
    arrive: [{ event: { bus: bus, event: Ping } }]
    expect: [nothingLost: true]
`));
    const run = runScenario(a.graph, resolveScenarios(sd, a.graph).scenarios[0]!, { timeline: 0, maxPending: 5000 });
    expect(run.stopped).toMatch(/^stopped at 2025-01-15T00:00:0\d\.\d{3}Z \(\d s in\): more than 5,000 steps were waiting, messages multiply faster than they are handled/);
    expect(run.passed).toBe(false);
    expect(run.outcomes[0]!.ok).toBe(true);
  });
});

