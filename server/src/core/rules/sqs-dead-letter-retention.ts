// Rule: sqs/dead-letter-retention
// A dead-letter queue keeps messages longer than its source queue.
import { toSeconds } from '../util/duration';
import { durationText, seconds } from './helpers';
import type { Rule } from './rule';

export const sqsDeadLetterRetention: Rule = {
  code: 'sqs/dead-letter-retention',
  severity: 'warning',
  description: "A dead-letter queue's `retention` is longer than its source queue's (or both are at the 14-day maximum).",
  why: "A message keeps its original enqueue time when it moves to a dead-letter queue. If the dead-letter queue's retention is not longer than the source's, failed messages can expire there right after they arrive, before anyone looks at them.",
  source: { title: 'Using dead-letter queues in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
  fix: "Sets the dead-letter queue's `retention` to 14 days.",
  check({ graph, limits }, report) {
    const retention = (config: Readonly<Record<string, unknown>>): number | undefined =>
      config.retention === undefined ? limits.sqsRetentionDefault : toSeconds(config.retention);
    for (const edge of graph.edges) {
      const queue = graph.nodes.get(edge.from);
      const dlq = graph.nodes.get(edge.to);
      if (edge.mechanism !== 'redrive' || queue?.kind !== 'queue' || dlq?.kind !== 'queue') continue;
      const source = retention(queue.config);
      const target = retention(dlq.config);
      if (source === undefined || target === undefined) continue;
      if (target > source || (source >= limits.sqsRetentionMax && target >= limits.sqsRetentionMax)) continue;
      const written = dlq.config.retention !== undefined;

      report({
        at: written ? dlq.pointer.concat('retention') : dlq.pointer, ...(written ? {} : { target: 'key' as const }), nodes: [dlq.id, queue.id],
        message: `Dead-letter queue '${dlq.id}' keeps messages for ${seconds(target)}${written ? '' : ' (the default)'}, not longer than its source queue '${queue.id}' (${seconds(source)}${queue.config.retention === undefined ? ', the default' : ''}): failed messages keep their enqueue time and can expire soon after they arrive.`,
        fix: { kind: 'set-value', title: 'Set retention to 14 days', at: dlq.pointer.concat('retention'), value: durationText(limits.sqsRetentionMax) },
      });
    }
  },
};
