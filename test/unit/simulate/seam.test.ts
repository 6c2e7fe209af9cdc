/**
 * The seam where a runner of the real generated handlers plugs in: a `Behaviour` may answer with a
 * promise (a handler in a worker), and `runScenarioAsync` awaits it at the same virtual time, so the
 * run is the one the same answers given at once would make. Each call offers the AWS event as Lambda
 * delivers it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { DeclaredBehaviour, readScenarioFile, resolveScenarios, runScenario, runScenarioAsync } from '../../../server/src/core/simulate/index';
import type { Behaviour, HandlerCall } from '../../../server/src/core/simulate/index';

const ROOT = resolve(__dirname, '../../..');
const graph = analyze(readFileSync(resolve(ROOT, 'examples/orders.arch.yaml'), 'utf8')).graph;
const { scenarios } = resolveScenarios(readScenarioFile(readFileSync(resolve(ROOT, 'examples/orders.scenario.yaml'), 'utf8')), graph);
const cardDeclined = scenarios.find((s) => s.name === 'card-declined')!;

describe('the handler seam', () => {
  it('a behaviour that answers with promises gives the same run as the same answers given at once', async () => {
    const sync = runScenario(graph, cardDeclined, { timeline: Infinity });
    const declared = new DeclaredBehaviour(graph, cardDeclined.plans, cardDeclined.seed);
    const later: Behaviour = { run: (call) => new Promise((done) => setImmediate(() => done(declared.run(call)))) };
    const async = await runScenarioAsync(graph, cardDeclined, { timeline: Infinity, behaviour: later });
    expect(async.nodes).toEqual(sync.nodes);
    expect(async.timeline).toEqual(sync.timeline);
    expect(async.outcomes.map((o) => o.ok)).toEqual([true, true, true, true]);
  });

  it('offers each invocation its AWS event as Lambda delivers it: an SQS batch to chargeCard, an API request to placeOrder', () => {
    const calls: HandlerCall[] = [];
    const declared = new DeclaredBehaviour(graph, cardDeclined.plans, cardDeclined.seed);
    runScenario(graph, { ...cardDeclined, until: 5000 }, { timeline: 0, behaviour: { run: (call) => (calls.push(call), declared.run(call)) } });
    const place = calls.find((c) => c.function === 'placeOrder')!;
    expect(place).toMatchObject({ mode: 'sync', attempt: 1, source: { kind: 'api', node: 'checkout', route: 'POST /orders' } });
    expect(place.event()).toMatchObject({ version: '2.0', routeKey: 'POST /orders', requestContext: { http: { method: 'POST', path: '/orders' } } });
    expect(JSON.parse((place.event() as { body: string }).body)).toMatchObject({ orderId: 'small-0', total: 20 });
    const charge = calls.find((c) => c.function === 'chargeCard')!;
    expect(charge).toMatchObject({ mode: 'batch', source: { kind: 'sqs', node: 'billing', reportFailures: true } });
    const records = (charge.event() as { Records: { eventSource: string; body: string; attributes: { ApproximateReceiveCount: string } }[] }).Records;
    expect(records[0]).toMatchObject({ eventSource: 'aws:sqs', attributes: { ApproximateReceiveCount: '1' } });
    expect(JSON.parse(records[0]!.body)).toMatchObject({ source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { orderId: 'small-0' } });
  });
});
