import { testRule } from '../../helpers/rule-cases';

testRule('lambda/runtime-lifecycle', [
  {
    name: 'supported runtimes and the default are fine',
    yaml: `
archflow: 1
name: t
consumers:
  a: { runtime: nodejs24.x }
  b: { runtime: python3.13 }
  c: { runtime: java25 }
  d: {}`,
  },
  {
    name: 'deprecated: a warning with the block dates',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    runtime: nodejs20.x
#            ^^^^^^^^^^ warning: The runtime of function 'worker' is nodejs20.x, deprecated since 2026-04-30: it gets no more security patches. Lambda blocks creating functions with it from 2027-02-01 and updating them from 2027-03-03. Move to nodejs24.x.
#   fix: Change the runtime to nodejs24.x
#   + runtime: nodejs24.x`,
  },
  {
    name: 'dotnet9 is not judged by its dates: it cannot deploy as a .zip at all (lambda/image-only-runtime)',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { runtime: dotnet9 }`,
  },
  {
    name: 'the Java Amazon Linux 2023 variants are valid and are the successors of their older variants',
    options: { today: new Date('2027-07-01T00:00:00Z') },
    yaml: `
archflow: 1
name: t
consumers:
  a: { runtime: java17.al2023 }
  b: { runtime: java11.al2023 }
  c: { runtime: java8.al2023 }
  d: { runtime: java17 }
#               ^^^^^^ warning: The runtime of function 'd' is java17, deprecated since 2027-06-30: it gets no more security patches. Lambda blocks creating functions with it from 2027-07-31 and updating them from 2027-08-31. Move to java17.al2023.
#   fix: Change the runtime to java17.al2023
#   + d: { runtime: java17.al2023 }
  e: { runtime: java11 }
#               ^^^^^^ warning: The runtime of function 'e' is java11, deprecated since 2027-06-30: it gets no more security patches. Lambda blocks creating functions with it from 2027-07-31 and updating them from 2027-08-31. Move to java11.al2023.
#   fix: Change the runtime to java11.al2023
#   + e: { runtime: java11.al2023 }
  f: { runtime: java8.al2 }
#               ^^^^^^^^^ warning: The runtime of function 'f' is java8.al2, deprecated since 2027-06-30: it gets no more security patches. Lambda blocks creating functions with it from 2027-07-31 and updating them from 2027-08-31. Move to java8.al2023.
#   fix: Change the runtime to java8.al2023
#   + f: { runtime: java8.al2023 }`,
  },
  {
    name: 'the day before java17 is deprecated',
    options: { today: new Date('2027-06-29T23:59:59Z') },
    yaml: `
archflow: 1
name: t
consumers:
  d: { runtime: java17 }`,
  },
  {
    name: 'blocked for new functions: an error',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { runtime: nodejs14.x }
#                    ^^^^^^^^^^ error: The runtime of function 'worker' is nodejs14.x: Lambda rejects creating functions with it since 2024-01-09; existing functions can be updated until 2027-03-03 (deprecated 2023-12-04). Move to nodejs24.x.
#   fix: Change the runtime to nodejs24.x
#   + worker: { runtime: nodejs24.x }`,
  },
  {
    name: 'blocked for creation and updates',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { runtime: "go1.x" }
#                    ^^^^^^^ error: The runtime of function 'worker' is go1.x: Lambda rejects creating functions with it since 2024-02-08; existing functions can be updated until 2027-03-03 (deprecated 2024-01-08). Move to provided.al2023.
#   fix: Change the runtime to provided.al2023
#   + worker: { runtime: "provided.al2023" }`,
  },
  {
    name: 'a date in the past is not deprecated yet',
    options: { today: new Date('2026-04-29T12:00:00Z') },
    yaml: `
archflow: 1
name: t
consumers:
  worker: { runtime: nodejs20.x }`,
  },
  {
    name: 'the deprecation day itself counts',
    options: { today: new Date('2026-04-30T00:00:00Z') },
    yaml: `
archflow: 1
name: t
consumers:
  worker: { runtime: nodejs20.x }
#                    ^^^^^^^^^^ warning: The runtime of function 'worker' is nodejs20.x, deprecated since 2026-04-30: it gets no more security patches. Lambda blocks creating functions with it from 2027-02-01 and updating them from 2027-03-03. Move to nodejs24.x.
#   fix: Change the runtime to nodejs24.x
#   + worker: { runtime: nodejs24.x }`,
  },
  {
    name: 'from defaults, once',
    yaml: `
archflow: 1
name: t
defaults: { runtime: python3.10 }
#                    ^^^^^^^^^^ warning: The runtime in defaults (used by 'a' and 'b') is python3.10, deprecated since 2026-10-31: it gets no more security patches. Lambda blocks creating functions with it from 2027-02-01 and updating them from 2027-03-03. Move to python3.14.
#   fix: Change the runtime to python3.14
#   + defaults: { runtime: python3.14 }
consumers:
  a: {}
  b: {}`,
  },
  {
    name: 'the day creation is blocked counts',
    options: { today: new Date('2027-02-01T00:00:00Z') },
    yaml: `
archflow: 1
name: t
consumers:
  worker: { runtime: nodejs20.x }
#                    ^^^^^^^^^^ error: The runtime of function 'worker' is nodejs20.x: Lambda rejects creating functions with it since 2027-02-01; existing functions can be updated until 2027-03-03 (deprecated 2026-04-30). Move to nodejs24.x.
#   fix: Change the runtime to nodejs24.x
#   + worker: { runtime: nodejs24.x }`,
  },
  {
    name: 'the day updates are blocked counts',
    options: { today: new Date('2027-03-03T00:00:00Z') },
    yaml: `
archflow: 1
name: t
consumers:
  worker: { runtime: nodejs20.x }
#                    ^^^^^^^^^^ error: The runtime of function 'worker' is nodejs20.x: Lambda rejects creating functions with it since 2027-02-01 and updating them since 2027-03-03 (deprecated 2026-04-30). Move to nodejs24.x.
#   fix: Change the runtime to nodejs24.x
#   + worker: { runtime: nodejs24.x }`,
  },
]);
