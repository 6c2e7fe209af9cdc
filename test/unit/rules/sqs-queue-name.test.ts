import { testRule } from '../../helpers/rule-cases';

testRule('sqs/queue-name', [
  {
    name: 'FIFO with suffix and standard without are fine',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo: { type: queue, fifo: true }
  jobs_2-a: { type: queue }`,
  },
  {
    name: 'a FIFO queue without the suffix',
    yaml: `
archflow: 1
name: t
routers:
  orders:
# ^^^^^^ error: FIFO queue 'orders' must be named with the suffix '.fifo' (e.g. 'orders.fifo'); SQS rejects the name otherwise.
    type: queue
    fifo: true`,
  },
  {
    name: 'a standard queue with the suffix',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo:
# ^^^^^^^^^^^ error: 'orders.fifo' is named like a FIFO queue but is a standard queue: SQS accepts the suffix '.fifo' only on FIFO queues. Set \`fifo: true\` or drop the suffix.
    type: queue
    visibilityTimeout: 60`,
  },
  {
    name: 'other dots',
    yaml: `
archflow: 1
name: t
routers:
  my.jobs: { type: queue }
# ^^^^^^^ error: Queue name 'my.jobs' contains '.': SQS queue names use only letters, digits, '-' and '_'.
  my.orders.fifo: { type: queue, fifo: true }
# ^^^^^^^^^^^^^^ error: Queue name 'my.orders.fifo' contains '.': SQS queue names use only letters, digits, '-' and '_' before the '.fifo' suffix.`,
  },
]);
