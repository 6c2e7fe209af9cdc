// Rule: eventbridge/pattern-field
// A rule's pattern tests only fields an EventBridge event has at its top level: a pattern on
// `detailType` or `Source` never matches, whatever the catalog says.
import { closest } from '../util/suggest';
import { eachBusRule } from '../analysis/bus-matching';
import { isObj } from './helpers';
import type { Rule } from './rule';

/** The top-level fields of every event on a bus (the envelope), plus `replay-name` on replayed events. */
const ENVELOPE = ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail', 'replay-name'];

/** Whether a field's value list accepts an event without the field (`exists: false`). */
function acceptsAbsence(value: unknown): boolean {
  return Array.isArray(value) && value.some((v) => isObj(v) && v.exists === false);
}

/** The top-level keys of a pattern no event has (each makes the pattern never match). */
export function unknownPatternFields(pattern: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(pattern)
    .filter(([key, value]) => key !== '$or' && !ENVELOPE.includes(key) && !key.includes('.') && !acceptsAbsence(value))
    .map(([key]) => key);
}

export const eventbridgePatternField: Rule = {
  code: 'eventbridge/pattern-field',
  severity: 'warning',
  description: "A rule's pattern tests only the top-level fields every event has: `source`, `detail-type`, `detail`, `account`, `region`, `time`, `id`, `version`, `resources`.",
  why: "Field names in a pattern are matched exactly, case-sensitive. An event has `detail-type`, not `detailType` or `DetailType`, and `source`, not `Source`: a pattern on a field the event does not have is valid, deploys fine, and never matches, so its targets never receive anything. Fields of the event's own data live under `detail`.",
  source: { title: 'Amazon EventBridge events (the event structure)', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html' },
  fix: 'Renames the field to the envelope field it resembles (`detailType` → `detail-type`).',
  check({ graph }, report) {
    for (const { bus, rule, at, config } of eachBusRule(graph)) {
      if (!isObj(config.pattern)) continue;
      for (const key of unknownPatternFields(config.pattern)) {
        const suggestion = closest(key, ENVELOPE);
        report({
          at: at.concat('pattern', key), target: 'key', nodes: [bus.id],
          message: `The pattern of rule '${rule}' (event bus '${bus.id}') tests \`${key}\`, which no EventBridge event has at its top level, so the rule never matches.${suggestion ? ` Did you mean \`${suggestion}\`?` : ' Fields of the event\'s data are under `detail`.'}`,
          ...(suggestion ? { fix: { kind: 'rename-key', title: `Change to '${suggestion}'`, from: key, to: suggestion } } : {}),
        });
      }
    }
  },
};
