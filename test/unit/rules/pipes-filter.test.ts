import { testRule } from '../../helpers/rule-cases';

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
]);
