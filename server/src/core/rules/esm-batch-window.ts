// Rule: esm/batch-window
// A batching window is 0–300 s, and a batch size above 10 needs a window of at least 1 s.
import { checkRange, durationOption, isFifo, mappings, n, numberOption, seconds, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const esmBatchWindow: Rule = {
  code: 'esm/batch-window',
  severity: 'error',
  description: 'A consumer\'s `batchWindow` (queues, streams, Kafka topics, Amazon MQ queues, DocumentDB change streams) is within 0–300 s, and a standard queue\'s consumer with a `batchSize` above 10 has a `batchWindow` of at least 1 s.',
  why: 'Lambda rejects a batching window above 300 s, and for SQS a batch size above 10 without a batching window of at least 1 s. (The Lambda API reference words the same for Kinesis and DynamoDB streams, but their own defaults, 100 records with no window, are accepted, so streams are not flagged.)',
  source: { title: 'Parameters for Amazon SQS event source mappings', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html' },
  fix: 'Sets `batchWindow` to 1 s, or to 300 s when it is above.',
  check({ graph, limits }, report) {
    for (const edge of [...mappings(graph, 'queue-mapping'), ...mappings(graph, 'stream-mapping'), ...mappings(graph, 'broker-mapping')]) {
      const source = graph.nodes.get(edge.from);
      if (!source || isFifo(source)) continue; // FIFO queues have no window at all: sqs/fifo-batch
      const window = durationOption(edge.options, 'batchWindow');
      const windowAt = edge.optionsAt.concat('batchWindow');
      const nodes = [edge.from, edge.to];
      if (window !== undefined && checkRange(report, {
        at: windowAt, value: window, min: 0, max: limits.esmBatchWindowMax,
        subject: `The batching window of '${edge.to}' on ${sourceLabel(source)}`, service: 'Lambda', unit: ' s', key: 'batchWindow', nodes,
      })) continue;
      const batch = numberOption(edge.options, 'batchSize');
      if (source.kind !== 'queue') continue;
      if (batch === undefined || batch <= limits.esmBatchWithoutWindowMax || (window ?? 0) >= limits.esmLargeBatchWindowMin) continue;
      report({
        at: window === undefined ? edge.optionsAt.concat('batchSize') : windowAt, nodes,
        message: `The batch size ${n(batch)} of '${edge.to}' on ${sourceLabel(source)} is above ${n(limits.esmBatchWithoutWindowMax)}: Lambda then requires a batching window of at least ${seconds(limits.esmLargeBatchWindowMin)}, ${window === undefined ? 'and none is set' : `not ${seconds(window)}`}.`,
        fix: { kind: 'set-value', title: `Set batchWindow to ${limits.esmLargeBatchWindowMin}`, at: windowAt, value: limits.esmLargeBatchWindowMin },
      });
    }
  },
};
