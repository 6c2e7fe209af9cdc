import type { Graph } from '../model/graph';

/**
 * A value derived from the graph once per analysis and shared by the rules and features (kept in
 * `graph.memo`, so it lives and dies with the graph: no module-level cache).
 */
export function derived<T>(graph: Graph, key: symbol, make: () => T): T {
  if (graph.memo.has(key)) return graph.memo.get(key) as T;
  const value = make();
  graph.memo.set(key, value);
  return value;
}
