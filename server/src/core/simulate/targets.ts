/**
 * Delivering to an EventBridge rule's target or a Scheduler schedule's target: the target kinds they
 * reach (a function asynchronously, a queue, a topic, a bus, a stream), and the retry policy when a
 * delivery fails: up to `attempts` retries (185 by default) within `maxAge` (24 h by default) with
 * exponential back-off and jitter, then the target's dead-letter queue or the event is dropped (T1, T2,
 * C5; eb-rule-retry-policy.html). The back-off's numbers are the simulator's (facts.ts): AWS gives none.
 */
import type { GraphEdge } from '../model/graph';
import { toSeconds } from '../util/duration';
import { isObj } from '../util/value';
import { SIM_FACTS } from './facts';
import type { Accepted, Envelope, InvokeSource, Send, SendContext, SimKit } from './types';

/** A rule's or schedule's target, read once. */
export interface Target {
  readonly edge: GraphEdge;
  readonly dlq?: GraphEdge;
  readonly attempts: number;
  /** ms. */
  readonly maxAge: number;
  /** The message group for a FIFO queue target. */
  readonly group: string;
  readonly source: InvokeSource['kind'];
}

/** A target's retry policy from the edge's or schedule's `retry` (`{ attempts, maxAge }`). */
export function retryPolicy(retry: unknown): { attempts: number; maxAge: number } {
  const r = isObj(retry) ? retry : {};
  const attempts = typeof r.attempts === 'number' ? r.attempts : SIM_FACTS.eventBridgeRetries;
  const age = toSeconds(r.maxAge);
  return { attempts, maxAge: age !== undefined ? age * 1000 : SIM_FACTS.eventBridgeMaxAge };
}

/** Hands `env` (its body the target's input) to the target once; the answer says whether it took it. */
function handOver(kit: SimKit, from: string, t: Target, env: Envelope): Accepted {
  const to = t.edge.to;
  const target = kit.graph.nodes.get(to);
  const ctx: SendContext = { from, origin: env.origin, born: env.born, edge: t.edge, ...(env.event !== undefined ? { event: env.event } : {}) };
  const body = env.body;
  switch (target?.kind) {
    case 'function':
      return kit.invoke(to, { mode: 'async', records: [env], source: { kind: t.source, node: from, edge: t.edge }, event: () => body });
    case 'queue': {
      const fifo = target.settings.fifo;
      const id = isObj(body) && typeof body.id === 'string' ? body.id : `sim-${env.id}`;
      return kit.send(to, { action: 'sendMessage', message: body, ...(fifo ? { group: t.group, deduplicationId: id } : {}) }, ctx);
    }
    case 'topic':
      return kit.send(to, { action: 'publish', message: body, ...(target.settings.fifo ? { group: t.group, deduplicationId: `sim-${env.id}` } : {}) }, ctx);
    case 'event-bus': {
      const e = isObj(body) ? body : {};
      const send: Send = {
        action: 'putEvent', source: typeof e.source === 'string' ? e.source : from, detailType: typeof e['detail-type'] === 'string' ? e['detail-type'] : 'Event',
        detail: e.detail ?? body, ...(isObj(body) && 'detail-type' in body ? { event: body } : {}),
      };
      return kit.send(to, send, ctx);
    }
    case 'stream':
      return kit.send(to, { action: 'putRecord', data: body, partitionKey: isObj(body) && typeof body.id === 'string' ? body.id : `sim-${env.id}` }, ctx);
    default:
      return kit.send(to, { action: 'sendMessage', message: body }, ctx);
  }
}

/** Delivers with the target's retry policy, from the first attempt at `firstAt`. */
export function deliver(kit: SimKit, from: string, t: Target, env: Envelope, firstAt = kit.now(), attempt = 1): void {
  const r = handOver(kit, from, t, env);
  const stats = kit.stats(from);
  if (r === true) {
    stats.succeeded++;
    return;
  }
  const now = kit.now();
  const cap = Math.min(SIM_FACTS.eventBridgeBackoffMax, SIM_FACTS.eventBridgeBackoffBase * 2 ** Math.min(attempt - 1, 30));
  const delay = Math.max(1, Math.floor(kit.rng.next() * cap));
  if (attempt <= t.attempts && now + delay - firstAt <= t.maxAge) {
    stats.retried++;
    if (kit.logging) kit.log('retry', from, { edge: t.edge.id, to: t.edge.to, message: env.id, origin: env.origin, detail: `${r}; retry ${attempt} in ${(delay / 1000).toFixed(1)} s` });
    else kit.mark();
    kit.at(now + delay, () => deliver(kit, from, t, env, firstAt, attempt + 1));
    return;
  }
  stats.failed++;
  const why = `${attempt - 1 >= t.attempts ? `${t.attempts} retries` : `the maximum event age ${t.maxAge / 1000} s`} used up (${r})`;
  if (!t.dlq) {
    kit.lost(from, env, `${why}, no dead-letter queue`, env.id);
    return;
  }
  const ctx: SendContext = { from, origin: env.origin, born: env.born, edge: t.dlq, deadLetter: true };
  const d = kit.send(t.dlq.to, {
    action: 'sendMessage', message: env.body,
    attributes: { ERROR_CODE: { type: 'String', value: 'SIMULATED' }, ERROR_MESSAGE: { type: 'String', value: String(r) } },
  }, ctx);
  if (d === true) {
    stats.deadLettered++;
    if (kit.logging) kit.log('dead-letter', from, { edge: t.dlq.id, to: t.dlq.to, message: env.id, origin: env.origin, detail: why });
    else kit.mark();
  } else kit.lost(from, env, `${why}; the dead-letter queue refused it (${d})`, env.id);
}
