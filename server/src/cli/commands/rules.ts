import { DOCS_BASE, PROBLEM_CODES, type CodeOrigin, type Severity } from '../../core/index';
import type { Command } from '../command';
import { parseCommandArgs } from '../help';
import { UsageError } from '../io';

/** One problem code as `archflow rules --format json` prints it. */
export interface JsonCode {
  code: string;
  severity: Severity;
  description: string;
  /** The URL of what it rests on (for a rule: the AWS page). */
  source: string;
  /** The URL of its documentation. */
  docs: string;
  /** What reports it: `format`, `rule`, `generate`, `deploy`, `import` or `internal`. */
  origin: CodeOrigin;
}

/** Every problem code as JSON, in registry order. */
export function codesAsJson(): JsonCode[] {
  return PROBLEM_CODES.map((c) => ({ code: c.code, severity: c.severity, description: c.description, source: c.source.url, docs: DOCS_BASE + c.docs, origin: c.origin }));
}

export const rules: Command = {
  usage: 'archflow rules [options]',
  summary: 'List every problem code: the lint rules and the format\'s, generation\'s, deploy\'s and import\'s own, with severity, meaning and source.',
  options: [
    { name: 'format', short: 'f', type: 'string', value: 'text|json', default: 'text', description: 'text: one line per code (code, severity, what it means); json: an array with each code\'s source and docs page.' },
  ],
  examples: [
    { command: 'archflow rules', what: 'Every problem code with its default severity.' },
    { command: 'archflow rules --format json', what: 'The same as JSON, with the AWS page each rule rests on.' },
  ],
  exitCodes: '0 listed, 2 bad usage',
  run(argv, out) {
    const { values } = parseCommandArgs(this, argv, false);
    const format = values.format as string;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
    const list = codesAsJson();
    if (format === 'json') {
      out.log(JSON.stringify(list, null, 2));
      return 0;
    }
    const width = Math.max(...list.map((r) => r.code.length));
    for (const r of list) out.log(`${r.code.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}`);
    const ruleCount = list.filter((r) => r.origin === 'rule').length;
    out.err(`${list.length} codes, ${ruleCount} of them lint rules. Details: docs/rules.md (rules) and docs/problems.md (the others).`);
    return 0;
  },
};
