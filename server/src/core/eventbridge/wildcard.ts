/**
 * EventBridge `wildcard` patterns: `*` matches any run of characters (also none); `\*` is a literal
 * asterisk and `\\` a literal backslash; any other backslash is an error, and so are two `*` in a row.
 * Positions in errors are what AWS reports: UTF-8 bytes into the quoted operand (`"` is position 0).
 */

/** A parsed wildcard: the literal runs between the `*`s (`a*b*` → `['a', 'b', '']`). */
export interface Glob {
  readonly source: string;
  readonly parts: readonly string[];
}

/** The UTF-8 length of a string (a lone surrogate counts 3, as its replacement character does). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Parses a wildcard operand, or returns AWS's reason it is not one. */
export function parseGlob(source: string): Glob | { error: string } {
  const parts: string[] = [''];
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '*') {
      if (source[i + 1] === '*') return { error: `Consecutive wildcard characters at pos ${utf8Length(source.slice(0, i)) + 1}` };
      parts.push('');
    } else if (c === '\\') {
      const next = source[i + 1];
      if (next !== '*' && next !== '\\') return { error: `Invalid escape character at pos ${utf8Length(source.slice(0, i)) + 1}` };
      parts[parts.length - 1] += next;
      i++;
    } else parts[parts.length - 1] += c;
  }
  return { source, parts };
}

/** Whether `value` matches the wildcard: linear in practice (greedy leftmost search for each literal run). */
export function globMatches(glob: Glob, value: string): boolean {
  const { parts } = glob;
  if (parts.length === 1) return value === parts[0];
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const found = value.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/**
 * The most wildcard-pattern prefixes one input can match at the same time, summed over the patterns of one
 * field: the measure event-ruler's MachineComplexityEvaluator computes over its byte machine, here over the
 * operands as EventBridge stores them (between quotes). `cap` stops the search as soon as it is exceeded.
 * The search explores sets of simultaneously active NFA states; it gives up (returning what it found) after
 * `budget` sets, so a hostile pattern cannot make it slow.
 */
export function wildcardComplexity(globs: readonly Glob[], cap: number, budget = 4000): number {
  // Tokens per pattern: characters, or null for `*`, quoted as EventBridge stores string values.
  const patterns: (string | null)[][] = [];
  const alphabet = new Set<string>();
  for (const g of new Set(globs.map((x) => x.source))) {
    const parsed = parseGlob(g);
    if ('error' in parsed) continue;
    const tokens: (string | null)[] = ['"'];
    parsed.parts.forEach((part, i) => {
      if (i > 0) tokens.push(null);
      for (const ch of part) tokens.push(ch);
    });
    tokens.push('"');
    for (const t of tokens) if (t !== null) alphabet.add(t);
    patterns.push(tokens);
  }
  if (patterns.length === 0) return 0;
  const letters = [...alphabet, '\u0000'];
  // A state is `pattern * STRIDE + prefix length`; a prefix length ≥ 1 is a matched prefix.
  const STRIDE = 1 << 16;
  const close = (states: Set<number>): Set<number> => {
    const sorted = [...states].sort((a, b) => a - b);
    const out = new Set<number>();
    for (const s of sorted) {
      let cur = s;
      out.add(cur);
      const tokens = patterns[Math.floor(cur / STRIDE)]!;
      while (cur % STRIDE < tokens.length && tokens[cur % STRIDE] === null) out.add(++cur);
    }
    return out;
  };
  const count = (states: Set<number>): number => {
    let n = 0;
    for (const s of states) if (s % STRIDE > 0) n++;
    return n;
  };
  const start = close(new Set(patterns.map((_, i) => i * STRIDE)));
  let best = count(start);
  const seen = new Set<string>([[...start].sort((a, b) => a - b).join(',')]);
  const queue = [start];
  while (queue.length > 0 && best <= cap && seen.size < budget) {
    const current = queue.pop()!;
    for (const letter of letters) {
      const next = new Set<number>();
      for (const s of current) {
        const tokens = patterns[Math.floor(s / STRIDE)]!;
        const pos = s % STRIDE;
        if (pos < tokens.length && tokens[pos] === letter) next.add(s + 1);
        if (pos > 0 && tokens[pos - 1] === null) next.add(s);
      }
      if (next.size === 0) continue;
      const closed = close(next);
      best = Math.max(best, count(closed));
      if (best > cap) return best;
      const key = [...closed].sort((a, b) => a - b).join(',');
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(closed);
      }
    }
  }
  return best;
}
