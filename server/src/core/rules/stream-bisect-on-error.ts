// Rule: stream/bisect-on-error
// A stream consumer splits a failing batch to isolate the bad record.
import { mappings, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const streamBisectOnError: Rule = {
  code: 'stream/bisect-on-error',
  severity: 'info',
  description: 'A Kinesis or DynamoDB stream consumer sets `bisectOnError: true`.',
  why: 'Without it one bad record makes Lambda retry the whole batch until the retries or the record age run out, holding back every good record behind it. Bisecting splits the batch and retries the halves, isolating the bad record.',
  source: { title: 'Lambda parameters for Kinesis and DynamoDB event source mappings', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html' },
  fix: 'Sets `bisectOnError: true`.',
  check({ graph }, report) {
    for (const edge of mappings(graph, 'stream-mapping')) {
      const source = graph.nodes.get(edge.from);
      if (!source || edge.options.bisectOnError === true) continue;
      const written = edge.options.bisectOnError !== undefined;
      report({
        at: written ? edge.optionsAt.concat('bisectOnError') : edge.pointer, nodes: [edge.from, edge.to],
        message: `'${edge.to}' reads ${sourceLabel(source)} without \`bisectOnError\`: one bad record holds back its whole batch until retries run out.`,
        fix: { kind: 'set-value', title: 'Set bisectOnError: true', at: edge.optionsAt.concat('bisectOnError'), value: true, refKey: 'function' },
      });
    }
  },
};
