import { testRule } from '../../helpers/rule-cases';

testRule('sqs/fifo-only-setting', [
  {
    name: 'on FIFO queues, or false, is fine (topics are sns/fifo-only-setting)',
    yaml: `
archflow: 1
name: t
routers:
  a.fifo: { type: queue, fifo: true, contentBasedDeduplication: true }
  c: { type: queue, contentBasedDeduplication: false }
  news: { type: topic, contentBasedDeduplication: true }`,
  },
  {
    name: 'on a standard queue, with and without fifo: false',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    contentBasedDeduplication: true
#   ^^^^^^^^^^^^^^^^^^^^^^^^^ error: Queue 'jobs' is a standard queue: \`contentBasedDeduplication\` exists only for FIFO queues (SQS rejects it). Set \`fifo: true\` if the queue should deduplicate, or remove it.
#   fix: Remove contentBasedDeduplication
#   - contentBasedDeduplication: true
  other:
    type: queue
    fifo: false
    contentBasedDeduplication: true
#   ^^^^^^^^^^^^^^^^^^^^^^^^^ error: Queue 'other' is a standard queue: \`contentBasedDeduplication\` exists only for FIFO queues (SQS rejects it). Set \`fifo: true\` if the queue should deduplicate, or remove it.
#   fix: Remove contentBasedDeduplication
#   - contentBasedDeduplication: true`,
  },
]);
