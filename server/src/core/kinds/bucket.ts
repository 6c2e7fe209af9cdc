/** Kind `bucket`: an S3 bucket (producer). Its `notifications` send object events to functions, queues and topics. */
import { isObj, type Obj } from '../util/value';
import type { KindModule, ReferenceSlot } from './kind';
import { list, put, text, type Mutable } from './read';

/** One notification's filter and events, as written (a notification that is not a map reads as `{}`). */
export interface BucketNotification {
  /** The event types, when written as a list (non-strings dropped). */
  readonly on?: readonly string[];
  readonly prefix?: string;
  readonly suffix?: string;
}

/** The settings of a bucket. */
export interface BucketSettings {
  readonly versioned: boolean;
  /** One entry per written notification, by index (edges point at them). */
  readonly notifications: readonly BucketNotification[];
}

const NOTIFIED = { at: /^notifications\/#\/to$/, names: ['function', 'queue', 'topic'] } as const satisfies ReferenceSlot;

/** The `bucket` kind. */
export const bucket: KindModule<'bucket', BucketSettings> = {
  kind: 'bucket',
  label: 'bucket',
  sections: ['producers'],
  targetKey: 'bucket',
  settings(c: Obj): BucketSettings {
    const list = Array.isArray(c.notifications) ? c.notifications : [];
    return {
      versioned: c.versioned === true,
      notifications: list.map((n): BucketNotification => {
        if (!isObj(n)) return {};
        const out: Mutable<BucketNotification> = {};
        if (Array.isArray(n.on)) out.on = n.on.filter((x): x is string => typeof x === 'string');
        put(out, 'prefix', text(n.prefix));
        put(out, 'suffix', text(n.suffix));
        return out;
      }),
    };
  },
  references: {
    slots: [NOTIFIED],
    link(node, l) {
      list(node.config.notifications).forEach((n, i) => {
        if (!isObj(n)) return;
        const at = node.pointer.concat('notifications', i);
        l.edge(node, l.ref(n.to, at.concat('to')), NOTIFIED.names, 'trigger', 'notification', `a notification of ${l.subject(node)}`);
      });
    },
  },
};
