/**
 * Archflow's custom LSP methods (`arch/…`), shared by the language server and the VS Code client.
 * Each method states who sends it and who receives it (vscode-eslint style).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Drawing } from '../../renderer/src/drawing';

export type {
  Box, DiagramProblem, Drawing, DrawnEdge, DrawnLane, DrawnNode, EdgeKind, IconDef, KeySetting, Lane, Point, ProblemSummary, Severity,
} from '../../renderer/src/drawing';

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

/** Where a diagram element comes from: its name or reference (`range`) and its whole text (`extent`). */
export interface ElementSource {
  readonly range: SourceRange;
  readonly extent: SourceRange;
}

/** Parameters of `arch/diagram`. */
export interface DiagramParams {
  readonly textDocument: { readonly uri: string };
}

/** The laid-out diagram of a document at a version, with the source range of every element. */
export interface DiagramResult {
  readonly uri: string;
  /** The document version the overlay (problems, ranges) belongs to. */
  readonly version: number;
  /** What the renderer draws (renderer/src/drawing.ts). */
  readonly diagram: Drawing;
  /** By node id and edge id, in the current text. */
  readonly sources: Readonly<Record<string, ElementSource>>;
  /**
   * Milliseconds the layout of these positions took in the worker; 0 for a provisional diagram
   * (`diagram.provisional`: the layout of a changed structure is running, `arch/diagramChanged` follows).
   */
  readonly layoutMs: number;
}

/**
 * Sent from the client to the server to get the laid-out diagram of an open document; `null` when
 * the document is not open. Asking also subscribes the client to `arch/diagramChanged` for it.
 */
export namespace DiagramRequest {
  export const method: 'arch/diagram' = 'arch/diagram';
  export const type = new RequestType<DiagramParams, DiagramResult | null, void>(method);
}

/** Parameters of `arch/diagramChanged`. */
export interface DiagramChangedParams {
  readonly uri: string;
  readonly version: number;
}

/**
 * Sent from the server to the client when the diagram of a document it asked for may have changed
 * (a new version was analysed). The client asks `arch/diagram` again; the layout has already started.
 */
export namespace DiagramChangedNotification {
  export const method: 'arch/diagramChanged' = 'arch/diagramChanged';
  export const type = new NotificationType<DiagramChangedParams>(method);
}

/**
 * The command of the "Test pattern" code lens over an event-bus rule. The server puts it on the lens
 * (`codeLens/resolve`) with one `TestPatternArgs` argument; the client runs it and shows the sample
 * events and the verdicts.
 */
export const TEST_PATTERN_COMMAND = 'archflow.testPattern';

/** The argument of `archflow.testPattern`: a rule's pattern tested against the catalog's sample events. */
export interface TestPatternArgs extends PatternTest {
  readonly uri: string;
}

export type { PatternTest, PatternTrial } from './core/features/code-lens';
import type { PatternTest } from './core/features/code-lens';

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

export * from './protocol-ask';
export * from './protocol-deploy';
export * from './protocol-generate';
export * from './protocol-simulate';
export * from './protocol-edit';
