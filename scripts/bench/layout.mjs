// The diagram: model + ELK layout of the benchmark architectures at 100, 500 and 1,000 nodes, in
// process (the language server runs the same code in its layout worker). Wall-clock medians, and
// the CPU time of the same runs: on a shared machine the wall clock also counts other processes.
// Then, over stdio with the built server, how long after the model of an edit (its diagnostics)
// the new diagram reaches the client: `arch/diagramChanged`, then `arch/diagram`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchClient, percentile } from './lib/lsp.mjs';

export const order = 30;

/**
 * Edits of the orders example, alternating: a structural one (a route and its handler appear or
 * disappear, so the flow needs a new layout) and a setting (positions reused).
 */
async function liveDiagram(ctx, edits) {
  const text0 = readFileSync(join(ctx.root, 'examples/orders.arch.yaml'), 'utf8');
  const client = new BenchClient(process.execPath, [join(ctx.root, 'server/out/server.js'), '--stdio']);
  const changed = new Map(); // version → resolve of the next notice
  const notified = (v) => new Promise((resolve) => changed.set(v, resolve));
  client.connection.onNotification('arch/diagramChanged', (p) => {
    const resolve = changed.get(p.version);
    changed.delete(p.version);
    resolve?.();
  });
  try {
    await client.initialize();
    const uri = 'file:///bench/orders.arch.yaml';
    const opened = client.diagnostics(uri);
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'archflow', version: 1, text: text0 } });
    await opened;
    await client.request('arch/diagram', { textDocument: { uri } }); // subscribes; starts the worker
    const structural = [];
    const settings = [];
    const layoutMs = [];
    const final = [];
    let text = text0;
    for (let v = 2; v < 2 + 2 * edits; v++) {
      // A new route name each time, so no structure comes back (the server would reuse its layout).
      const withRoute = (t) => t.replace('      GET /orders/{orderId}: getOrder\n', `      GET /orders/{orderId}: getOrder\n      GET /refunds/${v}: listRefunds\n`).replace('  getOrder:\n', '  listRefunds: {}\n  getOrder:\n');
      const withoutRoute = (t) => t.replace(/ {6}GET \/refunds\/\d+: listRefunds\n/, '').replace('  listRefunds: {}\n', '');
      const next = v % 2 === 0
        ? (v % 4 === 2 ? withRoute(text) : withoutRoute(text))
        : text.replace(/ {4}memory: (\d+)\n/, (_, m) => `    memory: ${Number(m) + 1}\n`);
      const published = client.diagnostics(uri, (p) => p.version === v);
      const told = notified(v);
      await client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: next }] });
      text = next;
      const { at } = await published;
      await told;
      const laidOut = notified(v);
      let result = await client.request('arch/diagram', { textDocument: { uri } });
      if (result.version !== v) throw new Error(`diagram of version ${result.version}, expected ${v}`);
      (v % 2 === 0 ? structural : settings).push(performance.now() - at);
      if (result.diagram.provisional) {
        await laidOut;
        result = await client.request('arch/diagram', { textDocument: { uri } });
      }
      if (v % 2 === 0) {
        final.push(performance.now() - at);
        layoutMs.push(result.layoutMs);
      }
    }
    return { structural, settings, final, layoutMs };
  } finally {
    await client.stop();
  }
}

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

  const live = await liveDiagram(ctx, ctx.quick ? 5 : 15);
  const p50 = percentile(live.structural, 50);
  rows.push(
    { metric: 'structural edit → diagram after the model (provisional): p50', size: null, value: p50, unit: 'ms' },
    { metric: 'structural edit → diagram after the model (provisional): p95', size: null, value: percentile(live.structural, 95), unit: 'ms' },
    { metric: 'structural edit → laid-out diagram after the model: p50', size: null, value: percentile(live.final, 50), unit: 'ms' },
    { metric: 'setting edit → diagram after the model: p50', size: null, value: percentile(live.settings, 50), unit: 'ms' },
  );
  notes.push(`edit → diagram: the orders example (15 nodes) over stdio, ${live.structural.length} structural and ${live.settings.length} setting edits; the layout itself in the server's worker: p50 ${percentile(live.layoutMs, 50).toFixed(0)} ms`);
  const p95 = percentile([...live.structural, ...live.settings], 95);
  checks.push({ target: 'every edit reaches the diagram ≤ 200 ms after the model (p95)', ok: p95 <= 200, actual: `${p95.toFixed(0)} ms` });
  return { rows, checks, notes };
}
