// Rule: eventbridge/target-dead-letter
// Every target of an event-bus rule has a dead-letter queue for events EventBridge could not deliver.
import { targetKeyOf } from '../kinds/index';
import { failureQueueFix } from './helpers';
import type { Rule } from './rule';

export const eventbridgeTargetDeadLetter: Rule = {
  code: 'eventbridge/target-dead-letter',
  severity: 'info',
  description: 'Every target of an event-bus rule has a dead-letter queue (`deadLetter`: a standard queue).',
  why: 'EventBridge retries a target it cannot reach (a missing permission, a deleted resource, throttling) for up to 24 hours and 185 attempts, then drops the event, without a trace unless the target has a dead-letter queue.',
  source: { title: 'Using dead-letter queues to process undelivered events in EventBridge', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html' },
  fix: "Sets the target's `deadLetter` to a standard queue `<bus>-dlq`, declared with a 14-day retention if it does not exist.",
  check({ graph, limits }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'rule' || edge.rule === undefined || edge.options.deadLetter !== undefined) continue;
      const target = graph.nodes.get(edge.to);
      const refKey = target ? targetKeyOf(target.kind) : undefined;
      // A bare reference to an external node cannot take options.
      const bare = edge.pointer === edge.optionsAt;
      report({
        at: edge.pointer, nodes: [edge.from, edge.to],
        message: `Target '${edge.to}' of rule '${edge.rule}' (event bus '${edge.from}') has no dead-letter queue: an event EventBridge cannot deliver is dropped after its retries without a trace.`,
        ...(bare && !refKey ? {} : {
          fix: failureQueueFix(graph, edge.optionsAt.concat('deadLetter'), `${edge.from}-dlq`, (q) => `Send undelivered events to queue '${q}'`, limits.sqsRetentionMax, refKey),
        }),
      });
    }
  },
};
