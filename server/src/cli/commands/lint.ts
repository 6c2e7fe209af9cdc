import { filesNextTo } from '../../project/referenced-files';
import { ADJUSTABLE_LIMITS, analyze, DEFAULT_LIMITS, docsUrl, PROBLEM_CODES_BY_CODE, RULES, RULES_BY_CODE, type Limits, type Problem, type Severity } from '../../core/index';
import type { Command } from '../command';
import { parseCommandArgs } from '../help';
import { encodingProblems, expandFiles, fastYamlOption, LineIndex, readText, UsageError } from '../io';
import { breathe, startProgress } from '../progress';
import { PLAIN } from '../style';

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
    // Quotas are counts, characters or seconds: whole numbers, as the editor's settings (`"type": "integer"`).
    if (!/^\s*\d+\s*$/.test(m[2]!) || !(value > 0)) throw new UsageError(`--limit ${name} expects a positive whole number, got '${m[2]}'`);
    out[name] = value;
  }
  return out;
}

const LIMIT_WHAT: Record<(typeof ADJUSTABLE_LIMITS)[number], string> = {
  accountConcurrency: 'Lambda concurrent executions of the account in the Region',
  eventBridgeRulesPerBus: 'rules per EventBridge event bus',
  eventBridgePatternChars: 'characters in an EventBridge event pattern',
  restApiTimeout: 'seconds of a REST API integration timeout (raised on request)',
  eventBridgeBusesPerAccount: 'EventBridge event buses of the account in the Region',
  httpApiRoutes: 'routes per HTTP API',
  restApiResources: 'resources (paths) per REST API',
  snsFilterPoliciesPerTopic: 'SNS filter policies per topic',
  snsFilterPoliciesPerAccount: 'SNS filter policies of the account in the Region',
};

export const lint: Command = {
  usage: 'archflow lint <files, folders or globs…> [options]',
  summary: 'Check architecture files; exit 1 when any has an error.',
  args: [{ name: '<files…>', description: 'Architecture files, folders (their *.arch.yaml and *.arch.yml files, recursively) or quoted globs such as \'src/**/*.arch.yaml\'.' }],
  options: [
    { name: 'format', short: 'f', type: 'string', value: 'text|json|sarif', default: 'text', description: 'text: one `file:line:col severity code message` line per problem and a summary on stderr; json: an array of problems; sarif: SARIF 2.1.0 for code scanning.' },
    { name: 'rule', type: 'string', multiple: true, value: 'CODE=off|error|warning|info', default: [], defaultText: 'each rule\'s own severity (`archflow rules`)', description: 'Turn a rule off or change its severity.' },
    { name: 'limit', type: 'string', multiple: true, value: 'NAME=NUMBER', default: [], defaultText: 'the AWS defaults below', description: 'Your account\'s value of an adjustable AWS quota (names below).' },
  ],
  notes: [
    'Quotas --limit accepts (AWS default):',
    ...ADJUSTABLE_LIMITS.map((n) => `  ${n.padEnd(27)} ${String(DEFAULT_LIMITS[n]).padStart(5)}  ${LIMIT_WHAT[n]}`),
  ],
  examples: [
    { command: 'archflow lint examples/*.arch.yaml', what: 'Check files; problems as file:line:col severity code message.' },
    { command: 'archflow lint . --format sarif > archflow.sarif', what: 'Every architecture under the current folder, as SARIF for GitHub code scanning.' },
    { command: 'archflow lint orders.arch.yaml --rule sqs/no-consumer=off --limit accountConcurrency=3000', what: 'Without one rule, for an account with a raised concurrency quota.' },
  ],
  exitCodes: '0 no errors (warnings and info allowed), 1 errors found, 2 bad usage or a file that cannot be read',
  async run(argv, out, version) {
    const { values, positionals } = parseCommandArgs(this, argv);
    const format = values.format as string;
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
    if (positionals.length === 0) throw new UsageError('name at least one file, folder or glob');
    const rules = parseRuleFlags((values.rule as string[] | undefined) ?? []);
    const limits = parseLimitFlags((values.limit as string[] | undefined) ?? []);
    const { files, unmatched } = expandFiles(positionals);
    let unreadable = unmatched.length > 0;
    for (const u of unmatched) out.err(`archflow: ${u}: no such file (or no *.arch.yaml in it)`);
    const all: JsonProblem[] = [];
    const progress = startProgress(out);
    let checked = 0;
    let notRead = 0;
    for (const file of files) {
      progress.phase(`checking ${file}${files.length > 1 ? ` (${checked + 1} of ${files.length})` : ''}`);
      await breathe();
      checked++;
      const read = readText(file);
      if ('error' in read) {
        if (read.tooLarge) {
          // Refused from its size before reading: a problem of the file, as the editor shows it.
          all.push({ file, code: 'file/too-large', severity: 'error', message: `This file ${read.error}. Split it into several architectures.`, line: 1, column: 1, endLine: 1, endColumn: 1 });
          continue;
        }
        out.err(`archflow: ${file}: ${read.error}`);
        unreadable = true;
        notRead++;
        continue;
      }
      const problems = [...encodingProblems(read), ...analyze(read.text, { rules, limits, ...fastYamlOption(), files: filesNextTo(file) }).problems].sort((a, b) => a.span.start - b.span.start);
      all.push(...toJson(file, read.text, problems));
    }
    progress.done();
    if (format === 'json') out.log(JSON.stringify(all, null, 2));
    else if (format === 'sarif') out.log(JSON.stringify(toSarif(all, version), null, 2));
    else {
      const style = out.style?.out ?? PLAIN;
      const paint = { error: style.red, warning: style.yellow, info: style.blue } as const;
      for (const p of all) out.log(`${style.bold(`${p.file}:${p.line}:${p.column}`)} ${paint[p.severity](p.severity)} ${style.dim(p.code)} ${p.message}`);
      const errors = all.filter((p) => p.severity === 'error').length;
      const warnings = all.filter((p) => p.severity === 'warning').length;
      const read = files.length - notRead;
      const skipped = notRead > 0 ? ` (${notRead} could not be read)` : '';
      out.err(`${read} file${read === 1 ? '' : 's'} checked${skipped}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${all.length - errors - warnings} info`);
    }
    if (unreadable) return 2;
    return all.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
