// Rule: graph/untriggered-consumer
// A function that no route, notification, schedule, subscription, rule, event source mapping,
// destination, other function or function URL invokes never runs.
import { graphIsIncomplete, referencedNames } from '../analysis/graph-walk';
import type { Rule } from './rule';

export const graphUntriggeredConsumer: Rule = {
  code: 'graph/untriggered-consumer',
  severity: 'warning',
  description: 'Every function is triggered by something: a route, notification, schedule, subscription, rule, queue, stream, destination, another function (`emits`) or its own function URL (`url`).',
  why: 'A function nothing invokes is deployed, paid for in attention and never runs; usually the `to` that should reach it is missing or names something else.',
  source: { title: 'Invoking Lambda with events from other AWS services', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html' },
  check({ graph, complete }, report) {
    if (complete === false || graphIsIncomplete(graph)) return;
    const referenced = referencedNames(graph);
    for (const node of graph.nodes.values()) {
      // A function URL is a trigger of its own: HTTPS requests invoke the function.
      if (node.kind !== 'function' || referenced.has(node.id) || node.settings.url) continue;
      report({
        at: node.pointer, target: 'key', nodes: [node.id],
        message: `Function '${node.id}' is not triggered by anything: no route, notification, schedule, subscription, rule, queue, stream, destination or function sends to it. Add it to the \`to\` (or \`emits\`, for a function) of what should invoke it.`,
      });
    }
  },
};
