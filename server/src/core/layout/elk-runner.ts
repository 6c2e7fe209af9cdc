import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api';
import { directLayout, type ElkRunner } from './layout';

/** What the runner needs of ELK: its `layout` (tests pass one that records what reaches ELK). */
export type ElkLayout = (graph: ElkNode) => Promise<ElkNode>;

/**
 * ELK in the current thread (tests, and the language server's layout worker), one graph at a time.
 * A graph whose signal aborts before its turn is not laid out; one already running finishes (ELK
 * cannot be interrupted in this thread: where that matters, the worker runner stops its thread).
 * The language server never calls this on its main thread: it posts the graph to the worker.
 * The result holds only what the diagram reads (see `slimLayout`). Chains of a few nodes, alone or in
 * a batch, are laid out without ELK (`directLayout`: the same result, proven by its test).
 */
export function createElkRunner(layout?: ElkLayout): ElkRunner {
  const instance = layout ? undefined : new ELK();
  const elk: ElkLayout = layout ?? ((graph) => instance!.layout(graph));
  let last: Promise<unknown> = Promise.resolve();
  return (graph, signal) => {
    const turn = last.then(async () => {
      if (signal?.aborted) throw signal.reason ?? new Error('the layout was cancelled');
      return layOut(graph, elk);
    });
    last = turn.catch(() => undefined);
    return turn;
  };
}

/** The direct layout of a chain with edges (a lone node goes to ELK as before: layoutDiagram does not send one). */
const chain = (graph: ElkNode): ElkNode | undefined => (graph.edges?.length ? directLayout(graph) : undefined);

/**
 * A graph laid out: a chain directly; a batch of flows (a `fixed` parent without edges, whose
 * children ELK lays out one by one) with its chains directly and the rest in one ELK call, in their
 * places; anything else by ELK.
 */
async function layOut(graph: ElkNode, elk: ElkLayout): Promise<ElkNode> {
  const direct = chain(graph);
  if (direct) return direct;
  const children = graph.children ?? [];
  if (graph.layoutOptions?.['elk.algorithm'] !== 'fixed' || graph.edges?.length || children.length === 0) return slimLayout(await elk(graph));
  const done = children.map(chain);
  if (!done.some(Boolean)) return slimLayout(await elk(graph));
  const rest = children.filter((_, i) => !done[i]);
  const laidOut = rest.length ? slimLayout(await elk({ ...graph, children: rest })) : { id: graph.id, x: 0, y: 0, width: 0, height: 0, children: [], edges: [] };
  let k = 0;
  return { ...laidOut, children: done.map((d) => d ?? laidOut.children?.[k++] ?? { id: '<missing>', children: [], edges: [] }) };
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
