/** Kind `topic`: an SNS topic (router). Every subscriber in `to` gets each message. */
import { list, type Mutable } from './read';
import { isObj, type Obj } from '../util/value';
import type { KindModule, ReferenceSlot } from './kind';

/** The settings of a topic. */
export interface TopicSettings {
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  /** How many subscribers `to` names (a list's length, 1 for a single one), when written. */
  readonly subscribers?: number;
}

const SUBSCRIBER = { at: /^to(\/#)?$/, names: ['function', 'queue'] } as const satisfies ReferenceSlot;
const DEAD_LETTER = { at: /^to(\/#)?\/deadLetter$/, names: ['queue'] } as const satisfies ReferenceSlot;

/** The `topic` kind. */
export const topic: KindModule<'topic', TopicSettings> = {
  kind: 'topic',
  label: 'topic',
  sections: ['routers'],
  targetKey: 'topic',
  settings(c: Obj): TopicSettings {
    const s: Mutable<TopicSettings> = { fifo: c.fifo === true, contentBasedDeduplication: c.contentBasedDeduplication === true };
    if (Array.isArray(c.to)) s.subscribers = c.to.length;
    else if (c.to !== undefined) s.subscribers = 1;
    return s;
  },
  references: {
    slots: [SUBSCRIBER, DEAD_LETTER],
    link(node, l) {
      const c = node.config;
      const p = node.pointer;
      const many = Array.isArray(c.to);
      list(c.to).forEach((t, i) => {
        const at = many ? p.concat('to', i) : p.concat('to');
        l.edge(node, l.ref(t, at), SUBSCRIBER.names, 'trigger', 'subscription', `a subscriber of ${l.subject(node)}`);
        if (isObj(t)) l.edge(node, l.ref(t.deadLetter, at.concat('deadLetter')), DEAD_LETTER.names, 'dead-letter', 'redrive', `the dead-letter queue of a subscription to ${l.subject(node)}`);
      });
    },
  },
};
