/**
 * Walking the graph for the graph-wide rules (loops, payload size along a path, dead ends): which
 * edges carry events onward, how a node is named in a message, and whether the graph is complete
 * enough to say that nothing reaches a node.
 */
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import { kindLabel } from '../kinds/index';
import { bucketNotifications, writeCanTrigger, writes } from './s3-filters';

/** "queue 'jobs'", "event bus 'orders'" */
export function nodeLabel(node: GraphNode | undefined, id = node?.id ?? '?'): string {
  return node ? `${kindLabel(node.kind)} '${id}'` : `'${id}'`;
}

/**
 * True when some declaration did not become a node (a bad or missing `type`) or some reference names
 * nothing: the graph then lacks edges the author meant, so "nothing triggers this" would be a guess.
 */
export function graphIsIncomplete(graph: Graph): boolean {
  return graph.occurrences.some((o) => o.namespace === 'node' && !graph.nodes.has(o.name));
}

/** Names named by some reference (even a reference of the wrong kind, which makes no edge). */
export function referencedNames(graph: Graph): Set<string> {
  return new Set(graph.occurrences.filter((o) => o.namespace === 'node' && o.role === 'reference').map((o) => o.name));
}

/** Edges that carry an event onward: triggers, and emits that write (a read of a bucket or table does not). */
export function carries(edge: GraphEdge): boolean {
  return edge.kind === 'trigger' || (edge.kind === 'emit' && writes(edge));
}

/**
 * Whether an edge leaving a node can be taken by what arrived through `arrived`:
 * - out of a bucket, a notification fires only when the written keys can match its filter;
 * - out of an event bus, a rule fires only when its pattern can match the event (`matches`).
 */
export function canFollow(
  graph: Graph, arrived: GraphEdge | undefined, next: GraphEdge,
  matches: (bus: GraphNode, rule: string, event: string | undefined) => boolean = () => true,
): boolean {
  const node = graph.nodes.get(next.from);
  if (!node || !arrived) return true;
  if (node.kind === 'bucket' && next.mechanism === 'notification') {
    if (arrived.mechanism !== 'emit') return true;
    const n = bucketNotifications(node, graph).find((x) => x.edge?.id === next.id);
    return n ? writeCanTrigger(arrived, n) : true;
  }
  if (node.kind === 'event-bus' && next.mechanism === 'rule' && next.rule !== undefined) {
    return matches(node, next.rule, arrived.event);
  }
  return true;
}
