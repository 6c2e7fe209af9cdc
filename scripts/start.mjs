#!/usr/bin/env node
// `npm start`: installs, builds and opens examples/ in a real VS Code with Archflow in it.
//   - with a local `code` on PATH: `code --extensionDevelopmentPath=<repo> examples/`, in a profile
//     of its own inside .e2e/vscode/ (your own VS Code settings and extensions are not touched);
//   - otherwise (or with ARCHFLOW_START=code-server): Node 24 and code-server from npm into .e2e/
//     (once), the packaged extension installed there, code-server on 127.0.0.1; it prints the URL
//     once it answers. Ctrl+C stops it.
// Everything it writes is inside the repository (node_modules/, the build output, .e2e/), except
// npm's download cache. HOME, TMPDIR and the XDG folders of code-server point into .e2e/start/.
//
//   npm start                   a free port
//   PORT=8080 npm start         a fixed port
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerArgs, ensureCodeServer, isInstalled, isolatedEnv, ROOT, toolPaths, writeProfile } from './lib/code-server.mjs';
import { bold, dim, green, red, runStep, say, seconds } from './lib/steps.mjs';

process.chdir(ROOT);
const started = Date.now();
// Temporary files of everything it runs (npm, node-gyp and the C++ compiler, vsce) stay in the repository too.
process.env.TMPDIR = join(toolPaths().dir, 'tmp');
mkdirSync(process.env.TMPDIR, { recursive: true });
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const paths = toolPaths();
const START = join(paths.dir, 'start');
const log = join(paths.logs, 'start.log');
const EXAMPLES = join(ROOT, 'examples');

function fail(message) {
  process.stderr.write(`${red('✘')} ${message}\n`);
  process.exit(1);
}

// The Node this repository needs (package.json engines), checked before anything is installed.
const [major, minor] = process.versions.node.split('.').map(Number);
const [needMajor, needMinor] = /(\d+)\.(\d+)/.exec(pkg.engines.node).slice(1).map(Number);
if (major < needMajor || (major === needMajor && minor < needMinor)) {
  fail(`Archflow needs Node.js ${pkg.engines.node}; this is ${process.version}. Install a newer Node.js (https://nodejs.org) and run npm start again.`);
}

const useCode = process.env.ARCHFLOW_START !== 'code-server' && spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;

// One step after the other: on 2 cores every step is bound by the CPU (unpacking, compiling), and
// running the tools' install beside npm ci made both slower (measured: 121–187 s against 114 s).
if (!useCode && !isInstalled(paths)) {
  say(bold('First start: Node 24 and code-server (VS Code in the browser) go into .e2e/ — about 800 MB, about 2 minutes on 2 cores. Later starts take about 20 s.'));
  if (!await ensureCodeServer(paths)) process.exit(1);
}

const installed = join(ROOT, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(ROOT, 'package-lock.json')).mtimeMs) {
  if (!await runStep({ title: 'npm packages (npm ci)', estimate: 30, log, command: 'npm', args: ['ci', '--no-audit', '--no-fund', '--loglevel=error'] })) process.exit(1);
}

if (useCode) {
  if (!await runStep({ title: 'build', estimate: 5, log, command: process.execPath, args: ['scripts/build.mjs'] })) process.exit(1);
  const profile = join(paths.dir, 'vscode');
  writeProfile(join(profile, 'user-data'));
  say(`▶ VS Code on examples/ ${dim(`(its profile: ${profile})`)}`);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${ROOT}`, '--user-data-dir', join(profile, 'user-data'), '--extensions-dir', join(profile, 'extensions'), EXAMPLES], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

if (!await runStep({ title: 'package the extension (production build + vsce package)', estimate: 15, log, command: 'npm', args: ['run', '--silent', 'package'] })) process.exit(1);
const vsix = join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
const userData = join(START, 'user-data');
const extensions = join(START, 'extensions');
mkdirSync(extensions, { recursive: true });
const env = isolatedEnv(START);
if (!await runStep({
  title: 'install it into code-server', estimate: 3, log, env,
  command: paths.node, args: [paths.entry, '--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', vsix, '--force'],
})) process.exit(1);
writeProfile(userData);
const config = join(START, 'config.yaml');
writeFileSync(config, 'auth: none\n');

const port = Number(process.env.PORT) || await new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const serverLog = join(START, 'code-server.log');
const out = openSync(serverLog, 'w');
// Its own session (process group), so Ctrl+C stops code-server and every process it started.
const child = spawn(paths.node, codeServerArgs(paths, { port, userData, extensions, config, extra: ['--ignore-last-opened'], folder: EXAMPLES }), {
  env, cwd: START, detached: true, stdio: ['ignore', out, out],
});

let stopping;
const stop = (code) => {
  stopping = code;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
    process.exit(code);
  }, 1500).unref();
};
// Ctrl+C, kill, or the terminal closing: code-server goes with it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0));
child.on('exit', (code, signal) => {
  if (stopping !== undefined) {
    console.log('code-server stopped.');
    process.exit(stopping);
  }
  process.stderr.write(`${red('✘')} code-server stopped (${signal ?? `exit code ${code}`}); its log: ${serverLog}\n`);
  process.exit(1);
});

const healthy = () => new Promise((resolve) => {
  const req = request({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
    res.resume();
    resolve(res.statusCode === 200);
  });
  req.on('error', () => resolve(false));
  req.on('timeout', () => req.destroy());
  req.end();
});
const deadline = Date.now() + 60_000;
while (!await healthy()) {
  if (Date.now() > deadline) {
    process.stderr.write(`${red('✘')} code-server did not answer within 60 s; its log: ${serverLog}\n`);
    stop(1);
    await new Promise(() => undefined);
  }
  await new Promise((r) => setTimeout(r, 200));
}
const url = `http://127.0.0.1:${port}/?folder=${EXAMPLES.split('/').map(encodeURIComponent).join('/')}`;
console.log(`\n${green('✔')} Archflow is running in code-server ${dim(`(ready after ${seconds(Date.now() - started)})`)}. Open:\n\n    ${bold(url)}\n`);
console.log(dim(`Its profile, logs and extensions are in ${START}. Ctrl+C stops it.`));
