/**
 * The end-to-end run (started by `scripts/e2e.mjs`, which installs the tools, packages the extension
 * and compiles this folder into its run folder first):
 *
 * 1. package: the .vsix holds only what runs, and is small (mocha, in Node);
 * 2. host: the mocha suite of test/e2e/suite inside the extension host of a real VS Code
 *    (code-server), on the real `vscode` API, against the packaged extension;
 * 3. ui: Playwright drives the code-server workbench in Debian's Chromium; screenshots are kept in
 *    test-results/e2e/.
 *
 * Prints each test, then `e2e-counts: <passed> <failed>` for scripts/e2e.mjs. Exit code 0 only when everything passed.
 * Options: `--only package|host|ui` (repeatable), `--grep <text>`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type MochaType from 'mocha';
import {
  ARTIFACTS, createRunDirs, createWorkspace, installVsix, launchChromium, startCodeServer, startMoto, stopAll, vsixPath,
  withTimeout, writeUserSettings, type RunDirs,
} from './harness';

const Mocha: typeof MochaType = require('mocha/lib/mocha.cjs');

/** One test's outcome, in every group. */
export interface Outcome {
  readonly title: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly ms?: number;
}

/** What the extension-host suite writes to `ARCHFLOW_E2E_RESULTS`. */
export interface HostResults {
  readonly tests: Outcome[];
  readonly notes: string[];
}

const { values: options } = parseArgs({
  options: { only: { type: 'string', multiple: true }, grep: { type: 'string' } },
});
const groups = new Set(options.only ?? ['package', 'host', 'ui']);
const outcomes: { group: string; outcome: Outcome }[] = [];

function record(group: string, outcome: Outcome): void {
  outcomes.push({ group, outcome });
  const time = outcome.ms !== undefined ? ` (${outcome.ms} ms)` : '';
  console.log(`  ${outcome.ok ? '✔' : '✘'} ${group}: ${outcome.title}${time}`);
  if (!outcome.ok && outcome.error) console.log(outcome.error.replace(/^/gm, '      '));
}

/** Runs compiled mocha files in this process and records each test. */
async function runMocha(group: string, dir: string, timeoutMs: number): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: timeoutMs, reporter: Mocha.reporters.Base, ...(options.grep ? { grep: options.grep } : {}) });
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort() : [];
  if (files.length === 0) {
    record(group, { title: `test files in ${dir}`, ok: false, error: 'none found: was test/e2e compiled?' });
    return;
  }
  for (const f of files) mocha.addFile(join(dir, f));
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t) => record(group, { title: t.fullTitle(), ok: true, ms: t.duration ?? 0 }));
    runner.on('fail', (t, err) => record(group, { title: t.fullTitle(), ok: false, error: (err as Error)?.stack ?? String(err) }));
  });
}

/** Runs test/e2e/suite in the extension host through the smoke-test driver; reads its results file. */
async function runHostSuite(dirs: RunDirs, extension: string, moto: string): Promise<void> {
  const ws = createWorkspace(dirs, 'ws-host');
  const resultsFile = join(dirs.root, 'host-results.json');
  const server = await startCodeServer(dirs);
  const browser = await launchChromium(dirs);
  const log: string[] = [];
  const t0 = Date.now();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      log.push(`+${((Date.now() - t0) / 1000).toFixed(1)}s [${type}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    const remote = (path: string): string => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const env = {
      ARCHFLOW_E2E_RESULTS: resultsFile,
      ARCHFLOW_E2E_WORKSPACE: ws,
      ARCHFLOW_E2E_MOTO: moto,
      ARCHFLOW_E2E_ARTIFACTS: ARTIFACTS,
      ...(options.grep ? { ARCHFLOW_E2E_GREP: options.grep } : {}),
    };
    const payload = [
      ['extensionDevelopmentPath', remote(extension)],
      ['extensionTestsPath', remote(join(__dirname, 'suite', 'index.js'))],
      ['extensionEnvironment', JSON.stringify(env)],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const started = Date.now();
    await page.goto(url, { timeout: 60_000 });
    const code = await withTimeout(exited, 8 * 60_000, 'the extension-host suite to finish (codeAutomationExit)').catch(async (err) => {
      await page.screenshot({ path: join(ARTIFACTS, 'host-suite-timeout.png') }).catch(() => undefined);
      throw err;
    });
    console.log(`  extension-host suite finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (!existsSync(resultsFile)) {
      record('host', { title: 'the suite reports its results', ok: false, error: `no ${resultsFile}; exit code ${code}\n${log.slice(-40).join('\n')}` });
      return;
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as HostResults;
    for (const t of results.tests) record('host', t);
    for (const note of results.notes) console.log(`  · ${note}`);
    if (code !== 0 && results.tests.every((t) => t.ok)) {
      record('host', { title: 'the suite exits with 0', ok: false, error: `exit code ${code}\n${log.slice(-40).join('\n')}` });
    }
  } catch (err) {
    record('host', { title: 'extension-host suite', ok: false, error: `${(err as Error).stack}\n${log.slice(-40).join('\n')}` });
  } finally {
    writeFileSync(join(ARTIFACTS, 'host-suite.log'), log.join('\n'));
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

/** Runs the Playwright UI tests against a code-server with the packaged extension installed. */
async function runUiSuite(dirs: RunDirs): Promise<void> {
  const ws = createWorkspace(dirs, 'ws-ui');
  const server = await startCodeServer(dirs);
  try {
    process.env.ARCHFLOW_E2E_URL = server.url;
    process.env.ARCHFLOW_E2E_WORKSPACE = ws;
    process.env.ARCHFLOW_E2E_RUN = dirs.root;
    await runMocha('ui', join(__dirname, 'ui'), 90_000);
  } finally {
    await server.stop();
  }
  await runRestrictedSuite(dirs);
}

/**
 * The same workbench with workspace trust on and a folder nobody trusted (Restricted Mode, without the
 * startup question): test/e2e/restricted. Its own user settings, then the usual ones back.
 */
async function runRestrictedSuite(dirs: RunDirs): Promise<void> {
  const ws = createWorkspace(dirs, 'ws-restricted');
  writeUserSettings(dirs, { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' });
  const server = await startCodeServer(dirs, {}, { trust: true });
  try {
    process.env.ARCHFLOW_E2E_URL = server.url;
    process.env.ARCHFLOW_E2E_WORKSPACE = ws;
    await runMocha('ui', join(__dirname, 'restricted'), 90_000);
  } finally {
    await server.stop();
    writeUserSettings(dirs);
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  mkdirSync(ARTIFACTS, { recursive: true });
  const dirs = createRunDirs();
  // Playwright and anything else this process starts keep their temporary files in the run folder.
  process.env.TMPDIR = dirs.tmp;
  process.env.XDG_CACHE_HOME = join(dirs.root, 'xdg', 'cache');
  process.env.XDG_CONFIG_HOME = join(dirs.root, 'xdg', 'config');
  process.env.ARCHFLOW_E2E_VSIX = vsixPath();

  try {
    if (groups.has('package')) await runMocha('package', join(__dirname, 'package'), 30_000);
    if (groups.has('host') || groups.has('ui')) {
      writeUserSettings(dirs);
      const extension = installVsix(dirs, vsixPath());
      if (groups.has('host')) {
        const moto = await startMoto(dirs);
        try {
          await runHostSuite(dirs, extension, moto.endpoint);
        } finally {
          await moto.stop();
        }
      }
      if (groups.has('ui')) await runUiSuite(dirs);
    }
  } catch (err) {
    record('setup', { title: 'start the end-to-end environment', ok: false, error: (err as Error)?.stack ?? String(err) });
  } finally {
    await stopAll();
  }

  const passed = outcomes.filter((o) => o.outcome.ok).length;
  const failed = outcomes.length - passed;
  console.log(`\nend-to-end run took ${((Date.now() - started) / 1000).toFixed(1)} s; artifacts in ${ARTIFACTS}`);
  // scripts/e2e.mjs reads this line and prints the one `N passed, N failed` of the whole run.
  console.log(`e2e-counts: ${passed} ${failed}`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(err);
    await stopAll();
    console.log('e2e-counts: 0 1');
    process.exit(1);
  },
);
