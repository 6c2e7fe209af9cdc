// Rule: sqs/dead-letter-retention
// A standard queue's dead-letter queue keeps messages longer than its source queue (Q15b). A FIFO
// dead-letter queue restarts the enqueue time, so the rule does not apply to FIFO queues.
import { toSeconds } from '../util/duration';
import { durationText, isFifo, seconds } from './helpers';
import type { Rule } from './rule';

export const sqsDeadLetterRetention: Rule = {
  code: 'sqs/dead-letter-retention',
  severity: 'warning',
  description: "A standard queue's dead-letter queue has a longer `retention` than the queue (or both are at the 14-day maximum). FIFO queues are exempt.",
  why: "A message of a standard queue keeps its original enqueue time when it moves to the dead-letter queue. If the dead-letter queue's retention is not longer than the source's, failed messages can expire there right after they arrive, before anyone looks at them. A FIFO queue's dead-letter queue resets the enqueue time, so its own retention counts from the move.",
  source: { title: 'Configuring dead-letter queue retention in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html' },
  fix: "Sets the dead-letter queue's `retention` to 14 days.",
  check({ graph, limits }, report) {
    const retention = (config: Readonly<Record<string, unknown>>): number | undefined =>
      config.retention === undefined ? limits.sqsRetentionDefault : toSeconds(config.retention);
    for (const edge of graph.edges) {
      const queue = graph.nodes.get(edge.from);
      const dlq = graph.nodes.get(edge.to);
      if (edge.mechanism !== 'redrive' || queue?.kind !== 'queue' || dlq?.kind !== 'queue') continue;
      // FIFO: the enqueue timestamp resets when the message moves, so any retention leaves it its full time.
      if (isFifo(queue)) continue;
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
