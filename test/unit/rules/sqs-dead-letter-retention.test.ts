import { testRule } from '../../helpers/rule-cases';

testRule('sqs/dead-letter-retention', [
  {
    name: 'a longer retention, or both at 14 days, is fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, deadLetter: { queue: a-dlq } }
  a-dlq: { type: queue, retention: 5d }
  b: { type: queue, retention: 14d, deadLetter: { queue: b-dlq } }
  b-dlq: { type: queue, retention: 1209600 }
  c: { type: queue, retention: 4d, deadLetter: c-dlq }
  c-dlq: { type: queue, retention: 345601 }`,
  },
  {
    name: 'a FIFO queue is exempt: its dead-letter queue resets the enqueue time',
    yaml: `
archflow: 1
name: t
routers:
  jobs.fifo: { type: queue, fifo: true, retention: 14d, deadLetter: { queue: jobs-dlq.fifo } }
  jobs-dlq.fifo: { type: queue, fifo: true, retention: 1d }`,
  },
  {
    name: 'equal retention on both, one written as a bare dead-letter name',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, retention: 2d, deadLetter: jobs-dlq }
  jobs-dlq: { type: queue, retention: 172800 }
#                                     ^^^^^^ warning: Dead-letter queue 'jobs-dlq' keeps messages for 172,800 s, not longer than its source queue 'jobs' (172,800 s): failed messages keep their enqueue time and can expire soon after they arrive.
#   fix: Set retention to 14 days
#   + jobs-dlq: { type: queue, retention: 14d }`,
  },
  {
    name: 'both at the default',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, deadLetter: { queue: jobs-dlq } }
  jobs-dlq: { type: queue }
# ^^^^^^^^ warning: Dead-letter queue 'jobs-dlq' keeps messages for 345,600 s (the default), not longer than its source queue 'jobs' (345,600 s, the default): failed messages keep their enqueue time and can expire soon after they arrive.
#   fix: Set retention to 14 days
#   + jobs-dlq: { type: queue, retention: 14d }`,
  },
  {
    name: 'shorter than the source',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    retention: 7d
    deadLetter: { queue: jobs-dlq }
  jobs-dlq:
    type: queue
    retention: 2d
#              ^^ warning: Dead-letter queue 'jobs-dlq' keeps messages for 172,800 s, not longer than its source queue 'jobs' (604,800 s): failed messages keep their enqueue time and can expire soon after they arrive.
#   fix: Set retention to 14 days
#   + retention: 14d`,
  },
  {
    name: 'a source at the 14-day maximum with a shorter dead-letter queue',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, retention: 14d, deadLetter: jobs-dlq }
  jobs-dlq: { type: queue, retention: 1d }
#                                     ^^ warning: Dead-letter queue 'jobs-dlq' keeps messages for 86,400 s, not longer than its source queue 'jobs' (1,209,600 s): failed messages keep their enqueue time and can expire soon after they arrive.
#   fix: Set retention to 14 days
#   + jobs-dlq: { type: queue, retention: 14d }`,
  },
]);
