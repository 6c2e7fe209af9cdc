// Rule: eventbridge/invalid-pattern
// Every reason EventBridge gives for rejecting a rule's event pattern, at the offending key or value.
import { validatePattern } from '../eventbridge/pattern';
import { eachBusRule, patternCache } from '../analysis/bus-matching';
import type { Rule } from './rule';

/** A sentence ends with a full stop. */
const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

export const eventbridgeInvalidPattern: Rule = {
  code: 'eventbridge/invalid-pattern',
  severity: 'error',
  description: "A rule's event pattern is one EventBridge accepts: arrays of values, known operators (prefix, suffix, anything-but, numeric, exists, cidr, equals-ignore-case, wildcard, $or) used where they are allowed.",
  why: 'PutRule rejects an invalid pattern ("Event pattern is not valid"), so the stack fails to deploy; a pattern that is valid but not what you meant silently routes nothing.',
  source: { title: 'Comparison operators for use in event patterns in Amazon EventBridge', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html' },
  check({ graph }, report) {
    for (const { bus, rule, at, config } of eachBusRule(graph)) {
      if (config.pattern === undefined) continue;
      // The size quota is eventbridge/pattern-size's (its limit can be raised in settings).
      for (const error of validatePattern(config.pattern, { maxChars: Number.POSITIVE_INFINITY }, patternCache(graph))) {
        report({
          at: at.concat('pattern', error.at),
          nodes: [bus.id],
          message: `EventBridge rejects the pattern of rule '${rule}': ${sentence(error.reason)}`,
        });
      }
    }
  },
};
