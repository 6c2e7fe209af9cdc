/**
 * Archflow's custom LSP methods (`arch/…`), shared by the language server and the VS Code client.
 * Each method states who sends it and who receives it (vscode-eslint style).
 */
import { RequestType } from 'vscode-languageserver-protocol';

/** A position in a document (LSP `Position`: 0-based line, UTF-16 character). */
export interface SourcePosition {
  readonly line: number;
  readonly character: number;
}

/** A range in a document (LSP `Range`). */
export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** Parameters of `arch/import`: the text of a SAM or CloudFormation template and its file name. */
export interface ImportTemplateParams {
  readonly text: string;
  /** Path or name of the template file (names the architecture: its folder for a `template.yaml`). */
  readonly fileName: string;
}

/** Why a template could not be imported: a message at a range of the template. */
export interface ImportProblem {
  readonly code: string;
  readonly message: string;
  readonly range: SourceRange;
}

/** An imported architecture file, or the problems that kept the template from being read. */
export interface ImportTemplateResult {
  /** The architecture file's text (empty when `problems` is not). */
  readonly yaml: string;
  /** The architecture's name: `<name>.arch.yaml` is the natural file name. */
  readonly name: string;
  /** What was approximated (also written as comments at the top of `yaml`). */
  readonly notes: readonly string[];
  readonly problems: readonly ImportProblem[];
}

/**
 * Sent from the client to the server to import an AWS SAM or CloudFormation template as an
 * architecture file. The server only converts: the client reads the template and writes the result.
 */
export namespace ImportTemplateRequest {
  export const method: 'arch/import' = 'arch/import';
  export const type = new RequestType<ImportTemplateParams, ImportTemplateResult, void>(method);
}

export * from './protocol-deploy';
export * from './protocol-generate';
