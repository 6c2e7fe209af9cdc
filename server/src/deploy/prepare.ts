import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPreviousManifest, writeProject, type WriteSummary } from '../codegen-writer';
import { generate } from '../core/codegen/index';
import { pascal } from '../core/codegen/names';
import type { Analysis } from '../core/index';
import { DeployError } from './aws';

/** Runs a command in a folder, streaming its last lines to `log`; rejects with its output on failure. */
export function runIn(cwd: string, command: string, args: readonly string[], log: (line: string) => void, signal?: AbortSignal, timeoutMs = 15 * 60_000): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
    let tail = '';
    const take = (d: Buffer): void => {
      tail = (tail + String(d)).slice(-4000);
      for (const line of String(d).split('\n')) if (line.trim()) log(line.trimEnd());
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const abort = (): void => {
      child.kill('SIGTERM');
    };
    signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (err) => {
      clearTimeout(timer);
      rej(new DeployError(`Could not run ${command}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      if (code === 0) res();
      else rej(new DeployError(`\`${command} ${args.join(' ')}\` failed in ${cwd} (exit ${code}):\n${tail.trim().split('\n').slice(-15).join('\n')}`));
    });
  });
}

const INSTALL_STAMP = join('node_modules', '.archflow-install');

/**
 * Generates the project of an architecture into `outDir` (handlers are never overwritten), installs
 * its packages when its package.json changed, and builds it. Returns what the generation wrote.
 */
export async function prepareProject(analysis: Analysis, outDir: string, log: (line: string) => void, signal?: AbortSignal): Promise<WriteSummary> {
  const previous = readPreviousManifest(outDir);
  const project = generate({ graph: analysis.graph, root: analysis.doc.value }, previous ? { previous } : {});
  const blocking = project.problems.filter((p) => p.severity === 'error');
  if (blocking.length > 0) throw new DeployError(`Code generation failed: ${blocking.map((p) => p.message).join('; ')}`);
  const summary = writeProject(outDir, project, previous ? { previous } : {});
  log(`Generated ${outDir}: ${summary.created.length} created, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged, ${summary.leftAlone.length} left alone`);
  const pkg = readFileSync(join(outDir, 'package.json'), 'utf8');
  const hash = createHash('sha256').update(pkg).digest('hex');
  const stamp = join(outDir, INSTALL_STAMP);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    log('Installing the project\'s packages (npm install)');
    await runIn(outDir, 'npm', ['install', '--no-audit', '--no-fund'], log, signal);
    writeFileSync(stamp, hash);
  }
  log('Building (npm run build)');
  await runIn(outDir, 'npm', ['run', 'build'], log, signal);
  return summary;
}

/**
 * Names the architecture node a logical ID was generated from: generated IDs start with the
 * PascalCase name of their node (`BillingQueue`, `ChargeCardRole`), so the longest such prefix wins.
 */
export function nodeNamer(nodeNames: Iterable<string>): (logicalId: string) => string | undefined {
  const prefixes = [...nodeNames].map((n) => [pascal(n), n] as const).sort((a, b) => b[0].length - a[0].length);
  return (id) => prefixes.find(([p]) => id.startsWith(p))?.[1];
}
