import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../../server/src/core/index';

/** One case of a rule's table: a minimal architecture with `#  ^^^ severity: message` annotations. */
export interface RuleCase {
  readonly name: string;
  readonly yaml: string;
  readonly options?: AnalyzeOptions;
}

/** An expected or actual problem, in line/column form (0-based). */
export interface Annotated {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly severity: string;
  readonly message: string;
  /** The title of the problem's quick fix, when the case states it (`#   fix: Set retention to 24 h`). */
  fix?: string;
}

/** A line under an annotation stating its quick fix: `#   fix: <title>` (`fix: none` for no fix). */
const FIX_LINE = /^\s*#\s*fix:\s?(.*)$/;

const ANNOTATION = /^(\s*#\s*?)(\s*)(\^+)\s+(error|warning|info):\s?(.*)$/;

/**
 * Reads the annotations of a fixture: a comment line whose carets sit under the problem's span on
 * the closest line above that is not itself an annotation.
 */
export function readAnnotations(text: string): Annotated[] {
  const lines = text.split('\n');
  const out: Annotated[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const fix = FIX_LINE.exec(line);
    if (fix && out.length > 0) {
      out[out.length - 1]!.fix = fix[1]!.trim();
      return;
    }
    const m = ANNOTATION.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const start = line.indexOf('^');
    out.push({ line: target, start, end: start + m[3]!.length, severity: m[4]!, message: m[5]!.trim() });
  });
  return out;
}

/** Converts offsets to the same line/column form. */
export function toAnnotated(text: string, problems: readonly { span: { start: number; end: number }; severity: string; message: string; fix?: { title: string } }[]): Annotated[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const pos = (offset: number): [number, number] => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
    return [line, offset - starts[line]!];
  };
  return problems.map((p) => {
    const [line, start] = pos(p.span.start);
    const [endLine, endCol] = pos(p.span.end);
    return { line, start, end: endLine === line ? endCol : start + 1, severity: p.severity, message: p.message };
  });
}

/** "Today" for rule tables (runtime lifecycle), unless a case sets `options.today`. */
export const RULE_CASES_TODAY = new Date('2026-11-28T00:00:00Z');

/** Receives every rule table instead of `testRule` (see `collectRuleCases`). */
export type RuleCaseCollector = (code: string, cases: readonly RuleCase[]) => void;

let collector: RuleCaseCollector | undefined;

/**
 * While a collector is set, `testRule` hands its table to it instead of defining tests: this is how
 * test/unit/rules/quick-fixes.test.ts applies the quick fix of every case of every rule table.
 */
export function collectRuleCases(c: RuleCaseCollector | undefined): void {
  collector = c;
}

/**
 * Runs one rule over a table of cases and compares its problems (and only its problems) with the
 * annotations in each case. A case without annotations must give no problem. Every case whose
 * problems carry a fix is also checked by test/unit/rules/quick-fixes.test.ts.
 */
export function testRule(code: string, cases: readonly RuleCase[]): void {
  if (collector) {
    collector(code, cases);
    return;
  }
  describe(code, () => {
    for (const c of cases) {
      it(c.name, () => {
        const text = c.yaml.replace(/^\n/, '');
        const analysis = analyze(text, { today: RULE_CASES_TODAY, ...c.options, only: [code] });
        const expected = readAnnotations(text);
        const problems = analysis.problems.filter((p) => p.code === code);
        // A fix title is compared where the case states one (`#   fix: <title>`).
        const actual = toAnnotated(text, problems).map((a, i) =>
          expected[i]?.fix !== undefined ? { ...a, fix: problems[i]!.fix?.title ?? 'none' } : a);
        expect(actual).toEqual(expected);
      });
    }
  });
}
