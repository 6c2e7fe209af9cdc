// Rule: sqs/max-receive-count
// A queue consumed by a function moves messages to its dead-letter queue after at least 5 receives.
import { mappings, n } from './helpers';
import type { Rule } from './rule';

export const sqsMaxReceiveCount: Rule = {
  code: 'sqs/max-receive-count',
  severity: 'warning',
  description: 'A queue consumed by a function has a `deadLetter.maxReceiveCount` of at least 5.',
  why: 'Lambda receives a whole batch at once; throttling and transient errors count as receives. With fewer than 5, messages that would succeed on a retry land in the dead-letter queue.',
  source: { title: 'Using Lambda with Amazon SQS', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html' },
  fix: 'Sets `maxReceiveCount` to 5.',
  check({ graph, limits }, report) {
    for (const edge of mappings(graph, 'queue-mapping')) {
      const queue = graph.nodes.get(edge.from);
      const count = queue?.kind === 'queue' ? queue.settings.deadLetter?.maxReceiveCount : undefined;
      if (!queue || count === undefined) continue;
      if (count >= limits.sqsMinReceiveCount) continue;
      const at = queue.pointer.concat('deadLetter', 'maxReceiveCount');
      report({
        at, nodes: [queue.id, edge.to],
        message: `Queue '${queue.id}' moves a message to its dead-letter queue after ${n(count)} receive${count === 1 ? '' : 's'}; with a Lambda consumer use at least ${n(limits.sqsMinReceiveCount)}, so throttled and briefly failing batches get retried.`,
        fix: { kind: 'set-value', title: `Set maxReceiveCount to ${limits.sqsMinReceiveCount}`, at, value: limits.sqsMinReceiveCount },
      });
    }
  },
};
