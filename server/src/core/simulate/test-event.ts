/**
 * "Send test event" (the diagram's action on a producer, a bus or any node that takes input): the
 * catalog's sample payloads for a node, and one input run through the simulator from that node, with
 * every hop kept — its edge, the node's counters and queue depth at that moment, and the payload the
 * hop carried — so a diagram can light the path hop by hop and a timeline can list the deliveries.
 *
 * A test event is an arrival of a scenario (docs/simulate.md, `arrive`): the payload is the arrival
 * entry's fields without the node (`{ route, body }` for an API, `{ event, detail }` for a bus, …),
 * checked and resolved by the scenario reader, so its problems read as a scenario file's do.
 */
import { busRuleCanMatch } from '../analysis/bus-matching';
import { sampleFromSchema } from '../eventbridge/pattern';
import { sampleEvent } from '../eventbridge/sample';
import type { Graph, GraphNode } from '../model/graph';
import { isObj, type Obj } from '../util/value';
import { DeclaredBehaviour } from './behaviour';
import { Simulation } from './engine';
import { readScenarioFile, resolveScenarios } from './scenario';
import type { Envelope, EnvelopeExtra, Origin, SimEvent, SimEventType } from './types';

/** The arrival entry of each kind that takes a test event, and the field naming the node. */
export const TEST_EVENT_ENTRY: Readonly<Record<string, { readonly entry: string; readonly field: string }>> = {
  'http-api': { entry: 'request', field: 'api' },
  'event-bus': { entry: 'event', field: 'bus' },
  queue: { entry: 'message', field: 'queue' },
  topic: { entry: 'publish', field: 'topic' },
  stream: { entry: 'record', field: 'stream' },
  bucket: { entry: 'upload', field: 'bucket' },
  table: { entry: 'write', field: 'table' },
  function: { entry: 'invoke', field: 'function' },
};

/** Whether a node takes a test event. */
export const takesTestEvent = (kind: string): boolean => Object.prototype.hasOwnProperty.call(TEST_EVENT_ENTRY, kind);

/** One sample payload for a node: what the user edits before sending. */
export interface TestEventSample {
  /** Words for the picker: the catalog event, the route, the key. */
  readonly label: string;
  /** The arrival entry's fields without the node (e.g. `{ event: 'OrderPlaced', detail: {…} }`). */
  readonly payload: Obj;
}

/** The counters of a node at one hop (the subset a diagram shows). */
export interface HopCounts {
  readonly received: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly retried: number;
  readonly throttled: number;
  readonly deadLettered: number;
}

/** One timeline event of a test event's run, with the payload it carried and the counts at that moment. */
export interface TraceEvent extends SimEvent {
  /** The message, event or record (`message`) as the next hop reads it. */
  readonly payload?: unknown;
  /** The counters of `node` (for `deliver`: of `to`, the node that took it) after this event. */
  readonly counts: HopCounts;
  /** Messages stored in the node (`to` for a delivery) after this event: queues and streams. */
  readonly depth?: number;
}

/** What a test event did, hop by hop. */
export interface TestEventTrace {
  readonly node: string;
  /** Words for the input (`event OrderPlaced`, `request POST /orders`). */
  readonly label: string;
  /** Every event of the test event's chain, in time order (at most `MAX_TRACE_EVENTS`). */
  readonly events: readonly TraceEvent[];
  /** Events of the chain in all (more than `events` when it was cut). */
  readonly total: number;
  /** Virtual ms of the last event. */
  readonly end: number;
  /** The final counters of each node the chain reached, with its depth at the end and at most. */
  readonly nodes: readonly (HopCounts & { readonly id: string; readonly kind: string; readonly depth?: { readonly end: number; readonly max: number } })[];
}

/** Events of a trace kept (a chain that fans out wide is cut, and says so by `total`). */
export const MAX_TRACE_EVENTS = 2000;
/** Virtual time a test event may take: a day covers Lambda's async retries, SQS redrives and SNS back-off. */
const TEST_EVENT_UNTIL = 24 * 3_600_000;
/** Steps a test event's run may take. */
const TEST_EVENT_STEPS = 2_000_000;

/** An example of a catalog event's body (codegen's sample), or `{}`. */
function example(graph: Graph, event: string | undefined): unknown {
  const schema = event !== undefined ? graph.events.get(event)?.schema : undefined;
  return schema === undefined ? {} : sampleFromSchema(schema);
}

/** The catalog events that travel into a node (by the edges that carry one). */
function eventsInto(graph: Graph, id: string): string[] {
  return [...new Set((graph.incoming.get(id) ?? []).map((e) => e.event).filter((e): e is string => e !== undefined && graph.events.has(e)))];
}

/**
 * The catalog events an event-bus rule can deliver to a node, as the EventBridge events the node
 * receives (a queue's message body, a function's event), by name. A target with a constant `input`
 * receives that instead.
 */
function ruleEventsInto(graph: Graph, id: string): { name: string; event: unknown }[] {
  const canMatch = busRuleCanMatch(graph);
  const out = new Map<string, unknown>();
  for (const e of graph.incoming.get(id) ?? []) {
    const bus = graph.nodes.get(e.from);
    if (!bus || bus.kind !== 'event-bus' || e.rule === undefined || e.options.input !== undefined) continue;
    for (const decl of graph.events.values()) {
      if (out.has(decl.name) || decl.source === undefined || !canMatch(bus, e.rule, decl.name)) continue;
      out.set(decl.name, sampleEvent({ detailType: decl.detailType, source: decl.source, ...(decl.schema !== undefined ? { detailSchema: decl.schema } : {}) }));
    }
  }
  return [...out].map(([name, event]) => ({ name, event }));
}

/** The sample payloads of a node's test event, from the event catalog (`events:`); empty when the node takes none. */
export function testEventSamples(graph: Graph, id: string): TestEventSample[] {
  const node = graph.nodes.get(id);
  if (!node || !takesTestEvent(node.kind)) return [];
  const carried = eventsInto(graph, id);
  const routed = node.kind === 'queue' || node.kind === 'topic' || node.kind === 'function' ? ruleEventsInto(graph, id) : [];
  const out: TestEventSample[] = [];
  switch (node.kind) {
    case 'http-api':
      for (const e of graph.outgoing.get(id) ?? []) {
        if (e.mechanism === 'route' && e.route) out.push({ label: e.event ? `${e.route} (${e.event})` : e.route, payload: { route: e.route, body: example(graph, e.event) } });
      }
      break;
    case 'event-bus': {
      // The events emitted onto the bus first, then the rest of the catalog.
      const rest = [...graph.events.values()].filter((e) => e.source !== undefined && !carried.includes(e.name)).map((e) => e.name);
      for (const name of [...carried, ...rest]) out.push({ label: name, payload: { event: name, detail: example(graph, name) } });
      break;
    }
    case 'queue': {
      const fifo = (node as GraphNode<'queue'>).settings.fifo;
      for (const name of carried) out.push({ label: name, payload: { body: example(graph, name), ...(fifo ? { group: 'test' } : {}) } });
      for (const r of routed) out.push({ label: `${r.name} (EventBridge event)`, payload: { body: r.event, ...(fifo ? { group: 'test' } : {}) } });
      if (out.length === 0) out.push({ label: 'message', payload: { body: {}, ...(fifo ? { group: 'test' } : {}) } });
      break;
    }
    case 'topic': {
      const fifo = (node as GraphNode<'topic'>).settings.fifo;
      for (const name of carried) out.push({ label: name, payload: { message: example(graph, name), ...(fifo ? { group: 'test' } : {}) } });
      for (const r of routed) out.push({ label: `${r.name} (EventBridge event)`, payload: { message: r.event, ...(fifo ? { group: 'test' } : {}) } });
      if (out.length === 0) out.push({ label: 'message', payload: { message: {}, ...(fifo ? { group: 'test' } : {}) } });
      break;
    }
    case 'stream':
      for (const name of carried.length ? carried : [undefined]) out.push({ label: name ?? 'record', payload: { data: example(graph, name), partitionKey: 'test-1' } });
      break;
    case 'bucket': {
      const notes = (node as GraphNode<'bucket'>).settings.notifications ?? [];
      for (const n of notes.length ? notes : [{ prefix: undefined, suffix: undefined }]) {
        const key = `${n.prefix ?? ''}test${n.suffix ?? '.json'}`;
        if (!out.some((s) => s.payload.key === key)) out.push({ label: key, payload: { key, size: 1024 } });
      }
      break;
    }
    case 'table': {
      const pk = (node as GraphNode<'table'>).settings.partitionKey.name;
      out.push({ label: 'INSERT', payload: { item: { [pk]: 'test-1' }, change: 'INSERT' } });
      break;
    }
    case 'function':
      for (const r of routed) out.push({ label: `${r.name} (EventBridge event)`, payload: { payload: r.event, async: true } });
      if (out.length === 0) out.push({ label: 'async invoke', payload: { payload: {}, async: true } });
      break;
  }
  return out;
}

const countsOf = (s: HopCounts): HopCounts => ({
  received: s.received, succeeded: s.succeeded, failed: s.failed, retried: s.retried, throttled: s.throttled, deadLettered: s.deadLettered,
});

/** The node an event's counts are of: the receiver of a delivery, else the node where it happened. */
const hopNode = (e: Pick<SimEvent, 'type' | 'node' | 'to'>): string => (e.type === 'deliver' && e.to !== undefined ? e.to : e.node);

/** A simulation that keeps every payload and every hop of one chain. */
class TracingSimulation extends Simulation {
  readonly bodies = new Map<number, unknown>();
  readonly levels = new Map<string, number>();
  readonly trace: { -readonly [K in keyof TraceEvent]: TraceEvent[K] }[] = [];
  total = 0;
  /** The origin traced (the test event's). */
  traced = -1;

  override envelope(body: unknown, o: Origin, extra?: EnvelopeExtra): Envelope {
    const e = super.envelope(body, o, extra);
    if (o.origin === this.traced) this.bodies.set(e.id, body);
    return e;
  }

  override depth(node: string, depth: number): void {
    super.depth(node, depth);
    this.levels.set(node, depth);
    // A queue reports its depth after the events of the step that changed it: the last of them at the queue shows it.
    for (let i = this.trace.length - 1; i >= 0 && this.trace[i]!.t === this.now(); i--) {
      if (hopNode(this.trace[i]!) !== node) continue;
      this.trace[i]!.depth = depth;
      break;
    }
  }

  override log(type: SimEventType, node: string, e?: Omit<SimEvent, 't' | 'type' | 'node'>): void {
    super.log(type, node, e);
    const mine = e?.origin === this.traced || (e?.origin === undefined && e?.message !== undefined && this.bodies.has(e.message));
    if (!mine) return;
    this.total++;
    if (this.trace.length >= MAX_TRACE_EVENTS) return;
    const at = hopNode({ type, node, ...e });
    const level = this.levels.get(at);
    const payload = e?.message !== undefined ? this.bodies.get(e.message) : undefined;
    this.trace.push({
      t: this.now(), type, node, ...e, ...(payload !== undefined ? { payload } : {}), counts: countsOf(this.stats(at)), ...(level !== undefined ? { depth: level } : {}),
    });
  }
}

/**
 * Runs one test event from a node: the payload (a `TestEventSample.payload`, edited or not) arrives
 * at the node at time 0, functions behave as the architecture declares, and the run goes on until
 * nothing is left of the chain (at most a virtual day). Schedules do not fire: only the test event's
 * chain runs. Answers the problems of the payload instead when it is not one the node takes.
 */
export function runTestEvent(graph: Graph, id: string, payload: unknown): TestEventTrace | { readonly problems: readonly string[] } {
  const node = graph.nodes.get(id);
  if (!node) return { problems: [`'${id}' is not a node of the architecture.`] };
  const entry = TEST_EVENT_ENTRY[node.kind];
  if (!entry) return { problems: [`A test event cannot start at ${node.kind === 'schedule' ? 'a schedule (it fires on its own: simulate a scenario)' : `a ${node.kind}`}; send it from a producer, a bus, a queue, a topic, a stream or a function.`] };
  if (!isObj(payload)) return { problems: ['The payload must be a JSON object: the fields of the test event (see docs/simulate.md, `arrive`).'] };
  // The test event as a scenario file's arrival: the same checks and the same payloads as `archflow simulate`.
  const { [entry.field]: _node, ...fields } = payload;
  const file = { 'archflow-scenarios': 1, architecture: 'test', scenarios: { 'test-event': { arrive: [{ [entry.entry]: { [entry.field]: id, ...fields } }] } } };
  const sd = readScenarioFile(JSON.stringify(file));
  const where = (pointer: readonly (string | number)[]): string => {
    const inside = pointer.slice(5).filter((p) => p !== entry.field);
    return inside.length ? `${inside.join('.')}: ` : '';
  };
  const schemaErrors = sd.problems.filter((p) => p.severity === 'error');
  if (schemaErrors.length) return { problems: schemaErrors.map((p) => `${where(p.pointer)}${p.message}`) };
  // Schedules fire on their own: without them only the test event's chain runs.
  const quiet: Graph = { ...graph, nodes: new Map([...graph.nodes].filter(([, n]) => n.kind !== 'schedule')) };
  const resolved = resolveScenarios(sd, quiet);
  const errors = resolved.problems.filter((p) => p.severity === 'error');
  if (errors.length) return { problems: errors.map((p) => `${where(p.pointer)}${p.message}`) };
  const scenario = resolved.scenarios[0]!;
  const arrival = scenario.arrivals[0]!;
  const sim = new TracingSimulation(quiet, {
    seed: 1, horizon: TEST_EVENT_UNTIL, timeline: 0, onEvent: () => undefined, maxSteps: TEST_EVENT_STEPS,
    behaviour: new DeclaredBehaviour(quiet, scenario.plans, 1),
  });
  sim.at(0, () => {
    sim.traced = sim.arrivals().length;
    sim.input(arrival.node, arrival.label, () => arrival.make(0));
  });
  sim.runSync(TEST_EVENT_UNTIL);
  const reached = new Set(sim.trace.flatMap((e) => [e.node, ...(e.to !== undefined ? [e.to] : [])]));
  const nodes = sim.summary().filter((n) => reached.has(n.id)).map((n) => ({
    id: n.id, kind: n.kind, ...countsOf(n), ...(n.depth ? { depth: { end: n.depth.end, max: n.depth.max } } : {}),
  }));
  return { node: id, label: arrival.label, events: sim.trace, total: sim.total, end: sim.trace.length ? sim.trace[sim.trace.length - 1]!.t : 0, nodes };
}
