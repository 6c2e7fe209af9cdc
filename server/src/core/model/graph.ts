import type { FunctionSettings } from '../kinds/function';
import type { NodeKind, SettingsOf } from '../kinds/index';
import type { Lane, Section } from '../kinds/kind';
import type { Pointer } from '../span';

export type { FunctionSettings, Setting } from '../kinds/function';

/** What every node has, whatever its kind. */
interface NodeBase {
  readonly id: string;
  readonly lane: Lane;
  readonly section: Section;
  /** Pointer to the declaration (`['routers', 'billing']`); its key is the name. */
  readonly pointer: Pointer;
  /** The declaration as written (a plain object; `{}` when the value was not a map). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Its `description`, when written. */
  readonly description?: string;
}

/** A node of kind `K`: its typed settings, parsed once when the graph is built, by its kind's module. */
export type KindNode<K extends NodeKind> = NodeBase & {
  readonly kind: K;
  readonly settings: SettingsOf<K>;
} & (K extends 'function'
  ? {
    /** The effective settings (own values over `defaults` over AWS defaults); the same object as `settings`. */
    readonly fn: FunctionSettings;
  }
  : { readonly fn?: undefined });

/**
 * A declared thing: a producer, router or consumer. A union discriminated by `kind`: testing
 * `node.kind === 'queue'` narrows `settings` to the queue's. `GraphNode<'queue' | 'topic'>` is a node
 * of either kind.
 */
export type GraphNode<K extends NodeKind = NodeKind> = { [P in K]: KindNode<P> }[K];

/**
 * What an edge means:
 * - `trigger`: the source invokes or delivers to the target (route, notification, schedule, subscription, rule target, event source mapping);
 * - `emit`: a function sends to a router, writes to a store or invokes another function (everything in its `emits`);
 * - `dead-letter`: where failed messages go (queue redrive, rule / subscription / schedule DLQ);
 * - `on-failure`: a stream mapping's or async invocation's failure destination;
 * - `on-success`: an async invocation's success destination (`async.onSuccess`).
 */
export type EdgeKind = 'trigger' | 'emit' | 'dead-letter' | 'on-failure' | 'on-success';

/**
 * How the source reaches the target:
 * - `route`: an API route (HTTP API, REST API) invokes its function or service synchronously;
 * - `notification`: S3 notifies (a function asynchronously, a queue or topic);
 * - `schedule`: EventBridge Scheduler invokes its target;
 * - `queue-mapping`, `stream-mapping`: Lambda polls a queue, or a Kinesis / DynamoDB stream (event source mapping);
 * - `subscription`: SNS delivers to a subscriber; `rule`: an EventBridge rule delivers to a target;
 * - `emit`: a function sends to a router or writes to a store (AWS SDK);
 * - `invoke`: a function invokes another one (AWS SDK `Invoke`; `options.invocation`: `sync`, the default, or `async`);
 * - `redrive`: a queue moves messages received too often to its dead-letter queue (and rule / subscription / schedule DLQs);
 * - `failure-destination`: a record of a failed asynchronous invocation, or a stream mapping's discarded batch, is sent on;
 * - `success-destination`: a record of a successful asynchronous invocation is sent on;
 * - `delivery`: a Firehose stream writes its records into its bucket; `transform`: it hands each batch to its transform function;
 * - `task`: a state machine's Task state calls what its `substitutions` name;
 * - `pipe-source`: a pipe reads its source (the edge runs from the source to the pipe); `enrichment`: a
 *   pipe calls its enrichment; `pipe`: a pipe sends to its target;
 * - `external`: an edge into or out of an `external` node.
 */
export type Mechanism =
  | 'route' | 'notification' | 'schedule' | 'stream-mapping' | 'queue-mapping'
  | 'subscription' | 'rule' | 'emit' | 'invoke' | 'redrive' | 'failure-destination' | 'success-destination' | 'delivery' | 'transform' | 'external'
  | 'task' | 'pipe-source' | 'enrichment' | 'pipe' | 'websocket-route';

export interface GraphEdge {
  /** Stable for the same text: the pointer of the reference. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly mechanism: Mechanism;
  /** Pointer to the reference naming the target. */
  readonly pointer: Pointer;
  /** Pointer to the object holding the edge's options (the target object, or the reference itself). */
  readonly optionsAt: Pointer;
  /** Options written with the reference (batch size, filter, retry, …). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The catalog event carried, when known. */
  readonly event?: string;
  /** The event-bus rule that routes it. */
  readonly rule?: string;
  /** The API route (`POST /orders`). */
  readonly route?: string;
}

/** A catalog event. */
export interface EventDecl {
  readonly name: string;
  readonly pointer: Pointer;
  readonly source?: string;
  readonly detailType: string;
  readonly schema?: unknown;
  readonly maxBytes?: number;
}

/** One occurrence of a name in the file: a declaration or a reference. */
export interface NameOccurrence {
  readonly name: string;
  readonly pointer: Pointer;
  /** `key` for declarations (the map key), `value` for references. */
  readonly target: 'key' | 'value';
  readonly role: 'declaration' | 'reference';
  /** What it names: a node or a catalog event, or a bus rule. */
  readonly namespace: 'node' | 'event' | 'rule';
}

/** The architecture as a graph. Built from the plain value, never throws. */
export interface Graph {
  readonly name?: string;
  readonly region?: string;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: readonly GraphEdge[];
  readonly events: ReadonlyMap<string, EventDecl>;
  readonly occurrences: readonly NameOccurrence[];
  /** Edges by source and by target, for rules that walk the graph. */
  readonly outgoing: ReadonlyMap<string, readonly GraphEdge[]>;
  readonly incoming: ReadonlyMap<string, readonly GraphEdge[]>;
  /**
   * What the rules derive from this graph once and share (compiled patterns, verdicts, bus inputs),
   * by key (see `derived` in rules/helpers.ts). It lives and dies with the graph: a plain map, not
   * a module-level WeakMap, because the young-generation collector keeps every WeakMap entry it
   * meets alive until the next full collection, which made each collection copy old analyses.
   */
  readonly memo: Map<symbol, unknown>;
}
