/**
 * The layout worker: runs ELK in a worker thread so the language server's main thread (typing,
 * diagnostics) never waits for a layout. Bundled as server/out/layout-worker.js.
 *
 * Receives `{ id, graph }`, answers `{ id, result }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { createElkRunner } from '../core/layout/elk-runner';

/** A request to the worker. */
export interface LayoutJob {
  readonly id: number;
  readonly graph: ElkNode;
}

/** The worker's answer. */
export type LayoutAnswer = { readonly id: number; readonly result: ElkNode } | { readonly id: number; readonly error: string };

const port = parentPort;
if (port) {
  const run = createElkRunner();
  // Warm ELK up (class loading, JIT) before the first real diagram arrives.
  const warmUp = run({
    id: 'warm-up',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.partitioning.activate': 'true' },
    children: [0, 1, 2].map((i) => ({ id: `n${i}`, width: 100, height: 50, layoutOptions: { 'elk.partitioning.partition': String(i) } })),
    edges: [{ id: 'e0', sources: ['n0'], targets: ['n1'], labels: [{ text: 'x', width: 10, height: 10 }] }, { id: 'e1', sources: ['n1'], targets: ['n2'] }],
  }).catch(() => undefined);
  port.on('message', (job: LayoutJob) => {
    void warmUp
      .then(() => run(job.graph))
      .then(
        (result) => port.postMessage({ id: job.id, result } satisfies LayoutAnswer),
        (err: unknown) => port.postMessage({ id: job.id, error: String((err as Error)?.message ?? err) } satisfies LayoutAnswer),
      );
  });
}
