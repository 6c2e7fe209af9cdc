import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pascal } from '../core/codegen/names';
import type { Analysis } from '../core/index';
import { nodeFileSystem, planProject, writeProject, type ReplaceRequest, type WriteSummary } from '../project/index';
import { DeployError } from './aws';
import type { DeployHost } from './deploy';

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

/** The generated project could not be written: files that are not Archflow's to replace, and no consent. */
export class ReplaceRefused extends DeployError {
  constructor(readonly outDir: string, readonly files: readonly ReplaceRequest[]) {
    super(
      `Not deployed: ${files.length} file${files.length === 1 ? '' : 's'} of the generated project in ${outDir} ${files.length === 1 ? 'is' : 'are'} not Archflow's to replace: ${files.map((f) => `${f.path} (${f.detail})`).join('; ')}.`,
      'Move your changes to src/handlers/ (never overwritten), or allow the replacement.',
    );
  }
}

const INSTALL_STAMP = join('node_modules', '.archflow-install');

/**
 * Generates the project of an architecture into `outDir` through the project writer (handlers are
 * never overwritten; files that are not Archflow's to rewrite are replaced only when the host's person
 * agrees or `replace` names them), installs its packages when its package.json changed, and builds
 * it. Returns what the generation wrote.
 */
export async function prepareProject(
  analysis: Pick<Analysis, 'graph' | 'doc'>, outDir: string, host: Pick<DeployHost, 'report' | 'confirmReplace'>,
  options: { readonly signal?: AbortSignal; readonly replace?: readonly string[]; readonly stage?: string } = {},
): Promise<WriteSummary> {
  const log = (line: string): void => host.report({ type: 'log', line });
  const plan = await planProject(nodeFileSystem, analysis, outDir, options.stage ? { stages: [options.stage] } : {});
  const blocking = plan.problems.filter((p) => p.severity === 'error');
  if (blocking.length > 0) throw new DeployError(`Code generation failed: ${blocking.map((p) => p.message).join('; ')}`);
  const consent = host.confirmReplace ? { confirmReplace: host.confirmReplace.bind(host) } : undefined;
  const outcome = await writeProject(nodeFileSystem, plan, { ...(options.replace ? { replace: options.replace } : {}), ...(consent ? { consent } : {}) });
  if (outcome.status === 'unsafe') throw new DeployError(`Not deployed: ${outcome.message}.`);
  if (outcome.status === 'refused') throw new ReplaceRefused(plan.outDir, outcome.summary.needsConsent);
  const summary = outcome.summary;
  log(`Generated ${plan.outDir}: ${summary.created.length} created, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged, ${summary.leftAlone.length} left alone${summary.replaced.length ? `, ${summary.replaced.length} replaced` : ''}`);
  const pkg = readFileSync(join(outDir, 'package.json'), 'utf8');
  const hash = createHash('sha256').update(pkg).digest('hex');
  const stamp = join(outDir, INSTALL_STAMP);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    log('Installing the project\'s packages (npm install)');
    await runIn(outDir, 'npm', ['install', '--no-audit', '--no-fund'], log, options.signal);
    writeFileSync(stamp, hash);
  }
  log('Building (npm run build)');
  await runIn(outDir, 'npm', ['run', 'build'], log, options.signal);
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
