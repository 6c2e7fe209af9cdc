// Long-running setup steps with honest progress: each step says what it does and about how long it
// takes on a 2-core machine before it starts, shows the elapsed time while it runs (on a terminal),
// keeps the command's output in a log file and prints its tail only when the step fails.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

const tty = Boolean(process.stdout.isTTY) && process.env.TERM !== 'dumb';
const color = tty && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
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

/**
 * Runs one command as a step. `estimate` is in seconds (measured on the machines this project
 * runs on) and is printed up front; on a terminal the line shows the elapsed time every second.
 * Resolves to true when the command exits with 0.
 */
export function runStep({ title, estimate, command, args, env = process.env, cwd = process.cwd(), log, timeoutMs = 15 * 60_000 }) {
  const started = Date.now();
  const about = estimate ? dim(` (about ${estimate} s)`) : '';
  mkdirSync(dirname(log), { recursive: true });
  const out = createWriteStream(log, { flags: 'a' });
  out.write(`\n$ ${command} ${args.join(' ')}\n`);
  if (!tty) process.stdout.write(`▶ ${title}${about}\n`);
  const draw = () => process.stdout.write(`\r▶ ${title}${about} ${dim(seconds(Date.now() - started))}\x1b[K`);
  const ticker = tty ? setInterval(draw, 1000) : undefined;
  if (tty) draw();
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const finish = (ok, why) => {
      clearTimeout(timer);
      if (ticker) clearInterval(ticker);
      const took = seconds(Date.now() - started);
      const line = `${ok ? green('✔') : red('✘')} ${title} ${dim(`(${took})`)}${why ? ` — ${why}` : ''}`;
      process.stdout.write(tty ? `\r${line}\x1b[K\n` : `${line}\n`);
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
