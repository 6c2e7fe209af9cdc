// Rule: stream/shard-count
// A provisioned Kinesis stream has at least one shard; an on-demand stream takes no shard count.
import { nodesOfKind, n, setValue } from './helpers';
import type { Rule } from './rule';

export const streamShardCount: Rule = {
  code: 'stream/shard-count',
  severity: 'error',
  description: 'A provisioned Kinesis stream has at least 1 shard (`shards`); an on-demand stream does not set `shards` (warning: it is ignored).',
  why: 'CreateStream rejects a provisioned stream with fewer than one shard, so the stack fails to deploy. In on-demand mode Kinesis sizes the shards itself and a written shard count is dropped from the template.',
  source: { title: 'CreateStream (Kinesis Data Streams API reference)', url: 'https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html' },
  fix: 'Sets `shards` to 1 (provisioned), or removes it (on-demand).',
  check({ graph, limits }, report) {
    for (const stream of nodesOfKind(graph, 'stream')) {
      const shards = stream.settings.shards;
      if (shards === undefined) continue;
      const at = stream.pointer.concat('shards');
      if (stream.settings.mode === 'on-demand') {
        report({
          at, severity: 'warning', nodes: [stream.id],
          message: `Stream '${stream.id}' is on-demand: Kinesis sizes its shards itself, and \`shards: ${n(shards)}\` is ignored.`,
          fix: { kind: 'remove-property', title: 'Remove shards', at },
        });
        continue;
      }
      if (shards >= limits.kinesisShardsMin) continue;
      report({
        at, nodes: [stream.id], fix: setValue(at, limits.kinesisShardsMin, `Set shards to ${limits.kinesisShardsMin}`),
        message: `Stream '${stream.id}' has ${n(shards)} shards; a provisioned Kinesis stream needs at least ${n(limits.kinesisShardsMin)}.`,
      });
    }
  },
};
