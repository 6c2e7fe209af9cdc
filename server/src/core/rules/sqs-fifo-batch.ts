// Rule: sqs/fifo-batch
// A FIFO queue's consumer reads at most 10 messages per batch and has no batching window.
import { isFifo, mappings, n, numberOption, seconds, durationOption } from './helpers';
import type { Rule } from './rule';

export const sqsFifoBatch: Rule = {
  code: 'sqs/fifo-batch',
  severity: 'error',
  description: "A FIFO queue's consumer has a `batchSize` of at most 10 and no `batchWindow`.",
  why: 'Lambda rejects an event source mapping on a FIFO queue with a batch size above 10 or a batching window, so the deployment fails.',
  source: { title: 'Parameters for Amazon SQS event source mappings', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html' },
  fix: 'Sets `batchSize` to 10, or removes `batchWindow`.',
  check({ graph, limits }, report) {
    for (const edge of mappings(graph, 'queue-mapping')) {
      const queue = graph.nodes.get(edge.from);
      if (!isFifo(queue)) continue;
      const batch = numberOption(edge.options, 'batchSize');
      if (batch !== undefined && batch > limits.sqsFifoBatchMax) {
        const at = edge.optionsAt.concat('batchSize');
        report({
          at, nodes: [edge.from, edge.to],
          message: `The batch size ${n(batch)} of '${edge.to}' on FIFO queue '${edge.from}' is above ${n(limits.sqsFifoBatchMax)}, the most Lambda reads from a FIFO queue at once.`,
          fix: { kind: 'set-value', title: `Set batchSize to ${limits.sqsFifoBatchMax}`, at, value: limits.sqsFifoBatchMax },
        });
      }
      const window = durationOption(edge.options, 'batchWindow');
      if (window !== undefined && window > 0) {
        const at = edge.optionsAt.concat('batchWindow');
        report({
          at, nodes: [edge.from, edge.to],
          message: `The batching window ${seconds(window)} of '${edge.to}' on FIFO queue '${edge.from}' is not supported: Lambda has no batching window for FIFO queues.`,
          fix: { kind: 'remove-property', title: 'Remove batchWindow', at },
        });
      }
    }
  },
};
