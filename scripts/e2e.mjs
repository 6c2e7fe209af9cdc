#!/usr/bin/env node
// The VS Code end-to-end suites (`npm run test:e2e`), from a fresh clone:
//   0. the first hour (scripts/lib/first-run.mjs): `npm start` in a clean copy of the repository with
//      HOME pointed at an empty folder, until the editor shows Archflow; strace records every write,
//      and any outside the copy and that HOME fails the run. Its Node 24, code-server and .vsix then
//      serve the other groups;
//   1. otherwise installs what they need, once (kept in .e2e/, gitignored): Debian's chromium and
//      strace (apt-get, only when missing), Node 24 and code-server from npm (scripts/lib/code-server.mjs);
//   2. packages the extension (`npm run package`: production bundles, .vsix);
//   3. compiles test/e2e/**/*.ts to test/e2e/out/ (esbuild);
//   4. runs test/e2e/main.ts: the package checks, the extension-host suite inside code-server, and the
//      Playwright UI suite (screenshots in test-results/e2e/);
//   5. stops anything left running, and prints `N passed, N failed` (exit code 0 only when all passed).
// Everything a run writes is in .e2e/run-<pid>/ (removed when the run passes; kept, with its logs, when
// it fails) and test-results/e2e/ (screenshots).
//
//   node scripts/e2e.mjs [--no-install] [--no-package] [--no-first-run] [--only first-run|package|host|ui]… [--grep TEXT]
//   node scripts/e2e.mjs --electron    the extension-host suite in a downloaded VS Code (@vscode/test-electron)
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ensureCodeServer, isInstalled, isolatedEnv, toolPaths } from './lib/code-server.mjs';
import { firstRun } from './lib/first-run.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// The tool cache and run folders; ARCHFLOW_E2E_DIR moves them (e.g. to time a run from scratch).
const E2E = process.env.ARCHFLOW_E2E_DIR ?? join(ROOT, '.e2e');
// Each run has its own folder (several runs may share a checkout): tools are shared, nothing else.
const RUN = join(E2E, `run-${process.pid}`);
const TOTAL_TIMEOUT_MS = 15 * 60_000;

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const forwarded = argv.filter((a, i) => !['--no-install', '--no-package', '--electron', '--no-first-run'].includes(a) && !(a === 'first-run' && argv[i - 1] === '--only') && !(a === '--only' && argv[i + 1] === 'first-run'));
process.chdir(ROOT);

let setupFailures = 0;
const started = Date.now();

function log(line) {
  process.stdout.write(line + '\n');
}

/** Runs a command with a time limit; returns true when it exits with 0. Output goes to stderr (stdout is for results). */
function run(title, command, args, { timeoutMs = 5 * 60_000, env = process.env, quiet = false } = {}) {
  const t = Date.now();
  const r = spawnSync(command, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ok = r.status === 0;
  log(`${ok ? '✔' : '✘'} ${title} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  if (!ok || !quiet) process.stderr.write((r.stdout ?? '') + (r.stderr ?? '') + (r.error ? `${r.error.message}\n` : ''));
  return ok;
}

function setupStep(title, command, args, options) {
  const ok = run(title, command, args, options);
  if (!ok) setupFailures++;
  return ok;
}

/** A Debian package the run needs, installed with apt-get only when missing and root, saying why first. */
function ensureDebian(pkg, executable, why) {
  if (existsSync(executable)) return;
  if (process.getuid?.() !== 0) {
    log(`✘ Debian's ${pkg} is missing (${executable}): ${why}. Install it with: sudo apt-get install -y ${pkg}`);
    setupFailures++;
    return;
  }
  log(`▶ apt-get install ${pkg}: ${why}, and ${executable} is missing`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!run(`apt-get install ${pkg}`, 'apt-get', ['install', '-y', '-qq', pkg], { env, timeoutMs: 10 * 60_000, quiet: true })) {
    run('apt-get update', 'apt-get', ['update', '-qq'], { env, timeoutMs: 5 * 60_000, quiet: true });
    setupStep(`apt-get install ${pkg}`, 'apt-get', ['install', '-y', '-qq', pkg], { env, timeoutMs: 10 * 60_000, quiet: true });
  }
}

/** Compiles test/e2e/**\/*.ts file by file into the run folder (no bundling: `vscode` and mocha resolve at run time). */
async function compileTests() {
  const t = Date.now();
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory() && e.name !== 'out') walk(p);
      else if (e.isFile() && e.name.endsWith('.ts')) files.push(p);
    }
  };
  walk(join(ROOT, 'test', 'e2e'));
  try {
    await esbuild.build({
      entryPoints: files, outdir: join(RUN, 'out'), outbase: join(ROOT, 'test', 'e2e'), bundle: false, format: 'cjs',
      platform: 'node', target: 'node20', sourcemap: 'inline', logLevel: 'warning',
    });
    log(`✔ compile test/e2e (${files.length} files, ${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return true;
  } catch (err) {
    log(`✘ compile test/e2e: ${err.message}`);
    setupFailures++;
    return false;
  }
}

/** Removes the folders of earlier runs whose process is gone. */
function removeStaleRuns() {
  for (const name of existsSync(E2E) ? readdirSync(E2E) : []) {
    const m = /^run-(\d+)$/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch {
      rmSync(join(E2E, name), { recursive: true, force: true });
    }
  }
}

/** Processes of this run still alive: their working folder or command line is inside .e2e/run. */
function leftovers() {
  const found = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    if (Number(pid) === process.pid) continue;
    try {
      // A zombie or a process in its exit (state Z or X; its command line already empty) has ended: its parent has
      // not reaped it yet. Counting it failed a run whose code-server child was exiting at that moment.
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').charAt(0);
      if (state === 'Z' || state === 'X') continue;
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (cwd === RUN || cwd.startsWith(RUN + '/') || cmd.includes(RUN + '/')) found.push({ pid: Number(pid), cmd });
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** Runs the compiled main with a time limit; returns its counts. */
async function runMain(script, args, tools) {
  const env = { ...process.env, ARCHFLOW_E2E_DIR: tools, ARCHFLOW_E2E_RUN: RUN, ARCHFLOW_E2E_VSIX: join(RUN, 'archflow.vsix') };
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], detached: true, env });
  let counts;
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^e2e-counts: (\d+) (\d+)$/.exec(line);
      if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
      else log(line);
    }
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const timer = setTimeout(() => {
    log(`✘ the end-to-end run took longer than ${TOTAL_TIMEOUT_MS / 60_000} min: stopping it`);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // gone
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, 10_000).unref();
  }, TOTAL_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  if (buffered) log(buffered);
  return counts ?? { passed: 0, failed: code === 0 ? 0 : 1 };
}

/** The values of a repeatable option. */
function values(name) {
  return argv.flatMap((a, i) => (a === name && argv[i + 1] ? [argv[i + 1]] : []));
}

async function main() {
  const only = values('--only');
  const wantFirstRun = !flag('--electron') && !flag('--no-first-run') && (only.length === 0 || only.includes('first-run'));
  const wantOthers = only.length === 0 || only.some((g) => g !== 'first-run');
  if (!flag('--no-install')) {
    ensureDebian('chromium', '/usr/bin/chromium', 'the UI suite and the first-run check drive Debian\'s Chromium');
    if (wantFirstRun) ensureDebian('strace', '/usr/bin/strace', 'the first-run check records every file npm start writes with strace');
  }
  removeStaleRuns();
  mkdirSync(RUN, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const vsixName = `${pkg.name}-${pkg.version}.vsix`;
  let counts = { passed: 0, failed: 0 };

  // 1. The first hour: npm start in a clean copy with an empty HOME, traced. Its tools and .vsix then
  //    serve the other groups (one install of code-server per run).
  let tools = E2E;
  let vsix = join(ROOT, vsixName);
  let reuse = false;
  if (wantFirstRun && setupFailures === 0) {
    log('▶ first run: npm start in a clean copy of the repository, HOME empty, every write traced');
    const { chromium } = await import('playwright-core');
    const dir = join(RUN, 'first-run');
    const r = await firstRun({ root: ROOT, dir, log, chromium, browserEnv: isolatedEnv(join(RUN, 'first-run-browser')) });
    for (const o of r.outcomes) counts[o.ok ? 'passed' : 'failed']++;
    if (r.seconds !== undefined) log(`  · npm start, first run from the clean copy (strace on): ${r.seconds.toFixed(0)} s to the URL`);
    if (r.clone && isInstalled(toolPaths(join(r.clone, '.e2e'))) && existsSync(join(r.clone, vsixName))) {
      tools = join(r.clone, '.e2e');
      vsix = join(r.clone, vsixName);
      reuse = true;
    }
  }

  // 2. The package, extension-host and UI groups.
  if (wantOthers) {
    if (!reuse) {
      if (!flag('--no-install') && !flag('--electron') && !await ensureCodeServer(toolPaths(E2E))) setupFailures++;
      if (!flag('--no-package')) setupStep('package the extension (npm run package)', 'npm', ['run', '--silent', 'package'], { timeoutMs: 5 * 60_000, quiet: true });
    }
    if (existsSync(vsix)) copyFileSync(vsix, join(RUN, 'archflow.vsix'));
    else if (!flag('--electron')) {
      log(`✘ ${vsix} is missing: run without --no-package`);
      setupFailures++;
    }
    await compileTests();
    if (setupFailures === 0) {
      const main = await runMain(join(RUN, 'out', flag('--electron') ? 'test-electron.js' : 'main.js'), forwarded, tools);
      counts = { passed: counts.passed + main.passed, failed: counts.failed + main.failed };
    }
  }

  // Nothing of this run may outlive it (a process still exiting gets up to 3 s to go).
  let left = leftovers();
  for (let waited = 0; left.length > 0 && waited < 3000; waited += 250) {
    await delay(250);
    left = leftovers();
  }
  if (left.length > 0) {
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await delay(500);
    log(`✘ ${left.length} process(es) were still running after the run and were killed:\n${left.map((p) => `    ${p.pid} ${p.cmd.slice(0, 160)}`).join('\n')}`);
    counts.failed++;
    left = leftovers();
    if (left.length > 0) log(`✘ still running: ${left.map((p) => p.pid).join(' ')}`);
  } else {
    log('✔ no process of the run is left running');
  }

  const failed = counts.failed + setupFailures;
  if (failed === 0) rmSync(RUN, { recursive: true, force: true });
  else log(`  the run's folder, with the logs of code-server and moto, is kept: ${RUN}`);
  log(`e2e total: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`${counts.passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && counts.passed > 0 ? 0 : 1;
}

await main();
