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
  {
    name: 'stages: each deploys its own functions into the account, so their reservations add up (a stage override counts for its stage)',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 300 }
  b: { reservedConcurrency: 100 }
stages:
  prod:
    nodes:
      a: { reservedConcurrency: 450 }
#                               ^^^ error: Reserved concurrency adds up to 950 across the file's 2 stages (prod: 550, staging: 400), each deployed into the account; an account concurrency of 1,000 must keep 100 unreserved, so at most 900 can be reserved. Nested stacks do not help; raise the account's concurrency through Service Quotas (and archflow.limits.accountConcurrency), or reserve less in some stages.
  staging: {}`,
  },
  {
    name: 'stages: exactly 900 together is fine',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 300 }
stages:
  prod: { nodes: { a: { reservedConcurrency: 600 } } }
  staging: {}`,
  },
  {
    name: 'stages: at the file\'s own reservation when it is the largest',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 301 }
#                           ^^^ error: Reserved concurrency adds up to 903 across the file's 3 stages (dev: 301, prod: 301, staging: 301), each deployed into the account; an account concurrency of 1,000 must keep 100 unreserved, so at most 900 can be reserved. Nested stacks do not help; raise the account's concurrency through Service Quotas (and archflow.limits.accountConcurrency), or reserve less in some stages.
stages:
  dev: {}
  prod: {}
  staging: {}`,
  },
  {
    name: 'a function reserving 0 is not one of the functions the reservations add up across',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 1000 }
#                           ^^^^ error: The reserved concurrency of function 'a' is 1,000; an account concurrency of 1,000 must keep 100 unreserved, so at most 900 can be reserved.
  z: { reservedConcurrency: 0 }`,
  },
  {
    name: 'stages: at the largest reservation, not the first, and at the first of equal ones',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 100 }
  b: { reservedConcurrency: 400 }
#                           ^^^ error: Reserved concurrency adds up to 1,000 across the file's 2 stages (dev: 500, prod: 500), each deployed into the account; an account concurrency of 1,000 must keep 100 unreserved, so at most 900 can be reserved. Nested stacks do not help; raise the account's concurrency through Service Quotas (and archflow.limits.accountConcurrency), or reserve less in some stages.
stages:
  dev: {}
  prod: { nodes: { b: { reservedConcurrency: 400 } } }`,
  },
  {
    name: 'stages: a negative override is not a reservation (the file\'s own counts)',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 300 }
#                           ^^^ error: Reserved concurrency adds up to 1,200 across the file's 2 stages (prod: 600, staging: 600), each deployed into the account; an account concurrency of 1,000 must keep 100 unreserved, so at most 900 can be reserved. Nested stacks do not help; raise the account's concurrency through Service Quotas (and archflow.limits.accountConcurrency), or reserve less in some stages.
  b: { reservedConcurrency: 300 }
stages:
  prod: { nodes: { a: { reservedConcurrency: -1 } } }
  staging: {}`,
  },
  {
    name: 'stages: an override of 0 reserves nothing in its stage',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 300 }
  b: { reservedConcurrency: 300 }
stages:
  prod: { nodes: { a: { reservedConcurrency: 0 } } }
  staging: {}`,
  },
  {
    name: 'one stage: reported when its own override takes it over the limit (its deploy fails)',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 100 }
  b: { reservedConcurrency: 200 }
stages:
  prod:
    nodes:
      a: { reservedConcurrency: 701 }
#                               ^^^ error: Reserved concurrency adds up to 901 in stage 'prod', the file's only stage; an account concurrency of 1,000 must keep 100 unreserved, so at most 900 can be reserved. Raise the account's concurrency through Service Quotas (and archflow.limits.accountConcurrency), or reserve less in the stage.`,
  },
  {
    name: 'one stage: exactly 900 with its override is fine',
    yaml: `
archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 100 }
  b: { reservedConcurrency: 200 }
stages:
  prod: { nodes: { a: { reservedConcurrency: 700 } } }`,
  },
]);
