import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a command in a generated project (without blocking the test worker); rejects with its output when it fails. */
export function runIn(cwd: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: { ...env, npm_config_update_notifier: 'false' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${code}):\n${output}`))));
  });
}

/**
 * Installs a project's dependencies once per distinct dependency set (keyed by a hash of them) in a
 * shared folder, and links the project's node_modules to it: the first test pays for `npm install`.
 */
export async function linkInstall(project: string): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies?: object; devDependencies?: object };
  const deps = { dependencies: pkg.dependencies ?? {}, devDependencies: pkg.devDependencies ?? {} };
  const key = createHash('sha256').update(JSON.stringify(deps)).digest('hex').slice(0, 16);
  const cache = join(tmpdir(), 'archflow-codegen-npm', key);
  if (!existsSync(join(cache, 'node_modules', '.archflow-installed'))) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'package.json'), JSON.stringify({ name: 'archflow-install-cache', private: true, ...deps }, null, 2));
    await runIn(cache, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
    writeFileSync(join(cache, 'node_modules', '.archflow-installed'), '');
  }
  symlinkSync(join(cache, 'node_modules'), join(project, 'node_modules'), 'dir');
}
