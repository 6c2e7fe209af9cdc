import * as vscode from 'vscode';
import { ImportTemplateRequest, type ImportTemplateResult } from '../../../server/src/protocol';
import type { CommandFactory } from '../command';

/**
 * Arguments of `archflow.importTemplate`. Menus pass the template's URI; tests and links may pass
 * `{ template, target }`. Whatever is missing is asked for.
 */
export interface ImportTemplateArgs {
  /** The SAM or CloudFormation template. Default: the active editor's file, else an open dialog. */
  readonly template?: vscode.Uri | string;
  /** Where to write the architecture. Default: a save dialog at `<folder of the template>/<name>.arch.yaml`. */
  readonly target?: vscode.Uri | string;
}

const toUri = (v: vscode.Uri | string): vscode.Uri => (typeof v === 'string' ? vscode.Uri.parse(v) : v);

function readArgs(arg: unknown): ImportTemplateArgs {
  if (arg instanceof vscode.Uri) return { template: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const uri = (v: unknown): vscode.Uri | string | undefined => (typeof v === 'string' || v instanceof vscode.Uri ? v : undefined);
  const template = uri(a.template);
  const target = uri(a.target);
  return { ...(template ? { template } : {}), ...(target ? { target } : {}) };
}

/** Does an open document look like a template (YAML or JSON, not an architecture file)? */
function looksLikeTemplate(doc: vscode.TextDocument): boolean {
  return /\.(ya?ml|json|template)$/i.test(doc.uri.path) && !/\.arch\.ya?ml$/i.test(doc.uri.path);
}

async function chooseTemplate(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && looksLikeTemplate(active)) return active.uri;
  const picked = await vscode.window.showOpenDialog({
    title: 'Archflow: Import SAM/CloudFormation Template',
    openLabel: 'Import',
    canSelectMany: false,
    filters: { 'SAM / CloudFormation templates': ['yaml', 'yml', 'json', 'template'] },
  });
  return picked?.[0];
}

/** Largest template read (the language server's size limit, docs/limits.md; CloudFormation's own is 1 MB). */
const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;

/**
 * The template's text: the editor's (with unsaved changes) when it is open, else the file's, checked
 * before it is read (a regular file within the size limit) and decoded as UTF-8 (throws with the reason).
 */
async function readTemplate(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  const st = await vscode.workspace.fs.stat(uri);
  if (!(st.type & vscode.FileType.File)) throw new Error(st.type & vscode.FileType.Directory ? 'it is a folder' : 'it is not a regular file');
  if (st.size > MAX_TEMPLATE_BYTES) throw new Error(`it is ${(st.size / 1024 / 1024).toFixed(1)} MB; Archflow reads templates up to 4.0 MB`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
  } catch (err) {
    if (err instanceof TypeError) throw new Error('it is not UTF-8 text', { cause: err });
    throw err;
  }
}

const baseName = (uri: vscode.Uri): string => uri.path.split('/').pop() ?? uri.path;

async function showProblem(uri: vscode.Uri, result: ImportTemplateResult): Promise<void> {
  const p = result.problems[0]!;
  const choice = await vscode.window.showErrorMessage(
    `Archflow: could not import ${baseName(uri)} (line ${p.range.start.line + 1}, column ${p.range.start.character + 1}): ${p.message}`,
    'Show',
  );
  if (choice === 'Show') {
    const range = new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character);
    await vscode.window.showTextDocument(uri, { selection: range });
  }
}

/**
 * "Archflow: Import SAM/CloudFormation Template": asks the language server to convert the template
 * (`arch/import`), asks where to save (next to the template, `<stack or folder>.arch.yaml`), writes
 * the file and opens it. Returns the written file's URI.
 */
export const importTemplate: CommandFactory = ({ client, output }) => async (arg?: unknown): Promise<vscode.Uri | undefined> => {
  const args = readArgs(arg);
  const template = args.template !== undefined ? toUri(args.template) : await chooseTemplate();
  if (!template) return undefined;
  let text: string;
  try {
    text = await readTemplate(template);
  } catch (err) {
    void vscode.window.showErrorMessage(`Archflow: cannot read ${baseName(template)}: ${(err as Error).message}`);
    return undefined;
  }
  const result = await client.sendRequest(ImportTemplateRequest.type, { text, fileName: template.path });
  if (result.problems.length > 0) {
    output.warn(`import ${template.toString()}: ${result.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.code} ${p.message}`).join('; ')}`);
    void showProblem(template, result);
    return undefined;
  }
  const suggested = vscode.Uri.joinPath(template, '..', `${result.name}.arch.yaml`);
  const target = args.target !== undefined
    ? toUri(args.target)
    : await vscode.window.showSaveDialog({
      title: `Save the architecture imported from ${baseName(template)}`,
      saveLabel: 'Save Architecture',
      defaultUri: suggested,
      filters: { 'Archflow architecture': ['arch.yaml', 'arch.yml'] },
    });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.yaml));
  await vscode.window.showTextDocument(target);
  const n = result.notes.length;
  output.info(`imported ${template.toString()} into ${target.toString()} (${n} approximation${n === 1 ? '' : 's'})`);
  if (n > 0) {
    void vscode.window.showInformationMessage(`Archflow: imported ${baseName(template)}. ${n} approximation${n === 1 ? ' is' : 's are'} listed at the top of ${baseName(target)}.`);
  }
  return target;
};
