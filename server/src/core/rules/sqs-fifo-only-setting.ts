// Rule: sqs/fifo-only-setting
// `contentBasedDeduplication` is set only on FIFO queues (Q9).
import { checkFifoOnlySettings } from './helpers';
import type { Rule } from './rule';

export const sqsFifoOnlySetting: Rule = {
  code: 'sqs/fifo-only-setting',
  severity: 'error',
  description: '`contentBasedDeduplication` is set only on a FIFO queue (`fifo: true`).',
  why: 'SQS rejects `ContentBasedDeduplication` on a standard queue. Archflow leaves it out of the template, so the deduplication you asked for would silently not exist: either the queue was meant to be FIFO, or the setting goes.',
  source: { title: 'CreateQueue (Amazon SQS API reference): FIFO-only attributes', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html' },
  fix: 'Removes `contentBasedDeduplication`.',
  check({ graph }, report) {
    checkFifoOnlySettings(graph, report, 'queue', 'SQS');
  },
};
