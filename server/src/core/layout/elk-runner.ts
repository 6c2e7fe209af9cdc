import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api';
import type { ElkRunner } from './layout';

/**
 * ELK in the current thread (tests, and the language server's layout worker), one graph at a time.
 * A graph whose signal aborts before its turn is not laid out; one already running finishes (ELK
 * cannot be interrupted in this thread: where that matters, the worker runner stops its thread).
 * The language server never calls this on its main thread: it posts the graph to the worker.
 * The result holds only what the diagram reads (see `slimLayout`).
 */
export function createElkRunner(): ElkRunner {
  const elk = new ELK();
  let last: Promise<unknown> = Promise.resolve();
  return (graph, signal) => {
    const turn = last.then(async () => {
      if (signal?.aborted) throw signal.reason ?? new Error('the layout was cancelled');
      return slimLayout(await elk.layout(graph));
    });
    last = turn.catch(() => undefined);
    return turn;
  };
}

/**
 * ELK's result cut to what `assemble` reads: ids, boxes, edge sections and label boxes. ELK gives back
 * the whole input (options, ports, label texts) with positions added; the worker posts this instead,
 * about a third of the size to copy between threads.
 */
export function slimLayout(node: ElkNode): ElkNode {
  const box = { id: node.id, x: node.x ?? 0, y: node.y ?? 0, width: node.width ?? 0, height: node.height ?? 0 };
  if (!node.children?.length && !node.edges?.length) return box;
  return {
    ...box,
    children: (node.children ?? []).map(slimLayout),
    edges: (node.edges ?? []).map((e): ElkExtendedEdge => {
      const edge = e as ElkExtendedEdge;
      return {
        id: edge.id, sources: [], targets: [],
        sections: (edge.sections ?? []).map((s) => ({ id: s.id, startPoint: s.startPoint, endPoint: s.endPoint, ...(s.bendPoints ? { bendPoints: s.bendPoints } : {}) })),
        labels: (edge.labels ?? []).map((l): ElkLabel => ({ id: l.id, x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 })),
      };
    }),
  };
}
