import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { importTemplate } from '../../core/import/import-template';
import type { Command } from '../command';
import { onePositional, parseCommandArgs } from '../help';
import { encodingProblems, LineIndex, readText } from '../io';

/** What a person reads when --out cannot be written, by Node's error code. */
const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOENT: 'the folder cannot be created there',
  ENOSPC: 'no space left on the device',
};

/**
 * `archflow import <template> [-o out.arch.yaml] [--force]`: an AWS SAM or CloudFormation template
 * (YAML or JSON) as an architecture file, printed or written. What was approximated is listed at the
 * top of the file. A template that cannot be read prints `file:line:col error import/parse …` and
 * exits 1; an existing output file is kept unless `--force`.
 */
export const importCommand: Command = {
  usage: 'archflow import <template.yaml|template.json> [options]',
  summary: 'Import an AWS SAM or CloudFormation template as an architecture file.',
  args: [{ name: '<template>', description: 'An AWS SAM or CloudFormation template, YAML or JSON.' }],
  options: [
    { name: 'out', short: 'o', type: 'string', value: 'FILE', defaultText: 'standard output', description: 'Write the architecture to this file (e.g. orders.arch.yaml).' },
    { name: 'force', short: 'f', type: 'boolean', description: 'Overwrite --out when it exists.' },
  ],
  examples: [
    { command: 'archflow import template.yaml', what: 'Print the architecture; what was approximated is listed at its top.' },
    { command: 'archflow import template.yaml -o orders.arch.yaml', what: 'Write it to a file (refused when the file exists, unless --force).' },
  ],
  exitCodes: '0 imported, 1 the template cannot be read as CloudFormation or --out exists, 2 bad usage, an unreadable file or an --out that cannot be written',
  run(argv, out) {
    const { values, positionals } = parseCommandArgs(this, argv);
    const file = onePositional(positionals, 'one template');
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const target = values.out as string | undefined;
    // A path the template gives relative to itself (a state machine's DefinitionUri) is written relative to
    // where the architecture goes: --out, else the current folder (where `> x.arch.yaml` puts it).
    const from = target !== undefined ? dirname(resolve(target)) : process.cwd();
    const relocate = (p: string): string => {
      const r = relative(from, resolve(dirname(resolve(file)), p)).split(sep).join('/');
      return r.startsWith('../') || isAbsolute(r) ? r : `./${r}`;
    };
    const result = importTemplate(read.text, file, { relocate });
    const problems = [...encodingProblems(read), ...result.problems];
    if (problems.length > 0) {
      const index = new LineIndex(read.text);
      for (const p of problems) {
        const pos = index.position(p.span.start);
        out.err(`${file}:${pos.line}:${pos.column} ${p.severity} ${p.code} ${p.message}`);
      }
      return 1;
    }
    if (target === undefined) {
      out.log(result.yaml.replace(/\n$/, ''));
      return 0;
    }
    if (existsSync(target) && !values.force) {
      out.err(`archflow import: ${target} already exists; pass --force to overwrite it.`);
      return 1;
    }
    try {
      // `-o out/orders.arch.yaml` makes `out/`, as `generate --out` does.
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, result.yaml);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      out.err(`archflow import: cannot write ${target}: ${WRITE_ERRORS[e.code ?? ''] ?? e.message}. Nothing was written.`);
      return 2;
    }
    const n = result.notes.length;
    out.err(`Wrote ${target}${n > 0 ? `: ${n} approximation${n === 1 ? '' : 's'} listed at the top of the file` : ''}. Check it with \`archflow lint ${target}\`.`);
    return 0;
  },
};
