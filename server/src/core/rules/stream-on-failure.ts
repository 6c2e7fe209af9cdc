// Rule: stream/on-failure
// A stream consumer has an on-failure destination for records it gives up on.
import { mappings, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const streamOnFailure: Rule = {
  code: 'stream/on-failure',
  severity: 'warning',
  description: 'A Kinesis or DynamoDB stream consumer has an on-failure destination (`onFailure`: a queue or topic).',
  why: 'A batch that keeps failing blocks its shard: by default Lambda retries it until the records expire (24 hours or more), and records discarded after `maxRetries` or `maxRecordAge` are lost. An on-failure destination receives the details of every discarded batch.',
  source: { title: 'Lambda parameters for Kinesis and DynamoDB event source mappings', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html' },
  check({ graph }, report) {
    for (const edge of mappings(graph, 'stream-mapping')) {
      const source = graph.nodes.get(edge.from);
      if (!source || edge.options.onFailure !== undefined) continue;
      report({
        at: edge.pointer, nodes: [edge.from, edge.to],
        message: `'${edge.to}' reads ${sourceLabel(source)} without an on-failure destination: a failing batch blocks its shard until the records expire, and discarded records are lost. Add \`onFailure: <queue or topic>\`.`,
      });
    }
  },
};
