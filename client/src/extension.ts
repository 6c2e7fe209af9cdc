import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startClient } from './client';
import { createCommands } from './commands';
import { createStatusItem } from './status';
import { MANAGE_TRUST, trustGate } from './trust';

let client: LanguageClient | undefined;

/** Activates on the `archflow` language or an Archflow command: starts the server, registers the rest. */
export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const output = vscode.window.createOutputChannel('Archflow', { log: true });
  context.subscriptions.push(output, createStatusItem());
  client = await startClient(context, output);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  const ctx = { extension: context, client, output };
  for (const [id, factory] of Object.entries(createCommands())) {
    const run = factory(ctx);
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => {
      // Restricted Mode: generate and deploy need trust, and say so (trust.ts).
      const gate = trustGate(id, vscode.workspace.isTrusted);
      if (gate.allowed) return run(...args);
      void vscode.window.showWarningMessage(gate.message, MANAGE_TRUST.title).then((pick) => {
        if (pick === MANAGE_TRUST.title) void vscode.commands.executeCommand(MANAGE_TRUST.command);
      });
      return undefined;
    }));
  }
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
