#!/usr/bin/env node
// What `npm test` needs besides Node and npm, checked before any suite runs: two Python tools that
// neither npm nor Debian provides (and Debian's chromium and strace, which npm test installs as root). `cfn-lint` judges every generated CloudFormation template;
// `moto_server` (the AWS emulator) answers the deploy tests' AWS SDK calls on 127.0.0.1.
// When one is missing or too old, this prints what was found and the exact install command, and
// exits with 1.
//
//   node scripts/preflight.mjs          check, print, exit 0 or 1
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian packages of the suites: [package, executable, why]. */
const DEBIAN = [
  ['chromium', '/usr/bin/chromium', 'the webview and VS Code suites drive Debian\'s Chromium'],
  ['strace', '/usr/bin/strace', 'the first-run check records every file npm start writes'],
];

/** The tools, the versions the suites were written against, and how to install exactly those. */
export const TOOLS = [
  { command: 'cfn-lint', pkg: 'cfn-lint', version: '1.51.0', spec: 'cfn-lint==1.51.0', why: 'it judges every generated CloudFormation template' },
  { command: 'moto_server', pkg: 'moto', version: '5.2.1', spec: 'moto[server]==5.2.1', why: 'it is the AWS emulator the deploy tests talk to' },
];

/** The one command that installs what is missing, with pinned versions. */
export function installCommand(tools) {
  return tools.map((t) => `pipx install "${t.spec}"`).join(' && ');
}

/** The executable `command` resolves to on `path`, or undefined. */
export function which(command, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, command);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

const run = (command, args, env) => spawnSync(command, args, { encoding: 'utf8', env, timeout: 60_000 });

/** The Python interpreter behind a console script: its `#!` line, through a pyenv shim when it is one. */
function interpreterOf(file, command, env) {
  const text = readFileSync(file, 'utf8').slice(0, 2000);
  const shebang = /^#!\s*(\S+python[\d.]*)\s*$/m.exec(text.split('\n')[0] ?? '');
  if (shebang) return shebang[1];
  const pyenv = /exec "([^"]*pyenv)" exec/.exec(text);
  if (pyenv) {
    const r = run(pyenv[1], ['which', command], env);
    if (r.status !== 0) return undefined;
    return interpreterOf(r.stdout.trim(), command, env);
  }
  return undefined;
}

/** The installed version of a tool, `undefined` when it is not on PATH, or `'?'` when it cannot be read. */
export function installedVersion(tool, env = process.env) {
  const file = which(tool.command, env.PATH);
  if (!file) return undefined;
  if (tool.command === 'cfn-lint') {
    const r = run(file, ['--version'], env);
    if (r.status !== 0) return undefined;
    return /(\d+\.\d+\.\d+)/.exec(r.stdout + r.stderr)?.[1] ?? '?';
  }
  let python;
  try {
    python = interpreterOf(file, tool.command, env);
  } catch {
    return '?';
  }
  if (!python) return '?';
  const r = run(python, ['-c', `import importlib.metadata as m; print(m.version(${JSON.stringify(tool.pkg)}))`], env);
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** `a` is at least `b`, in the same major version. */
function compatible(a, b) {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  if (x[0] !== y[0]) return false;
  for (let i = 1; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return true;
}

/** Checks every tool; returns the report lines and whether the suites can run. */
export function preflight(env = process.env) {
  const lines = [];
  const missing = [];
  for (const tool of TOOLS) {
    const found = installedVersion(tool, env);
    if (found === undefined) {
      lines.push(`✘ ${tool.command} is not on PATH: ${tool.why}.`);
      missing.push(tool);
    } else if (found === '?') {
      lines.push(`! ${tool.command}: found, but its version could not be read (the suites expect ${tool.version}).`);
    } else if (!compatible(found, tool.version)) {
      lines.push(`✘ ${tool.command} ${found} is installed; the suites need ${tool.pkg} ${tool.version} (or a later ${tool.version.split('.')[0]}.x).`);
      missing.push(tool);
    } else {
      lines.push(`✔ ${tool.command} ${found}`);
    }
  }
  // Debian packages: npm test installs them when run as root, and says why first.
  const root = process.getuid?.() === 0;
  let debianOk = true;
  for (const [pkg, path, why] of DEBIAN) {
    const there = existsSync(path);
    if (!there && !root) {
      lines.push(`✘ ${path} is missing: ${why}. Install it with: sudo apt-get install -y ${pkg}`);
      debianOk = false;
    } else lines.push(there ? `✔ ${path}` : `! ${path} is missing: npm test installs Debian's ${pkg} with apt-get (you are root): ${why}.`);
  }
  if (missing.length > 0) {
    lines.push('', 'Install with (Python 3.9 or later, and pipx: `sudo apt-get install -y pipx` on Debian/Ubuntu):', `  ${installCommand(missing)}`,
      '(or `python3 -m pip install ' + missing.map((t) => `"${t.spec}"`).join(' ') + '` in a virtual environment), then run npm test again.');
  }
  return { ok: missing.length === 0 && debianOk, lines };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { ok, lines } = preflight();
  for (const line of lines) (ok ? process.stdout : process.stderr).write(line + '\n');
  process.exitCode = ok ? 0 : 1;
}
