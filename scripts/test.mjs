#!/usr/bin/env node
// The whole test suite, from a fresh clone: checks the two Python tools it cannot install
// (scripts/preflight.mjs: cfn-lint and moto_server, stopping at once with the install command when
// one is missing), installs the npm packages, builds, type-checks, lints,
// runs every vitest project (unit, lsp, cli, webview, codegen, …) and the VS Code end-to-end suite,
// then prints `N passed, N failed`. Exit code 0 only when every step passed.
//
//   npm test                 everything
//   npm test -- --no-e2e     without the VS Code end-to-end suite
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflight } from './preflight.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const withE2e = !args.includes('--no-e2e');

let passed = 0;
let failed = 0;
const failures = [];

/** Runs a command with a time limit, streaming its output. */
function run(title, command, commandArgs, { timeoutMin = 20, env = {} } = {}) {
  console.log(`\n▶ ${title}: ${command} ${commandArgs.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env }, timeout: timeoutMin * 60_000, killSignal: 'SIGKILL' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${title} (${seconds} s)${r.error ? ` — ${r.error.message}` : ''}${r.signal ? ` — killed by ${r.signal}` : ''}`);
  return ok;
}

function step(title, command, commandArgs, options) {
  if (run(title, command, commandArgs, options)) passed++;
  else {
    failed++;
    failures.push(title);
  }
}


// 0. The tools npm cannot install, before anything else.
const check = preflight();
for (const line of check.lines) (check.ok ? process.stdout : process.stderr).write(line + '\n');
if (!check.ok) {
  console.log('\nStopped before any suite ran: install the missing tools first.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// 1. Dependencies.
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  if (!run('install npm packages', 'npm', ['ci', '--no-audit', '--no-fund'], { timeoutMin: 15 })) process.exit(1);
}
if (!existsSync('/usr/bin/chromium')) {
  // The webview and VS Code suites drive Debian's Chromium; as root it is installed here, else preflight stopped.
  console.log('\nDebian\'s chromium is missing (/usr/bin/chromium): the webview and VS Code suites drive it. Installing it with apt-get.');
  run('install Debian chromium', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'], { timeoutMin: 10 });
}

// 2. Build, type-check, lint.
step('build', 'node', ['scripts/build.mjs']);
step('type-check (tsc -b)', 'npx', ['tsc', '-b']);
step('eslint', 'npx', ['eslint', '.', '--max-warnings', '0']);

// 3. Every vitest project; counts come from its JSON report.
mkdirSync('test-results', { recursive: true });
const report = join('test-results', 'vitest.json');
const vitestOk = run('vitest (all projects)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { timeoutMin: 45 });
let counted = false;
if (existsSync(report)) {
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    counted = true;
    if (r.numFailedTests > 0) failures.push(`${r.numFailedTests} vitest test(s)`);
  } catch {
    // counted below
  }
}
if (!vitestOk && (!counted || failures.length === 0)) {
  failed++;
  failures.push('vitest run');
}

// 4. The VS Code end-to-end suite (code-server + Chromium), which prints its own `N passed, N failed`.
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
if (withE2e && pkg.scripts?.['test:e2e']) {
  const r = spawnSync('npm', ['run', '--silent', 'test:e2e'], { encoding: 'utf8', timeout: 30 * 60_000, killSignal: 'SIGKILL', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout ?? '');
  const m = /(\d+) passed, (\d+) failed/.exec(r.stdout ?? '');
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
    if (Number(m[2]) > 0) failures.push(`${m[2]} e2e test(s)`);
  }
  if (r.status !== 0 && (!m || Number(m[2]) === 0)) {
    failed++;
    failures.push('e2e suite');
  }
}

console.log(failures.length ? `\nFailed: ${failures.join('; ')}` : '\nEverything passed.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
