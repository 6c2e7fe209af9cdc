import { testRule } from '../../helpers/rule-cases';

testRule('sqs/dead-letter-queue', [
  {
    name: 'a consumed queue with a dead-letter queue, and queues nobody consumes, are fine',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, deadLetter: { queue: jobs-dlq }, to: w }
  jobs-dlq: { type: queue }
  parked: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'a consumed queue without one',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
# ^^^^ warning: Queue 'jobs' is consumed by 'w' but has no dead-letter queue: a message that keeps failing is retried until it expires, then lost.
#   fix: Add dead-letter queue 'jobs-dlq'
#   + deadLetter: { queue: jobs-dlq, maxReceiveCount: 5 }
#   + jobs-dlq: { type: queue, retention: 14d }
    type: queue
    to: w
consumers:
  w: {}`,
  },
  {
    name: 'a FIFO queue gets a FIFO name, and taken names are skipped',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo: { type: queue, fifo: true, to: w }
# ^^^^^^^^^^^ warning: FIFO queue 'orders.fifo' is consumed by 'w' but has no dead-letter queue: a message that keeps failing blocks its message group until it expires, then is lost. A dead-letter queue unblocks the group but breaks the exact order of its messages (AWS's trade-off): leave it out only when that order matters more.
#   fix: Add dead-letter queue 'orders-dlq2.fifo'
#   + orders.fifo: { type: queue, fifo: true, to: w, deadLetter: { queue: orders-dlq2.fifo, maxReceiveCount: 5 } }
#   + orders-dlq2.fifo: { type: queue, fifo: true, retention: 14d }
  orders-dlq.fifo: { type: queue, fifo: true }
consumers:
  w: {}`,
  },
  {
    name: 'two taken names are skipped one after the other',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo: { type: queue, fifo: true, to: w }
# ^^^^^^^^^^^ warning: FIFO queue 'orders.fifo' is consumed by 'w' but has no dead-letter queue: a message that keeps failing blocks its message group until it expires, then is lost. A dead-letter queue unblocks the group but breaks the exact order of its messages (AWS's trade-off): leave it out only when that order matters more.
#   fix: Add dead-letter queue 'orders-dlq3.fifo'
#   + orders.fifo: { type: queue, fifo: true, to: w, deadLetter: { queue: orders-dlq3.fifo, maxReceiveCount: 5 } }
#   + orders-dlq3.fifo: { type: queue, fifo: true, retention: 14d }
  orders-dlq.fifo: { type: queue, fifo: true }
  orders-dlq2.fifo: { type: queue, fifo: true }
consumers:
  w: {}`,
  },
  {
    name: 'a standard queue whose -dlq name is taken gets -dlq2, without .fifo',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: w }
# ^^^^ warning: Queue 'jobs' is consumed by 'w' but has no dead-letter queue: a message that keeps failing is retried until it expires, then lost.
#   fix: Add dead-letter queue 'jobs-dlq2'
#   + jobs: { type: queue, to: w, deadLetter: { queue: jobs-dlq2, maxReceiveCount: 5 } }
#   + jobs-dlq2: { type: queue, retention: 14d }
  jobs-dlq: { type: queue, to: w, deadLetter: { queue: spare } }
  spare: { type: queue, to: w, deadLetter: { queue: jobs-dlq } }
consumers:
  w: {}`,
  },
]);
