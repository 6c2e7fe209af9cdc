import type { ViewToHost } from './protocol';

declare function acquireVsCodeApi(): { postMessage(message: ViewToHost): void };

/** Entry point of the diagram webview. */
const vscode = acquireVsCodeApi();
vscode.postMessage({ type: 'ready' });
