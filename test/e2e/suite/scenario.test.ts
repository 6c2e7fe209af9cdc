import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, fileUri, open, positionOf, waitForDiagnostics } from './helpers';

// A scenario file in VS Code: its own language, the server's diagnostics and lenses, and the
// "Run scenario" command, whose failed expectation lands as a problem at its line.
describe('scenario files', () => {
  it('get the Run scenario lenses; a run says what failed, at the expectation', async () => {
    await vscode.workspace.fs.copy(fileUri('orders.arch.yaml'), fileUri('scenarios/orders.arch.yaml'), { overwrite: true });
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('orders.scenario.yaml')))
      .replace('- deadLettered: { queue: billing-dlq, exactly: 3 }', '- deadLettered: { queue: billing-dlq, exactly: 4 }');
    const uri = fileUri('scenarios/orders.scenario.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const clean = waitForDiagnostics(uri, () => true);
    const { document } = await open('scenarios/orders.scenario.yaml');
    assert.equal(document.languageId, 'archflow-scenario');
    assert.deepEqual((await clean).map(codeOf), []);

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    assert.deepEqual(lenses.map((l) => document.getText(l.range)), ['lunch-rush', 'card-declined', 'pager-down']);
    assert.deepEqual(lenses.map((l) => l.command?.title), ['▶ Run scenario', '▶ Run scenario', '▶ Run scenario']);
    const run = lenses[1]!.command!;
    assert.equal(run.command, 'archflow.runScenario');

    const failed = waitForDiagnostics(uri, (d) => d.length > 0);
    const result = await vscode.commands.executeCommand<{ summary: string }>(run.command, ...(run.arguments ?? []));
    assert.equal(result.summary, "Scenario 'card-declined': 1 of 4 expectations failed (shown in the file).");
    const diagnostics = await failed;
    assert.deepEqual(diagnostics.map((d) => [codeOf(d), d.range.start.line]), [
      ['scenario/expectation-failed', positionOf(document, 'deadLettered: { queue: billing-dlq, exactly: 4 }').line],
    ]);
    assert.match(diagnostics[0]!.message, /did not hold: 3 messages arrived in 'billing-dlq' as dead letters\.$/);
  });
});
