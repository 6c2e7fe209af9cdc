// Rule: sqs/retention-range
// A queue's retention is 60 s – 1,209,600 s (14 days).
import { checkQueueRange } from './helpers';
import type { Rule } from './rule';

export const sqsRetentionRange: Rule = {
  code: 'sqs/retention-range',
  severity: 'error',
  description: "A queue's `retention` is within 60–1,209,600 s (1 minute to 14 days).",
  why: 'SQS rejects any other `MessageRetentionPeriod` and the stack fails to create the queue.',
  source: { title: 'Amazon SQS message quotas', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html' },
  fix: 'Sets `retention` to the nearest allowed value.',
  check({ graph, limits }, report) {
    checkQueueRange(graph, report, { key: 'retention', what: 'retention', min: limits.sqsRetentionMin, max: limits.sqsRetentionMax, unit: ' s' });
  },
};
