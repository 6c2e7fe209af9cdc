/**
 * The simulation: a discrete-event simulation of an architecture's graph on a virtual clock. Each node
 * gets a runtime from its kind's `simulate` facet (kinds/<kind>.ts → simulate/kinds/<kind>.ts); the
 * engine owns the clock and agenda, randomness (seeded: the same seed gives the same run), account
 * concurrency, outages, the timeline and the counters, and implements the `SimKit` the facets use.
 *
 * Pure: no timers and no I/O. `runSync` runs with behaviours that answer at once (the declared
 * behaviour); `run` also awaits behaviours that answer with a promise (real handlers in a worker),
 * at the same virtual time, in the order the invocations started, so a run stays deterministic.
 */
import { DEFAULT_LIMITS, type Limits } from '../facts/limits';
import { kindModule } from '../kinds/index';
import type { Graph } from '../model/graph';
import { DeclaredBehaviour } from './behaviour';
import { sink } from './kinds/external';
import { random, type Random } from './random';
import type {
  Accepted, Behaviour, Envelope, EnvelopeExtra, InvokeRequest, NodeSim, NodeStats, Origin, Send, SendContext, SimEvent, SimEventType, SimKit, Time,
} from './types';

/** A node out of service from `from` to `until` (virtual ms): sends to it fail, invocations of it fail. */
export interface Outage {
  readonly node: string;
  readonly from: Time;
  readonly until: Time;
}

/** How a simulation runs. */
export interface SimulationOptions {
  /** Seed of every random choice (default 1). */
  readonly seed?: number | string;
  /** Epoch ms of virtual time 0 (default 2025-01-15T00:00:00Z). */
  readonly epoch?: number;
  readonly limits?: Partial<Limits>;
  /** Lambda concurrency of the account (default `limits.accountConcurrency`, L20). */
  readonly accountConcurrency?: number;
  /** What invocations do (default: the declared behaviour of the architecture). */
  readonly behaviour?: Behaviour;
  readonly outages?: readonly Outage[];
  /** Timeline events kept in memory (default 10,000; `Infinity`: all; 0: none). */
  readonly timeline?: number;
  /** Every timeline event as it happens (for a diagram to animate), kept or not. */
  readonly onEvent?: (e: SimEvent) => void;
  /** Nodes whose first arrival of each origin is recorded (`delivered` expectations), and functions whose order is checked. */
  readonly watch?: { readonly reach?: readonly string[]; readonly order?: readonly string[] };
  /** The planned end, for the depth-over-time buckets (default 1 h). */
  readonly horizon?: Time;
  /** Steps waiting on the agenda beyond which the run stops (default `MAX_PENDING`): messages multiplying without end. */
  readonly maxPending?: number;
  /** Steps run beyond which the run stops (default `MAX_STEPS`). */
  readonly maxSteps?: number;
}

/** Steps waiting beyond which a run stops (see `SimulationOptions.maxPending`): about 1 GB of the process at most. */
export const MAX_PENDING = 500_000;
/** Steps run beyond which a run stops: about a minute of work; the examples' largest scenario takes 2 million. */
export const MAX_STEPS = 30_000_000;

/** The default start of virtual time. */
export const DEFAULT_EPOCH = Date.parse('2025-01-15T00:00:00Z');

/** Buckets of the depth over time. */
const DEPTH_BUCKETS = 60;

/** The counters of a node and what the summary derives from. */
interface Tracked extends NodeStats {
  latency: number[];
  depthNow: number;
  depthMax: number;
  depthSeries: number[];
  lostWhy: Map<string, number>;
}

/** One node's line of the summary. */
export interface NodeSummary extends NodeStats {
  readonly id: string;
  readonly kind: string;
  /** Queues and streams: messages stored at the end, the most at any time, and the most per 1/60 of the run. */
  readonly depth?: { readonly end: number; readonly max: number; readonly series: readonly number[] };
  /** Time from each origin's arrival to this node (functions: to a successful run), ms. */
  readonly latency?: { readonly count: number; readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  /** Why messages were lost here, with counts. */
  readonly lostWhy?: Readonly<Record<string, number>>;
}

/** One arrival or schedule firing. */
export interface OriginInfo {
  readonly t: Time;
  readonly node: string;
  readonly label: string;
}

const newStats = (): Tracked => ({
  received: 0, invocations: 0, succeeded: 0, failed: 0, retried: 0, throttled: 0, deadLettered: 0, deadLetters: 0, lost: 0, filtered: 0, timeouts: 0,
  responses: {}, latency: [], depthNow: 0, depthMax: 0, depthSeries: [], lostWhy: new Map(),
});

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A simulation of one graph. */
export class Simulation implements SimKit {
  readonly graph: Graph;
  readonly epoch: number;
  readonly rng: Random;
  readonly limits: Limits;
  readonly accountConcurrency: number;
  readonly behaviour: Behaviour;
  readonly pool: { inUse: number; limit: number };
  /** Messages, events and records delivered to a node (each hop counts once). */
  deliveries = 0;
  private time = 0;
  private readonly agenda: { t: number; seq: number; run: () => void }[] = [];
  private agendaSeq = 0;
  private readonly sims = new Map<string, NodeSim>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly origins: OriginInfo[] = [];
  private readonly events: SimEvent[] = [];
  private eventCount = 0;
  private lastEvent = 0;
  private readonly keep: number;
  private readonly onEvent: ((e: SimEvent) => void) | undefined;
  /** Whether timeline events are kept or streamed (callers skip building them when not: `mark`). */
  readonly logging: boolean;
  private nextId = 1;
  private readonly waits: { p: Promise<unknown>; then: (v: unknown) => void }[] = [];
  private readonly outages: Map<string, Outage[]>;
  private readonly reach = new Map<string, Map<number, number>>();
  private readonly order = new Map<string, { last: Map<string, number>; violations: { t: number; group: string; detail: string }[] }>();
  private readonly bucket: number;
  private started = false;
  private readonly maxPending: number;
  private readonly maxSteps: number;
  private steps = 0;
  private stoppedWhy: string | undefined;

  constructor(graph: Graph, options: SimulationOptions = {}) {
    this.graph = graph;
    this.epoch = options.epoch ?? DEFAULT_EPOCH;
    this.rng = random(options.seed ?? 1);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.accountConcurrency = options.accountConcurrency ?? this.limits.accountConcurrency;
    this.behaviour = options.behaviour ?? new DeclaredBehaviour(graph, new Map(), options.seed ?? 1);
    this.keep = options.timeline ?? 10_000;
    this.onEvent = options.onEvent;
    this.logging = this.keep > 0 || this.onEvent !== undefined;
    this.bucket = Math.max(1, (options.horizon ?? 3_600_000) / DEPTH_BUCKETS);
    this.maxPending = options.maxPending ?? MAX_PENDING;
    this.maxSteps = options.maxSteps ?? MAX_STEPS;
    const outages = new Map<string, Outage[]>();
    for (const o of options.outages ?? []) outages.set(o.node, [...(outages.get(o.node) ?? []), o]);
    this.outages = outages;
    for (const n of options.watch?.reach ?? []) this.reach.set(n, new Map());
    for (const n of options.watch?.order ?? []) this.order.set(n, { last: new Map(), violations: [] });
    let reserved = 0;
    for (const node of graph.nodes.values()) if (node.kind === 'function' && node.settings.reservedConcurrency !== undefined) reserved += Math.max(0, node.settings.reservedConcurrency);
    this.pool = { inUse: 0, limit: Math.max(0, this.accountConcurrency - reserved) };
    for (const node of graph.nodes.values()) {
      const facet = (kindModule(node.kind) as { simulate?: { create(n: typeof node, kit: SimKit): NodeSim } }).simulate;
      this.sims.set(node.id, facet ? facet.create(node, this) : sink(node, this));
    }
  }

  // ---- The clock -------------------------------------------------------------------------------

  now(): Time {
    return this.time;
  }

  iso(t: Time): string {
    return new Date(this.epoch + t).toISOString();
  }

  at(t: Time, run: () => void): void {
    const e = { t: Math.max(t, this.time), seq: this.agendaSeq++, run };
    const h = this.agenda;
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = h[p]!;
      if (q.t < e.t || (q.t === e.t && q.seq < e.seq)) break;
      h[i] = q;
      i = p;
    }
    h[i] = e;
  }

  private pop(): { t: number; run: () => void } {
    const h = this.agenda;
    const top = h[0]!;
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        let c = l;
        const cl = h[l]!;
        if (l + 1 < n) {
          const cr = h[l + 1]!;
          if (cr.t < cl.t || (cr.t === cl.t && cr.seq < cl.seq)) c = l + 1;
        }
        const child = h[c]!;
        if (last.t < child.t || (last.t === child.t && last.seq < child.seq)) break;
        h[i] = child;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  /** Time of the next step (Infinity when nothing is waiting). */
  next(): Time {
    return this.agenda.length ? this.agenda[0]!.t : Infinity;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    for (const sim of this.sims.values()) sim.start?.();
  }

  /**
   * Runs every step up to `until` with behaviours that answer at once. Throws when a behaviour answers
   * with a promise: use `run`.
   */
  runSync(until: Time = Infinity): void {
    this.start();
    while (this.agenda.length && this.agenda[0]!.t <= until) {
      if (this.overflowing()) break;
      const e = this.pop();
      this.time = e.t;
      e.run();
      if (this.waits.length) throw new Error('A behaviour answered with a promise: run the simulation with run(), not runSync().');
    }
    if (Number.isFinite(until) && this.agenda.length) this.time = until;
  }

  /** Runs every step up to `until`, awaiting behaviours that answer with a promise (at the same virtual time). */
  async run(until: Time = Infinity): Promise<void> {
    this.start();
    while (this.agenda.length && this.agenda[0]!.t <= until) {
      if (this.overflowing()) break;
      const e = this.pop();
      this.time = e.t;
      e.run();
      while (this.waits.length) {
        const w = this.waits.shift()!;
        w.then(await w.p);
      }
    }
    if (Number.isFinite(until) && this.agenda.length) this.time = until;
  }

  /** True (and the run stops) when more steps wait, or have run, than a run allows: messages multiply without end. */
  private overflowing(): boolean {
    if (this.agenda.length <= this.maxPending && ++this.steps <= this.maxSteps) return false;
    const what = this.agenda.length > this.maxPending
      ? `more than ${this.maxPending.toLocaleString('en-US')} steps were waiting`
      : `${this.maxSteps.toLocaleString('en-US')} steps had run`;
    this.stoppedWhy = `stopped at ${this.iso(this.time)} (${Math.round(this.time / 1000).toLocaleString('en-US')} s in): ${what}, messages multiply faster than they are handled (a loop Lambda does not stop, through EventBridge, Kinesis or DynamoDB?)`;
    return true;
  }

  /** Why the run stopped before its end, when it did. */
  get stopped(): string | undefined {
    return this.stoppedWhy;
  }

  wait<T>(p: Promise<T>, then: (value: T) => void): void {
    this.waits.push({ p, then: then as (v: unknown) => void });
  }

  // ---- Inputs ----------------------------------------------------------------------------------

  /**
   * Schedules an input at virtual time `t`: a new origin whose send goes to `node` (`make` builds it
   * from the origin's number). Returns nothing: the origin is numbered when it arrives.
   */
  arrive(t: Time, node: string, label: string, make: (n: number, origin: Origin) => Send): void {
    this.at(t, () => this.input(node, label, make));
  }

  /** An input now (during a run): a new origin whose send goes to `node`. */
  input(node: string, label: string, make: (n: number, origin: Origin) => Send): void {
    const o = this.origin(node, label);
    const send = make(o.origin, o);
    if (this.logging) this.log('arrive', node, { origin: o.origin, detail: label });
    else this.mark();
    const r = this.send(node, send, { from: '', origin: o.origin, born: o.born });
    if (r !== true) {
      this.log('reject', node, { origin: o.origin, detail: r });
      this.stat(node).failed++;
    }
  }

  origin(node: string, label: string): Origin {
    const origin = this.origins.length;
    this.origins.push({ t: this.time, node, label });
    return { origin, born: this.time };
  }

  // ---- The kit ---------------------------------------------------------------------------------

  available(node: string): boolean {
    const list = this.outages.get(node);
    if (!list) return true;
    const t = this.time;
    return !list.some((o) => t >= o.from && t < o.until);
  }

  send(to: string, send: Send, ctx: SendContext): Accepted {
    const sim = this.sims.get(to);
    if (!sim) return `no node '${to}'`;
    this.deliveries++;
    return sim.accept(send, ctx);
  }

  invoke(fn: string, req: InvokeRequest): Accepted {
    const sim = this.sims.get(fn);
    if (!sim?.invoke) return `'${fn}' is not a function`;
    this.deliveries++;
    return sim.invoke(req);
  }

  envelope(body: unknown, o: Origin, extra?: EnvelopeExtra): Envelope {
    const e: Envelope = { id: this.nextId++, origin: o.origin, born: o.born, body, ...(o.lineage ? { lineage: o.lineage } : {}), ...extra };
    return e;
  }

  mark(): void {
    this.lastEvent = this.time;
    this.eventCount++;
  }

  log(type: SimEventType, node: string, e?: Omit<SimEvent, 't' | 'type' | 'node'>): void {
    this.lastEvent = this.time;
    this.eventCount++;
    if (!this.logging) return;
    const event: SimEvent = { t: this.time, type, node, ...e };
    if (this.events.length < this.keep) this.events.push(event);
    this.onEvent?.(event);
  }

  private stat(node: string): Tracked {
    let s = this.tracked.get(node);
    if (!s) this.tracked.set(node, (s = newStats()));
    return s;
  }

  stats(node: string): NodeStats {
    return this.stat(node);
  }

  reached(node: string, o: Origin): void {
    this.stat(node).latency.push(this.time - o.born);
    const r = this.reach.get(node);
    if (r && !r.has(o.origin)) r.set(o.origin, this.time);
  }

  lost(node: string, o: Origin | undefined, reason: string, message?: number): void {
    const s = this.stat(node);
    s.lost++;
    s.lostWhy.set(reason, (s.lostWhy.get(reason) ?? 0) + 1);
    this.log('drop', node, { ...(o ? { origin: o.origin } : {}), ...(message !== undefined ? { message } : {}), detail: reason });
  }

  ordered(fn: string, source: string, env: Envelope): void {
    const o = this.order.get(fn);
    if (!o) return;
    const fifo = env.seq !== undefined;
    const key = `${source}\u0000${env.group ?? ''}`;
    const value = fifo ? env.seq! : env.origin;
    const last = o.last.get(key);
    if (last !== undefined && value < last) {
      o.violations.push({
        t: this.time, group: env.group ?? source,
        detail: fifo ? `message ${value} of group '${env.group}' after message ${last}` : `arrival #${value} after arrival #${last}`,
      });
    }
    if (last === undefined || value > last) o.last.set(key, value);
  }

  depth(node: string, depth: number): void {
    const s = this.stat(node);
    // Buckets since the last report held the depth as it was until now.
    const before = s.depthNow;
    s.depthNow = depth;
    if (depth > s.depthMax) s.depthMax = depth;
    const b = Math.min(DEPTH_BUCKETS - 1, Math.floor(this.time / this.bucket));
    while (s.depthSeries.length <= b) s.depthSeries.push(before);
    if (depth > s.depthSeries[b]!) s.depthSeries[b] = depth;
  }

  // ---- Results ---------------------------------------------------------------------------------

  /** The timeline kept (see `timeline`), and how many events happened in all. */
  timeline(): { readonly events: readonly SimEvent[]; readonly total: number } {
    return { events: this.events, total: this.eventCount };
  }

  /** The virtual time of the last thing that happened (a timeline event, kept or not). */
  lastActivity(): Time {
    return this.lastEvent;
  }

  /** Every arrival and schedule firing, by origin number. */
  arrivals(): readonly OriginInfo[] {
    return this.origins;
  }

  /** When each origin first reached a watched node (origin → virtual time). */
  reachOf(node: string): ReadonlyMap<number, number> | undefined {
    return this.reach.get(node);
  }

  /** Order violations seen at a watched function. */
  orderOf(fn: string): readonly { t: number; group: string; detail: string }[] | undefined {
    return this.order.get(fn)?.violations;
  }

  /** One line per node that saw anything, in the graph's order. */
  summary(): NodeSummary[] {
    const out: NodeSummary[] = [];
    for (const node of this.graph.nodes.values()) {
      const s = this.tracked.get(node.id);
      if (!s) continue;
      const sim = this.sims.get(node.id);
      const { latency, depthNow, depthMax, depthSeries, lostWhy, ...counts } = s;
      const sorted = latency.length ? Float64Array.from(latency).sort() : undefined;
      const end = sim?.depth ? sim.depth() : depthNow;
      const series = depthSeries.length ? [...depthSeries] : [];
      while (series.length && series.length < DEPTH_BUCKETS && this.time >= series.length * this.bucket) series.push(depthNow);
      out.push({
        id: node.id, kind: node.kind, ...counts, responses: { ...counts.responses },
        ...(sim?.depth || depthMax > 0 ? { depth: { end, max: Math.max(depthMax, end), series } } : {}),
        ...(sorted ? {
          latency: {
            count: sorted.length, p50: percentile(sorted as unknown as number[], 50), p90: percentile(sorted as unknown as number[], 90),
            p99: percentile(sorted as unknown as number[], 99), max: sorted[sorted.length - 1]!,
          },
        } : {}),
        ...(lostWhy.size ? { lostWhy: Object.fromEntries(lostWhy) } : {}),
      });
    }
    return out;
  }
}
