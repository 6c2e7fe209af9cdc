// Rule: sqs/delay-range
// A queue's delivery delay is 0–900 s (15 minutes).
import { checkQueueRange } from './helpers';
import type { Rule } from './rule';

export const sqsDelayRange: Rule = {
  code: 'sqs/delay-range',
  severity: 'error',
  description: "A queue's delivery `delay` is within 0–900 s (15 minutes).",
  why: 'SQS rejects any other `DelaySeconds` and the stack fails to create the queue. Longer delays need EventBridge Scheduler or a Step Functions wait state.',
  source: { title: 'CreateQueue (SQS API reference)', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html' },
  fix: 'Sets `delay` to the nearest allowed value.',
  check({ graph, limits }, report) {
    checkQueueRange(graph, report, { key: 'delay', what: 'delivery delay', min: 0, max: limits.sqsDelayMax, unit: ' s' });
  },
};
