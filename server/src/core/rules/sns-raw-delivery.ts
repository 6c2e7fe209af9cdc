// Rule: sns/raw-delivery
// `rawDelivery` is set only on subscriptions that support it (queues), not on Lambda subscriptions.
import type { Rule } from './rule';

export const snsRawDelivery: Rule = {
  code: 'sns/raw-delivery',
  severity: 'warning',
  description: '`rawDelivery` is set only on queue subscriptions: SNS ignores it for Lambda subscribers.',
  why: 'Raw message delivery exists for SQS, HTTP/S and Firehose endpoints. A Lambda subscriber always receives the SNS envelope (`Records[].Sns.Message`), so code written for a raw message would not find its fields.',
  source: { title: 'Amazon SNS raw message delivery', url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-large-payload-raw-message-delivery.html' },
  fix: 'Removes `rawDelivery`.',
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'subscription' || edge.options.rawDelivery !== true) continue;
      if (graph.nodes.get(edge.to)?.kind !== 'function') continue;
      const at = edge.optionsAt.concat('rawDelivery');
      report({
        at, nodes: [edge.from, edge.to],
        message: `SNS ignores \`rawDelivery\` for Lambda subscribers: function '${edge.to}' receives the SNS envelope from topic '${edge.from}' anyway (the message is in \`Records[].Sns.Message\`).`,
        fix: { kind: 'remove-property', title: 'Remove rawDelivery', at },
      });
    }
  },
};
