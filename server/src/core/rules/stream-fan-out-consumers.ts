// Rule: stream/fan-out-consumers
// A Kinesis stream has at most 20 enhanced fan-out readers.
import { mappings, n } from './helpers';
import type { Rule } from './rule';

export const streamFanOutConsumers: Rule = {
  code: 'stream/fan-out-consumers',
  severity: 'error',
  description: 'A Kinesis stream has at most 20 readers with `fanOut: true`.',
  why: 'Each enhanced fan-out reader registers a stream consumer, and Kinesis registers at most 20 per stream (provisioned and on-demand standard streams): the next consumer fails to create, and the stack with it.',
  source: { title: 'Develop enhanced fan-out consumers with dedicated throughput (Amazon Kinesis Data Streams)', url: 'https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html' },
  check({ graph, limits }, report) {
    const byStream = new Map<string, number>();
    for (const e of mappings(graph, 'stream-mapping')) {
      if (graph.nodes.get(e.from)?.kind !== 'stream' || e.options.fanOut !== true) continue;
      const count = (byStream.get(e.from) ?? 0) + 1;
      byStream.set(e.from, count);
      if (count !== limits.kinesisFanOutConsumers + 1) continue;
      report({
        at: e.optionsAt.concat('fanOut'), nodes: [e.from, e.to],
        message: `Kinesis stream '${e.from}' has more than ${n(limits.kinesisFanOutConsumers)} enhanced fan-out readers: Kinesis registers at most ${n(limits.kinesisFanOutConsumers)} consumers per stream, so '${e.to}' cannot get one.`,
      });
    }
  },
};
