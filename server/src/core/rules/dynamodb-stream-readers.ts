// Rule: dynamodb/stream-readers
// A table's stream has at most two Lambda readers: more than two processes reading one stream shard
// are throttled (DynamoDB Streams quota).
import { mappings, n, nameList } from './helpers';
import type { Rule } from './rule';

export const dynamodbStreamReaders: Rule = {
  code: 'dynamodb/stream-readers',
  severity: 'warning',
  description: "A table's stream has at most 2 readers (`to`, and pipes reading it).",
  why: 'DynamoDB Streams serves at most two processes reading the same shard at once; every Lambda reader of the table polls every shard, so a third reader gets throttled, and records reach all readers later. Fan out through one reader that sends to a topic or an event bus, or use a Kinesis data stream for the table.',
  source: { title: 'Quotas in Amazon DynamoDB (DynamoDB Streams)', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html' },
  check({ graph, limits }, report) {
    const byTable = new Map<string, string[]>();
    const third = new Map<string, (string | number)[]>();
    for (const edge of [...mappings(graph, 'stream-mapping'), ...graph.edges.filter((e) => e.mechanism === 'pipe-source')]) {
      if (graph.nodes.get(edge.from)?.kind !== 'table') continue;
      const readers = byTable.get(edge.from) ?? byTable.set(edge.from, []).get(edge.from)!;
      readers.push(edge.to);
      if (readers.length === limits.dynamodbStreamReaders + 1) third.set(edge.from, [...edge.pointer]);
    }
    for (const [table, readers] of byTable) {
      if (readers.length <= limits.dynamodbStreamReaders) continue;
      report({
        at: third.get(table)!, nodes: [table, ...readers],
        message: `The stream of table '${table}' has ${n(readers.length)} readers (${nameList(readers, 5)}); DynamoDB Streams throttles more than ${n(limits.dynamodbStreamReaders)} readers of a shard. Fan out through one reader and a topic or event bus.`,
      });
    }
  },
};
