/**
 * The custom LSP method of "Generate Project" (`arch/generate`), re-exported by protocol.ts. The
 * server generates the project of an open document and writes it with the one project writer (the
 * same policy as `archflow generate` and deploy), asking the person through `arch/ask` or
 * `window/showMessageRequest` when it must; the client only chooses when to ask and shows the result.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { ReplaceReason } from './core/codegen/manifest';

export type { ReplaceReason } from './core/codegen/manifest';

/** Parameters of `arch/generate`. */
export interface GenerateParams {
  /** An open document (its current analysis is used). */
  readonly textDocument: { readonly uri: string };
  /** The output folder (absolute path). Default: the file's `output:`, else `.archflow/<name>/` beside it (project/location.ts). */
  readonly outDir?: string;
  /** Ask the person for the folder first, starting from `outDir` or the default (only clients that answer `arch/ask`). */
  readonly askFolder?: boolean;
  /** Generate although the architecture has errors, without asking. */
  readonly ignoreErrors?: boolean;
  /** Files the person already allowed to be replaced (relative paths), or `true` for every one. */
  readonly replace?: true | readonly string[];
  /** Say what would be written; write nothing and ask nothing. */
  readonly dryRun?: boolean;
}

/** A file that needed (or got) the person's consent to be replaced. */
export interface GenerateReplace {
  readonly path: string;
  readonly reason: ReplaceReason;
  readonly detail: string;
}

/** A problem of the architecture (or of generation). */
export interface GenerateProblem {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
  /** 0-based line of the problem in the architecture file. */
  readonly line: number;
}

/** What `arch/generate` answers. Nothing is written unless `status` is `written`. */
export interface GenerateResult {
  /**
   * `written`; `dry-run`; `cancelled` (the person said no, or dismissed a question); `refused` (files
   * needed consent: `needsConsent`); `error` (`message`: an unsafe path, errors in the file, …).
   */
  readonly status: 'written' | 'dry-run' | 'cancelled' | 'refused' | 'error';
  /** For the person, one line. */
  readonly message: string;
  /** The architecture's name. */
  readonly name: string;
  /** The output folder (absolute path); empty when none was chosen. */
  readonly outDir: string;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  /** User-owned files that exist (handlers, README): not touched. */
  readonly leftAlone: readonly string[];
  /** Files replaced with the person's consent. */
  readonly replaced: readonly GenerateReplace[];
  /** Files that needed consent and did not get it. */
  readonly needsConsent: readonly GenerateReplace[];
  /** Handlers of functions no longer in the architecture (left in place). */
  readonly orphanedHandlers: readonly string[];
  /** Files the previous generation wrote that this one does not (left in place). */
  readonly staleFiles: readonly string[];
  /** Errors and warnings of the architecture, then of generation. */
  readonly problems: readonly GenerateProblem[];
}

/**
 * Sent from the client to the server to generate and write the project of an open architecture
 * file; `null` when the document is not open.
 */
export namespace GenerateRequest {
  export const method: 'arch/generate' = 'arch/generate';
  export const type = new RequestType<GenerateParams, GenerateResult | null, void>(method);
}
