// Rule: eventbridge/schedule-fifo-deduplication
// A FIFO queue a schedule sends to deduplicates by content: Scheduler sets a message group id but no
// deduplication id.
import type { Rule } from './rule';

export const eventbridgeScheduleFifoDeduplication: Rule = {
  code: 'eventbridge/schedule-fifo-deduplication',
  severity: 'error',
  description: 'A FIFO queue that a schedule sends to has `contentBasedDeduplication: true`.',
  why: 'A message sent to a FIFO queue needs a deduplication id. EventBridge Scheduler sets only the message group id (`SqsParameters.MessageGroupId`), never a deduplication id, so AWS requires content-based deduplication on a FIFO queue target; without it every delivery fails.',
  source: { title: 'SqsParameters (EventBridge Scheduler API reference)', url: 'https://docs.aws.amazon.com/scheduler/latest/APIReference/API_SqsParameters.html' },
  fix: "Adds `contentBasedDeduplication: true` to the queue.",
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'schedule') continue;
      const queue = graph.nodes.get(edge.to);
      if (queue?.kind !== 'queue' || !queue.settings.fifo || queue.settings.contentBasedDeduplication) continue;
      report({
        at: edge.pointer, nodes: [edge.from, queue.id],
        message: `Schedule '${edge.from}' sends to FIFO queue '${queue.id}', which has no content-based deduplication: Scheduler sets no deduplication id, so every delivery fails. Set \`contentBasedDeduplication: true\` on the queue.`,
        fix: { kind: 'insert-property', title: `Turn on content-based deduplication for '${queue.id}'`, at: queue.pointer, key: 'contentBasedDeduplication', value: true, after: 'fifo' },
      });
    }
  },
};
