// Rule: stream/parallelization
// A stream consumer's parallelization factor is 1–10.
import { checkRange, mappings, numberOption, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const streamParallelization: Rule = {
  code: 'stream/parallelization',
  severity: 'error',
  description: "A Kinesis or DynamoDB stream consumer's `parallelization` is within 1–10.",
  why: 'Lambda rejects a `ParallelizationFactor` outside 1–10 (concurrent batches per shard), so the deployment fails.',
  source: { title: 'Lambda parameters for Kinesis and DynamoDB event source mappings', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html' },
  fix: 'Sets `parallelization` to the nearest allowed value.',
  check({ graph, limits }, report) {
    for (const edge of mappings(graph, 'stream-mapping')) {
      const source = graph.nodes.get(edge.from);
      const value = numberOption(edge.options, 'parallelization');
      if (!source || value === undefined) continue;
      checkRange(report, {
        at: edge.optionsAt.concat('parallelization'), value, min: limits.streamParallelizationMin, max: limits.streamParallelizationMax,
        subject: `The parallelization factor of '${edge.to}' on ${sourceLabel(source)}`, service: 'Lambda', unit: '', key: 'parallelization', nodes: [edge.from, edge.to],
      });
    }
  },
};
