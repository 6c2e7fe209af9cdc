/**
 * The EventBridge event-pattern engine: a pattern is checked with AWS's rules and wording, compiled once
 * into flat alternatives (`$or` expanded), and matched against events the way EventBridge (event-ruler)
 * matches them:
 *
 * - pattern and event are both flattened to dotted paths, so `{"a": {"b": …}}` and `{"a.b": …}` are the
 *   same field, in the pattern and in the event;
 * - only leaves (strings, numbers, booleans, null) are values; an object, an empty array or an empty object
 *   at a path is no value at all (so `exists: true` does not match it, `exists: false` does);
 * - an array in the event offers each element; two fields of one alternative must come from the same element
 *   of any array they share (array consistency);
 * - a field's list is OR, fields are AND, `$or` alternatives are OR; a leaf written twice in one alternative
 *   (inside and outside a `$or`) keeps the last write, as AWS's compiler does.
 *
 * Pure: no exceptions on bad input, no I/O.
 */
import { DEFAULT_LIMITS } from '../facts/limits';
import type { Pointer } from '../span';
import { cidrContains, parseCidr, type Cidr } from './cidr';
import { globMatches, parseGlob, wildcardComplexity, type Glob } from './wildcard';
import { isObj as isObject } from '../util/value';

/** Why a pattern is invalid: where (a JSON pointer into the pattern) and AWS's reason. */
export interface PatternError {
  readonly at: Pointer;
  /** AWS's wording after "Event pattern is not valid. Reason: ". */
  readonly reason: string;
}

/** A JSON leaf value. */
export type Scalar = string | number | boolean | null;

/** A numeric comparison operator. */
export type NumericOp = '<' | '<=' | '=' | '>' | '>=';

/** One compiled alternative of a field's value list. */
export type Matcher =
  | { readonly kind: 'exact'; readonly value: Scalar }
  | { readonly kind: 'prefix' | 'suffix' | 'equals-ignore-case'; readonly value: string; readonly ignoreCase: boolean; readonly lower: string; readonly upper: string }
  | { readonly kind: 'wildcard'; readonly glob: Glob }
  | { readonly kind: 'cidr'; readonly cidr: Cidr; readonly text: string }
  | { readonly kind: 'numeric'; readonly conditions: readonly (readonly [NumericOp, number])[] }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'anything-but'; readonly not: readonly Matcher[] };

/** One field of an alternative: a dotted path and its value list (OR). */
export interface Field {
  readonly path: string;
  /** Pointer to the value list in the pattern. */
  readonly at: Pointer;
  readonly matchers: readonly Matcher[];
}

/** A compiled pattern: its alternatives (each an AND of fields), or why it is invalid. */
export interface CompiledPattern {
  readonly errors: readonly PatternError[];
  /** The `$or`-expanded alternatives; empty when the pattern is invalid. */
  readonly branches: readonly (readonly Field[])[];
  /** Every path a field uses and every dotted prefix of one (what flattening an event must keep). */
  readonly relevant: ReadonlySet<string>;
  /** Whether the event matches (always false for an invalid pattern). */
  match(event: unknown): boolean;
}

/** Options for validation. */
export interface PatternOptions {
  /** Largest pattern, in characters of its compact JSON (`patternSize`). Default: the B7 quota, 2,048. */
  readonly maxChars?: number;
}

/** The text AWS returns for an invalid pattern. */
export function awsMessage(error: PatternError): string {
  return `Event pattern is not valid. Reason: ${error.reason}`;
}

/** A pattern's size as EventBridge counts it against the B7 quota: characters of its JSON (compact). */
export function patternSize(pattern: unknown): number {
  try {
    return JSON.stringify(pattern)?.length ?? 0;
  } catch {
    return 0;
  }
}

/**
 * The most `$or` alternatives a pattern may expand to. AWS refuses a pattern "over 1000 rule combinations";
 * here it is also the guard that keeps a nested `$or` from expanding without bound.
 */
const MAX_COMBINATIONS = 1000;
/**
 * The most wildcard prefixes one input may match at once in one field (event-ruler's machine complexity),
 * above which AWS says the rule is too complex. Calibrated on the shared corpus: `*:*:*:*:*:event-bus/*`
 * (11) is refused, `arn:aws:events:us-east-1:*:event-bus/*` (3) is accepted.
 */
const MAX_WILDCARD_COMPLEXITY = 10;
const TOO_COMPLEX = 'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';
/** Field names reserved inside `$or` (operators). */
const RESERVED_IN_OR = new Set(['anything-but', 'prefix', 'suffix', 'equals-ignore-case', 'numeric', 'exists', 'cidr', 'wildcard', 'exactly']);
const NUMERIC_NAMES: Record<string, string> = { '=': 'equals', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** How AWS names a JSON token in numeric errors. */
function token(v: unknown): string {
  if (Array.isArray(v)) return '[';
  if (isObject(v)) return '{';
  return String(v);
}

type Result<T> = { ok: T } | { error: string; at: Pointer };
const fail = (error: string, at: Pointer): { error: string; at: Pointer } => ({ error, at });

function caseMatcher(kind: 'prefix' | 'suffix' | 'equals-ignore-case', value: string, ignoreCase: boolean): Matcher {
  return { kind, value, ignoreCase, lower: value.toLowerCase(), upper: value.toUpperCase() };
}

function compileAffix(op: 'prefix' | 'suffix', operand: unknown, at: Pointer): Result<Matcher> {
  if (typeof operand === 'string') return { ok: caseMatcher(op, operand, false) };
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length === 0) return fail(`${op[0]!.toUpperCase()}${op.slice(1)} expression name not found`, at);
    const inner = keys[0]!;
    if (inner !== 'equals-ignore-case') return fail(`Unsupported ${op} pattern: ${inner}`, [...at, inner]);
    const value = operand[inner];
    if (typeof value !== 'string') return fail('equals-ignore-case match pattern must be a string', [...at, inner]);
    if (keys.length > 1) return fail('Only one key allowed in match expression', [...at, keys[1]!]);
    return { ok: caseMatcher(op, value, true) };
  }
  return fail(`${op} match pattern must be a string`, at);
}

function compileWildcard(operand: unknown, at: Pointer): Result<Matcher> {
  if (typeof operand !== 'string') return fail('wildcard match pattern must be a string', at);
  const glob = parseGlob(operand);
  return 'error' in glob ? fail(glob.error, at) : { ok: { kind: 'wildcard', glob } };
}

function compileNumeric(operand: unknown, at: Pointer): Result<Matcher> {
  if (!Array.isArray(operand)) return fail('Value of numeric must be an array.', at);
  if (operand.length === 0) return fail('Invalid member in numeric match: ]', at);
  const [first, bottom, second, top] = operand as unknown[];
  if (typeof first !== 'string') return fail(`Invalid member in numeric match: ${token(first)}`, [...at, 0]);
  if (!(first in NUMERIC_NAMES)) return fail(`Unrecognized numeric range operator: ${first}`, [...at, 0]);
  if (typeof bottom !== 'number') return fail(`Value of ${NUMERIC_NAMES[first]} must be numeric`, [...at, 1]);
  if (operand.length === 2) return { ok: { kind: 'numeric', conditions: [[first as NumericOp, bottom]] } };
  if (first !== '>' && first !== '>=') return fail('Too many elements in numeric expression', [...at, 2]);
  if (operand.length > 4) return fail('Too many terms in numeric range expression', [...at, 4]);
  if (typeof second !== 'string') return fail(`Bad value in numeric range: ${token(second)}`, [...at, 2]);
  if (second !== '<' && second !== '<=') return fail(`Bad numeric range operator: ${second}`, [...at, 2]);
  if (typeof top !== 'number') return fail(`Value of ${second} must be numeric`, [...at, 3]);
  if (!(bottom < top)) return fail('Bottom must be less than top', [...at, 3]);
  return { ok: { kind: 'numeric', conditions: [[first, bottom], [second, top]] } };
}

function compileAnythingBut(operand: unknown, at: Pointer): Result<Matcher> {
  const NOT_SINGLE = 'Value of anything-but must be an array or single string/number value.';
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length === 0) return fail('Anything-But expression name not found', at);
    const inner = keys[0]!;
    const innerAt = [...at, inner];
    if (inner !== 'prefix' && inner !== 'suffix' && inner !== 'equals-ignore-case' && inner !== 'wildcard') {
      return fail(`Unsupported anything-but pattern: ${inner}`, innerAt);
    }
    if (keys.length > 1) return fail('Only one key allowed in match expression', [...at, keys[1]!]);
    const value = operand[inner];
    const list = Array.isArray(value);
    if (!list && (value === null || typeof value === 'boolean' || isObject(value))) return fail(NOT_SINGLE, innerAt);
    const candidates: unknown[] = list ? value : [value];
    if (candidates.length === 0) return fail('Empty arrays are not allowed', innerAt);
    const not: Matcher[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i];
      const cAt = list ? [...innerAt, i] : innerAt;
      if (inner === 'prefix' || inner === 'suffix') {
        if (typeof c !== 'string') return fail('prefix/suffix match pattern must be a string', cAt);
        if (c === '') return fail('Null prefix/suffix not allowed', cAt);
        not.push(caseMatcher(inner, c, false));
      } else if (inner === 'equals-ignore-case') {
        if (typeof c !== 'string') return fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.', cAt);
        not.push(caseMatcher(inner, c, true));
      } else {
        const w = compileWildcard(c, cAt);
        if ('error' in w) return w;
        not.push(w.ok);
      }
    }
    return { ok: { kind: 'anything-but', not } };
  }
  if (Array.isArray(operand)) {
    if (operand.length === 0) return fail('Empty arrays are not allowed', at);
    for (let i = 0; i < operand.length; i++) {
      const v: unknown = operand[i];
      if (typeof v !== 'string' && typeof v !== 'number') return fail('Inside anything but list, start|null|boolean is not supported.', [...at, i]);
    }
    if (operand.some((v) => typeof v === 'string') && operand.some((v) => typeof v === 'number')) {
      return fail('Inside anything but list, either all values are number or string, mixed type is not supported', at);
    }
    return { ok: { kind: 'anything-but', not: operand.map((value: string | number) => ({ kind: 'exact', value }) as Matcher) } };
  }
  if (typeof operand === 'string' || typeof operand === 'number') return { ok: { kind: 'anything-but', not: [{ kind: 'exact', value: operand }] } };
  return fail(NOT_SINGLE, at);
}

/** Compiles one match expression (`{ "prefix": "a" }`, …). */
function compileExpression(expr: Record<string, unknown>, at: Pointer): Result<Matcher> {
  const keys = Object.keys(expr);
  if (keys.length === 0) return fail('Match expression name not found', at);
  const op = keys[0]!;
  const operand = expr[op];
  const opAt = [...at, op];
  let result: Result<Matcher>;
  switch (op) {
    case 'prefix':
    case 'suffix':
      result = compileAffix(op, operand, opAt);
      break;
    case 'equals-ignore-case':
      result = typeof operand === 'string' ? { ok: caseMatcher(op, operand, true) } : fail('equals-ignore-case match pattern must be a string', opAt);
      break;
    case 'exactly':
      result = typeof operand === 'string' ? { ok: { kind: 'exact', value: operand } } : fail('exact match pattern must be a string', opAt);
      break;
    case 'wildcard':
      result = compileWildcard(operand, opAt);
      break;
    case 'cidr': {
      // AWS's own message names `prefix` here.
      if (typeof operand !== 'string') {
        result = fail('prefix match pattern must be a string', opAt);
        break;
      }
      const cidr = parseCidr(operand);
      result = 'error' in cidr ? fail(cidr.error, opAt) : { ok: { kind: 'cidr', cidr, text: operand } };
      break;
    }
    case 'numeric':
      result = compileNumeric(operand, opAt);
      break;
    case 'exists':
      result = typeof operand === 'boolean' ? { ok: { kind: 'exists', value: operand } } : fail('exists match pattern must be either true or false.', opAt);
      break;
    case 'anything-but':
      result = compileAnythingBut(operand, opAt);
      break;
    default:
      return fail(`Unrecognized match type ${op}`, opAt);
  }
  if ('error' in result) return result;
  if (keys.length > 1) {
    const reason = op === 'numeric' || op === 'anything-but' ? 'Too many elements in numeric expression' : 'Only one key allowed in match expression';
    return fail(reason, [...at, keys[1]!]);
  }
  return result;
}

/** Compiles a field's value list; errors go to `errors`. */
function compileValues(values: readonly unknown[], at: Pointer, errors: PatternError[]): Matcher[] {
  if (values.length === 0) {
    errors.push({ at, reason: 'Empty arrays are not allowed' });
    return [];
  }
  const out: Matcher[] = [];
  values.forEach((v, i) => {
    if (isScalar(v)) out.push({ kind: 'exact', value: v });
    else if (isObject(v)) {
      const r = compileExpression(v, [...at, i]);
      if ('error' in r) errors.push({ at: r.at, reason: r.error });
      else out.push(r.ok);
    } else errors.push({ at: [...at, i], reason: 'Match value must be String, number, true, false, or null' });
  });
  return out;
}

type Branch = Map<string, Field>;

interface Walk {
  readonly errors: PatternError[];
  readonly expandOr: boolean;
}

function compileObject(obj: Record<string, unknown>, path: readonly string[], at: Pointer, branches: Branch[], insideOr: boolean, w: Walk): Branch[] {
  for (const [key, value] of Object.entries(obj)) {
    const keyAt = [...at, key];
    if (key === '$or' && w.expandOr) {
      branches = compileOr(value, path, keyAt, branches, w);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      w.errors.push({ at: keyAt, reason: `${key} is Ruler reserved fieldName which cannot be used inside $or.` });
      continue;
    }
    if (isObject(value)) {
      if (Object.keys(value).length === 0) w.errors.push({ at: keyAt, reason: 'Empty objects are not allowed' });
      else branches = compileObject(value, [...path, key], keyAt, branches, insideOr, w);
    } else if (Array.isArray(value)) {
      const matchers = compileValues(value, keyAt, w.errors);
      const field: Field = { path: [...path, key].join('.'), at: keyAt, matchers };
      for (const b of branches) b.set(field.path, field);
    } else w.errors.push({ at: keyAt, reason: `"${key}" must be an object or an array` });
  }
  return branches;
}

function compileOr(members: unknown, path: readonly string[], at: Pointer, branches: Branch[], w: Walk): Branch[] {
  if (!Array.isArray(members)) {
    w.errors.push({ at, reason: 'It must be an Array followed with $or.' });
    return branches;
  }
  if (members.length < 2) {
    w.errors.push({ at, reason: 'There must have at least 2 Objects in $or relationship.' });
    return branches;
  }
  const out: Branch[] = [];
  for (let i = 0; i < members.length; i++) {
    const member: unknown = members[i];
    if (!isObject(member)) {
      w.errors.push({ at: [...at, i], reason: 'Only JSON object is allowed in array of $or relationship.' });
      continue;
    }
    if (Object.keys(member).length === 0) {
      w.errors.push({ at: [...at, i], reason: 'Empty objects are not allowed' });
      continue;
    }
    out.push(...compileObject(member, path, [...at, i], branches.map((b) => new Map(b)), true, w));
    if (out.length > MAX_COMBINATIONS) {
      w.errors.push({ at, reason: `Event pattern contains more than ${MAX_COMBINATIONS} rule combinations` });
      return branches;
    }
  }
  return out;
}

function walkPattern(pattern: Record<string, unknown>, expandOr: boolean): { errors: PatternError[]; branches: Branch[] } {
  const w: Walk = { errors: [], expandOr };
  const branches = compileObject(pattern, [], [], [new Map()], false, w);
  return { errors: w.errors, branches };
}

function hasOr(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasOr);
  if (!isObject(v)) return false;
  return Object.entries(v).some(([k, x]) => k === '$or' || hasOr(x));
}

/**
 * Complexities already computed, by wildcard set: patterns are re-checked on every keystroke. Bounded
 * (cleared at 500 entries) and holding only strings and numbers, so it keeps no analysis alive.
 */
// eslint-disable-next-line no-restricted-syntax -- bounded, strings to numbers (see above)
const complexityCache = new Map<string, number>();

/** Wildcard complexity, per field of each alternative (as event-ruler evaluates each field's machine). */
function checkComplexity(branches: readonly (readonly Field[])[], errors: PatternError[]): void {
  const reported = new Set<string>();
  const cache = complexityCache;
  for (const branch of branches) {
    for (const field of branch) {
      const globs: Glob[] = [];
      for (const m of field.matchers) {
        if (m.kind === 'wildcard') globs.push(m.glob);
        else if (m.kind === 'anything-but') for (const n of m.not) if (n.kind === 'wildcard') globs.push(n.glob);
      }
      if (globs.length === 0) continue;
      const key = [...new Set(globs.map((g) => g.source))].sort().join('\u0000');
      let c = cache.get(key);
      if (c === undefined) {
        if (cache.size >= 500) cache.clear();
        cache.set(key, (c = wildcardComplexity(globs, MAX_WILDCARD_COMPLEXITY)));
      }
      if (c <= MAX_WILDCARD_COMPLEXITY) continue;
      const where = JSON.stringify(field.at);
      if (!reported.has(where)) {
        reported.add(where);
        errors.push({ at: field.at, reason: TOO_COMPLEX });
      }
    }
  }
}

/**
 * Compiled patterns by pattern object and size quota, for callers that compile the same patterns
 * again (the rules of one analysis share one: validity, size, matching and loops read each pattern).
 * The caller owns it, so it goes with what it was built for.
 */
export type PatternCache = Map<object, Map<number, CompiledPattern>>;

/** Compiles a pattern (a parsed value, or JSON text). Never throws. */
export function compilePattern(pattern: unknown, options: PatternOptions = {}, cache?: PatternCache): CompiledPattern {
  if (!cache || typeof pattern !== 'object' || pattern === null) return compileUncached(pattern, options);
  const quota = options.maxChars ?? DEFAULT_LIMITS.eventBridgePatternChars;
  let byQuota = cache.get(pattern);
  if (!byQuota) cache.set(pattern, (byQuota = new Map()));
  let c = byQuota.get(quota);
  if (!c) byQuota.set(quota, (c = compileUncached(pattern, options)));
  return c;
}

function compileUncached(pattern: unknown, options: PatternOptions): CompiledPattern {
  const invalid = (errors: PatternError[]): CompiledPattern => ({ errors, branches: [], relevant: new Set(), match: () => false });
  if (typeof pattern === 'string') {
    try {
      pattern = JSON.parse(pattern) as unknown;
    } catch {
      return invalid([{ at: [], reason: 'Filter is not valid JSON' }]);
    }
  }
  if (!isObject(pattern)) return invalid([{ at: [], reason: 'Filter is not an object' }]);
  if (Object.keys(pattern).length === 0) return invalid([{ at: [], reason: 'Empty objects are not allowed' }]);
  let walked = walkPattern(pattern, true);
  if (walked.errors.length > 0 && hasOr(pattern)) {
    // Like EventBridge: a `$or` that is not the operator is read again as an ordinary field name.
    const plain = walkPattern(pattern, false);
    if (plain.errors.length === 0) walked = plain;
  }
  const errors = walked.errors;
  const branches = walked.branches.map((b) => [...b.values()]);
  if (errors.length === 0) checkComplexity(branches, errors);
  const maxChars = options.maxChars ?? DEFAULT_LIMITS.eventBridgePatternChars;
  const size = patternSize(pattern);
  if (size > maxChars) {
    errors.push({ at: [], reason: `Event pattern is ${size} characters long; the limit is ${maxChars} (EventBridge quota, adjustable)` });
  }
  if (errors.length > 0) return invalid(errors);
  const relevant = new Set<string>();
  for (const branch of branches) {
    for (const field of branch) {
      let i = -1;
      while ((i = field.path.indexOf('.', i + 1)) >= 0) relevant.add(field.path.slice(0, i));
      relevant.add(field.path);
    }
  }
  return { errors, branches, relevant, match: (event) => matchBranches(branches, relevant, event) };
}

// ---------------------------------------------------------------------------------------------------------
// Matching

/** A leaf of the event: its value and the array elements it sits in (`[arrayId, index]` from the outside in). */
interface Leaf {
  readonly value: Scalar;
  readonly trail: readonly (readonly [number, number])[];
}

/** Flattens the event to dotted paths, keeping only paths the pattern uses. */
function flattenEvent(event: unknown, relevant: ReadonlySet<string>): Map<string, Leaf[]> {
  const out = new Map<string, Leaf[]>();
  let nextArray = 0;
  const walk = (value: unknown, path: string, trail: readonly (readonly [number, number])[], depth: number): void => {
    if (depth > 200) return;
    if (Array.isArray(value)) {
      const id = nextArray++;
      value.forEach((el, i) => walk(el, path, [...trail, [id, i]], depth + 1));
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        const p = path === '' ? k : `${path}.${k}`;
        if (relevant.has(p)) walk(v, p, trail, depth + 1);
      }
    } else if (path !== '' && isScalar(value)) {
      const list = out.get(path);
      if (list) list.push({ value, trail });
      else out.set(path, [{ value, trail }]);
    }
  };
  if (isObject(event)) walk(event, '', [], 0);
  return out;
}

function startsWithIgnoreCase(value: string, m: { lower: string; upper: string }): boolean {
  return value.toLowerCase().startsWith(m.lower) || value.toUpperCase().startsWith(m.upper);
}

function endsWithIgnoreCase(value: string, m: { lower: string; upper: string }): boolean {
  return value.toLowerCase().endsWith(m.lower) || value.toUpperCase().endsWith(m.upper);
}

/** Whether one leaf value satisfies one matcher (`exists: true` is satisfied by any leaf). */
export function matchesValue(m: Matcher, v: Scalar): boolean {
  switch (m.kind) {
    case 'exact':
      return v === m.value;
    case 'prefix':
      return typeof v === 'string' && (m.ignoreCase ? startsWithIgnoreCase(v, m) : v.startsWith(m.value));
    case 'suffix':
      return typeof v === 'string' && (m.ignoreCase ? endsWithIgnoreCase(v, m) : v.endsWith(m.value));
    case 'equals-ignore-case':
      return typeof v === 'string' && (v.toLowerCase() === m.lower || v.toUpperCase() === m.upper);
    case 'wildcard':
      return typeof v === 'string' && globMatches(m.glob, v);
    case 'cidr':
      return typeof v === 'string' && cidrContains(m.cidr, v);
    case 'numeric':
      return typeof v === 'number' && m.conditions.every(([op, n]) => (op === '=' ? v === n : op === '<' ? v < n : op === '<=' ? v <= n : op === '>' ? v > n : v >= n));
    case 'exists':
      return m.value;
    case 'anything-but':
      return !m.not.some((n) => matchesValue(n, v));
  }
}

function consistent(a: Leaf['trail'], b: Leaf['trail']): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i]![0] !== b[i]![0]) return true;
    if (a[i]![1] !== b[i]![1]) return false;
  }
  return true;
}

function matchBranch(branch: readonly Field[], flat: Map<string, Leaf[]>): boolean {
  const choices: Leaf[][] = [];
  for (const field of branch) {
    const leaves = flat.get(field.path);
    if (!leaves) {
      if (field.matchers.some((m) => m.kind === 'exists' && !m.value)) continue;
      return false;
    }
    const candidates = leaves.filter((l) => field.matchers.some((m) => matchesValue(m, l.value)));
    if (candidates.length === 0) return false;
    // A leaf outside every array is consistent with any other: the field needs no search.
    if (candidates.some((l) => l.trail.length === 0)) continue;
    choices.push(candidates);
  }
  if (choices.length <= 1) return true;
  choices.sort((a, b) => a.length - b.length);
  const picked: Leaf[] = [];
  let steps = 0;
  const search = (i: number): boolean => {
    if (i === choices.length) return true;
    for (const leaf of choices[i]!) {
      if (++steps > 100_000) return false;
      if (picked.every((p) => consistent(p.trail, leaf.trail))) {
        picked.push(leaf);
        if (search(i + 1)) return true;
        picked.pop();
      }
    }
    return false;
  };
  return search(0);
}

function matchBranches(branches: readonly (readonly Field[])[], relevant: ReadonlySet<string>, event: unknown): boolean {
  if (typeof event === 'string') {
    try {
      event = JSON.parse(event) as unknown;
    } catch {
      return false;
    }
  }
  if (!isObject(event)) return false;
  const flat = flattenEvent(event, relevant);
  return branches.some((b) => matchBranch(b, flat));
}
