/**
 * Handlers without code: what a function does, read from the architecture and the scenario.
 *
 * By default a function runs for 100 ms, succeeds, and for every record it handles sends each thing it
 * declares in `emits`, once: a catalog event's example (built from its JSON Schema, codegen's sample),
 * with the fields the record already has of the same name and type carried over (an `orderId` flows
 * from OrderPlaced into OrderPaid) and id-like fields made unique, so that messages differ like real
 * ones (FIFO deduplication by content sees distinct messages). A write to a bucket puts an object under
 * the emit's `prefix`; a write to a table puts an item; a read does nothing.
 *
 * A scenario changes that per function (`FunctionPlan`): how long it takes, that it fails a share of
 * its records or those matching a pattern, that it times out, what it answers, and which of its
 * declared sends it makes, by chance or one of several. A record that fails stops the invocation (the
 * handler throws) unless the mapping reports partial batch failures: then it is reported, and on a FIFO
 * queue so are the later records of its group (they are left unprocessed, as AWS asks of FIFO handlers).
 */
import type { CompiledPattern } from '../eventbridge/compile';
import { sampleFromSchema } from '../eventbridge/pattern';
import type { EventDecl, Graph, GraphEdge } from '../model/graph';
import { isObj } from '../util/value';
import { SIM_FACTS } from './facts';
import { random, type Random } from './random';
import type { Attributes, Behaviour, Envelope, HandlerCall, HandlerOutcome, HandlerSend, Send } from './types';

/** One declared send a scenario keeps, with how (`chance` in [0, 1], a message group, attributes, a body). */
export interface EmitChoice {
  /** The function's `emits` edge. */
  readonly edge: GraphEdge;
  readonly chance?: number;
  /** `${field}` templates over the message (and the record); `${n}` is the number of the arrival the record comes from. */
  readonly group?: string;
  readonly partitionKey?: string;
  readonly attributes?: Readonly<Record<string, string | number>>;
  readonly body?: unknown;
}

/** Sends per record: each choice on its own, or one of several by their chances. */
export type EmitSlot = { readonly each: EmitChoice } | { readonly oneOf: readonly EmitChoice[] };

/** How one function behaves in a scenario. Durations in ms, chances in [0, 1]. */
export interface FunctionPlan {
  readonly takes?: { readonly min: number; readonly max: number };
  /** Added per record of a batch. */
  readonly perRecord?: number;
  readonly fails?: number;
  readonly failsWhen?: CompiledPattern;
  readonly timesOut?: boolean;
  readonly responds?: { readonly status: number; readonly body?: unknown };
  /** Replaces the declared sends when given. */
  readonly emits?: readonly EmitSlot[];
}

const ID_FIELD = /(^id$|Id$|_id$|ID$)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A field anywhere in a record's message (objects, first array elements, JSON text), breadth first. */
export function findField(root: unknown, name: string): unknown {
  const queue: unknown[] = [root];
  for (let i = 0, seen = 0; i < queue.length && seen < 200; i++, seen++) {
    let v = queue[i];
    if (typeof v === 'string' && v.length > 1 && (v[0] === '{' || v[0] === '[')) {
      try {
        v = JSON.parse(v);
      } catch {
        continue;
      }
    }
    if (Array.isArray(v)) {
      if (v.length) queue.push(v[0]);
      continue;
    }
    if (!isObj(v)) continue;
    if (Object.prototype.hasOwnProperty.call(v, name)) {
      const found = v[name];
      if (found !== undefined && typeof found !== 'object') return found;
    }
    for (const k in v) {
      const c = v[k];
      if (typeof c === 'object' || typeof c === 'string') queue.push(c);
    }
  }
  return undefined;
}

/** `${path}`, `${n}` and `${n % k}` in a template: dotted paths into `sources`, and `n`. */
export function fill(template: string, n: number, ...sources: unknown[]): string {
  return template.replace(/\$\{\s*([^}]+?)\s*\}/g, (_, expr: string) => {
    const mod = /^n\s*%\s*([0-9]+)$/.exec(expr);
    if (expr === 'n') return String(n);
    if (mod) return String(n % Number(mod[1]));
    for (const s of sources) {
      let v: unknown = s;
      for (const part of expr.split('.')) v = isObj(v) ? v[part] : undefined;
      if (v === undefined) v = findField(s, expr);
      if (v !== undefined) return typeof v === 'string' ? v : JSON.stringify(v);
    }
    return '';
  });
}

/** Copies a JSON value with every string filled as a template (`fill`). */
export function fillAll(value: unknown, n: number, ...sources: unknown[]): unknown {
  if (typeof value === 'string') return value.includes('${') ? fill(value, n, ...sources) : value;
  if (Array.isArray(value)) return value.map((x) => fillAll(x, n, ...sources));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, fillAll(x, n, ...sources)]));
  return value;
}

/** The declared behaviour of every function of a graph, with a scenario's plans. */
export class DeclaredBehaviour implements Behaviour {
  private readonly rng: Random;
  private readonly samples = new Map<string, unknown>();
  private readonly defaults = new Map<string, readonly EmitSlot[]>();
  private n = 0;

  constructor(private readonly graph: Graph, private readonly plans: ReadonlyMap<string, FunctionPlan> = new Map(), seed: number | string = 1) {
    this.rng = random(`${seed}:behaviour`);
  }

  /** The declared sends of a function: each `emits` edge, once per record. */
  private declared(fn: string): readonly EmitSlot[] {
    let slots = this.defaults.get(fn);
    if (!slots) {
      slots = (this.graph.outgoing.get(fn) ?? []).filter((e) => e.mechanism === 'emit').map((edge) => ({ each: { edge } }));
      this.defaults.set(fn, slots);
    }
    return slots;
  }

  private sample(ev: EventDecl): unknown {
    let s = this.samples.get(ev.name);
    if (s === undefined) {
      s = ev.schema === undefined ? {} : sampleFromSchema(ev.schema);
      this.samples.set(ev.name, s);
    }
    return s;
  }

  run(call: HandlerCall): HandlerOutcome {
    const plan = this.plans.get(call.function) ?? {};
    const rng = this.rng;
    const takes = plan.takes ?? { min: SIM_FACTS.defaultDuration, max: SIM_FACTS.defaultDuration };
    const base = takes.max > takes.min ? takes.min + rng.next() * (takes.max - takes.min) : takes.min;
    const duration = plan.timesOut ? Infinity : base + (plan.perRecord ?? 0) * call.records.length;
    const slots = plan.emits ?? this.declared(call.function);
    const partial = call.mode === 'batch' && call.source.reportFailures === true;
    const sends: HandlerSend[] = [];
    const failed: number[] = [];
    let error: string | undefined;
    const stoppedGroups = partial && call.source.fifo ? new Set<string>() : undefined;
    for (let i = 0; i < call.records.length; i++) {
      const rec = call.records[i]!;
      if (stoppedGroups && rec.group !== undefined && stoppedGroups.has(rec.group)) {
        failed.push(i);
        continue;
      }
      const why = plan.failsWhen?.match(rec.body)
        ? 'the record matches failsWhen'
        : plan.fails !== undefined && plan.fails > 0 && rng.next() < plan.fails ? `fails ${Math.round(plan.fails * 1000) / 10}% of records` : undefined;
      if (why) {
        if (partial) {
          failed.push(i);
          if (stoppedGroups && rec.group !== undefined) stoppedGroups.add(rec.group);
          continue;
        }
        error = `simulated failure: ${why}`;
        break;
      }
      for (const slot of slots) {
        let choice: EmitChoice | undefined;
        if ('each' in slot) {
          const c = slot.each.chance;
          choice = c === undefined || c >= 1 || rng.next() < c ? slot.each : undefined;
        } else {
          let roll = rng.next();
          const open = slot.oneOf.filter((c) => c.chance === undefined);
          const rest = Math.max(0, 1 - slot.oneOf.reduce((a, c) => a + (c.chance ?? 0), 0));
          for (const c of slot.oneOf) {
            const p = c.chance ?? rest / open.length;
            if (roll < p) {
              choice = c;
              break;
            }
            roll -= p;
          }
        }
        if (!choice) continue;
        const s = this.send(call.function, choice, rec);
        if (s) sends.push({ ...s, record: i });
      }
    }
    return {
      duration, sends,
      ...(error !== undefined ? { error } : {}),
      ...(failed.length ? { failed } : {}),
      ...(call.mode === 'sync' ? { response: { statusCode: plan.responds?.status ?? 200, ...(plan.responds?.body !== undefined ? { body: plan.responds.body } : {}) } } : {}),
    };
  }

  /** The message of one declared send for a record: its example, with the record's fields carried over. */
  private message(base: unknown, rec: Envelope, given?: Readonly<Record<string, unknown>>): unknown {
    const n = ++this.n;
    if (!isObj(base)) return base;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(base)) {
      if ((typeof v !== 'object' || v === null) && !(given && k in given)) {
        const found = findField(rec.body, k);
        if (found !== undefined && typeof found === typeof v) {
          out[k] = found;
          continue;
        }
        if (typeof v === 'string' && ID_FIELD.test(k)) {
          out[k] = UUID.test(v) ? `${v.slice(0, 24)}${n.toString(16).padStart(12, '0')}` : `${v}-${n}`;
          continue;
        }
      }
      out[k] = v;
    }
    return out;
  }

  private send(fn: string, c: EmitChoice, rec: Envelope): Omit<HandlerSend, 'record'> | undefined {
    const { graph } = this;
    const edge = c.edge;
    const target = graph.nodes.get(edge.to);
    if (!target) return undefined;
    const ev = edge.event ? graph.events.get(edge.event) : undefined;
    const example = ev ? this.sample(ev) : {};
    const own = c.body !== undefined ? fillAll(c.body, rec.origin, rec.body) : undefined;
    const message = this.message(own === undefined ? example : isObj(own) && isObj(example) ? { ...example, ...own } : own, rec, isObj(own) ? own : undefined);
    const n = this.n;
    const attributes = c.attributes
      ? Object.fromEntries(Object.entries(c.attributes).map(([k, v]) => [k, typeof v === 'number' ? { type: 'Number', value: String(v) } : { type: 'String', value: fill(v, rec.origin, message, rec.body) }])) as Attributes
      : undefined;
    const group = (): string => (c.group !== undefined ? fill(c.group, rec.origin, message, rec.body) : rec.group ?? fn);
    const access = edge.options.access;
    let send: Send;
    switch (target.kind) {
      case 'queue': {
        const s = target.settings;
        send = {
          action: 'sendMessage', message, ...(attributes ? { attributes } : {}),
          ...(s.fifo ? { group: group(), ...(s.contentBasedDeduplication ? {} : { deduplicationId: `${fn}-${n}` }) } : {}),
        };
        break;
      }
      case 'topic': {
        const s = target.settings;
        send = {
          action: 'publish', message, ...(attributes ? { attributes } : {}),
          ...(s.fifo ? { group: group(), ...(s.contentBasedDeduplication ? {} : { deduplicationId: `${fn}-${n}` }) } : {}),
        };
        break;
      }
      case 'event-bus':
        send = { action: 'putEvent', source: ev?.source ?? graph.name ?? fn, detailType: ev?.detailType ?? 'Event', detail: message };
        break;
      case 'stream':
        send = { action: 'putRecord', data: message, partitionKey: c.partitionKey !== undefined ? fill(c.partitionKey, rec.origin, message, rec.body) : `${fn}-${n}` };
        break;
      case 'bucket': {
        if (access === 'read') return undefined;
        const prefix = typeof edge.options.prefix === 'string' ? edge.options.prefix : '';
        send = { action: 'putObject', key: `${prefix}${fn}-${n}.json` };
        break;
      }
      case 'table': {
        if (access === 'read') return undefined;
        const pk = target.settings.partitionKey.name;
        send = { action: 'putItem', item: { ...(isObj(message) ? message : {}), [pk]: isObj(message) && typeof message[pk] === 'string' ? message[pk] : `${fn}-${n}` } };
        break;
      }
      default:
        return undefined;
    }
    return { to: edge.to, send, ...(edge.event !== undefined ? { event: edge.event } : {}) };
  }
}
