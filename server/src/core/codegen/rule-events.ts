import { eventMatchesDeclaredEvent } from '../eventbridge/pattern';
import type { EventDecl } from '../model/graph';
import { isObj } from '../util/value';

/** Catalog events a rule's pattern can match (any verdict but a provable `no`). */
export function eventsMatching(pattern: unknown, events: Iterable<EventDecl>): EventDecl[] {
  if (!isObj(pattern)) return [];
  return [...events].filter((e) => eventMatchesDeclaredEvent(pattern, {
    detailType: e.detailType, ...(e.source !== undefined ? { source: e.source } : {}), ...(e.schema !== undefined ? { detailSchema: e.schema } : {}),
  }) !== 'no');
}
