// Rule: graph/loop
// A cycle of edges that carry events (a function emitting into something that, through routers,
// triggers it again) is a recursive loop. Reported once per cycle, at the edge that closes it.
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import type { NodeKind } from '../model/kinds';
import { busRuleCanMatch } from './eventbridge-matching';
import { canFollow, carries, nodeLabel } from './graph-walk';
import type { Rule } from './rule';

/** Services whose loops Lambda's recursive-loop detection stops (aws-limits R1, R2). */
const DETECTED: ReadonlySet<NodeKind> = new Set<NodeKind>(['function', 'queue', 'topic', 'bucket']);
/** Enough for any hand-written architecture; bounds the work on generated or adversarial files. */
const MAX_CYCLES = 200;
const MAX_STEPS = 50_000;

/** Elementary cycles as edge lists, each starting at its earliest-declared node. */
export function findCycles(graph: Graph): GraphEdge[][] {
  const order = new Map([...graph.nodes.keys()].map((id, i) => [id, i]));
  const cycles: GraphEdge[][] = [];
  const seen = new Set<string>();
  let steps = 0;
  const matches = busRuleCanMatch(graph);
  const out = (id: string): GraphEdge[] => (graph.outgoing.get(id) ?? []).filter((e) => carries(e) && graph.nodes.get(e.to)?.kind !== 'external');
  // A cycle stays inside one strongly connected component: walk only from nodes of a component
  // with a cycle, and only along edges inside it (most architectures have none, so this is linear).
  const component = components(graph, out);
  for (const start of graph.nodes.values()) {
    if (start.kind === 'external' || !component.cyclic.has(component.of.get(start.id)!)) continue;
    const s = order.get(start.id)!;
    const path: GraphEdge[] = [];
    const onPath = new Set<string>([start.id]);
    const walk = (id: string): void => {
      if (cycles.length >= MAX_CYCLES || ++steps > MAX_STEPS) return;
      for (const e of out(id)) {
        if (order.get(e.to)! < s || component.of.get(e.to) !== component.of.get(start.id)) continue;
        if (!canFollow(graph, path[path.length - 1], e, matches)) continue;
        if (e.to === start.id) {
          const cycle = [...path, e];
          if (!canFollow(graph, e, cycle[0]!, matches)) continue;
          const key = cycle.map((x) => x.from).join('→');
          if (!seen.has(key)) {
            seen.add(key);
            cycles.push(cycle);
          }
          continue;
        }
        if (onPath.has(e.to)) continue;
        onPath.add(e.to);
        path.push(e);
        walk(e.to);
        path.pop();
        onPath.delete(e.to);
      }
    };
    walk(start.id);
  }
  return cycles;
}

/**
 * Strongly connected components (Tarjan, iterative) of the nodes along `out`: the component of each
 * node, and the components that hold a cycle (more than one node, or an edge to itself).
 */
function components(graph: Graph, out: (id: string) => GraphEdge[]): { of: Map<string, number>; cyclic: Set<number> } {
  const of = new Map<string, number>();
  const cyclic = new Set<number>();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let count = 0;
  for (const root of graph.nodes.keys()) {
    if (index.has(root)) continue;
    const work: { id: string; edges: GraphEdge[]; next: number }[] = [];
    const enter = (id: string): void => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, edges: out(id), next: 0 });
    };
    enter(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.edges.length) {
        const to = frame.edges[frame.next++]!.to;
        if (!graph.nodes.has(to)) continue;
        if (!index.has(to)) enter(to);
        else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const c = count++;
      let size = 0;
      for (;;) {
        const id = stack.pop()!;
        onStack.delete(id);
        of.set(id, c);
        size++;
        if (id === frame.id) break;
      }
      if (size > 1 || frame.edges.some((e) => e.to === frame.id)) cyclic.add(c);
    }
  }
  return { of, cyclic };
}

/** ` (rule 'placed') →` after an event bus, ` →` elsewhere. */
function hop(e: GraphEdge): string {
  return e.rule !== undefined ? ` (rule '${e.rule}') →` : ' →';
}

export const graphLoop: Rule = {
  code: 'graph/loop',
  severity: 'warning',
  description: 'No cycle of functions, queues, topics, buckets, streams and event buses triggers itself (a recursive loop).',
  why: 'A function whose output comes back to it runs again and again. Lambda stops loops through Lambda, SQS, SNS and S3 after 16 invocations (each one billed); loops through EventBridge, Kinesis or DynamoDB streams are not detected and run until someone notices.',
  source: { title: 'AWS Lambda detects and stops recursive loops', url: 'https://aws.amazon.com/about-aws/whats-new/2023/07/aws-lambda-detects-recursive-loops-lambda-functions/' },
  check({ graph, limits }, report) {
    for (const cycle of findCycles(graph)) {
      const nodes = cycle.map((e) => graph.nodes.get(e.from)!) as GraphNode[];
      // A function writing into the bucket that notifies it is s3/recursive-write's, with its prefix advice.
      if (cycle.length === 2 && nodes.some((n) => n.kind === 'bucket') && nodes.some((n) => n.kind === 'function')) continue;
      const path = nodeLabel(nodes[0]) + cycle.map((e) => `${hop(e)} ${nodeLabel(graph.nodes.get(e.to))}`).join('');
      const undetected = [...new Set(nodes.filter((n) => !DETECTED.has(n.kind)).map((n) => nodeLabel(n)))];
      const closing = cycle[cycle.length - 1]!;
      report({
        at: closing.pointer,
        nodes: nodes.map((n) => n.id),
        message: undetected.length === 0
          ? `Recursive loop: ${path}. Lambda stops it after ${limits.recursiveLoopInvocations} invocations, each one billed; break the cycle or make sure the last hop cannot trigger the first again.`
          : `Recursive loop: ${path}. Lambda's loop detection (which stops loops after ${limits.recursiveLoopInvocations} invocations) covers only Lambda, SQS, SNS and S3, not ${undetected.join(', ')}: nothing stops this loop. Break the cycle.`,
      });
    }
  },
};
