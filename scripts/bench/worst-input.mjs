// The worst input: every file of the hostile-input corpus (test/fixtures/hostile/corpus.ts: deep
// nesting, maps as keys, alias bombs, 4 MB of `[`, 97,777 functions, 80,000 YAML errors…) opened in
// the built language server over stdio, as an editor would. For each: open → diagnostics, then a
// hover, a completion and the diagram, each timed until its answer. The row is the slowest answer of
// each kind, with the input that caused it; the targets are the budget docs/limits.md promises.
import { join } from 'node:path';
import { BenchClient } from './lib/lsp.mjs';

export const order = 90;

/** Position (0-based) of an offset. */
function positionOf(text, offset) {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

export async function run(ctx) {
  const { HOSTILE, useFolder } = await ctx.importTs('test/fixtures/hostile/corpus.ts');
  useFolder(join(ctx.root, 'test/fixtures/hostile'));
  const client = new BenchClient(process.execPath, [join(ctx.root, 'server/out/server.js'), '--stdio']);
  const times = []; // { name, open, hover, completion, diagram }
  try {
    await client.initialize({ textDocument: { hover: { contentFormat: ['markdown'] } } });
    for (const c of HOSTILE) {
      const text = c.text();
      const uri = `file:///bench/hostile/${c.name}.arch.yaml`;
      ctx.log(`  ${c.name} (${(text.length / 1024).toFixed(0)} KB)`);
      let t = performance.now();
      const published = client.diagnostics(uri);
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'archflow', version: 1, text } });
      const { params } = await published;
      const open = performance.now() - t;
      const problem = params.diagnostics.find((d) => d.code === c.expect.code);
      const at = problem?.range.start ?? positionOf(text, Math.floor(text.length / 2));
      t = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: at });
      const hover = performance.now() - t;
      t = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri }, position: positionOf(text, text.length) });
      const completion = performance.now() - t;
      t = performance.now();
      await client.request('arch/diagram', { textDocument: { uri } });
      const diagram = performance.now() - t;
      await client.notify('textDocument/didClose', { textDocument: { uri } });
      times.push({ name: c.name, kb: Math.round(text.length / 1024), open, hover, completion, diagram });
    }
  } finally {
    await client.stop();
  }
  const worst = (key) => times.reduce((a, b) => (b[key] > a[key] ? b : a));
  const row = (metric, key) => {
    const w = worst(key);
    return { metric, size: null, value: w[key], unit: 'ms', display: `${Math.round(w[key]).toLocaleString('en-US')} ms (${w.name})` };
  };
  const ms = (v) => `${Math.round(v).toLocaleString('en-US')} ms`;
  return {
    rows: [
      row('worst input: open → diagnostics', 'open'),
      row('worst input: hover', 'hover'),
      row('worst input: completion', 'completion'),
      row('worst input: diagram', 'diagram'),
    ],
    notes: [
      `worst input: the ${times.length} files of the hostile corpus over stdio (open → diagnostics / hover / completion / diagram): `
        + times.map((x) => `${x.name} ${x.kb} KB ${ms(x.open)} / ${ms(x.hover)} / ${ms(x.completion)} / ${ms(x.diagram)}`).join('; '),
    ],
    checks: [
      { target: 'every hostile input analysed ≤ 10 s', ok: worst('open').open <= 10_000, actual: `${ms(worst('open').open)} (${worst('open').name})` },
      { target: 'hover and completion on every hostile input ≤ 1 s', ok: Math.max(worst('hover').hover, worst('completion').completion) <= 1000, actual: `${ms(worst('hover').hover)} (${worst('hover').name}), ${ms(worst('completion').completion)} (${worst('completion').name})` },
      { target: 'the diagram of every hostile input ≤ 15 s (10 s layout deadline)', ok: worst('diagram').diagram <= 15_000, actual: `${ms(worst('diagram').diagram)} (${worst('diagram').name})` },
    ],
  };
}
