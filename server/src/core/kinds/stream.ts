/** Kind `stream`: a Kinesis data stream (router). Each function in `to` reads every shard. */
import type { Obj } from '../util/value';
import type { KindModule } from './kind';
import { num, put, seconds, type Mutable } from './read';

/** The settings of a stream. */
export interface StreamSettings {
  readonly mode: 'provisioned' | 'on-demand';
  /** Provisioned shards, when written. */
  readonly shards?: number;
  /** Record retention in seconds, when written. */
  readonly retention?: number;
}

/** The `stream` kind. */
export const stream: KindModule<'stream', StreamSettings> = {
  kind: 'stream',
  label: 'stream',
  sections: ['routers'],
  targetKey: 'stream',
  settings(c: Obj): StreamSettings {
    const s: Mutable<StreamSettings> = { mode: c.mode === 'on-demand' ? 'on-demand' : 'provisioned' };
    put(s, 'shards', num(c.shards));
    put(s, 'retention', seconds(c.retention));
    return s;
  },
};
