/**
 * The custom LSP method of "Generate Project" (`arch/generate`), re-exported by protocol.ts. The server
 * computes the files; the client decides what to write (with `decideWrites`, shared with the CLI's
 * writer) and writes them with its own file system API.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { Ownership } from './core/codegen/manifest';

export { decideWrites, isSafeRelativePath, MANIFEST_PATH, parseManifest } from './core/codegen/index';
export type { Manifest, Ownership, PlannedFile, WriteAction, WriteDecision } from './core/codegen/index';

/** Parameters of `arch/generate`. */
export interface GenerateParams {
  readonly textDocument: { readonly uri: string };
  /** The architecture's text; default: the open document's. */
  readonly text?: string;
  /** The text of `.archflow/manifest.json` in the output folder, when there is one. */
  readonly previousManifest?: string;
}

/** One file of the generated project. */
export interface GeneratedFile {
  /** Relative, `/`-separated, checked to stay inside the output folder. */
  readonly path: string;
  readonly content: string;
  readonly ownership: Ownership;
}

/** A problem of the architecture (or of generation) to show before writing. */
export interface GenerateProblem {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
  /** 0-based line of the problem in the architecture file. */
  readonly line: number;
}

/** What `arch/generate` answers. */
export interface GenerateResult {
  /** The architecture's name. */
  readonly name: string;
  /**
   * Where the project goes (server/src/project-location.ts), for a `file:` document: a file system
   * path, the `source` of the decision, a one-line description to show, and for the default
   * location the `.gitignore` to write when it is missing.
   */
  readonly location?: {
    readonly dir: string;
    readonly source: 'option' | 'file' | 'default';
    readonly description: string;
    readonly ignoreFile?: { readonly path: string; readonly content: string };
  };
  readonly files: readonly GeneratedFile[];
  /** Handlers of functions no longer in the architecture (left in place). */
  readonly orphanedHandlers: readonly string[];
  /** Files the previous generation wrote that this one does not (left in place). */
  readonly staleFiles: readonly string[];
  /** Errors and warnings of the architecture, then of generation. */
  readonly problems: readonly GenerateProblem[];
}

/**
 * Sent from the client to the server to generate the project of an architecture. The server returns
 * the files and writes nothing; `null` when the document is neither open nor given as `text`.
 */
export const GenerateRequest = {
  method: 'arch/generate',
  type: new RequestType<GenerateParams, GenerateResult | null, void>('arch/generate'),
} as const;
