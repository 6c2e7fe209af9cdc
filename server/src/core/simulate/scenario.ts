/**
 * Scenario files (`*.scenario.yaml`, schemas/archflow-scenario.schema.json, docs/simulate.md): read
 * through the same pipeline as architecture files (parse with ranges, the JSON Schema with ajv,
 * findings at JSON pointers that `locate` turns into spans), then resolved against the architecture's
 * graph: every name must be a node of the right kind, every route, catalog event and declared send
 * must exist. Never throws: problems say what is wrong, where.
 */
import type { ValidateFunction } from 'ajv';
import scenarioSchema from '../../../../schemas/archflow-scenario.schema.json';
import { compilePattern } from '../eventbridge/pattern';
import { sampleFromSchema } from '../eventbridge/pattern';
import type { NodeKind } from '../kinds/index';
import type { EventDecl, Graph, GraphEdge, GraphNode } from '../model/graph';
import { parse, type ArchDocument } from '../parse/parse';
import { locate } from '../parse/locate';
import { compileSchema, findingsOf } from '../schema/validate';
import type { Finding, Pointer, Problem } from '../span';
import { toSeconds } from '../util/duration';
import { didYouMean } from '../util/suggest';
import { isObj, type Obj } from '../util/value';
import type { EmitChoice, EmitSlot, FunctionPlan } from './behaviour';
import { DEFAULT_EPOCH, type Outage } from './engine';
import type { Attributes, NodeStats, Send } from './types';

/** The JSON Schema of scenario files, as shipped in `schemas/`. */
export const scenarioFileSchema = scenarioSchema as Record<string, unknown>;

// eslint-disable-next-line no-restricted-syntax -- the scenario schema's validator, compiled once: one value, never an analysis
let compiled: ValidateFunction | undefined;

/** Default virtual time simulated, ms. */
export const DEFAULT_UNTIL = 3_600_000;

/** Counts an expectation may bound. */
export interface Bounds {
  readonly exactly?: number;
  readonly atLeast?: number;
  readonly atMost?: number;
}

/** A counter of the summary. */
export type Metric = Exclude<keyof NodeStats, 'responses'>;

/** What must hold at the end of a scenario; `text` says it in words. */
export type Expectation = { readonly pointer: Pointer; readonly text: string } & (
  | { readonly kind: 'delivered'; readonly to: string; readonly within?: number; readonly of?: string; readonly share: number }
  | { readonly kind: 'deadLettered'; readonly queue?: string; readonly from?: string; readonly bounds: Bounds }
  | { readonly kind: 'noDeadLetters' }
  | { readonly kind: 'orderKept'; readonly fn: string }
  | { readonly kind: 'nothingLost' }
  | { readonly kind: 'noThrottling'; readonly fn?: string }
  | { readonly kind: 'count'; readonly node: string; readonly metric: Metric; readonly bounds: Bounds }
  | { readonly kind: 'responses'; readonly api: string; readonly status: string; readonly share: number }
  | { readonly kind: 'maxDepth'; readonly node: string; readonly atMost: number }
);

/** A series of inputs: `count` of them, `every` ms apart, from `at`. */
export interface Arrival {
  /** Its `name`, or words for it (`request POST /orders`). */
  readonly label: string;
  readonly name?: string;
  readonly node: string;
  readonly at: number;
  readonly count: number;
  readonly every: number;
  readonly pointer: Pointer;
  /** The send of the n-th arrival (0, 1, …). */
  make(n: number): Send;
}

/** A scenario resolved against its architecture. Durations in ms. */
export interface Scenario {
  readonly name: string;
  readonly pointer: Pointer;
  readonly description?: string;
  readonly seed: number | string;
  readonly epoch: number;
  readonly until: number;
  readonly accountConcurrency?: number;
  readonly plans: ReadonlyMap<string, FunctionPlan>;
  readonly outages: readonly Outage[];
  readonly arrivals: readonly Arrival[];
  readonly expectations: readonly Expectation[];
}

/** A scenario file as read: its document (for spans), the architecture it names, and its own problems. */
export interface ScenarioDocument {
  readonly doc: ArchDocument;
  /** The `architecture` path as written. */
  readonly architecture?: string;
  readonly problems: readonly Problem[];
}

function toProblem(doc: ArchDocument, f: Finding): Problem {
  return { code: f.code, severity: f.severity, message: f.message, span: locate(doc.yaml, doc.text, f.at, f.target), pointer: f.at, ...(f.fix ? { fix: f.fix } : {}) };
}

/** Reads a scenario file: its YAML and its structure (the schema). */
export function readScenarioFile(text: string): ScenarioDocument {
  const doc = parse(text);
  const findings: Finding[] = [];
  if (doc.value !== undefined && doc.value !== null) {
    compiled ??= compileSchema(scenarioFileSchema);
    findings.push(...findingsOf(compiled, doc.value));
  }
  const problems = [...doc.problems.filter((p) => p.code !== 'file/empty'), ...findings.map((f) => toProblem(doc, f))];
  if (doc.value === null || doc.value === undefined) {
    if (!problems.some((p) => p.severity === 'error')) {
      problems.push({ code: 'scenario/invalid', severity: 'error', message: 'The scenario file is empty. Start with `archflow-scenarios: 1`, the `architecture` it runs and its `scenarios`.', span: { start: 0, end: 0 }, pointer: [] });
    }
  }
  const v = doc.value;
  const architecture = isObj(v) && typeof v.architecture === 'string' ? v.architecture : undefined;
  return { doc, ...(architecture !== undefined ? { architecture } : {}), problems };
}

/** `10%` or a fraction → [0, 1]. */
export function percentOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v >= 0 && v <= 1 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$/.exec(v);
  if (!m) return undefined;
  const p = Number(m[1]) / 100;
  return p <= 1 ? p : undefined;
}

/** A duration in ms, or undefined. */
const msOf = (v: unknown): number | undefined => {
  const s = toSeconds(v);
  return s === undefined ? undefined : s * 1000;
};

/** Copies a JSON value with `${n}` and `${n % k}` filled in every string. */
export function fillN(value: unknown, n: number): unknown {
  if (typeof value === 'string') return value.includes('${') ? value.replace(/\$\{\s*n\s*(?:%\s*([0-9]+)\s*)?\}/g, (_, k?: string) => String(k ? n % Number(k) : n)) : value;
  if (Array.isArray(value)) return value.map((x) => fillN(x, n));
  if (isObj(value)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(value)) out[k] = fillN(x, n);
    return out;
  }
  return value;
}

/** An example of a catalog event's body for the n-th arrival: id-like fields made unique. */
function exampleOf(schema: unknown, n: number): unknown {
  const s = schema === undefined ? {} : sampleFromSchema(schema);
  if (!isObj(s)) return s;
  const out: Obj = {};
  for (const [k, v] of Object.entries(s)) out[k] = typeof v === 'string' && /(^id$|Id$|_id$|ID$)/.test(k) ? `${v}-${n}` : v;
  return out;
}

const attributesOf = (v: unknown): Attributes | undefined => {
  if (!isObj(v)) return undefined;
  const out: Record<string, { type: 'String' | 'Number'; value: string }> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'number') out[k] = { type: 'Number', value: String(x) };
    else if (typeof x === 'string') out[k] = { type: 'String', value: x };
  }
  return out;
};

const METRICS: readonly Metric[] = ['received', 'invocations', 'succeeded', 'failed', 'retried', 'throttled', 'deadLettered', 'deadLetters', 'lost', 'filtered', 'timeouts'];
const ARRIVAL_KINDS = ['request', 'upload', 'remove', 'write', 'event', 'message', 'publish', 'record', 'invoke'] as const;
const EXPECTATION_KINDS = ['delivered', 'deadLettered', 'noDeadLetters', 'orderKept', 'nothingLost', 'noThrottling', 'count', 'responses', 'maxDepth'] as const;

/** `20 s`, `1.5 s`, `250 ms`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 6000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

const boundsText = (b: Bounds): string =>
  b.exactly !== undefined ? `exactly ${b.exactly}` : [b.atLeast !== undefined ? `at least ${b.atLeast}` : '', b.atMost !== undefined ? `at most ${b.atMost}` : ''].filter(Boolean).join(' and ') || 'at least 1';

/** Resolves a scenario file's scenarios against the graph of its architecture. */
export function resolveScenarios(sd: ScenarioDocument, graph: Graph): { scenarios: Scenario[]; problems: Problem[] } {
  const findings: Finding[] = [];
  const scenarios: Scenario[] = [];
  const root = sd.doc.value;
  if (!isObj(root) || !isObj(root.scenarios)) return { scenarios, problems: [] };
  const defaults = isObj(root.defaults) ? root.defaults : {};
  const report = (at: Pointer, message: string, code = 'scenario/invalid', target?: 'key'): void => {
    findings.push({ code, severity: 'error', message, at, ...(target ? { target } : {}) });
  };

  /** A node of one of `kinds` named at `at`, or undefined (reported). */
  const node = <K extends NodeKind>(value: unknown, at: Pointer, kinds: readonly K[], what: string): GraphNode<K> | undefined => {
    if (typeof value !== 'string') return undefined;
    const n = graph.nodes.get(value);
    if (!n) {
      const candidates = [...graph.nodes.values()].filter((x) => (kinds as readonly string[]).includes(x.kind)).map((x) => x.id);
      report(at, `'${value}' is not a node of the architecture.${didYouMean(value, candidates)}`, 'scenario/unknown-node');
      return undefined;
    }
    if (!(kinds as readonly string[]).includes(n.kind)) {
      report(at, `'${value}' is ${article(n.kind)}, not ${what}.`, 'scenario/wrong-kind');
      return undefined;
    }
    return n as GraphNode<K>;
  };
  const anyNode = (value: unknown, at: Pointer): string | undefined => {
    if (typeof value !== 'string') return undefined;
    if (graph.nodes.has(value)) return value;
    report(at, `'${value}' is not a node of the architecture.${didYouMean(value, graph.nodes.keys())}`, 'scenario/unknown-node');
    return undefined;
  };

  /** A function's plan from the scenario's and the defaults' entries (the scenario's fields win). */
  const plan = (fn: GraphNode<'function'>, entries: readonly { value: Obj; at: Pointer }[]): FunctionPlan => {
    const field = (key: string): { value: unknown; at: Pointer } | undefined => {
      for (const e of entries) if (e.value[key] !== undefined) return { value: e.value[key], at: e.at.concat(key) };
      return undefined;
    };
    const p: { -readonly [K in keyof FunctionPlan]: FunctionPlan[K] } = {};
    const takes = field('takes');
    if (takes) {
      const [a, b]: unknown[] = typeof takes.value === 'string' ? takes.value.split('..') : [takes.value];
      const min = msOf(typeof a === 'string' ? a.trim() : a);
      const max = typeof b === 'string' ? msOf(b.trim()) : min;
      if (min === undefined || max === undefined || max < min) report(takes.at, `'${String(takes.value)}' is not a duration or a range low..high (e.g. 100ms..2s).`);
      else p.takes = { min, max };
    }
    const perRecord = field('perRecord');
    if (perRecord) p.perRecord = msOf(perRecord.value) ?? 0;
    const fails = field('fails');
    if (fails) {
      const f = percentOf(fails.value);
      if (f === undefined) report(fails.at, `'${String(fails.value)}' is not a share: write a percentage up to 100% or a fraction from 0 to 1.`);
      else p.fails = f;
    }
    const failsWhen = field('failsWhen');
    if (failsWhen) {
      const c = compilePattern(failsWhen.value, { maxChars: Number.MAX_SAFE_INTEGER });
      if (c.errors.length) report(failsWhen.at.concat(...c.errors[0]!.at), `failsWhen is not an event pattern: ${c.errors[0]!.reason}`);
      else p.failsWhen = c;
    }
    if (field('timesOut')?.value === true) p.timesOut = true;
    const responds = field('responds');
    if (responds && isObj(responds.value)) p.responds = { status: typeof responds.value.status === 'number' ? responds.value.status : 200, ...(responds.value.body !== undefined ? { body: responds.value.body } : {}) };
    const emits = field('emits');
    if (emits && Array.isArray(emits.value)) {
      const declared = (graph.outgoing.get(fn.id) ?? []).filter((e) => e.mechanism === 'emit');
      const choice = (v: unknown, at: Pointer): EmitChoice | undefined => {
        const o: Obj = typeof v === 'string' ? (graph.events.has(v) ? { event: v } : { to: v }) : isObj(v) ? v : {};
        const ev = typeof o.event === 'string' ? o.event : undefined;
        const to = typeof o.to === 'string' ? o.to : undefined;
        const matches = declared.filter((e) => (ev === undefined || e.event === ev) && (to === undefined || e.to === to));
        const where = typeof v === 'string' ? at : at.concat(ev !== undefined ? 'event' : 'to');
        if (ev === undefined && to === undefined) {
          report(at, 'Name the declared send: `event` (a catalog event) or `to` (its target).');
          return undefined;
        }
        if (matches.length === 0) {
          const names = declared.map((e) => e.event ?? e.to);
          report(where, `'${fn.id}' declares no send of ${ev !== undefined ? `event '${ev}'` : ''}${ev !== undefined && to !== undefined ? ' ' : ''}${to !== undefined ? `to '${to}'` : ''}: its \`emits\` are ${names.length ? names.map((x) => `'${x}'`).join(', ') : 'empty'}.${didYouMean(ev ?? to ?? '', names)}`, 'scenario/unknown-send');
          return undefined;
        }
        if (matches.length > 1) {
          report(where, `'${fn.id}' sends ${ev !== undefined ? `'${ev}'` : 'there'} to ${matches.map((e) => `'${e.to}'`).join(' and ')}: add \`to\` to say which.`);
          return undefined;
        }
        const c: { -readonly [K in keyof EmitChoice]: EmitChoice[K] } = { edge: matches[0] as GraphEdge };
        if (o.chance !== undefined) {
          const ch = percentOf(o.chance);
          if (ch === undefined) report(at.concat('chance'), `'${String(o.chance)}' is not a share.`);
          else c.chance = ch;
        }
        if (typeof o.group === 'string') c.group = o.group;
        if (typeof o.partitionKey === 'string') c.partitionKey = o.partitionKey;
        if (isObj(o.attributes)) c.attributes = o.attributes as Record<string, string | number>;
        if (o.body !== undefined) c.body = o.body;
        return c;
      };
      const slots: EmitSlot[] = [];
      emits.value.forEach((entry, i) => {
        const at = emits.at.concat(i);
        if (isObj(entry) && Array.isArray(entry.oneOf)) {
          const list = entry.oneOf.map((x, j) => choice(x, at.concat('oneOf', j))).filter((x): x is EmitChoice => x !== undefined);
          const sum = list.reduce((a, c) => a + (c.chance ?? 0), 0);
          if (sum > 1 + 1e-9) report(at.concat('oneOf'), `The chances of oneOf add up to ${Math.round(sum * 1000) / 10}%: at most 100%.`);
          if (list.length) slots.push({ oneOf: list });
        } else {
          const c = choice(entry, at);
          if (c) slots.push({ each: c });
        }
      });
      p.emits = slots;
    }
    return p;
  };

  /** An arrival series. */
  const arrival = (a: unknown, at: Pointer): Arrival | undefined => {
    if (!isObj(a)) return undefined;
    const kinds = ARRIVAL_KINDS.filter((k) => a[k] !== undefined);
    if (kinds.length !== 1) {
      report(at, kinds.length === 0 ? `Say what arrives: one of ${ARRIVAL_KINDS.map((k) => `\`${k}\``).join(', ')}.` : `One kind of arrival per entry, not ${kinds.map((k) => `\`${k}\``).join(' and ')}.`);
      return undefined;
    }
    const kind = kinds[0]!;
    const o = isObj(a[kind]) ? a[kind] : {};
    const here = at.concat(kind);
    const name = typeof a.name === 'string' ? a.name : undefined;
    const start = msOf(a.at) ?? 0;
    let count = typeof a.count === 'number' ? a.count : 1;
    let every = msOf(a.every) ?? 0;
    if (typeof a.rate === 'string') {
      const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*\/\s*(s|m|h)\s*$/.exec(a.rate);
      const perMs = m ? Number(m[1]) / { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'] : 0;
      if (perMs > 0) {
        every = 1 / perMs;
        const span = msOf(a.for);
        if (a.count === undefined) count = span !== undefined ? Math.max(1, Math.floor(span * perMs)) : 1;
      }
    } else if (a.for !== undefined && a.every === undefined) report(at.concat('for'), '`for` goes with `rate` (arrivals per second, minute or hour).');
    const series = (nodeId: string, label: string, make: (n: number) => Send): Arrival => ({
      label: name ?? label, ...(name !== undefined ? { name } : {}), node: nodeId, at: start, count, every, pointer: at, make,
    });
    switch (kind) {
      case 'request': {
        const api = node(o.api, here.concat('api'), ['http-api'], 'an API (`http-api`)');
        if (!api || typeof o.route !== 'string') return undefined;
        const route = (graph.outgoing.get(api.id) ?? []).find((e) => e.mechanism === 'route' && e.route === o.route);
        if (!route) {
          const routes = (graph.outgoing.get(api.id) ?? []).filter((e) => e.mechanism === 'route').map((e) => e.route!);
          report(here.concat('route'), `API '${api.id}' has no route '${o.route}'; it has ${routes.map((r) => `'${r}'`).join(', ') || 'none'}.${didYouMean(o.route, routes)}`, 'scenario/unknown-route');
          return undefined;
        }
        const ev = route.event ? graph.events.get(route.event) : undefined;
        const body = o.body;
        return series(api.id, `request ${o.route}`, (n) => ({ action: 'request', route: o.route as string, body: body !== undefined ? fillN(body, n) : ev ? exampleOf(ev.schema, n) : {} }));
      }
      case 'upload':
      case 'remove': {
        const b = node(o.bucket, here.concat('bucket'), ['bucket'], 'a bucket');
        if (!b) return undefined;
        const first = b.settings.notifications?.[0];
        const key = typeof o.key === 'string' ? o.key : `${first?.prefix ?? ''}upload-\${n}${first?.suffix ?? '.json'}`;
        const size = typeof o.size === 'number' ? o.size : 1024;
        return series(b.id, `${kind} ${key}`, (n) => (kind === 'upload' ? { action: 'putObject', key: fillN(key, n) as string, size } : { action: 'deleteObject', key: fillN(key, n) as string }));
      }
      case 'write': {
        const t = node(o.table, here.concat('table'), ['table'], 'a table');
        if (!t) return undefined;
        const pk = t.settings.partitionKey.name;
        const item = isObj(o.item) ? o.item : { [pk]: 'item-${n}' };
        const change = o.change === 'MODIFY' || o.change === 'REMOVE' ? o.change : 'INSERT';
        return series(t.id, `write ${change}`, (n) => ({ action: 'putItem', item: fillN(item, n) as Obj, change }));
      }
      case 'event': {
        const bus = node(o.bus, here.concat('bus'), ['event-bus'], 'an event bus');
        if (!bus) return undefined;
        let ev: EventDecl | undefined;
        if (o.event !== undefined) {
          ev = typeof o.event === 'string' ? graph.events.get(o.event) : undefined;
          if (!ev) {
            report(here.concat('event'), `'${String(o.event)}' is not in the catalog (\`events\`).${didYouMean(String(o.event), graph.events.keys())}`, 'scenario/unknown-event');
            return undefined;
          }
        }
        const source = typeof o.source === 'string' ? o.source : ev?.source;
        const detailType = typeof o.detailType === 'string' ? o.detailType : ev?.detailType;
        if (source === undefined || detailType === undefined) {
          report(here, 'Name a catalog `event`, or give `source` and `detailType`.');
          return undefined;
        }
        const detail = o.detail;
        return series(bus.id, `event ${ev?.name ?? detailType}`, (n) => ({ action: 'putEvent', source, detailType, detail: detail !== undefined ? fillN(detail, n) : exampleOf(ev?.schema, n) }));
      }
      case 'message': {
        const q = node(o.queue, here.concat('queue'), ['queue'], 'a queue');
        if (!q) return undefined;
        const fifo = q.settings.fifo;
        const group = typeof o.group === 'string' ? o.group : fifo ? 'scenario' : undefined;
        const dedup = typeof o.deduplicationId === 'string' ? o.deduplicationId : fifo && !q.settings.contentBasedDeduplication ? `${name ?? 'message'}-\${n}` : undefined;
        const delay = msOf(o.delay);
        const attributes = attributesOf(o.attributes);
        const body = o.body ?? {};
        return series(q.id, 'message', (n) => ({
          action: 'sendMessage', message: fillN(body, n), ...(group !== undefined ? { group: fillN(group, n) as string } : {}),
          ...(dedup !== undefined ? { deduplicationId: fillN(dedup, n) as string } : {}), ...(delay !== undefined ? { delaySeconds: delay / 1000 } : {}),
          ...(attributes ? { attributes } : {}),
        }));
      }
      case 'publish': {
        const t = node(o.topic, here.concat('topic'), ['topic'], 'a topic');
        if (!t) return undefined;
        const fifo = t.settings.fifo;
        const attributes = attributesOf(o.attributes);
        const group = typeof o.group === 'string' ? o.group : fifo ? 'scenario' : undefined;
        const dedup = typeof o.deduplicationId === 'string' ? o.deduplicationId : fifo && !t.settings.contentBasedDeduplication ? `${name ?? 'publish'}-\${n}` : undefined;
        const message = o.message ?? {};
        return series(t.id, 'publish', (n) => ({
          action: 'publish', message: fillN(message, n), ...(attributes ? { attributes: fillN(attributes, n) as Attributes } : {}),
          ...(group !== undefined ? { group: fillN(group, n) as string } : {}), ...(dedup !== undefined ? { deduplicationId: fillN(dedup, n) as string } : {}),
        }));
      }
      case 'record': {
        const s = node(o.stream, here.concat('stream'), ['stream'], 'a stream');
        if (!s) return undefined;
        const key = typeof o.partitionKey === 'string' ? o.partitionKey : 'key-${n}';
        const data = o.data ?? {};
        return series(s.id, 'record', (n) => ({ action: 'putRecord', data: fillN(data, n), partitionKey: fillN(key, n) as string }));
      }
      case 'invoke': {
        const f = node(o.function, here.concat('function'), ['function'], 'a function');
        if (!f) return undefined;
        const payload = o.payload ?? {};
        const async = o.async === true;
        return series(f.id, `invoke ${async ? 'async' : 'sync'}`, (n) => ({ action: 'invoke', payload: fillN(payload, n), async }));
      }
    }
  };

  /** An expectation. */
  const expectation = (e: unknown, at: Pointer, arrivalNames: ReadonlySet<string>): Expectation | undefined => {
    if (!isObj(e)) return undefined;
    const kinds = EXPECTATION_KINDS.filter((k) => e[k] !== undefined);
    if (kinds.length !== 1) {
      report(at, kinds.length === 0 ? `Say what must hold: one of ${EXPECTATION_KINDS.map((k) => `\`${k}\``).join(', ')}.` : `One expectation per entry, not ${kinds.map((k) => `\`${k}\``).join(' and ')}.`);
      return undefined;
    }
    const kind = kinds[0]!;
    const v = e[kind];
    const o = isObj(v) ? v : {};
    const here = at.concat(kind);
    const bounds = (): Bounds => ({
      ...(typeof o.exactly === 'number' ? { exactly: o.exactly } : {}), ...(typeof o.atLeast === 'number' ? { atLeast: o.atLeast } : {}), ...(typeof o.atMost === 'number' ? { atMost: o.atMost } : {}),
    });
    switch (kind) {
      case 'delivered': {
        const to = anyNode(o.to, here.concat('to'));
        if (!to) return undefined;
        const of = typeof o.of === 'string' ? o.of : undefined;
        if (of !== undefined && !arrivalNames.has(of) && graph.nodes.get(of)?.kind !== 'schedule') {
          report(here.concat('of'), `No arrival is named '${of}' (and it is not a schedule).${didYouMean(of, arrivalNames)}`, 'scenario/unknown-arrival');
          return undefined;
        }
        const within = msOf(o.within);
        const share = percentOf(o.share) ?? 1;
        const who = of !== undefined ? `'${of}'` : 'every';
        return {
          kind, pointer: at, to, ...(within !== undefined ? { within } : {}), ...(of !== undefined ? { of } : {}), share,
          text: `${share < 1 ? `${Math.round(share * 1000) / 10}% of ${of !== undefined ? `the '${of}' arrivals` : 'arrivals'}` : `${who} arrival${of !== undefined ? 's' : ''}`} reach${share < 1 || of !== undefined ? '' : 'es'} '${to}'${within !== undefined ? ` within ${formatMs(within)}` : ''}`,
        };
      }
      case 'deadLettered': {
        const queue = o.queue !== undefined ? anyNode(o.queue, here.concat('queue')) : undefined;
        const from = o.from !== undefined ? anyNode(o.from, here.concat('from')) : undefined;
        if (queue === undefined && from === undefined) {
          if (o.queue === undefined && o.from === undefined) report(here, 'Name the dead-letter `queue` (or the node it comes `from`).');
          return undefined;
        }
        const b = bounds();
        return { kind, pointer: at, ...(queue !== undefined ? { queue } : {}), ...(from !== undefined ? { from } : {}), bounds: b, text: `${boundsText(b)} message${b.exactly === 1 ? '' : 's'} dead-lettered${queue !== undefined ? ` in '${queue}'` : ''}${from !== undefined ? ` from '${from}'` : ''}` };
      }
      case 'noDeadLetters':
        return { kind, pointer: at, text: 'nothing is dead-lettered' };
      case 'orderKept': {
        const fn = node(o.function, here.concat('function'), ['function'], 'a function');
        return fn ? { kind, pointer: at, fn: fn.id, text: `'${fn.id}' keeps the order of each message group` } : undefined;
      }
      case 'nothingLost':
        return { kind, pointer: at, text: 'nothing is lost' };
      case 'noThrottling': {
        if (isObj(v)) {
          const fn = node(o.function, here.concat('function'), ['function'], 'a function');
          return fn ? { kind, pointer: at, fn: fn.id, text: `'${fn.id}' is never throttled` } : undefined;
        }
        return { kind, pointer: at, text: 'no function is throttled' };
      }
      case 'count': {
        const n = anyNode(o.node, here.concat('node'));
        const metric = METRICS.find((m) => m === o.metric);
        if (!n || !metric) return undefined;
        const b = bounds();
        return { kind, pointer: at, node: n, metric, bounds: b, text: `'${n}' ${metric}: ${boundsText(b)}` };
      }
      case 'responses': {
        const api = node(o.api, here.concat('api'), ['http-api'], 'an API (`http-api`)');
        if (!api) return undefined;
        const status = o.status === undefined ? '2xx' : String(o.status);
        const share = percentOf(o.share) ?? 1;
        return { kind, pointer: at, api: api.id, status, share, text: `${share < 1 ? `${Math.round(share * 1000) / 10}% of` : 'all'} answers of '${api.id}' are ${status}` };
      }
      case 'maxDepth': {
        const q = node(o.queue, here.concat('queue'), ['queue', 'stream'], 'a queue or stream');
        if (!q || typeof o.atMost !== 'number') return undefined;
        return { kind, pointer: at, node: q.id, atMost: o.atMost, text: `'${q.id}' never holds more than ${o.atMost} message${o.atMost === 1 ? '' : 's'}` };
      }
    }
  };

  for (const [name, s] of Object.entries(root.scenarios)) {
    if (!isObj(s)) continue;
    const at: Pointer = ['scenarios', name];
    const setting = (key: string): { value: unknown; at: Pointer } | undefined =>
      s[key] !== undefined ? { value: s[key], at: at.concat(key) } : defaults[key] !== undefined ? { value: defaults[key], at: ['defaults', key] } : undefined;
    const startText = setting('start');
    const epoch = typeof startText?.value === 'string' ? Date.parse(startText.value) : DEFAULT_EPOCH;
    if (Number.isNaN(epoch)) report(startText!.at, `'${String(startText!.value)}' is not a date and time.`);
    const until = msOf(setting('until')?.value) ?? DEFAULT_UNTIL;
    const account = setting('account')?.value;
    // Function behaviours: the scenario's entries over the defaults'.
    const plans = new Map<string, FunctionPlan>();
    const own = isObj(s.functions) ? s.functions : {};
    const shared = isObj(defaults.functions) ? defaults.functions : {};
    for (const fnName of new Set([...Object.keys(shared), ...Object.keys(own)])) {
      const entries: { value: Obj; at: Pointer }[] = [];
      if (isObj(own[fnName])) entries.push({ value: own[fnName], at: at.concat('functions', fnName) });
      if (isObj(shared[fnName])) entries.push({ value: shared[fnName], at: ['defaults', 'functions', fnName] });
      const where = (isObj(own[fnName]) ? at.concat('functions') : ['defaults', 'functions']).concat(fnName);
      const fn = node(fnName, where, ['function'], 'a function');
      if (fn) plans.set(fn.id, plan(fn, entries));
    }
    const outageList = setting('outages');
    const outages: Outage[] = [];
    if (outageList && Array.isArray(outageList.value)) {
      outageList.value.forEach((o, i) => {
        if (!isObj(o)) return;
        const n = anyNode(o.node, outageList.at.concat(i, 'node'));
        if (!n) return;
        const from = msOf(o.from) ?? 0;
        const span = msOf(o.for);
        outages.push({ node: n, from, until: span !== undefined ? from + span : Infinity });
      });
    }
    const arrivals: Arrival[] = [];
    if (Array.isArray(s.arrive)) s.arrive.forEach((a, i) => {
      const r = arrival(a, at.concat('arrive', i));
      if (r) arrivals.push(r);
    });
    // Every arrival's name, resolved or not: an arrival with a problem of its own is not also an unknown name.
    const names = new Set((Array.isArray(s.arrive) ? s.arrive : []).map((a) => (isObj(a) && typeof a.name === 'string' ? a.name : undefined)).filter((x): x is string => x !== undefined));
    const expectations: Expectation[] = [];
    if (Array.isArray(s.expect)) s.expect.forEach((e, i) => {
      const r = expectation(e, at.concat('expect', i), names);
      if (r) expectations.push(r);
    });
    const seed = setting('seed')?.value;
    const description = setting('description')?.value;
    scenarios.push({
      name, pointer: at, ...(typeof description === 'string' ? { description } : {}),
      seed: typeof seed === 'number' || typeof seed === 'string' ? seed : 1,
      epoch: Number.isNaN(epoch) ? DEFAULT_EPOCH : epoch, until,
      ...(isObj(account) && typeof account.concurrency === 'number' ? { accountConcurrency: account.concurrency } : {}),
      plans, outages, arrivals, expectations,
    });
  }
  return { scenarios, problems: findings.map((f) => toProblem(sd.doc, f)) };
}

const article = (kind: string): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind === 'http-api' ? 'API' : kind}`;

/**
 * A scenario for an architecture without a scenario file: one request per API route, one object per
 * bucket notification, one write per table with readers, schedules firing for an hour. No expectations.
 */
export function defaultScenario(graph: Graph): Scenario {
  const arrivals: Arrival[] = [];
  for (const n of graph.nodes.values()) {
    const out = graph.outgoing.get(n.id) ?? [];
    if (n.kind === 'http-api') {
      for (const e of out) {
        if (e.mechanism !== 'route' || !e.route) continue;
        const ev = e.event ? graph.events.get(e.event) : undefined;
        const route = e.route;
        arrivals.push({ label: `request ${route}`, node: n.id, at: 0, count: 1, every: 0, pointer: [], make: (i) => ({ action: 'request', route, body: ev ? exampleOf(ev.schema, i) : {} }) });
      }
    } else if (n.kind === 'bucket') {
      for (const note of n.settings.notifications ?? []) {
        const key = `${note.prefix ?? ''}example${note.suffix ?? '.json'}`;
        arrivals.push({ label: `upload ${key}`, node: n.id, at: 0, count: 1, every: 0, pointer: [], make: () => ({ action: 'putObject', key, size: 1024 }) });
      }
    } else if (n.kind === 'table' && out.some((e) => e.mechanism === 'stream-mapping')) {
      const pk = n.settings.partitionKey.name;
      arrivals.push({ label: 'write INSERT', node: n.id, at: 0, count: 1, every: 0, pointer: [], make: (i) => ({ action: 'putItem', item: { [pk]: `item-${i}` }, change: 'INSERT' }) });
    }
  }
  return { name: 'default', pointer: [], description: 'One request per route, one upload per notification, one write per table stream, and the schedules, for an hour.', seed: 1, epoch: DEFAULT_EPOCH, until: DEFAULT_UNTIL, plans: new Map(), outages: [], arrivals, expectations: [] };
}
