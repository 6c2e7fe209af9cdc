/**
 * Messages between the extension host and the diagram webview: types only. No DOM and no `vscode`
 * imports, nothing from the server: the diagram is the renderer's drawing format. Both sides import
 * this file, switch exhaustively on `type`, and check what they receive with `protocol-check.ts`
 * (a webview message is untrusted input).
 */
import type { Drawing } from '../../renderer/src/drawing';
import type { SimulateHostToView, SimulateViewToHost } from './simulate/protocol';

export type { Drawing } from '../../renderer/src/drawing';
export type { Sample, SimulateHostToView, SimulateViewToHost, Trace, TraceEvent } from './simulate/protocol';

/** A position in a document (0-based line, UTF-16 character). */
export interface SourcePosition {
  readonly line: number;
  readonly character: number;
}

/** A range in a document. */
export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** Where a diagram element comes from: its name or reference (`range`) and its whole text (`extent`). */
export interface ElementSource {
  readonly range: SourceRange;
  readonly extent: SourceRange;
}

/** The three kinds of VS Code theme. */
export type ThemeKindName = 'light' | 'dark' | 'high-contrast';

/** Sent from the host to the webview. */
export type HostToView =
  /** A new diagram of the document (after an edit, or the first one). */
  | { type: 'diagram'; uri: string; version: number; diagram: Drawing; sources: Readonly<Record<string, ElementSource>> }
  /** The element under the editor's cursor (`null`: none). */
  | { type: 'select'; id: string | null }
  /** The editor's theme changed. */
  | { type: 'theme'; kind: ThemeKindName }
  /** The diagram could not be computed (the document was closed, the server failed). */
  | { type: 'status'; message: string }
  /** Send test event: samples, the run hop by hop, problems (simulate/protocol.ts). */
  | SimulateHostToView
  /** What became of an `edit`: applied (what it did, problems it added) or refused (why). */
  | { type: 'editResult'; applied: boolean; message: string; problems: readonly string[]; preview?: readonly PreviewLine[]; choices?: readonly { readonly word: string; readonly label: string }[] }
  /** The settings panel of a node (`null`: the node is gone). */
  | { type: 'settings'; settings: NodeSettings | null };

/** A node's key settings for the panel (the server's `NodeSettings`, server/src/core/edit/settings.ts). */
export interface NodeSettings {
  readonly id: string;
  readonly title: string;
  readonly fields: readonly {
    readonly key: string; readonly label: string; readonly value: string; readonly default?: string; readonly unit?: string;
    readonly limit?: string; readonly description: string; readonly problems: readonly string[]; readonly multiline?: boolean;
  }[];
  readonly problems: readonly string[];
  readonly fixes: readonly { readonly title: string; readonly problem: string }[];
  readonly links?: readonly { readonly id: string; readonly label: string }[];
  readonly newEvent?: boolean;
}

/** A line a delete would change (1-based), before and after (no `after`: removed). */
export interface PreviewLine {
  readonly line: number;
  readonly before: string;
  readonly after?: string;
}

/** A gesture on the diagram (the same shape as the server's `DiagramGesture`, server/src/protocol-edit.ts). */
export type DiagramGesture =
  | { readonly kind: 'connect'; readonly from: string; readonly to: string; readonly word?: string }
  | { readonly kind: 'add-event'; readonly name: string }
  | { readonly kind: 'add'; readonly nodeKind: string; readonly name: string }
  | { readonly kind: 'delete'; readonly id: string; readonly confirmed: boolean }
  | { readonly kind: 'rename'; readonly id: string; readonly to: string }
  | { readonly kind: 'set'; readonly id: string; readonly key: string; readonly value: string }
  | { readonly kind: 'fix'; readonly id: string; readonly title: string };

/** Sent from the webview to the host. */
export type ViewToHost =
  /** The webview is listening: the host sends what it queued. Always the first message. */
  | { type: 'ready' }
  /** A node or edge was clicked: reveal and select its source. */
  | { type: 'reveal'; id: string; range: SourceRange }
  /** Save the diagram: `data` is the SVG text, or a PNG as base64. */
  | { type: 'export'; format: 'svg' | 'png'; data: string }
  /** Send test event: ask for samples, send one (simulate/protocol.ts). */
  | SimulateViewToHost
  /** A gesture on the diagram of document version `version`: the language server edits the text. */
  | { type: 'edit'; version: number; gesture: DiagramGesture }
  /** Asks for the settings panel of a node, as it is or with a value being typed (`draft`). */
  | { type: 'settings'; id: string; draft?: { key: string; value: string } }
  | { type: 'error'; message: string };

/** What the webview keeps across reloads (`vscode.setState`): the document it shows. */
export interface ViewState {
  readonly uri: string;
}
