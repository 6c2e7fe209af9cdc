import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkRunner } from './layout';

/**
 * ELK in the current thread (the CLI, tests and the language server's layout worker). The language
 * server itself never calls this on its main thread: it posts the graph to the worker.
 */
export function createElkRunner(): ElkRunner {
  const elk = new ELK();
  return (graph) => elk.layout(graph);
}
