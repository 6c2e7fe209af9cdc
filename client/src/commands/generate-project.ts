import * as vscode from 'vscode';
import { GenerateRequest, type GenerateResult } from '../../../server/src/protocol';
import type { CommandFactory } from '../command';
import { walkthroughDone } from '../status';

/** Arguments of `archflow.generateProject`: menus pass the file's URI; tests may pass `{ file, outDir }`. */
export interface GenerateProjectArgs {
  readonly file?: vscode.Uri | string;
  /** The output folder; skips the questions about the folder and about errors in the file. */
  readonly outDir?: vscode.Uri | string;
  /** Replace files that are not Archflow's to rewrite without asking (tests). */
  readonly replaceEdited?: boolean;
}

/** What the command did, for tests and callers (the server's answer; `undefined` when nothing was asked). */
export type GenerateProjectOutcome = GenerateResult;

const toUri = (v: vscode.Uri | string): vscode.Uri => (typeof v === 'string' ? (/^[a-z][a-z0-9+.-]+:/i.test(v) && !/^[a-z]:[\\/]/i.test(v) ? vscode.Uri.parse(v) : vscode.Uri.file(v)) : v);

function readArgs(arg: unknown): GenerateProjectArgs {
  if (arg instanceof vscode.Uri) return { file: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const uri = (v: unknown): vscode.Uri | string | undefined => (typeof v === 'string' || v instanceof vscode.Uri ? v : undefined);
  const file = uri(a.file);
  const outDir = uri(a.outDir);
  return { ...(file ? { file } : {}), ...(outDir ? { outDir } : {}), ...(a.replaceEdited === true ? { replaceEdited: true } : {}) };
}

/**
 * `archflow.generateProject`: generates the project of the architecture in the active editor (or the
 * given file). One request: the language server decides the folder as the CLI and deploy do (the
 * file's `output:`, else `.archflow/<name>/` beside it; no question), asks before generating a file
 * with errors and before replacing anything that is not Archflow's to rewrite (modal dialogs, through
 * `arch/ask`), writes, and answers what it did and where.
 */
export const generateProject: CommandFactory = (ctx) => async (arg?: unknown): Promise<GenerateProjectOutcome | undefined> => {
  const args = readArgs(arg);
  const file = args.file ? toUri(args.file) : vscode.window.activeTextEditor?.document.languageId === 'archflow' ? vscode.window.activeTextEditor.document.uri : undefined;
  if (!file) {
    void vscode.window.showErrorMessage('Archflow: open an architecture file (*.arch.yaml) to generate its project.');
    return undefined;
  }
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(file);
  } catch {
    void vscode.window.showErrorMessage(`Archflow: cannot read ${file.fsPath}.`);
    return undefined;
  }
  if (doc.languageId !== 'archflow') {
    void vscode.window.showErrorMessage(`Archflow: ${file.fsPath} is not an architecture file (*.arch.yaml).`);
    return undefined;
  }
  const given = args.outDir ? toUri(args.outDir) : undefined;
  if (given && given.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Archflow: the project is written to a folder on this machine, not to ${given.toString()}.`);
    return undefined;
  }
  const outDir = given?.fsPath;
  // No progress notification around it: the server may ask about errors first, and writing takes milliseconds.
  const result = await ctx.client.sendRequest(GenerateRequest.type, {
    textDocument: { uri: doc.uri.toString() },
    ...(outDir ? { outDir } : {}),
    ...(given ? { ignoreErrors: true } : {}),
    ...(args.replaceEdited ? { replace: true as const } : {}),
  });
  if (!result) return undefined;
  ctx.output.info(`generate ${file.fsPath}: ${result.message}`);
  for (const p of result.created) ctx.output.info(`  created        ${p}`);
  for (const p of result.updated) ctx.output.info(`  updated        ${p}`);
  for (const r of result.replaced) ctx.output.info(`  replaced       ${r.path} (${r.detail})`);
  for (const r of result.needsConsent) ctx.output.warn(`  not replaced   ${r.path} (${r.detail})`);
  for (const p of result.orphanedHandlers) ctx.output.warn(`  ${p} left in place: its function is no longer in the architecture`);
  switch (result.status) {
    case 'written':
      void walkthroughDone('projectGenerated');
      void vscode.window.showInformationMessage(`Archflow: ${result.message}`, 'Open template.json').then((c) => {
        if (c) void vscode.window.showTextDocument(vscode.Uri.joinPath(vscode.Uri.file(result.outDir), 'template.json'));
      });
      break;
    case 'error':
      void vscode.window.showErrorMessage(`Archflow: ${result.message}`);
      break;
    case 'refused':
      void vscode.window.showWarningMessage(`Archflow: ${result.message}`);
      break;
    case 'cancelled':
    case 'dry-run':
      break;
  }
  return result;
};
