// The first hour, checked: a clean copy of the repository (what `git clone` gives: the tracked files
// and the new ones not ignored, nothing else), `npm start` in it with HOME pointed at an empty folder,
// until the URL answers and the editor shows Archflow; then Ctrl+C. Every file-system write of npm
// start and of everything it starts is recorded with strace, and each one outside the clone and that
// HOME is a failure, named with its path and the program that made it.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createReadStream, createWriteStream, mkdirSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { clearInterval, setInterval } from 'node:timers';

/** Copies what a clone of the working tree would hold (tracked and new, not ignored files) into `to`. */
export function cleanCopy(root, to) {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  let files = 0;
  for (const rel of r.stdout.split('\0').filter(Boolean)) {
    const from = join(root, rel);
    let st;
    try {
      st = statSync(from, { throwIfNoEntry: false });
    } catch {
      continue;
    }
    if (!st) continue; // deleted in the working tree
    mkdirSync(dirname(join(to, rel)), { recursive: true });
    const link = (() => {
      try {
        return readlinkSync(from);
      } catch {
        return undefined;
      }
    })();
    if (link !== undefined) symlinkSync(link, join(to, rel));
    else if (st.isFile()) copyFileSync(from, join(to, rel));
    files++;
  }
  // A repository of its own, as a clone is (some tools look for the enclosing repository).
  spawnSync('git', ['init', '-q'], { cwd: to });
  spawnSync('git', ['add', '-A'], { cwd: to });
  spawnSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', 'commit', '-qm', 'clean copy'], { cwd: to });
  return files;
}

/** The system calls that create, change or remove a path (and those needed to follow the working folder). */
const TRACED = [
  'open', 'openat', 'openat2', 'creat', 'mkdir', 'mkdirat', 'rename', 'renameat', 'renameat2', 'link', 'linkat', 'symlink', 'symlinkat',
  'unlink', 'unlinkat', 'rmdir', 'truncate', 'mknod', 'mknodat', 'bind', 'chdir', 'fchdir', 'clone', 'clone3', 'fork', 'vfork',
];

const WRITE_FLAGS = /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/;

/** `"a\"b"` → `a"b` (strace's C string quoting). */
function unquote(s) {
  return s.slice(1, -1).replace(/\\(x[0-9a-f]{2}|[0-7]{1,3}|.)/g, (_, e) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return { n: '\n', t: '\t', r: '\r' }[e] ?? e;
  });
}

/** The arguments of a call, split at top-level commas (strings and braces kept whole). */
function splitArgs(text) {
  const out = [];
  let depth = 0;
  let inString = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      current += c;
      if (c === '\\') current += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/**
 * Reads an strace log (`strace -f -y`) and returns every path written, with the process that wrote
 * it. Relative paths are resolved against each process's working folder, followed through chdir and
 * inherited by the processes it starts.
 */
export async function writesIn(log, rootPid, rootCwd) {
  const cwd = new Map([[rootPid, rootCwd]]);
  const comm = new Map();
  const pending = new Map();
  const writes = [];
  // With -y, strace names the folder of a descriptor, AT_FDCWD included: `3</dir>`, `AT_FDCWD</dir>`.
  const dirOf = (pid, arg) => {
    const m = /^(?:AT_FDCWD|\d+)<(.*)>$/.exec(arg ?? '');
    if (m) return m[1];
    if (arg === 'AT_FDCWD') return cwd.get(pid) ?? rootCwd;
    return undefined;
  };
  const pathArg = (pid, dirArg, pathText) => {
    if (!pathText?.startsWith('"')) return undefined;
    const p = unquote(pathText);
    if (isAbsolute(p)) return p;
    const base = dirArg === undefined ? cwd.get(pid) ?? rootCwd : dirOf(pid, dirArg);
    return base ? resolve(base, p) : `?/${p}`;
  };
  const lines = createInterface({ input: createReadStream(log), crlfDelay: Infinity });
  for await (let line of lines) {
    const head = /^(\d+)\s+/.exec(line);
    if (!head) continue;
    const pid = Number(head[1]);
    line = line.slice(head[0].length);
    if (line.endsWith('<unfinished ...>')) {
      pending.set(pid, line.slice(0, -'<unfinished ...>'.length));
      continue;
    }
    const resumed = /^<\.\.\. (\w+) resumed>(.*)$/.exec(line);
    if (resumed) {
      line = (pending.get(pid) ?? `${resumed[1]}(`) + resumed[2];
      pending.delete(pid);
    }
    const call = /^(\w+)\((.*)\)\s+=\s+(-?\d+|\?)(<[^>]*>)?(.*)$/.exec(line);
    if (!call) continue;
    const [, name, argText, ret] = call;
    if (ret === '?' || Number(ret) < 0) continue; // failed or never returned: nothing written
    const args = splitArgs(argText);
    const add = (path) => path && writes.push({ pid, program: comm.get(pid) ?? '', call: name, path });
    switch (name) {
      case 'clone': case 'clone3': case 'fork': case 'vfork':
        cwd.set(Number(ret), cwd.get(pid) ?? rootCwd);
        comm.set(Number(ret), comm.get(pid) ?? '');
        break;
      case 'chdir': cwd.set(pid, pathArg(pid, undefined, args[0])); break;
      case 'fchdir': {
        const d = dirOf(pid, args[0]);
        if (d) cwd.set(pid, d);
        break;
      }
      case 'open': case 'creat':
        if (name === 'creat' || WRITE_FLAGS.test(args[1] ?? '')) add(call[4] ? call[4].slice(1, -1) : pathArg(pid, undefined, args[0]));
        break;
      case 'openat': case 'openat2':
        if (WRITE_FLAGS.test(args[2] ?? '')) add(call[4] ? call[4].slice(1, -1) : pathArg(pid, args[0], args[1]));
        break;
      case 'mkdir': case 'unlink': case 'rmdir': case 'truncate': case 'mknod':
        add(pathArg(pid, undefined, args[0]));
        break;
      case 'mkdirat': case 'unlinkat': case 'mknodat':
        add(pathArg(pid, args[0], args[1]));
        break;
      case 'rename':
        add(pathArg(pid, undefined, args[0]));
        add(pathArg(pid, undefined, args[1]));
        break;
      case 'renameat': case 'renameat2':
        add(pathArg(pid, args[0], args[1]));
        add(pathArg(pid, args[2], args[3]));
        break;
      case 'link': case 'symlink':
        add(pathArg(pid, undefined, args[1]));
        break;
      case 'linkat':
        add(pathArg(pid, args[2], args[3]));
        break;
      case 'symlinkat':
        add(pathArg(pid, args[1], args[2]));
        break;
      case 'bind': {
        const m = /sun_path="((?:[^"\\]|\\.)*)"/.exec(argText);
        if (m && !m[1].startsWith('@')) add(pathArg(pid, undefined, `"${m[1]}"`));
        break;
      }
    }
  }
  return writes;
}

/** Paths where writing is not writing a file of the machine: devices (but /dev/shm) and the kernel's. */
function harmless(path) {
  return (path.startsWith('/dev/') && !path.startsWith('/dev/shm/')) || path.startsWith('/proc/') || path.startsWith('/sys/');
}

/** The writes outside `allowed` folders. */
export function outside(writes, allowed) {
  const roots = allowed.flatMap((d) => {
    const r = [resolve(d)];
    try {
      r.push(realpathSync(d));
    } catch {
      // not there
    }
    return r;
  });
  return writes.filter((w) => !harmless(w.path) && !roots.some((r) => w.path === r || w.path.startsWith(r + '/')));
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
}

/**
 * Runs the first-run check in `dir` (created; removed by the caller). Returns its outcomes (for the
 * run's counts), the clone (its .e2e/ tools and .vsix serve the other groups) and the timing.
 */
export async function firstRun({ root, dir, log, chromium, browserEnv, timeoutMs = 12 * 60_000 }) {
  const outcomes = [];
  const record = (title, ok, error) => {
    outcomes.push({ title, ok, ...(error ? { error } : {}) });
    log(`  ${ok ? '✔' : '✘'} first-run: ${title}`);
    if (!ok && error) log(error.replace(/^/gm, '      '));
  };
  if (spawnSync('sh', ['-c', 'command -v strace'], { stdio: 'ignore' }).status !== 0) {
    record('strace records what npm start writes', false, 'strace is not installed: sudo apt-get install -y strace (Debian\'s package)');
    return { outcomes };
  }
  rmSync(dir, { recursive: true, force: true });
  const clone = join(dir, 'clone');
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const files = cleanCopy(root, clone);
  log(`  · a clean copy of the repository: ${files} files in ${clone}; HOME=${home}`);

  const port = await freePort();
  const straceLog = join(dir, 'npm-start.strace');
  const output = join(dir, 'npm-start.log');
  // The machine's environment as a person's shell has it (certificates, proxies, PATH), with HOME
  // empty; nothing of the run around it: no npm_* of an outer npm, no XDG_*, TMPDIR or ARCHFLOW_*.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|XDG_|ARCHFLOW_|TMPDIR$|INIT_CWD$|HOME$|PORT$)/i.test(k)));
  Object.assign(env, {
    HOME: home, TERM: 'dumb', PORT: String(port),
    ARCHFLOW_START: 'code-server', // a local `code` on PATH would open VS Code instead
  });
  const started = Date.now();
  const child = spawn('strace', ['-f', '-qq', '-y', '-e', 'signal=none', '--seccomp-bpf', '-s', '4096', '-e', `trace=${TRACED.join(',')}`, '-o', straceLog, '--', process.execPath, 'scripts/start.mjs'], {
    cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sink = createWriteStream(output);
  let text = '';
  const seen = (chunk) => {
    sink.write(chunk);
    text += chunk.toString();
  };
  child.stdout.on('data', seen);
  child.stderr.on('data', seen);
  const exited = new Promise((res) => child.once('exit', (code, signal) => res(signal ?? code)));
  const url = await new Promise((res) => {
    const timer = setTimeout(() => res(undefined), timeoutMs);
    const check = setInterval(() => {
      const m = /Open:\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(text);
      if (m) {
        clearTimeout(timer);
        clearInterval(check);
        res(m[1]);
      }
    }, 250);
    void exited.then(() => {
      clearTimeout(timer);
      clearInterval(check);
      res(/Open:\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(text)?.[1]);
    });
  });
  const seconds = (Date.now() - started) / 1000;
  record(`npm start from a clean clone with an empty HOME prints the URL (${seconds.toFixed(0)} s, traced)`, Boolean(url),
    url ? undefined : `no URL within ${timeoutMs / 60_000} min; output (${output}):\n${text.split('\n').slice(-30).join('\n')}`);

  if (url) {
    let browser;
    try {
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium', headless: true, env: browserEnv, timeout: 30_000,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url, { timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'orders.arch.yaml' }).first().click({ timeout: 60_000 });
      await page.locator('.statusbar-item', { hasText: 'Archflow: no problems' }).first().waitFor({ timeout: 60_000 });
      mkdirSync(join(root, 'test-results', 'e2e'), { recursive: true });
      await page.screenshot({ path: join(root, 'test-results', 'e2e', 'first-run.png') });
      record('the URL opens the editor on examples/, and Archflow checks orders.arch.yaml: "no problems"', true);
    } catch (err) {
      record('the URL opens the editor on examples/, and Archflow checks orders.arch.yaml', false, String(err?.message ?? err));
    } finally {
      await browser?.close().catch(() => undefined);
    }
  }

  // Ctrl+C: npm start stops code-server and everything it started.
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    // gone
  }
  const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 20_000))]);
  const leftover = spawnSync('sh', ['-c', `ps -eo pid=,args= | grep -F ${JSON.stringify(clone + '/')} | grep -v grep`], { encoding: 'utf8' }).stdout.trim();
  record('Ctrl+C stops npm start and code-server', stopped && !leftover, stopped ? `still running:\n${leftover}` : 'npm start did not exit within 20 s of Ctrl+C');
  if (!stopped || leftover) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
    for (const pid of leftover.split('\n').map((l) => Number(l.trim().split(/\s+/)[0])).filter(Boolean)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
  sink.end();

  const writes = await writesIn(straceLog, child.pid, clone).catch((err) => {
    record('the strace log can be read', false, String(err));
    return undefined;
  });
  // strace's pid is the child's; the traced node is its first child: both start in the clone.
  if (writes) {
    const bad = outside(writes, [clone, home]);
    const byPath = new Map();
    for (const w of bad) if (!byPath.has(w.path)) byPath.set(w.path, w);
    record(`nothing is written outside the clone and HOME (${writes.length} writes checked)`, bad.length === 0,
      [...byPath.values()].slice(0, 40).map((w) => `${w.call} ${w.path} (pid ${w.pid})`).join('\n') + (byPath.size > 40 ? `\n… ${byPath.size - 40} more` : ''));
  }
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: clone, encoding: 'utf8' }).stdout;
  record('git status stays clean: everything npm start made is ignored', status.trim() === '', `git status --porcelain:\n${status.split('\n').slice(0, 20).join('\n')}`);
  return { outcomes, clone, seconds, url: Boolean(url) };
}
