import { testRule } from '../../helpers/rule-cases';

testRule('sqs/dead-letter-type', [
  {
    name: 'same types are fine',
    yaml: `
archflow: 1
name: t
routers:
  a.fifo: { type: queue, fifo: true, deadLetter: { queue: a-dlq.fifo } }
  a-dlq.fifo: { type: queue, fifo: true }
  b: { type: queue, deadLetter: { queue: b-dlq } }
  b-dlq: { type: queue }`,
  },
  {
    name: 'a FIFO queue with a standard dead-letter queue',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo:
    type: queue
    fifo: true
    deadLetter: { queue: orders-dlq }
#                        ^^^^^^^^^^ error: Queue 'orders.fifo' is a FIFO queue but its dead-letter queue 'orders-dlq' is a standard queue: SQS requires a dead-letter queue of the same type.
  orders-dlq: { type: queue }`,
  },
  {
    name: 'a standard queue with a FIFO dead-letter queue',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    deadLetter:
      queue: jobs-dlq.fifo
#            ^^^^^^^^^^^^^ error: Queue 'jobs' is a standard queue but its dead-letter queue 'jobs-dlq.fifo' is a FIFO queue: SQS requires a dead-letter queue of the same type.
  jobs-dlq.fifo: { type: queue, fifo: true }`,
  },
]);
