/**
 * Questions the language server asks the person during generate and deploy (`arch/ask`), re-exported
 * by protocol.ts. A client that answers them says so in `initializationOptions` (`{ ask: true }`);
 * any other client gets `window/showMessageRequest` for choices and the default for folders.
 */
import { RequestType } from 'vscode-languageserver-protocol';

/** What a client may pass as `initializationOptions`. */
export interface ArchInitializationOptions {
  /** The client answers `arch/ask` (VS Code: modal dialogs and an input box). */
  readonly ask?: boolean;
  /**
   * A folder of the client's own where the server keeps layouts of flow shapes between sessions, so
   * that a file opened again is drawn without laying it out (VS Code: the extension's global storage).
   * Without it, layouts are kept in memory only.
   */
  readonly layoutCache?: string;
}

/** A question for the person. */
export type AskParams =
  /** Pick one of `choices` (or none: dismissed). Shown modally where the client can. */
  | { readonly kind: 'choice'; readonly message: string; readonly detail?: string; readonly choices: readonly string[] }
  /** Enter a folder (an absolute path), starting from `value`. */
  | { readonly kind: 'folder'; readonly title: string; readonly prompt: string; readonly value: string };

/** The person's answer: the choice or folder, `null` when dismissed. */
export interface AskResult {
  readonly answer: string | null;
}

/** Sent from the server to the client to ask the person something; only to clients that said `ask: true`. */
export namespace AskRequest {
  export const method: 'arch/ask' = 'arch/ask';
  export const type = new RequestType<AskParams, AskResult, void>(method);
}
