import { kindLabel, kindModule } from '../kinds/index';
import type { EventsFacet } from '../kinds/kind';
import type { EventDecl, GraphEdge, GraphNode } from '../model/graph';
import type { CodegenContext } from './context';
import type { PayloadKit, Trigger } from './events-kit';
import { pascal } from './names';

export type { Shape, Trigger } from './events-kit';
export { eventsMatching } from './rule-events';

/** Names of the catalog types in the generated code. */
export interface TypeNames {
  eventType(name: string): string;
}

/** The events facet of a node's kind. */
export const eventsOf = (node: GraphNode): EventsFacet<GraphNode['kind']> | undefined =>
  kindModule(node.kind).events as EventsFacet<GraphNode['kind']> | undefined;

/** Works out the types of what flows through the graph: each edge's source kind says what it delivers. */
export class Payloads {
  private readonly cache = new Map<string, string[]>();
  private readonly kit: PayloadKit;

  constructor(private readonly ctx: CodegenContext, names: TypeNames) {
    this.kit = {
      ctx,
      eventType: (name) => names.eventType(name),
      carried: (router, seen) => this.carried(router, seen),
      carriedEvents: (router, seen) => this.carriedEvents(router, seen),
    };
  }

  /** The types of what an edge delivers to its target (before the target's own envelope). */
  delivered(edge: GraphEdge, seen: Set<string>): string[] {
    const from = this.ctx.graph.nodes.get(edge.from);
    if (!from) return ['unknown'];
    return eventsOf(from)?.delivered?.(edge, from, this.kit, seen) ?? ['unknown'];
  }

  /** The types of the messages a router (queue, topic, stream, bus) carries. */
  carried(router: string, seen = new Set<string>()): string[] {
    const hit = this.cache.get(router);
    if (hit) return hit;
    if (seen.has(router)) return ['unknown'];
    seen.add(router);
    const types = new Set<string>();
    for (const e of this.ctx.graph.incoming.get(router) ?? []) for (const t of this.delivered(e, seen)) types.add(t);
    const out = types.size === 0 ? ['unknown'] : types.has('unknown') ? ['unknown'] : [...types].sort();
    seen.delete(router);
    this.cache.set(router, out);
    return out;
  }

  /** Catalog events arriving at a router (for samples). */
  carriedEvents(router: string, seen = new Set<string>()): EventDecl[] {
    if (seen.has(router)) return [];
    seen.add(router);
    const out = new Map<string, EventDecl>();
    for (const e of this.ctx.graph.incoming.get(router) ?? []) {
      const from = this.ctx.graph.nodes.get(e.from);
      const events = from ? eventsOf(from)?.deliveredEvents?.(e, from, this.kit, seen) ?? [] : [];
      for (const ev of events) out.set(ev.name, ev);
    }
    return [...out.values()];
  }

  /** How a function is invoked: one entry per incoming edge from a generated node. */
  triggers(fn: string): Trigger[] {
    const out: Trigger[] = [];
    for (const edge of this.ctx.in(fn)) {
      const source = this.ctx.graph.nodes.get(edge.from)!;
      const label = `${kindLabel(source.kind)} '${source.id}'`;
      const info = eventsOf(source)?.trigger?.(edge, source, this.kit, label);
      out.push({ edge, source, ...(info ?? { shape: 'unknown', eventType: 'unknown', resultType: 'void', events: [], label }) });
    }
    return out;
  }
}

/** `OrderPlaced` → the name of a type in `src/generated/events.ts`, qualified. */
export function qualified(typeName: string): string {
  return `Events.${typeName}`;
}

/** The PascalCase of a node name, for generated identifiers. */
export const P = pascal;
