import { testRule } from '../../helpers/rule-cases';

testRule('lambda/environment-size', [
  {
    name: 'small environments are fine',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    environment: { TABLE: orders, RETRIES: 3, DEBUG: false }`,
  },
  {
    name: 'exactly 4,096 bytes is fine',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    environment:
      BIG: "${'X'.repeat(4093)}"`,
  },
  {
    name: 'over 4 KB',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    environment:
#   ^^^^^^^^^^^ error: The environment of function 'worker' takes 4,102 bytes (keys and values); Lambda allows 4,096 bytes (4 KB) in total.
      BIG: "${'X'.repeat(4093)}"
      MORE: "é"`,
  },
]);
