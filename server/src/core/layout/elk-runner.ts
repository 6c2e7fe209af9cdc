import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkRunner } from './layout';

/**
 * ELK in the current thread (tests, and the language server's layout worker), one graph at a time.
 * A graph whose signal aborts before its turn is not laid out; one already running finishes (ELK
 * cannot be interrupted in this thread: where that matters, the worker runner stops its thread).
 * The language server never calls this on its main thread: it posts the graph to the worker.
 */
export function createElkRunner(): ElkRunner {
  const elk = new ELK();
  let last: Promise<unknown> = Promise.resolve();
  return (graph, signal) => {
    const turn = last.then(() => {
      if (signal?.aborted) throw signal.reason ?? new Error('the layout was cancelled');
      return elk.layout(graph);
    });
    last = turn.catch(() => undefined);
    return turn;
  };
}
