/**
 * The simulator's contract: what flows through a simulation (envelopes and sends), what a kind's
 * simulation facet builds (a `NodeSim`) and what it may use (the `SimKit`), how an invocation's
 * outcome is decided (`Behaviour`, the seam where a runner of real handlers plugs in), and the
 * timeline a simulation writes (`SimEvent`, hop by hop, for the CLI and for a diagram to animate).
 *
 * A leaf module: types only. The engine (engine.ts) implements the kit; each kind's facet
 * (simulate/kinds/<kind>.ts, attached to its kind module as `simulate`) uses it.
 */
import type { Limits } from '../facts/limits';
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import type { Random } from './random';

/** Virtual milliseconds since the simulation's start. */
export type Time = number;

/** An SQS or SNS message attribute. */
export interface Attribute {
  readonly type: 'String' | 'Number' | 'String.Array';
  readonly value: string;
}

/** Message attributes by name. */
export type Attributes = Readonly<Record<string, Attribute>>;

/**
 * Recursive-loop tracking (R1, R2): how many times each function was invoked in the chain of
 * requests a message belongs to. It travels through SQS, SNS, S3 and Lambda (the services whose loops
 * Lambda detects) and is lost through every other service.
 */
export interface Lineage {
  readonly counts: Readonly<Record<string, number>>;
}

/** Where a message comes from: the scenario arrival (or schedule firing) that started its chain. */
export interface Origin {
  /** The arrival's number (0, 1, …). */
  readonly origin: number;
  /** When that arrival happened. */
  readonly born: Time;
  readonly lineage?: Lineage;
}

/**
 * One message, event, record or notification as the next hop sees it. `body` is what the handler
 * code reads from the record (an SQS message's parsed body, an EventBridge event, an SNS notification,
 * a Kinesis record's decoded data, a table change, an API request body); the AWS envelope around it is
 * built only when a handler runner asks (`HandlerCall.event`). Immutable by convention.
 */
export interface Envelope extends Origin {
  /** Unique in the run. */
  readonly id: number;
  readonly body: unknown;
  /** The catalog event it carries, when known. */
  readonly event?: string;
  readonly attributes?: Attributes;
  /** FIFO message group. */
  readonly group?: string;
  /** A Kinesis record's partition key, a table change's key. */
  readonly partitionKey?: string;
  /** Position in its FIFO group, set by the FIFO queue that ordered it (for order checks). */
  readonly seq?: number;
}

/**
 * What a sender asks of a node: the same actions as the generated runtime's helpers
 * (codegen/templates/runtime-ts.ts: sendMessage, publish, putEvent, putRecord, putObject, putItem)
 * plus what only services and the scenario do (an object removed, an API request, a direct invoke).
 * The runner of the real handlers (server/src/simulate-host/) routes the runtime's transport calls
 * here as sends (docs/simulate.md "Real handlers").
 */
export type Send =
  | {
    readonly action: 'sendMessage'; readonly message: unknown; readonly group?: string; readonly deduplicationId?: string;
    readonly delaySeconds?: number; readonly attributes?: Attributes;
    /** A redrive keeps the message's first enqueue time (Q15b: standard queues). */
    readonly enqueuedAt?: Time;
  }
  | { readonly action: 'publish'; readonly message: unknown; readonly group?: string; readonly deduplicationId?: string; readonly attributes?: Attributes }
  | {
    readonly action: 'putEvent'; readonly source: string; readonly detailType: string; readonly detail: unknown;
    /** An event forwarded whole (bus to bus). */
    readonly event?: Readonly<Record<string, unknown>>;
  }
  | { readonly action: 'putRecord'; readonly data: unknown; readonly partitionKey: string }
  | { readonly action: 'putObject'; readonly key: string; readonly size?: number }
  | { readonly action: 'deleteObject'; readonly key: string }
  | { readonly action: 'putItem'; readonly item: Readonly<Record<string, unknown>>; readonly change?: 'INSERT' | 'MODIFY' | 'REMOVE' }
  | { readonly action: 'invoke'; readonly payload: unknown; readonly async: boolean }
  | { readonly action: 'request'; readonly route: string; readonly body: unknown; readonly respond?: (status: number, body?: unknown) => void };

/** What accompanies a send besides its payload. */
export interface SendContext extends Origin {
  /** The sending node, or `''` for the scenario. */
  readonly from: string;
  /** The edge it travels, when there is one (the diagram animates it). */
  readonly edge?: GraphEdge;
  /** The catalog event it carries, when known. */
  readonly event?: string;
  /** A dead letter or a failure record (counted as such by the node that receives it). */
  readonly deadLetter?: boolean;
}

/** A send's answer: `true`, or why the node refused it (it is unavailable, a FIFO send without a group, …). */
export type Accepted = true | string;

/** Where an invocation comes from, as the handler's code would see it. */
export interface InvokeSource {
  readonly kind: 'sqs' | 'sns' | 'eventbridge' | 's3' | 'schedule' | 'kinesis' | 'dynamodb' | 'api' | 'direct' | 'destination';
  /** The node that invokes (or whose records these are). */
  readonly node: string;
  readonly edge?: GraphEdge;
  /** The records come from a FIFO queue: a failure in a group stops that group's later records. */
  readonly fifo?: boolean;
  /** The mapping reports partial batch failures (`ReportBatchItemFailures`). */
  readonly reportFailures?: boolean;
  /** For API routes: the route key. */
  readonly route?: string;
}

/** How a function is invoked: synchronously (an API route, a direct call), asynchronously, or with a batch by an event source mapping. */
export type InvokeMode = 'sync' | 'async' | 'batch';

/** The result of a synchronous or batch invocation, as its caller sees it. */
export interface InvokeResult {
  readonly status: 'ok' | 'error' | 'timeout' | 'throttled' | 'unavailable' | 'loop-stopped';
  /** Indexes of the records reported failed (partial batch response) or stopped as a recursive loop. */
  readonly failed?: readonly number[];
  readonly stopped?: readonly number[];
  readonly error?: string;
  /** What a synchronous invocation returned. */
  readonly response?: unknown;
}

/** A request to invoke a function. */
export interface InvokeRequest {
  readonly mode: InvokeMode;
  readonly records: readonly Envelope[];
  readonly source: InvokeSource;
  /** The AWS event the handler receives, built on demand. */
  readonly event: () => unknown;
  /** The caller's answer (synchronous and batch invocations), at the time the invocation ends. */
  readonly onResult?: (r: InvokeResult) => void;
  /** A dead letter or failure record (an on-failure destination that is a function). */
  readonly deadLetter?: boolean;
}

/** One invocation, as a behaviour decides it. */
export interface HandlerCall {
  readonly function: string;
  /** The function's node. */
  readonly node: GraphNode<'function'>;
  /** Virtual start time. */
  readonly time: Time;
  readonly mode: InvokeMode;
  /** 1 for the first attempt of an async event, 2 and 3 for Lambda's retries. */
  readonly attempt: number;
  readonly records: readonly Envelope[];
  readonly source: InvokeSource;
  /** The AWS event as the handler receives it. */
  event(): unknown;
}

/** What a handler sends during one invocation: a transport call, addressed to a node. */
export interface HandlerSend {
  /** The target node's name. */
  readonly to: string;
  readonly send: Send;
  /** The record it was sent for (its origin and lineage); default the first. */
  readonly record?: number;
  /** The catalog event it carries. */
  readonly event?: string;
}

/** What one invocation did. */
export interface HandlerOutcome {
  /** How long it ran, ms (capped by the function's timeout: longer is a timeout). */
  readonly duration: number;
  /** It threw (or its runtime failed). */
  readonly error?: string;
  /** Records it reported failed (`batchItemFailures`), by index. */
  readonly failed?: readonly number[];
  /** What a synchronous invocation returned (API routes: `{ statusCode, body }`). */
  readonly response?: unknown;
  /** What it sent, in order. */
  readonly sends: readonly HandlerSend[];
}

/**
 * Decides what each invocation does. The declared behaviour (behaviour.ts) reads the architecture and
 * the scenario; a runner of the real generated handlers implements the same interface (returning a
 * promise: run the simulation with `Simulation.run`, which awaits it at the same virtual time).
 */
export interface Behaviour {
  run(call: HandlerCall): HandlerOutcome | Promise<HandlerOutcome>;
}

/** What happened, hop by hop. `edge` is the graph edge's id, so a diagram can light the path. */
export interface SimEvent {
  /** Virtual ms since the start. */
  readonly t: Time;
  readonly type: SimEventType;
  /** The node where it happened. */
  readonly node: string;
  /** The edge travelled (`deliver`, `dead-letter`, `destination`). */
  readonly edge?: string;
  /** The other end: the target of a delivery, the sender of an arrival. */
  readonly to?: string;
  /** The message, event or record id (the first of a batch). */
  readonly message?: number;
  readonly origin?: number;
  /** Records in a batch. */
  readonly count?: number;
  /** Words for the timeline: `POST /orders`, `error: card declined`, `after 5 receives`. */
  readonly detail?: string;
}

/**
 * - `arrive`: the scenario's input; `fire`: a schedule fires;
 * - `deliver`: a node hands a message to the next (along `edge`); `accept`: a router stores it;
 * - `filter`: a filter (subscription policy, rule pattern miss, mapping filter) drops it, as designed;
 * - `invoke` / `succeed` / `fail` / `timeout` / `throttle`: a function's invocation;
 * - `receive`: a queue hands a batch to its poller; `visible`: messages become visible again;
 * - `retry`: a delivery or invocation will be tried again; `dead-letter`: moved to a dead-letter queue;
 * - `destination`: a failure record sent to an on-failure destination; `discard`: a stream batch skipped;
 * - `drop`: lost (AWS discards it); `expire`: retention ran out (lost); `dedup`: a duplicate, dropped by design;
 * - `loop-stop`: Lambda stopped a recursive loop; `respond`: an API answered; `reject`: a send refused.
 */
export type SimEventType =
  | 'arrive' | 'fire' | 'deliver' | 'accept' | 'filter' | 'invoke' | 'succeed' | 'fail' | 'timeout' | 'throttle'
  | 'receive' | 'visible' | 'retry' | 'dead-letter' | 'destination' | 'discard' | 'drop' | 'expire' | 'dedup'
  | 'loop-stop' | 'respond' | 'reject';

/** Counters of one node (see `NodeSummary` for their meaning). */
export interface NodeStats {
  /** Messages, events or records it accepted (routers), records it was invoked with (functions), requests (APIs), objects (buckets). */
  received: number;
  invocations: number;
  /** Records handled successfully (functions), messages deleted after processing (queues), deliveries made (routers). */
  succeeded: number;
  /** Failed invocations or records, failed deliveries. */
  failed: number;
  retried: number;
  throttled: number;
  /** Messages it moved to a dead-letter queue or on-failure destination. */
  deadLettered: number;
  /** Dead letters and failure records it received. */
  deadLetters: number;
  /** Messages AWS discarded here (lost). */
  lost: number;
  filtered: number;
  timeouts: number;
  /** API answers by status class. */
  responses: Record<string, number>;
}

/** Services a facet's runtime uses: the clock, randomness, other nodes, the timeline and the counters. */
export interface SimKit {
  readonly graph: Graph;
  /** The current virtual time. */
  now(): Time;
  /** Epoch ms of time 0 (schedules, event timestamps). */
  readonly epoch: number;
  readonly rng: Random;
  readonly limits: Limits;
  /** Account concurrency of the simulation. */
  readonly accountConcurrency: number;
  /** Runs `run` at virtual time `t` (not before now). */
  at(t: Time, run: () => void): void;
  /** Sends to another node; its answer says whether the node took it. */
  send(to: string, send: Send, ctx: SendContext): Accepted;
  /**
   * Invokes a function. An asynchronous invocation answers whether Lambda took the event (it then
   * retries on its own); a synchronous or batch one answers through `req.onResult`.
   */
  invoke(fn: string, req: InvokeRequest): Accepted;
  /** A new origin: a schedule firing (or another input that starts a chain of its own). */
  origin(node: string, label: string): Origin;
  /** A new envelope (a fresh id). */
  envelope(body: unknown, o: Origin, extra?: EnvelopeExtra): Envelope;
  /** Whether timeline events are kept or streamed: when not, a caller skips building one and calls `mark`. */
  readonly logging: boolean;
  /** Writes a timeline event. */
  log(type: SimEventType, node: string, e?: Omit<SimEvent, 't' | 'type' | 'node'>): void;
  /** Counts an event that is not written (the timeline is off). */
  mark(): void;
  /** The counters of a node. */
  stats(node: string): NodeStats;
  /** Records that `node` received `env` now (counts, latency, the expectations that watch it). */
  reached(node: string, env: Origin, success?: boolean): void;
  /** A message lost at `node` (AWS discards it). */
  lost(node: string, o: Origin | undefined, reason: string, message?: number): void;
  /** False while the scenario has `node` out of service. */
  available(node: string): boolean;
  /** Decides invocations (functions only). */
  readonly behaviour: Behaviour;
  /** Concurrency of the account shared by functions without reserved concurrency. */
  readonly pool: { inUse: number; limit: number };
  /** Ends an invocation whose outcome a behaviour returned as a promise (the engine awaits it). */
  wait<T>(p: Promise<T>, then: (value: T) => void): void;
  /** ISO time of a virtual time. */
  iso(t: Time): string;
  /** A record `fn` processed successfully, from `source` (order checks). */
  ordered(fn: string, source: string, env: Envelope): void;
  /** Reports the queue depth of `node` (for its depth over time). */
  depth(node: string, depth: number): void;
}

/** Extra fields of a new envelope. */
export type EnvelopeExtra = Partial<Pick<Envelope, 'event' | 'attributes' | 'group' | 'partitionKey' | 'seq'>>;

/** A node's runtime in one simulation, built by its kind's facet. */
export interface NodeSim {
  /** A send addressed to this node. */
  accept(send: Send, ctx: SendContext): Accepted;
  /** Functions: an invocation (see `SimKit.invoke`). */
  invoke?(req: InvokeRequest): Accepted;
  /** Starts what runs on its own (schedules). Called once, at time 0, in node order. */
  start?(): void;
  /** Messages stored now (queues, streams): for the summary. */
  depth?(): number;
}

/** A kind's simulated behaviour (the `simulate` facet of its module). */
export interface SimulateFacet<N = GraphNode> {
  create(node: N, kit: SimKit): NodeSim;
}
