import type { Graph } from '../model/graph';
import type { Finding, Fix, Pointer, Severity, Target, Within } from '../span';
import type { Limits } from '../facts/limits';

/** Where a rule's numbers come from: an AWS page (see docs/rules.md). */
export interface RuleSource {
  readonly title: string;
  readonly url: string;
}

/** What a rule gets to look at. */
export interface RuleContext {
  readonly graph: Graph;
  /** The document's plain value (for rules about top-level settings). */
  readonly root: unknown;
  readonly limits: Limits;
  /** "Today", for runtime lifecycle dates; injectable for tests. */
  readonly today: Date;
  /**
   * False when the text has YAML errors, so part of what the author wrote is missing from the graph:
   * rules that conclude from an absence ("nothing triggers this") stay quiet then. Default true.
   */
  readonly complete?: boolean;
}

/** What a rule reports: where (a pointer), what, and optionally a fix. */
export interface Report {
  readonly at: Pointer;
  readonly target?: Target;
  readonly message: string;
  /** Overrides the rule's default severity for this finding (e.g. error below 1×, warning below 6×). */
  readonly severity?: Severity;
  readonly fix?: Fix;
  readonly nodes?: readonly string[];
  /** A part of the string value at `at` to underline instead of the whole value (see `Finding.within`). */
  readonly within?: Within;
}

/**
 * A lint rule: one module per rule, named by its code (`rules/sqs-visibility-timeout.ts` for
 * `sqs/visibility-timeout`), with a table of cases in `test/unit/rules/<same name>.test.ts`.
 */
export interface Rule {
  /** Stable code: `<service>/<name>`. It names the file, the test, `Diagnostic.code` and the docs anchor. */
  readonly code: string;
  readonly severity: Severity;
  /** One line: what the rule checks. */
  readonly description: string;
  /** Why it matters: what goes wrong at deploy time or in production. */
  readonly why: string;
  readonly source: RuleSource;
  /** What the quick fix does, when the rule offers one. */
  readonly fix?: string;
  check(ctx: RuleContext, report: (r: Report) => void): void;
}

/** Turns a rule's report into a finding with the rule's code and severity. */
export function toFinding(rule: Rule, r: Report): { -readonly [K in keyof Finding]: Finding[K] } {
  const f: { -readonly [K in keyof Finding]: Finding[K] } = { code: rule.code, severity: r.severity ?? rule.severity, message: r.message, at: r.at };
  if (r.target) f.target = r.target;
  if (r.fix) f.fix = r.fix;
  if (r.nodes) f.nodes = r.nodes;
  if (r.within) f.within = r.within;
  return f;
}
