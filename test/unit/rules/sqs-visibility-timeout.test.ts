import { testRule } from '../../helpers/rule-cases';

testRule('sqs/visibility-timeout', [
  {
    name: '6 × timeout is enough',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, visibilityTimeout: 150, to: worker }
consumers:
  worker: { timeout: 25 }`,
  },
  {
    name: 'below the consumer timeout is an error',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, visibilityTimeout: 20, to: worker }
#                                         ^^ error: The visibility timeout 20 s of queue 'jobs' is below the timeout of its consumer 'worker' (25 s): Lambda rejects the event source mapping. Use at least 150 s (6 × 25 s).
consumers:
  worker: { timeout: 25 }`,
  },
  {
    name: 'below 6 × timeout + batching window is a warning',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    visibilityTimeout: 2m
#                      ^^ warning: The visibility timeout 120 s of queue 'jobs' is below 6 × the timeout of its consumer 'worker' (6 × 25 s + 10 s batching window = 160 s): retried batches can be processed twice.
    to: { function: worker, batchWindow: 10 }
consumers:
  worker: { timeout: 25 }`,
  },
  {
    name: 'the default of 30 s is reported on the queue name',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
# ^^^^ warning: The visibility timeout 30 s (the default) of queue 'jobs' is below 6 × the timeout of its consumer 'worker' (6 × 10 s = 60 s): retried batches can be processed twice.
defaults: { timeout: 10 }
consumers:
  worker: {}`,
  },
]);
