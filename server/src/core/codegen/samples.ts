import type { GraphNode } from '../model/graph';
import type { CodegenContext } from './context';
import type { EventDecl } from '../model/graph';
import type { SampleKit, Trigger } from './events-kit';
import { eventsOf } from './triggers';

export { base64 } from './sample-events';

/** Builds sample events for a function's triggers: the AWS envelope around a payload built from the schemas (each source's kind knows its envelope). */
export class Samples {
  private readonly kit: SampleKit;

  constructor(private readonly ctx: CodegenContext) {
    this.kit = {
      ctx,
      payload: (router, depth) => this.payload(router, depth),
      matching: (pattern) => this.matching(pattern),
    };
  }

  /** Injected by the generator: events a pattern matches. */
  matching: (pattern: unknown) => EventDecl[] = () => [];

  /** A sample message of a router: what its first sender delivers. */
  payload(router: GraphNode, depth = 0): unknown {
    if (depth > 8) return {};
    const first = (this.ctx.graph.incoming.get(router.id) ?? []).find((e) => e.mechanism !== 'failure-destination');
    if (!first) return {};
    const from = this.ctx.graph.nodes.get(first.from);
    if (!from) return {};
    return eventsOf(from)?.deliveredSample?.(first, from, this.kit, depth) ?? {};
  }

  /** A sample event of one trigger, as the function receives it. */
  event(t: Trigger): unknown {
    return eventsOf(t.source)?.sample?.(t, this.kit) ?? {};
  }
}
