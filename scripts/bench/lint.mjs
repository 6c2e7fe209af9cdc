// In-process: parse only (text → YAML tree with ranges → value) and the full lint (parse + schema +
// graph + rules + spans), the work behind every keystroke.
export const order = 10;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Wall time per call of `fn`, amortized: after a warm-up (the JIT, the schema validator, the heap
 * reaching its working size), as many calls as fit in `budgetMs` (at least `minRuns`), in rounds of
 * a tenth of the budget; the median round's time per call. Amortized, because a collection of the
 * young generation comes every second or third analysis of a large file, and each call must pay its
 * share (a median of single calls would flip between calls with and without one); the median round,
 * because the machine is shared.
 */
function timed(fn, minRuns, budgetMs) {
  const warmUntil = performance.now() + budgetMs / 4;
  for (let i = 0; i < 5 || performance.now() < warmUntil; i++) fn();
  const rounds = [];
  let runs = 0;
  const until = performance.now() + budgetMs;
  while (runs < minRuns || performance.now() < until) {
    const t0 = performance.now();
    const roundEnd = t0 + budgetMs / 10;
    let calls = 0;
    do {
      fn();
      calls++;
    } while (performance.now() < roundEnd && calls < 1000);
    rounds.push((performance.now() - t0) / calls);
    runs += calls;
  }
  return median(rounds);
}

export async function run(ctx) {
  const { parse, analyze } = await ctx.importTs('server/src/core/index.ts');
  const rows = [];
  const checks = [];
  for (const n of ctx.sizes) {
    const text = ctx.architecture(n);
    const runs = ctx.quick ? 3 : n >= 5000 ? 7 : 21;
    const budget = ctx.quick ? 100 : 1500;
    const problems = analyze(text).problems.length;
    const parseMs = timed(() => parse(text), runs, budget);
    const lintMs = timed(() => analyze(text), runs, budget);
    rows.push(
      { metric: 'file size', size: n, value: text.length / 1024, unit: 'KB', display: `${Math.round(text.length / 1024)} KB, ${problems} problems` },
      { metric: 'parse only', size: n, value: parseMs, unit: 'ms' },
      { metric: 'full lint (parse + schema + graph + rules)', size: n, value: lintMs, unit: 'ms' },
      { metric: 'full lint ÷ parse', size: n, value: lintMs / parseMs, unit: 'x' },
    );
    checks.push({ target: `full lint ≤ 3 × parse-only at ${n.toLocaleString('en-US')} nodes`, ok: lintMs <= 3 * parseMs, actual: `${(lintMs / parseMs).toFixed(2)} ×` });
    if (n === 1000) checks.push({ target: 'full lint of 1,000 nodes ≤ 100 ms', ok: lintMs <= 100, actual: `${lintMs.toFixed(0)} ms` });
  }
  return { rows, checks };
}
