// Rule: stream/starting-position
// A Kinesis or table stream consumer says where to start reading; AT_TIMESTAMP only on Kinesis, with a timestamp.
import { mappings, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const streamStartingPosition: Rule = {
  code: 'stream/starting-position',
  severity: 'error',
  description: 'A Kinesis or DynamoDB stream consumer sets `startingPosition`; `AT_TIMESTAMP` is for Kinesis only and needs `startingTimestamp`.',
  why: 'Lambda rejects an event source mapping on a Kinesis or DynamoDB stream without a starting position, and DynamoDB streams only support `TRIM_HORIZON` and `LATEST`.',
  source: { title: 'Lambda parameters for Kinesis and DynamoDB event source mappings', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html' },
  fix: 'Sets `startingPosition: LATEST` (new records only).',
  check({ graph }, report) {
    for (const edge of mappings(graph, 'stream-mapping')) {
      const source = graph.nodes.get(edge.from);
      if (!source) continue;
      const position = edge.options.startingPosition;
      const nodes = [edge.from, edge.to];
      if (position === undefined) {
        report({
          at: edge.pointer, nodes,
          message: `'${edge.to}' reads ${sourceLabel(source)} without a starting position: Lambda requires \`startingPosition\` (LATEST, TRIM_HORIZON${source.kind === 'stream' ? ' or AT_TIMESTAMP' : ''}).`,
          fix: { kind: 'set-value', title: 'Start at LATEST', at: edge.optionsAt.concat('startingPosition'), value: 'LATEST', refKey: 'function' },
        });
      } else if (position === 'AT_TIMESTAMP' && source.kind === 'table') {
        report({ at: edge.optionsAt.concat('startingPosition'), nodes, message: `DynamoDB streams do not support AT_TIMESTAMP: '${edge.to}' on ${sourceLabel(source)} can start at LATEST or TRIM_HORIZON.` });
      } else if (position === 'AT_TIMESTAMP' && edge.options.startingTimestamp === undefined) {
        report({ at: edge.optionsAt.concat('startingPosition'), nodes, message: `'${edge.to}' starts reading ${sourceLabel(source)} AT_TIMESTAMP but sets no \`startingTimestamp\`.` });
      }
    }
  },
};
