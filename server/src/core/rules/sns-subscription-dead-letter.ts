// Rule: sns/subscription-dead-letter
// Every topic subscription has a dead-letter queue, of the topic's type.
import { pointerToString } from '../span';
import { isFifo } from './helpers';
import type { Rule } from './rule';

export const snsSubscriptionDeadLetter: Rule = {
  code: 'sns/subscription-dead-letter',
  severity: 'warning',
  description: 'Every topic subscription has a dead-letter queue (`deadLetter`); a FIFO topic\'s is a FIFO queue and a standard topic\'s a standard queue (error).',
  why: 'SNS retries Lambda and SQS subscribers for 23 days, but messages it cannot deliver because of a client-side error (a deleted function or queue, a missing permission, a KMS key it may not use) are discarded at once, without a trace, unless the subscription has a dead-letter queue. Archflow warns rather than informs because the loss is silent. The dead-letter queue must match the topic type, or the subscription fails to create.',
  source: { title: 'Amazon SNS dead-letter queues (DLQs)', url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html' },
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'subscription') continue;
      const topic = graph.nodes.get(edge.from);
      if (!topic) continue;
      if (edge.options.deadLetter === undefined) {
        report({
          at: edge.pointer, nodes: [topic.id, edge.to],
          message: `The subscription of '${edge.to}' to topic '${topic.id}' has no dead-letter queue: messages SNS cannot deliver (deleted endpoint, missing permission) are discarded without a trace.`,
        });
        continue;
      }
      const dlqAt = pointerToString(edge.optionsAt.concat('deadLetter'));
      const dlqEdge = graph.edges.find((e) => e.mechanism === 'redrive' && e.id === dlqAt);
      const dlq = dlqEdge ? graph.nodes.get(dlqEdge.to) : undefined;
      if (dlqEdge && dlq?.kind === 'queue' && isFifo(dlq) !== isFifo(topic)) {
        report({
          at: dlqEdge.pointer, severity: 'error', nodes: [topic.id, dlq.id],
          message: `The dead-letter queue '${dlq.id}' of a subscription to ${isFifo(topic) ? 'FIFO' : 'standard'} topic '${topic.id}' is a ${isFifo(dlq) ? 'FIFO' : 'standard'} queue; SNS needs a ${isFifo(topic) ? 'FIFO' : 'standard'} one.`,
        });
      }
    }
  },
};
