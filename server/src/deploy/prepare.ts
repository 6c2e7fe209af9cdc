import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { pascal } from '../core/codegen/names';
import type { Analysis } from '../core/index';
import { nodeFileSystem, planProject, writeProject, type ReplaceRequest, type WriteSummary } from '../project/index';
import { DeployError } from './aws';
import type { DeployHost } from './deploy';
import { codeFolder, type CodeRoots } from './package';
import { hasGeneratedCode } from '../core/kinds/function';
import type { GraphNode } from '../core/model/graph';

/**
 * The environment of a build: the person's, without AWS credentials or profiles (a build script, or
 * a package it installs, never gets to act in the account), and with the SDKs' credential files and
 * instance metadata turned off.
 */
export function buildEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!/^AWS_/i.test(k) && !/^(AMAZON|ECS_CONTAINER)_/i.test(k)) out[k] = v;
  return {
    ...out,
    AWS_SHARED_CREDENTIALS_FILE: devNull, AWS_CONFIG_FILE: devNull, AWS_EC2_METADATA_DISABLED: 'true',
    npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false',
  };
}

/** Runs a command in a folder (without AWS credentials), streaming its lines to `log`; rejects with its output on failure. */
export function runIn(cwd: string, command: string, args: readonly string[], log: (line: string) => void, signal?: AbortSignal, timeoutMs = 15 * 60_000, shell = false): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: buildEnvironment(), shell });
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
  if ([...plan.project.files.keys()].some((f) => f.startsWith('src/handlers/'))) {
    log('Type-checking (npm run typecheck)');
    await typecheck(outDir, log, options.signal);
  }
  log('Building (npm run build)');
  await runIn(outDir, 'npm', ['run', 'build'], log, options.signal);
  return summary;
}

/** A TypeScript error in the generated project, at its file and line. */
export interface TypeError {
  /** Absolute path. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
}

/** The project does not type-check: the deploy stops before any AWS call. */
export class TypeErrors extends DeployError {
  constructor(readonly errors: readonly TypeError[]) {
    super(
      `Not deployed: the project does not type-check (${errors.length} error${errors.length === 1 ? '' : 's'}):\n${errors.map((e) => `${e.file}:${e.line}:${e.column} error ${e.code} ${e.message}`).join('\n')}`,
      'Fix the handlers, then deploy again; nothing was sent to AWS.',
    );
  }
}

/** `src/handlers/a.ts(12,5): error TS2322: Type 'number' is not assignable to type 'string'.` */
const TSC_LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/** Reads tsc's errors (continuation lines belong to the error above them). */
export function parseTypeErrors(output: string, cwd: string): TypeError[] {
  const out: { file: string; line: number; column: number; code: string; message: string }[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = TSC_LINE.exec(line.trim());
    if (m) out.push({ file: isAbsolute(m[1]!) ? m[1]! : resolve(cwd, m[1]!), line: Number(m[2]), column: Number(m[3]), code: m[4]!, message: m[5]! });
    else if (out.length > 0 && /^\s+\S/.test(line)) out[out.length - 1]!.message += ` ${line.trim()}`;
  }
  return out;
}

/** Runs the project's type check; type errors become `TypeErrors` with their files and lines. */
async function typecheck(outDir: string, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
  let output = '';
  try {
    await runIn(outDir, 'npm', ['run', '--silent', 'typecheck'], (line) => {
      output += line + '\n';
      log(line);
    }, signal);
  } catch (err) {
    const errors = parseTypeErrors(output, outDir);
    if (errors.length > 0) throw new TypeErrors(errors);
    throw err;
  }
}

/**
 * Names the architecture node a logical ID was generated from: generated IDs start with the
 * PascalCase name of their node (or of its `previousName`) (`BillingQueue`, `ChargeCardRole`), so the longest such prefix wins.
 */
export function nodeNamer(nodes: Iterable<{ readonly id: string; readonly config: { readonly previousName?: unknown } }>): (logicalId: string) => string | undefined {
  // A renamed node keeps the logical IDs of its previous name (`previousName`).
  const prefixes = [...nodes].map((n) => [pascal(typeof n.config.previousName === 'string' && n.config.previousName ? n.config.previousName : n.id), n.id] as const).sort((a, b) => b[0].length - a[0].length);
  return (id) => prefixes.find(([p]) => id.startsWith(p))?.[1];
}

/** A function's own build (`build`) failed: the deploy stops before any AWS call, and the failure is shown at the function. */
export class BuildFailed extends DeployError {
  constructor(readonly node: string, readonly output: string) {
    super(`Not deployed: the build of function '${node}' failed:\n${output}`, 'Fix the build (it runs in the function\'s `code` folder, without AWS credentials), then deploy again.');
  }
}

/**
 * Runs the `build` of each function that declares one, in its `code` folder (relative to the
 * architecture file, inside the workspace), with progress; a failure becomes `BuildFailed`.
 */
export async function buildFunctions(
  analysis: Pick<Analysis, 'graph'>, roots: Omit<CodeRoots, 'projectDir'>, host: Pick<DeployHost, 'report'>, signal?: AbortSignal,
): Promise<number> {
  let built = 0;
  for (const node of [...analysis.graph.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (node.kind !== 'function') continue;
    const s = (node as GraphNode<'function'>).settings;
    if (!s.build || hasGeneratedCode(s) || s.package === 'image') continue;
    const dir = codeFolder({ name: node.id, source: s.code || `functions/${node.id}`, base: 'architecture' }, { ...roots, projectDir: roots.architectureDir });
    host.report({ type: 'step', message: `Building function ${node.id}: ${s.build.command}` });
    let output = '';
    try {
      await runIn(dir, s.build.command, [], (line) => {
        output = (output + line + '\n').slice(-4000);
        host.report({ type: 'log', line });
      }, signal, 30 * 60_000, true);
    } catch (err) {
      throw new BuildFailed(node.id, output.trim().split('\n').slice(-15).join('\n') || (err as Error).message);
    }
    built++;
  }
  return built;
}
