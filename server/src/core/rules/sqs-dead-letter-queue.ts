// Rule: sqs/dead-letter-queue
// A queue consumed by a function has a dead-letter queue.
import { durationText, isFifo, mappings } from './helpers';
import type { Rule } from './rule';

export const sqsDeadLetterQueue: Rule = {
  code: 'sqs/dead-letter-queue',
  severity: 'warning',
  description: 'A queue consumed by a function has a dead-letter queue (`deadLetter`).',
  why: 'Without a dead-letter queue a message the function cannot process (a "poison pill") is retried until its retention expires, blocking a FIFO message group and costing an invocation per retry, and then it is lost. For a FIFO queue AWS notes the trade-off: moving a message aside breaks the exact order of its group, so skip the dead-letter queue only when that order matters more than the blocked group.',
  source: { title: 'Using dead-letter queues in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
  fix: 'Declares a queue `<name>-dlq` (`<name>-dlq.fifo` for a FIFO queue) of the same type with a 14-day retention, and sets `deadLetter: { queue: …, maxReceiveCount: 5 }`.',
  check({ graph, limits }, report) {
    for (const edge of mappings(graph, 'queue-mapping')) {
      const queue = graph.nodes.get(edge.from);
      if (queue?.kind !== 'queue' || queue.settings.deadLetter) continue;
      const fifo = isFifo(queue);
      const base = queue.id.endsWith('.fifo') ? queue.id.slice(0, -'.fifo'.length) : queue.id;
      let name = `${base}-dlq${fifo ? '.fifo' : ''}`;
      for (let i = 2; graph.nodes.has(name) || graph.events.has(name); i++) name = `${base}-dlq${i}${fifo ? '.fifo' : ''}`;
      report({
        at: queue.pointer, target: 'key', nodes: [queue.id, edge.to],
        message: fifo
          ? `FIFO queue '${queue.id}' is consumed by '${edge.to}' but has no dead-letter queue: a message that keeps failing blocks its message group until it expires, then is lost. A dead-letter queue unblocks the group but breaks the exact order of its messages (AWS's trade-off): leave it out only when that order matters more.`
          : `Queue '${queue.id}' is consumed by '${edge.to}' but has no dead-letter queue: a message that keeps failing is retried until it expires, then lost.`,
        fix: {
          kind: 'add-dead-letter-queue', title: `Add dead-letter queue '${name}'`, queue: queue.pointer, name, fifo,
          retention: durationText(limits.sqsRetentionMax), maxReceiveCount: limits.sqsMinReceiveCount,
        },
      });
    }
  },
};
