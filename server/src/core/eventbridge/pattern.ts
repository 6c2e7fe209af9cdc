/**
 * EventBridge event patterns, as AWS checks and matches them on event buses (see `compile.ts` for the
 * semantics): `validatePattern` reports AWS's reasons with pointers into the pattern, `matchPattern` decides
 * one event, `eventMatchesDeclaredEvent` decides statically whether a catalog event can match, and
 * `sampleEvent` builds a realistic event from a catalog declaration.
 *
 * Patterns are matched on every keystroke: compile once with `compilePattern` and reuse `match` when
 * matching many events against one pattern.
 */
import { compilePattern, type PatternCache, type PatternError, type PatternOptions } from './compile';

export { awsMessage, compilePattern, patternSize, type PatternCache } from './compile';
export type { CompiledPattern, Field, Matcher, PatternError, PatternOptions, Scalar } from './compile';
export { eventMatchesDeclaredEvent, type DeclaredEvent, type Verdict } from './declared';
export { sampleEvent, sampleFromSchema, type SampleEvent } from './sample';

/** AWS's objections to a pattern (empty when EventBridge would accept it), each at a pointer into the pattern. */
export function validatePattern(pattern: unknown, options?: PatternOptions, cache?: PatternCache): PatternError[] {
  return [...compilePattern(pattern, options, cache).errors];
}

/** Whether the event matches the pattern. An invalid pattern matches nothing. */
export function matchPattern(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern).match(event);
}
