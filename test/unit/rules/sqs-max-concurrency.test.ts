import { testRule } from '../../helpers/rule-cases';

testRule('sqs/max-concurrency', [
  {
    name: '2–1,000 is fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, to: { function: w, maxConcurrency: 2 } }
  b: { type: queue, to: { function: w, maxConcurrency: 1000 } }
consumers:
  w: {}`,
  },
  {
    name: 'one is too few',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: w, maxConcurrency: 1 } }
#                                                         ^ error: The maximum concurrency of 'w' on queue 'jobs' is 1; Lambda allows 2–1,000.
#   fix: Set maxConcurrency to 2
#   + jobs: { type: queue, to: { function: w, maxConcurrency: 2 } }
consumers:
  w: {}`,
  },
  {
    name: 'above 1,000',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    to:
      function: w
      maxConcurrency: 5000
#                     ^^^^ error: The maximum concurrency of 'w' on queue 'jobs' is 5,000; Lambda allows 2–1,000.
#   fix: Set maxConcurrency to 1,000
#   + maxConcurrency: 1000
consumers:
  w: {}`,
  },
]);
