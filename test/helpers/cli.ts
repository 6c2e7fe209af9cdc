import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '../..');
/** The built CLI bundle (`npm run build`). */
export const CLI = resolve(ROOT, 'server/out/cli.js');

/** Runs the built CLI as a user would (`npx archflow …`) and returns its exit code and output. */
export function archflow(args: readonly string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the CLI tests`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT, encoding: 'utf8', input: options.input, env: options.env ?? process.env, timeout: options.timeoutMs ?? 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
