// Rule: sqs/no-consumer
// Every queue that is not a dead-letter queue or failure destination has a consumer.
import { nodesOfKind } from './helpers';
import type { Rule } from './rule';

export const sqsNoConsumer: Rule = {
  code: 'sqs/no-consumer',
  severity: 'warning',
  description: 'Every queue has a consumer (`to`), unless it is a dead-letter queue or an on-failure destination.',
  why: 'Messages in a queue nobody consumes wait until their retention expires and are then deleted unseen. Dead-letter queues and failure destinations are exempt: they are meant to be inspected and redriven.',
  source: { title: 'Amazon SQS message quotas', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html' },
  check({ graph }, report) {
    for (const queue of nodesOfKind(graph, 'queue')) {
      if (queue.settings.hasConsumer) continue; // consumed, or a wrong reference reported elsewhere
      const incoming = graph.incoming.get(queue.id) ?? [];
      if (incoming.length === 0) continue; // sqs/no-sender says it
      if (incoming.some((e) => e.kind === 'dead-letter' || e.kind === 'on-failure')) continue;
      report({
        at: queue.pointer, target: 'key', nodes: [queue.id],
        message: `Nobody consumes queue '${queue.id}': its messages are deleted unseen when their retention expires. Add \`to: <function>\`.`,
      });
    }
  },
};
