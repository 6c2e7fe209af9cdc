import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deleteElement, renameNode } from '../../../server/src/core/edit/delete';
import { applyEdits } from '../../../server/src/core/features/fixes';
import { analyze } from '../../../server/src/core/index';

const ORDERS = readFileSync(resolve(__dirname, '../../../examples/orders.arch.yaml'), 'utf8');

function deleted(text: string, id: (a: ReturnType<typeof analyze>) => string) {
  const a = analyze(text);
  const r = deleteElement(a, id(a));
  if ('error' in r) throw new Error(r.error);
  return { text: applyEdits(text, r.edits), preview: r.preview, title: r.title, errors: analyze(applyEdits(text, r.edits)).problems.filter((p) => p.severity === 'error') };
}

describe('delete a node: its declaration and every reference, with a preview', () => {
  it('removes a dead-letter queue from every rule target and destination that names it, comments kept', () => {
    const r = deleted(ORDERS, () => 'events-dlq');
    expect(r.title).toBe("delete queue 'events-dlq'");
    expect(r.preview).toEqual([
      { line: 68, before: '        to: [{ queue: billing, deadLetter: events-dlq }]', after: '        to: [{ queue: billing }]' },
      { line: 71, before: '        to: [{ function: sendReceipt, deadLetter: events-dlq }]', after: '        to: [{ function: sendReceipt }]' },
      { line: 74, before: '        to: [{ topic: alerts, deadLetter: events-dlq }]', after: '        to: [{ topic: alerts }]' },
      { line: 83, before: '  events-dlq:' },
      { line: 84, before: '    type: queue' },
      { line: 85, before: '    retention: 14d' },
      { line: 120, before: '    async: { onFailure: events-dlq }' },
    ]);
    expect(r.text).toBe(ORDERS
      .replace('[{ queue: billing, deadLetter: events-dlq }]', '[{ queue: billing }]')
      .replace('[{ function: sendReceipt, deadLetter: events-dlq }]', '[{ function: sendReceipt }]')
      .replace('[{ topic: alerts, deadLetter: events-dlq }]', '[{ topic: alerts }]')
      .replace('  events-dlq:\n    type: queue\n    retention: 14d\n', '')
      .replace('    async: { onFailure: events-dlq }\n', ''));
    expect(r.errors).toEqual([]);
  });

  it('removes a bus rule left without targets, and a block list item', () => {
    const billing = deleted(ORDERS, () => 'billing');
    expect(billing.text).not.toContain('placed:');
    expect(billing.text).not.toContain('billing:');
    expect(billing.text).toContain('      paid:');
    expect(billing.errors).toEqual([]);
    const audit = deleted(ORDERS, () => 'audit');
    expect(audit.text).toBe(ORDERS
      .replace("      - { queue: audit, filter: { detail: { severity: [high] } }, filterScope: body, deadLetter: alerts-dlq }\n", '')
      .replace('  audit:\n    type: queue\n    visibilityTimeout: 60\n    deadLetter: { queue: audit-dlq, maxReceiveCount: 5 }\n    to: { function: writeAudit, reportFailures: true }\n', ''));
    expect(audit.errors).toEqual([]);
  });

  it('folds a list left empty: `to: [x]` goes, a flow list loses one item', () => {
    const text = 'archflow: 1\nname: t\nrouters:\n  news:\n    type: topic\n    to: [a, b]   # two\n  solo:\n    type: topic\n    to: [a]\nconsumers:\n  a: {}\n  b: {}\n';
    expect(deleted(text, () => 'a').text).toBe('archflow: 1\nname: t\nrouters:\n  news:\n    type: topic\n    to: [b]   # two\n  solo:\n    type: topic\nconsumers:\n  b: {}\n');
    expect(deleted(text, () => 'b').text).toBe('archflow: 1\nname: t\nrouters:\n  news:\n    type: topic\n    to: [a]   # two\n  solo:\n    type: topic\n    to: [a]\nconsumers:\n  a: {}\n');
  });

  it('removes a section left empty', () => {
    const text = 'archflow: 1\nname: shop\nrouters:\n  jobs:\n    type: queue   # work\nconsumers:\n  worker:\n    timeout: 10\n';
    expect(deleted(text, () => 'worker').text).toBe('archflow: 1\nname: shop\nrouters:\n  jobs:\n    type: queue   # work\n');
    expect(deleted(text, () => 'jobs').text).toBe('archflow: 1\nname: shop\nconsumers:\n  worker:\n    timeout: 10\n');
  });
});

describe('delete an edge: the reference that makes it', () => {
  it('removes a subscription with its options', () => {
    const r = deleted(ORDERS, (a) => a.graph.edges.find((e) => e.from === 'alerts' && e.to === 'audit')!.id);
    expect(r.title).toBe('delete the connection alerts → audit');
    expect(r.preview).toEqual([{ line: 92, before: '      - { queue: audit, filter: { detail: { severity: [high] } }, filterScope: body, deadLetter: alerts-dlq }' }]);
  });

  it('removes a queue\'s consumer', () => {
    const r = deleted(ORDERS, (a) => a.graph.edges.find((e) => e.from === 'billing' && e.to === 'chargeCard')!.id);
    expect(r.text).toBe(ORDERS.replace('    to: { function: chargeCard, batchSize: 10, reportFailures: true }\n', ''));
  });

  it('says when the element is gone', () => {
    expect(deleteElement(analyze(ORDERS), 'nope')).toEqual({ error: "'nope' is not on the diagram any more." });
  });
});

describe('rename a node: the editor\'s rename', () => {
  it('renames the declaration and every reference', () => {
    const a = analyze(ORDERS);
    const r = renameNode(a, 'billing', 'payments');
    if ('error' in r) throw new Error(r.error);
    expect(r.title).toBe("rename queue 'billing' to 'payments'");
    expect(applyEdits(ORDERS, r.edits)).toBe(ORDERS.replace('  billing:\n', '  payments:\n').replace('{ queue: billing,', '{ queue: payments,'));
  });

  it('refuses what the editor refuses', () => {
    expect(renameNode(analyze(ORDERS), 'billing', 'audit')).toEqual({ error: "'audit' is already declared in routers. Names are unique across events, producers, routers and consumers." });
    expect(renameNode(analyze(ORDERS), 'billing', '1x')).toMatchObject({ error: expect.stringContaining("'1x' is not a valid name") });
  });
});
