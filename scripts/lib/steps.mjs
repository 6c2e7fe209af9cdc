// Long-running setup steps with honest progress: each step says what it does and about how long it
// takes on a 2-core machine before it starts; on a terminal one status line shows the elapsed time of
// every step still running (steps may run side by side); the commands' output goes to a log file and
// its tail is printed only when a step fails.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

const tty = Boolean(process.stdout.isTTY) && process.env.TERM !== 'dumb';
const color = tty && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
export const green = (t) => paint('32', t);
export const red = (t) => paint('31', t);
export const dim = (t) => paint('2', t);
export const bold = (t) => paint('1', t);

/** `12.3 s` or `1 min 05 s`. */
export function seconds(ms) {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
}

/** The steps running now, for the status line, and their processes (stopped when this one exits). */
const running = new Map();
const children = new Set();
let ticker;
process.once('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});

function statusLine() {
  const parts = [...running].map(([title, started]) => `${title.replace(/ \(.*$/, '')} ${seconds(Date.now() - started)}`);
  return dim(`  … ${parts.join(' · ')}`);
}

/** Prints a line above the status line (which is redrawn below it on a terminal). */
export function say(line) {
  if (!tty) {
    process.stdout.write(line + '\n');
    return;
  }
  process.stdout.write(`\r\x1b[K${line}\n`);
  if (running.size > 0) process.stdout.write(`\r${statusLine()}\x1b[K`);
}

function track(title, started) {
  running.set(title, started);
  if (tty && !ticker) {
    ticker = setInterval(() => process.stdout.write(`\r${statusLine()}\x1b[K`), 1000);
  }
}

function untrack(title) {
  running.delete(title);
  if (running.size === 0 && ticker) {
    clearInterval(ticker);
    ticker = undefined;
    if (tty) process.stdout.write('\r\x1b[K');
  }
}

/**
 * Runs one command as a step. `estimate` is in seconds (measured on the machines this project
 * runs on) and is printed up front. Resolves to true when the command exits with 0.
 */
export function runStep({ title, estimate, command, args, env = process.env, cwd = process.cwd(), log, timeoutMs = 15 * 60_000 }) {
  const started = Date.now();
  mkdirSync(dirname(log), { recursive: true });
  const out = createWriteStream(log, { flags: 'a' });
  out.write(`\n$ ${command} ${args.join(' ')}\n`);
  say(`▶ ${title}${estimate ? dim(` (about ${estimate} s)`) : ''}`);
  track(title, started);
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let done = false;
    const finish = (ok, why) => {
      if (done) return;
      done = true;
      children.delete(child);
      clearTimeout(timer);
      untrack(title);
      say(`${ok ? green('✔') : red('✘')} ${title} ${dim(`(${seconds(Date.now() - started)})`)}${why ? ` — ${why}` : ''}`);
      out.end(() => {
        if (!ok) {
          const tail = readFileSync(log, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
          process.stderr.write(`${tail}\n  (the whole output is in ${log})\n`);
        }
        resolve(ok);
      });
    };
    child.once('error', (err) => finish(false, err.message));
    child.once('exit', (code, signal) => finish(code === 0, signal ? `killed by ${signal}` : code === 0 ? '' : `exit code ${code}`));
  });
}
