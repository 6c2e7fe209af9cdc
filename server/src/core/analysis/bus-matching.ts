/**
 * What flows onto each event bus and which rules can match it, for the EventBridge and graph rules.
 * "Emitted onto a bus" means an `emits: [{ to: bus, event }]` of a function or an HTTP API route to
 * the bus with `event`; a rule of another bus forwards the events of that bus its pattern can match
 * (unless the target replaces the event with a constant `input`); anything else that sends to a bus
 * (a bare `emits: [bus]`, a schedule, an external node) sends events Archflow does not know.
 */
import type { BusRule } from '../kinds/event-bus';
import { eventMatchesDeclaredEvent, type PatternCache, type Verdict } from '../eventbridge/pattern';
import { derived } from './derived';
import type { EventDecl, Graph, GraphEdge, GraphNode } from '../model/graph';
import type { Pointer } from '../span';
import { isObj } from '../util/value';


/** One declared emission of a catalog event onto a bus. */
export interface Emission {
  readonly edge: GraphEdge;
  readonly event: string;
  /** True when another bus's rule forwards the event (`edge` is that rule's target). */
  readonly forwarded?: boolean;
}

/** What arrives on a bus: the declared catalog events, and whether anything else arrives too. */
export interface BusInput {
  readonly emissions: readonly Emission[];
  /** True when some sender's events are unknown. */
  readonly unknown: boolean;
}

const INPUTS = Symbol('bus inputs');
const VERDICTS = Symbol('pattern verdicts');
const BUS_RULES = Symbol('bus rules');
const PATTERNS = Symbol('compiled patterns');

/** The compiled patterns of an analysis, shared by the EventBridge rules. */
export function patternCache(graph: Graph): PatternCache {
  return derived(graph, PATTERNS, (): PatternCache => new Map());
}

/** The events sent onto a bus. */
export function busInput(graph: Graph, bus: string): BusInput {
  const byBus = derived(graph, INPUTS, () => new Map<string, BusInput>());
  let input = byBus.get(bus);
  if (!input) {
    // A cycle of buses forwarding to each other reads as unknown input.
    byBus.set(bus, CYCLE);
    byBus.set(bus, (input = readBusInput(graph, bus)));
  }
  return input;
}

/** What a bus being read counts as when a cycle of forwarding rules reaches it again. */
const CYCLE: BusInput = { emissions: [], unknown: true };

function readBusInput(graph: Graph, bus: string): BusInput {
  const emissions: Emission[] = [];
  let unknown = false;
  for (const e of graph.incoming.get(bus) ?? []) {
    if (e.kind !== 'emit' && e.kind !== 'trigger') continue;
    if (e.event !== undefined && (e.mechanism === 'emit' || e.mechanism === 'route')) {
      emissions.push({ edge: e, event: e.event });
    } else if (e.mechanism === 'rule' && e.rule !== undefined && graph.nodes.get(e.from)?.kind === 'event-bus' && e.options.input === undefined) {
      // Forwarded by a rule of another bus: the events of that bus its pattern can match.
      const upstream = busInput(graph, e.from);
      if (upstream.unknown) unknown = true;
      const from = graph.nodes.get(e.from)!;
      const matches = busRuleCanMatch(graph);
      for (const ev of new Set(upstream.emissions.map((x) => x.event))) {
        if (matches(from, e.rule, ev)) emissions.push({ edge: e, event: ev, forwarded: true });
      }
    } else {
      unknown = true;
    }
  }
  return { emissions, unknown };
}

/**
 * A predicate for the graph walks: can rule `rule` of `bus` match catalog event `event`
 * (`undefined`: an unknown event, which any rule may match)?
 */
export function busRuleCanMatch(graph: Graph): (bus: GraphNode, rule: string, event: string | undefined) => boolean {
  return (bus, rule, event) => {
    const r = busRule(bus, rule);
    if (!r || r.enabled === false) return false;
    if (event === undefined) return true;
    return ruleVerdict(graph, r.pattern, event) !== 'no';
  };
}

/** The rule `rule` of an event bus node, when it is declared (written as a map). */
export function busRule(bus: GraphNode, rule: string): BusRule | undefined {
  const r = bus.kind === 'event-bus' ? bus.settings.rules?.get(rule) : undefined;
  return r?.declared ? r : undefined;
}


/** Whether a pattern can match a catalog event (`maybe` for an unknown event name). */
export function ruleVerdict(graph: Graph, pattern: unknown, event: string): Verdict {
  const decl = graph.events.get(event);
  if (!decl) return 'maybe';
  if (typeof pattern !== 'object' || pattern === null) return verdictOf(graph, pattern, decl);
  // By pattern object and event: the EventBridge and graph rules ask the same questions.
  const byPattern = derived(graph, VERDICTS, () => new Map<object, Map<string, Verdict>>());
  let byEvent = byPattern.get(pattern);
  if (!byEvent) byPattern.set(pattern, (byEvent = new Map()));
  let verdict = byEvent.get(event);
  if (verdict === undefined) byEvent.set(event, (verdict = verdictOf(graph, pattern, decl)));
  return verdict;
}

function verdictOf(graph: Graph, pattern: unknown, decl: EventDecl): Verdict {
  const event: { detailType: string; source?: string; detailSchema?: unknown } = { detailType: decl.detailType };
  if (decl.source !== undefined) event.source = decl.source;
  if (decl.schema !== undefined) event.detailSchema = decl.schema;
  return eventMatchesDeclaredEvent(pattern, event, patternCache(graph));
}

/** One rule of an event bus as written. */
export interface BusRuleRef {
  readonly bus: GraphNode;
  readonly rule: string;
  /** Pointer to the rule (`['routers', 'orders', 'rules', 'placed']`). */
  readonly at: Pointer;
  readonly config: Readonly<Record<string, unknown>>;
}

/** Every rule (written as a map) of every event bus, in file order. */
export function eachBusRule(graph: Graph): readonly BusRuleRef[] {
  return derived(graph, BUS_RULES, () => readBusRules(graph));
}

function readBusRules(graph: Graph): BusRuleRef[] {
  const out: BusRuleRef[] = [];
  for (const bus of graph.nodes.values()) {
    if (bus.kind !== 'event-bus' || !bus.settings.rules || !isObj(bus.config.rules)) continue;
    for (const [rule, r] of bus.settings.rules) {
      // The rule as written: its targets (`to`) are read with their options and pointers.
      if (r.declared) out.push({ bus, rule, at: bus.pointer.concat('rules', rule), config: bus.config.rules[rule] as Readonly<Record<string, unknown>> });
    }
  }
  return out;
}

/** The targets of a rule as written (`to` as a list), with their pointers. */
export function ruleTargets(ref: BusRuleRef): { value: unknown; at: Pointer }[] {
  const to = ref.config.to;
  if (Array.isArray(to)) return to.map((value, i) => ({ value, at: ref.at.concat('to', i) }));
  return to === undefined || to === null ? [] : [{ value: to, at: ref.at.concat('to') }];
}
