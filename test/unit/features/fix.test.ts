import { describe, expect, it } from 'vitest';
import { parseFix, type Fix } from '../../../server/src/core/fix';

describe('parseFix (a fix from a client is untrusted)', () => {
  const good: Fix[] = [
    { kind: 'set-value', title: 'Set it', at: ['routers', 'q', 'visibilityTimeout'], value: 150 },
    { kind: 'set-value', title: 'Start at LATEST', at: ['routers', 's', 'to'], value: 'LATEST', refKey: 'function' },
    { kind: 'insert-property', title: 'FIFO', at: ['routers', 'q'], key: 'fifo', value: true, after: 'type' },
    { kind: 'remove-property', title: 'Remove batchWindow', at: ['routers', 'q', 'to', 'batchWindow'] },
    { kind: 'append-item', title: 'Allow', at: ['consumers', 'f', 'policies'], value: { actions: ['sqs:SendMessage'], resources: ['q'] } },
    { kind: 'rename-key', title: "Change to 'memory'", to: 'memory', from: 'memroy' },
    { kind: 'add-dead-letter-queue', title: 'Add', queue: ['routers', 'q'], name: 'q-dlq', fifo: false, retention: '14d', maxReceiveCount: 5 },
    { kind: 'declare-node', title: 'Declare', name: 'x', kinds: ['function', 'queue'] },
    { kind: 'declare-event', title: 'Declare event', name: 'OrderPaid' },
    { kind: 'insert-queue', title: 'Put a queue', at: ['producers', 'b', 'notifications', 0, 'to'], name: 'f-queue', target: 'f', visibilityTimeout: 60 },
    { kind: 'wrap-value', title: 'Nest', at: ['routers', 't', 'to', 0, 'filter'], key: 'detail' },
    { kind: 'rename-node', title: 'Rename', name: 'q', to: 'q.fifo' },
    { kind: 'several', title: 'Both', fixes: [{ kind: 'remove-property', title: 'a', at: ['x'] }, { kind: 'rename-node', title: 'b', name: 'q', to: 'r' }] },
  ];
  for (const fix of good) {
    it(`keeps a well-formed ${fix.kind} fix`, () => expect(parseFix(JSON.parse(JSON.stringify(fix)))).toEqual(fix));
  }

  const bad: [string, unknown][] = [
    ['not an object', 'set-value'],
    ['an array', [{ kind: 'set-value' }]],
    ['no title', { kind: 'remove-property', at: [] }],
    ['an unknown kind', { kind: 'run-command', title: 'x', command: 'rm -rf /' }],
    ['an inherited kind', { kind: 'toString', title: 'x' }],
    ['a pointer that is a string', { kind: 'set-value', title: 'x', at: 'routers/q', value: 1 }],
    ['a pointer with a negative index', { kind: 'remove-property', title: 'x', at: ['a', -1] }],
    ['a missing field', { kind: 'insert-property', title: 'x', at: ['a'], value: 1 }],
    ['a field of the wrong type', { kind: 'rename-key', title: 'x', to: 42 }],
    ['kinds that are not names', { kind: 'declare-node', title: 'x', name: 'n', kinds: [1] }],
    ['a bad fix among several', { kind: 'several', title: 'x', fixes: [{ kind: 'remove-property', title: 'a', at: ['x'] }, { kind: 'nope', title: 'b' }] }],
    ['several nested too deep', { kind: 'several', title: 'x', fixes: [{ kind: 'several', title: 'x', fixes: [{ kind: 'several', title: 'x', fixes: [{ kind: 'several', title: 'x', fixes: [] }] }] }] }],
  ];
  for (const [name, value] of bad) {
    it(`refuses ${name}`, () => expect(parseFix(value)).toBeUndefined());
  }

  it('drops fields a kind does not have', () => {
    expect(parseFix({ kind: 'remove-property', title: 'x', at: ['a'], command: 'rm -rf /' })).toEqual({ kind: 'remove-property', title: 'x', at: ['a'] });
  });
});
