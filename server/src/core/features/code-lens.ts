import type { Analysis } from '../analyze';
import { awsMessage, compilePattern, eventMatchesDeclaredEvent, sampleEvent, type DeclaredEvent, type SampleEvent, type Verdict } from '../eventbridge/pattern';
import type { EventDecl } from '../model/graph';
import type { Span } from '../span';
import { occurrenceSpan } from './names';

/** A "Test pattern" lens over an event-bus rule (its title is computed on demand by `testPattern`). */
export interface RuleLens {
  readonly span: Span;
  readonly bus: string;
  readonly rule: string;
}

/** How one catalog event fares against a rule's pattern. */
export interface PatternTrial {
  readonly event: string;
  /** The static answer from the event's declaration: can such an event match at all? */
  readonly verdict: Verdict;
  /** The sample event built from the declaration's schema. */
  readonly sample: SampleEvent;
  /** Whether the sample matches the pattern. */
  readonly matches: boolean;
}

/** The result of testing a rule's pattern, shown as the lens title and by `archflow.testPattern`. */
export interface PatternTest {
  readonly bus: string;
  readonly rule: string;
  readonly pattern: unknown;
  /** `✓ matches OrderPaid`, `✗ matches no declared event`, `✗ invalid pattern: …` */
  readonly title: string;
  /** AWS's objections to the pattern (empty when valid). */
  readonly errors: readonly string[];
  /** The catalog events that could match (static verdict `yes` or `maybe`), each tried with its sample. */
  readonly trials: readonly PatternTrial[];
}


/** The rules of every event bus, each with the span of its name. Cheap: no matching. */
export function ruleLenses(analysis: Analysis, isCancelled: () => boolean = () => false): RuleLens[] {
  const out: RuleLens[] = [];
  for (const o of analysis.graph.occurrences) {
    if (o.namespace !== 'rule' || o.role !== 'declaration') continue;
    if (isCancelled()) return [];
    const span = occurrenceSpan(analysis, o);
    if (span) out.push({ span, bus: String(o.pointer[1]), rule: o.name });
  }
  return out;
}

function declared(e: EventDecl): DeclaredEvent {
  return { detailType: e.detailType, ...(e.source !== undefined ? { source: e.source } : {}), ...(e.schema !== undefined ? { detailSchema: e.schema } : {}) };
}

function names(list: readonly string[]): string {
  return list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`;
}

/**
 * Tests a bus rule's pattern against the catalog: every event that could match (by its declaration)
 * gets a sample event built from its schema, and the pattern runs on it. Undefined when the rule
 * is not there any more.
 */
export function testPattern(analysis: Analysis, bus: string, rule: string): PatternTest | undefined {
  const node = analysis.graph.nodes.get(bus);
  const r = node?.kind === 'event-bus' ? node.settings.rules?.get(rule) : undefined;
  if (!r?.declared) return undefined;
  const pattern = r.pattern;
  const region = analysis.graph.region;
  const compiled = compilePattern(pattern);
  const errors = compiled.errors.map(awsMessage);
  if (errors.length) return { bus, rule, pattern, title: `✗ invalid pattern: ${errors[0]}`, errors, trials: [] };
  const trials: PatternTrial[] = [];
  for (const e of analysis.graph.events.values()) {
    const decl = declared(e);
    const verdict = eventMatchesDeclaredEvent(pattern, decl);
    if (verdict === 'no') continue;
    const sample = sampleEvent(decl, region ? { region } : {});
    trials.push({ event: e.name, verdict, sample, matches: compiled.match(sample) });
  }
  const matched = trials.filter((t) => t.matches).map((t) => t.event);
  const title = matched.length ? `✓ matches ${names(matched)}` : '✗ matches no declared event';
  return { bus, rule, pattern, title, errors, trials };
}
