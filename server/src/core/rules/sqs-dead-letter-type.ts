// Rule: sqs/dead-letter-type
// A queue's dead-letter queue has the same type: FIFO for a FIFO queue, standard for a standard one.
import { isFifo } from './helpers';
import type { Rule } from './rule';

export const sqsDeadLetterType: Rule = {
  code: 'sqs/dead-letter-type',
  severity: 'error',
  description: "A queue's dead-letter queue is of the same type: FIFO for a FIFO queue, standard for a standard queue.",
  why: 'SQS rejects a redrive policy whose dead-letter queue is of the other type, so the stack fails to configure the queue.',
  source: { title: 'Using dead-letter queues in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
  check({ graph }, report) {
    for (const edge of graph.edges) {
      const queue = graph.nodes.get(edge.from);
      const dlq = graph.nodes.get(edge.to);
      if (edge.mechanism !== 'redrive' || queue?.kind !== 'queue' || dlq?.kind !== 'queue') continue;
      if (isFifo(queue) === isFifo(dlq)) continue;
      const type = (q: typeof queue): string => (isFifo(q) ? 'a FIFO queue' : 'a standard queue');
      report({
        at: edge.pointer, nodes: [queue.id, dlq.id],
        message: `Queue '${queue.id}' is ${type(queue)} but its dead-letter queue '${dlq.id}' is ${type(dlq)}: SQS requires a dead-letter queue of the same type.`,
      });
    }
  },
};
