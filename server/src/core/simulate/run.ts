/**
 * Running a scenario: a simulation of the graph with the scenario's behaviours, outages and arrivals,
 * up to its `until`, and its expectations judged against what happened.
 */
import type { Graph } from '../model/graph';
import { DeclaredBehaviour } from './behaviour';
import { Simulation, type NodeSummary, type OriginInfo } from './engine';
import { formatMs, type Bounds, type Expectation, type Scenario } from './scenario';
import type { Behaviour, SimEvent } from './types';

/** How a scenario runs. */
export interface RunOptions {
  /** Virtual ms to simulate instead of the scenario's `until`. */
  readonly until?: number;
  readonly seed?: number | string;
  /** Timeline events kept (default 10,000). */
  readonly timeline?: number;
  readonly onEvent?: (e: SimEvent) => void;
  /** Real handlers instead of the declared behaviour (then run with `runScenarioAsync`). */
  readonly behaviour?: Behaviour;
  /** Steps waiting beyond which the run stops (default `MAX_PENDING`). */
  readonly maxPending?: number;
}

/** An expectation and whether it held. */
export interface Outcome {
  readonly expectation: Expectation;
  readonly ok: boolean;
  /** What happened, with the numbers. */
  readonly detail: string;
}

/** What a scenario's run gives. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly seed: number | string;
  /** Virtual ms of the last thing that happened (the run went on, quiet, to the end of its agenda or `until`). */
  readonly end: number;
  readonly until: number;
  readonly nodes: readonly NodeSummary[];
  readonly timeline: readonly SimEvent[];
  readonly events: number;
  readonly deliveries: number;
  readonly arrivals: readonly OriginInfo[];
  readonly outcomes: readonly Outcome[];
  /** Why the run stopped before `until`, when it did (messages multiplying without end): it does not pass. */
  readonly stopped?: string;
  readonly passed: boolean;
}

/** The simulation of a scenario, set up and not yet run. */
export function prepare(graph: Graph, scenario: Scenario, options: RunOptions = {}): { sim: Simulation; until: number; seed: number | string } {
  const until = options.until ?? scenario.until;
  const seed = options.seed ?? scenario.seed;
  const reach = [...new Set(scenario.expectations.flatMap((e) => (e.kind === 'delivered' ? [e.to] : [])))];
  const order = [...new Set(scenario.expectations.flatMap((e) => (e.kind === 'orderKept' ? [e.fn] : [])))];
  const sim = new Simulation(graph, {
    seed, epoch: scenario.epoch, horizon: until,
    ...(scenario.accountConcurrency !== undefined ? { accountConcurrency: scenario.accountConcurrency } : {}),
    behaviour: options.behaviour ?? new DeclaredBehaviour(graph, scenario.plans, seed),
    outages: scenario.outages, timeline: options.timeline ?? 10_000, ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    watch: { reach, order }, ...(options.maxPending !== undefined ? { maxPending: options.maxPending } : {}),
  });
  for (const a of scenario.arrivals) {
    // One step per arrival when it comes (not all scheduled up front: a burst of a million stays small).
    let i = 0;
    const next = (): void => {
      const n = i++;
      sim.input(a.node, a.label, () => a.make(n));
      if (i < a.count) sim.at(a.at + i * a.every, next);
    };
    if (a.count > 0) sim.at(a.at, next);
  }
  return { sim, until, seed };
}

/** Runs a scenario with behaviours that answer at once (the declared behaviour). */
export function runScenario(graph: Graph, scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const { sim, until, seed } = prepare(graph, scenario, options);
  sim.runSync(until);
  return finish(sim, scenario, until, seed);
}

/** Runs a scenario whose behaviour may answer with promises (real handlers). */
export async function runScenarioAsync(graph: Graph, scenario: Scenario, options: RunOptions = {}): Promise<ScenarioRun> {
  const { sim, until, seed } = prepare(graph, scenario, options);
  await sim.run(until);
  return finish(sim, scenario, until, seed);
}

function finish(sim: Simulation, scenario: Scenario, until: number, seed: number | string): ScenarioRun {
  const nodes = sim.summary();
  const outcomes = scenario.expectations.map((e) => judge(e, sim, nodes));
  const { events, total } = sim.timeline();
  return {
    scenario, seed, end: sim.lastActivity(), until, nodes, timeline: events, events: total, deliveries: sim.deliveries, arrivals: sim.arrivals(),
    outcomes, ...(sim.stopped !== undefined ? { stopped: sim.stopped } : {}), passed: sim.stopped === undefined && outcomes.every((o) => o.ok),
  };
}

const within = (value: number, b: Bounds): boolean =>
  (b.exactly === undefined || value === b.exactly) && (b.atLeast === undefined || value >= b.atLeast) && (b.atMost === undefined || value <= b.atMost)
  && (b.exactly !== undefined || b.atLeast !== undefined || b.atMost !== undefined || value >= 1);

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Whether an expectation held, and what happened. */
function judge(e: Expectation, sim: Simulation, nodes: readonly NodeSummary[]): Outcome {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const total = (pick: (n: NodeSummary) => number): number => nodes.reduce((a, n) => a + pick(n), 0);
  const out = (ok: boolean, detail: string): Outcome => ({ expectation: e, ok, detail });
  switch (e.kind) {
    case 'delivered': {
      const arrivals = sim.arrivals()
        .map((a, origin) => ({ ...a, origin }))
        .filter((a) => (e.of === undefined ? sim.graph.nodes.get(a.node)?.kind !== 'schedule' : a.label === e.of || a.node === e.of));
      const reach = sim.reachOf(e.to) ?? new Map<number, number>();
      let ok = 0;
      let late = 0;
      let slowest = 0;
      for (const a of arrivals) {
        const t = reach.get(a.origin);
        if (t === undefined) continue;
        const took = t - a.t;
        if (e.within !== undefined && took > e.within) late++;
        else {
          ok++;
          slowest = Math.max(slowest, took);
        }
      }
      const never = arrivals.length - ok - late;
      if (arrivals.length === 0) return out(false, 'no arrival to check');
      const held = ok / arrivals.length >= e.share - 1e-12;
      const parts = [`${ok.toLocaleString('en-US')} of ${plural(arrivals.length, 'arrival')} did`];
      if (late) parts.push(`${late.toLocaleString('en-US')} too late`);
      if (never) parts.push(`${never.toLocaleString('en-US')} never`);
      return out(held, `${parts.join(', ')}${ok ? `; slowest ${formatMs(slowest)}` : ''}`);
    }
    case 'deadLettered': {
      const value = e.queue !== undefined ? byId.get(e.queue)?.deadLetters ?? 0 : byId.get(e.from!)?.deadLettered ?? 0;
      return out(within(value, e.bounds), `${plural(value, 'message')} ${e.queue !== undefined ? `arrived in '${e.queue}' as dead letters` : `dead-lettered from '${e.from}'`}`);
    }
    case 'noDeadLetters': {
      const value = total((n) => n.deadLettered);
      const where = nodes.filter((n) => n.deadLettered > 0).map((n) => `${n.deadLettered} from '${n.id}'`);
      return out(value === 0, value === 0 ? 'none was' : `${plural(value, 'message')} dead-lettered: ${where.join(', ')}`);
    }
    case 'orderKept': {
      const v = sim.orderOf(e.fn) ?? [];
      const processed = byId.get(e.fn)?.succeeded ?? 0;
      return out(v.length === 0, v.length === 0 ? `${plural(processed, 'record')} in order` : `${plural(v.length, 'record')} out of order; first at ${formatMs(v[0]!.t)}: ${v[0]!.detail}`);
    }
    case 'nothingLost': {
      const value = total((n) => n.lost);
      const why = nodes.flatMap((n) => Object.entries(n.lostWhy ?? {}).map(([reason, c]) => ({ node: n.id, reason, c }))).sort((a, b) => b.c - a.c);
      return out(value === 0, value === 0 ? 'nothing was' : `${plural(value, 'message')} lost: ${why.slice(0, 3).map((w) => `${w.c} at '${w.node}' (${w.reason})`).join('; ')}${why.length > 3 ? '; …' : ''}`);
    }
    case 'noThrottling': {
      const value = e.fn !== undefined ? byId.get(e.fn)?.throttled ?? 0 : total((n) => n.throttled);
      const where = nodes.filter((n) => n.throttled > 0 && (e.fn === undefined || n.id === e.fn)).map((n) => `${n.throttled} of '${n.id}'`);
      return out(value === 0, value === 0 ? 'no throttle' : `${plural(value, 'invocation')} throttled: ${where.join(', ')}`);
    }
    case 'count': {
      const value = byId.get(e.node)?.[e.metric] ?? 0;
      return out(within(value, e.bounds), `${e.metric}: ${value.toLocaleString('en-US')}`);
    }
    case 'responses': {
      const n = byId.get(e.api);
      const responses = n?.responses ?? {};
      const all = Object.entries(responses).filter(([k]) => /xx$/.test(k)).reduce((a, [, c]) => a + c, 0);
      const matching = responses[e.status] ?? 0;
      if (all === 0) return out(false, 'no answer');
      const classes = Object.entries(responses).filter(([k]) => /xx$/.test(k)).sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => `${c.toLocaleString('en-US')} ${k}`).join(', ');
      return out(matching / all >= e.share - 1e-12, `${matching.toLocaleString('en-US')} of ${plural(all, 'answer')} (${classes})`);
    }
    case 'maxDepth': {
      const max = byId.get(e.node)?.depth?.max ?? 0;
      return out(max <= e.atMost, `at most ${plural(max, 'message')}`);
    }
  }
}
