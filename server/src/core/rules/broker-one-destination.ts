// Rule: broker/one-destination
// An event source mapping on Kafka or Amazon MQ reads exactly one topic or queue.
import type { Rule } from './rule';

export const brokerOneDestination: Rule = {
  code: 'broker/one-destination',
  severity: 'error',
  description: 'A `kafka` node names exactly one `topic`, an `mq` node exactly one `queue`: Lambda reads one per event source mapping.',
  why: 'The event source mapping API takes a list of topics (Kafka) or queues (Amazon MQ) of exactly one entry (shared reference aws-limits.md §3.4, SM-L `Topics`, `Queues`): a mapping of several is rejected and the deployment fails. Declare one node per topic or queue.',
  source: { title: 'Lambda API reference: CreateEventSourceMapping (Topics, Queues)', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html' },
  check({ graph }, report) {
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'kafka' && node.kind !== 'mq') continue;
      const key = node.kind === 'kafka' ? 'topic' : 'queue';
      const written = node.kind === 'kafka' ? node.settings.topics : node.settings.queues;
      if (!Array.isArray(node.config[key]) || written.length === 1) continue;
      report({
        at: node.pointer.concat(key), nodes: [node.id],
        message: written.length === 0
          ? `'${node.id}' names no ${key}: Lambda reads exactly one ${key} per event source mapping.`
          : `'${node.id}' names ${written.length} ${key}s (${written.join(', ')}): Lambda reads exactly one ${key} per event source mapping; declare one ${node.kind === 'kafka' ? 'Kafka topic' : 'Amazon MQ queue'} each.`,
      });
    }
  },
};
