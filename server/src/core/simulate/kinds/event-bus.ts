/**
 * An EventBridge bus in the simulation: an event put on it is matched against each enabled rule's
 * pattern with the AWS-exact engine (eventbridge/compile.ts); each matching rule delivers to each of
 * its targets (a constant `input` replaces the event), with the target's retry policy and dead-letter
 * queue (targets.ts). An event no rule matches is dropped, as EventBridge does. A bus forwards the
 * event whole to a bus target (bus to bus). Loop tracking does not pass through EventBridge (R1).
 */
import { ACCOUNT, REGION } from '../../codegen/sample-events';
import { compilePattern, type CompiledPattern } from '../../eventbridge/pattern';
import type { GraphEdge, GraphNode } from '../../model/graph';
import { isObj } from '../../util/value';
import { hash32 } from '../random';
import { deliver, retryPolicy, type Target } from '../targets';
import type { Accepted, NodeSim, Send, SendContext, SimKit, SimulateFacet } from '../types';

interface Rule {
  readonly name: string;
  readonly pattern: CompiledPattern;
  readonly targets: readonly (Target & { readonly input?: unknown })[];
}

/** A deterministic UUID-shaped id: a node's hash and a counter. */
export function simId(node: string, n: number, prefix = hash32(node).toString(16).padStart(8, '0')): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix}-0000-4000-8000-${hex.slice(-12)}`;
}

class BusSim implements NodeSim {
  private readonly rules: Rule[] = [];
  private count = 0;
  private readonly idPrefix: string;
  /** An event's `time` has whole seconds: the last second's text, kept. */
  private second = -1;
  private secondText = '';

  constructor(readonly node: GraphNode<'event-bus'>, private readonly kit: SimKit) {
    this.idPrefix = hash32(node.id).toString(16).padStart(8, '0');
    const out = kit.graph.outgoing.get(node.id) ?? [];
    for (const [name, r] of node.settings.rules ?? []) {
      if (!r.declared || !r.enabled) continue;
      const targets = out.filter((e) => e.mechanism === 'rule' && e.rule === name).map((edge: GraphEdge) => {
        const dlq = out.find((e) => e.mechanism === 'redrive' && e.pointer.slice(0, -1).join('/') === edge.optionsAt.join('/'));
        const o = edge.options;
        return {
          edge, ...retryPolicy(o.retry), group: typeof o.messageGroup === 'string' && o.messageGroup ? o.messageGroup : name, source: 'eventbridge' as const,
          ...(dlq ? { dlq } : {}), ...(o.input !== undefined ? { input: o.input } : {}),
        };
      });
      this.rules.push({ name, pattern: compilePattern(r.pattern), targets });
    }
  }

  private time(now: number): string {
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.secondText = this.kit.iso(second * 1000).replace(/\.\d{3}Z$/, 'Z');
    }
    return this.secondText;
  }

  accept(send: Send, ctx: SendContext): Accepted {
    const { kit } = this;
    const id = this.node.id;
    if (!kit.available(id)) return 'ServiceUnavailable';
    if (send.action !== 'putEvent') return `an event bus takes PutEvents, not ${send.action}`;
    const now = kit.now();
    const stats = kit.stats(id);
    const event: Readonly<Record<string, unknown>> = send.event ?? {
      version: '0', id: simId(id, ++this.count, this.idPrefix), 'detail-type': send.detailType, source: send.source,
      account: ACCOUNT, time: this.time(now), region: REGION, resources: [], detail: isObj(send.detail) || Array.isArray(send.detail) ? send.detail : send.detail ?? {},
    };
    // Loop tracking does not pass through EventBridge.
    const env = kit.envelope(event, { origin: ctx.origin, born: ctx.born }, ctx.event !== undefined ? { event: ctx.event } : {});
    stats.received++;
    if (ctx.deadLetter) stats.deadLetters++;
    kit.reached(id, env);
    if (kit.logging) kit.log('deliver', ctx.from || id, { ...(ctx.edge ? { edge: ctx.edge.id } : {}), to: id, message: env.id, origin: env.origin, detail: `${String(event.source)} / ${String(event['detail-type'])}` });
    else kit.mark();
    let matched = false;
    for (const rule of this.rules) {
      if (!rule.pattern.match(event)) continue;
      matched = true;
      for (const t of rule.targets) {
        const target = t.input !== undefined ? kit.envelope(t.input, env, env.event !== undefined ? { event: env.event } : {}) : env;
        deliver(kit, id, t, target);
      }
    }
    if (!matched) {
      stats.filtered++;
      if (kit.logging) kit.log('filter', id, { message: env.id, origin: env.origin, detail: 'no rule matches' });
      else kit.mark();
    }
    return true;
  }
}

/** The `simulate` facet of the event-bus kind. */
export const eventBusSimulation: SimulateFacet<GraphNode<'event-bus'>> = {
  create: (node, kit) => new BusSim(node, kit),
};
