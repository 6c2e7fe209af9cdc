import { testRule } from '../../helpers/rule-cases';

testRule('lambda/tmp-range', [
  {
    name: '512–10,240 MB is fine',
    yaml: `
archflow: 1
name: t
consumers:
  a: { tmp: 512 }
  b: { tmp: 10240 }`,
  },
  {
    name: 'below 512 MB',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { tmp: 256 }
#                ^^^ error: The ephemeral storage (tmp) of function 'worker' is 256 MB; Lambda allows 512–10,240 MB.
#   fix: Set tmp to 512
#   + worker: { tmp: 512 }`,
  },
  {
    name: 'above 10,240 MB in defaults',
    yaml: `
archflow: 1
name: t
defaults: { tmp: 20480 }
#                ^^^^^ error: The ephemeral storage (tmp) in defaults (used by 'worker') is 20,480 MB; Lambda allows 512–10,240 MB.
#   fix: Set tmp to 10,240
#   + defaults: { tmp: 10240 }
consumers:
  worker: {}`,
  },
]);
