/**
 * The layout worker: runs ELK in a worker thread so the language server's main thread (typing,
 * diagnostics) never waits for a layout. Bundled as server/out/layout-worker.js.
 *
 * Receives `{ id, graph }`, answers `{ id, result }` or `{ id, error }`.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { createElkRunner } from '../core/layout/elk-runner';
import { warmUpGraphs } from '../core/layout/layout';

/** What the pool tells a worker when it starts it (`workerData`). */
export interface LayoutWorkerData {
  /**
   * Practise on `warmUpGraphs` first: the pool asks for it when a diagram is opened, before its
   * layout is asked for. A worker started for a layout (none warm yet) goes to it at once.
   */
  readonly warmUp: boolean;
}

/** A request to the worker. */
export interface LayoutJob {
  readonly id: number;
  readonly graph: ElkNode;
}

/**
 * The worker's answer to a job, or (`warm`) the news that its warm-up is over: its duration in ms and
 * how many warm-up graphs it laid out (none when it was not asked to warm up; fewer than all when a
 * layout arrived, or when its CPU budget ran out: then whole rounds).
 */
export type LayoutAnswer =
  | { readonly id: number; readonly result: ElkNode }
  | { readonly id: number; readonly error: string }
  | { readonly warm: number; readonly graphs: number };

/**
 * The warm-up's budget: at most this many rounds of `warmUpGraphs`, and no round begun after
 * WARM_UP_CPU_MS of the worker thread's CPU. Measured on the 1,000-node benchmark diagram (varied
 * names), two workers, the CPU of the first layout after `start()`: 3.1–3.4 s after the former
 * warm-up (4 rounds of uniform graphs, ≈ 2 s of CPU per worker), 1.4 s after 3 or 4 rounds of these,
 * 1.1–1.3 s after 6, ≈ 1.0 s for a worker that has laid out a dozen real diagrams: six rounds is where
 * more stops paying. They cost 5 to 8 s of the process's CPU per worker (V8's compiler threads
 * included), once, when a diagram is first opened, and only while no layout arrives.
 */
export const WARM_UP_ROUNDS = 6;
export const WARM_UP_CPU_MS = 6000;

/**
 * The CPU time of this thread in ms: /proc/thread-self/stat on Linux (utime + stime, in ticks of
 * 1/100 s); elsewhere the time since `since` (an upper bound: the thread cannot run longer than that).
 */
function threadCpuMs(since: number): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (Number.isFinite(ticks)) return ticks * 10;
  } catch {
    // not Linux
  }
  return performance.now() - since;
}

const port = parentPort;
if (port) {
  const run = createElkRunner();
  // Warm ELK up (class loading, JIT) before the first real diagram arrives: graphs shaped like a
  // diagram's, within the budget above. This runs in the worker; the server's main thread does not
  // wait for it, and a real layout that arrives stops it after the graph it is on.
  let jobs = 0;
  let practised = 0;
  const started = performance.now();
  const warmUp = (workerData as LayoutWorkerData | undefined)?.warmUp
    ? (async () => {
      // After the messages already posted: a layout waiting for this worker stops the warm-up before it starts.
      await new Promise((resolve) => setImmediate(resolve));
      const graphs = warmUpGraphs();
      const cpu0 = threadCpuMs(started);
      for (let round = 0; round < WARM_UP_ROUNDS && threadCpuMs(started) - cpu0 < WARM_UP_CPU_MS; round++) {
        for (const graph of graphs) {
          if (jobs > 0) return;
          await run(structuredClone(graph)).catch(() => undefined);
          practised++;
        }
      }
    })()
    : Promise.resolve();
  void warmUp.then(() => port.postMessage({ warm: Math.round(performance.now() - started), graphs: practised } satisfies LayoutAnswer));
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
