// Rule: eventbridge/rules-per-bus
// An event bus has at most `eventBridgeRulesPerBus` rules (B5, adjustable).
import type { Rule } from './rule';

const n = (v: number): string => v.toLocaleString('en-US');

export const eventbridgeRulesPerBus: Rule = {
  code: 'eventbridge/rules-per-bus',
  severity: 'error',
  description: 'An event bus has at most as many rules as the EventBridge quota allows (300 per bus by default).',
  why: 'PutRule fails once the bus has as many rules as the quota, so the stack fails to deploy. The quota can be raised through Service Quotas; set `archflow.limits.eventBridgeRulesPerBus` to the raised value.',
  source: { title: 'Amazon EventBridge quotas', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html' },
  check({ graph, limits }, report) {
    for (const bus of graph.nodes.values()) {
      if (bus.kind !== 'event-bus' || !bus.settings.rules) continue;
      const names = [...bus.settings.rules.keys()];
      if (names.length <= limits.eventBridgeRulesPerBus) continue;
      const first = names[limits.eventBridgeRulesPerBus]!;
      report({
        at: bus.pointer.concat('rules', first), target: 'key', nodes: [bus.id],
        message: `Event bus '${bus.id}' has ${n(names.length)} rules, over the EventBridge quota of ${n(limits.eventBridgeRulesPerBus)} rules per bus (from rule '${first}' on). Split the rules over several buses, or raise the quota (and archflow.limits.eventBridgeRulesPerBus).`,
      });
    }
  },
};
