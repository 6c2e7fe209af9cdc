// Rule: broker/starting-position
// A Kafka reader says where to start reading; AT_TIMESTAMP (Kafka, DocumentDB) needs a timestamp.
import { mappings, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const brokerStartingPosition: Rule = {
  code: 'broker/starting-position',
  severity: 'error',
  description: 'A reader of a Kafka topic sets `startingPosition`; `AT_TIMESTAMP` on a Kafka topic or DocumentDB change stream comes with `startingTimestamp`.',
  why: 'Lambda requires a starting position for Amazon MSK and self-managed Kafka mappings (cfn-lint E3633 reports a Kafka mapping without one), and the choice decides whether the records already in the topic are read (`TRIM_HORIZON`) or skipped (`LATEST`). `AT_TIMESTAMP` without a timestamp is rejected.',
  source: { title: 'Lambda API reference: CreateEventSourceMapping (StartingPosition)', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html' },
  fix: 'Sets `startingPosition: LATEST` (new records only).',
  check({ graph }, report) {
    for (const edge of mappings(graph, 'broker-mapping')) {
      const source = graph.nodes.get(edge.from);
      if (!source || source.kind === 'mq') continue;
      const position = edge.options.startingPosition;
      const nodes = [edge.from, edge.to];
      if (position === undefined && source.kind === 'kafka') {
        report({
          at: edge.pointer, nodes,
          message: `'${edge.to}' reads ${sourceLabel(source)} without a starting position: Lambda requires \`startingPosition\` for Kafka (LATEST, TRIM_HORIZON or AT_TIMESTAMP).`,
          fix: { kind: 'set-value', title: 'Start at LATEST', at: edge.optionsAt.concat('startingPosition'), value: 'LATEST', refKey: 'function' },
        });
      } else if (position === 'AT_TIMESTAMP' && edge.options.startingTimestamp === undefined) {
        report({ at: edge.optionsAt.concat('startingPosition'), nodes, message: `'${edge.to}' starts reading ${sourceLabel(source)} AT_TIMESTAMP but sets no \`startingTimestamp\`.` });
      }
    }
  },
};
