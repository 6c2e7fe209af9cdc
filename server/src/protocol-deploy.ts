/**
 * Custom LSP methods of deploy (`arch/deploy…`), re-exported by protocol.ts. Deploy runs in the
 * language server so every LSP client can offer it: progress goes over `$/progress`, confirmation
 * over `window/showMessageRequest`, cancellation over `$/cancelRequest`.
 */
import { NotificationType, RequestType, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';

/** Where to deploy; anything left out comes from the file (`name`, `region`) and the AWS profile. */
export interface DeployTarget {
  readonly stack?: string;
  readonly region?: string;
  readonly profile?: string;
  /** An emulator's URL (moto_server, LocalStack): every AWS client is pointed at it. */
  readonly endpoint?: string;
}

export interface DeployParams extends DeployTarget, WorkDoneProgressParams {
  readonly textDocument: { readonly uri: string };
  /** The generated project's folder; default: the file's `output:`, else `.archflow/<name>/` beside it (server/src/project/location.ts). */
  readonly outDir?: string;
  /** False when the client shows its own progress (from `arch/deployLog`); default true. */
  readonly serverProgress?: boolean;
}

/** How a deploy ended, for the client to tell the person. */
export interface DeployOutcome {
  readonly status: 'deployed' | 'no-changes' | 'cancelled' | 'failed' | 'error';
  readonly message: string;
  readonly stack: string;
  readonly outputs?: Readonly<Record<string, string>>;
}

/** Sent from the client to the server to deploy an open architecture file. */
export namespace DeployRequest {
  export const method: 'arch/deploy' = 'arch/deploy';
  export const type = new RequestType<DeployParams, DeployOutcome, void>(method);
}

/** Sent from the server to the client: one line of the deploy's log (for an output channel). */
export namespace DeployLogNotification {
  export const method: 'arch/deployLog' = 'arch/deployLog';
  export const type = new NotificationType<{ readonly uri: string; readonly line: string }>(method);
}

/** The state of a node during a deploy, for the diagram. */
export type NodeDeployState = 'pending' | 'in-progress' | 'done' | 'failed';

/** Sent from the server to the client while a deploy runs: the state of every node of the file (for clients that show it; the VS Code client shows the log and the progress). */
export namespace DeployStatusNotification {
  export const method: 'arch/deployStatus' = 'arch/deployStatus';
  export const type = new NotificationType<{ readonly uri: string; readonly nodes: Readonly<Record<string, NodeDeployState>>; readonly finished: boolean }>(method);
}

export interface StackParams extends DeployTarget {
  readonly textDocument: { readonly uri: string };
}

/** Sent from the client to the server: the outputs of the file's stack (`null` when not deployed). */
export namespace StackOutputsRequest {
  export const method: 'arch/stackOutputs' = 'arch/stackOutputs';
  export const type = new RequestType<StackParams, { readonly stack: string; readonly outputs: Readonly<Record<string, string>> | null; readonly error?: string }, void>(method);
}

/** Sent from the client to the server: delete the file's stack (the client has asked the person). */
export namespace DeleteStackRequest {
  export const method: 'arch/deleteStack' = 'arch/deleteStack';
  export const type = new RequestType<StackParams, DeployOutcome, void>(method);
}
