import * as vscode from 'vscode';
import {
  decideWrites, GenerateRequest, isSafeRelativePath, MANIFEST_PATH, parseManifest, type GenerateResult, type WriteDecision,
} from '../../../server/src/protocol';
import type { CommandContext, CommandFactory } from '../command';

/** Arguments of `archflow.generateProject`: menus pass the file's URI; tests may pass `{ file, outDir }`. */
export interface GenerateProjectArgs {
  readonly file?: vscode.Uri | string;
  /** The output folder; skips the question. */
  readonly outDir?: vscode.Uri | string;
  /** Replace generated files the user edited without asking (tests). */
  readonly replaceEdited?: boolean;
}

/** What the command did, for tests and callers. */
export interface GenerateProjectOutcome {
  readonly outDir: string;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  readonly leftAlone: readonly string[];
  readonly replacedEdited: readonly string[];
  readonly orphanedHandlers: readonly string[];
}

const toUri = (v: vscode.Uri | string): vscode.Uri => (typeof v === 'string' ? (/^[a-z][a-z0-9+.-]+:/i.test(v) && !/^[a-z]:[\\/]/i.test(v) ? vscode.Uri.parse(v) : vscode.Uri.file(v)) : v);
const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

function readArgs(arg: unknown): GenerateProjectArgs {
  if (arg instanceof vscode.Uri) return { file: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const uri = (v: unknown): vscode.Uri | string | undefined => (typeof v === 'string' || v instanceof vscode.Uri ? v : undefined);
  const file = uri(a.file);
  const outDir = uri(a.outDir);
  return { ...(file ? { file } : {}), ...(outDir ? { outDir } : {}), ...(a.replaceEdited === true ? { replaceEdited: true } : {}) };
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

const rememberKey = (file: vscode.Uri): string => `archflow.generate.outDir:${file.toString()}`;

/** Asks for the output folder: the one used last time for this file, else `<folder of the file>/<name>-app`. */
async function chooseOutDir(ctx: CommandContext, file: vscode.Uri, name: string): Promise<vscode.Uri | undefined> {
  const remembered = ctx.extension.workspaceState.get<string>(rememberKey(file));
  const fallback = vscode.Uri.joinPath(file, '..', `${name}-app`);
  const initial = remembered ? vscode.Uri.parse(remembered) : fallback;
  const shown = initial.scheme === 'file' ? initial.fsPath : initial.toString();
  const answer = await vscode.window.showInputBox({
    title: 'Archflow: Generate Project',
    prompt: 'Folder of the generated project (handlers you wrote there are never overwritten)',
    value: shown,
    validateInput: (v) => (v.trim() ? undefined : 'Enter a folder'),
  });
  if (answer === undefined) return undefined;
  return answer.trim() === shown ? initial : toUri(answer.trim());
}

/** `archflow.generateProject`: generates the project of the architecture in the active editor (or the given file). */
export const generateProject: CommandFactory = (ctx) => async (arg?: unknown): Promise<GenerateProjectOutcome | undefined> => {
  const args = readArgs(arg);
  const file = args.file ? toUri(args.file) : vscode.window.activeTextEditor?.document.languageId === 'archflow' ? vscode.window.activeTextEditor.document.uri : undefined;
  if (!file) {
    void vscode.window.showErrorMessage('Archflow: open an architecture file (*.arch.yaml) to generate its project.');
    return undefined;
  }
  const text = await readText(file);
  if (text === undefined) {
    void vscode.window.showErrorMessage(`Archflow: cannot read ${file.fsPath}.`);
    return undefined;
  }
  const ask = (previousManifest?: string): Promise<GenerateResult | null> =>
    ctx.client.sendRequest(GenerateRequest.type, { textDocument: { uri: file.toString() }, text, ...(previousManifest !== undefined ? { previousManifest } : {}) });

  const first = await ask();
  if (!first) return undefined;
  const errors = first.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 && !args.outDir) {
    const list = errors.slice(0, 5).map((p) => `line ${p.line + 1}: ${p.message}`).join('\n');
    const go = await vscode.window.showWarningMessage(
      `The architecture has ${errors.length} error${errors.length === 1 ? '' : 's'}; the generated project may not deploy.`,
      { modal: true, detail: list },
      'Generate Anyway',
    );
    if (go !== 'Generate Anyway') return undefined;
  }
  const outDir = args.outDir ? toUri(args.outDir) : await chooseOutDir(ctx, file, first.name);
  if (!outDir) return undefined;
  await ctx.extension.workspaceState.update(rememberKey(file), outDir.toString());

  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Archflow: Generating project', cancellable: false }, async (progress) => {
    const target = (path: string): vscode.Uri => vscode.Uri.joinPath(outDir, ...path.split('/'));
    const read = async (path: string): Promise<string | undefined> => {
      try {
        return decoder.decode(await vscode.workspace.fs.readFile(target(path)));
      } catch {
        return undefined;
      }
    };
    progress.report({ message: 'reading the output folder' });
    const previousText = await read(MANIFEST_PATH);
    const result = previousText === undefined ? first : await ask(previousText);
    if (!result) return undefined;
    const unsafe = result.files.filter((f) => !isSafeRelativePath(f.path));
    if (unsafe.length > 0) {
      void vscode.window.showErrorMessage(`Archflow: refusing to write outside ${outDir.fsPath}: ${unsafe.map((f) => f.path).join(', ')}`);
      return undefined;
    }
    const existing = new Map<string, string | undefined>();
    for (const f of result.files) existing.set(f.path, await read(f.path));
    const decisions: WriteDecision[] = decideWrites(result.files, (p) => existing.get(p), parseManifest(previousText));
    const edited = decisions.filter((d) => d.action === 'replace-edited').map((d) => d.path);
    if (edited.length > 0 && !args.replaceEdited) {
      const choice = await vscode.window.showWarningMessage(
        `${edited.length} generated file${edited.length === 1 ? ' was' : 's were'} edited since the last generation and will be replaced.`,
        { modal: true, detail: edited.join('\n') + '\n\nPut your code in src/handlers/: Archflow never overwrites it.' },
        'Replace',
      );
      if (choice !== 'Replace') return undefined;
    }
    const toWrite = decisions.filter((d) => d.action === 'create' || d.action === 'update' || d.action === 'replace-edited');
    let done = 0;
    for (const d of toWrite) {
      progress.report({ message: d.path, increment: 100 / Math.max(1, toWrite.length) });
      await vscode.workspace.fs.writeFile(target(d.path), encoder.encode(d.content));
      done++;
    }
    const by = (action: WriteDecision['action']): string[] => decisions.filter((d) => d.action === action).map((d) => d.path);
    const outcome: GenerateProjectOutcome = {
      outDir: outDir.toString(), created: by('create'), updated: by('update'), unchanged: by('unchanged'), leftAlone: by('leave'),
      replacedEdited: by('replace-edited'), orphanedHandlers: [...result.orphanedHandlers],
    };
    ctx.output.info(`generated ${file.fsPath} into ${outDir.fsPath}: ${done} file(s) written`);
    for (const d of decisions) ctx.output.info(`  ${d.action.padEnd(14)} ${d.path}`);
    for (const p of result.orphanedHandlers) ctx.output.warn(`  ${p} left in place: its function is no longer in the architecture`);
    const summary = `${outcome.created.length} created, ${outcome.updated.length + outcome.replacedEdited.length} updated, ${outcome.unchanged.length} unchanged, ${outcome.leftAlone.length} left alone`;
    const orphans = result.orphanedHandlers.length ? ` ${result.orphanedHandlers.length} handler(s) of removed functions left in place.` : '';
    void vscode.window.showInformationMessage(`Archflow: generated '${result.name}' in ${outDir.fsPath} — ${summary}.${orphans}`, 'Open template.json').then((c) => {
      if (c) void vscode.window.showTextDocument(target('template.json'));
    });
    return outcome;
  });
};
