/**
 * Helpers of the extension-host suite: files of the test workspace (a copy of `examples/`), bounded
 * waits on VS Code events (never sleeps), and diagnostics in `<line> <code>` form.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Lines the runner prints after the results (timings worth seeing). */
export const notes: string[] = [];

/** `publisher.name` of the extension under test. */
export const EXTENSION_ID = 'archflow.archflow';

/** The extension under test. */
export function extension(): vscode.Extension<{ client?: unknown }> {
  const ext = vscode.extensions.getExtension<{ client?: unknown }>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext;
}

/** The extension's API (what `activate()` returns), activating it when a test runs on its own. */
export async function api(): Promise<{ client?: unknown }> {
  return extension().activate();
}

/** The workspace folder the runner opened. */
export function workspaceUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace folder');
  return folder.uri;
}

/** A file of the workspace by its relative path. */
export function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceUri(), ...relative.split('/'));
}

/** Opens a workspace file in an editor. */
export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileUri(relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Resolves with `check()`'s first defined value: now, or after one of the `events` fires — or
 * rejects after `ms` with `describe()` saying what was seen.
 */
export function waitFor<T>(
  events: readonly vscode.Event<unknown>[], check: () => T | undefined, ms: number, describe: () => string,
): Promise<T> {
  const now = check();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = (): void => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${ms / 1000} s: ${describe()}`));
    }, ms);
    for (const event of events) {
      subscriptions.push(event(() => {
        const value = check();
        if (value !== undefined) {
          done();
          resolve(value);
        }
      }));
    }
  });
}

/** The code of a diagnostic as a string. */
export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

/** Archflow's diagnostics of a file. */
export function archflowDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'archflow');
}

/** `<1-based line> <code>`, sorted: the form of the `# expect:` comments of examples/broken/. */
export function summarize(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1} ${codeOf(d)}`).sort();
}

/** The `# expect: <line> <code>` comments at the top of a broken example, sorted. */
export function expectations(text: string): string[] {
  return [...text.matchAll(/^# expect: (\d+) (\S+)\s*$/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
}

/**
 * Waits until the file's Archflow diagnostics satisfy `accept` (checked on every diagnostics
 * change). `accept` gets the current diagnostics; the default accepts the first publication.
 */
export async function waitForDiagnostics(
  uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, ms = 30_000,
): Promise<vscode.Diagnostic[]> {
  let published = false;
  const changed = (listener: (e: unknown) => unknown): vscode.Disposable => vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === uri.toString())) {
      published = true;
      listener(e);
    }
  });
  return waitFor([changed], () => {
    const current = archflowDiagnostics(uri);
    return (published || current.length > 0) && accept(current) ? current : undefined;
  }, ms, () => `diagnostics of ${vscode.workspace.asRelativePath(uri)} are [${summarize(archflowDiagnostics(uri)).join(', ')}]`);
}

/** The position of the `nth` occurrence of `needle` in the document, plus `delta` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0, nth = 1): vscode.Position {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = document.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `'${needle}' (${nth}) is not in ${document.uri.path}`);
  }
  return document.positionAt(at + delta);
}
