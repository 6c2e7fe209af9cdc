// Rule: eventbridge/schedule-fifo-dead-letter
// A schedule's dead-letter queue is a standard queue: EventBridge Scheduler does not support FIFO ones.
import type { Rule } from './rule';

export const eventbridgeScheduleFifoDeadLetter: Rule = {
  code: 'eventbridge/schedule-fifo-dead-letter',
  severity: 'error',
  description: "A schedule's `deadLetter` is a standard (not FIFO) queue.",
  why: 'EventBridge Scheduler delivers its dead-letter events only to standard SQS queues; a FIFO queue is not supported as a schedule\'s dead-letter queue, so failed invocations would not arrive there.',
  source: { title: "Configuring a schedule's dead-letter queue in EventBridge Scheduler", url: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html' },
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'redrive' || graph.nodes.get(edge.from)?.kind !== 'schedule') continue;
      const queue = graph.nodes.get(edge.to);
      if (queue?.kind !== 'queue' || !queue.settings.fifo) continue;
      report({
        at: edge.pointer, nodes: [edge.from, queue.id],
        message: `The dead-letter queue '${queue.id}' of schedule '${edge.from}' is a FIFO queue: EventBridge Scheduler sends dead-letter events only to standard queues. Use a standard queue.`,
      });
    }
  },
};
