// Rule: s3/fifo-destination
// S3 event notifications go to functions, standard queues and standard topics only.
import type { Rule } from './rule';

export const s3FifoDestination: Rule = {
  code: 's3/fifo-destination',
  severity: 'error',
  description: 'A bucket notification does not target a FIFO queue or a FIFO topic.',
  why: 'S3 event notifications support only standard SQS queues and standard SNS topics; S3 rejects a FIFO destination when the notification configuration is deployed. Route through EventBridge, or notify a standard queue.',
  source: { title: 'Supported event destinations (Amazon S3)', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html' },
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'notification') continue;
      const target = graph.nodes.get(edge.to);
      if ((target?.kind !== 'queue' && target?.kind !== 'topic') || !target.settings.fifo) continue;
      const what = target.kind === 'queue' ? 'queue' : 'topic';
      report({
        at: edge.pointer,
        nodes: [edge.from, target.id],
        message: `Bucket '${edge.from}' cannot notify FIFO ${what} '${target.id}': S3 event notifications support only standard queues and topics. Notify a standard ${what}, or route the events through EventBridge.`,
      });
    }
  },
};
