/** Kind `schedule`: an EventBridge Scheduler schedule (producer) that invokes its target at fixed times. */
import type { Obj } from '../util/value';
import type { KindModule, ReferenceSlot } from './kind';
import { num, put, retry, text, type Mutable, type RetrySettings } from './read';

/** The settings of a schedule. */
export interface ScheduleSettings {
  /** The expression (`rate(…)`, `cron(…)`, `at(…)`), when written. */
  readonly schedule?: string;
  readonly timezone?: string;
  /** Minutes, when written. */
  readonly flexibleWindow?: number;
  /** True when `input` is written (then `input` is its value, which may be `null`). */
  readonly hasInput: boolean;
  readonly input?: unknown;
  readonly retry?: RetrySettings;
}

const TARGET = { at: /^to$/, names: ['function', 'queue', 'topic', 'event-bus', 'stream'] } as const satisfies ReferenceSlot;
const DEAD_LETTER = { at: /^deadLetter$/, names: ['queue'] } as const satisfies ReferenceSlot;

/** The `schedule` kind. */
export const schedule: KindModule<'schedule', ScheduleSettings> = {
  kind: 'schedule',
  label: 'schedule',
  sections: ['producers'],
  settings(c: Obj): ScheduleSettings {
    const s: Mutable<ScheduleSettings> = { hasInput: c.input !== undefined };
    put(s, 'schedule', text(c.schedule));
    put(s, 'timezone', text(c.timezone));
    put(s, 'flexibleWindow', num(c.flexibleWindow));
    if (c.input !== undefined) s.input = c.input;
    put(s, 'retry', retry(c.retry));
    return s;
  },
  references: {
    slots: [TARGET, DEAD_LETTER],
    link(node, l) {
      const c = node.config;
      const p = node.pointer;
      l.edge(node, l.ref(c.to, p.concat('to')), TARGET.names, 'trigger', 'schedule', `the target of ${l.subject(node)}`);
      l.edge(node, l.ref(c.deadLetter, p.concat('deadLetter')), DEAD_LETTER.names, 'dead-letter', 'redrive', `the dead-letter queue of ${l.subject(node)}`);
    },
  },
};
