/**
 * An SNS topic in the simulation: each published message goes to every subscriber whose filter policy
 * it passes (attribute or body scope, sns-filter.ts); queues get the notification envelope (or the
 * message itself with `rawDelivery`), functions are invoked asynchronously (N10). A delivery that fails
 * is retried with SNS's policy for AWS endpoints (N8: 3 at once, 2 a second apart, 10 backing off from
 * 1 to 20 s, then every 20 s up to 100,015 attempts), then goes to the subscription's dead-letter queue
 * (N9) or is lost. FIFO topics need a message group and drop duplicates within 5 minutes (N6).
 */
import type { GraphEdge, GraphNode } from '../../model/graph';
import { isObj } from '../../util/value';
import { snsEvent, snsNotification } from '../events';
import { SIM_FACTS } from '../facts';
import { compileFilterPolicy, type FilterMatcher } from '../sns-filter';
import type { Accepted, Envelope, NodeSim, Send, SendContext, SimKit, SimulateFacet } from '../types';

interface Subscription {
  readonly edge: GraphEdge;
  readonly to: string;
  readonly kind: string | undefined;
  readonly filter?: FilterMatcher;
  readonly raw: boolean;
  readonly dlq?: GraphEdge;
}

/** Total attempts of SNS's delivery policy for AWS endpoints (N8). */
const ATTEMPTS = 1 + SIM_FACTS.snsImmediate + SIM_FACTS.snsPreBackoff + SIM_FACTS.snsBackoff + SIM_FACTS.snsPostBackoff;

/** The wait before retry `n` (1-based) of SNS's policy for AWS endpoints (N8). */
export function snsRetryDelay(n: number): number {
  const f = SIM_FACTS;
  if (n <= f.snsImmediate) return 0;
  if (n <= f.snsImmediate + f.snsPreBackoff) return 1000;
  const k = n - f.snsImmediate - f.snsPreBackoff;
  if (k <= f.snsBackoff) {
    // Geometric from the minimum to the maximum over the back-off phase.
    return Math.round(f.snsBackoffMin * (f.snsBackoffMax / f.snsBackoffMin) ** ((k - 1) / (f.snsBackoff - 1)));
  }
  return f.snsBackoffMax;
}

class TopicSim implements NodeSim {
  private readonly subs: Subscription[];
  private readonly dedup = new Map<string, number>();

  constructor(readonly node: GraphNode<'topic'>, private readonly kit: SimKit) {
    const out = kit.graph.outgoing.get(node.id) ?? [];
    this.subs = out.filter((e) => e.mechanism === 'subscription').map((edge) => {
      const o = edge.options;
      const dlq = out.find((e) => e.mechanism === 'redrive' && e.pointer.slice(0, -1).join('/') === edge.optionsAt.join('/'));
      return {
        edge, to: edge.to, kind: kit.graph.nodes.get(edge.to)?.kind, raw: o.rawDelivery === true,
        ...(isObj(o.filter) ? { filter: compileFilterPolicy(o.filter, o.filterScope === 'body' ? 'body' : 'attributes') } : {}),
        ...(dlq ? { dlq } : {}),
      };
    });
  }

  accept(send: Send, ctx: SendContext): Accepted {
    const { kit } = this;
    const id = this.node.id;
    if (!kit.available(id)) return 'ServiceUnavailable';
    if (send.action !== 'publish') return `a topic takes Publish, not ${send.action}`;
    const now = kit.now();
    if (this.node.settings.fifo) {
      if (!send.group) return 'InvalidParameter: the MessageGroupId parameter is required for FIFO topics';
      const key = send.deduplicationId ?? (this.node.settings.contentBasedDeduplication ? JSON.stringify(send.message) : undefined);
      if (key === undefined) return 'InvalidParameter: the topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly';
      const until = this.dedup.get(key);
      if (until !== undefined && until > now) {
        if (kit.logging) kit.log('dedup', id, { to: ctx.from, detail: 'a duplicate within the deduplication interval' });
        else kit.mark();
        return true;
      }
      this.dedup.set(key, now + SIM_FACTS.dedupWindow);
    }
    const env = kit.envelope(send.message, ctx, {
      ...(ctx.event !== undefined ? { event: ctx.event } : {}), ...(send.attributes ? { attributes: send.attributes } : {}), ...(send.group !== undefined ? { group: send.group } : {}),
    });
    const stats = kit.stats(id);
    stats.received++;
    if (ctx.deadLetter) stats.deadLetters++;
    kit.reached(id, env);
    if (kit.logging) kit.log('deliver', ctx.from || id, { ...(ctx.edge ? { edge: ctx.edge.id } : {}), to: id, message: env.id, origin: env.origin });
    else kit.mark();
    for (const sub of this.subs) {
      if (sub.filter && !sub.filter(send.message, send.attributes)) {
        stats.filtered++;
        if (kit.logging) kit.log('filter', id, { edge: sub.edge.id, to: sub.to, message: env.id, origin: env.origin, detail: 'the filter policy does not match' });
        else kit.mark();
        continue;
      }
      this.deliver(sub, env, 1);
    }
    return true;
  }

  private deliver(sub: Subscription, env: Envelope, attempt: number): void {
    const { kit } = this;
    const id = this.node.id;
    const ctx: SendContext = { from: id, origin: env.origin, born: env.born, edge: sub.edge, ...(env.lineage ? { lineage: env.lineage } : {}), ...(env.event !== undefined ? { event: env.event } : {}) };
    let r: Accepted;
    if (sub.kind === 'function') {
      r = kit.invoke(sub.to, { mode: 'async', records: [env], source: { kind: 'sns', node: id, edge: sub.edge }, event: () => snsEvent(id, env, kit.iso(kit.now())) });
    } else {
      const fifo = this.node.settings.fifo;
      const message = sub.raw ? env.body : snsNotification(id, env, kit.iso(kit.now()));
      r = kit.send(sub.to, {
        action: 'sendMessage', message, ...(sub.raw && env.attributes ? { attributes: env.attributes } : {}),
        ...(fifo ? { group: env.group ?? id, deduplicationId: `sns-${env.id}` } : {}),
      }, ctx);
    }
    const stats = kit.stats(id);
    if (r === true) {
      stats.succeeded++;
      return;
    }
    if (attempt < ATTEMPTS) {
      const delay = snsRetryDelay(attempt);
      stats.retried++;
      if (kit.logging) kit.log('retry', id, { edge: sub.edge.id, to: sub.to, message: env.id, origin: env.origin, detail: `${r}; attempt ${attempt + 1} in ${delay / 1000} s` });
      else kit.mark();
      kit.at(kit.now() + delay, () => this.deliver(sub, env, attempt + 1));
      return;
    }
    stats.failed++;
    const why = `${ATTEMPTS.toLocaleString('en-US')} delivery attempts failed (${r})`;
    if (!sub.dlq) return kit.lost(id, env, `${why}, no dead-letter queue`, env.id);
    const d = kit.send(sub.dlq.to, { action: 'sendMessage', message: snsNotification(id, env, kit.iso(kit.now())) }, { ...ctx, edge: sub.dlq, deadLetter: true });
    if (d === true) {
      stats.deadLettered++;
      if (kit.logging) kit.log('dead-letter', id, { edge: sub.dlq.id, to: sub.dlq.to, message: env.id, origin: env.origin, detail: why });
      else kit.mark();
    } else kit.lost(id, env, `${why}; the dead-letter queue refused it (${d})`, env.id);
  }
}

/** The `simulate` facet of the topic kind. */
export const topicSimulation: SimulateFacet<GraphNode<'topic'>> = {
  create: (node, kit) => new TopicSim(node, kit),
};
