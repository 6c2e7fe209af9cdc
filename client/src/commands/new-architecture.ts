import * as vscode from 'vscode';
import type { CommandFactory } from '../command';
import { walkthroughDone } from '../status';
import { ARCHITECTURE_NAME, TEMPLATES, renderTemplate, type ArchitectureTemplate } from '../templates';

/**
 * Optional arguments of `archflow.newArchitecture`, for walkthrough links and tests. Whatever is
 * missing is asked for: the template in a quick pick, the name in an input box, the file in a
 * save dialog when `<name>.arch.yaml` already exists in the first workspace folder (or there is none).
 */
export interface NewArchitectureArgs {
  /** A template id (`api`, `file-processing`, `database-triggers`, `cron`, `stream-processing`). */
  readonly template?: string;
  /** The architecture name (letters, digits, hyphens; starts with a letter). */
  readonly name?: string;
  /** Where to write the file; refused when the file exists. */
  readonly uri?: vscode.Uri | string;
}

function readArgs(arg: unknown): NewArchitectureArgs {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri) return {};
  const a = arg as Record<string, unknown>;
  return {
    ...(typeof a.template === 'string' ? { template: a.template } : {}),
    ...(typeof a.name === 'string' ? { name: a.name } : {}),
    ...(typeof a.uri === 'string' || a.uri instanceof vscode.Uri ? { uri: a.uri } : {}),
  };
}

/** Why a name cannot be used, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (ARCHITECTURE_NAME.test(name)) return undefined;
  return 'Use letters, digits and hyphens, starting with a letter (at most 64 characters): it becomes the CloudFormation stack name.';
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function pickTemplate(): Promise<ArchitectureTemplate | undefined> {
  const picked = await vscode.window.showQuickPick(
    TEMPLATES.map((t) => ({ label: t.label, detail: t.description, template: t })),
    { title: 'Archflow: New Architecture', placeHolder: 'Choose the shape to start from', matchOnDetail: true },
  );
  return picked?.template;
}

async function chooseFile(name: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const suggested = folder ? vscode.Uri.joinPath(folder, `${name}.arch.yaml`) : undefined;
  if (suggested && !(await exists(suggested))) return suggested;
  return vscode.window.showSaveDialog({
    title: 'Save the new architecture',
    saveLabel: 'Create',
    filters: { 'Archflow architecture': ['arch.yaml', 'arch.yml'] },
    ...(suggested ? { defaultUri: suggested } : {}),
  });
}

/** "Archflow: New Architecture": writes one of the five starting shapes and opens it. Returns the file's URI. */
export const newArchitecture: CommandFactory = () => async (arg?: unknown): Promise<vscode.Uri | undefined> => {
  const args = readArgs(arg);
  let template: ArchitectureTemplate | undefined;
  if (args.template !== undefined) {
    template = TEMPLATES.find((t) => t.id === args.template);
    if (!template) {
      void vscode.window.showErrorMessage(`Archflow: there is no template '${args.template}'. Templates: ${TEMPLATES.map((t) => t.id).join(', ')}.`);
      return undefined;
    }
  } else {
    template = await pickTemplate();
    if (!template) return undefined;
  }

  const name = args.name ?? await vscode.window.showInputBox({
    title: `Archflow: New Architecture — ${template.label}`,
    prompt: 'Name of the architecture (also the CloudFormation stack name)',
    value: template.defaultName,
    validateInput: (value) => nameProblem(value),
  });
  if (name === undefined) return undefined;
  const problem = nameProblem(name);
  if (problem) {
    void vscode.window.showErrorMessage(`Archflow: '${name}' is not a valid architecture name. ${problem}`);
    return undefined;
  }

  let uri: vscode.Uri | undefined;
  if (args.uri !== undefined) {
    uri = typeof args.uri === 'string' ? vscode.Uri.file(args.uri) : args.uri;
    if (await exists(uri)) {
      void vscode.window.showErrorMessage(`Archflow: ${vscode.workspace.asRelativePath(uri)} already exists; choose another name or file.`);
      return undefined;
    }
  } else {
    // The save dialog asks before replacing a file; the suggested file is only used when it is new.
    uri = await chooseFile(name);
    if (!uri) return undefined;
  }

  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(renderTemplate(template, name)));
  void walkthroughDone('fileCreated');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return uri;
};
