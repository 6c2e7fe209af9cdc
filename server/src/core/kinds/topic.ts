/** Kind `topic`: an SNS topic (router). Every subscriber in `to` gets each message. */
import { type Mutable } from './read';
import type { Obj } from '../util/value';
import type { KindModule } from './kind';

/** The settings of a topic. */
export interface TopicSettings {
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  /** How many subscribers `to` names (a list's length, 1 for a single one), when written. */
  readonly subscribers?: number;
}

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
};
