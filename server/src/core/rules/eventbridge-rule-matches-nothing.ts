// Rule: eventbridge/rule-matches-nothing
// A rule whose pattern can match none of the catalog events sent onto its bus never fires.
import { busInput, eachBusRule, ruleVerdict } from '../analysis/bus-matching';
import { unknownPatternFields } from './eventbridge-pattern-field';
import { isObj } from './helpers';
import type { Rule } from './rule';

export const eventbridgeRuleMatchesNothing: Rule = {
  code: 'eventbridge/rule-matches-nothing',
  severity: 'warning',
  description: 'A rule matches at least one of the catalog events sent onto its bus (when every sender declares its event, or is a rule of another bus forwarding declared events).',
  why: 'A pattern that no event can match deploys fine and never fires: its targets wait forever. Usually `source` or `detail-type` differs from the catalog by a letter, or a detail field has the wrong type.',
  source: { title: 'Amazon EventBridge event patterns', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html' },
  check({ graph }, report) {
    for (const { bus, rule, at, config } of eachBusRule(graph)) {
      if (config.pattern === undefined || config.enabled === false) continue;
      // A field no event has is eventbridge/pattern-field's: one finding for one cause.
      if (isObj(config.pattern) && unknownPatternFields(config.pattern).length > 0) continue;
      const input = busInput(graph, bus.id);
      if (input.unknown || input.emissions.length === 0) continue;
      const events = [...new Set(input.emissions.map((e) => e.event))];
      if (events.some((e) => ruleVerdict(graph, config.pattern, e) !== 'no')) continue;
      const list = events.map((e) => {
        const d = graph.events.get(e);
        return d ? `${e} (source '${d.source ?? '?'}', detail-type '${d.detailType}')` : e;
      }).join(', ');
      report({
        at: at.concat('pattern'), target: 'key', nodes: [bus.id],
        message: `Rule '${rule}' of event bus '${bus.id}' ${events.length === 1 ? `does not match the only event sent onto the bus, ${list}` : `matches none of the ${events.length} events sent onto the bus: ${list}`}. Its targets never receive anything.`,
      });
    }
  },
};
