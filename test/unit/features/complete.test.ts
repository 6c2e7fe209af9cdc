import { describe, expect, it } from 'vitest';
import { complete, type CompletionEntry } from '../../../server/src/core/features/complete';
import { applyEdits } from '../../../server/src/core/features/fixes';
import { analyze } from '../../../server/src/core/index';

const BASE = `archflow: 1
name: shop
routers:
  jobs:
    type: queue
    to: worker
  audit: { type: queue, to: writer }
consumers:
  worker: {}
  writer: {}
`;

/** Completes at the `|` of a text. */
function at(textWithCaret: string, options = {}): { items: CompletionEntry[]; text: string; apply(label: string): string } {
  const offset = textWithCaret.indexOf('|');
  const text = textWithCaret.slice(0, offset) + textWithCaret.slice(offset + 1);
  const items = complete(analyze(text), offset, options);
  return {
    items,
    text,
    apply(label) {
      const item = items.find((i) => i.label === label);
      if (!item) throw new Error(`no ${label} in ${items.map((i) => i.label).join(', ')}`);
      return applyEdits(text, [{ start: item.span.start, end: item.span.end, newText: item.insertText }]);
    },
  };
}

const labels = (items: CompletionEntry[]): string[] => items.map((i) => i.label);

describe('where the cursor is', () => {
  it('a value right after the colon gets its space', () => {
    const c = at(BASE.replace('    to: worker', '    to:|'));
    expect(c.apply('writer')).toBe(BASE.replace('    to: worker', '    to: writer'));
  });

  it('a partial word is replaced whole, inside quotes too', () => {
    const c = at(BASE.replace('    to: worker', '    to: "wo|rk"'));
    expect(c.apply('writer')).toBe(BASE.replace('    to: worker', '    to: "writer"'));
  });

  it('a flow list item', () => {
    const c = at(BASE.replace('  audit: { type: queue, to: writer }', '  alerts: { type: topic, to: [worker, |] }'));
    expect(labels(c.items)).toEqual(['jobs', 'worker', 'writer']);
  });

  it('a new key in a multi-line flow map', () => {
    const c = at(BASE.replace('  audit: { type: queue, to: writer }', '  audit: {\n    type: queue,\n    |\n  }'));
    expect(labels(c.items)).toContain('visibilityTimeout');
    expect(labels(c.items)).not.toContain('type');
  });

  it('a key on a line of its own in a block map inserts `key: `, or a nested block for a map', () => {
    const c = at(BASE.replace('    to: worker\n', '    to: worker\n    |\n'), { snippets: true });
    expect(c.apply('retention')).toBe(BASE.replace('    to: worker\n', '    to: worker\n    retention: \n'));
    // `deadLetter` takes the queue's name (or a map with options): the name comes first.
    const deadLetter = c.items.find((i) => i.label === 'deadLetter')!;
    expect([deadLetter.insertText, deadLetter.snippet]).toEqual(['deadLetter: ', false]);
    const fn = at(BASE.replace('  worker: {}\n', '  worker:\n    memory: 256\n    |\n'), { snippets: true });
    const async = fn.items.find((i) => i.label === 'async')!;
    expect([async.insertText, async.snippet]).toEqual(['async:\n      $0', true]);
  });

  it('an indentless list item of a bucket notification gets the item keys', () => {
    const text = 'archflow: 1\nname: t\nproducers:\n  b:\n    type: bucket\n    notifications:\n    - on: [ObjectCreated]\n      |\n';
    expect(labels(at(text).items).sort()).toEqual(['prefix', 'suffix', 'to']);
  });

  it('a list of enum values', () => {
    const text = 'archflow: 1\nname: t\nproducers:\n  b:\n    type: bucket\n    notifications:\n      - on: [ObjectRemoved, |]\n        to: f\n';
    expect(labels(at(text).items)).toContain('ObjectCreated:Put');
  });

  it('keys of a route target object', () => {
    const text = 'archflow: 1\nname: t\nproducers:\n  api:\n    type: http-api\n    routes:\n      POST /a: { bus: b, | }\n';
    expect(labels(at(text).items).sort()).toEqual(['event', 'function', 'queue', 'stream', 'timeout']);
  });

  it('the first key of an empty file', () => {
    expect(labels(at('|').items).sort()).toEqual(['archflow', 'consumers', 'defaults', 'description', 'events', 'name', 'output', 'producers', 'region', 'routers']);
  });

  it('nothing in a comment, in a block scalar, or on a key that is not in the format', () => {
    expect(at(BASE.replace('name: shop', 'name: shop # |')).items).toEqual([]);
    expect(at('archflow: 1\nname: t\ndescription: |\n  some |text\n').items).toEqual([]);
    expect(at(BASE.replace('    to: worker\n', '    to: worker\n    nonsense: { | }\n')).items).toEqual([]);
  });

  it('survives a document that does not parse', () => {
    expect(() => at('archflow: 1\nname: [unclosed\nrouters:\n  q: { type: |\n')).not.toThrow();
    expect(() => at('\u0000binary|')).not.toThrow();
  });
});

describe('snippets', () => {
  it('give a free default name', () => {
    const text = 'archflow: 1\nname: t\nrouters:\n  jobs: { type: queue }\n  |\n';
    const queue = at(text, { snippets: true }).items.find((i) => i.label === 'new queue')!;
    expect(queue.insertText.startsWith('${1:jobs2}:')).toBe(true);
  });

  it('are written in flow style inside a flow map', () => {
    const c = at('archflow: 1\nname: t\nrouters: { jobs: { type: queue, to: w }, | }\nconsumers: { w: {} }\n', { snippets: false });
    expect(c.apply('new topic')).toBe('archflow: 1\nname: t\nrouters: { jobs: { type: queue, to: w }, alerts: { type: topic, to: [w] } }\nconsumers: { w: {} }\n');
  });

  it('follow the file\'s indentation step', () => {
    const text = 'archflow: 1\nname: t\nrouters:\n    jobs:\n        type: queue\n    |\n';
    expect(at(text, { snippets: false }).apply('new stream')).toBe('archflow: 1\nname: t\nrouters:\n    jobs:\n        type: queue\n    clicks:\n        type: stream\n        shards: 1\n        to: { function: handler, startingPosition: LATEST }\n');
  });

  it('declare a catalog event and a bus rule', () => {
    const events = at('archflow: 1\nname: t\nevents:\n  |\n');
    expect(labels(events.items)).toEqual(['new event']);
    const rules = at('archflow: 1\nname: t\nrouters:\n  bus:\n    type: event-bus\n    rules:\n      |\n');
    expect(labels(rules.items)).toEqual(['new rule']);
  });
});
