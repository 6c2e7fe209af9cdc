import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { ElkRunner } from '../core/layout/index';
import type { LayoutAnswer, LayoutJob } from './layout-worker';

/** An ELK runner backed by a worker thread, and a way to stop it. */
export interface WorkerRunner {
  readonly run: ElkRunner;
  dispose(): Promise<void>;
}

interface Pending {
  readonly id: number;
  readonly graph: ElkNode;
  readonly signal: AbortSignal | undefined;
  resolve(g: ElkNode): void;
  reject(e: unknown): void;
}

/** What a layout rejects with when its signal aborts. */
function aborted(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('the layout was cancelled');
}

/**
 * Runs layouts in a worker thread (server/out/layout-worker.js next to server.js and cli.js), one at a
 * time, in the order asked. A layout whose signal aborts while it waits is dropped; one that runs out
 * of time (`LayoutTimeout`) stops the worker (ELK cannot be interrupted otherwise), and the next
 * layout starts a fresh one. The worker starts on the first layout and is restarted if it dies; a dead worker fails
 * only the layout it was running.
 */
export function createWorkerRunner(file = join(__dirname, 'layout-worker.js')): WorkerRunner {
  let worker: Worker | undefined;
  let nextId = 1;
  const queue: Pending[] = [];
  let running: Pending | undefined;

  /** The jobs of each signal: one listener per signal, however many flows a layout has. */
  const bySignal = new Map<AbortSignal, Set<Pending>>();

  const settle = (job: Pending): void => {
    const signal = job.signal;
    if (!signal) return;
    const jobs = bySignal.get(signal);
    jobs?.delete(job);
    if (jobs && jobs.size === 0) {
      bySignal.delete(signal);
      signal.removeEventListener('abort', onAbort);
    }
  };

  function onAbort(this: AbortSignal): void {
    abortJobs(this);
  }

  function abortJobs(signal: AbortSignal): void {
    for (const job of [...(bySignal.get(signal) ?? [])]) {
      const i = queue.indexOf(job);
      if (i >= 0) {
        queue.splice(i, 1);
        settle(job);
        job.reject(aborted(signal));
      } else if (running === job && (signal.reason as Error | undefined)?.name === 'LayoutTimeout') {
        // Out of time: stop ELK. A layout that only became stale finishes and serves the cache.
        stopWorker();
        failRunning(aborted(signal));
      }
    }
  }

  const stopWorker = (): void => {
    const w = worker;
    worker = undefined;
    void w?.terminate();
  };

  const failRunning = (err: unknown): void => {
    const job = running;
    running = undefined;
    if (job) {
      settle(job);
      job.reject(err);
    }
    pump();
  };

  const start = (): Worker => {
    const w = new Worker(file);
    w.unref();
    w.on('message', (answer: LayoutAnswer) => {
      if (worker !== w || !running || running.id !== answer.id) return;
      const job = running;
      running = undefined;
      settle(job);
      if ('error' in answer) job.reject(new Error(answer.error));
      else job.resolve(answer.result);
      pump();
    });
    w.on('error', (err) => {
      if (worker !== w) return;
      worker = undefined;
      failRunning(err);
    });
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = undefined;
      failRunning(new Error(`the layout worker exited with code ${code}`));
    });
    return w;
  };

  function pump(): void {
    while (!running && queue.length > 0) {
      const job = queue.shift()!;
      if (job.signal?.aborted) {
        settle(job);
        job.reject(aborted(job.signal));
        continue;
      }
      running = job;
      worker ??= start();
      worker.postMessage({ id: job.id, graph: job.graph } satisfies LayoutJob);
    }
  }

  return {
    run(graph, signal) {
      return new Promise<ElkNode>((resolve, reject) => {
        if (signal?.aborted) {
          reject(aborted(signal));
          return;
        }
        const job: Pending = { id: nextId++, graph, signal, resolve, reject };
        if (signal) {
          let jobs = bySignal.get(signal);
          if (!jobs) {
            bySignal.set(signal, (jobs = new Set()));
            signal.addEventListener('abort', onAbort);
          }
          jobs.add(job);
        }
        queue.push(job);
        pump();
      });
    },
    async dispose() {
      const w = worker;
      worker = undefined;
      const stopped = new Error('the layout worker was stopped');
      for (const job of queue.splice(0)) {
        settle(job);
        job.reject(stopped);
      }
      const job = running;
      running = undefined;
      if (job) {
        settle(job);
        job.reject(stopped);
      }
      await w?.terminate();
    },
  };
}
