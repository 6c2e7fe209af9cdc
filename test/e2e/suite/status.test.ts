import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fileUri, open, positionOf, waitFor, waitForDiagnostics } from './helpers';

interface State { readonly text: string; readonly tooltip: string; readonly command: string | undefined; readonly visible: boolean }
interface Status { readonly state: State; readonly onDidChange: vscode.Event<State> }

async function status(): Promise<Status> {
  const s = (await api() as { status?: Status }).status;
  assert.ok(s, 'activate() returns the status bar item');
  return s;
}

/** Waits until the item shows a state `accept` takes; returns it. */
async function until(accept: (s: State) => boolean, what: string): Promise<State> {
  const s = await status();
  return waitFor([s.onDidChange], () => (accept(s.state) ? s.state : undefined), 30_000, () => `${what}; the item shows ${JSON.stringify(s.state)}`);
}

// The status bar item says what Archflow is doing for the active file, and a click opens the view
// that goes with it.
describe('the status bar item', () => {
  it('counts the problems of the active file and opens the Problems panel', async () => {
    const uri = fileUri('broken/references.arch.yaml');
    await open('broken/references.arch.yaml');
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length > 0);
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const state = await until((s) => s.text.startsWith('$(error)'), 'problem counts');
    assert.equal(state.text, `$(error) ${errors} $(warning) ${warnings} Archflow`);
    assert.match(state.tooltip, new RegExp(`^Archflow: ${errors} errors?, ${warnings} warnings?`));
    assert.equal(state.command, 'workbench.actions.view.problems');
  });

  it('says "no problems" for a clean file and opens its diagram', async () => {
    await open('orders.arch.yaml');
    const state = await until((s) => s.text === '$(pass) Archflow: no problems', 'no problems');
    assert.equal(state.command, 'archflow.openDiagram');
  });

  it('shows "analysing" between an edit and its diagnostics, then the new count', async () => {
    const editor = await open('orders.arch.yaml');
    const uri = editor.document.uri;
    const seen: string[] = [];
    const sub = (await status()).onDidChange((s) => seen.push(s.text));
    try {
      const published = waitForDiagnostics(uri, (d) => d.length > 0);
      // A reference to a function that does not exist: one error.
      const at = positionOf(editor.document, 'to: { function: chargeCard', 'to: { function: '.length);
      await editor.edit((e) => e.insert(at, 'x'));
      await published;
      const state = await until((s) => s.text.startsWith('$(error)'), 'the count after the edit');
      assert.match(state.text, /^\$\(error\) [1-9]\d* \$\(warning\) \d+ Archflow$/);
      const analysing = seen.indexOf('$(loading~spin) Archflow: analysing');
      assert.ok(analysing >= 0, `states: ${seen.join(' → ')}`);
      assert.ok(seen.slice(analysing).some((t) => t.startsWith('$(error)')), `states: ${seen.join(' → ')}`);
    } finally {
      sub.dispose();
      await vscode.commands.executeCommand('undo');
      await editor.document.save();
    }
  });

  it('hides for files that are not architectures', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'not an architecture' });
    await vscode.window.showTextDocument(doc);
    await until((s) => !s.visible, 'hidden');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
