// Rule: stream/max-retries
// A stream consumer retries a failed batch −1 (until the record expires) to 10,000 times.
import { mappings, n, numberOption, setValue, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const streamMaxRetries: Rule = {
  code: 'stream/max-retries',
  severity: 'error',
  description: "A Kinesis or DynamoDB stream consumer's `maxRetries` is −1 (retry until the record expires) or within 0–10,000.",
  why: 'Lambda rejects a `MaximumRetryAttempts` outside −1–10,000, so the deployment fails.',
  source: { title: 'Lambda parameters for Kinesis and DynamoDB event source mappings', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html' },
  fix: 'Sets `maxRetries` to the nearest allowed value.',
  check({ graph, limits }, report) {
    for (const edge of mappings(graph, 'stream-mapping')) {
      const source = graph.nodes.get(edge.from);
      const value = numberOption(edge.options, 'maxRetries');
      if (!source || value === undefined || (value >= -1 && value <= limits.streamRetriesMax)) continue;
      const bound = value < -1 ? -1 : limits.streamRetriesMax;
      const at = edge.optionsAt.concat('maxRetries');
      report({
        at, nodes: [edge.from, edge.to], fix: setValue(at, bound, `Set maxRetries to ${n(bound)}`),
        message: `The retry count of '${edge.to}' on ${sourceLabel(source)} is ${n(value)}; Lambda allows −1 (retry until the record expires) or 0–${n(limits.streamRetriesMax)}.`,
      });
    }
  },
};
