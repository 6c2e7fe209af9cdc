import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { archflowDiagnostics, codeOf, expectations, fileUri, open, summarize, waitForDiagnostics, workspaceUri } from './helpers';

describe('diagnostics in the editor', () => {
  const broken = readdirSync(vscode.Uri.joinPath(workspaceUri(), 'broken').fsPath).filter((f) => f.endsWith('.arch.yaml')).sort();

  it('examples/broken/ has files to check', () => assert.ok(broken.length > 0));

  for (const file of broken) {
    it(`broken/${file}: exactly the problems its header documents, at those lines`, async () => {
      const uri = fileUri(`broken/${file}`);
      const expected = expectations(readFileSync(uri.fsPath, 'utf8'));
      assert.ok(expected.length > 0, `${file} documents no problem`);
      // Every error and warning, and the advice (information) of the codes the file names.
      const named = new Set(expected.map((e) => e.split(' ')[1]));
      const documented = (d: vscode.Diagnostic[]): vscode.Diagnostic[] =>
        d.filter((x) => x.severity !== vscode.DiagnosticSeverity.Information || named.has(codeOf(x)));
      const same = (d: vscode.Diagnostic[]): boolean => summarize(documented(d)).join('\n') === expected.join('\n');
      const published = waitForDiagnostics(uri, same, 15_000);
      await open(`broken/${file}`);
      const diagnostics = await published.catch(() => archflowDiagnostics(uri));
      assert.deepEqual(summarize(documented(diagnostics)), expected);
      for (const d of diagnostics) assert.ok(d.message.length > 0 && d.severity !== undefined);
    });
  }

  it('a clean example has no problems; a mistake typed into it appears, and goes away on undo', async () => {
    const clean = readdirSync(workspaceUri().fsPath).filter((f) => f.endsWith('.arch.yaml')).sort()[0];
    assert.ok(clean, 'examples/ has an architecture');
    const uri = fileUri(clean);
    const first = waitForDiagnostics(uri, () => true);
    const editor = await open(clean);
    assert.deepEqual(summarize(await first), []);

    // Break the format version: `archflow: 1` → `archflow: 2`.
    const at = editor.document.getText().indexOf('archflow: 1') + 'archflow: '.length;
    const broken = waitForDiagnostics(uri, (d) => d.length > 0);
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 1)), '2')));
    const problems = await broken;
    assert.ok(problems.some((d) => d.range.start.line === editor.document.positionAt(at).line), `a problem on the edited line: ${summarize(problems)}`);

    const fixed = waitForDiagnostics(uri, (d) => d.length === 0);
    await vscode.commands.executeCommand('undo');
    assert.deepEqual(summarize(await fixed), []);
    assert.equal(editor.document.isDirty, false);
  });
});
