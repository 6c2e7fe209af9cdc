import { testRule } from '../../helpers/rule-cases';

testRule('lambda/timeout-range', [
  {
    name: '1–900 s, written as seconds or durations, is fine',
    yaml: `
archflow: 1
name: t
defaults: { timeout: 15m }
consumers:
  a: { timeout: 1 }
  b: { timeout: 30s }
  c: {}`,
  },
  {
    name: 'above 15 minutes',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    timeout: 20m   # twenty minutes
#            ^^^ error: The timeout of function 'worker' is 1,200 s; Lambda allows 1–900 s.
#   fix: Set timeout to 900
#   + timeout: 900   # twenty minutes`,
  },
  {
    name: 'below one second',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { timeout: 500ms }
#                    ^^^^^ error: The timeout of function 'worker' is 0.5 s; Lambda allows 1–900 s.
#   fix: Set timeout to 1
#   + worker: { timeout: 1 }`,
  },
  {
    name: 'fractions of a second are not allowed',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { timeout: 2.5s }
#                    ^^^^ error: The timeout of function 'worker' is 2.5 s; Lambda timeouts are whole seconds.
#   fix: Set timeout to 3
#   + worker: { timeout: 3 }`,
  },
  {
    name: 'from defaults, once',
    yaml: `
archflow: 1
name: t
defaults:
  timeout: 3600
#          ^^^^ error: The timeout in defaults (used by 'a', 'b', 'c' and 1 more) is 3,600 s; Lambda allows 1–900 s.
#   fix: Set timeout to 900
#   + timeout: 900
consumers:
  a: {}
  b: {}
  c: {}
  d: {}`,
  },
]);
