import { testRule } from '../../helpers/rule-cases';

testRule('lambda/reserved-concurrency', [
  {
    name: 'reservations leaving 100 unreserved are fine',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 500 }
  b: { reservedConcurrency: 400 }
  c: { reservedConcurrency: 0 }`,
  },
  {
    name: 'too much reserved: one problem, at the largest reservation',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 450 }
  b:
    reservedConcurrency: 500
#                        ^^^ error: Reserved concurrency adds up to 950 across 2 functions (a: 450, b: 500); an account concurrency of 1,000 must keep 100 unreserved, so at most 900 can be reserved.
  c: {}`,
  },
  {
    name: 'exactly 900 reserved is fine; 901 is one too many, reported at the first of equal reservations',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 450 }
#                           ^^^ error: Reserved concurrency adds up to 901 across 3 functions (a: 450, b: 450, c: 1); an account concurrency of 1,000 must keep 100 unreserved, so at most 900 can be reserved.
  b: { reservedConcurrency: 450 }
  c: { reservedConcurrency: 1 }`,
  },
  {
    name: 'a higher account concurrency from settings',
    options: { limits: { accountConcurrency: 5000 } },
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 950 }`,
  },
  {
    name: 'a lower account concurrency from settings',
    options: { limits: { accountConcurrency: 500 } },
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 450 }
#                           ^^^ error: The reserved concurrency of function 'a' is 450; an account concurrency of 500 must keep 100 unreserved, so at most 400 can be reserved.`,
  },
  {
    name: 'one function alone',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 1000 }
#                           ^^^^ error: The reserved concurrency of function 'a' is 1,000; an account concurrency of 1,000 must keep 100 unreserved, so at most 900 can be reserved.`,
  },
  {
    name: 'negative',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: -1 }
#                           ^^ error: The reserved concurrency of function 'a' is -1; it must be 0 or more (0 stops the function from running).`,
  },
]);
