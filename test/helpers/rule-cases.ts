import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions, type Problem } from '../../server/src/core/index';
import { applyEdits, fixEdits } from '../../server/src/core/features/fixes';
import type { ArchDocument } from '../../server/src/core/parse/parse';

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
  /**
   * What the quick fix writes: the lines it adds or changes, as `+ <line>` (trimmed), or, when it only
   * removes lines, the removed ones as `- <line>`. Stated under the fix line.
   */
  writes?: string[];
}

/** A line under an annotation stating its quick fix: `#   fix: <title>` (`fix: none` for no fix). */
const FIX_LINE = /^\s*#\s*fix:\s?(.*)$/;
/** A line under a fix line stating a line the fix writes (`#   + <line>`) or removes (`#   - <line>`). */
const WRITES_LINE = /^\s*#\s*([+-]) (.*)$/;

const ANNOTATION = /^(\s*#\s*?)(\s*)(\^+)\s+(error|warning|info):\s?(.*)$/;

/**
 * Reads the annotations of a fixture: a comment line whose carets sit under the problem's span on
 * the closest line above that is not itself an annotation.
 */
export function readAnnotations(text: string): Annotated[] {
  const lines = text.split('\n');
  const out: Annotated[] = [];
  let target = -1;
  let afterFix = false;
  lines.forEach((line, i) => {
    const fix = FIX_LINE.exec(line);
    if (fix && out.length > 0) {
      out[out.length - 1]!.fix = fix[1]!.trim();
      afterFix = true;
      return;
    }
    const writes = afterFix ? WRITES_LINE.exec(line) : null;
    if (writes) {
      const last = out[out.length - 1]!;
      (last.writes ??= []).push(`${writes[1]} ${writes[2]!.trim()}`);
      return;
    }
    afterFix = false;
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

/** The lines of `after` that are not in `before` (`+`) and those of `before` not in `after` (`-`), by a longest common subsequence. */
export function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
  const lcs = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const added: string[] = [];
  const removed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      i++;
      j++;
    } else if (j < y.length && (i === x.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) added.push(y[j++]!);
    else removed.push(x[i++]!);
  }
  return { added, removed };
}

/**
 * What a problem's quick fix writes into the document, in the form of `Annotated.writes`: `+ <line>`
 * for each line it adds or changes; when it adds none, `- <line>` for each line it removes. Comment
 * lines are left out.
 */
export function fixWrites(doc: ArchDocument, problem: Pick<Problem, 'fix' | 'pointer'>): string[] {
  if (!problem.fix) return [];
  const after = applyEdits(doc.text, fixEdits(doc, problem.fix, problem.pointer));
  // Comment lines (the annotations themselves, which a fix may move) are not what it writes.
  const code = (lines: string[]): string[] => lines.map((l) => l.trim()).filter((l) => !l.startsWith('#'));
  const { added, removed } = lineDiff(doc.text, after);
  return code(added).length ? code(added).map((l) => `+ ${l}`) : code(removed).map((l) => `- ${l}`);
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
        // A rule that throws is caught by analyze (internal/rule-failed) and reports nothing more: a
        // crash is a failure of the case, never a quiet pass.
        expect(analysis.problems.filter((p) => p.code === 'internal/rule-failed').map((p) => p.message)).toEqual([]);
        const problems = analysis.problems.filter((p) => p.code === code);
        // A problem with a quick fix states its title and what it writes (`#   fix: <title>`, then
        // `#   + <line>` lines); one without may say `#   fix: none`.
        const actual = toAnnotated(text, problems).map((a, i): Annotated => {
          const p = problems[i]!;
          if (p.fix) return { ...a, fix: p.fix.title, writes: fixWrites(analysis.doc, p) };
          return expected[i]?.fix !== undefined ? { ...a, fix: 'none' } : a;
        });
        expect(actual).toEqual(expected);
      });
    }
  });
}
