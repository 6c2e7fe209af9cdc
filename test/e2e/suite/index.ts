/**
 * Entry point of the extension-host suite: VS Code loads this file (`extensionTestsPath`) in the
 * extension host and awaits `run()`. Runs every `*.test.js` beside it with mocha, in name order,
 * and writes each outcome to `ARCHFLOW_E2E_RESULTS` (the runner reads it: code-server's own exit
 * code does not tell). Rejects when a test failed, so VS Code reports a non-zero exit code.
 *
 * Runners: test/e2e/main.ts (code-server, here) and test/e2e/test-electron.ts (a downloaded VS Code).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type MochaType from 'mocha';
import { notes } from './helpers';

const Mocha: typeof MochaType = require('mocha/lib/mocha.cjs');

interface Outcome { title: string; ok: boolean; error?: string; ms?: number }

/** Called by VS Code once the extension under test is loaded (not yet activated). */
export function run(): Promise<void> {
  const grep = process.env.ARCHFLOW_E2E_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, f));
  const tests: Outcome[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.ARCHFLOW_E2E_RESULTS;
      if (file) writeFileSync(file, JSON.stringify({ tests, notes }, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), ok: true, ms: t.duration ?? 0 }));
    runner.on('fail', (t, err) => tests.push({ title: t.fullTitle(), ok: false, error: (err as Error)?.stack ?? String(err) }));
  });
}
