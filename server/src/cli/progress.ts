/**
 * A status line for work that can take more than a second (many files, a large layout, a large
 * project): on a terminal it shows the current phase and the elapsed seconds on standard error and is
 * erased when the work ends; elsewhere (pipes, CI logs) it prints nothing, so output stays the same.
 */
import type { Output } from './command';

export interface Progress {
  /** What is being done now. */
  phase(label: string): void;
  /** Erases the line. */
  done(): void;
}

const NONE: Progress = { phase() {}, done() {} };

export function startProgress(out: Output): Progress {
  const status = out.status;
  if (!status) return NONE;
  const started = Date.now();
  let label = '';
  const draw = (): void => {
    const s = Math.floor((Date.now() - started) / 1000);
    status(`… ${label}${s >= 1 ? ` (${s} s)` : ''}`);
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    phase(next) {
      label = next;
      draw();
    },
    done() {
      clearInterval(timer);
      status(undefined);
    },
  };
}

/** Lets timers (the status line) run between pieces of synchronous work. */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
