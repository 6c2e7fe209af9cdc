// `npm run bench`: Archflow's speed on generated architectures of 100, 1,000 and 5,000 nodes, next to
// its peers in the same run (yaml-language-server on the same files and schema, cfn-lint on the
// generated CloudFormation template), printed as one table.
//
// Every module in scripts/bench/*.mjs (not lib/) is a benchmark: it exports `run(ctx)` returning
// `{ rows, notes?, checks? }` and optionally `order` (default 50; then by file name):
//   rows:   { metric, size, value, unit, display? }[]  one cell each (size: node count, or null)
//   notes:  string[]                                   printed under the table (skips with reasons)
//   checks: { target, ok, actual }[]                   targets, printed ✓ / ✗
// `ctx` gives the sizes, the generated text of an architecture of n nodes (`architecture(n)`), its
// path on disk (`fileFor(n)`), `importTs(path)` (TypeScript sources through tsx), `log`, `quick` and `full`.
//
// Flags: --quick (fewer runs), --full (slow peers at more sizes), --no-build (use server/out as it is), --only=<module,…>,
//        --readme (write the table into README.md under "## Performance").
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { generateArchitecture } from './bench/lib/generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const started = performance.now();
const log = (msg) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}\n`);

if (!flag('no-build') || !existsSync(join(root, 'server/out/server.js'))) {
  log('building (npm run build)…');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

const tmp = mkdtempSync(join(os.tmpdir(), 'archflow-bench-'));
const texts = new Map();
const ctx = {
  root,
  sizes: [100, 1000, 5000],
  quick: flag('quick'),
  full: flag('full'),
  log,
  tmp,
  architecture(n) {
    if (!texts.has(n)) texts.set(n, generateArchitecture(n));
    return texts.get(n);
  },
  fileFor(n) {
    const file = join(tmp, `bench-${n}.arch.yaml`);
    if (!existsSync(file)) writeFileSync(file, this.architecture(n));
    return file;
  },
  importTs(path) {
    return tsImport(pathToFileURL(join(root, path)).href, import.meta.url);
  },
};

const dir = join(root, 'scripts/bench');
const modules = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
  const name = file.replace(/\.mjs$/, '');
  if (only && !only.includes(name)) continue;
  const mod = await import(pathToFileURL(join(dir, file)).href);
  if (typeof mod.run === 'function') modules.push({ name, order: mod.order ?? 50, run: mod.run });
}
modules.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));

const rows = [];
const notes = [];
const checks = [];
const loadBefore = os.loadavg()[0];
for (const m of modules) {
  log(`${m.name}…`);
  const t0 = performance.now();
  try {
    const r = await m.run(ctx);
    rows.push(...(r.rows ?? []));
    notes.push(...(r.notes ?? []));
    checks.push(...(r.checks ?? []));
  } catch (err) {
    notes.push(`${m.name}: failed: ${String(err?.stack ?? err).split('\n').slice(0, 3).join(' ')}`);
  }
  log(`${m.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
rmSync(tmp, { recursive: true, force: true });

// One table: a row per metric, a column per size.
const sizes = [...new Set(rows.map((r) => r.size))].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
const metrics = [...new Set(rows.map((r) => r.metric))];
const cell = (metric, size) => {
  const r = rows.find((x) => x.metric === metric && x.size === size);
  if (!r) return '';
  return r.display ?? format(r.value, r.unit);
};
function format(value, unit) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  if (unit === 'x') return `${value.toFixed(value >= 10 ? 0 : 1)}×`;
  if (unit === 'ms') return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`;
  if (unit === 's') return `${value.toFixed(1)} s`;
  if (unit === 'MB') return `${Math.round(value)} MB`;
  return `${value}${unit ? ' ' + unit : ''}`;
}
const header = ['', ...sizes.map((s) => (s === null ? '(see notes)' : `${s.toLocaleString('en-US')} nodes`))];
const body = metrics.map((m) => [m, ...sizes.map((s) => cell(m, s))]);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
const table = [line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`, ...body.map(line)].join('\n');

const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
const machine = `${os.availableParallelism()} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.type()} ${os.release()}; load average ${loadBefore.toFixed(1)} at the start`;
const checkLines = checks.map((c) => `- ${c.ok ? '✓' : '✗'} ${c.target}: ${c.actual}`);
const noteLines = notes.map((n) => `- ${n}`);
const total = (performance.now() - started) / 1000;
const report = [
  `Machine: ${machine}. Whole run: ${total.toFixed(0)} s.`,
  '',
  table,
  ...(checkLines.length ? ['', 'Targets:', ...checkLines] : []),
  ...(noteLines.length ? ['', 'Notes:', ...noteLines] : []),
].join('\n');
console.log(report);

if (flag('readme')) {
  const readme = join(root, 'README.md');
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '# Archflow\n';
  const section = `## Performance\n\n\`npm run bench\` on generated architectures (a realistic mix: 20 % producers, 30 % routers, 50 % functions; catalog events, dead-letter queues, FIFO queues, filtered subscriptions, bus rules). Medians unless marked; ratios are peer ÷ Archflow in the same run.\n\n${report}\n`;
  const start = text.search(/^## Performance\s*$/m);
  let next;
  if (start >= 0) {
    const after = text.slice(start + 1).search(/^## /m);
    next = after >= 0 ? start + 1 + after : text.length;
  }
  const updated = start >= 0 ? text.slice(0, start) + section + (next < text.length ? '\n' + text.slice(next) : '') : text.trimEnd() + '\n\n' + section;
  writeFileSync(readme, updated);
  log('README.md: "## Performance" updated');
}
