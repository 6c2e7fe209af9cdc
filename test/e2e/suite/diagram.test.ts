import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fileUri, open, waitFor } from './helpers';

const { parse } = require('yaml') as typeof import('yaml');

/** The tab of the diagram webview of a file, if open. */
function diagramTab(file: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview
    && t.input.viewType.endsWith('archflow.diagram') && t.label === `Diagram: ${file}`);
}

describe('Archflow: Open Diagram', () => {
  it('opens the diagram of the active file in a webview beside the editor', async () => {
    const editor = await open('orders.arch.yaml');
    const opened = waitFor([vscode.window.tabGroups.onDidChangeTabs], () => diagramTab('orders.arch.yaml'), 20_000,
      () => `tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')}`);
    await vscode.commands.executeCommand('archflow.openDiagram');
    const tab = await opened;
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor, not over it');
  });

  it('gets every node and edge of the file from the language server (arch/diagram)', async () => {
    const uri = fileUri('orders.arch.yaml');
    const doc = parse((await vscode.workspace.openTextDocument(uri)).getText()) as Record<string, Record<string, unknown>>;
    const declared = ['producers', 'routers', 'consumers'].flatMap((s) => Object.keys(doc[s] ?? {})).sort();
    const client = (await api()).client as { sendRequest(method: string, params: unknown): Promise<{ diagram: { nodes: { id: string }[]; edges: unknown[] } } | null> };
    const result = await client.sendRequest('arch/diagram', { textDocument: { uri: uri.toString() } });
    assert.ok(result, 'a diagram for the open file');
    assert.deepEqual(result.diagram.nodes.map((n) => n.id).sort(), declared);
    assert.ok(result.diagram.edges.length >= declared.length - 1, `${result.diagram.edges.length} edges`);
  });

  it('running it again shows the same panel instead of a second one', async () => {
    await open('orders.arch.yaml');
    await vscode.commands.executeCommand('archflow.openDiagram');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'Diagram: orders.arch.yaml');
    assert.equal(tabs.length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
