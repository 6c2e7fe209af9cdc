/**
 * An EventBridge Scheduler schedule in the simulation: it fires at the times of its expression in its
 * time zone (schedule-times.ts), each firing delayed by a random part of the flexible window (C5,
 * managing-schedule-flexible-time-windows.html: "invokes the target within the time window"), and
 * delivers its `input` (or a scheduled event) to its target with its retry policy and dead-letter
 * queue (targets.ts). Each firing starts a chain of its own (an origin).
 */
import { ACCOUNT, REGION } from '../../codegen/sample-events';
import type { GraphNode } from '../../model/graph';
import { fireTimes } from '../schedule-times';
import { retryPolicy, deliver, type Target } from '../targets';
import type { Accepted, NodeSim, SimKit, SimulateFacet } from '../types';

class ScheduleSim implements NodeSim {
  private readonly target: Target | undefined;

  constructor(readonly node: GraphNode<'schedule'>, private readonly kit: SimKit) {
    const out = kit.graph.outgoing.get(node.id) ?? [];
    const edge = out.find((e) => e.mechanism === 'schedule');
    const dlq = out.find((e) => e.mechanism === 'redrive');
    const s = node.settings;
    this.target = edge ? { edge, ...retryPolicy(s.retry), group: node.id, source: 'schedule', ...(dlq ? { dlq } : {}) } : undefined;
  }

  accept(): Accepted {
    return 'a schedule takes no sends';
  }

  start(): void {
    const { kit, node } = this;
    const s = node.settings;
    if (!this.target || !s.schedule) return;
    const times = fireTimes(s.schedule, s.timezone, kit.epoch);
    if (!times) return;
    const window = (s.flexibleWindow ?? 0) * 60_000;
    const plan = (after: number): void => {
      const next = times.next(after);
      if (next === undefined) return;
      const nominal = next - kit.epoch;
      const at = window > 0 ? nominal + Math.floor(kit.rng.next() * window) : nominal;
      kit.at(Math.max(at, kit.now()), () => {
        this.fire(next);
        plan(next);
      });
    };
    plan(kit.epoch + kit.now());
  }

  private fire(nominal: number): void {
    const { kit, node } = this;
    const s = node.settings;
    const o = kit.origin(node.id, `${node.id} at ${new Date(nominal).toISOString()}`);
    const stats = kit.stats(node.id);
    stats.received++;
    const input = s.hasInput ? s.input : {
      version: '0', id: `sim-${o.origin}`, 'detail-type': 'Scheduled Event', source: 'aws.scheduler', account: ACCOUNT,
      time: new Date(nominal).toISOString().replace(/\.\d{3}Z$/, 'Z'), region: REGION, resources: [`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/${node.id}`], detail: {},
    };
    if (kit.logging) kit.log('fire', node.id, { origin: o.origin, to: this.target!.edge.to, detail: s.schedule! + (kit.epoch + kit.now() !== nominal ? ` (flexible window: ${((kit.epoch + kit.now() - nominal) / 1000).toFixed(0)} s late)` : '') });
    else kit.mark();
    deliver(kit, node.id, this.target!, kit.envelope(input, o));
  }
}

/** The `simulate` facet of the schedule kind. */
export const scheduleSimulation: SimulateFacet<GraphNode<'schedule'>> = {
  create: (node, kit) => new ScheduleSim(node, kit),
};
