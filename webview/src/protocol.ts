/**
 * Messages between the extension host and the diagram webview. No DOM and no `vscode` imports:
 * both sides import this file. Each side switches exhaustively on `type`.
 */

/** Sent from the host to the webview. */
export type HostToView = { type: 'theme'; kind: 'light' | 'dark' | 'high-contrast' };

/** Sent from the webview to the host. */
export type ViewToHost = { type: 'ready' } | { type: 'error'; message: string };

/** Raises a type error when a switch over a union misses a case. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
