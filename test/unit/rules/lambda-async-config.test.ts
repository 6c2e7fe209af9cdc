import { testRule } from '../../helpers/rule-cases';

testRule('lambda/async-config', [
  {
    name: 'the bounds themselves are fine',
    yaml: `
archflow: 1
name: t
consumers:
  a: { async: { retries: 0, maxAge: 60 } }
  b: { async: { retries: 2, maxAge: 21600 } }
  c: { async: { maxAge: 6h } }
  d: { async: { maxAge: 1m } }`,
  },
  {
    name: 'retries above 2 and below 0',
    yaml: `
archflow: 1
name: t
consumers:
  a: { async: { retries: 3 } }
#                        ^ error: The asynchronous retry count of function 'a' is 3; Lambda allows 0–2.
#   fix: Set retries to 2
#   + a: { async: { retries: 2 } }
  b: { async: { retries: -1 } }
#                        ^^ error: The asynchronous retry count of function 'b' is -1; Lambda allows 0–2.
#   fix: Set retries to 0
#   + b: { async: { retries: 0 } }`,
  },
  {
    name: 'an event age just outside 60–21,600 s',
    yaml: `
archflow: 1
name: t
consumers:
  a:
    async:
      maxAge: 59
#             ^^ error: The asynchronous event age of function 'a' is 59 s; Lambda allows 60–21,600 s.
#   fix: Set maxAge to 60
#   + maxAge: 60
  b:
    async:
      maxAge: 21601
#             ^^^^^ error: The asynchronous event age of function 'b' is 21,601 s; Lambda allows 60–21,600 s.
#   fix: Set maxAge to 21,600
#   + maxAge: 21600
  c: { async: { maxAge: 7h } }
#                       ^^ error: The asynchronous event age of function 'c' is 25,200 s; Lambda allows 60–21,600 s.
#   fix: Set maxAge to 21,600
#   + c: { async: { maxAge: 21600 } }`,
  },
]);
