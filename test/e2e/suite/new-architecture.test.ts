import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { fileUri, summarize, waitForDiagnostics } from './helpers';

const TEMPLATES = ['api', 'file-processing', 'database-triggers', 'cron', 'stream-processing'];

describe('Archflow: New Architecture', () => {
  for (const template of TEMPLATES) {
    it(`${template}: writes the file, opens it, and it has no problems`, async () => {
      const uri = fileUri(`new/${template}.arch.yaml`);
      const published = waitForDiagnostics(uri, () => true);
      const result = await vscode.commands.executeCommand<vscode.Uri>('archflow.newArchitecture', { template, name: `my-${template}`, uri });
      assert.equal(result?.toString(), uri.toString());
      assert.match(readFileSync(uri.fsPath, 'utf8'), new RegExp(`^name: my-${template}$`, 'm'));
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'archflow');
      assert.deepEqual(summarize(await published), []);
    });
  }

  it('never overwrites an existing file', async () => {
    const uri = fileUri('orders.arch.yaml');
    const before = readFileSync(uri.fsPath, 'utf8');
    const result = await vscode.commands.executeCommand('archflow.newArchitecture', { template: 'cron', name: 'orders', uri });
    assert.equal(result, undefined);
    assert.equal(readFileSync(uri.fsPath, 'utf8'), before);
  });

  it('refuses a name CloudFormation would reject', async () => {
    const uri = fileUri('new/bad-name.arch.yaml');
    const result = await vscode.commands.executeCommand('archflow.newArchitecture', { template: 'cron', name: '1 bad name', uri });
    assert.equal(result, undefined);
    assert.equal(existsSync(uri.fsPath), false);
  });
});
