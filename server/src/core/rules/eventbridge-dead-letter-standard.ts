// Rule: eventbridge/dead-letter-standard
// The dead-letter queue of a rule target must be a standard queue (T2).
import { isFifo } from './helpers';
import type { Rule } from './rule';

export const eventbridgeDeadLetterStandard: Rule = {
  code: 'eventbridge/dead-letter-standard',
  severity: 'error',
  description: "A rule target's dead-letter queue is a standard (not FIFO) queue.",
  why: 'EventBridge sends events it could not deliver only to standard SQS queues; PutTargets rejects a FIFO queue as the dead-letter queue.',
  source: { title: 'Using dead-letter queues to process undelivered events in EventBridge', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html' },
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.kind !== 'dead-letter' || graph.nodes.get(edge.from)?.kind !== 'event-bus') continue;
      const queue = graph.nodes.get(edge.to);
      if (!queue || !isFifo(queue)) continue;
      const rule = edge.pointer[edge.pointer.indexOf('rules') + 1];
      report({
        at: edge.pointer, nodes: [edge.from, queue.id],
        message: `The dead-letter queue '${queue.id}' of a target of rule '${String(rule)}' is a FIFO queue: EventBridge sends undelivered events only to standard queues. Use a standard queue.`,
      });
    }
  },
};
