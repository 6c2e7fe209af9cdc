import { testRule } from '../../helpers/rule-cases';

/** `anything-but: { prefix }` under `levels` nested `$or`s (two levels each: the list and its branch), one key more with `extraKey`. */
const nested = (levels: number, extraKey: boolean): string => {
  let p: unknown = { f: [{ 'anything-but': { prefix: 'x' } }] };
  for (let i = 0; i < levels; i++) p = { $or: [p, { g: ['y'] }] };
  return JSON.stringify(extraKey ? { h: p } : p);
};
/** A line and the annotation under it, its carets under `mark` (the first after `after`). */
const annotated = (line: string, after: string, mark: string, text: string): string =>
  `${line}\n#${' '.repeat(line.indexOf(mark, line.indexOf(after)) - 1)}${'^'.repeat(mark.length)} ${text}`;
/** The anything-but object 32 levels deep is searched, 33 levels deep no more (the walk's bound). */
const depthCase = [
  '', 'archflow: 1', 'name: t', 'routers:', '  orders: { type: queue }',
  annotated(`  deep: { type: pipe, source: orders, filter: ${nested(15, false)}, to: worker }`, 'anything-but', '"prefix"', "error: Pipe 'deep': EventBridge Pipes do not support `anything-but` with `prefix` (event buses do)."),
  `  deeper: { type: pipe, source: orders, filter: ${nested(15, true)}, to: worker }`,
  'consumers:', '  worker: {}',
].join('\n');
/** 300 values: longer than an event bus takes (2,048 characters), which a pipe's filter is not held to here. */
const longFilter = `{ body: { status: [${Array.from({ length: 300 }, (_, i) => `v${String(i).padStart(4, '0')}`).join(', ')}] } }`;

testRule('pipes/filter', [
  {
    name: 'valid filters: one pattern, a list of patterns, operators pipes support',
    yaml: `
archflow: 1
name: t
routers:
  orders: { type: queue }
  one: { type: pipe, source: orders, filter: { body: { status: [paid] } }, to: worker }
  many:
    type: pipe
    source: orders
    filter:
      - { body: { total: [{ numeric: [">", 100] }] } }
      - { body: { status: [{ anything-but: [cancelled, refunded] }], region: [{ prefix: eu- }] } }
    to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'an invalid pattern, where it is written; anything-but with prefix, which buses accept and pipes do not',
    yaml: `
archflow: 1
name: t
routers:
  orders: { type: queue }
  p:
    type: pipe
    source: orders
    filter:
      - { body: { status: paid } }
#                         ^^^^ error: EventBridge Pipes rejects the filter of pipe 'p': "status" must be an object or an array.
      - { body: { status: [{ anything-but: { prefix: test- } }] } }
#                                            ^^^^^^ error: Pipe 'p': EventBridge Pipes do not support \`anything-but\` with \`prefix\` (event buses do).
    to: worker
consumers:
  worker: {}`,
  },
  { name: 'the search for anything-but operands stops 32 levels deep', yaml: depthCase },
  {
    name: 'an anything-but operand no service accepts is one pattern error; a reason with a dot inside gets its full stop; a long filter',
    yaml: `
archflow: 1
name: t
routers:
  orders: { type: queue }
  odd: { type: pipe, source: orders, filter: { body: { status: [{ anything-but: { numeric: [">", 0] } }] } }, to: worker }
#                                                                                          ^^^^^^^^ error: EventBridge Pipes rejects the filter of pipe 'odd': Unsupported anything-but pattern: numeric.
  dotted: { type: pipe, source: orders, filter: { detail.type: 5 }, to: worker }
#                                                              ^ error: EventBridge Pipes rejects the filter of pipe 'dotted': "detail.type" must be an object or an array.
  long: { type: pipe, source: orders, filter: ${longFilter}, to: worker }
consumers:
  worker: {}`,
  },
]);
