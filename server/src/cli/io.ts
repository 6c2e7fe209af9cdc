import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Problem } from '../core/span';
import { lineAt, lineStarts } from '../core/util/lines';
import { readTextFile, type EncodingError } from '../fs/read-text';

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
    // Folders are followed, links to folders not (no loops). Everything else is a candidate file: a
    // link to a file is read through it, and a named pipe, a device or a dangling link named like an
    // architecture is refused with its reason (`readText`) instead of being left out without a word.
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
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
    } catch (err) {
      // A symbolic link loop or to nothing, a folder it may not read…: `readText` names the reason.
      let link = false;
      try {
        link = lstatSync(resolve(cwd, arg)).isSymbolicLink();
      } catch {}
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !link) unmatched.push(arg);
      else files.push(arg);
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

/**
 * Reads a file as UTF-8 text (see fs/read-text.ts: only regular files, the size checked from `stat`
 * and while reading), or returns the reason it cannot be read; `tooLarge` marks a file over the size
 * limit (lint reports it as `file/too-large`). Invalid UTF-8 is read as U+FFFD and returned in
 * `encoding` (`encodingProblems` turns it into `file/encoding`).
 */
export function readText(file: string): { text: string; encoding?: EncodingError } | { error: string; tooLarge?: boolean } {
  const read = readTextFile(file);
  if ('error' in read) return read.error.reason === 'too-large' ? { error: read.error.message, tooLarge: true } : { error: read.error.message };
  return read;
}

/** `file/encoding` for text read from bytes that are not UTF-8 (none for valid UTF-8). */
export function encodingProblems(read: { encoding?: EncodingError }): Problem[] {
  const e = read.encoding;
  if (!e) return [];
  const hex = e.byte.toString(16).toUpperCase().padStart(2, '0');
  return [{
    code: 'file/encoding', severity: 'error', pointer: [],
    message: `This file is not valid UTF-8: byte 0x${hex} at byte ${e.byteOffset} is not part of a UTF-8 character (it reads as U+FFFD). Save the file as UTF-8.`,
    span: { start: e.offset, end: e.offset + 1 },
  }];
}

/**
 * `ARCHFLOW_FAST_YAML=off` (or `0`, `false`): read every file with the `yaml` package, never the fast
 * path, to rule it out of a bug report (docs/settings.md).
 */
export function fastYamlOption(env: NodeJS.ProcessEnv = process.env): { fastYaml?: false } {
  return /^(off|0|false|no)$/i.test(env.ARCHFLOW_FAST_YAML ?? '') ? { fastYaml: false } : {};
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
