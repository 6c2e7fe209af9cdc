/**
 * `arch/diagramEdit`: the diagram's editing gestures. The client forwards a gesture from the webview;
 * the server turns it into a minimal text edit and applies it with `workspace/applyEdit` (so undo,
 * comments and formatting behave as if typed), or answers why it is refused.
 */
import { RequestType } from 'vscode-languageserver-protocol';

/** A gesture on the diagram. */
export type DiagramGesture =
  /** A drag from node `from` to node `to`. */
  | { readonly kind: 'connect'; readonly from: string; readonly to: string; readonly word?: string }
  /** A new catalog event (from the architecture panel). */
  | { readonly kind: 'add-event'; readonly name: string }
  /** A kind dropped from the palette, with the name the user gave. */
  | { readonly kind: 'add'; readonly nodeKind: string; readonly name: string }
  /** Delete a node or an edge: first without `confirmed` (the answer previews the changed lines), then with it. */
  | { readonly kind: 'delete'; readonly id: string; readonly confirmed: boolean }
  /** Rename a node everywhere it is written (the editor's rename). */
  | { readonly kind: 'rename'; readonly id: string; readonly to: string }
  /** Write one key setting of a node from the settings panel (`value` empty: remove it, the default applies). */
  | { readonly kind: 'set'; readonly id: string; readonly key: string; readonly value: string }
  /** Apply the quick fix titled `title` of one of a node's problems (from its badge). */
  | { readonly kind: 'fix'; readonly id: string; readonly title: string };

/** One line a gesture changes (1-based), before and after (no `after`: removed). */
export interface PreviewLine {
  readonly line: number;
  readonly before: string;
  readonly after?: string;
}

/** Parameters of `arch/diagramEdit`. */
export interface DiagramEditParams {
  /** The document and the version the diagram showed: a gesture on an older diagram is refused. */
  readonly textDocument: { readonly uri: string; readonly version: number };
  readonly gesture: DiagramGesture;
}

/** What became of a gesture. */
export interface DiagramEditResult {
  /** True when the edit was applied to the document. */
  readonly applied: boolean;
  /** What the edit did (`queue 'billing' → function 'chargeCard' (consumer (to))`), or why it was refused. */
  readonly message: string;
  /** Problems the edit added without being refused (`code: message`), for the webview to say. */
  readonly problems: readonly string[];
  /** A delete not yet confirmed: the lines it would change (nothing is applied). */
  readonly preview?: readonly PreviewLine[];
  /** A connection whose pair has several words (nothing applied): the words to pick from; the gesture again with `word` writes one. */
  readonly choices?: readonly { readonly word: string; readonly label: string }[];
}

/** Sent from the client to the server for a gesture on the diagram. */
export namespace DiagramEditRequest {
  export const method: 'arch/diagramEdit' = 'arch/diagramEdit';
  export const type = new RequestType<DiagramEditParams, DiagramEditResult, void>(method);
}

export type { NodeSettings, SettingField } from './core/edit/settings';
import type { NodeSettings } from './core/edit/settings';

/** Parameters of `arch/nodeSettings`. */
export interface NodeSettingsParams {
  readonly textDocument: { readonly uri: string };
  readonly id: string;
  /** A value being typed: the answer is the panel as the text would be with it (nothing is applied). `id`: a node, `edge:<id>`, `event:<name>` or `#architecture`. */
  readonly draft?: { readonly key: string; readonly value: string };
}

/**
 * Sent from the client to the server for the settings panel of a node: its key settings with the
 * schema's limits and the problems at each; `null` when the node or the document is gone.
 */
export namespace NodeSettingsRequest {
  export const method: 'arch/nodeSettings' = 'arch/nodeSettings';
  export const type = new RequestType<NodeSettingsParams, NodeSettings | null, void>(method);
}
