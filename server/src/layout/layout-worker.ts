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
  // Warm ELK up (class loading, JIT) before the first real diagram arrives: a small flow with
  // labels, a few times. This runs in the worker; the server's main thread does not wait for it.
  const warmGraph = (): ElkNode => ({
    id: 'warm-up',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.partitioning.activate': 'true', 'elk.edgeRouting': 'ORTHOGONAL', 'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX' },
    children: Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, width: 180, height: 56, layoutOptions: { 'elk.partitioning.partition': String((i % 3) * 2) } })),
    edges: Array.from({ length: 14 }, (_, i) => ({ id: `e${i}`, sources: [`n${i % 12}`], targets: [`n${(i * 5 + 1) % 12}`], labels: [{ text: 'label', width: 40, height: 18 }] })),
  });
  let warmUp: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < 4; i++) warmUp = warmUp.then(() => run(warmGraph())).catch(() => undefined);
  port.on('message', (job: LayoutJob) => {
    void warmUp
      .then(() => run(job.graph))
      .then(
        (result) => port.postMessage({ id: job.id, result } satisfies LayoutAnswer),
        (err: unknown) => port.postMessage({ id: job.id, error: String((err as Error)?.message ?? err) } satisfies LayoutAnswer),
      );
  });
}
