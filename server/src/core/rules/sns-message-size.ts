// Rule: sns/message-size
// A topic's `maxMessageSize` is 1,024–1,048,576 bytes; above the 262,144-byte default the topic takes
// only SQS, Lambda and Firehose subscriptions, at most 100 (N1, September 2026).
import { checkRange, n, nodesOfKind } from './helpers';
import type { Rule } from './rule';

/** CloudFormation types of the subscribers SNS allows on a topic above 256 KiB. */
const LARGE_MESSAGE_SUBSCRIBERS = new Set(['AWS::SQS::Queue', 'AWS::Lambda::Function', 'AWS::KinesisFirehose::DeliveryStream']);

export const snsMessageSize: Rule = {
  code: 'sns/message-size',
  severity: 'error',
  description: "A topic's `maxMessageSize` is within 1,024–1,048,576 bytes; above 262,144 bytes its subscribers are only SQS queues, Lambda functions and Firehose streams, at most 100.",
  why: 'Since September 2026 a topic can accept messages up to 1 MiB through its `MaximumMessageSize` attribute (default 256 KiB). SNS rejects a value outside 1,024–1,048,576 bytes, and a topic raised above 256 KiB may only have SQS, Lambda and Firehose subscriptions, and at most 100 of them.',
  source: { title: 'Amazon SNS large message payloads (MaximumMessageSize)', url: 'https://docs.aws.amazon.com/sns/latest/dg/large-message-payloads.html' },
  fix: 'Sets `maxMessageSize` to the nearest allowed value.',
  check({ graph, limits }, report) {
    for (const topic of nodesOfKind(graph, 'topic')) {
      const size = topic.settings.maxMessageSize;
      if (size === undefined) continue;
      const at = topic.pointer.concat('maxMessageSize');
      if (checkRange(report, {
        at, value: size, min: limits.snsMessageSizeMin, max: limits.snsMessageSizeMax, subject: `The maxMessageSize of topic '${topic.id}'`,
        service: 'SNS', unit: ' bytes', key: 'maxMessageSize', nodes: [topic.id],
      })) continue;
      if (size <= limits.snsMessageBytes) continue;
      const subscriptions = (graph.outgoing.get(topic.id) ?? []).filter((e) => e.mechanism === 'subscription');
      if (subscriptions.length > limits.snsLargeMessageSubscriptions) {
        report({
          at, nodes: [topic.id],
          message: `Topic '${topic.id}' accepts messages of ${n(size)} bytes and has ${n(subscriptions.length)} subscriptions; above ${n(limits.snsMessageBytes)} bytes SNS allows at most ${n(limits.snsLargeMessageSubscriptions)}.`,
        });
      }
      for (const e of subscriptions) {
        const to = graph.nodes.get(e.to);
        const resource = to?.kind === 'external' ? to.settings.resource : undefined;
        if (resource === undefined || LARGE_MESSAGE_SUBSCRIBERS.has(resource)) continue;
        report({
          at: e.pointer, nodes: [topic.id, e.to],
          message: `Topic '${topic.id}' accepts messages of ${n(size)} bytes, but '${e.to}' is ${resource}: above ${n(limits.snsMessageBytes)} bytes SNS allows only SQS, Lambda and Firehose subscriptions.`,
        });
      }
    }
  },
};
