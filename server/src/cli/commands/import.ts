import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importTemplate } from '../../core/import/import-template';
import { encodingProblems, LineIndex, readText, UsageError } from '../io';
import type { Command } from '../command';

/**
 * `archflow import <template> [-o out.arch.yaml] [--force]`: an AWS SAM or CloudFormation template
 * (YAML or JSON) as an architecture file, printed or written. What was approximated is listed at the
 * top of the file. A template that cannot be read prints `file:line:col error import/parse …` and
 * exits 1; an existing output file is kept unless `--force`.
 */
export const importCommand: Command = {
  usage: 'archflow import <template.yaml|template.json> [-o <out.arch.yaml>] [--force]',
  summary: 'Import an AWS SAM or CloudFormation template as an architecture file.',
  run(argv, out) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        force: { type: 'boolean', short: 'f', default: false },
      },
    });
    if (positionals.length !== 1) throw new UsageError('name exactly one template');
    const file = positionals[0]!;
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const result = importTemplate(read.text, file);
    const problems = [...encodingProblems(read), ...result.problems];
    if (problems.length > 0) {
      const index = new LineIndex(read.text);
      for (const p of problems) {
        const pos = index.position(p.span.start);
        out.err(`${file}:${pos.line}:${pos.column} ${p.severity} ${p.code} ${p.message}`);
      }
      return 1;
    }
    const target = values.out;
    if (target === undefined) {
      out.log(result.yaml.replace(/\n$/, ''));
      return 0;
    }
    if (existsSync(target) && !values.force) {
      out.err(`archflow import: ${target} already exists; pass --force to overwrite it.`);
      return 1;
    }
    writeFileSync(target, result.yaml);
    const n = result.notes.length;
    out.err(`Wrote ${target}${n > 0 ? `: ${n} approximation${n === 1 ? '' : 's'} listed at the top of the file` : ''}. Check it with \`archflow lint ${target}\`.`);
    return 0;
  },
};
