/**
 * The layout worker: runs ELK in a worker thread so the language server's main thread (typing,
 * diagnostics) never waits for a layout. Bundled as server/out/layout-worker.js.
 *
 * Receives `{ id, graph }`, answers `{ id, result }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { createElkRunner } from '../core/layout/elk-runner';
import { warmUpGraphs } from '../core/layout/layout';

/** A request to the worker. */
export interface LayoutJob {
  readonly id: number;
  readonly graph: ElkNode;
}

/** The worker's answer to a job, or (`warm`) the news that its warm-up is over, with its duration in ms. */
export type LayoutAnswer =
  | { readonly id: number; readonly result: ElkNode }
  | { readonly id: number; readonly error: string }
  | { readonly warm: number };

/** How many times a worker lays out the warm-up graphs when it starts (under a second of CPU). */
const WARM_UP_ROUNDS = 4;

const port = parentPort;
if (port) {
  const run = createElkRunner();
  // Warm ELK up (class loading, JIT) before the first real diagram arrives: graphs shaped like a
  // diagram's, a few rounds. This runs in the worker; the server's main thread does not wait for it,
  // and a real layout that arrives stops it after the graph it is on.
  let jobs = 0;
  const started = performance.now();
  const warmUp = (async () => {
    const graphs = warmUpGraphs();
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      for (const graph of graphs) {
        if (jobs > 0) return;
        await run(structuredClone(graph)).catch(() => undefined);
      }
    }
  })().then(() => port.postMessage({ warm: Math.round(performance.now() - started) } satisfies LayoutAnswer));
  port.on('message', (job: LayoutJob) => {
    jobs++;
    void warmUp
      .then(() => run(job.graph))
      .then(
        (result) => port.postMessage({ id: job.id, result } satisfies LayoutAnswer),
        (err: unknown) => port.postMessage({ id: job.id, error: String((err as Error)?.message ?? err) } satisfies LayoutAnswer),
      );
  });
}
