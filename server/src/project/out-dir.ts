import { basename, dirname, join } from 'node:path';

/**
 * The default folder of a generated project: `<folder of the file>/<architecture name>-app`. The CLI's
 * `generate` and `deploy`, the language server and the VS Code command all use this one function.
 */
export function defaultOutDir(file: string, name: string | undefined): string {
  const base = name ?? basename(file).replace(/\.arch\.ya?ml$/, '').replace(/\.ya?ml$/, '');
  return join(dirname(file), `${base}-app`);
}
