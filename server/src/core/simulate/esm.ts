/**
 * Lambda event source mappings: the pollers that read queues and streams and invoke a function with
 * batches (Lambda DG invocation-eventsourcemapping.html, services-sqs-*.html, with-kinesis.html,
 * with-ddb.html; aws-limits.md §3).
 *
 * SQS (`SqsPoller`): batches of up to `batchSize` (10 by default), gathered for up to `batchWindow`
 * (standard queues; E2), invoked synchronously. A batch that succeeds is deleted; one that fails, times
 * out or is throttled stays in flight until the visibility timeout ends, then comes back (its receives
 * counted, so redrive applies). With `reportFailures` only the reported records stay. Concurrency starts
 * at 5 batches and grows by up to 300 a minute to 1,000 (E8), capped by `maxConcurrency` (E6); FIFO
 * queues deliver a group's messages one batch at a time (the queue blocks the group).
 *
 * Streams (`StreamMapping`): each shard (Kinesis: by partition key; a table: one shard) is read in
 * order by one batch at a time, or `parallelization` batches over lanes by partition key. A failing
 * batch blocks its lane: it is retried (each retry counted against `maxRetries`, −1 = until the records
 * expire), split in halves with `bisectOnError` (splits are not retries, with-kinesis.md "Splitting a
 * batch does not count towards the retry quota"), retried from the first reported failure with
 * `reportFailures`, and records older than `maxRecordAge` are discarded. Discarded batches go to the
 * on-failure destination as a batch-info record, else they are lost.
 */
import type { GraphEdge, GraphNode } from '../model/graph';
import { compilePattern, type CompiledPattern } from '../eventbridge/pattern';
import { toSeconds } from '../util/duration';
import { isObj } from '../util/value';
import { ACCOUNT, REGION } from '../codegen/sample-events';
import { kinesisEvent, dynamodbEvent, sqsEvent } from './events';
import { SIM_FACTS, TIME } from './facts';
import type { SqsQueue, Stored } from './sqs-queue';
import type { Envelope, InvokeResult, Send, SendContext, SimKit } from './types';
import { hash32 } from './random';

/** A mapping's filter (`filter` on the edge) over the record as Lambda tests it, or undefined. */
export function mappingFilter(edge: GraphEdge, wrap: (body: unknown) => unknown): ((env: Envelope) => boolean) | undefined {
  const f = edge.options.filter;
  if (!isObj(f)) return undefined;
  const c: CompiledPattern = compilePattern(f, { maxChars: Number.MAX_SAFE_INTEGER });
  return (env) => c.match(wrap(env.body));
}

const ms = (v: unknown, fallback: number): number => {
  const s = toSeconds(v);
  return s === undefined ? fallback : s * 1000;
};
const int = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** What the queue's node gives its poller. */
export interface PolledQueue {
  readonly id: string;
  readonly queue: SqsQueue<Envelope>;
  /** Brings the queue to now (visibility returns, retention). */
  advance(): void;
  /** Moves a message out to the dead-letter queue (redrive, or a stopped loop). */
  deadLetter(m: Stored<Envelope>, why: string): void;
  /** Reports the depth and plans the next wake-up. */
  changed(): void;
}

/** The Lambda poller of an SQS queue. */
export class SqsPoller {
  private inflight = 0;
  private busySince: number | undefined;
  private windowStart: number | undefined;
  private blockedUntil = 0;
  private wakeAt = Infinity;
  private readonly batchSize: number;
  private readonly window: number;
  private readonly maxConcurrency: number;
  private readonly reportFailures: boolean;
  private readonly filter: ((env: Envelope) => boolean) | undefined;

  constructor(private readonly kit: SimKit, private readonly q: PolledQueue, private readonly edge: GraphEdge, private readonly fifo: boolean) {
    const o = edge.options;
    this.batchSize = Math.max(1, int(o.batchSize, SIM_FACTS.sqsBatchSize));
    this.window = fifo ? 0 : ms(o.batchWindow, 0);
    this.maxConcurrency = Math.min(SIM_FACTS.sqsMaxBatches, int(o.maxConcurrency, SIM_FACTS.sqsMaxBatches));
    this.reportFailures = o.reportFailures === true;
    this.filter = mappingFilter(edge, (body) => ({ body }));
  }

  /** Concurrent batches allowed now: 5, growing by 300 a minute while the queue is busy (E8), capped. */
  private allowed(now: number): number {
    const since = this.busySince ?? now;
    const ramp = SIM_FACTS.sqsInitialConcurrency + Math.floor((SIM_FACTS.sqsScalePerMinute * (now - since)) / TIME.MINUTE);
    return Math.min(this.maxConcurrency, ramp);
  }

  private later(t: number): void {
    if (t >= this.wakeAt) return;
    this.wakeAt = t;
    this.kit.at(t, () => {
      if (this.wakeAt === t) this.wakeAt = Infinity;
      this.wake();
    });
  }

  /** Polls: starts batches while messages are visible and concurrency allows. */
  wake(): void {
    const { kit, q } = this;
    const now = kit.now();
    q.advance();
    const queue = q.queue;
    if (queue.visible === 0 && this.inflight === 0 && queue.inFlight === 0) this.busySince = undefined;
    else this.busySince ??= now;
    if (now < this.blockedUntil) {
      this.later(this.blockedUntil);
      return;
    }
    while (this.inflight < this.allowed(now) && queue.visible > 0) {
      if (this.window > 0 && queue.visible < this.batchSize) {
        this.windowStart ??= now;
        if (now < this.windowStart + this.window) {
          this.later(this.windowStart + this.window);
          break;
        }
      }
      this.windowStart = undefined;
      const r = queue.receive(now, this.batchSize);
      for (const m of r.deadLetters) q.deadLetter(m, `received ${m.receiveCount} times (maxReceiveCount ${queue.options.maxReceiveCount})`);
      // Nothing to receive: the visible messages are in FIFO groups with a message in flight.
      if (r.messages.length === 0) {
        if (r.deadLetters.length === 0) break;
        continue;
      }
      let batch = [...r.messages];
      if (this.filter) {
        const keep: Stored<Envelope>[] = [];
        for (const m of batch) {
          if (this.filter(m.payload)) keep.push(m);
          else {
            // Lambda deletes an SQS message its filter does not match.
            queue.delete(m, m.receipt);
            kit.stats(q.id).filtered++;
            if (kit.logging) kit.log('filter', q.id, { message: m.payload.id, origin: m.payload.origin, to: this.edge.to, detail: 'no match for the mapping\'s filter: deleted' });
            else kit.mark();
          }
        }
        batch = keep;
        if (batch.length === 0) continue;
      }
      this.invoke(batch, batch.map((m) => m.receipt));
    }
    if (this.inflight > 0 || queue.depth > 0) q.changed();
  }

  private invoke(batch: Stored<Envelope>[], receipts: number[]): void {
    const { kit, q } = this;
    this.inflight++;
    const records = batch.map((m) => m.payload);
    const retried = batch.filter((m) => m.receiveCount > 1).length;
    if (retried) {
      kit.stats(this.edge.to).retried += retried;
      kit.stats(q.id).retried += retried;
    }
    if (kit.logging) kit.log('receive', q.id, {
      edge: this.edge.id, to: this.edge.to, message: records[0]!.id, origin: records[0]!.origin, count: batch.length,
      detail: `batch of ${batch.length}${retried ? ` (${retried} received before)` : ''}`,
    });
    else kit.mark();
    const fifo = this.fifo;
    kit.invoke(this.edge.to, {
      mode: 'batch', records, source: { kind: 'sqs', node: q.id, edge: this.edge, fifo, reportFailures: this.reportFailures },
      event: () => sqsEvent(q.id, batch.map((m) => ({ env: m.payload, receiveCount: m.receiveCount, sentAt: kit.iso(m.sentAt), firstReceivedAt: kit.iso(m.firstReceivedAt ?? m.sentAt) }))),
      onResult: (r) => this.done(batch, receipts, r),
    });
  }

  private done(batch: Stored<Envelope>[], receipts: number[], r: InvokeResult): void {
    const { kit, q } = this;
    this.inflight--;
    const queue = q.queue;
    const stats = kit.stats(q.id);
    if (r.stopped) {
      for (const i of r.stopped) {
        const m = batch[i]!;
        if (queue.delete(m, receipts[i]!)) q.deadLetter(m, 'recursive loop stopped');
      }
    }
    if (r.status === 'ok') {
      const failed = r.failed && this.reportFailures ? new Set(r.failed) : undefined;
      const stopped = r.stopped ? new Set(r.stopped) : undefined;
      for (let i = 0; i < batch.length; i++) {
        if (failed?.has(i) || stopped?.has(i)) continue;
        if (queue.delete(batch[i]!, receipts[i]!)) stats.succeeded++;
      }
      if (failed?.size) {
        if (kit.logging) kit.log('retry', q.id, { message: batch[[...failed][0]!]!.payload.id, count: failed.size, detail: `${failed.size} reported failed: visible again in ${queue.options.visibilityTimeout / 1000} s` });
        else kit.mark();
      }
    } else if (r.status !== 'loop-stopped') {
      const back = batch.length - (r.stopped?.length ?? 0);
      if (kit.logging) kit.log('retry', q.id, { message: batch[0]!.payload.id, origin: batch[0]!.payload.origin, count: back, detail: `${r.status}: the batch is visible again in ${queue.options.visibilityTimeout / 1000} s` });
      else kit.mark();
      // After a throttle the poller waits a second before polling again (the simulator's choice).
      if (r.status === 'throttled') this.blockedUntil = kit.now() + TIME.SECOND;
    }
    this.wake();
  }
}

/** A record on a stream's shard. */
export interface StreamRecord {
  readonly env: Envelope;
  readonly seq: number;
  readonly shard: number;
  readonly arrival: number;
}

/** A batch being processed or waiting to be retried, with its retries so far. */
interface Batch {
  records: StreamRecord[];
  retries: number;
}

/** One lane: a shard, or one of its `parallelization` parts by partition key. */
class Lane {
  pending: StreamRecord[] = [];
  head = 0;
  busy = false;
  /** Batches waiting before any new record: retries and the halves of a split. */
  queued: Batch[] = [];
  lastPoll = -Infinity;
  wakeAt = Infinity;

  constructor(readonly shard: number) {}

  get available(): number {
    return this.pending.length - this.head;
  }

  take(n: number): StreamRecord[] {
    const out = this.pending.slice(this.head, this.head + n);
    this.head += out.length;
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
    return out;
  }
}

/** Settings of the stream a mapping reads. */
export interface StreamSource {
  readonly node: GraphNode<'stream' | 'table'>;
  readonly kind: 'kinesis' | 'dynamodb';
  readonly shards: number;
  /** How long the stream keeps records, ms. */
  readonly retention: number;
}

/** A function's event source mapping on a Kinesis stream or a table's stream. */
export class StreamMapping {
  private readonly lanes: Lane[];
  private readonly batchSize: number;
  private readonly window: number;
  private readonly parallel: number;
  private readonly bisect: boolean;
  private readonly maxRetries: number;
  private readonly maxAge: number;
  private readonly reportFailures: boolean;
  private readonly poll: number;
  private readonly onFailure: GraphEdge | undefined;
  private readonly filter: ((env: Envelope) => boolean) | undefined;

  constructor(private readonly kit: SimKit, private readonly source: StreamSource, private readonly edge: GraphEdge) {
    const o = edge.options;
    this.batchSize = Math.max(1, int(o.batchSize, SIM_FACTS.streamBatchSize));
    this.window = ms(o.batchWindow, 0);
    this.parallel = Math.max(1, Math.min(10, int(o.parallelization, 1)));
    this.bisect = o.bisectOnError === true;
    this.maxRetries = int(o.maxRetries, -1);
    const age = toSeconds(o.maxRecordAge);
    this.maxAge = age === undefined || age < 0 ? Infinity : age * 1000;
    this.reportFailures = o.reportFailures === true;
    this.poll = source.kind === 'kinesis' ? SIM_FACTS.kinesisPollInterval : SIM_FACTS.dynamodbPollInterval;
    this.onFailure = (kit.graph.outgoing.get(source.node.id) ?? []).find((e) => e.mechanism === 'failure-destination' && e.pointer.slice(0, -1).join('/') === edge.optionsAt.join('/'));
    this.filter = mappingFilter(edge, source.kind === 'kinesis' ? (body) => ({ data: body }) : (body) => body);
    this.lanes = [];
    for (let s = 0; s < source.shards; s++) for (let p = 0; p < this.parallel; p++) this.lanes.push(new Lane(s));
  }

  /** A record written to `shard`: queued on its lane (records of one partition key stay in order). */
  append(rec: StreamRecord): void {
    const lane = this.lanes[rec.shard * this.parallel + (this.parallel > 1 ? hash32(rec.env.partitionKey ?? '') % this.parallel : 0)]!;
    lane.pending.push(rec);
    this.wake(lane);
  }

  /** Records not yet processed, for the stream's depth. */
  backlog(): number {
    let n = 0;
    for (const l of this.lanes) n += l.available + l.queued.reduce((a, b) => a + b.records.length, 0) + (l.busy ? 1 : 0);
    return n;
  }

  private later(lane: Lane, t: number): void {
    if (t >= lane.wakeAt) return;
    lane.wakeAt = t;
    this.kit.at(t, () => {
      if (lane.wakeAt === t) lane.wakeAt = Infinity;
      this.wake(lane);
    });
  }

  private wake(lane: Lane): void {
    if (lane.busy) return;
    const now = this.kit.now();
    const retry = lane.queued.shift();
    if (retry) return this.invoke(lane, retry);
    if (lane.available === 0) return;
    // The poller reads each shard at its base rate, and waits for the batching window to fill a batch.
    if (now < lane.lastPoll + this.poll) return this.later(lane, lane.lastPoll + this.poll);
    const first = lane.pending[lane.head]!;
    if (this.window > 0 && lane.available < this.batchSize && now < first.arrival + this.window) return this.later(lane, first.arrival + this.window);
    lane.lastPoll = now;
    let records = lane.take(this.batchSize);
    records = this.fresh(records, 'RecordAgeExceeded');
    if (this.filter) {
      const kept = records.filter((r) => this.filter!(r.env));
      const dropped = records.length - kept.length;
      if (dropped) {
        this.kit.stats(this.source.node.id).filtered += dropped;
        this.kit.log('filter', this.source.node.id, { to: this.edge.to, count: dropped, detail: 'no match for the mapping\'s filter' });
      }
      records = kept;
    }
    if (records.length === 0) return this.wake(lane);
    this.invoke(lane, { records, retries: 0 });
  }

  /** Drops records past the stream's retention or the mapping's maximum record age. */
  private fresh(records: StreamRecord[], condition: string): StreamRecord[] {
    const now = this.kit.now();
    const expired = records.filter((r) => now - r.arrival > this.source.retention);
    for (const r of expired) this.kit.lost(this.source.node.id, r.env, `past the stream's retention before '${this.edge.to}' read it`, r.env.id);
    let out = expired.length ? records.filter((r) => now - r.arrival <= this.source.retention) : records;
    if (this.maxAge !== Infinity) {
      const old = out.filter((r) => now - r.arrival > this.maxAge);
      if (old.length) {
        this.discard({ records: old, retries: 0 }, condition, `older than maxRecordAge ${this.maxAge / 1000} s`);
        out = out.filter((r) => now - r.arrival <= this.maxAge);
      }
    }
    return out;
  }

  private invoke(lane: Lane, batch: Batch): void {
    const { kit, source } = this;
    lane.busy = true;
    const records = batch.records.map((r) => r.env);
    if (batch.retries > 0) kit.stats(this.edge.to).retried += records.length;
    if (kit.logging) kit.log('receive', source.node.id, {
      edge: this.edge.id, to: this.edge.to, message: records[0]!.id, origin: records[0]!.origin, count: records.length,
      detail: `batch of ${records.length} from shard ${lane.shard}${batch.retries ? ` (retry ${batch.retries})` : ''}`,
    });
    else kit.mark();
    kit.invoke(this.edge.to, {
      mode: 'batch', records, source: { kind: source.kind, node: source.node.id, edge: this.edge, reportFailures: this.reportFailures },
      event: () => (source.kind === 'kinesis'
        ? kinesisEvent(source.node.id, lane.shard, batch.records.map((r) => ({ env: r.env, seq: r.seq, arrival: kit.epoch + r.arrival })))
        : dynamodbEvent(records)),
      onResult: (r) => this.done(lane, batch, r),
    });
  }

  private done(lane: Lane, batch: Batch, r: InvokeResult): void {
    const { kit } = this;
    lane.busy = false;
    const id = this.source.node.id;
    if (r.status === 'ok' || r.status === 'loop-stopped') {
      const failed = this.reportFailures && r.failed?.length ? Math.min(...r.failed) : undefined;
      if (failed === undefined) {
        kit.stats(id).succeeded += batch.records.length;
      } else {
        // Checkpoint before the first reported failure; retry from there (counted).
        kit.stats(id).succeeded += failed;
        this.retry(lane, { records: batch.records.slice(failed), retries: batch.retries + 1 }, 'reported failures');
      }
    } else if (r.status === 'throttled') {
      // Throttles are retried as they are, after a second (not counted against maxRetries).
      lane.queued.unshift(batch);
      return this.later(lane, kit.now() + TIME.SECOND);
    } else if (this.bisect && batch.records.length > 1) {
      const half = Math.ceil(batch.records.length / 2);
      if (kit.logging) kit.log('retry', id, { to: this.edge.to, message: batch.records[0]!.env.id, count: batch.records.length, detail: `${r.status}: split into ${half} + ${batch.records.length - half}` });
      else kit.mark();
      lane.queued.unshift({ records: batch.records.slice(0, half), retries: batch.retries }, { records: batch.records.slice(half), retries: batch.retries });
    } else {
      this.retry(lane, { records: batch.records, retries: batch.retries + 1 }, r.status);
    }
    this.wake(lane);
  }

  private retry(lane: Lane, batch: Batch, why: string): void {
    const { kit } = this;
    const id = this.source.node.id;
    if (this.maxRetries >= 0 && batch.retries > this.maxRetries) {
      this.discard(batch, 'RetryAttemptsExhausted', `${why}: retried ${this.maxRetries} times`);
      return;
    }
    const records = this.fresh(batch.records, 'RecordAgeExceeded');
    if (records.length === 0) return;
    kit.stats(id).retried += records.length;
    if (kit.logging) kit.log('retry', id, { to: this.edge.to, message: records[0]!.env.id, origin: records[0]!.env.origin, count: records.length, detail: `${why}: retry ${batch.retries} holds shard ${lane.shard}` });
    else kit.mark();
    lane.queued.unshift({ records, retries: batch.retries });
  }

  /** Skips a batch: its batch info to the on-failure destination, else lost. */
  private discard(batch: Batch, condition: string, why: string): void {
    const { kit, source } = this;
    const id = source.node.id;
    const first = batch.records[0]!;
    const last = batch.records[batch.records.length - 1]!;
    const stats = kit.stats(id);
    const dest = this.onFailure;
    if (kit.logging) kit.log('discard', id, { to: this.edge.to, message: first.env.id, origin: first.env.origin, count: batch.records.length, detail: why });
    else kit.mark();
    if (!dest) {
      for (const r of batch.records) kit.lost(id, r.env, `${why}, no on-failure destination`, r.env.id);
      return;
    }
    const info = {
      shardId: `shardId-${String(first.shard).padStart(12, '0')}`, startSequenceNumber: String(first.seq), endSequenceNumber: String(last.seq),
      approximateArrivalOfFirstRecord: kit.iso(first.arrival), approximateArrivalOfLastRecord: kit.iso(last.arrival), batchSize: batch.records.length,
      streamArn: source.kind === 'kinesis' ? `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${id}` : `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${id}/stream/simulated`,
    };
    const record = {
      requestContext: { requestId: `sim-${first.env.id}`, functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${this.edge.to}`, condition, approximateInvokeCount: batch.retries + 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' }, version: '1.0', timestamp: kit.iso(kit.now()),
      [source.kind === 'kinesis' ? 'KinesisBatchInfo' : 'DDBStreamBatchInfo']: info,
    };
    const target = kit.graph.nodes.get(dest.to);
    const send: Send = target?.kind === 'topic' ? { action: 'publish', message: record } : { action: 'sendMessage', message: record };
    const ctx: SendContext = { from: id, origin: first.env.origin, born: first.env.born, edge: dest, deadLetter: true };
    const r = kit.send(dest.to, send, ctx);
    if (r === true) {
      stats.deadLettered += batch.records.length;
      if (kit.logging) kit.log('destination', id, { edge: dest.id, to: dest.to, message: first.env.id, count: batch.records.length, detail: `${condition}: ${why}` });
      else kit.mark();
    } else for (const rec of batch.records) kit.lost(id, rec.env, `${why}; the on-failure destination refused it (${r})`, rec.env.id);
  }
}
