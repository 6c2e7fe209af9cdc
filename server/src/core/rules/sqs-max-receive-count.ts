// Rule: sqs/max-receive-count
// A queue's `deadLetter.maxReceiveCount` is at least 1 (Q17: an error below), and at least 5 when a
// function consumes the queue (Q18: a warning below).
import { mappings, n, nodesOfKind } from './helpers';
import type { Fix } from '../fix';
import type { Rule } from './rule';

export const sqsMaxReceiveCount: Rule = {
  code: 'sqs/max-receive-count',
  severity: 'warning',
  description: "A queue's `deadLetter.maxReceiveCount` is at least 1 (error), and at least 5 when a function consumes the queue (warning).",
  why: 'SQS rejects a redrive policy with a `maxReceiveCount` below 1. Lambda receives a whole batch at once; throttling and transient errors count as receives. With fewer than 5, messages that would succeed on a retry land in the dead-letter queue.',
  source: { title: 'Using Lambda with Amazon SQS', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html' },
  fix: 'Sets `maxReceiveCount` to 5 (or to 1 on a queue no function consumes).',
  check({ graph, limits }, report) {
    const consumers = new Map(mappings(graph, 'queue-mapping').map((e) => [e.from, e.to]));
    for (const queue of nodesOfKind(graph, 'queue')) {
      const count = queue.settings.deadLetter?.maxReceiveCount;
      if (count === undefined) continue;
      const consumer = consumers.get(queue.id);
      const at = queue.pointer.concat('deadLetter', 'maxReceiveCount');
      const nodes = consumer ? [queue.id, consumer] : [queue.id];
      const to = consumer ? limits.sqsMinReceiveCount : limits.sqsMaxReceiveCountMin;
      const fix: Fix = { kind: 'set-value', title: `Set maxReceiveCount to ${to}`, at, value: to };
      if (count < limits.sqsMaxReceiveCountMin) {
        report({
          at, nodes, fix, severity: 'error',
          message: `Queue '${queue.id}' has a \`maxReceiveCount\` of ${n(count)}; SQS accepts ${n(limits.sqsMaxReceiveCountMin)} or more (the receives before a message moves to the dead-letter queue).`,
        });
        continue;
      }
      if (!consumer || count >= limits.sqsMinReceiveCount) continue;
      report({
        at, nodes, fix,
        message: `Queue '${queue.id}' moves a message to its dead-letter queue after ${n(count)} receive${count === 1 ? '' : 's'}; with a Lambda consumer use at least ${n(limits.sqsMinReceiveCount)}, so throttled and briefly failing batches get retried.`,
      });
    }
  },
};
