import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { ElkRunner } from '../core/layout/index';
import type { LayoutAnswer, LayoutJob, LayoutWorkerData } from './layout-worker';

/** An ELK runner backed by a worker thread, and a way to stop it. */
export interface WorkerRunner {
  readonly run: ElkRunner;
  /**
   * Starts every worker of the pool now rather than at the first layout, so that each warms ELK up
   * (layout-worker.ts) before the layout is asked for: the language server calls it when a diagram is
   * opened. Resolves when all are warm (or stopped): the language server does not wait for it; the
   * benchmark does. A worker started by a layout (before this) does not warm up: it lays out at once.
   */
  start(): Promise<void>;
  /**
   * How many workers run now, how many of them were started to warm up, and how many warm-up graphs
   * the workers have laid out (those whose warm-up is over).
   */
  readonly workers: { readonly running: number; readonly warming: number; readonly practised: number };
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

/** How many layout workers run at once by default: two where the machine has two cores or more. */
export function defaultLayoutWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** One worker thread of the pool and the job it runs. */
interface Slot {
  worker: Worker | undefined;
  running: Pending | undefined;
  /** Resolves when the worker's warm-up is over (or the worker is gone). */
  warm?: Promise<void>;
  /** The worker was started to warm up (by `start`), not by a layout. */
  warming?: boolean;
  /** How many warm-up graphs it laid out. */
  practised?: number;
}

/**
 * Runs layouts in a pool of worker threads (server/out/layout-worker.js next to server.js and
 * cli.js), each one layout at a time, in the order asked: the flows (and batches of small flows) of a
 * diagram are laid out in parallel. A layout whose signal aborts while it waits is dropped; one that
 * runs out of time (`LayoutTimeout`) stops its worker (ELK cannot be interrupted otherwise), and the
 * next layout on that slot starts a fresh one. Workers start on demand and are restarted if they
 * die; a dead worker fails only the layout it was running.
 */
export function createWorkerRunner(file = join(__dirname, 'layout-worker.js'), workers = defaultLayoutWorkers()): WorkerRunner {
  const slots: Slot[] = Array.from({ length: Math.max(1, workers) }, () => ({ worker: undefined, running: undefined }));
  let nextId = 1;
  const queue: Pending[] = [];

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
      const slot = slots.find((s) => s.running === job);
      if (i >= 0) {
        queue.splice(i, 1);
        settle(job);
        job.reject(aborted(signal));
      } else if (slot && (signal.reason as Error | undefined)?.name === 'LayoutTimeout') {
        // Out of time: stop ELK. A layout that only became stale finishes and serves the cache.
        stopWorker(slot);
        failRunning(slot, aborted(signal));
      }
    }
  }

  const stopWorker = (slot: Slot): void => {
    const w = slot.worker;
    slot.worker = undefined;
    void w?.terminate();
  };

  const failRunning = (slot: Slot, err: unknown): void => {
    const job = slot.running;
    slot.running = undefined;
    if (job) {
      settle(job);
      job.reject(err);
    }
    pump();
  };

  const start = (slot: Slot, warmUp: boolean): Worker => {
    const w = new Worker(file, { workerData: { warmUp } satisfies LayoutWorkerData });
    slot.warming = warmUp;
    w.unref();
    let warmed: () => void = () => undefined;
    slot.warm = new Promise<void>((resolve) => (warmed = resolve));
    w.on('exit', () => warmed());
    w.on('message', (answer: LayoutAnswer) => {
      if ('warm' in answer) {
        slot.practised = (slot.practised ?? 0) + answer.graphs;
        warmed();
        return;
      }
      if (slot.worker !== w || !slot.running || slot.running.id !== answer.id) return;
      const job = slot.running;
      slot.running = undefined;
      settle(job);
      if ('error' in answer) job.reject(new Error(answer.error));
      else job.resolve(answer.result);
      pump();
    });
    w.on('error', (err) => {
      if (slot.worker !== w) return;
      slot.worker = undefined;
      failRunning(slot, err);
    });
    w.on('exit', (code) => {
      if (slot.worker !== w) return;
      slot.worker = undefined;
      failRunning(slot, new Error(`the layout worker exited with code ${code}`));
    });
    return w;
  };

  function pump(): void {
    for (const slot of slots) {
      while (!slot.running && queue.length > 0) {
        const job = queue.shift()!;
        if (job.signal?.aborted) {
          settle(job);
          job.reject(aborted(job.signal));
          continue;
        }
        slot.running = job;
        slot.worker ??= start(slot, false);
        slot.worker.postMessage({ id: job.id, graph: job.graph } satisfies LayoutJob);
      }
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
    get workers() {
      const running = slots.filter((s) => s.worker);
      return { running: running.length, warming: running.filter((s) => s.warming).length, practised: slots.reduce((n, s) => n + (s.practised ?? 0), 0) };
    },
    async start() {
      for (const slot of slots) slot.worker ??= start(slot, true);
      await Promise.all(slots.map((slot) => slot.warm));
    },
    async dispose() {
      const stopped = new Error('the layout worker was stopped');
      for (const job of queue.splice(0)) {
        settle(job);
        job.reject(stopped);
      }
      const workers: Worker[] = [];
      for (const slot of slots) {
        if (slot.worker) workers.push(slot.worker);
        slot.worker = undefined;
        const job = slot.running;
        slot.running = undefined;
        if (job) {
          settle(job);
          job.reject(stopped);
        }
      }
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
