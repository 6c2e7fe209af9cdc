/**
 * What a kind module's `events` and `emit` facets work with (`kinds/<kind>.ts`): the types of what
 * flows through the graph, sample events, and the typed helpers of a function's outgoing edges.
 * Types only; `triggers.ts`, `samples.ts` and `function-plan.ts` implement the kits.
 */
import type { EventDecl, GraphEdge, GraphNode } from '../model/graph';
import type { CodegenContext } from './context';

/** The AWS event shape a trigger delivers. */
export type Shape = 'api' | 'websocket' | 'sqs' | 'sns' | 'eventbridge' | 's3' | 'schedule' | 'kinesis' | 'firehose' | 'dynamodb' | 'destination' | 'invoke' | 'task' | 'pipe' | 'kafka' | 'mq' | 'docdb' | 'unknown';

/** How an edge invokes a function, as its source's kind describes it. */
export interface TriggerInfo {
  readonly shape: Shape;
  /** The handler's input for this trigger, e.g. `SQSEvent`, `EventBridgeEvent<"OrderPaid", Events.OrderPaid>`. */
  readonly eventType: string;
  /** What the handler returns for it, e.g. `APIGatewayProxyResultV2`, `SQSBatchResponse | void`. */
  readonly resultType: string;
  /** For batches and API bodies: the type of one message (`Events.OrderPlaced`, `SNSMessage`, …). */
  readonly messageType?: string;
  /** Catalog events this trigger can carry (for samples). */
  readonly events: readonly EventDecl[];
  /** Human-readable description: `queue 'billing'`. */
  readonly label: string;
  /**
   * The generated parse helper of its messages: the record type it takes, the expression reading a
   * message from `record`, and the word naming it (`BillingMessage`, `CheckoutBody`).
   */
  readonly parser?: { readonly recordType: string; readonly body: string; readonly word: 'Message' | 'Body' };
}

/** One way a function is invoked, with the TypeScript types it brings. */
export interface Trigger extends TriggerInfo {
  readonly edge: GraphEdge;
  readonly source: GraphNode;
}

/** What the `events` facet may ask about payloads. */
export interface PayloadKit {
  readonly ctx: CodegenContext;
  /** The generated type of a catalog event (`Events.OrderPlaced`). */
  eventType(name: string): string;
  /** The types of the messages a router carries (what its senders deliver). */
  carried(router: string, seen: Set<string>): string[];
  /** The catalog events arriving at a router. */
  carriedEvents(router: string, seen: Set<string>): EventDecl[];
}

/** What the `events` facet may ask while building sample events. */
export interface SampleKit {
  readonly ctx: CodegenContext;
  /** A sample message of a router: what its first sender delivers. */
  payload(router: GraphNode, depth: number): unknown;
  /** Catalog events a rule's pattern matches. */
  matching(pattern: unknown): EventDecl[];
}

/** The AWS SDK helpers of `src/generated/runtime.ts`, by what they do. */
export type RuntimeHelper = 'sendMessage' | 'publish' | 'putEvent' | 'putRecord' | 'putFirehoseRecord' | 'putObject' | 'getObject' | 'putItem' | 'getItem' | 'invoke' | 'startExecution' | 'postToConnection';

/** What the `emit` facet knows about one emit edge. */
export interface EmitInput {
  readonly ctx: CodegenContext;
  /** The catalog event sent, when declared. */
  readonly event?: EventDecl;
  /** PascalCase of the event (`''` without one) and of the target, for helper names. */
  readonly E: string;
  readonly T: string;
  /** The type of the message (`Events.OrderPlaced`, `unknown`). */
  readonly messageType: string;
  /** The environment variable holding the target's address, as a TypeScript string literal. */
  readonly env: string;
  /** Its name. */
  readonly envName: string;
  /** `access` of the edge (`read`, `write`, `read-write`), as written. */
  readonly access: unknown;
  /** The key prefix of the edge, as a TypeScript string literal (`""` without one). */
  readonly prefix: string;
}

/** A typed helper for one emit edge: `send<Event>To<Queue>(…)`. */
export interface EmitterSpec {
  /** The name it would like (made unique by the plan). */
  readonly base: string;
  readonly helper: RuntimeHelper;
  /** Parameter list and the call of the runtime helper. */
  readonly params: string;
  readonly call: string;
  readonly returns: string;
  readonly doc: string;
  /**
   * Arguments every call sends unchanged, as the local transport receives them (a bus's declared
   * `source` and `detailType`): the generated test requires them.
   */
  readonly sends?: Readonly<Record<string, string>>;
}
