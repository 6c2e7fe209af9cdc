/**
 * The diagram's "Send test event" messages between the host and the webview: types only. The host answers them with the
 * language server's `arch/testEventSamples` and `arch/sendTestEvent` (server/src/protocol-simulate.ts);
 * the shapes here are the same, written again so the webview imports nothing from the server. Their
 * runtime checks are in protocol-check.ts beside this file.
 */

/** The counters of a node at one hop. */
export interface HopCounts {
  readonly received: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly retried: number;
  readonly throttled: number;
  readonly deadLettered: number;
}

/** One event of a test event's run. */
export interface TraceEvent {
  /** Virtual ms since the test event was sent. */
  readonly t: number;
  readonly type: string;
  readonly node: string;
  readonly edge?: string;
  readonly to?: string;
  readonly count?: number;
  readonly detail?: string;
  /** The message, event or record the hop carried. */
  readonly payload?: unknown;
  /** The counters of the node (the receiver of a delivery) after this event. */
  readonly counts: HopCounts;
  /** Messages stored in that node after this event (queues, streams). */
  readonly depth?: number;
}

/** What a test event did. */
export interface Trace {
  readonly node: string;
  readonly label: string;
  readonly events: readonly TraceEvent[];
  readonly total: number;
  readonly end: number;
  readonly nodes: readonly (HopCounts & { readonly id: string; readonly kind: string; readonly depth?: { readonly end: number; readonly max: number } })[];
}

/** A sample payload of a node's test event. */
export interface Sample {
  readonly label: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Sent from the host to the webview. */
export type SimulateHostToView =
  /** The samples for a test event from `node` (or why it takes none). */
  | { type: 'testEventSamples'; node: string; samples: readonly Sample[]; problems: readonly string[] }
  /** What the test event did, hop by hop. */
  | { type: 'testEventTrace'; node: string; trace: Trace }
  /** Why the test event was not sent (a payload the node does not take, the server failed). */
  | { type: 'testEventProblems'; node: string; problems: readonly string[] };

/** Sent from the webview to the host. */
export type SimulateViewToHost =
  /** The user wants to send a test event from `node`: the host answers `testEventSamples`. */
  | { type: 'testEventSamples'; node: string }
  /** Send it, with the payload as edited (parsed JSON). */
  | { type: 'sendTestEvent'; node: string; payload: unknown };
