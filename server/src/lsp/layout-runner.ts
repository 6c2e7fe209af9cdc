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

/**
 * Runs layouts in a worker thread (server/out/layout-worker.js next to server.js). The worker starts
 * on the first layout and is restarted if it dies; a dead worker fails its pending layouts.
 */
export function createWorkerRunner(file = join(__dirname, 'layout-worker.js')): WorkerRunner {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(g: ElkNode): void; reject(e: Error): void }>();

  const failAll = (err: Error): void => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const start = (): Worker => {
    const w = new Worker(file);
    w.unref();
    w.on('message', (answer: LayoutAnswer) => {
      const p = pending.get(answer.id);
      if (!p) return;
      pending.delete(answer.id);
      if ('error' in answer) p.reject(new Error(answer.error));
      else p.resolve(answer.result);
    });
    w.on('error', (err) => {
      if (worker === w) worker = undefined;
      failAll(err);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      failAll(new Error(`the layout worker exited with code ${code}`));
    });
    return w;
  };

  return {
    run(graph) {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise<ElkNode>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, graph } satisfies LayoutJob);
      });
    },
    async dispose() {
      const w = worker;
      worker = undefined;
      failAll(new Error('the layout worker was stopped'));
      await w?.terminate();
    },
  };
}
