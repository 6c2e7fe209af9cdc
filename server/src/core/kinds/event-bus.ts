/** Kind `event-bus`: an EventBridge event bus (router) whose rules route matching events to targets. */
import { isObj, type Obj } from '../util/value';
import type { KindModule, ReferenceSlot } from './kind';
import { list, put, text, type Mutable } from './read';

/** One rule of a bus, as written (a rule that is not a map reads as `{ declared: false }`). */
export interface BusRule {
  /** False when the rule's value is not a map (the schema reports it). */
  readonly declared: boolean;
  /** The event pattern, when it is a map. */
  readonly pattern?: Obj;
  readonly description?: string;
  /** `enabled: false` turns the rule off. */
  readonly enabled: boolean;
}

/** The settings of an event bus. */
export interface EventBusSettings {
  /** Rules by name, in the order written. */
  readonly rules: ReadonlyMap<string, BusRule>;
}

const UNDECLARED: BusRule = { declared: false, enabled: true };

const RULE_TARGET = { at: /^rules\/[^/]+\/to(\/#)?$/, names: ['function', 'queue', 'topic', 'event-bus', 'stream'] } as const satisfies ReferenceSlot;
const DEAD_LETTER = { at: /^rules\/[^/]+\/to(\/#)?\/deadLetter$/, names: ['queue'] } as const satisfies ReferenceSlot;
const DETAIL_TYPE = { at: /^rules\/[^/]+\/pattern\/detail-type(\/#)?$/, names: 'detail-type' } as const satisfies ReferenceSlot;
const SOURCE = { at: /^rules\/[^/]+\/pattern\/source(\/#)?$/, names: 'source' } as const satisfies ReferenceSlot;

/** The `event-bus` kind. */
export const eventBus: KindModule<'event-bus', EventBusSettings> = {
  kind: 'event-bus',
  label: 'event bus',
  sections: ['routers'],
  targetKey: 'bus',
  settings(c: Obj): EventBusSettings {
    const rules = new Map<string, BusRule>();
    if (isObj(c.rules)) {
      for (const [name, r] of Object.entries(c.rules)) {
        if (!isObj(r)) {
          rules.set(name, UNDECLARED);
          continue;
        }
        const rule: Mutable<BusRule> = { declared: true, enabled: r.enabled !== false };
        if (isObj(r.pattern)) rule.pattern = r.pattern;
        put(rule, 'description', text(r.description));
        rules.set(name, rule);
      }
    }
    return { rules };
  },
  references: {
    slots: [RULE_TARGET, DEAD_LETTER, DETAIL_TYPE, SOURCE],
    link(node, l) {
      const rules = node.config.rules;
      if (!isObj(rules)) return;
      for (const rule of Object.keys(rules)) {
        const r = rules[rule];
        const ruleAt = node.pointer.concat('rules', rule);
        l.declare(rule, ruleAt, 'rule');
        if (!isObj(r)) continue;
        const many = Array.isArray(r.to);
        list(r.to).forEach((t, i) => {
          const at = many ? ruleAt.concat('to', i) : ruleAt.concat('to');
          l.edge(node, l.ref(t, at), RULE_TARGET.names, 'trigger', 'rule', `a target of rule '${rule}'`, { rule });
          if (isObj(t)) l.edge(node, l.ref(t.deadLetter, at.concat('deadLetter')), DEAD_LETTER.names, 'dead-letter', 'redrive', `the dead-letter queue of rule '${rule}'`);
        });
      }
    },
  },
};
