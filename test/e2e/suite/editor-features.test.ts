import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { archflowDiagnostics, codeOf, fileUri, open, positionOf, summarize, waitForDiagnostics } from './helpers';

/** Text of a hover's contents. */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

// The editor features through VS Code's own commands, on a copy of examples/orders.arch.yaml: what the
// LSP tests cannot see is that VS Code asks, the client converts, and edits land in the editor.
describe('editor features through the VS Code API', () => {
  const rel = 'features/orders.arch.yaml';
  let uri: vscode.Uri;
  let document: vscode.TextDocument;

  before(async () => {
    uri = fileUri(rel);
    await vscode.workspace.fs.copy(fileUri('orders.arch.yaml'), uri, { overwrite: true });
    const clean = waitForDiagnostics(uri, () => true);
    document = (await open(rel)).document;
    assert.deepEqual(summarize(await clean), []);
  });

  it('completion offers only functions as the consumer of a queue', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', uri, positionOf(document, 'function: chargeCard', 'function: '.length + 1),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const fn of ['sendReceipt', 'pager', 'writeAudit']) assert.ok(labels.includes(fn), `${fn} in [${labels.join(', ')}]`);
    for (const notFn of ['billing', 'orderBus', 'OrderPaid']) assert.ok(!labels.includes(notFn), `${notFn} is not a function`);
  });

  it('hover documents a field with its unit and AWS limit', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, positionOf(document, 'visibilityTimeout', 3));
    const text = hoverText(hovers);
    assert.match(text, /visibilityTimeout/);
    assert.match(text, /seconds/);
    assert.match(text, /43,200/);
  });

  it('go to definition jumps from a reference to the declaration', async () => {
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', uri, positionOf(document, 'function: chargeCard', 'function: '.length + 2),
    );
    assert.equal(locations.length, 1);
    const target = 'targetUri' in locations[0]! ? locations[0].targetSelectionRange ?? locations[0].targetRange : locations[0]!.range;
    assert.equal(target.start.line, positionOf(document, '  chargeCard:\n').line);
    assert.equal(document.getText(target), 'chargeCard');
  });

  it('rename changes the declaration and every reference, and the file stays clean', async () => {
    const at = positionOf(document, '  chargeCard:\n', 3);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, at);
    assert.ok(references.length >= 2, `declaration and references: ${references.length}`);
    const lines = references.map((r) => r.range.start.line).sort((a, b) => a - b);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, at, 'chargePayment');
    const stillClean = waitForDiagnostics(uri, (d) => d.length === 0 && document.getText().includes('chargePayment'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    for (const line of lines) assert.match(document.lineAt(line).text, /chargePayment/);
    // What is left of the old name is prose: comments and descriptions are not references.
    const left = document.getText().split('\n').filter((l) => /\bchargeCard\b/.test(l));
    assert.deepEqual(left.filter((l) => !/#|description:/.test(l)), []);
    await stillClean;
  });

  it('a quick fix from the light bulb removes its problem', async () => {
    const broken = fileUri('features/fix-me.arch.yaml');
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode([
      'archflow: 1',
      'name: fix-me',
      'producers:',
      '  nightly: { type: schedule, schedule: rate(1 hour), to: jobs }',
      'routers:',
      '  jobs:',
      '    type: queue',
      '    visibilityTimeout: 20 # below the consumer\'s timeout',
      '    deadLetter: { queue: jobs-dlq, maxReceiveCount: 5 }',
      '    to: { function: worker, reportFailures: true }',
      '  jobs-dlq: { type: queue, retention: 14d }',
      'consumers:',
      '  worker: { timeout: 25 }',
      '',
    ].join('\n')));
    const flagged = waitForDiagnostics(broken, (d) => d.some((x) => codeOf(x) === 'sqs/visibility-timeout'));
    const editor = await open('features/fix-me.arch.yaml');
    const problem = (await flagged).find((d) => codeOf(d) === 'sqs/visibility-timeout')!;
    assert.equal(problem.range.start.line, 7);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', broken, problem.range, vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.kind?.value.startsWith('quickfix') && /visibilityTimeout/.test(a.title));
    assert.ok(fix?.edit, `a quick fix with an edit among [${actions.map((a) => `${a.title} (${a.kind?.value})`).join(', ')}]`);
    const fixed = waitForDiagnostics(broken, (d) => !d.some((x) => codeOf(x) === 'sqs/visibility-timeout'));
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await fixed;
    assert.equal(editor.document.lineAt(7).text, '    visibilityTimeout: 150 # below the consumer\'s timeout');
    assert.deepEqual(summarize(archflowDiagnostics(broken)), []);
  });
});
