import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { analyze } from '../../server/src/core/index';
import { quickFixes } from '../../server/src/core/features/actions';
import { definition } from '../../server/src/core/features/definition';
import { applyEdits } from '../../server/src/core/features/fixes';
import { hover } from '../../server/src/core/features/hover';
import { references } from '../../server/src/core/features/references';
import { rename } from '../../server/src/core/features/rename';
import { parse } from '../../server/src/core/parse/parse';

/** The idiom of AWS templates and docker-compose files: shared settings under an anchor, merged into each function. */
const MERGED = `archflow: 1
name: merged
x-function: &function
  memory: 512
  timeout: 30
  emits: [{ to: orders, event: OrderPlaced }]
events:
  OrderPlaced: { source: shop.orders }
routers:
  orders:
    type: event-bus
    rules:
      placed: { pattern: { detail-type: [OrderPlaced] }, to: writer }
producers:
  api: { type: http-api, routes: { POST /a: a, POST /b: b } }
consumers:
  a:
    <<: *function
    timeout: 10
  b: { <<: *function }
  writer: {}
`;

const offsetOf = (text: string, needle: string, nth = 0): number => {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle}`);
  return at;
};
const at = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

describe('YAML merge keys', () => {
  it('build the value YAML 1.1 defines (own entries win), as the yaml package does with merge on', () => {
    const doc = parse(MERGED);
    expect(doc.problems).toEqual([]);
    const consumers = (doc.value as { consumers: Record<string, unknown> }).consumers;
    expect(consumers.a).toEqual({ memory: 512, timeout: 10, emits: [{ to: 'orders', event: 'OrderPlaced' }] });
    expect(consumers.b).toEqual({ memory: 512, timeout: 30, emits: [{ to: 'orders', event: 'OrderPlaced' }] });
    expect(doc.value).toEqual(parseDocument(MERGED, { merge: true }).toJS());
    // The same with the fast path off (it leaves anchors to the yaml package either way).
    expect(parse(MERGED, { fastPath: false }).value).toEqual(doc.value);
  });

  it('several sources: the first that sets an entry wins; keys before and after `<<` win too', () => {
    const text = 'x-a: &a { p: 1, q: 1 }\nx-b: &b { q: 2, r: 2 }\nm: { s: 0, <<: [*a, *b], p: 9 }\n';
    expect((parse(text).value as { m: unknown }).m).toEqual({ s: 0, p: 9, q: 1, r: 2 });
    expect((parse(text).value as { m: unknown }).m).toEqual(parseDocument(text, { merge: true }).toJS().m);
  });

  it('analyse cleanly: no "Unknown property \'<<\'", the x- key is allowed, the merged edges are in the graph', () => {
    const a = analyze(MERGED);
    // (The rules' advice on the functions is beside the point here.)
    expect(a.problems.filter((p) => /^(schema|yaml|ref|name)\//.test(p.code)).map((p) => `${p.code} ${p.message}`)).toEqual([]);
    const emits = a.graph.edges.filter((e) => e.mechanism === 'emit').map((e) => `${e.from}→${e.to}`).sort();
    expect(emits).toEqual(['a→orders', 'b→orders']);
  });

  it('show a problem of a merged value on the alias of each map that takes it in', () => {
    const text = MERGED.replace('memory: 512', 'memory: 20000');
    const a = analyze(text);
    const memory = a.problems.filter((p) => p.code === 'lambda/memory-range');
    expect(memory.map((p) => [p.pointer.join('/'), at(text, p.span), p.span.start])).toEqual([
      ['consumers/a/memory', '*function', offsetOf(text, '*function')],
      ['consumers/b/memory', '*function', offsetOf(text, '*function', 1)],
    ]);
    // Its quick fix sets the value in that map only: the shared anchor and the other map stay as they are.
    const fixA = quickFixes(a, [{ fix: memory[0]!.fix!, pointer: memory[0]!.pointer }])[0]!;
    const fixed = applyEdits(text, fixA.edits);
    expect(fixed).toContain('x-function: &function\n  memory: 20000\n');
    const after = analyze(fixed);
    expect((after.doc.value as { consumers: { a: { memory: number } } }).consumers.a.memory).toBe(10240);
    expect(after.problems.filter((p) => p.code === 'lambda/memory-range').map((p) => p.pointer.join('/'))).toEqual(['consumers/b/memory']);
  });

  it('hover on `<<` and on the alias says what is merged and from where', () => {
    const a = analyze(MERGED);
    const onKey = hover(a, offsetOf(MERGED, '<<'))!;
    expect(onKey.markdown).toBe([
      '**Merge key** `<<`: this map takes the entries of what it names that it does not set itself, as if they were written here.',
      'Its own entries win; with several sources, the first that sets an entry wins.',
      '',
      '- `*function` (`&function`, line 3): `memory`, `emits`',
    ].join('\n'));
    expect(at(MERGED, onKey.span)).toBe('<<');
    const onAlias = hover(a, offsetOf(MERGED, '*function', 1) + 2)!;
    expect(onAlias.markdown).toContain('- `*function` (`&function`, line 3): `memory`, `timeout`, `emits`');
  });

  it('go to definition from the alias lands on its anchor', () => {
    const a = analyze(MERGED);
    const d = definition(a, offsetOf(MERGED, '*function') + 1)!;
    expect(at(MERGED, d.origin)).toBe('*function');
    expect(d.targets.map((t) => at(MERGED, t))).toEqual(['&function']);
  });

  it('rename and references see a name in the anchored value once, though two maps take it in', () => {
    const a = analyze(MERGED);
    const ref = offsetOf(MERGED, 'to: orders') + 4;
    const spans = references(a, ref, true)!;
    expect(spans.map((s) => s.start)).toEqual([ref, offsetOf(MERGED, '  orders:') + 2]);
    const result = rename(a, ref, 'bus');
    expect('edits' in result && applyEdits(MERGED, result.edits)).toBe(MERGED.replace('to: orders', 'to: bus').replace('  orders:', '  bus:'));
  });
});
