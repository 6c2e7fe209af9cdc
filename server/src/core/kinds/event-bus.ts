/** Kind `event-bus`: an EventBridge event bus (router) whose rules route matching events to targets. */
import { isObj, type Obj } from '../util/value';
import type { KindModule } from './kind';
import { put, text, type Mutable } from './read';

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
};
