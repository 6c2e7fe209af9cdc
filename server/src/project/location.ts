/**
 * Where the generated project of an architecture goes — one decision, used by `archflow generate`,
 * `archflow deploy`, the language server's deploy and the VS Code command "Generate Project".
 *
 * 1. an explicit folder (`--out`, or the `outDir` of a request) wins;
 * 2. else the file's top-level `output:`, relative to the file (the project then lives with the
 *    sources, to be committed: it holds the handler code people write);
 * 3. else `.archflow/<name>/` beside the file: out of the way, and kept out of git by the
 *    `.archflow/.gitignore` (`*`) that the writer puts there when it is missing. Every command that
 *    writes there says so, and how to choose a folder of your own.
 *
 * The decision is pure (paths only); `writeIgnoreFile` is the one write, for the callers that use
 * Node's file system (the VS Code command writes the same file with its own API).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** The folder a default location lives in, beside the architecture file. */
export const DEFAULT_PARENT = '.archflow';

/** The `.gitignore` that keeps `.archflow/` out of git, written only when it is missing. */
export const DEFAULT_PARENT_GITIGNORE =
  '# Written by Archflow: generated projects live here until the architecture file sets `output:`.\n' +
  '# Everything in this folder is ignored by git, this file included.\n*\n';

/** Where a generated project goes, and why. */
export interface ProjectLocation {
  /** The folder, absolute when the file's path is. */
  readonly dir: string;
  /** `option`: given explicitly; `file`: the file's `output:`; `default`: `.archflow/<name>/` beside the file. */
  readonly source: 'option' | 'file' | 'default';
  /** For the default location: the ignore file to write when it is missing. */
  readonly ignoreFile?: { readonly path: string; readonly content: string };
}

/** The `name` and `output` of a parsed architecture file (anything else in it is ignored). */
function field(root: unknown, key: 'name' | 'output'): string | undefined {
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined;
  const v = (root as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A name that is safe as one folder name: the architecture's name, else the file's. */
function folderName(file: string, root: unknown): string {
  const name = field(root, 'name');
  if (name && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return name;
  return basename(file).replace(/\.arch\.ya?ml$/, '').replace(/\.ya?ml$/, '') || 'app';
}

/**
 * The project folder of the architecture `file` (a file system path) whose parsed value is `root`;
 * `explicit` is a folder given on the command line or in a request.
 */
export function projectLocation(file: string, root: unknown, explicit?: string): ProjectLocation {
  if (explicit !== undefined && explicit.trim() !== '') return { dir: explicit, source: 'option' };
  const output = field(root, 'output');
  if (output !== undefined) return { dir: isAbsolute(output) ? output : join(dirname(file), output), source: 'file' };
  const parent = join(dirname(file), DEFAULT_PARENT);
  return {
    dir: join(parent, folderName(file, root)),
    source: 'default',
    ignoreFile: { path: join(parent, '.gitignore'), content: DEFAULT_PARENT_GITIGNORE },
  };
}

/** The folder as a person reads it: relative to `cwd` when inside it, else absolute. */
export function shownPath(dir: string, cwd = process.cwd()): string {
  const rel = relative(cwd, resolve(dir));
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? resolve(dir) : rel;
}

/**
 * One line saying where the project is and why there: printed by every command that writes it.
 * `file` is the architecture file as the person named it.
 */
export function describeLocation(location: ProjectLocation, file: string, cwd = process.cwd()): string {
  const where = shownPath(location.dir, cwd);
  switch (location.source) {
    case 'option': return `Project folder: ${where} (--out)`;
    case 'file': return `Project folder: ${where} (output: in ${basename(file)})`;
    case 'default':
      return `Project folder: ${where} (the default, ignored by git; to keep the project and your handler code in your repository, add \`output: ${basename(location.dir)}-app\` to ${basename(file)})`;
  }
}

/** Writes the default location's `.gitignore` when it is missing (never replaces one). Returns true when it wrote it. */
export function writeIgnoreFile(location: ProjectLocation): boolean {
  const f = location.ignoreFile;
  if (!f || existsSync(f.path)) return false;
  mkdirSync(dirname(f.path), { recursive: true });
  writeFileSync(f.path, f.content, { flag: 'wx' });
  return true;
}
