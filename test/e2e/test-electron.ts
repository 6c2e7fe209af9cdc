/**
 * The extension-host suite (test/e2e/suite) in a real desktop VS Code downloaded by
 * `@vscode/test-electron`, for machines that can reach update.code.visualstudio.com (it cannot here:
 * the code-server runner, main.ts, is the one CI uses). Start it with `node scripts/e2e.mjs --electron`
 * (xvfb-run on a Linux machine without a display). Set VSCODE_VERSION to pick a version (default:
 * the minimum of `engines.vscode`, then run again with `stable`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ARTIFACTS, createRunDirs, createWorkspace, FAKE_AWS, ROOT, startMoto, stopAll } from './harness';
import type { HostResults } from './main';

async function main(): Promise<number> {
  const dirs = createRunDirs();
  const ws = createWorkspace(dirs, 'ws-host');
  const results = join(dirs.root, 'host-results.json');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const version = process.env.VSCODE_VERSION ?? String(pkg.engines.vscode).replace(/^\^/, '');
  const moto = await startMoto(dirs);
  let exitCode: number | string;
  try {
    exitCode = await runTests({
      version,
      cachePath: join(ROOT, '.vscode-test'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${dirs.userData}`, `--extensions-dir=${dirs.extensions}`],
      extensionTestsEnv: {
        ...FAKE_AWS,
        ARCHFLOW_E2E_RESULTS: results,
        ARCHFLOW_E2E_WORKSPACE: ws,
        ARCHFLOW_E2E_MOTO: moto.endpoint,
        ARCHFLOW_E2E_ARTIFACTS: ARTIFACTS,
        ...(process.env.ARCHFLOW_E2E_GREP ? { ARCHFLOW_E2E_GREP: process.env.ARCHFLOW_E2E_GREP } : {}),
      },
    }).catch((err: Error) => {
      console.log(`  ✘ VS Code ${version} could not be downloaded or started: ${err.message}`);
      return 'failed';
    });
  } finally {
    await stopAll();
  }
  let passed = 0;
  let failed = 0;
  if (existsSync(results)) {
    const r = JSON.parse(readFileSync(results, 'utf8')) as HostResults;
    for (const t of r.tests) {
      console.log(`  ${t.ok ? '✔' : '✘'} host (VS Code ${version}): ${t.title}`);
      if (!t.ok && t.error) console.log(t.error.replace(/^/gm, '      '));
      if (t.ok) passed++;
      else failed++;
    }
    for (const note of r.notes) console.log(`  · ${note}`);
  }
  if (exitCode !== 0 && failed === 0) failed++;
  console.log(`e2e-counts: ${passed} ${failed}`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  console.log('e2e-counts: 0 1');
  process.exit(1);
});
