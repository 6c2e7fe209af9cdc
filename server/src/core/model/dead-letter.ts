/**
 * A queue's `deadLetter`, written as the dead-letter queue's name (`deadLetter: jobs-dlq`) or as a
 * map with options (`deadLetter: { queue: jobs-dlq, maxReceiveCount: 5 }`).
 */
import type { Pointer } from '../span';
import { isObj } from '../util/value';

/** The SQS default of `maxReceiveCount` when only the queue is named. */
export const DEFAULT_MAX_RECEIVE_COUNT = 10;

/** A queue's dead-letter settings as written, both forms read the same way. */
export interface QueueDeadLetter {
  /** The dead-letter queue's name, when written. */
  readonly queue?: string;
  /** Where the name is written (`…/deadLetter` or `…/deadLetter/queue`). */
  readonly queueAt: Pointer;
  /** `maxReceiveCount` as written (anything: the schema and the rules judge it). */
  readonly maxReceiveCount?: unknown;
}

/** The `deadLetter` of a queue declared at `pointer`, or `undefined` when it has none (or an unreadable one). */
export function queueDeadLetter(config: Readonly<Record<string, unknown>>, pointer: Pointer): QueueDeadLetter | undefined {
  const dl = config.deadLetter;
  if (typeof dl === 'string') return dl ? { queue: dl, queueAt: pointer.concat('deadLetter') } : undefined;
  if (!isObj(dl)) return undefined;
  const queue = typeof dl.queue === 'string' && dl.queue ? dl.queue : undefined;
  return {
    ...(queue !== undefined ? { queue } : {}),
    queueAt: pointer.concat('deadLetter', 'queue'),
    ...(dl.maxReceiveCount !== undefined ? { maxReceiveCount: dl.maxReceiveCount } : {}),
  };
}
