// The diagram: model + ELK layout of the benchmark architectures at 100, 500 and 1,000 nodes, in
// process (the language server runs the same code in its layout worker). Wall-clock medians, and
// the CPU time of the same runs: on a shared machine the wall clock also counts other processes.
export const order = 30;

const SIZES = [100, 500, 1000];

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Lays out `text` `runs` times with a fresh model each time; returns median wall and CPU ms. */
async function timed(layout, text, runs) {
  const walls = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await layout(text);
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

export async function run(ctx) {
  const { analyze } = await ctx.importTs('server/src/core/index.ts');
  const { buildDiagramModel, layoutDiagram, flowsOf } = await ctx.importTs('server/src/core/layout/index.ts');
  const { createElkRunner } = await ctx.importTs('server/src/core/layout/elk-runner.ts');
  const elk = createElkRunner();
  const analyses = new Map();
  const layout = (text) => layoutDiagram(buildDiagramModel(analyses.get(text) ?? analyze(text)), elk);

  const rows = [];
  const checks = [];
  const notes = [];
  // Warm ELK up (class initialisation, JIT) as the language server's worker does at start.
  await layout(ctx.architecture(100));
  for (const n of SIZES) {
    const text = ctx.architecture(n);
    analyses.set(text, analyze(text));
    const model = buildDiagramModel(analyses.get(text));
    const flows = flowsOf(model).map((f) => f.nodes.length).sort((a, b) => b - a);
    const runs = ctx.quick ? 1 : n >= 1000 ? 3 : 5;
    const { wall, cpu } = await timed(layout, text, runs);
    rows.push(
      { metric: 'diagram layout (wall)', size: n, value: wall, unit: 'ms' },
      { metric: 'diagram layout (CPU)', size: n, value: cpu, unit: 'ms' },
    );
    notes.push(`diagram layout at ${n.toLocaleString('en-US')} nodes: ${model.edges.length} edges in ${flows.length} flows (largest ${flows[0]} nodes), median of ${runs}`);
    if (n === 500) checks.push({ target: 'diagram layout of 500 nodes ≤ 2 s', ok: wall <= 2000, actual: `${(wall / 1000).toFixed(2)} s (CPU ${(cpu / 1000).toFixed(2)} s)` });
  }
  return { rows, checks, notes };
}
