/**
 * The simulator in the editor (docs/simulate.md "In the editor"): the "Run scenario" lens's command and
 * request, and the diagram's "Send test event" requests. Shared by the language server and the client.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { TestEventSample, TestEventTrace } from './core/simulate/test-event';

export type { HopCounts, TestEventSample, TestEventTrace, TraceEvent } from './core/simulate/test-event';

/** The command of the "Run scenario" lens over each scenario of a scenario file (one `RunScenarioArgs` argument). */
export const RUN_SCENARIO_COMMAND = 'archflow.runScenario';

/** The argument of `archflow.runScenario`. */
export interface RunScenarioArgs {
  readonly uri: string;
  readonly scenario: string;
}

/** Parameters of `arch/runScenario`. */
export interface RunScenarioParams {
  readonly textDocument: { readonly uri: string };
  readonly scenario: string;
}

/** An expectation of a run: whether it held, what happened, and where it is written. */
export interface RunExpectation {
  readonly text: string;
  readonly ok: boolean;
  readonly detail: string;
  /** The expectation's entry in the scenario file (0-based lines). */
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
}

/** What a scenario's run gave, or why it could not run. */
export type RunScenarioResult =
  | {
    readonly scenario: string;
    readonly passed: boolean;
    readonly expectations: readonly RunExpectation[];
    /** Why the run stopped early, when it did (it then does not pass). */
    readonly stopped?: string;
    /** The run as `archflow simulate` prints it (timeline, nodes, expectations). */
    readonly report: string;
    /** Virtual ms of the last event; events and deliveries in all. */
    readonly end: number;
    readonly events: number;
    readonly deliveries: number;
  }
  | { readonly scenario: string; readonly problems: readonly string[] };

/**
 * Sent from the client to the server to run one scenario of an open scenario file on the architecture
 * it names (the open document's text when it is open, else the file). The server also publishes the
 * failed expectations as diagnostics of the scenario file (`scenario/expectation-failed`) until its next edit.
 */
export namespace RunScenarioRequest {
  export const method: 'arch/runScenario' = 'arch/runScenario';
  export const type = new RequestType<RunScenarioParams, RunScenarioResult, void>(method);
}

/** Parameters of `arch/testEventSamples` and `arch/sendTestEvent`: a node of an open architecture. */
export interface TestEventParams {
  readonly textDocument: { readonly uri: string };
  readonly node: string;
}

/** The sample payloads of a node's test event; empty `samples` and `problems` when it takes none. */
export interface TestEventSamplesResult {
  readonly node: string;
  readonly samples: readonly TestEventSample[];
  readonly problems: readonly string[];
}

/** Sent from the client to the server: the catalog's sample payloads for a test event from a node. */
export namespace TestEventSamplesRequest {
  export const method: 'arch/testEventSamples' = 'arch/testEventSamples';
  export const type = new RequestType<TestEventParams, TestEventSamplesResult, void>(method);
}

/** Parameters of `arch/sendTestEvent`: the payload, as edited. */
export interface SendTestEventParams extends TestEventParams {
  readonly payload: unknown;
}

/** Sent from the client to the server: runs a test event from a node through the simulator and answers every hop. */
export namespace SendTestEventRequest {
  export const method: 'arch/sendTestEvent' = 'arch/sendTestEvent';
  export const type = new RequestType<SendTestEventParams, TestEventTrace | { readonly problems: readonly string[] }, void>(method);
}


