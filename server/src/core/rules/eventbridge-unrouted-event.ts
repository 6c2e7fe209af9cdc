// Rule: eventbridge/unrouted-event
// A catalog event sent onto a bus that no enabled rule of the bus can match is dropped.
import { kindLabel } from '../kinds/index';
import { isObj } from '../util/value';
import { busInput, busRule, ruleVerdict } from '../analysis/bus-matching';
import { unknownPatternFields } from './eventbridge-pattern-field';
import type { Rule } from './rule';


export const eventbridgeUnroutedEvent: Rule = {
  code: 'eventbridge/unrouted-event',
  severity: 'warning',
  description: 'Every catalog event sent onto an event bus is matched by at least one enabled rule of that bus.',
  why: 'EventBridge accepts an event that matches no rule and drops it without an error: the sender believes it was delivered.',
  source: { title: 'Amazon EventBridge event patterns', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html' },
  check({ graph }, report) {
    for (const bus of graph.nodes.values()) {
      if (bus.kind !== 'event-bus') continue;
      const rules = bus.settings.rules ? [...bus.settings.rules.keys()] : [];
      const seen = new Set<string>();
      const enabled = rules.filter((r) => { const c = busRule(bus, r); return c !== undefined && c.enabled !== false; });
      // A rule testing a field no event has is eventbridge/pattern-field's: the events it was meant for
      // are not reported a second time here.
      if (enabled.some((r) => { const p = busRule(bus, r)!.pattern; return isObj(p) && unknownPatternFields(p).length > 0; })) continue;
      for (const { edge, event, forwarded } of busInput(graph, bus.id).emissions) {
        // An event another bus's rule forwards here is reported at that rule's target: it was delivered
        // to its first bus and is dropped on this one.
        const key = `${edge.from} ${forwarded ? edge.rule : ''} ${event}`;
        if (seen.has(key)) continue;
        if (enabled.some((r) => ruleVerdict(graph, busRule(bus, r)!.pattern, event) !== 'no')) continue;
        seen.add(key);
        const sender = graph.nodes.get(edge.from);
        const why = rules.length === 0 ? 'the bus has no rules' : enabled.length === 0 ? 'every rule of the bus is disabled' : `none of its rules (${enabled.map((r) => `'${r}'`).join(', ')}) matches it`;
        report(forwarded
          ? {
            at: edge.pointer, nodes: [edge.from, bus.id],
            message: `Event '${event}', forwarded by rule '${edge.rule}' of event bus '${edge.from}' onto event bus '${bus.id}', goes nowhere there: ${why}. EventBridge accepts it and drops it.`,
          }
          : {
            at: edge.optionsAt.concat('event'), nodes: [edge.from, bus.id],
            message: `Event '${event}' sent by ${sender ? kindLabel(sender.kind) : ''} '${edge.from}' onto event bus '${bus.id}' goes nowhere: ${why}. EventBridge accepts it and drops it.`,
          });
      }
    }
  },
};
