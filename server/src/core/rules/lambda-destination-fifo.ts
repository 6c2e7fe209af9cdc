// Rule: lambda/destination-fifo
// Lambda sends invocation records (async destinations) and discarded batches (stream mappings' on-failure)
// only to standard queues and topics.
import type { Rule } from './rule';

export const lambdaDestinationFifo: Rule = {
  code: 'lambda/destination-fifo',
  severity: 'error',
  description: 'An on-success or on-failure destination is not a FIFO queue or a FIFO topic.',
  why: 'Lambda delivers invocation records only to standard SQS queues and standard SNS topics: a FIFO destination is an unsupported destination type, each record fails to deliver (the `DestinationDeliveryFailures` metric) and is lost.',
  source: { title: 'Capturing records of Lambda asynchronous invocations', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html' },
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'failure-destination' && edge.mechanism !== 'success-destination') continue;
      const target = graph.nodes.get(edge.to);
      if ((target?.kind !== 'queue' && target?.kind !== 'topic') || !target.settings.fifo) continue;
      const what = target.kind;
      const which = edge.mechanism === 'success-destination' ? 'on-success' : 'on-failure';
      report({
        at: edge.pointer,
        nodes: [edge.from, target.id],
        message: `The ${which} destination of '${edge.from}' is FIFO ${what} '${target.id}': Lambda sends invocation records only to standard queues and topics, so every record would be lost. Use a standard ${what}.`,
      });
    }
  },
};
