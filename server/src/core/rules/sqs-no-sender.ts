// Rule: sqs/no-sender
// Something sends to every queue.
import { nodesOfKind } from './helpers';
import type { Rule } from './rule';

export const sqsNoSender: Rule = {
  code: 'sqs/no-sender',
  severity: 'warning',
  description: 'Every queue has a sender: a producer, router or function names it (`to`, `emits`, `deadLetter`, `onFailure`, `onSuccess`).',
  why: 'A queue nobody sends to is dead weight, or a missing connection: its consumer never runs. Something outside this file that sends to it is better declared as an `external` producer.',
  source: { title: 'Amazon SQS message quotas', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html' },
  check({ graph }, report) {
    for (const queue of nodesOfKind(graph, 'queue')) {
      if ((graph.incoming.get(queue.id) ?? []).length > 0) continue;
      report({
        at: queue.pointer, target: 'key', nodes: [queue.id],
        message: `Nothing sends to queue '${queue.id}': no producer, router or function names it. Connect a sender, or declare the outside sender as an \`external\` producer.`,
      });
    }
  },
};
