import * as vscode from 'vscode';
import { DeleteStackRequest, DeployLogNotification, DeployRequest, StackOutputsRequest, type DeployTarget } from '../../../server/src/protocol';
import type { CommandContext, CommandFactory } from '../command';
import { walkthroughDone } from '../status';

const listening = new WeakSet<object>();

/** Routes the server's deploy log to the output channel (once per client). */
function listen(ctx: CommandContext): void {
  if (listening.has(ctx.client)) return;
  listening.add(ctx.client);
  ctx.extension.subscriptions.push(ctx.client.onNotification(DeployLogNotification.type, (p) => ctx.output.info(`[deploy] ${p.line}`)));
}

/** The active architecture file (or the one a command was invoked on). */
async function architectureDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
  if (!doc || doc.languageId !== 'archflow') {
    void vscode.window.showErrorMessage('Archflow: open an architecture file (*.arch.yaml) first.');
    return undefined;
  }
  if (doc.isDirty) await doc.save();
  return doc;
}

/** Where to deploy, from the settings `archflow.deploy.*` of the file's folder. */
function targetOf(doc: vscode.TextDocument): DeployTarget {
  const c = vscode.workspace.getConfiguration('archflow.deploy', doc.uri);
  const pick = (key: string): string | undefined => {
    const v = c.get<string>(key);
    return v && v.trim() ? v.trim() : undefined;
  };
  const stack = pick('stackName');
  const region = pick('region');
  const profile = pick('profile');
  const endpoint = pick('endpoint');
  return { ...(stack ? { stack } : {}), ...(region ? { region } : {}), ...(profile ? { profile } : {}), ...(endpoint ? { endpoint } : {}) };
}

/** Offers each output with copy and, for URLs, open actions. */
async function showOutputs(stack: string, outputs: Readonly<Record<string, string>>): Promise<void> {
  const entries = Object.entries(outputs);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(`Stack ${stack} has no outputs.`);
    return;
  }
  const item = await vscode.window.showQuickPick(entries.map(([k, v]) => ({ label: k, description: v })), { title: `Outputs of ${stack}`, placeHolder: 'Pick an output to copy or open it' });
  if (!item) return;
  const actions = /^https?:\/\//.test(item.description) ? ['Copy', 'Open'] : ['Copy'];
  const action = actions.length === 1 ? 'Copy' : await vscode.window.showQuickPick(actions, { title: item.label });
  if (action === 'Copy') {
    await vscode.env.clipboard.writeText(item.description);
    void vscode.window.showInformationMessage(`Copied ${item.label}.`);
  } else if (action === 'Open') await vscode.env.openExternal(vscode.Uri.parse(item.description));
}

/** Archflow: Deploy — generate, build, upload, change set, confirm, execute, with progress and cancel. */
export const deployCommand: CommandFactory = (ctx) => async (arg?: unknown) => {
  listen(ctx);
  const doc = await architectureDocument(arg);
  if (!doc) return undefined;
  const target = targetOf(doc);
  ctx.output.show(true);
  // The stack's name for the status bar: the setting, else the file's `name:` (what the server will use).
  const stackName = target.stack ?? /^name:\s*([A-Za-z][A-Za-z0-9-]*)\s*(#.*)?$/m.exec(doc.getText())?.[1] ?? 'archflow';
  ctx.status.setDeploying(doc.uri, stackName);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Archflow: deploying ${stackName}`, cancellable: true },
    async (progress, token) => {
      const sub = ctx.client.onNotification(DeployLogNotification.type, (p) => {
        if (p.uri === doc.uri.toString()) progress.report({ message: p.line.slice(0, 120) });
      });
      try {
        return await ctx.client.sendRequest(DeployRequest.type, { textDocument: { uri: doc.uri.toString() }, ...target, serverProgress: false }, token);
      } finally {
        sub.dispose();
        ctx.status.setDeploying(doc.uri, undefined);
      }
    },
  );
  switch (outcome.status) {
    case 'deployed':
    case 'no-changes': {
      void walkthroughDone('deployed');
      // Not awaited: the command ends when the deploy does, not when the notification is dismissed.
      void vscode.window.showInformationMessage(`Archflow: ${outcome.message}`, ...(outcome.outputs && Object.keys(outcome.outputs).length ? ['Show Outputs'] : []))
        .then((choice) => (choice === 'Show Outputs' && outcome.outputs ? showOutputs(outcome.stack, outcome.outputs) : undefined));
      break;
    }
    case 'cancelled':
      void vscode.window.showWarningMessage(`Archflow: ${outcome.message}`);
      break;
    case 'failed':
    case 'error':
      void vscode.window.showErrorMessage(`Archflow: ${outcome.message}`, 'Show Log').then((c) => c && ctx.output.show());
      break;
  }
  return outcome;
};

/** Archflow: Show Stack Outputs. */
export const showStackOutputs: CommandFactory = (ctx) => async (arg?: unknown) => {
  const doc = await architectureDocument(arg);
  if (!doc) return undefined;
  const r = await ctx.client.sendRequest(StackOutputsRequest.type, { textDocument: { uri: doc.uri.toString() }, ...targetOf(doc) });
  if (r.error) void vscode.window.showErrorMessage(`Archflow: ${r.error}`);
  else if (!r.outputs) void vscode.window.showInformationMessage(`Archflow: stack ${r.stack} is not deployed.`);
  else await showOutputs(r.stack, r.outputs);
  return r;
};

/** Archflow: Delete Stack — after a modal confirmation naming the stack. */
export const deleteStack: CommandFactory = (ctx) => async (arg?: unknown) => {
  listen(ctx);
  const doc = await architectureDocument(arg);
  if (!doc) return undefined;
  const target = targetOf(doc);
  const name = target.stack ?? 'the stack of this architecture';
  const sure = await vscode.window.showWarningMessage(`Delete ${name} and every resource in it?`, { modal: true, detail: 'Queues, tables, buckets and their data are deleted with it.' }, 'Delete Stack');
  if (sure !== 'Delete Stack') return undefined;
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Archflow: deleting ${name}` },
    () => ctx.client.sendRequest(DeleteStackRequest.type, { textDocument: { uri: doc.uri.toString() }, ...target }));
  if (r.status === 'failed' || r.status === 'error') void vscode.window.showErrorMessage(`Archflow: ${r.message}`);
  else void vscode.window.showInformationMessage(`Archflow: ${r.message}`);
  return r;
};
