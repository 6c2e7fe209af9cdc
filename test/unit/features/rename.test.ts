import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../server/src/core/features/fixes';
import { prepareRename, rename } from '../../../server/src/core/features/rename';
import { analyze } from '../../../server/src/core/index';

function renamed(text: string, word: string, newName: string): string | { error: string } {
  const a = analyze(text);
  const r = rename(a, text.indexOf(word) + 1, newName);
  return 'error' in r ? r : applyEdits(text, [...r.edits]);
}

describe('rename', () => {
  it('quotes a new name YAML would read as something else, in values only where it is needed', () => {
    const text = 'archflow: 1\nname: t\nrouters:\n  q: { type: queue, to: worker }\nconsumers:\n  worker: {}\n';
    expect(renamed(text, 'worker: {}', 'true')).toBe(text.replace('to: worker', 'to: "true"').replace('  worker: {}', '  "true": {}'));
  });

  it('keeps single quotes', () => {
    const text = "archflow: 1\nname: t\nrouters:\n  q: { type: queue, to: 'worker' }\nconsumers:\n  worker: {}\n";
    expect(renamed(text, 'worker: {}', 'w2')).toBe(text.replace("'worker'", "'w2'").replace('  worker: {}', '  w2: {}'));
  });

  it('follows names into IAM policy resources', () => {
    const text = 'archflow: 1\nname: t\nrouters:\n  q: { type: queue, to: f }\nconsumers:\n  f:\n    emits: [q]\n    policies:\n      - { actions: [sqs:SendMessage], resources: [q, "*"] }\n';
    expect(renamed(text, 'q: {', 'jobs')).toBe(text.replace('  q: {', '  jobs: {').replace('emits: [q]', 'emits: [jobs]').replace('resources: [q,', 'resources: [jobs,'));
  });

  it('follows a function into the emits that invoke it and the destinations that name it', () => {
    const text = 'archflow: 1\nname: t\nconsumers:\n  caller:\n    emits: [pricing, { to: ledger, invocation: async }]\n  ledger:\n    async: { onSuccess: pricing, onFailure: pricing }\n  pricing: {}\n';
    expect(renamed(text, 'pricing: {}', 'quote')).toBe(text.replace('emits: [pricing,', 'emits: [quote,').replace('onSuccess: pricing, onFailure: pricing', 'onSuccess: quote, onFailure: quote').replace('  pricing: {}', '  quote: {}'));
  });

  it('leaves a pattern alone when the event sets its own detail type', () => {
    const text = 'archflow: 1\nname: t\nevents:\n  Paid: { source: s, detailType: Paid }\nrouters:\n  b: { type: event-bus, rules: { r: { pattern: { detail-type: [Paid] }, to: f } } }\nconsumers:\n  f: { emits: [{ to: b, event: Paid }] }\n';
    expect(renamed(text, 'Paid: {', 'Settled')).toBe(text.replace('  Paid: {', '  Settled: {').replace('event: Paid', 'event: Settled'));
  });

  it("refuses a FIFO queue's new name without .fifo", () => {
    const text = 'archflow: 1\nname: t\nrouters:\n  q.fifo: { type: queue, fifo: true }\n';
    expect(renamed(text, 'q.fifo', 'q2')).toEqual({ error: "'q.fifo' is a FIFO queue: its name must end in '.fifo'." });
    expect(renamed(text, 'q.fifo', 'q2.fifo')).toBe(text.replace('q.fifo', 'q2.fifo'));
  });

  it('allows two buses to have rules of the same name', () => {
    const text = 'archflow: 1\nname: t\nrouters:\n  a: { type: event-bus, rules: { r1: { pattern: { source: [x] }, to: f }, r2: { pattern: { source: [y] }, to: f } } }\n  b: { type: event-bus, rules: { r3: { pattern: { source: [x] }, to: f } } }\nconsumers:\n  f: {}\n';
    expect(renamed(text, 'r3', 'r1')).toBe(text.replace('r3', 'r1'));
    expect(renamed(text, 'r2', 'r1')).toEqual({ error: "Event bus 'a' already has a rule named 'r1'." });
  });

  it('prepares only on names', () => {
    const text = 'archflow: 1\nname: t\nconsumers:\n  worker: { timeout: 3 }\n';
    const a = analyze(text);
    expect(prepareRename(a, text.indexOf('worker') + 2)).toEqual({ span: { start: text.indexOf('worker'), end: text.indexOf('worker') + 6 }, placeholder: 'worker' });
    expect('error' in prepareRename(a, text.indexOf('timeout'))).toBe(true);
    expect('error' in prepareRename(a, text.indexOf('name'))).toBe(true);
  });
});

describe('a rename keeps the deployed identity of what holds data (previousName)', () => {
  const after = (text: string, word: string, newName: string, deployed: string[]): string => {
    const a = analyze(text);
    const r = rename(a, text.indexOf(word) + 1, newName, { deployed: new Set(deployed) });
    if ('error' in r) throw new Error(r.error);
    return applyEdits(text, r.edits);
  };
  const BLOCK = 'archflow: 1\nname: t\nproducers:\n  orders:\n    type: table\n    partitionKey: id\nconsumers:\n  w: { emits: [orders] }\n';

  it('a deployed table renamed in block style gets previousName', () => {
    expect(after(BLOCK, 'orders:', 'purchases', ['orders'])).toBe('archflow: 1\nname: t\nproducers:\n  purchases:\n    type: table\n    partitionKey: id\n    previousName: orders\nconsumers:\n  w: { emits: [purchases] }\n');
  });

  it('in flow style too', () => {
    const flow = 'archflow: 1\nname: t\nrouters:\n  jobs: { type: queue, to: w }\nconsumers:\n  w: {}\n';
    expect(after(flow, 'jobs:', 'work', ['jobs'])).toBe('archflow: 1\nname: t\nrouters:\n  work: { type: queue, to: w, previousName: jobs }\nconsumers:\n  w: {}\n');
  });

  it('not for a node never deployed, nor for a kind without data', () => {
    expect(after(BLOCK, 'orders:', 'purchases', [])).not.toContain('previousName');
    const topic = 'archflow: 1\nname: t\nrouters:\n  alerts: { type: topic }\n';
    expect(after(topic, 'alerts:', 'alarms', ['alerts'])).toBe('archflow: 1\nname: t\nrouters:\n  alarms: { type: topic }\n');
  });

  it('a second rename keeps the first previousName; renaming back removes it', () => {
    const once = after(BLOCK, 'orders:', 'purchases', ['orders']);
    const twice = after(once, 'purchases:', 'sales', ['orders']);
    expect(twice).toContain('  sales:\n    type: table\n    partitionKey: id\n    previousName: orders\n');
    expect(after(twice, 'sales:', 'orders', ['orders'])).toBe(BLOCK);
  });
});
