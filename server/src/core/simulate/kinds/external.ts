/**
 * A node the simulator has no model of (an `external` resource, or a kind without a `simulate` facet
 * yet): it takes whatever is sent to it and counts it; nothing flows on from it.
 */
import type { GraphNode } from '../../model/graph';
import type { Accepted, NodeSim, Send, SendContext, SimKit, SimulateFacet } from '../types';

/** A sink that counts what reaches it. */
export function sink(node: GraphNode, kit: SimKit): NodeSim {
  return {
    accept(send: Send, ctx: SendContext): Accepted {
      if (!kit.available(node.id)) return 'ServiceUnavailable';
      const env = kit.envelope(null, ctx);
      const stats = kit.stats(node.id);
      stats.received++;
      if (ctx.deadLetter) stats.deadLetters++;
      kit.reached(node.id, env);
      if (kit.logging) kit.log('deliver', ctx.from || node.id, { ...(ctx.edge ? { edge: ctx.edge.id } : {}), to: node.id, message: env.id, origin: env.origin, detail: `${send.action} (not simulated further)` });
      else kit.mark();
      return true;
    },
  };
}

/** The `simulate` facet of the external kind. */
export const externalSimulation: SimulateFacet<GraphNode<'external'>> = { create: sink };
