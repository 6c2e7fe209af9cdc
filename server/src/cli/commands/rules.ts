import { parseArgs } from 'node:util';
import { RULES, type Severity } from '../../core/index';
import { UsageError } from '../io';
import type { Command } from '../command';

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
  usage: 'archflow rules [--format text|json]',
  summary: 'List the lint rules: code, default severity, what each checks and its AWS source.',
  run(argv, out) {
    const { values } = parseArgs({ args: [...argv], options: { format: { type: 'string', short: 'f', default: 'text' } } });
    const format = values.format;
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
