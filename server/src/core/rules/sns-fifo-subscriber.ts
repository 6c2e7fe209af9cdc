// Rule: sns/fifo-subscriber
// Only SQS queues subscribe to FIFO topics, and FIFO queues subscribe only to FIFO topics.
import { isFifo } from './helpers';
import type { Rule } from './rule';

export const snsFifoSubscriber: Rule = {
  code: 'sns/fifo-subscriber',
  severity: 'error',
  description: 'A FIFO topic has only SQS queue subscribers, and a FIFO queue subscribes only to a FIFO topic.',
  why: 'SNS delivers FIFO topics only to SQS queues (standard queues too since September 2023, without ordering), and a standard topic cannot deliver to a FIFO queue. The subscription fails to create.',
  source: { title: 'Amazon SNS FIFO topics deliver to SQS standard queues (2023-09)', url: 'https://aws.amazon.com/about-aws/whats-new/2023/09/amazon-sns-fifo-topics-message-delivery-sqs-standard-queues/' },
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'subscription') continue;
      const topic = graph.nodes.get(edge.from);
      const target = graph.nodes.get(edge.to);
      if (!topic || !target) continue;
      if (isFifo(topic) && target.kind === 'function') {
        report({
          at: edge.pointer, nodes: [topic.id, target.id],
          message: `FIFO topic '${topic.id}' cannot deliver to function '${target.id}': only SQS queues subscribe to FIFO topics. Subscribe a FIFO queue and let '${target.id}' consume it.`,
        });
      } else if (!isFifo(topic) && target.kind === 'queue' && isFifo(target)) {
        report({
          at: edge.pointer, nodes: [topic.id, target.id],
          message: `Standard topic '${topic.id}' cannot deliver to FIFO queue '${target.id}': SNS delivers to FIFO queues only from FIFO topics.`,
        });
      }
    }
  },
};
