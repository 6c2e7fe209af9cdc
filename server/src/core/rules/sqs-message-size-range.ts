// Rule: sqs/message-size-range
// A queue's maximum message size is 1,024–1,048,576 bytes (1 KiB – 1 MiB).
import { checkQueueRange } from './helpers';
import type { Rule } from './rule';

export const sqsMessageSizeRange: Rule = {
  code: 'sqs/message-size-range',
  severity: 'error',
  description: "A queue's `maxMessageSize` is within 1,024–1,048,576 bytes (1 KiB – 1 MiB).",
  why: 'SQS rejects any other `MaximumMessageSize` and the stack fails to create the queue. The maximum grew from 256 KiB to 1 MiB in August 2025.',
  source: { title: 'CreateQueue (SQS API reference)', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html' },
  fix: 'Sets `maxMessageSize` to the nearest allowed value.',
  check({ graph, limits }, report) {
    checkQueueRange(graph, report, { key: 'maxMessageSize', what: 'maximum message size', min: limits.sqsMessageSizeMin, max: limits.sqsMessageSizeMax, unit: ' bytes' });
  },
};
