import { testRule } from '../../helpers/rule-cases';

testRule('lambda/zero-concurrency', [
  {
    name: 'zero on a function nothing triggers, and one on a triggered function, are fine',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker: { reservedConcurrency: 1 }
  stopped: { reservedConcurrency: 0, emits: [jobs] }`,
  },
  {
    name: 'zero on a function a queue and an API trigger',
    yaml: `
archflow: 1
name: t
producers:
  api: { type: http-api, routes: { POST /jobs: worker } }
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker:
    reservedConcurrency: 0
#                        ^ warning: Function 'worker' reserves a concurrency of 0, so Lambda throttles every invocation, yet 'api' and 'jobs' trigger it: their events fail or wait until they expire.
#   fix: Remove reservedConcurrency
#   + {}`,
  },
  {
    name: 'zero on a function one queue triggers',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker: { reservedConcurrency: 0 }
#                                ^ warning: Function 'worker' reserves a concurrency of 0, so Lambda throttles every invocation, yet 'jobs' triggers it: their events fail or wait until they expire.
#   fix: Remove reservedConcurrency
#   + worker: {}`,
  },
  {
    name: 'a direct invoke and an on-failure destination count: Lambda throttles those invocations too',
    yaml: `
archflow: 1
name: t
consumers:
  caller: { emits: [stopped] }
  stopped:
    reservedConcurrency: 0
#                        ^ warning: Function 'stopped' reserves a concurrency of 0, so Lambda throttles every invocation, yet 'caller' triggers it: their events fail or wait until they expire.
#   fix: Remove reservedConcurrency
#   + {}
  failing: { async: { onFailure: cleanup } }
  cleanup: { reservedConcurrency: 0 }
#                                 ^ warning: Function 'cleanup' reserves a concurrency of 0, so Lambda throttles every invocation, yet 'failing' triggers it: their events fail or wait until they expire.
#   fix: Remove reservedConcurrency
#   + cleanup: {}`,
  },
]);
