// In-process: parse only (text → YAML tree with ranges → value) and the full lint (parse + schema +
// graph + rules + spans), the work behind every keystroke.
export const order = 10;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Median wall time of `fn`: after a warm-up (the JIT, the schema validator, the heap reaching its
 * working size), as many runs as fit in `budgetMs`, at least `minRuns`. Each measured call pays for
 * the garbage collections its own allocations cause, as it would in the editor.
 */
function timed(fn, minRuns, budgetMs) {
  const warmUntil = performance.now() + budgetMs / 4;
  for (let i = 0; i < 5 || performance.now() < warmUntil; i++) fn();
  const times = [];
  const until = performance.now() + budgetMs;
  while (times.length < minRuns || performance.now() < until) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
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
