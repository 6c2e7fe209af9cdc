// Rule: broker/source
// A Kafka topic is on an MSK cluster or on self-managed bootstrap servers, not both, not neither.
import type { Rule } from './rule';

export const brokerSource: Rule = {
  code: 'broker/source',
  severity: 'error',
  description: 'A `kafka` node names its cluster once: an Amazon MSK cluster (`cluster`) or self-managed bootstrap servers (`bootstrapServers`); `vpc` is for self-managed clusters.',
  why: 'An event source mapping reads either an MSK cluster (`EventSourceArn`) or a self-managed cluster (`SelfManagedEventSource`); with neither there is nothing to read, with both Lambda cannot tell which. Lambda finds an MSK cluster\'s network itself, so VPC settings on it are not used.',
  source: { title: 'Lambda API reference: CreateEventSourceMapping (EventSourceArn, SelfManagedEventSource)', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html' },
  check({ graph }, report) {
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'kafka') continue;
      const s = node.settings;
      if (s.cluster !== undefined && s.bootstrapServers !== undefined) {
        report({ at: node.pointer.concat('bootstrapServers'), target: 'key', nodes: [node.id], message: `Kafka topic '${node.id}' names both an MSK cluster and bootstrap servers: an event source mapping reads one cluster. Keep \`cluster\` for Amazon MSK, \`bootstrapServers\` for a self-managed cluster.` });
      } else if (s.cluster === undefined && s.bootstrapServers === undefined) {
        report({ at: node.pointer, target: 'key', nodes: [node.id], message: `Kafka topic '${node.id}' names no cluster: give \`cluster\` (the ARN of an Amazon MSK cluster) or \`bootstrapServers\` (a self-managed cluster).` });
      } else if (s.cluster !== undefined && node.config.vpc !== undefined) {
        report({ at: node.pointer.concat('vpc'), target: 'key', severity: 'warning', nodes: [node.id], message: `Kafka topic '${node.id}' is on an MSK cluster: Lambda finds its subnets and security groups itself, and \`vpc\` is not used.` });
      }
    }
  },
};
