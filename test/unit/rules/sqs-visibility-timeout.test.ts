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
#   fix: Set visibilityTimeout to 150
#   + jobs: { type: queue, visibilityTimeout: 150, to: worker }
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
#   fix: Set visibilityTimeout to 160
#   + visibilityTimeout: 160
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
#   fix: Set visibilityTimeout to 60
#   + jobs: { type: queue, to: worker, visibilityTimeout: 60 }
defaults: { timeout: 10 }
consumers:
  worker: {}`,
  },
  {
    name: 'equal to the consumer timeout is accepted by Lambda: only the warning',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, visibilityTimeout: 25, to: worker }
#                                         ^^ warning: The visibility timeout 25 s of queue 'jobs' is below 6 × the timeout of its consumer 'worker' (6 × 25 s = 150 s): retried batches can be processed twice.
#   fix: Set visibilityTimeout to 150
#   + jobs: { type: queue, visibilityTimeout: 150, to: worker }
consumers:
  worker: { timeout: 25 }`,
  },
  {
    name: 'one second below the consumer timeout is the error',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, visibilityTimeout: 24, to: worker }
#                                         ^^ error: The visibility timeout 24 s of queue 'jobs' is below the timeout of its consumer 'worker' (25 s): Lambda rejects the event source mapping. Use at least 150 s (6 × 25 s).
#   fix: Set visibilityTimeout to 150
#   + jobs: { type: queue, visibilityTimeout: 150, to: worker }
consumers:
  worker: { timeout: 25 }`,
  },
  {
    name: 'exactly 6 × timeout + batching window is enough; one second less is not',
    yaml: `
archflow: 1
name: t
routers:
  enough: { type: queue, visibilityTimeout: 160, to: { function: worker, batchWindow: 10 } }
  short: { type: queue, visibilityTimeout: 159, to: { function: worker, batchWindow: 10 } }
#                                          ^^^ warning: The visibility timeout 159 s of queue 'short' is below 6 × the timeout of its consumer 'worker' (6 × 25 s + 10 s batching window = 160 s): retried batches can be processed twice.
#   fix: Set visibilityTimeout to 160
#   + short: { type: queue, visibilityTimeout: 160, to: { function: worker, batchWindow: 10 } }
consumers:
  worker: { timeout: 25 }`,
  },
  {
    name: 'below the timeout with a batching window: the window is in the advice',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    visibilityTimeout: 20
#                      ^^ error: The visibility timeout 20 s of queue 'jobs' is below the timeout of its consumer 'worker' (30 s): Lambda rejects the event source mapping. Use at least 190 s (6 × 30 s + 10 s batching window).
#   fix: Set visibilityTimeout to 190
#   + visibilityTimeout: 190
    to: { function: worker, batchWindow: 10 }
consumers:
  worker: { timeout: 30 }`,
  },
]);
