// Rule: sqs/receive-wait-range
// A queue's long-polling wait is 0–20 s.
import { checkQueueRange } from './helpers';
import type { Rule } from './rule';

export const sqsReceiveWaitRange: Rule = {
  code: 'sqs/receive-wait-range',
  severity: 'error',
  description: "A queue's long-polling wait `receiveWait` is within 0–20 s.",
  why: 'SQS rejects any other `ReceiveMessageWaitTimeSeconds` and the stack fails to create the queue.',
  source: { title: 'CreateQueue (SQS API reference)', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html' },
  fix: 'Sets `receiveWait` to the nearest allowed value.',
  check({ graph, limits }, report) {
    checkQueueRange(graph, report, { key: 'receiveWait', what: 'long-polling wait', min: 0, max: limits.sqsReceiveWaitMax, unit: ' s' });
  },
};
