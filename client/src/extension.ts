import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startClient } from './client';
import { createCommands } from './commands';
import { createStatusItem } from './status';

let client: LanguageClient | undefined;

/** Activates on the `archflow` language or an Archflow command: starts the server, registers the rest. */
export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const output = vscode.window.createOutputChannel('Archflow', { log: true });
  context.subscriptions.push(output, createStatusItem());
  client = await startClient(context, output);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  const ctx = { extension: context, client, output };
  for (const [id, factory] of Object.entries(createCommands())) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
