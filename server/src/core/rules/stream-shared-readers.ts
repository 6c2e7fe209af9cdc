// Rule: stream/shared-readers
// The standard (shared-throughput) readers of a Kinesis stream fit each shard's read capacity: more
// than 5 exceed its 5 reads per second (warning), more than 2 share its 2 MB/s thinly (info).
import { fn } from '../kinds/function';
import type { Fix } from '../span';
import { mappings, n, nameList, setValue } from './helpers';
import type { Rule } from './rule';

export const streamSharedReaders: Rule = {
  code: 'stream/shared-readers',
  severity: 'info',
  description: 'A Kinesis stream has at most 2 standard readers (info) and never more than 5 (warning); more read through enhanced fan-out (`fanOut: true`).',
  why: "Standard readers share each shard's 2 MB/s and 5 GetRecords calls per second, and Lambda polls every shard at least once a second per reader: above 5 readers the shard throttles them, and already with 3 each gets at most a third of the throughput while latency grows (AWS measures ~200 ms with one reader, ~1,000 ms with five). An enhanced fan-out reader gets its own 2 MB/s per shard, pushed to it.",
  source: { title: 'Read data from Amazon Kinesis Data Streams (shared vs. enhanced fan-out throughput)', url: 'https://docs.aws.amazon.com/streams/latest/dev/building-consumers.html' },
  fix: 'Sets `fanOut: true` on every standard reader of the stream.',
  check({ graph, limits }, report) {
    const edges = mappings(graph, 'stream-mapping').filter((e) => graph.nodes.get(e.from)?.kind === 'stream' && e.options.fanOut !== true);
    const byStream = new Map<string, typeof edges>();
    for (const e of edges) (byStream.get(e.from) ?? byStream.set(e.from, []).get(e.from)!).push(e);
    for (const [stream, readers] of byStream) {
      const count = readers.length;
      if (count <= limits.kinesisSharedReadersAdvised) continue;
      const names = readers.map((e) => e.to);
      const fixes: Fix[] = readers.map((e) => setValue(e.optionsAt.concat('fanOut'), true, `Read '${e.to}' through enhanced fan-out`, fn.targetKey));
      const fix: Fix = { kind: 'several', title: `Use enhanced fan-out for the ${n(count)} readers of '${stream}'`, fixes };
      const throttled = count > limits.kinesisShardReadsPerSecond;
      report({
        at: readers[0]!.pointer, nodes: [stream, ...names], fix, ...(throttled ? { severity: 'warning' as const } : {}),
        message: throttled
          ? `Kinesis stream '${stream}' has ${n(count)} standard readers (${nameList(names, 5)}): each polls every shard, and a shard serves ${n(limits.kinesisShardReadsPerSecond)} reads per second to all of them together, so they are throttled. Read through enhanced fan-out (\`fanOut: true\`).`
          : `Kinesis stream '${stream}' has ${n(count)} standard readers (${nameList(names, 5)}) sharing each shard's 2 MB/s and ${n(limits.kinesisShardReadsPerSecond)} reads per second: each gets at most a ${count === 3 ? 'third' : `1/${count}`} of it, and records arrive later. Enhanced fan-out (\`fanOut: true\`) gives each its own 2 MB/s.`,
      });
    }
  },
};
