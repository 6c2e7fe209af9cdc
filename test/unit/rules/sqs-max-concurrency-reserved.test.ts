import { testRule } from '../../helpers/rule-cases';

testRule('sqs/max-concurrency-reserved', [
  {
    name: 'at most the reserved concurrency, or no reservation, is fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, to: { function: f, maxConcurrency: 10 } }
  b: { type: queue, to: { function: g, maxConcurrency: 50 } }
  c: { type: queue, to: { function: h, maxConcurrency: 2 } }
consumers:
  f: { reservedConcurrency: 10 }
  g: {}
  h: { reservedConcurrency: 0 }`,
  },
  {
    name: 'one above the reserved concurrency',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: f, maxConcurrency: 11 } }
#                                                         ^^ warning: Queue 'jobs' may invoke 'f' 11 times at once (maxConcurrency), but the function's reserved concurrency is 10: the extra batches are throttled, go back to the queue and count as receives toward its dead-letter queue. Keep maxConcurrency at most 10.
#   fix: Set maxConcurrency to 10
#   + jobs: { type: queue, to: { function: f, maxConcurrency: 10 } }
consumers:
  f: { reservedConcurrency: 10 }`,
  },
  {
    name: 'a reservation of 1 leaves no maxConcurrency Lambda accepts: no fix',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: f, maxConcurrency: 2 } }
#                                                         ^ warning: Queue 'jobs' may invoke 'f' 2 times at once (maxConcurrency), but the function's reserved concurrency is 1: the extra batches are throttled, go back to the queue and count as receives toward its dead-letter queue. Keep maxConcurrency at most 1.
#   fix: none
consumers:
  f: { reservedConcurrency: 1 }`,
  },
  {
    name: 'a maxConcurrency Lambda rejects is sqs/max-concurrency\'s; the maximum itself is compared',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, to: { function: f, maxConcurrency: 1001 } }
  b: { type: queue, to: { function: g, maxConcurrency: 1000 } }
#                                                      ^^^^ warning: Queue 'b' may invoke 'g' 1,000 times at once (maxConcurrency), but the function's reserved concurrency is 999: the extra batches are throttled, go back to the queue and count as receives toward its dead-letter queue. Keep maxConcurrency at most 999.
#   fix: Set maxConcurrency to 999
#   + b: { type: queue, to: { function: g, maxConcurrency: 999 } }
consumers:
  f: { reservedConcurrency: 10 }
  g: { reservedConcurrency: 999 }`,
  },
  {
    name: 'a reservation of 2, the smallest maxConcurrency Lambda accepts, has the fix',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: f, maxConcurrency: 3 } }
#                                                         ^ warning: Queue 'jobs' may invoke 'f' 3 times at once (maxConcurrency), but the function's reserved concurrency is 2: the extra batches are throttled, go back to the queue and count as receives toward its dead-letter queue. Keep maxConcurrency at most 2.
#   fix: Set maxConcurrency to 2
#   + jobs: { type: queue, to: { function: f, maxConcurrency: 2 } }
consumers:
  f: { reservedConcurrency: 2 }`,
  },
]);
