import { describe, expect, it } from 'vitest';
import { slotAt } from '../../../server/src/core/features/slots';
import { analyze } from '../../../server/src/core/index';

/**
 * Completion offers, for each place a name is written, the kinds the graph accepts there. The two are
 * written separately (features/slots.ts and model/build-graph.ts); this table checks they agree: an
 * unknown name at each place makes build-graph report the kinds it wanted, and slotAt must say the same
 * (or, after a kind key such as `{ queue: X }`, that one kind).
 */
const SITES: [string, string][] = [
  ['route', 'producers:\n  api: { type: http-api, routes: { POST /a: X } }'],
  ['route target object', 'producers:\n  api: { type: http-api, routes: { POST /a: { queue: X } } }'],
  ['bucket notification', 'producers:\n  b: { type: bucket, notifications: [{ on: [ObjectCreated], to: X }] }'],
  ['schedule target', 'producers:\n  s: { type: schedule, schedule: rate(1 day), to: X }'],
  ['schedule dead-letter queue', 'producers:\n  s: { type: schedule, schedule: rate(1 day), to: f, deadLetter: X }\nconsumers: { f: {} }'],
  ['table stream reader', 'producers:\n  t: { type: table, stream: NEW_IMAGE, to: X }'],
  ['table stream reader object', 'producers:\n  t: { type: table, stream: NEW_IMAGE, to: { function: X, startingPosition: LATEST } }'],
  ['table on-failure', 'producers:\n  t: { type: table, stream: NEW_IMAGE, to: [{ function: f, startingPosition: LATEST, onFailure: X }] }\nconsumers: { f: {} }'],
  ['queue consumer', 'routers:\n  q: { type: queue, to: X }'],
  ['queue consumer object', 'routers:\n  q: { type: queue, to: { function: X } }'],
  ['queue dead-letter queue', 'routers:\n  q: { type: queue, deadLetter: { queue: X } }'],
  ['topic subscriber', 'routers:\n  t: { type: topic, to: [f, X] }\nconsumers: { f: {} }'],
  ['topic subscriber object', 'routers:\n  t: { type: topic, to: [{ queue: X }] }'],
  ['subscription dead-letter queue', 'routers:\n  t: { type: topic, to: [{ function: f, deadLetter: X }] }\nconsumers: { f: {} }'],
  ['bus rule target', 'routers:\n  b: { type: event-bus, rules: { r: { pattern: { source: [a] }, to: X } } }'],
  ['bus rule targets', 'routers:\n  b: { type: event-bus, rules: { r: { pattern: { source: [a] }, to: [f, X] } } }\nconsumers: { f: {} }'],
  ['bus rule target dead-letter queue', 'routers:\n  b: { type: event-bus, rules: { r: { pattern: { source: [a] }, to: { function: f, deadLetter: X } } } }\nconsumers: { f: {} }'],
  ['stream reader', 'routers:\n  s: { type: stream, to: { function: X, startingPosition: LATEST } }'],
  ['function emits', 'consumers:\n  f: { emits: [X] }'],
  ['function emits object', 'consumers:\n  f: { emits: [{ to: X }] }'],
  ['async on-failure', 'consumers:\n  f: { async: { onFailure: X } }'],
  ['async on-success', 'consumers:\n  f: { async: { onSuccess: X } }'],
  ['function invokes object', 'consumers:\n  f: { emits: [{ to: X, invocation: async }] }'],
  ['external target', 'routers:\n  e: { type: external, to: X }'],
];

describe('slotAt agrees with the graph on the kinds each reference accepts', () => {
  for (const [name, body] of SITES) {
    it(name, () => {
      const a = analyze(`archflow: 1\nname: t\n${body}\n`, { only: [] });
      const unknown = a.problems.find((p) => p.code === 'ref/unknown' && p.message.includes("'X'"));
      expect(unknown, JSON.stringify(a.problems.map((p) => p.message))).toBeDefined();
      const [section, node] = unknown!.pointer;
      const config = ((a.doc.value as Record<string, Record<string, unknown>>)[String(section)] ?? {})[String(node)];
      const slot = slotAt(unknown!.pointer, config);
      const wanted = (unknown!.fix as unknown as { kinds: string[] }).kinds;
      const stated = { queue: 'queue', topic: 'topic', bus: 'event-bus', stream: 'stream', bucket: 'bucket', table: 'table' }[String(unknown!.pointer.at(-1))];
      if (stated) {
        // `{ queue: X }`: the key says the kind; completion narrows to it, which the graph accepts there.
        expect(slot).toEqual({ namespace: 'node', kinds: [stated] });
        expect(wanted).toContain(stated);
      } else {
        expect(slot && 'kinds' in slot ? slot.kinds.filter((k) => k !== 'external') : []).toEqual(wanted);
      }
    });
  }
});

describe('event slots', () => {
  const config = { type: 'event-bus', rules: { r: { pattern: {}, to: 'f' } } };
  it('a route or an emit names a catalog event', () => {
    expect(slotAt(['producers', 'api', 'routes', 'POST /a', 'event'], { type: 'http-api' })).toEqual({ namespace: 'event' });
    expect(slotAt(['consumers', 'f', 'emits', 0, 'event'], {})).toEqual({ namespace: 'event' });
  });
  it("a rule's pattern names the detail types and sources of the bus", () => {
    expect(slotAt(['routers', 'orders', 'rules', 'r', 'pattern', 'detail-type', 0], config)).toEqual({ namespace: 'detail-type', bus: 'orders' });
    expect(slotAt(['routers', 'orders', 'rules', 'r', 'pattern', 'source'], config)).toEqual({ namespace: 'source', bus: 'orders' });
  });
  it('other places take no name', () => {
    expect(slotAt(['routers', 'q', 'visibilityTimeout'], { type: 'queue' })).toBeUndefined();
    expect(slotAt(['routers', 'q', 'to'], { type: 'nonsense' })).toBeUndefined();
    expect(slotAt(['name'], undefined)).toBeUndefined();
  });
});
