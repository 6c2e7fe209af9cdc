import { describe, expect, it } from 'vitest';
import { quickFixes, refactorings } from '../../../server/src/core/features/actions';
import { applyEdits } from '../../../server/src/core/features/fixes';
import { analyze } from '../../../server/src/core/index';

function refactored(text: string, word: string, title: RegExp): string {
  const a = analyze(text);
  const offset = text.indexOf(word) + 1;
  const action = refactorings(a, { start: offset, end: offset }).find((x) => title.test(x.title));
  if (!action) throw new Error(`no ${title} at ${word}: ${refactorings(a, { start: offset, end: offset }).map((x) => x.title).join(', ')}`);
  return applyEdits(text, [...action.edits]);
}

/** The text outside the edited lines is byte for byte the same: only these lines were added or changed. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return b.slice(head, b.length - tail);
}

describe('Add a dead-letter queue', () => {
  it('gives a FIFO queue a FIFO dead-letter queue and keeps everything else byte for byte', () => {
    const text = 'archflow: 1   # orders\nname: t\nrouters:\n  # ordered work\n  jobs.fifo:\n    type: queue\n    fifo: true   # per customer\n    to: worker\n\n  other: { type: queue }\nconsumers:\n  worker: {}\n';
    const after = refactored(text, 'jobs.fifo', /^Add a dead-letter queue/);
    expect(changedLines(text, after)).toEqual([
      '    deadLetter: { queue: jobs-dlq.fifo, maxReceiveCount: 5 }',
      '  jobs-dlq.fifo: { type: queue, fifo: true, retention: 14d }',
    ]);
    expect(analyze(after).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('picks a free name and is not offered on a queue that has one', () => {
    const text = 'archflow: 1\nname: t\nrouters:\n  jobs: { type: queue }\n  jobs-dlq: { type: queue }\n  done: { type: queue, deadLetter: { queue: jobs } }\n';
    expect(refactored(text, 'jobs:', /dead-letter/)).toContain("jobs: { type: queue, deadLetter: { queue: jobs-dlq2, maxReceiveCount: 5 } }\n  jobs-dlq2: { type: queue, retention: 14d }");
    const a = analyze(text);
    const offset = text.indexOf('done') + 1;
    expect(refactorings(a, { start: offset, end: offset }).map((x) => x.title)).toEqual([]);
  });
});

describe('Put a queue between this producer and its consumer', () => {
  it('on a bus rule target: the object keeps its options, the queue covers the function timeout', () => {
    const text = 'archflow: 1\nname: t\nrouters:\n  bus:\n    type: event-bus\n    rules:\n      paid:\n        pattern: { source: [shop] }\n        to: { function: charge, retry: { attempts: 3 } }\nconsumers:\n  charge: { timeout: 60 }\n';
    const after = refactored(text, 'function: charge', /^Put a queue/);
    expect(changedLines(text, after)).toEqual([
      '        to: { queue: charge-queue, retry: { attempts: 3 } }',
      '  charge-queue: { type: queue, visibilityTimeout: 360, to: charge }',
    ]);
    expect(analyze(after).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('creates the routers section when there is none', () => {
    const text = 'archflow: 1\nname: t\nproducers:\n  nightly: { type: schedule, schedule: rate(1 day), to: job }\nconsumers:\n  job: {}\n';
    const after = refactored(text, 'to: job', /^Put a queue/);
    expect(analyze(after).graph.edges.map((e) => `${e.from}→${e.to}`).sort()).toEqual(['job-queue→job', 'nightly→job-queue']);
  });

  it('is not offered on a queue mapping or an API route', () => {
    const text = 'archflow: 1\nname: t\nproducers:\n  api: { type: http-api, routes: { POST /a: f } }\nrouters:\n  q: { type: queue, to: f }\nconsumers:\n  f: {}\n';
    const a = analyze(text);
    for (const word of ['POST /a: f', 'to: f']) {
      const offset = text.indexOf(word) + word.length - 1;
      expect(refactorings(a, { start: offset, end: offset }).filter((x) => x.title.startsWith('Put a queue'))).toEqual([]);
    }
  });
});

describe('quick fixes', () => {
  it('declare a missing catalog event with the source of the others', () => {
    const text = 'archflow: 1\nname: t\nevents:\n  A: { source: shop.orders }\nrouters:\n  b: { type: event-bus }\nconsumers:\n  f: { emits: [{ to: b, event: Missing }] }\n';
    const a = analyze(text);
    const p = a.problems.find((x) => x.code === 'ref/unknown-event')!;
    const [fix] = quickFixes(a, [{ fix: p.fix!, pointer: p.pointer }]);
    expect(changedLines(text, applyEdits(text, [...fix!.edits]))).toEqual(['  Missing: { source: shop.orders }']);
  });

  it('offer one declaration per kind the place accepts, a consumer first', () => {
    const text = 'archflow: 1\nname: t\nrouters:\n  t: { type: topic, to: [x] }\n';
    const a = analyze(text);
    const p = a.problems.find((x) => x.code === 'ref/unknown')!;
    const fixes = quickFixes(a, [{ fix: p.fix!, pointer: p.pointer }]);
    expect(fixes.map((f) => f.title)).toEqual(['Declare missing consumer `x`', 'Declare missing queue `x`']);
    expect(applyEdits(text, [...fixes[1]!.edits])).toBe('archflow: 1\nname: t\nrouters:\n  t: { type: topic, to: [x] }\n  x: { type: queue }\n');
    expect(applyEdits(text, [...fixes[0]!.edits])).toBe('archflow: 1\nname: t\nrouters:\n  t: { type: topic, to: [x] }\nconsumers: { x: {} }\n');
  });
});
