import { existsSync, writeFileSync } from 'node:fs';
import { importTemplate } from '../../core/import/import-template';
import type { Command } from '../command';
import { onePositional, parseCommandArgs } from '../help';
import { LineIndex, readText } from '../io';

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
  exitCodes: '0 imported, 1 the template cannot be read as CloudFormation or --out exists, 2 bad usage or an unreadable file',
  run(argv, out) {
    const { values, positionals } = parseCommandArgs(this, argv);
    const file = onePositional(positionals, 'one template');
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const result = importTemplate(read.text, file);
    if (result.problems.length > 0) {
      const index = new LineIndex(read.text);
      for (const p of result.problems) {
        const pos = index.position(p.span.start);
        out.err(`${file}:${pos.line}:${pos.column} ${p.severity} ${p.code} ${p.message}`);
      }
      return 1;
    }
    const target = values.out as string | undefined;
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
