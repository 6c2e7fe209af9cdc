import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { lineAt, lineStarts } from '../core/util/lines';

/** A usage error: printed with the usage line, exit code 2. */
export class UsageError extends Error {}

/** Turns `**` / `*` / `?` globs into a RegExp over `/`-separated relative paths. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const SKIP = new Set(['node_modules', '.git', 'out']);

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (SKIP.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/**
 * Expands the file arguments: plain paths, directories (their `*.arch.yaml` / `*.arch.yml` files)
 * and globs the shell did not expand. Returns files in a stable order and the arguments that matched nothing.
 */
export function expandFiles(args: readonly string[], cwd = process.cwd()): { files: string[]; unmatched: string[] } {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const arg of args) {
    if (/[*?]/.test(arg)) {
      const firstMagic = arg.search(/[*?]/);
      const base = arg.slice(0, arg.lastIndexOf('/', firstMagic) + 1) || '.';
      const pattern = globToRegExp(arg.replace(/\\/g, '/'));
      const all: string[] = [];
      walk(resolve(cwd, base), all);
      const matched = all
        .map((f) => relative(cwd, f).split(sep).join('/'))
        .filter((f) => pattern.test(f) || pattern.test('./' + f))
        .sort();
      if (matched.length === 0) unmatched.push(arg);
      files.push(...matched);
      continue;
    }
    let st;
    try {
      st = statSync(resolve(cwd, arg));
    } catch {
      unmatched.push(arg);
      continue;
    }
    if (st.isDirectory()) {
      const all: string[] = [];
      walk(resolve(cwd, arg), all);
      const found = all.filter((f) => /\.arch\.ya?ml$/.test(f)).map((f) => relative(cwd, f)).sort();
      if (found.length === 0) unmatched.push(arg);
      files.push(...found);
    } else files.push(arg);
  }
  return { files: [...new Set(files)], unmatched };
}

/** Reads a file as UTF-8 text, or returns the reason it cannot be read. */
export function readText(file: string): { text: string } | { error: string } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { error: e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message };
  }
}

/** 1-based line and column of an offset (UTF-16 columns, as editors count). */
export class LineIndex {
  private readonly starts: number[];
  constructor(text: string) {
    this.starts = lineStarts(text);
  }
  position(offset: number): { line: number; column: number } {
    const line = lineAt(this.starts, offset);
    return { line: line + 1, column: offset - this.starts[line]! + 1 };
  }
}
