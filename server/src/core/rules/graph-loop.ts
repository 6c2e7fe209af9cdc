// Rule: graph/loop
// A cycle of edges that carry events (a function emitting into something that, through routers,
// triggers it again) is a recursive loop. Reported once per cycle, at the edge that closes it.
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import type { NodeKind } from '../kinds/index';
import { busRuleCanMatch } from '../analysis/bus-matching';
import { canFollow, carries, nodeLabel } from '../analysis/graph-walk';
import type { Rule } from './rule';

/** Services whose loops Lambda's recursive-loop detection stops (aws-limits R1, R2). */
const DETECTED: ReadonlySet<NodeKind> = new Set<NodeKind>(['function', 'queue', 'topic', 'bucket']);
/** Enough for any hand-written architecture; bounds the work on generated or adversarial files. */
const MAX_CYCLES = 200;
const MAX_STEPS = 50_000;

/** Shared by the nodes with no edge to follow (never written to). */
const NONE: GraphEdge[] = [];
const NO_TARGETS: number[] = [];

/** Elementary cycles as edge lists, each starting at its earliest-declared node. */
export function findCycles(graph: Graph): GraphEdge[][] {
  // Nodes by declaration order, and the edges that carry events between them (external nodes left out).
  const ids = [...graph.nodes.keys()];
  const order = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) order.set(ids[i]!, i);
  const out: GraphEdge[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < ids.length; i++) {
    let edges: GraphEdge[] = NONE;
    let to: number[] = NO_TARGETS;
    if (graph.nodes.get(ids[i]!)!.kind !== 'external') {
      for (const e of graph.outgoing.get(ids[i]!) ?? NONE) {
        const j = order.get(e.to);
        // A function answering a WebSocket API's clients sends to the clients, not into the API's routes.
        if (j === undefined || graph.nodes.get(e.to)!.kind === 'external' || graph.nodes.get(e.to)!.kind === 'websocket-api' || !carries(e)) continue;
        if (edges === NONE) {
          // Literals, not `[]` + push: a list grown from empty reserves room for 17.
          edges = [e];
          to = [j];
        } else {
          edges.push(e);
          to.push(j);
        }
      }
    }
    out.push(edges);
    targets.push(to);
  }
  // A cycle stays inside one strongly connected component: walk only from nodes of a component
  // with a cycle, and only along edges inside it (most architectures have none, so this is linear).
  const { of, cyclic } = components(targets);
  const cycles: GraphEdge[][] = [];
  const seen = new Set<string>();
  let steps = 0;
  const matches = busRuleCanMatch(graph);
  for (let s = 0; s < ids.length; s++) {
    if (!cyclic[of[s]!]) continue;
    const path: GraphEdge[] = [];
    const onPath = new Set<number>([s]);
    const walk = (i: number): void => {
      if (cycles.length >= MAX_CYCLES || ++steps > MAX_STEPS) return;
      const edges = out[i]!;
      const to = targets[i]!;
      for (let k = 0; k < edges.length; k++) {
        const e = edges[k]!;
        const j = to[k]!;
        if (j < s || of[j] !== of[s]) continue;
        if (!canFollow(graph, path[path.length - 1], e, matches)) continue;
        if (j === s) {
          const cycle = path.concat(e);
          if (!canFollow(graph, e, cycle[0]!, matches)) continue;
          const key = cycle.map((x) => x.from).join('→');
          if (!seen.has(key)) {
            seen.add(key);
            cycles.push(cycle);
          }
          continue;
        }
        if (onPath.has(j)) continue;
        onPath.add(j);
        path.push(e);
        walk(j);
        path.pop();
        onPath.delete(j);
      }
    };
    walk(s);
  }
  return cycles;
}

/**
 * Strongly connected components (Tarjan, iterative) of a graph given as successor lists: the
 * component of each node, and per component whether it holds a cycle (more than one node, or an
 * edge to itself).
 */
function components(targets: readonly (readonly number[])[]): { of: Int32Array; cyclic: boolean[] } {
  const n = targets.length;
  const of = new Int32Array(n);
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const cyclic: boolean[] = [];
  // The depth-first path: node and the next successor to look at.
  const frames: number[] = [];
  const nexts: number[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    frames.push(root);
    nexts.push(0);
    while (frames.length) {
      const top = frames.length - 1;
      const v = frames[top]!;
      const succ = targets[v]!;
      if (nexts[top]! < succ.length) {
        const w = succ[nexts[top]!++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push(w);
          nexts.push(0);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frames.pop();
      nexts.pop();
      if (frames.length) {
        const parent = frames[frames.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] !== index[v]) continue;
      const c = cyclic.length;
      let size = 0;
      for (;;) {
        const w = stack.pop()!;
        onStack[w] = 0;
        of[w] = c;
        size++;
        if (w === v) break;
      }
      cyclic.push(size > 1 || succ.includes(v));
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
  why: 'A function whose output comes back to it runs again and again. Lambda stops loops through Lambda, SQS and SNS (since July 2023) and S3 (since 2024) after 16 invocations, each one billed; loops through EventBridge, Kinesis or DynamoDB streams are not detected and run until someone notices.',
  source: { title: 'Use Lambda recursive loop detection to prevent infinite loops (SQS, SNS, S3)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html' },
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
