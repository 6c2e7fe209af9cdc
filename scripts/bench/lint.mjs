// In-process: parse only (text → YAML tree with ranges → value) and the full lint (parse + schema +
// graph + rules + spans), the work behind every keystroke.
export const order = 10;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Time per call of `fn` over one round: calls until `ms` have passed (at least one, at most 1,000). */
function round(fn, ms) {
  const t0 = performance.now();
  let calls = 0;
  do {
    fn();
    calls++;
  } while (performance.now() < t0 + ms && calls < 1000);
  return (performance.now() - t0) / calls;
}

/**
 * Parse-only and full-lint time per call, measured in alternating rounds after a warm-up (the JIT,
 * the schema validator, the heap reaching its working size). Per call amortized over a round,
 * because a young-generation collection comes every second or third analysis of a large file and
 * each call must pay its share (a median of single calls flips between calls with and without one).
 * Alternating, because the machine is shared: each lint round is compared with the parse round
 * next to it, and the ratio is the median of those pairs, not of two medians taken minutes apart.
 */
function timedPair(parseOnly, lint, minRounds, budgetMs) {
  const warmUntil = performance.now() + budgetMs / 4;
  for (let i = 0; i < 5 || performance.now() < warmUntil; i++) {
    parseOnly();
    lint();
  }
  const parses = [];
  const lints = [];
  const ratios = [];
  const until = performance.now() + budgetMs;
  while (parses.length < minRounds || performance.now() < until) {
    const p = round(parseOnly, budgetMs / 20);
    const l = round(lint, budgetMs / 20);
    parses.push(p);
    lints.push(l);
    ratios.push(l / p);
  }
  return { parseMs: median(parses), lintMs: median(lints), ratio: median(ratios), rounds: ratios.length };
}

export async function run(ctx) {
  const { parse, analyze } = await ctx.importTs('server/src/core/index.ts');
  const rows = [];
  const checks = [];
  const roundsBySize = [];
  for (const n of ctx.sizes) {
    const text = ctx.architecture(n);
    const problems = analyze(text).problems.length;
    const { parseMs, lintMs, ratio, rounds } = timedPair(() => parse(text), () => analyze(text), ctx.quick ? 3 : 9, ctx.quick ? 200 : 3000);
    roundsBySize.push(`${rounds} at ${n.toLocaleString('en-US')}`);
    rows.push(
      { metric: 'file size', size: n, value: text.length / 1024, unit: 'KB', display: `${Math.round(text.length / 1024)} KB, ${problems} problems` },
      { metric: 'parse only', size: n, value: parseMs, unit: 'ms' },
      { metric: 'full lint (parse + schema + graph + rules)', size: n, value: lintMs, unit: 'ms' },
      { metric: 'full lint ÷ parse', size: n, value: ratio, unit: 'x' },
    );
    checks.push({ target: `full lint ≤ 3 × parse-only at ${n.toLocaleString('en-US')} nodes`, ok: ratio <= 3, actual: `${ratio.toFixed(2)} ×` });
    if (n === 1000) checks.push({ target: 'full lint of 1,000 nodes ≤ 100 ms', ok: lintMs <= 100, actual: `${lintMs.toFixed(0)} ms` });
  }
  const notes = [`parse only and full lint: in-process, in alternating rounds of calls (${roundsBySize.join(', ')}); each figure is the median round's time per call, so each call pays its share of garbage collection; full lint ÷ parse is the median over pairs of neighbouring rounds.`];
  return { rows, checks, notes };
}
