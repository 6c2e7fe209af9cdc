// Rule: sqs/visibility-range
// A queue's visibility timeout is 0–43,200 s (12 hours).
import { checkQueueRange } from './helpers';
import type { Rule } from './rule';

export const sqsVisibilityRange: Rule = {
  code: 'sqs/visibility-range',
  severity: 'error',
  description: "A queue's `visibilityTimeout` is within 0–43,200 s (12 hours).",
  why: 'SQS rejects any other `VisibilityTimeout` and the stack fails to create the queue.',
  source: { title: 'CreateQueue (SQS API reference)', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html' },
  fix: 'Sets `visibilityTimeout` to the nearest allowed value.',
  check({ graph, limits }, report) {
    checkQueueRange(graph, report, { key: 'visibilityTimeout', what: 'visibility timeout', min: 0, max: limits.sqsVisibilityMax, unit: ' s' });
  },
};
