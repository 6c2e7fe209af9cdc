// Rule: eventbridge/pattern-size
// An event pattern is at most `eventBridgePatternChars` characters of JSON (B7, adjustable).
import { patternSize } from '../eventbridge/pattern';
import { eachBusRule } from '../analysis/bus-matching';
import type { Rule } from './rule';

const n = (v: number): string => v.toLocaleString('en-US');

export const eventbridgePatternSize: Rule = {
  code: 'eventbridge/pattern-size',
  severity: 'error',
  description: "A rule's event pattern fits the EventBridge quota on pattern size (2,048 characters of JSON by default).",
  why: 'PutRule rejects a longer pattern. The quota can be raised through Service Quotas; set `archflow.limits.eventBridgePatternChars` to the raised value.',
  source: { title: 'Amazon EventBridge quotas', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html' },
  check({ graph, limits }, report) {
    for (const { bus, rule, at, config } of eachBusRule(graph)) {
      if (config.pattern === undefined || typeof config.pattern !== 'object' || config.pattern === null) continue;
      const size = patternSize(config.pattern);
      if (size <= limits.eventBridgePatternChars) continue;
      report({
        at: at.concat('pattern'), target: 'key', nodes: [bus.id],
        message: `The pattern of rule '${rule}' is ${n(size)} characters of JSON, over the EventBridge quota of ${n(limits.eventBridgePatternChars)} characters. Split it into several rules, or raise the quota (and archflow.limits.eventBridgePatternChars).`,
      });
    }
  },
};
