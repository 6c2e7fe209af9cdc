// Rule: stream/tumbling-window
// A stream consumer's tumbling window is 0–900 s.
import { checkRange, durationOption, mappings, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const streamTumblingWindow: Rule = {
  code: 'stream/tumbling-window',
  severity: 'error',
  description: "A Kinesis or DynamoDB stream consumer's `tumblingWindow` is within 0–900 s (0 turns it off).",
  why: 'Lambda rejects a `TumblingWindowInSeconds` outside 0–900, so the deployment fails.',
  source: { title: 'Lambda parameters for Kinesis and DynamoDB event source mappings', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html' },
  fix: 'Sets `tumblingWindow` to the nearest allowed value.',
  check({ graph, limits }, report) {
    for (const edge of mappings(graph, 'stream-mapping')) {
      const source = graph.nodes.get(edge.from);
      const value = durationOption(edge.options, 'tumblingWindow');
      if (!source || value === undefined) continue;
      checkRange(report, {
        at: edge.optionsAt.concat('tumblingWindow'), value, min: 0, max: limits.streamTumblingWindowMax,
        subject: `The tumbling window of '${edge.to}' on ${sourceLabel(source)}`, service: 'Lambda', unit: ' s', key: 'tumblingWindow', nodes: [edge.from, edge.to],
      });
    }
  },
};
