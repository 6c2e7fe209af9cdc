import { testRule } from '../../helpers/rule-cases';

testRule('lambda/memory-range', [
  {
    name: 'memory within range and the default are fine',
    yaml: `
archflow: 1
name: t
defaults: { memory: 10240 }
consumers:
  a: { memory: 128 }
  b: {}`,
  },
  {
    name: 'above the maximum',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    memory: 20000
#           ^^^^^ error: The memory of function 'worker' is 20,000 MB; Lambda allows 128–10,240 MB.
#   fix: Set memory to 10,240
#   + memory: 10240`,
  },
  {
    name: 'below the minimum',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { memory: 64 }
#                   ^^ error: The memory of function 'worker' is 64 MB; Lambda allows 128–10,240 MB.
#   fix: Set memory to 128
#   + worker: { memory: 128 }`,
  },
  {
    name: 'a value in defaults is reported once, naming its users',
    yaml: `
archflow: 1
name: t
defaults:
  memory: 12000
#         ^^^^^ error: The memory in defaults (used by 'a' and 'b') is 12,000 MB; Lambda allows 128–10,240 MB.
#   fix: Set memory to 10,240
#   + memory: 10240
consumers:
  a: {}
  b: {}
  c: { memory: 512 }`,
  },
]);
