import { isScalar } from 'yaml';
import { buildGraph } from './model/build-graph';
import type { Graph } from './model/graph';
import { MAX_PROBLEMS_PER_CODE } from './parse/limits';
import { parse, type ArchDocument } from './parse/parse';
import { locate, resolve } from './parse/locate';
import { RULES } from './rules/index';
import { DEFAULT_LIMITS, type Limits } from './facts/limits';
import { toFinding, type Report } from './rules/rule';
import { validateSchema } from './schema/validate';
import { lineAt, lineStarts } from './util/lines';
import type { Finding, Problem, Severity, Span } from './span';
import type { FilePort } from './files';

/** Per-rule settings: turn a rule off or change its severity. */
export type RuleSettings = Readonly<Record<string, Severity | 'off'>>;

export interface AnalyzeOptions {
  readonly rules?: RuleSettings;
  readonly limits?: Partial<Limits>;
  /** "Today" for runtime lifecycle rules. Default: now. */
  readonly today?: Date;
  /** Run only these rule codes (tests). */
  readonly only?: readonly string[];
  /** Reads the files the architecture names (state machine definitions), relative to it: the host's port. */
  readonly files?: FilePort;
  /**
   * `false`: read every file with the `yaml` package, never the fast path (fast-yaml.ts). For bug
   * reports: `ARCHFLOW_FAST_YAML=off` or the `archflow.fastYaml` setting.
   */
  readonly fastYaml?: boolean;
}

/** Everything known about one architecture file. */
export interface Analysis {
  readonly doc: ArchDocument;
  readonly graph: Graph;
  /** Sorted by position. */
  readonly problems: readonly Problem[];
}

const SUPPRESS = /#\s*archflow-disable-next-line\b([^\n]*)/g;

/** `# archflow-disable-next-line a/b c/d` → line index → codes (empty set: every code). */
function suppressions(text: string, starts: readonly number[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const m of text.matchAll(SUPPRESS)) {
    const line = lineAt(starts, m.index);
    const codes = (m[1] ?? '').split(/[\s,]+/).filter((c) => c && !c.startsWith('--'));
    out.set(line + 1, new Set(codes));
  }
  return out;
}

/**
 * Narrows a value's span to `f.within` when the value is a one-line string written without escapes
 * (plain or quoted), so the span's text is the string itself; otherwise keeps the whole value.
 */
function narrow(doc: ArchDocument, span: Span, f: Finding): Span {
  if (!f.within || !doc.yaml || f.target === 'key') return span;
  const node = resolve(doc.yaml, f.at).node;
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.length === 0) return span;
  const raw = doc.text.slice(span.start, span.end);
  const quote = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") ? 1 : 0;
  if (raw.slice(quote, raw.length - quote) !== node.value) return span;
  const first = span.start + quote;
  const last = first + node.value.length;
  const start = Math.min(first + Math.max(0, f.within.offset), last - 1);
  return { start, end: Math.max(start + 1, Math.min(start + f.within.length, last)) };
}

/**
 * Parses, validates, builds the graph and runs the rules. Never throws: problems describe
 * everything wrong with the input.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  try {
    return analyzeText(text, options);
  } catch (err) {
    // A bug, not the input's fault; the file still gets an answer (and the server stays up).
    const doc = parse('');
    const problem: Problem = {
      code: 'internal/analysis-failed', severity: 'error', pointer: [], span: { start: 0, end: Math.min(1, text.length) },
      message: `Archflow could not analyse this file (${String((err as Error)?.message ?? err).split('\n')[0]}). Please report it.`,
    };
    return { doc: { ...doc, text, problems: [problem] }, graph: buildGraph(undefined).graph, problems: [problem] };
  }
}

function analyzeText(text: string, options: AnalyzeOptions): Analysis {
  const doc = parse(text, options.fastYaml === false ? { fastPath: false } : {});
  const findings: Finding[] = [];
  const { graph, findings: graphFindings } = buildGraph(doc.value, options.files);
  if (doc.value !== undefined && doc.value !== null) {
    findings.push(...validateSchema(doc.value));
    findings.push(...graphFindings);
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const complete = !doc.problems.some((p) => p.severity === 'error');
    const ctx = { graph, root: doc.value, limits, today: options.today ?? new Date(), complete };
    // One reporter for every rule (not a closure per rule and analysis): it reads the rule running.
    let rule = RULES[0]!;
    let setting: Severity | undefined;
    const report = (r: Report): void => {
      const f = toFinding(rule, r);
      if (setting) f.severity = setting;
      findings.push(f);
    };
    for (const next of RULES) {
      if (options.only && !options.only.includes(next.code)) continue;
      const configured = options.rules?.[next.code];
      if (configured === 'off') continue;
      rule = next;
      setting = configured;
      try {
        rule.check(ctx, report);
      } catch (err) {
        findings.push({
          code: 'internal/rule-failed', severity: 'warning', at: [],
          message: `Rule ${rule.code} failed on this file (${(err as Error)?.message ?? String(err)}). Please report it.`,
        });
      }
    }
  }
  const problems: Problem[] = [...doc.problems];
  // At most MAX_PROBLEMS_PER_CODE of one code are located and listed; the rest are counted in one more.
  const perCode = new Map<string, number>();
  const overflow = new Map<string, Finding>();
  for (const f of findings) {
    const setting = options.rules?.[f.code];
    if (setting === 'off') continue;
    const seen = (perCode.get(f.code) ?? 0) + 1;
    perCode.set(f.code, seen);
    if (seen > MAX_PROBLEMS_PER_CODE) {
      if (!overflow.has(f.code)) overflow.set(f.code, f);
      continue;
    }
    const problem: { -readonly [K in keyof Problem]: Problem[K] } = {
      code: f.code,
      severity: setting ?? f.severity,
      message: f.message,
      span: narrow(doc, locate(doc.yaml, text, f.at, f.target), f),
      pointer: f.at,
    };
    if (f.fix) problem.fix = f.fix;
    if (f.nodes) problem.nodes = f.nodes.every(Boolean) ? f.nodes : f.nodes.filter(Boolean);
    problems.push(problem);
  }
  for (const [code, f] of overflow) {
    const more = perCode.get(code)! - MAX_PROBLEMS_PER_CODE;
    problems.push({
      code, severity: options.rules?.[code] as Severity | undefined ?? f.severity, pointer: f.at,
      span: locate(doc.yaml, text, f.at, f.target),
      message: `And ${more.toLocaleString('en-US')} more ${code} problem${more === 1 ? '' : 's'} in this file, not listed: Archflow lists ${MAX_PROBLEMS_PER_CODE.toLocaleString('en-US')} problems of one code (this is the first left out).`,
    });
  }
  const starts = text.includes('archflow-disable-next-line') ? lineStarts(text) : undefined;
  const silenced = starts ? suppressions(text, starts) : undefined;
  const kept = silenced && starts
    ? problems.filter((p) => {
      const codes = silenced.get(lineAt(starts, p.span.start));
      return !codes || (codes.size > 0 && !codes.has(p.code));
    })
    : problems;
  kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return { doc, graph, problems: kept };
}
