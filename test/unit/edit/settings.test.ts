import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftSettings, nodeSettings, setSetting } from '../../../server/src/core/edit/settings';
import { applyEdits } from '../../../server/src/core/features/fixes';
import { analyze } from '../../../server/src/core/index';

const ORDERS = readFileSync(resolve(__dirname, '../../../examples/orders.arch.yaml'), 'utf8');

describe('settings panel', () => {
  it('lists a node\'s key settings as written, with the schema\'s unit, limit and default', () => {
    const s = nodeSettings(analyze(ORDERS), 'billing')!;
    expect(s.title).toBe("queue 'billing'");
    expect(s.fields.map((f) => [f.key, f.value, f.unit, f.limit, f.default])).toEqual([
      ['visibilityTimeout', '150', 'seconds', '0–43,200 s', '30'],
      ['retention', '', 'seconds', '60–1,209,600 s', '345600'],
      ['delay', '', 'seconds', '0–900 s', '0'],
      ['receiveWait', '', 'seconds', '0–20 s', '0'],
      ['maxMessageSize', '', 'bytes', '1,024–1,048,576 bytes', '1048576'],
      ['to/batchSize', '10', 'messages', 'standard 1–10,000, FIFO 1–10', '10'],
      ['to/reportFailures', 'true', undefined, undefined, 'false'],
      ['deadLetter/maxReceiveCount', '5', 'receives', '1–1,000', '10'],
      ['description', '', undefined, undefined, undefined],
    ]);
    expect(nodeSettings(analyze(ORDERS), 'chargeCard')!.fields.map((f) => [f.key, f.value])).toEqual([
      ['memory', ''], ['timeout', '25'], ['tmp', ''], ['reservedConcurrency', ''], ['description', 'Charges the card; reports the outcome on the bus.'],
    ]);
    expect(nodeSettings(analyze(ORDERS), 'orderBus')!.fields.map((f) => [f.key, f.value])).toEqual([['description', "The shop's order life cycle"]]);
    expect(nodeSettings(analyze(ORDERS), 'checkout')!.fields.map((f) => [f.key, f.value])).toEqual([['cors', 'true'], ['description', '']]);
  });

  it('lists a connection\'s options: a rule\'s name, pattern and the target\'s dead-letter queue; a subscription\'s filter', () => {
    const a = analyze(ORDERS);
    const rule = nodeSettings(a, 'edge:/routers/orderBus/rules/paid/to/0/function')!;
    expect(rule.title).toBe("rule 'paid': event bus 'orderBus' → function 'sendReceipt'");
    expect(rule.fields.map((f) => [f.key, f.value, f.multiline ?? false])).toEqual([
      ['rule', 'paid', false], ['pattern', '{ source: [shop.payments], detail-type: [OrderPaid] }', true], ['deadLetter', 'events-dlq', false],
    ]);
    expect(nodeSettings(a, 'edge:/routers/alerts/to/1/queue')!.fields.map((f) => [f.key, f.value, f.default])).toEqual([
      ['filter', '{ detail: { severity: [high] } }', undefined], ['filterScope', 'body', 'attributes'], ['deadLetter', 'alerts-dlq', undefined],
    ]);
    expect(nodeSettings(a, 'edge:/producers/checkout/routes/GET ~1orders~1{orderId}')!.fields.map((f) => [f.key, f.value])).toEqual([['route', 'GET /orders/{orderId}']]);
    // A renamed rule keeps its place; a route key is written plain.
    const renamed = setSetting(a, 'edge:/producers/checkout/routes/POST ~1orders', 'route', 'PUT /orders');
    expect('edits' in renamed && applyEdits(ORDERS, renamed.edits)).toBe(ORDERS.replace('      POST /orders: placeOrder', '      PUT /orders: placeOrder'));
    expect(setSetting(a, 'edge:/producers/checkout/routes/POST ~1orders', 'route', 'GET /orders/{orderId}')).toEqual({ error: "'GET /orders/{orderId}' is already written next to 'POST /orders'." });
    // A map typed as JSON or YAML that is not one: said at the field, nothing written.
    expect(setSetting(a, 'edge:/routers/alerts/to/1/queue', 'filter', '{ detail: ')).toMatchObject({ error: expect.stringMatching(/^Filter policy: /) });
    expect(nodeSettings(a, 'event:OrderPaid')!.fields.map((f) => f.key)).toEqual(['source', 'description', 'maxBytes', 'schema']);
    expect(nodeSettings(a, '#architecture')!.fields.map((f) => [f.key, f.value, f.limit])).toEqual([
      ['name', 'orders', undefined], ['region', 'eu-west-1', undefined], ['description', 'Order processing for the web shop', undefined],
      ['defaults/runtime', 'nodejs24.x', undefined], ['defaults/memory', '256', '128–10,240 MB'], ['defaults/timeout', '10', '1–900 s'], ['defaults/architecture', 'arm64', undefined],
    ]);
  });

  it('lints a draft value without applying it', () => {
    const a = analyze(ORDERS);
    const draft = draftSettings(a, 'billing', 'visibilityTimeout', '20', (t) => analyze(t))!;
    expect(draft.fields[0]!.problems).toEqual([
      "sqs/visibility-timeout: The visibility timeout 20 s of queue 'billing' is below the timeout of its consumer 'chargeCard' (25 s): Lambda rejects the event source mapping. Use at least 150 s (6 × 25 s).",
    ]);
    expect(draftSettings(a, 'chargeCard', 'memory', '64', (t) => analyze(t))!.fields[0]!.problems).toEqual([
      "lambda/memory-range: The memory of function 'chargeCard' is 64 MB; Lambda allows 128–10,240 MB.",
    ]);
  });

  it.each([
    ['billing', 'visibilityTimeout', '180', ORDERS.replace('visibilityTimeout: 150 ', 'visibilityTimeout: 180 ')],
    ['billing', 'retention', '4d', ORDERS.replace('    to: { function: chargeCard, batchSize: 10, reportFailures: true }\n', '    to: { function: chargeCard, batchSize: 10, reportFailures: true }\n    retention: 4d\n')],
    ['audit', 'to/batchSize', '5', ORDERS.replace('to: { function: writeAudit, reportFailures: true }', 'to: { function: writeAudit, reportFailures: true, batchSize: 5 }')],
    ['chargeCard', 'timeout', '', ORDERS.replace('    timeout: 25\n    description: Charges', '    description: Charges')],
  ])('writes %s %s = %j as a minimal edit', (id, key, value, expected) => {
    const r = setSetting(analyze(ORDERS), id, key, value);
    if ('error' in r) throw new Error(r.error);
    expect(applyEdits(ORDERS, r.edits)).toBe(expected);
  });

  it('refuses a setting the panel does not edit', () => {
    expect(setSetting(analyze(ORDERS), 'billing', 'fifo', 'true')).toEqual({ error: "'fifo' is not a setting the panel edits for queue 'billing'." });
  });
});

describe('quick fixes from a node\'s badge', () => {
  it('lists the quick fixes of the node\'s problems and applies one by title', async () => {
    const { applyNodeFix } = await import('../../../server/src/core/edit/settings');
    const text = ORDERS.replace('visibilityTimeout: 150 ', 'visibilityTimeout: 20  ');
    const a = analyze(text);
    expect(nodeSettings(a, 'billing')!.fixes.map((f) => f.title)).toEqual(['Set visibilityTimeout to 150']);
    const r = applyNodeFix(a, 'billing', 'Set visibilityTimeout to 150');
    if ('error' in r) throw new Error(r.error);
    expect(r.title).toBe('Set visibilityTimeout to 150 (sqs/visibility-timeout)');
    expect(applyEdits(text, r.edits)).toBe(text.replace('visibilityTimeout: 20 ', 'visibilityTimeout: 150 '));
    expect(applyNodeFix(analyze(ORDERS), 'billing', 'Set visibilityTimeout to 150')).toEqual({ error: "'Set visibilityTimeout to 150' no longer applies to queue 'billing'." });
  });
});
