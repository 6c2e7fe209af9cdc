import { RULES, type Severity } from '../../core/index';
import { parseCommandArgs } from '../help';
import { UsageError } from '../io';
import type { Command } from '../main';

/** One rule as `archflow rules --format json` prints it. */
export interface JsonRule {
  code: string;
  severity: Severity;
  description: string;
  /** The URL of the AWS page the rule rests on. */
  source: string;
}

/** Every lint rule as JSON, in registry order. */
export function rulesAsJson(): JsonRule[] {
  return RULES.map((r) => ({ code: r.code, severity: r.severity, description: r.description, source: r.source.url }));
}

export const rules: Command = {
  usage: 'archflow rules [options]',
  summary: 'List the lint rules: code, default severity, what each checks and its AWS source.',
  options: [
    { name: 'format', short: 'f', type: 'string', value: 'text|json', default: 'text', description: 'text: one line per rule (code, severity, what it checks); json: an array with each rule\'s AWS source URL.' },
  ],
  examples: [
    { command: 'archflow rules', what: 'Every rule with its default severity.' },
    { command: 'archflow rules --format json', what: 'The same as JSON, with the AWS page each rule rests on.' },
  ],
  exitCodes: '0 listed, 2 bad usage',
  run(argv, out) {
    const { values } = parseCommandArgs(this, argv, false);
    const format = values.format as string;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
    const list = rulesAsJson();
    if (format === 'json') {
      out.log(JSON.stringify(list, null, 2));
      return 0;
    }
    const width = Math.max(...list.map((r) => r.code.length));
    for (const r of list) out.log(`${r.code.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}`);
    out.err(`${list.length} rules. Details: docs/rules.md`);
    return 0;
  },
};
