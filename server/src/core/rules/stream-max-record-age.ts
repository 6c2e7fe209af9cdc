// Rule: stream/max-record-age
// A stream consumer's maximum record age is −1 (never discard) or 60–604,800 s.
import { durationOption, mappings, n, setValue, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const streamMaxRecordAge: Rule = {
  code: 'stream/max-record-age',
  severity: 'error',
  description: "A Kinesis or DynamoDB stream consumer's `maxRecordAge` is −1 (never discard) or within 60–604,800 s (7 days).",
  why: 'Lambda rejects a `MaximumRecordAgeInSeconds` between −1 and 60 or above 604,800, so the deployment fails.',
  source: { title: 'Lambda parameters for Kinesis and DynamoDB event source mappings', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html' },
  fix: 'Sets `maxRecordAge` to the nearest allowed value.',
  check({ graph, limits }, report) {
    for (const edge of mappings(graph, 'stream-mapping')) {
      const source = graph.nodes.get(edge.from);
      const value = durationOption(edge.options, 'maxRecordAge');
      if (!source || value === undefined || value === -1) continue;
      if (value >= limits.streamRecordAgeMin && value <= limits.streamRecordAgeMax) continue;
      const bound = value > limits.streamRecordAgeMax ? limits.streamRecordAgeMax : value < 0 ? -1 : limits.streamRecordAgeMin;
      const at = edge.optionsAt.concat('maxRecordAge');
      report({
        at, nodes: [edge.from, edge.to], fix: setValue(at, bound, `Set maxRecordAge to ${n(bound)}`),
        message: `The maximum record age of '${edge.to}' on ${sourceLabel(source)} is ${n(value)} s; Lambda allows −1 (never discard) or ${n(limits.streamRecordAgeMin)}–${n(limits.streamRecordAgeMax)} s.`,
      });
    }
  },
};
