import { parseArgs } from 'node:util';
import { ADJUSTABLE_LIMITS, analyze, docsUrl, PROBLEM_CODES_BY_CODE, RULES, RULES_BY_CODE, type Limits, type Problem, type Severity } from '../../core/index';
import { encodingProblems, expandFiles, fastYamlOption, LineIndex, readText, UsageError } from '../io';
import type { Command } from '../command';

/** One problem as `--format json` prints it (lines and columns 1-based). */
export interface JsonProblem {
  file: string;
  code: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function toJson(file: string, text: string, problems: readonly Problem[]): JsonProblem[] {
  const index = new LineIndex(text);
  return problems.map((p) => {
    const s = index.position(p.span.start);
    const e = index.position(p.span.end);
    return { file, code: p.code, severity: p.severity, message: p.message, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  });
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

function toSarif(results: readonly JsonProblem[], version: string): unknown {
  const codes = [...new Set(results.map((r) => r.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'archflow',
          informationUri: 'https://github.com/archflow/archflow',
          version,
          rules: codes.map((code) => {
            const rule = RULES_BY_CODE.get(code);
            const registered = PROBLEM_CODES_BY_CODE.get(code);
            const help = docsUrl(code);
            return {
              id: code,
              shortDescription: { text: registered?.description ?? code },
              ...(help ? { helpUri: help } : {}),
              ...(rule ? { fullDescription: { text: rule.why } } : {}),
              defaultConfiguration: { level: SARIF_LEVEL[registered?.severity ?? 'error'] },
            };
          }),
        },
      },
      results: results.map((r) => ({
        ruleId: r.code,
        ruleIndex: codes.indexOf(r.code),
        level: SARIF_LEVEL[r.severity],
        message: { text: r.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: r.file.split('\\').join('/') },
            region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
          },
        }],
      })),
    }],
  };
}

function parseRuleFlags(values: readonly string[]): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  for (const v of values) {
    const m = /^([^=]+)=(off|error|warning|info)$/.exec(v);
    if (!m) throw new UsageError(`--rule expects CODE=off|error|warning|info, got '${v}'`);
    if (!RULES.some((r) => r.code === m[1])) throw new UsageError(`--rule: unknown rule '${m[1]}' (see \`archflow rules\`)`);
    out[m[1]!] = m[2] as Severity | 'off';
  }
  return out;
}

/** `--limit accountConcurrency=3000` → `{ accountConcurrency: 3000 }`; only adjustable quotas. */
function parseLimitFlags(values: readonly string[]): Partial<Limits> {
  const out: Partial<Record<keyof Limits, number>> = {};
  for (const v of values) {
    const m = /^([^=]+)=(.*)$/.exec(v);
    const name = m?.[1] as (typeof ADJUSTABLE_LIMITS)[number] | undefined;
    if (!m || !name) throw new UsageError(`--limit expects NAME=NUMBER, got '${v}'`);
    if (!ADJUSTABLE_LIMITS.includes(name)) throw new UsageError(`--limit: '${name}' is not an adjustable quota; use one of ${ADJUSTABLE_LIMITS.join(', ')}`);
    const value = Number(m[2]);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(m[2]!) || !(value > 0)) throw new UsageError(`--limit ${name} expects a positive number, got '${m[2]}'`);
    out[name] = value;
  }
  return out;
}

export const lint: Command = {
  usage: 'archflow lint <files, folders or globs…> [--format text|json|sarif] [--rule CODE=off|error|warning|info]… [--limit NAME=NUMBER]…',
  summary: 'Check architecture files; exit 1 when any has an error.',
  run(argv, out, version) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { format: { type: 'string', short: 'f', default: 'text' }, rule: { type: 'string', multiple: true, default: [] }, limit: { type: 'string', multiple: true, default: [] } },
    });
    const format = values.format;
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
    if (positionals.length === 0) throw new UsageError('name at least one file, folder or glob');
    const rules = parseRuleFlags(values.rule ?? []);
    const limits = parseLimitFlags(values.limit ?? []);
    const { files, unmatched } = expandFiles(positionals);
    let unreadable = unmatched.length > 0;
    for (const u of unmatched) out.err(`archflow: ${u}: no such file (or no *.arch.yaml in it)`);
    const all: JsonProblem[] = [];
    for (const file of files) {
      const read = readText(file);
      if ('error' in read) {
        if (read.tooLarge) {
          // Refused from its size before reading: a problem of the file, as the editor shows it.
          all.push({ file, code: 'file/too-large', severity: 'error', message: `This file ${read.error}. Split it into several architectures.`, line: 1, column: 1, endLine: 1, endColumn: 1 });
          continue;
        }
        out.err(`archflow: ${file}: ${read.error}`);
        unreadable = true;
        continue;
      }
      const problems = [...encodingProblems(read), ...analyze(read.text, { rules, limits, ...fastYamlOption() }).problems].sort((a, b) => a.span.start - b.span.start);
      all.push(...toJson(file, read.text, problems));
    }
    if (format === 'json') out.log(JSON.stringify(all, null, 2));
    else if (format === 'sarif') out.log(JSON.stringify(toSarif(all, version), null, 2));
    else {
      for (const p of all) out.log(`${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`);
      const errors = all.filter((p) => p.severity === 'error').length;
      const warnings = all.filter((p) => p.severity === 'warning').length;
      out.err(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${all.length - errors - warnings} info`);
    }
    if (unreadable) return 2;
    return all.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
