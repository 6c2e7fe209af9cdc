// Rule: eventbridge/targets-per-rule
// A rule has at most `eventBridgeTargetsPerRule` targets (B4: a hard limit, not adjustable).
import { eachBusRule, ruleTargets } from '../analysis/bus-matching';
import type { Rule } from './rule';

export const eventbridgeTargetsPerRule: Rule = {
  code: 'eventbridge/targets-per-rule',
  severity: 'error',
  description: 'An event bus rule has at most 5 targets.',
  why: 'PutTargets fails beyond five targets per rule, so the stack fails to deploy; the limit cannot be raised. AWS recommends one target per rule; use several rules with the same pattern, or fan out through a topic.',
  source: { title: 'PutTargets (Amazon EventBridge API Reference)', url: 'https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html' },
  check({ graph, limits }, report) {
    for (const ref of eachBusRule(graph)) {
      const targets = ruleTargets(ref);
      if (targets.length <= limits.eventBridgeTargetsPerRule) continue;
      report({
        at: targets[limits.eventBridgeTargetsPerRule]!.at, nodes: [ref.bus.id],
        message: `Rule '${ref.rule}' of event bus '${ref.bus.id}' has ${targets.length} targets; EventBridge allows at most ${limits.eventBridgeTargetsPerRule} per rule (not adjustable). Split the targets over several rules with the same pattern, or fan out through a topic.`,
      });
    }
  },
};
