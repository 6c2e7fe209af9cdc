/**
 * An SQS queue in the simulation: the queue itself (sqs-queue.ts: visibility, receive counts, redrive,
 * retention, delay, FIFO groups and deduplication) and, when it has a consumer, Lambda's poller
 * (esm.ts). A redriven message goes to the dead-letter queue named in `deadLetter` (keeping its first
 * enqueue time on a standard queue, Q15b), or to the dead-letter queue Archflow creates when none is named.
 */
import type { GraphEdge, GraphNode } from '../../model/graph';
import { SqsPoller, type PolledQueue } from '../esm';
import { SIM_FACTS } from '../facts';
import { SqsQueue, type Stored } from '../sqs-queue';
import type { Accepted, Envelope, NodeSim, Send, SendContext, SimKit, SimulateFacet } from '../types';

class QueueSim implements NodeSim, PolledQueue {
  readonly id: string;
  readonly queue: SqsQueue<Envelope>;
  private readonly poller: SqsPoller | undefined;
  private readonly dlq: GraphEdge | undefined;
  private readonly hasDeadLetter: boolean;
  private readonly fifo: boolean;
  private readonly groupSeq = new Map<string, number>();
  private timerAt = Infinity;
  /** Dead letters kept by the dead-letter queue Archflow creates when `deadLetter` names none. */
  private implicitDeadLetters = 0;

  constructor(readonly node: GraphNode<'queue'>, private readonly kit: SimKit) {
    const s = node.settings;
    this.id = node.id;
    this.fifo = s.fifo;
    const out = kit.graph.outgoing.get(node.id) ?? [];
    this.dlq = out.find((e) => e.mechanism === 'redrive');
    this.hasDeadLetter = s.deadLetter !== undefined;
    this.queue = new SqsQueue<Envelope>({
      fifo: s.fifo,
      visibilityTimeout: (s.visibilityTimeout ?? SIM_FACTS.sqsVisibilityTimeout / 1000) * 1000,
      retention: (s.retention ?? SIM_FACTS.sqsRetention / 1000) * 1000,
      delay: (s.delay ?? 0) * 1000,
      ...(this.hasDeadLetter ? { maxReceiveCount: s.deadLetter!.maxReceiveCount ?? SIM_FACTS.sqsMaxReceiveCount } : {}),
      contentBasedDeduplication: s.contentBasedDeduplication,
    });
    // Its poller feeds a function's event source mapping, or a pipe (kinds/pipe.ts).
    const consumer = out.find((e) => (e.mechanism === 'queue-mapping' && kit.graph.nodes.get(e.to)?.kind === 'function') || (e.mechanism === 'pipe-source' && kit.graph.nodes.get(e.to)?.kind === 'pipe'));
    this.poller = consumer ? new SqsPoller(kit, this, consumer, s.fifo) : undefined;
  }

  depth(): number {
    return this.queue.depth;
  }

  accept(send: Send, ctx: SendContext): Accepted {
    const { kit } = this;
    if (!kit.available(this.id)) return 'ServiceUnavailable';
    if (send.action !== 'sendMessage') return `a queue takes SendMessage, not ${send.action}`;
    const now = kit.now();
    this.advance();
    let seq: number | undefined;
    if (this.fifo && send.group !== undefined) {
      seq = (this.groupSeq.get(send.group) ?? 0) + 1;
    }
    const env = kit.envelope(send.message, ctx, {
      ...(ctx.event !== undefined ? { event: ctx.event } : {}), ...(send.attributes ? { attributes: send.attributes } : {}),
      ...(send.group !== undefined ? { group: send.group } : {}), ...(seq !== undefined ? { seq } : {}),
    });
    const bodyText = this.fifo && send.deduplicationId === undefined ? (typeof send.message === 'string' ? send.message : JSON.stringify(send.message)) : undefined;
    const r = this.queue.send(now, env, {
      ...(send.group !== undefined ? { group: send.group } : {}), ...(send.deduplicationId !== undefined ? { deduplicationId: send.deduplicationId } : {}),
      ...(bodyText !== undefined ? { bodyText } : {}), ...(send.delaySeconds !== undefined ? { delay: send.delaySeconds * 1000 } : {}),
      ...(send.enqueuedAt !== undefined ? { enqueuedAt: send.enqueuedAt } : {}),
    });
    if (!r.ok) {
      if (r.duplicate) {
        // SQS answers a duplicate like a success and keeps only the first.
        if (kit.logging) kit.log('dedup', this.id, { ...(ctx.edge ? { edge: ctx.edge.id } : {}), to: ctx.from, message: env.id, origin: env.origin, detail: r.reason });
        else kit.mark();
        return true;
      }
      if (kit.logging) kit.log('reject', this.id, { to: ctx.from, message: env.id, origin: env.origin, detail: r.reason });
      else kit.mark();
      return r.reason;
    }
    if (seq !== undefined) this.groupSeq.set(send.group!, seq);
    const stats = kit.stats(this.id);
    stats.received++;
    if (ctx.deadLetter) stats.deadLetters++;
    kit.reached(this.id, env);
    if (kit.logging) kit.log('deliver', ctx.from || this.id, { ...(ctx.edge ? { edge: ctx.edge.id } : {}), to: this.id, message: env.id, origin: env.origin, ...(send.group !== undefined ? { detail: `group ${send.group}` } : {}) });
    else kit.mark();
    if (this.poller) this.poller.wake();
    this.changed();
    return true;
  }

  advance(): void {
    const { kit } = this;
    const { visible, expired } = this.queue.advance(kit.now());
    const returned = visible.filter((m) => m.receiveCount > 0);
    if (returned.length) kit.log('visible', this.id, { message: returned[0]!.payload.id, origin: returned[0]!.payload.origin, count: returned.length, detail: `visibility timeout over: received ${returned[0]!.receiveCount} time(s)` });
    for (const m of expired) kit.lost(this.id, m.payload, `retention ${this.queue.options.retention / 1000} s ran out`, m.payload.id);
  }

  deadLetter(m: Stored<Envelope>, why: string): void {
    const { kit } = this;
    const env = m.payload;
    const stats = kit.stats(this.id);
    if (!this.hasDeadLetter || (!this.dlq && this.node.settings.deadLetter?.queue !== undefined)) {
      kit.lost(this.id, env, `${why}, no dead-letter queue`, env.id);
      return;
    }
    if (!this.dlq) {
      this.implicitDeadLetters++;
      stats.deadLettered++;
      if (kit.logging) kit.log('dead-letter', this.id, { to: `${this.id} (its dead-letter queue)`, message: env.id, origin: env.origin, detail: why });
      else kit.mark();
      return;
    }
    const target = kit.graph.nodes.get(this.dlq.to);
    const fifo = target?.kind === 'queue' && target.settings.fifo;
    const ctx: SendContext = { from: this.id, origin: env.origin, born: env.born, edge: this.dlq, deadLetter: true, ...(env.lineage ? { lineage: env.lineage } : {}), ...(env.event !== undefined ? { event: env.event } : {}) };
    const r = kit.send(this.dlq.to, {
      action: 'sendMessage', message: env.body, ...(env.attributes ? { attributes: env.attributes } : {}),
      ...(fifo ? { group: env.group ?? this.id, deduplicationId: `redrive-${this.id}-${env.id}` } : { enqueuedAt: m.enqueuedAt }),
    }, ctx);
    if (r === true) {
      stats.deadLettered++;
      if (kit.logging) kit.log('dead-letter', this.id, { edge: this.dlq.id, to: this.dlq.to, message: env.id, origin: env.origin, detail: why });
      else kit.mark();
    } else kit.lost(this.id, env, `${why}; the dead-letter queue refused it (${r})`, env.id);
  }

  changed(): void {
    const { kit } = this;
    kit.depth(this.id, this.queue.depth);
    const t = this.queue.nextChange();
    if (t < this.timerAt && Number.isFinite(t)) {
      this.timerAt = t;
      kit.at(t, () => {
        if (this.timerAt === t) this.timerAt = Infinity;
        this.advance();
        if (this.poller) this.poller.wake();
        this.changed();
      });
    }
  }
}

/** The `simulate` facet of the queue kind. */
export const queueSimulation: SimulateFacet<GraphNode<'queue'>> = {
  create: (node, kit) => new QueueSim(node, kit),
};
