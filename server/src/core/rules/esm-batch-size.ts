// Rule: esm/batch-size
// An event source mapping reads 1–10,000 records or messages per batch.
import { checkRange, isFifo, mappings, numberOption, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const esmBatchSize: Rule = {
  code: 'esm/batch-size',
  severity: 'error',
  description: 'The `batchSize` of a queue, Kinesis stream, table stream, Kafka topic, Amazon MQ queue or DocumentDB change stream reader is within 1–10,000 (FIFO queues: see `sqs/fifo-batch`).',
  why: 'Lambda rejects an event source mapping with a batch size outside 1–10,000, so the deployment fails.',
  source: { title: 'Lambda event source mappings: batching', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html' },
  fix: 'Sets `batchSize` to the nearest allowed value.',
  check({ graph, limits }, report) {
    for (const edge of [...mappings(graph, 'queue-mapping'), ...mappings(graph, 'stream-mapping'), ...mappings(graph, 'broker-mapping')]) {
      const source = graph.nodes.get(edge.from);
      const batch = numberOption(edge.options, 'batchSize');
      if (!source || batch === undefined) continue;
      if (isFifo(source) && batch >= limits.esmBatchMin) continue; // the FIFO maximum is sqs/fifo-batch's
      checkRange(report, {
        at: edge.optionsAt.concat('batchSize'), value: batch, min: limits.esmBatchMin, max: limits.esmBatchMax,
        subject: `The batch size of '${edge.to}' on ${sourceLabel(source)}`, service: 'Lambda', unit: '', key: 'batchSize', nodes: [edge.from, edge.to],
      });
    }
  },
};
