// Rule: esm/partial-batch-response
// A queue, stream or table reader reports partial batch failures (`reportFailures: true`).
import { fn } from '../kinds/function';
import { setValue, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const esmPartialBatchResponse: Rule = {
  code: 'esm/partial-batch-response',
  severity: 'info',
  description: 'A function reading a queue, a Kinesis stream or a table stream reports partial batch failures (`reportFailures: true`).',
  why: 'Without partial batch responses, one failing record fails its whole batch: a queue redelivers every message of it (each redelivery counts toward the dead-letter queue), a stream retries the batch and holds up its shard. With `ReportBatchItemFailures` the function returns the ids of the records that failed, and only those are retried.',
  source: { title: 'Handling errors for an SQS event source in Lambda (partial batch responses)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html' },
  fix: 'Sets `reportFailures: true`; the regenerated handler type then returns `{ batchItemFailures }` (`SQSBatchResponse`, `KinesisStreamBatchResponse`, `DynamoDBBatchResponse`).',
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'queue-mapping' && edge.mechanism !== 'stream-mapping') continue;
      if (edge.options.reportFailures === true) continue;
      const source = graph.nodes.get(edge.from);
      if (!source || graph.nodes.get(edge.to)?.kind !== 'function') continue;
      const at = edge.optionsAt.concat('reportFailures');
      report({
        at: edge.options.reportFailures === false ? at : edge.pointer, nodes: [edge.from, edge.to],
        message: `'${edge.to}' reads ${sourceLabel(source)} without partial batch responses: one failing record fails its whole batch, and every record of it is retried. Set \`reportFailures: true\` and return the failed record ids.`,
        fix: setValue(at, true, 'Report partial batch failures', fn.targetKey),
      });
    }
  },
};
