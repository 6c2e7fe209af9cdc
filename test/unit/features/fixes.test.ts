import { describe, expect, it } from 'vitest';
import { applyEdits, fixEdits } from '../../../server/src/core/features/fixes';
import { parse } from '../../../server/src/core/parse/parse';
import type { Fix, Pointer } from '../../../server/src/core/span';

/** Applies a fix to a text and returns the result. */
function fixed(text: string, fix: Fix, at: Pointer = []): string {
  const edits = fixEdits(parse(text), fix, at);
  expect(edits.length, 'the fix produced no edit').toBeGreaterThan(0);
  return applyEdits(text, edits);
}

const set = (at: Pointer, value: unknown, extra: Record<string, unknown> = {}): Fix => ({ kind: 'set-value', title: 't', at, value, ...extra });

describe('set-value', () => {
  it('replaces a plain scalar and keeps the comment after it', () => {
    expect(fixed('a:\n  memory: 20000   # big\n  b: 1\n', set(['a', 'memory'], 10240))).toBe('a:\n  memory: 10240   # big\n  b: 1\n');
  });
  it('keeps double quotes', () => {
    expect(fixed('runtime: "nodejs14.x"\n', set(['runtime'], 'nodejs24.x'))).toBe('runtime: "nodejs24.x"\n');
  });
  it('keeps single quotes and escapes them', () => {
    expect(fixed("a: 'x'\n", set(['a'], "it's"))).toBe("a: 'it''s'\n");
  });
  it('quotes a plain string that would read back as something else', () => {
    expect(fixed('a: x\n', set(['a'], 'true'))).toBe('a: "true"\n');
    expect(fixed('a: x\n', set(['a'], '14d'))).toBe('a: 14d\n');
  });
  it('replaces a duration string with a number', () => {
    expect(fixed('q: { retention: 20d }\n', set(['q', 'retention'], 1209600))).toBe('q: { retention: 1209600 }\n');
  });
  it('inserts a missing key into a block map with its indentation, after the last entry', () => {
    const text = 'routers:\n  jobs:\n    type: queue   # the queue\n    to:\n      - a\n    # trailing\nconsumers: {}\n';
    expect(fixed(text, set(['routers', 'jobs', 'visibilityTimeout'], 60)))
      .toBe('routers:\n  jobs:\n    type: queue   # the queue\n    to:\n      - a\n    visibilityTimeout: 60\n    # trailing\nconsumers: {}\n');
  });
  it('inserts into a flow map before the closing brace', () => {
    expect(fixed('routers:\n  jobs: { type: queue, to: worker }  # c\n', set(['routers', 'jobs', 'visibilityTimeout'], 60)))
      .toBe('routers:\n  jobs: { type: queue, to: worker, visibilityTimeout: 60 }  # c\n');
  });
  it('inserts into an empty flow map', () => {
    expect(fixed('consumers:\n  worker: {}\n', set(['consumers', 'worker', 'timeout'], 30))).toBe('consumers:\n  worker: { timeout: 30 }\n');
  });
  it('fills a key without a value', () => {
    expect(fixed('consumers:\n  worker:\n  other: {}\n', set(['consumers', 'worker', 'timeout'], 30))).toBe('consumers:\n  worker: { timeout: 30 }\n  other: {}\n');
  });
  it('creates the missing maps on the way', () => {
    expect(fixed('consumers:\n  worker:\n    memory: 256\n', set(['consumers', 'worker', 'async', 'retries'], 1)))
      .toBe('consumers:\n  worker:\n    memory: 256\n    async: { retries: 1 }\n');
  });
  it('expands a bare reference when the fix names its key', () => {
    expect(fixed('producers:\n  t:\n    type: table\n    to: agg # reader\n', set(['producers', 't', 'to', 'startingPosition'], 'LATEST', { refKey: 'function' })))
      .toBe('producers:\n  t:\n    type: table\n    to: { function: agg, startingPosition: LATEST } # reader\n');
  });
  it('works in list items', () => {
    expect(fixed('to:\n  - function: a\n    batchSize: 5\n  - b\n', set(['to', 0, 'bisectOnError'], true)))
      .toBe('to:\n  - function: a\n    batchSize: 5\n    bisectOnError: true\n  - b\n');
  });
  it('keeps CRLF line ends', () => {
    expect(fixed('a:\r\n  b: 1\r\nc: 2\r\n', set(['a', 'x'], 2))).toBe('a:\r\n  b: 1\r\n  x: 2\r\nc: 2\r\n');
  });
  it('gives no edit when the path does not lead to a map', () => {
    expect(fixEdits(parse('a: [1, 2]\n'), set(['a', 'b', 'c'], 1))).toEqual([]);
  });
});

describe('insert-property', () => {
  it('inserts after a given key', () => {
    const fix: Fix = { kind: 'insert-property', title: 't', at: ['r'], key: 'n', value: { type: 'queue' }, after: 'a' };
    expect(fixed('r:\n  a:\n    x: 1\n  b: 2\n', fix)).toBe('r:\n  a:\n    x: 1\n  n: { type: queue }\n  b: 2\n');
    expect(fixed('r: { a: 1, b: 2 }\n', fix)).toBe('r: { a: 1, n: { type: queue }, b: 2 }\n');
  });
});

describe('remove-property', () => {
  const rm = (at: Pointer): Fix => ({ kind: 'remove-property', title: 't', at });
  it('removes a block entry with its line', () => {
    expect(fixed('to:\n  function: w\n  batchWindow: 5 # x\n  batchSize: 10\n', rm(['to', 'batchWindow']))).toBe('to:\n  function: w\n  batchSize: 10\n');
  });
  it('removes a flow entry with its comma', () => {
    expect(fixed('to: { function: w, batchWindow: 5, batchSize: 10 }\n', rm(['to', 'batchWindow']))).toBe('to: { function: w, batchSize: 10 }\n');
    expect(fixed('to: { batchWindow: 5, function: w }\n', rm(['to', 'batchWindow']))).toBe('to: { function: w }\n');
    expect(fixed('to: { batchWindow: 5 }\n', rm(['to', 'batchWindow']))).toBe('to: {}\n');
  });
  it('removes the first key of a list item', () => {
    expect(fixed('to:\n  - batchWindow: 5\n    function: w\n', rm(['to', 0, 'batchWindow']))).toBe('to:\n  - function: w\n');
  });
});

describe('rename-key', () => {
  it('renames the key the problem points at', () => {
    const fix: Fix = { kind: 'rename-key', title: 't', from: 'visibilityTimout', to: 'visibilityTimeout' };
    expect(fixed('jobs:\n  visibilityTimout: 60 # c\n', fix, ['jobs', 'visibilityTimout'])).toBe('jobs:\n  visibilityTimeout: 60 # c\n');
  });
});

describe('add-dead-letter-queue', () => {
  const fix: Fix = { kind: 'add-dead-letter-queue', title: 't', queue: ['routers', 'jobs'], name: 'jobs-dlq', retention: '14d', maxReceiveCount: 5 };
  it('declares the queue after the source and sets deadLetter (block)', () => {
    expect(fixed('routers:\n  jobs:\n    type: queue\n    to: w\n  other: { type: topic }\n', fix))
      .toBe('routers:\n  jobs:\n    type: queue\n    to: w\n    deadLetter: { queue: jobs-dlq, maxReceiveCount: 5 }\n  jobs-dlq: { type: queue, retention: 14d }\n  other: { type: topic }\n');
  });
  it('declares the queue after the source and sets deadLetter (flow)', () => {
    expect(fixed('routers:\n  jobs: { type: queue, to: w }\n', { ...fix, name: 'a-dlq.fifo', fifo: true }))
      .toBe('routers:\n  jobs: { type: queue, to: w, deadLetter: { queue: a-dlq.fifo, maxReceiveCount: 5 } }\n  a-dlq.fifo: { type: queue, fifo: true, retention: 14d }\n');
  });
});

describe('applyEdits', () => {
  it('applies edits in offset order and keeps same-offset inserts in array order', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 5, newText: 'E' }, { start: 1, end: 1, newText: 'x' }, { start: 1, end: 1, newText: 'y' }])).toBe('axybcdEf');
  });
  it('skips an overlapping edit', () => {
    expect(applyEdits('abcdef', [{ start: 1, end: 4, newText: '-' }, { start: 2, end: 3, newText: '+' }])).toBe('a-ef');
  });
});

describe('unknown kinds', () => {
  it('give no edit (a fix is checked with parseFix where it comes from outside; this is the last guard)', () => {
    expect(fixEdits(parse('a: 1\n'), { kind: 'no-such-kind', title: 't' } as unknown as Fix)).toEqual([]);
  });
});
