import type { GraphNode } from '../model/graph';

/** A FIFO queue or topic (`fifo: true`). */
export function isFifo(node: GraphNode | undefined): boolean {
  return (node?.kind === 'queue' || node?.kind === 'topic') && node.settings.fifo;
}
