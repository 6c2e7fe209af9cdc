import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startClient } from './client';
import { createCommands } from './commands';
import { ArchflowStatus, followWalkthroughTabs, walkthroughDone } from './status';

let client: LanguageClient | undefined;

/** Activates on the `archflow` language or an Archflow command: starts the server, registers the rest. */
export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient; status: ArchflowStatus }> {
  const output = vscode.window.createOutputChannel('Archflow', { log: true });
  const status = new ArchflowStatus();
  context.subscriptions.push(output, status, followWalkthroughTabs());
  // A person who makes an architecture file by hand (not with New Architecture) completes the first walkthrough step too.
  context.subscriptions.push(vscode.workspace.onDidCreateFiles((e) => {
    if (e.files.some((f) => /\.arch\.ya?ml$/.test(f.path))) void walkthroughDone('fileCreated');
  }));
  client = await startClient(context, output, status);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  const ctx = { extension: context, client, output, status };
  for (const [id, factory] of Object.entries(createCommands())) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
  return { client, status };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
