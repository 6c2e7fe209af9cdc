// Rule: broker/function-timeout
// A function read by a Kafka, Amazon MQ or DocumentDB mapping has a timeout of at most 14 minutes.
import { mappings, seconds, sourceLabel } from './helpers';
import type { Rule } from './rule';

export const brokerFunctionTimeout: Rule = {
  code: 'broker/function-timeout',
  severity: 'warning',
  description: 'A function reading a Kafka topic, an Amazon MQ queue or a DocumentDB change stream has a `timeout` of at most 14 minutes.',
  why: 'Event source mappings for Amazon MSK, self-managed Kafka, Amazon MQ and DocumentDB support functions with a timeout of at most 14 minutes, so that the mapping can handle function errors and retries; Lambda may retry an invocation that runs longer, and the batch is processed twice.',
  source: { title: 'Process Amazon DocumentDB events with Lambda (note on the 14-minute timeout)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-documentdb.html' },
  fix: 'Sets the function\'s `timeout` to 14 minutes.',
  check({ graph, limits }, report) {
    const seen = new Set<string>();
    for (const edge of mappings(graph, 'broker-mapping')) {
      const fn = graph.nodes.get(edge.to);
      const source = graph.nodes.get(edge.from);
      if (!fn || !source || fn.kind !== 'function' || seen.has(fn.id)) continue;
      const timeout = fn.settings.timeout;
      if (timeout.value <= limits.brokerFunctionTimeoutMax) continue;
      seen.add(fn.id);
      // Where it is written: the function's own `timeout`, or `defaults`.
      const at = timeout.at ?? edge.pointer;
      report({
        at, nodes: [edge.from, edge.to],
        message: `Function '${fn.id}' reads ${sourceLabel(source)} with a timeout of ${seconds(timeout.value)}: these event source mappings support at most ${seconds(limits.brokerFunctionTimeoutMax)}, and Lambda may retry a longer invocation.`,
        ...(timeout.at && fn.config.timeout !== undefined ? { fix: { kind: 'set-value' as const, title: `Set timeout to ${limits.brokerFunctionTimeoutMax}`, at: timeout.at, value: limits.brokerFunctionTimeoutMax } } : {}),
      });
    }
  },
};
