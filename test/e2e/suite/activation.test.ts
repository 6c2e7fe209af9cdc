import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { archflowDiagnostics, extension, fileUri, notes, open, waitForDiagnostics } from './helpers';

// Runs first (files run in name order): the extension must still be asleep.
describe('activation', () => {
  it('is not active before an architecture file is opened', () => {
    assert.equal(extension().isActive, false);
  });

  it('activates when an *.arch.yaml file opens, and its language server reports problems', async () => {
    const uri = fileUri('broken/references.arch.yaml');
    const started = Date.now();
    const published = waitForDiagnostics(uri, (d) => d.length > 0);
    const editor = await open('broken/references.arch.yaml');
    assert.equal(editor.document.languageId, 'archflow');
    await published;
    notes.push(`time from opening a file (extension asleep) to its first diagnostics: ${Date.now() - started} ms`);
    assert.equal(extension().isActive, true);
    assert.ok(extension().exports?.client, 'activate() returns the language client');
    assert.ok(archflowDiagnostics(uri).length > 0);
  });

  it('registers every contributed command, each titled under "Archflow"', async () => {
    const contributed: { command: string; category?: string }[] = extension().packageJSON.contributes.commands;
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c.command)).map((c) => c.command), []);
    assert.deepEqual(contributed.filter((c) => c.category !== 'Archflow').map((c) => c.command), []);
  });

  it('opens its getting-started walkthrough', async () => {
    const walkthrough = extension().packageJSON.contributes.walkthroughs[0].id as string;
    const opened = new Promise<void>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs((e) => {
        if (e.opened.length > 0 || e.changed.length > 0) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extension().id}#${walkthrough}`, false);
    await opened;
    const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    assert.ok(labels.some((l) => /welcome|walkthrough|get started|archflow/i.test(l)), `tabs: ${labels.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
