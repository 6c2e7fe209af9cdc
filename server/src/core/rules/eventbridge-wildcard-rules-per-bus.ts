// Rule: eventbridge/wildcard-rules-per-bus
// An event bus has at most `eventBridgeWildcardRulesPerBus` rules whose pattern uses a wildcard
// filter (aws-limits B8: 30, HARD, not adjustable): an error over it, a warning from 80 % of it.
// Nested stacks do not help: the limit is the bus's, not a template's.
import { eachBusRule } from '../analysis/bus-matching';
import { isObj } from './helpers';
import { headingAt, percentOf, quotaUse, QUOTA_HEADING } from './quota';
import type { Pointer } from '../span';
import type { Rule } from './rule';

/** True when a pattern uses `wildcard` anywhere (alone or inside `anything-but`). */
function usesWildcard(v: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (Array.isArray(v)) return v.some((x) => usesWildcard(x, depth + 1));
  if (!isObj(v)) return false;
  return Object.entries(v).some(([k, x]) => k === 'wildcard' || usesWildcard(x, depth + 1));
}

export const eventbridgeWildcardRulesPerBus: Rule = {
  code: 'eventbridge/wildcard-rules-per-bus',
  severity: 'error',
  description: `An event bus has at most 30 rules whose pattern uses a \`wildcard\` filter (error), and a warning from ${QUOTA_HEADING * 100} % of that (24).`,
  why: 'EventBridge allows at most 30 rules containing wildcard filters per event bus, and the limit cannot be raised: PutRule fails and the stack fails to deploy. Splitting the template into nested stacks does not help. Match on `prefix` or `suffix` where they suffice, or spread the rules over several buses. Numbers: shared reference aws-limits.md B8 (30 rules with wildcard filters per bus, HARD); the warning starts at 80 %.',
  source: { title: 'Amazon EventBridge quotas', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html' },
  check({ graph, limits }, report) {
    const quota = limits.eventBridgeWildcardRulesPerBus;
    const byBus = new Map<string, { at: Pointer; rule: string }[]>();
    for (const ref of eachBusRule(graph)) {
      if (!usesWildcard(ref.config.pattern)) continue;
      const list = byBus.get(ref.bus.id) ?? [];
      list.push({ at: ref.at, rule: ref.rule });
      byBus.set(ref.bus.id, list);
    }
    for (const [bus, rules] of byBus) {
      const use = quotaUse(rules.length, quota);
      if (!use) continue;
      const crossing = rules[(use === 'over' ? quota + 1 : headingAt(quota)) - 1]!;
      report({
        at: crossing.at, target: 'key', nodes: [bus], ...(use === 'heading' ? { severity: 'warning' as const } : {}),
        message: use === 'over'
          ? `Event bus '${bus}' has ${rules.length} rules with a wildcard filter; EventBridge allows at most ${quota} per bus (not adjustable; from rule '${crossing.rule}' on). Use prefix or suffix filters where they suffice, or spread the rules over several buses.`
          : `Event bus '${bus}' has ${rules.length} rules with a wildcard filter, ${percentOf(rules.length, quota)} of the ${quota} EventBridge allows per bus (not adjustable).`,
      });
    }
  },
};
