/**
 * A Lambda function in the simulation:
 *
 * - concurrency: a function with reserved concurrency runs at most that many invocations at once
 *   (0 throttles every one); the others share the account's concurrency minus what is reserved
 *   (L19, L20); an invocation that finds no room is throttled (429);
 * - synchronous and batch invocations answer their caller when they end: ok, an error, a timeout (the
 *   function's `timeout`, L3), or throttled at once;
 * - asynchronous invocations (S3, SNS, EventBridge, Scheduler, direct `Event` invokes) go through
 *   Lambda's own queue: a function error is retried twice by default, 1 and 2 minutes later (A1,
 *   `async.retries`); throttles and system errors are retried with a delay growing from 1 s to 5 min
 *   for up to the maximum event age (6 h by default, `async.maxAge`; invocation-async-error-handling.html);
 *   an event that runs out goes to the on-failure destination (`async.onFailure`) as an invocation
 *   record, else it is lost;
 * - recursive loops: a message whose chain of requests (through SQS, SNS, S3 and Lambda) already
 *   invoked this function 16 times is not run: its SQS message goes to the queue's dead-letter queue,
 *   an async event to the on-failure destination (R1, R2);
 * - what an invocation does (how long, which records fail, what it sends) comes from the behaviour
 *   (declared, or a real handler); its sends are made when it ends, and a send that fails fails it.
 */
import type { GraphEdge, GraphNode } from '../../model/graph';
import { invocationRecord } from '../events';
import { SIM_FACTS } from '../facts';
import type {
  Accepted, Envelope, HandlerCall, HandlerOutcome, InvokeRequest, InvokeResult, Lineage, NodeSim, Send, SendContext, SimKit, SimulateFacet,
} from '../types';

/** An event in Lambda's asynchronous queue. */
interface AsyncEvent {
  readonly req: InvokeRequest;
  readonly env: Envelope;
  readonly queuedAt: number;
  /** Function errors so far. */
  errors: number;
  /** Throttles and system errors so far. */
  throttles: number;
  lastError?: string;
}

const isPromise = <T>(v: T | Promise<T>): v is Promise<T> => typeof (v as { then?: unknown })?.then === 'function';

/** The lineage of what an invocation sends: the records' chain plus this invocation. */
function nextLineage(fn: string, records: readonly Envelope[]): Lineage {
  let base: Readonly<Record<string, number>> | undefined;
  for (const r of records) {
    if (!r.lineage) continue;
    if (!base) base = r.lineage.counts;
    else {
      const merged: Record<string, number> = { ...base };
      for (const [k, v] of Object.entries(r.lineage.counts)) merged[k] = Math.max(merged[k] ?? 0, v);
      base = merged;
    }
  }
  return { counts: { ...base, [fn]: (base?.[fn] ?? 0) + 1 } };
}

/** The function's runtime. */
export class FunctionSim implements NodeSim {
  private running = 0;
  private readonly reserved: number | undefined;
  private readonly timeout: number;
  private readonly retries: number;
  private readonly maxAge: number;
  private readonly onFailure: GraphEdge | undefined;
  private readonly edges = new Map<string, GraphEdge | undefined>();

  constructor(readonly node: GraphNode<'function'>, private readonly kit: SimKit) {
    const s = node.settings;
    this.reserved = s.reservedConcurrency;
    this.timeout = Math.max(1, s.timeout.value * 1000);
    this.retries = s.async?.retries ?? SIM_FACTS.asyncRetries;
    this.maxAge = s.async?.maxAge !== undefined ? s.async.maxAge * 1000 : SIM_FACTS.asyncMaxAge;
    this.onFailure = (kit.graph.outgoing.get(node.id) ?? []).find((e) => e.mechanism === 'failure-destination');
  }

  /** A direct invoke from the scenario or a function (`invoke` send). */
  accept(send: Send, ctx: SendContext): Accepted {
    if (send.action !== 'invoke') return `a function is invoked, it does not take ${send.action}`;
    const env = this.kit.envelope(send.payload, ctx, ctx.event !== undefined ? { event: ctx.event } : {});
    const source = { kind: ctx.deadLetter ? 'destination' : 'direct', node: ctx.from || this.node.id, ...(ctx.edge ? { edge: ctx.edge } : {}) } as const;
    return this.invoke({ mode: send.async ? 'async' : 'sync', records: [env], source, event: () => send.payload, ...(ctx.deadLetter ? { deadLetter: true } : {}) });
  }

  invoke(req: InvokeRequest): Accepted {
    const { kit } = this;
    const id = this.node.id;
    if (req.mode === 'async') {
      // Lambda's async API takes the event into its own queue.
      if (!kit.available(id)) return 'ServiceException: the function is unavailable';
      const stats = kit.stats(id);
      if (req.deadLetter) stats.deadLetters++;
      this.tryAsync({ req, env: req.records[0]!, queuedAt: kit.now(), errors: 0, throttles: 0 });
      return true;
    }
    const done = req.onResult ?? ((): void => {});
    if (!kit.available(id)) {
      kit.stats(id).failed += req.records.length;
      if (kit.logging) kit.log('fail', id, { detail: 'unavailable (outage)', count: req.records.length, ...(req.records[0] ? { message: req.records[0].id, origin: req.records[0].origin } : {}) });
      else kit.mark();
      done({ status: 'unavailable', error: 'ServiceException' });
      return true;
    }
    // Recursive loops: records whose chain already ran this function 16 times are not run (R1).
    let records = req.records;
    let stopped: number[] | undefined;
    let kept: number[] | undefined;
    for (let i = 0; i < req.records.length; i++) {
      if (this.loops(req.records[i]!)) (stopped ??= []).push(i);
    }
    if (stopped) {
      const s = new Set(stopped);
      kept = req.records.map((_, i) => i).filter((i) => !s.has(i));
      records = kept.map((i) => req.records[i]!);
      for (const i of stopped) {
        const r = req.records[i]!;
        if (kit.logging) kit.log('loop-stop', id, { message: r.id, origin: r.origin, detail: `invoked ${SIM_FACTS.recursiveLoopInvocations} times by this chain of requests` });
        else kit.mark();
      }
      if (records.length === 0) {
        done({ status: 'loop-stopped', stopped });
        return true;
      }
    }
    if (!this.canStart()) {
      const stats = kit.stats(id);
      stats.throttled++;
      if (kit.logging) kit.log('throttle', id, { message: records[0]!.id, origin: records[0]!.origin, count: records.length, detail: this.throttleWhy() });
      else kit.mark();
      done({ status: 'throttled', ...(stopped ? { stopped } : {}) });
      return true;
    }
    this.execute(req, records, 1, (r) => {
      if (!kept) return done(r);
      const back = (list: readonly number[] | undefined): number[] | undefined => list?.map((i) => kept![i]!);
      const failed = back(r.failed);
      done({ ...r, ...(failed ? { failed } : {}), stopped: stopped! });
    });
    return true;
  }

  /** The edge a send travels: the `emits` edge to that node (of that event), else any edge to it; looked up once. */
  private edgeOf(to: string, event: string | undefined): GraphEdge | undefined {
    const key = event === undefined ? to : `${to}\u0000${event}`;
    if (this.edges.has(key)) return this.edges.get(key);
    const outgoing = this.kit.graph.outgoing.get(this.node.id) ?? [];
    const edge = outgoing.find((e) => e.mechanism === 'emit' && e.to === to && (event === undefined || e.event === undefined || e.event === event))
      ?? outgoing.find((e) => e.to === to);
    this.edges.set(key, edge);
    return edge;
  }

  private loops(env: Envelope): boolean {
    return (env.lineage?.counts[this.node.id] ?? 0) >= SIM_FACTS.recursiveLoopInvocations;
  }

  private canStart(): boolean {
    if (this.reserved !== undefined) return this.running < this.reserved;
    return this.kit.pool.inUse < this.kit.pool.limit;
  }

  private throttleWhy(): string {
    if (this.reserved !== undefined) return `reserved concurrency ${this.reserved} in use`;
    return `account concurrency ${this.kit.pool.limit} (unreserved) in use`;
  }

  /** Runs an invocation: concurrency held until it ends; the behaviour says what it does. */
  private execute(req: InvokeRequest, records: readonly Envelope[], attempt: number, done: (r: InvokeResult) => void): void {
    const { kit } = this;
    const id = this.node.id;
    const start = kit.now();
    this.running++;
    if (this.reserved === undefined) kit.pool.inUse++;
    const stats = kit.stats(id);
    stats.invocations++;
    stats.received += records.length;
    const first = records[0]!;
    if (kit.logging) kit.log('invoke', id, {
      ...(req.source.edge ? { edge: req.source.edge.id } : {}), to: req.source.node, message: first.id, origin: first.origin,
      count: records.length, detail: `${req.mode}${attempt > 1 ? ` attempt ${attempt}` : ''} from ${req.source.node}${req.source.route ? ` ${req.source.route}` : ''}`,
    });
    else kit.mark();
    const call: HandlerCall = { function: id, node: this.node, time: start, mode: req.mode, attempt, records, source: req.source, event: req.event };
    const outcome = kit.behaviour.run(call);
    if (isPromise(outcome)) kit.wait(outcome, (o) => this.finish(req, records, start, o, done));
    else this.finish(req, records, start, outcome, done);
  }

  private finish(req: InvokeRequest, records: readonly Envelope[], start: number, o: HandlerOutcome, done: (r: InvokeResult) => void): void {
    const { kit } = this;
    // Lambda bills at least 1 ms; a run of 0 ms would let a failing batch retry forever at one instant.
    const duration = Math.max(1, Number.isFinite(o.duration) ? o.duration : Infinity);
    const timedOut = duration > this.timeout;
    kit.at(start + (timedOut ? this.timeout : duration), () => this.end(req, records, o, timedOut, done));
  }

  private end(req: InvokeRequest, records: readonly Envelope[], o: HandlerOutcome, timedOut: boolean, done: (r: InvokeResult) => void): void {
    const { kit } = this;
    const id = this.node.id;
    this.running--;
    if (this.reserved === undefined) kit.pool.inUse--;
    const stats = kit.stats(id);
    const first = records[0]!;
    const at = { message: first.id, origin: first.origin, count: records.length };
    if (timedOut) {
      stats.timeouts++;
      stats.failed += records.length;
      if (kit.logging) kit.log('timeout', id, { ...at, detail: `after ${this.timeout / 1000} s` });
      else kit.mark();
      return done({ status: 'timeout', error: `Task timed out after ${this.timeout / 1000} seconds` });
    }
    // Its sends, in order: a send that fails makes the invocation fail (the SDK call throws).
    let error = o.error;
    if (o.sends.length) {
      const lineage = nextLineage(id, records);
      for (const s of o.sends) {
        const rec = records[s.record ?? 0] ?? first;
        const edge = this.edgeOf(s.to, s.event);
        const ctx: SendContext = { from: id, origin: rec.origin, born: rec.born, lineage, edge, event: s.event };
        const r = kit.send(s.to, s.send, ctx);
        if (r !== true) {
          error ??= `sending to ${s.to} failed: ${r}`;
          break;
        }
      }
    }
    if (error !== undefined) {
      stats.failed += records.length;
      if (kit.logging) kit.log('fail', id, { ...at, detail: `error: ${error}` });
      else kit.mark();
      return done({ status: 'error', error });
    }
    const failed = req.mode === 'batch' && req.source.reportFailures ? o.failed : undefined;
    const bad = failed && failed.length ? new Set(failed) : undefined;
    for (let i = 0; i < records.length; i++) {
      if (bad?.has(i)) continue;
      const r = records[i]!;
      stats.succeeded++;
      kit.reached(id, r, true);
      kit.ordered(id, req.source.node, r);
    }
    if (bad) {
      stats.failed += bad.size;
      if (kit.logging) kit.log('fail', id, { ...at, detail: `${bad.size} of ${records.length} records reported failed` });
      else kit.mark();
    } else kit.log('succeed', id, at);
    done({ status: 'ok', ...(bad ? { failed: [...bad] } : {}), ...(o.response !== undefined ? { response: o.response } : {}) });
  }

  // ---- Asynchronous invocations ----------------------------------------------------------------

  private tryAsync(ev: AsyncEvent): void {
    const { kit } = this;
    const id = this.node.id;
    const now = kit.now();
    if (now - ev.queuedAt > this.maxAge) return this.giveUp(ev, 'EventAgeExceeded', `older than the maximum event age ${this.maxAge / 1000} s`);
    if (this.loops(ev.env)) {
      if (kit.logging) kit.log('loop-stop', id, { message: ev.env.id, origin: ev.env.origin, detail: `invoked ${SIM_FACTS.recursiveLoopInvocations} times by this chain of requests` });
      else kit.mark();
      return this.giveUp(ev, 'RecursiveInvocationDetected', 'recursive loop stopped');
    }
    if (!kit.available(id) || !this.canStart()) {
      // Throttles and system errors: back to Lambda's queue, 1 s doubling to 5 min.
      const stats = kit.stats(id);
      const why = kit.available(id) ? this.throttleWhy() : 'unavailable (outage)';
      if (kit.available(id)) stats.throttled++;
      const delay = Math.min(SIM_FACTS.asyncThrottleMaxDelay, SIM_FACTS.asyncThrottleFirstDelay * 2 ** ev.throttles);
      ev.throttles++;
      if (kit.logging) kit.log('throttle', id, { message: ev.env.id, origin: ev.env.origin, detail: `${why}; retried in ${delay / 1000} s` });
      else kit.mark();
      kit.at(now + delay, () => this.tryAsync(ev));
      return;
    }
    this.execute(ev.req, [ev.env], ev.errors + 1, (r) => {
      if (r.status === 'ok') return;
      ev.errors++;
      ev.lastError = r.error;
      if (ev.errors > this.retries) return this.giveUp(ev, 'RetriesExhausted', `failed ${ev.errors} times`);
      const delay = SIM_FACTS.asyncRetryDelays[Math.min(ev.errors - 1, SIM_FACTS.asyncRetryDelays.length - 1)]!;
      const stats = kit.stats(id);
      stats.retried++;
      if (kit.logging) kit.log('retry', id, { message: ev.env.id, origin: ev.env.origin, detail: `attempt ${ev.errors + 1} in ${delay / 1000} s` });
      else kit.mark();
      kit.at(kit.now() + delay, () => this.tryAsync(ev));
    });
  }

  /** An async event Lambda stops trying: to the on-failure destination, or lost. */
  private giveUp(ev: AsyncEvent, condition: string, why: string): void {
    const { kit } = this;
    const id = this.node.id;
    const dest = this.onFailure;
    if (!dest) {
      kit.lost(id, ev.env, `${why}, no on-failure destination`, ev.env.id);
      return;
    }
    const record = invocationRecord(id, ev.env, kit.iso(kit.now()), condition, ev.errors + (condition === 'RetriesExhausted' ? 0 : 1), ev.lastError);
    const ctx: SendContext = { from: id, origin: ev.env.origin, born: ev.env.born, edge: dest, deadLetter: true };
    const target = kit.graph.nodes.get(dest.to);
    const send: Send = target?.kind === 'topic'
      ? { action: 'publish', message: record }
      : target?.kind === 'event-bus'
        ? { action: 'putEvent', source: 'lambda', detailType: 'Lambda Function Invocation Result - Failure', detail: record }
        : target?.kind === 'function'
          ? { action: 'invoke', payload: record, async: true }
          : { action: 'sendMessage', message: record, ...(target?.kind === 'queue' && target.settings.fifo ? { group: id, deduplicationId: `failure-${ev.env.id}` } : {}) };
    const r = kit.send(dest.to, send, ctx);
    const stats = kit.stats(id);
    if (r === true) {
      stats.deadLettered++;
      if (kit.logging) kit.log('destination', id, { edge: dest.id, to: dest.to, message: ev.env.id, origin: ev.env.origin, detail: `${condition}: ${why}` });
      else kit.mark();
    } else kit.lost(id, ev.env, `${why}; the on-failure destination refused it (${r})`, ev.env.id);
  }
}

/** The `simulate` facet of the function kind. */
export const functionSimulation: SimulateFacet<GraphNode<'function'>> = {
  create: (node, kit) => new FunctionSim(node, kit),
};
