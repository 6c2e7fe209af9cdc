// Rule: sqs/queue-name
// A FIFO queue's name ends in `.fifo`, a standard queue's does not; names use letters, digits, `-`, `_`.
import { checkFifoNames } from './helpers';
import type { Rule } from './rule';

export const sqsQueueName: Rule = {
  code: 'sqs/queue-name',
  severity: 'error',
  description: "A FIFO queue's name ends in `.fifo` and a standard queue's does not; the rest uses only letters, digits, `-` and `_`.",
  why: 'SQS rejects a FIFO queue whose name lacks the `.fifo` suffix and a standard queue whose name has it (or any other `.`), so the stack fails to create the queue.',
  source: { title: 'Amazon SQS FIFO queue quotas', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-fifo.html' },
  fix: 'For a standard queue named `….fifo`: adds `fifo: true`.',
  check({ graph }, report) {
    checkFifoNames(graph, report, 'queue', 'SQS');
  },
};
