// Over stdio, as an editor sees it: Archflow's language server and yaml-language-server (validating
// the same file against the same JSON Schema) — open → diagnostics, single-character edits →
// publishDiagnostics (p50 / p95), completion right after an edit, and the server's memory.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient, percentile } from './lib/lsp.mjs';
import { keystrokeSite } from './lib/generate.mjs';

export const order = 20;

const SIZES = [100, 200, 1000, 5000];

/** Where completion is asked: the value of the first queue's `function:` (only functions fit). */
function completionSite(text) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^ {4}to: \{ function: fn-\d+, batchSize: 10 \}$/.test(l));
  return { line, character: '    to: { function: fn-'.length };
}

/** Between two keystrokes, as a fast typist (120 words a minute) leaves. */
const TYPING_GAP_MS = 100;
/** Keystrokes typed before measuring. */
const WARMUP_EDITS = 10;

/**
 * Opens the file, then types: `edits` single-character replacements of the last digit of
 * `defaults.timeout` (10 → 11 → 12 …, always valid), each awaited until the server publishes the
 * diagnostics of that version, then a typist's pause (after 10 unmeasured warm-up keystrokes). With `completion`, as many edits again, each
 * followed at once by a completion request (its latency is measured; the diagnostics are awaited).
 */
async function session(client, { uri, languageId, text, edits, completion, mustComplete = false }) {
  const opened = performance.now();
  const first = client.diagnostics(uri);
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const openMs = (await first).at - opened;
  const rss = client.rssMb();
  const site = keystrokeSite(text);
  const completeAt = completionSite(text);
  const keystrokes = [];
  const completions = [];
  let version = 1;
  const type = async (i, thenComplete) => {
    const v = ++version;
    const digit = String((i % 8) + 1);
    const published = client.diagnostics(uri, (p) => p.version === undefined || p.version === v);
    const sent = performance.now();
    await client.notify('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: site, end: { line: site.line, character: site.character + 1 } }, text: digit }],
    });
    if (thenComplete) {
      const asked = performance.now();
      const result = await client.request('textDocument/completion', { textDocument: { uri }, position: completeAt });
      completions.push(performance.now() - asked);
      const items = Array.isArray(result) ? result : result?.items ?? [];
      if (mustComplete && items.length === 0) throw new Error(`no completion at ${JSON.stringify(completeAt)}`);
      await published;
    } else {
      keystrokes.push((await published).at - sent);
    }
    await new Promise((r) => setTimeout(r, TYPING_GAP_MS));
  };
  // A few keystrokes first, unmeasured: the first analyses after opening run before the JIT has warmed up.
  for (let i = 0; i < WARMUP_EDITS; i++) await type(i, false);
  keystrokes.length = 0;
  for (let i = 0; i < edits; i++) await type(i, false);
  if (completion) for (let i = 0; i < edits; i++) await type(i, true);
  return { openMs, rss, keystrokes, completions };
}

export async function run(ctx) {
  const rows = [];
  const checks = [];
  const notes = [];
  const server = join(ctx.root, 'server/out/server.js');
  const yamlLs = join(ctx.root, 'node_modules/yaml-language-server/bin/yaml-language-server');
  const schemaUri = pathToFileURL(join(ctx.root, 'schemas/archflow.schema.json')).href;
  const yamlSettings = { schemas: { [schemaUri]: ['*.arch.yaml'] }, validate: true, completion: true, hover: true, format: { enable: false }, maxItemsComputed: 100000 };
  const capabilities = {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
    textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } }, publishDiagnostics: { versionSupport: true } },
  };

  const archflow = {};
  const peer = {};
  for (const n of SIZES) {
    const text = ctx.architecture(n);
    const edits = ctx.quick ? 5 : n >= 5000 ? 8 : 40;
    ctx.log(`lsp: archflow ${n} nodes, ${edits} edits`);
    const a = new BenchClient(process.execPath, [server, '--stdio'], { configuration: { archflow: null } });
    await a.initialize(capabilities);
    archflow[n] = await session(a, { uri: `file:///bench/arch-${n}.arch.yaml`, languageId: 'archflow', text, edits, completion: true, mustComplete: true });
    await a.stop();

    ctx.log(`lsp: yaml-language-server ${n} nodes`);
    const y = new BenchClient(process.execPath, [yamlLs, '--stdio'], { configuration: { yaml: yamlSettings, '[yaml]': null, editor: null, files: null, http: null } });
    await y.initialize(capabilities);
    await y.notify('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
    peer[n] = await session(y, { uri: `file:///bench/yaml-${n}.arch.yaml`, languageId: 'yaml', text, edits: ctx.quick ? 3 : n >= 5000 ? 4 : 20, completion: true });
    await y.stop();
  }

  for (const n of SIZES) {
    const a = archflow[n];
    const y = peer[n];
    const p50 = percentile(a.keystrokes, 50);
    const p95 = percentile(a.keystrokes, 95);
    rows.push(
      { metric: 'open → diagnostics (stdio)', size: n, value: a.openMs, unit: 'ms' },
      { metric: `keystroke → diagnostics p50 / p95 (keys ${TYPING_GAP_MS} ms apart)`, size: n, value: p95, unit: 'ms', display: `${fmt(p50)} / ${fmt(p95)}` },
      { metric: 'completion after a keystroke p50 / p95', size: n, value: percentile(a.completions, 95), unit: 'ms', display: `${fmt(percentile(a.completions, 50))} / ${fmt(percentile(a.completions, 95))}` },
      { metric: 'server memory (RSS after open)', size: n, value: a.rss, unit: 'MB' },
      { metric: 'yaml-language-server: open → diagnostics', size: n, value: y.openMs, unit: 'ms' },
      { metric: 'yaml-language-server: keystroke → diagnostics p50 (same keys)', size: n, value: percentile(y.keystrokes, 50), unit: 'ms' },
      { metric: 'yaml-language-server: completion p50', size: n, value: percentile(y.completions, 50), unit: 'ms' },
      { metric: 'yaml-language-server: memory (RSS after open)', size: n, value: y.rss, unit: 'MB' },
      { metric: 'ratio yaml-language-server ÷ Archflow: open → diagnostics', size: n, value: y.openMs / a.openMs, unit: 'x' },
      { metric: 'ratio yaml-language-server ÷ Archflow: keystroke p50', size: n, value: percentile(y.keystrokes, 50) / p50, unit: 'x' },
    );
    if (n === 200) checks.push({ target: 'keystroke → diagnostics p95 ≤ 50 ms at 200 nodes', ok: p95 <= 50, actual: `${fmt(p95)}` });
    if (n === 5000) checks.push({ target: '≤ 150 MB at 5,000 nodes', ok: a.rss <= 150, actual: `${Math.round(a.rss)} MB` });
  }
  notes.push('yaml-language-server waits a fixed 200 ms after every change (and on open) before validating; its latencies include that pause. It checks the schema only (no graph, no rules).');
  return { rows, checks, notes };
}

function fmt(ms) {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}
