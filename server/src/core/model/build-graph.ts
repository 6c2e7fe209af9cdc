import type { Finding, Pointer } from '../span';
import { pointerToString } from '../span';
import { toSeconds } from '../util/duration';
import { didYouMean } from '../util/suggest';
import type { EdgeKind, EventDecl, FunctionSettings, Graph, GraphEdge, GraphNode, Mechanism, NameOccurrence, Setting } from './graph';
import { article, KIND_OF_TARGET_KEY, KINDS, LANE_OF_SECTION, TYPES_OF_SECTION, type NodeKind, type Section } from './kinds';
import { isObj, type Obj } from '../util/value';
import { queueDeadLetter } from './dead-letter';


const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The defaults Archflow uses when neither a function nor `defaults` sets a value. */
export const FUNCTION_DEFAULTS = {
  runtime: 'nodejs24.x',
  memory: 128,
  timeout: 3,
  tmp: 512,
  architecture: 'x86_64',
  handler: 'index.handler',
} as const;

/** A reference as written: a bare name, or `{ <kind>: name, ...options }`. */
interface Ref {
  readonly name: string;
  readonly pointer: Pointer;
  readonly optionsAt: Pointer;
  readonly options: Obj;
  /** The kind the object's key says it is (`{ queue: x }` → queue). */
  readonly stated?: NodeKind;
}

const TARGET_KEYS: readonly string[] = [...KIND_OF_TARGET_KEY.keys()];

function readRef(value: unknown, at: Pointer, nameKeys?: readonly string[]): Ref | undefined {
  if (typeof value === 'string') return value ? { name: value, pointer: at, optionsAt: at, options: NO_OPTIONS } : undefined;
  if (!isObj(value)) return undefined;
  const keys = nameKeys ?? TARGET_KEYS;
  for (const key of keys) {
    const name = value[key];
    if (typeof name === 'string' && name) {
      const options = omit(value, key);
      const stated = KIND_OF_TARGET_KEY.get(key);
      return stated ? { name, pointer: at.concat(key), optionsAt: at, options, stated } : { name, pointer: at.concat(key), optionsAt: at, options };
    }
  }
  return undefined;
}

/** What each reference may name (allocated once, not per reference). */
const TO_FUNCTION_QUEUE_EVENT_BUS_STREAM: readonly NodeKind[] = ['function', 'queue', 'event-bus', 'stream'];
const TO_FUNCTION_QUEUE_TOPIC_EVENT_BUS_STREAM: readonly NodeKind[] = ['function', 'queue', 'topic', 'event-bus', 'stream'];
const TO_FUNCTION_QUEUE_TOPIC: readonly NodeKind[] = ['function', 'queue', 'topic'];
const TO_FUNCTION_QUEUE: readonly NodeKind[] = ['function', 'queue'];
const TO_FUNCTION: readonly NodeKind[] = ['function'];
const TO_QUEUE_TOPIC_EVENT_BUS_FUNCTION: readonly NodeKind[] = ['queue', 'topic', 'event-bus', 'function'];
const TO_QUEUE_TOPIC_EVENT_BUS_STREAM_BUCKET_TABLE: readonly NodeKind[] = ['queue', 'topic', 'event-bus', 'stream', 'bucket', 'table'];
const TO_QUEUE_TOPIC: readonly NodeKind[] = ['queue', 'topic'];
const TO_QUEUE: readonly NodeKind[] = ['queue'];
const ANY_KIND = Object.keys(KINDS) as NodeKind[];

const SECTIONS: readonly Section[] = ['producers', 'routers', 'consumers'];

/** Builds the graph of a document's plain value. Reports unknown names, wrong kinds and duplicates. */
export function buildGraph(root: unknown): { graph: Graph; findings: Finding[] } {
  const findings: Finding[] = [];
  const nodes = new Map<string, GraphNode>();
  const events = new Map<string, EventDecl>();
  const occurrences: NameOccurrence[] = [];
  const edges: GraphEdge[] = [];
  const doc = isObj(root) ? root : {};
  const declaredIn = new Map<string, string>();

  const declare = (name: string, pointer: Pointer, where: string): boolean => {
    const previous = declaredIn.get(name);
    if (previous !== undefined) {
      findings.push({
        code: 'name/duplicate', severity: 'error', at: pointer, target: 'key',
        message: `'${name}' is already declared in ${previous}. Names are unique across events, producers, routers and consumers.`,
      });
      return false;
    }
    declaredIn.set(name, where);
    return true;
  };

  // 1. Declarations.
  const eventsValue = doc.events;
  if (isObj(eventsValue)) {
    for (const name of Object.keys(eventsValue)) {
      const value = eventsValue[name];
      const pointer = ['events', name];
      occurrences.push({ name, pointer, target: 'key', role: 'declaration', namespace: 'event' });
      if (!declare(name, pointer, 'events')) continue;
      const e = isObj(value) ? value : {};
      const maxBytes = typeof e.maxBytes === 'number' ? e.maxBytes : undefined;
      const source = str(e.source);
      const decl: { -readonly [K in keyof EventDecl]: EventDecl[K] } = { name, pointer, detailType: str(e.detailType) ?? name, schema: e.schema };
      if (source !== undefined) decl.source = source;
      if (maxBytes !== undefined) decl.maxBytes = maxBytes;
      events.set(name, decl);
    }
  }
  const defaults = isObj(doc.defaults) ? doc.defaults : {};
  for (const section of SECTIONS) {
    const entries = doc[section];
    if (!isObj(entries)) continue;
    for (const name of Object.keys(entries)) {
      const value = entries[name];
      const pointer = [section, name];
      occurrences.push({ name, pointer, target: 'key', role: 'declaration', namespace: 'node' });
      const config = isObj(value) ? value : {};
      const kind = kindOf(section, config.type);
      if (!kind) continue; // the schema reports the bad type
      if (!declare(name, pointer, section)) continue;
      const node: GraphNode = kind === 'function'
        ? { id: name, kind, lane: LANE_OF_SECTION[section], section, pointer, config, fn: functionSettings(name, config, defaults) }
        : { id: name, kind, lane: LANE_OF_SECTION[section], section, pointer, config };
      nodes.set(name, node);
    }
  }

  // 2. References.
  const allNames = [...nodes.keys()];
  const reference = (ref: Ref, namespace: NameOccurrence['namespace']): void => {
    occurrences.push({ name: ref.name, pointer: ref.pointer, target: 'value', role: 'reference', namespace });
  };

  /** Checks a reference and adds its edge. `context` reads "the consumer of queue 'billing'". */
  const link = (
    from: GraphNode, ref: Ref | undefined, allowed: readonly NodeKind[], kind: EdgeKind, mechanism: Mechanism,
    context: string, extra: { event?: string; rule?: string; route?: string } = {},
  ): void => {
    if (!ref) return;
    reference(ref, 'node');
    const target = nodes.get(ref.name);
    if (!target) {
      const event = events.has(ref.name) ? `'${ref.name}' is an event; ${context} names a producer, router or consumer.` : '';
      findings.push({
        code: 'ref/unknown', severity: 'error', at: ref.pointer,
        message: event || `Unknown name '${ref.name}': no ${allowed.filter((k) => k !== 'external').map((k) => KINDS[k].label).join(', ')} of that name is declared.${didYouMean(ref.name, allNames.filter((n) => allowed.includes(nodes.get(n)!.kind)))}`,
        fix: { kind: 'declare-node', title: `Declare '${ref.name}'`, name: ref.name, kinds: allowed.filter((k) => k !== 'external') },
      });
      return;
    }
    if (ref.stated && ref.stated !== target.kind && target.kind !== 'external') {
      findings.push({
        code: 'ref/wrong-kind', severity: 'error', at: ref.pointer,
        message: `'${ref.name}' is ${article(target.kind)}, not ${article(ref.stated)}.`,
        nodes: [from.id, target.id],
      });
      return;
    }
    if (!allowed.includes(target.kind) && target.kind !== 'external') {
      findings.push({
        code: 'ref/wrong-kind', severity: 'error', at: ref.pointer,
        message: `'${ref.name}' is ${article(target.kind)}; ${context} must be ${allowed.filter((k) => k !== 'external').map(article).join(' or ')}.`,
        nodes: [from.id, target.id],
      });
      return;
    }
    const edge: { -readonly [K in keyof GraphEdge]: GraphEdge[K] } = {
      id: pointerToString(ref.pointer), from: from.id, to: target.id, kind, mechanism,
      pointer: ref.pointer, optionsAt: ref.optionsAt, options: ref.options,
    };
    // Assigned, not spread: spreading small objects into a literal is slow, and this runs per edge.
    if (extra.event !== undefined) edge.event = extra.event;
    if (extra.rule !== undefined) edge.rule = extra.rule;
    if (extra.route !== undefined) edge.route = extra.route;
    edges.push(edge);
  };

  const eventRef = (value: unknown, at: Pointer): string | undefined => {
    const name = str(value);
    if (!name) return undefined;
    occurrences.push({ name, pointer: at, target: 'value', role: 'reference', namespace: 'event' });
    if (!events.has(name)) {
      findings.push({
        code: 'ref/unknown-event', severity: 'error', at,
        message: `Unknown event '${name}': declare it under 'events'.${didYouMean(name, events.keys())}`,
        fix: { kind: 'declare-event', title: `Declare event '${name}'`, name },
      });
      return undefined;
    }
    return name;
  };

  const deadLetterQueue = (from: GraphNode, value: unknown, at: Pointer, context: string): void => {
    link(from, readRef(value, at), TO_QUEUE, 'dead-letter', 'redrive', context);
  };

  for (const node of nodes.values()) {
    const c = node.config;
    const p = node.pointer;
    const label = `${KINDS[node.kind].label} '${node.id}'`;
    switch (node.kind) {
      case 'http-api': {
        if (!isObj(c.routes)) break;
        for (const route of Object.keys(c.routes)) {
          const value = c.routes[route];
          const at = p.concat('routes', route);
          const ref = readRef(value, at);
          const event = isObj(value) ? eventRef(value.event, at.concat('event')) : undefined;
          link(node, ref, TO_FUNCTION_QUEUE_EVENT_BUS_STREAM, 'trigger', 'route', `the target of route '${route}'`, { route, ...(event ? { event } : {}) });
        }
        break;
      }
      case 'bucket': {
        asList(c.notifications).forEach((n, i) => {
          if (!isObj(n)) return;
          const at = p.concat('notifications', i);
          link(node, readRef(n.to, at.concat('to')), TO_FUNCTION_QUEUE_TOPIC, 'trigger', 'notification', `a notification of ${label}`);
        });
        break;
      }
      case 'schedule':
        link(node, readRef(c.to, p.concat('to')), TO_FUNCTION_QUEUE_TOPIC_EVENT_BUS_STREAM, 'trigger', 'schedule', `the target of ${label}`);
        deadLetterQueue(node, c.deadLetter, p.concat('deadLetter'), `the dead-letter queue of ${label}`);
        break;
      case 'table':
      case 'stream': {
        const many = Array.isArray(c.to);
        asList(c.to).forEach((t, i) => {
          const at = many ? p.concat('to', i) : p.concat('to');
          link(node, readRef(t, at, TO_FUNCTION), TO_FUNCTION, 'trigger', 'stream-mapping', `a reader of ${label}`);
          if (isObj(t)) link(node, readRef(t.onFailure, at.concat('onFailure')), TO_QUEUE_TOPIC, 'on-failure', 'failure-destination', `the on-failure destination of ${label}`);
        });
        break;
      }
      case 'queue': {
        link(node, readRef(c.to, p.concat('to'), TO_FUNCTION), TO_FUNCTION, 'trigger', 'queue-mapping', `the consumer of ${label}`);
        const dl = queueDeadLetter(c, p);
        if (dl?.queue !== undefined) deadLetterQueue(node, dl.queue, dl.queueAt, `the dead-letter queue of ${label}`);
        break;
      }
      case 'topic': {
        const many = Array.isArray(c.to);
        asList(c.to).forEach((t, i) => {
          const at = many ? p.concat('to', i) : p.concat('to');
          link(node, readRef(t, at), TO_FUNCTION_QUEUE, 'trigger', 'subscription', `a subscriber of ${label}`);
          if (isObj(t)) deadLetterQueue(node, t.deadLetter, at.concat('deadLetter'), `the dead-letter queue of a subscription to ${label}`);
        });
        break;
      }
      case 'event-bus': {
        if (!isObj(c.rules)) break;
        for (const rule of Object.keys(c.rules)) {
          const r = c.rules[rule];
          const ruleAt = p.concat('rules', rule);
          occurrences.push({ name: rule, pointer: ruleAt, target: 'key', role: 'declaration', namespace: 'rule' });
          if (!isObj(r)) continue;
          const many = Array.isArray(r.to);
          asList(r.to).forEach((t, i) => {
            const at = many ? ruleAt.concat('to', i) : ruleAt.concat('to');
            link(node, readRef(t, at), TO_FUNCTION_QUEUE_TOPIC_EVENT_BUS_STREAM, 'trigger', 'rule', `a target of rule '${rule}'`, { rule });
            if (isObj(t)) deadLetterQueue(node, t.deadLetter, at.concat('deadLetter'), `the dead-letter queue of rule '${rule}'`);
          });
        }
        break;
      }
      case 'function': {
        asList(c.emits).forEach((e, i) => {
          const at = p.concat('emits', i);
          const ref = isObj(e) ? (str(e.to) ? { name: e.to as string, pointer: at.concat('to'), optionsAt: at, options: omit(e, 'to') } : undefined) : readRef(e, at);
          const event = isObj(e) ? eventRef(e.event, at.concat('event')) : undefined;
          link(node, ref, TO_QUEUE_TOPIC_EVENT_BUS_STREAM_BUCKET_TABLE, 'emit', 'emit', `what function '${node.id}' emits to`, event ? { event } : {});
        });
        if (isObj(c.async)) {
          link(node, readRef(c.async.onFailure, p.concat('async', 'onFailure')), TO_QUEUE_TOPIC_EVENT_BUS_FUNCTION, 'on-failure', 'failure-destination', `the on-failure destination of ${label}`);
        }
        break;
      }
      case 'external': {
        const many = Array.isArray(c.to);
        asList(c.to).forEach((t, i) => {
          const at = many ? p.concat('to', i) : p.concat('to');
          link(node, readRef(t, at), ANY_KIND, 'trigger', 'external', `a target of ${label}`);
        });
        break;
      }
    }
  }

  const outgoing = new Map<string, GraphEdge[]>();
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    // `[e]` first: a list grown from `[]` by push reserves room for 17 edges, and most nodes have one or two.
    const out = outgoing.get(e.from);
    if (out) out.push(e);
    else outgoing.set(e.from, [e]);
    const into = incoming.get(e.to);
    if (into) into.push(e);
    else incoming.set(e.to, [e]);
  }
  const name = str(doc.name);
  const region = str(doc.region);
  return {
    graph: { ...(name ? { name } : {}), ...(region ? { region } : {}), nodes, edges, events, occurrences, outgoing, incoming, memo: new Map() },
    findings,
  };
}

const NO_OPTIONS: Obj = Object.freeze({});

/** A copy of `o` without `key` (built key by key: `delete` would slow the copy down for good). */
function omit(o: Obj, key: string): Obj {
  let copy: Obj | undefined;
  for (const k in o) {
    if (k === key || !Object.prototype.hasOwnProperty.call(o, k)) continue;
    (copy ??= {})[k] = o[k];
  }
  return copy ?? NO_OPTIONS;
}

function kindOf(section: Section, type: unknown): NodeKind | undefined {
  if (section === 'consumers' && (type === undefined || type === 'function')) return 'function';
  const allowed = TYPES_OF_SECTION[section];
  return typeof type === 'string' && (allowed as readonly string[]).includes(type) ? (type as NodeKind) : undefined;
}

/** `['defaults', key]` and the AWS default of each setting, shared by every function that uses them. */
// eslint-disable-next-line no-restricted-syntax -- one entry per setting name: bounded, constants only
const DEFAULTS_AT = new Map<string, Pointer>();
// eslint-disable-next-line no-restricted-syntax -- one entry per setting name: bounded, constants only
const FALLBACK = new Map<string, Setting<unknown>>();

function setting<T>(
  name: string, own: Obj, defaults: Obj, fallback: T, read: (v: unknown) => T | undefined, ownAt: Pointer,
): Setting<T> {
  const mine = read(own[name]);
  if (mine !== undefined) return { value: mine, at: ownAt.concat(name) };
  const shared = read(defaults[name]);
  if (shared !== undefined) {
    let at = DEFAULTS_AT.get(name);
    if (!at) DEFAULTS_AT.set(name, (at = Object.freeze(['defaults', name])));
    return { value: shared, at };
  }
  let f = FALLBACK.get(name);
  if (!f) FALLBACK.set(name, (f = Object.freeze({ value: fallback })));
  return f as Setting<T>;
}

const readNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const readString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function functionSettings(name: string, own: Obj, defaults: Obj): FunctionSettings {
  const at = ['consumers', name];
  return {
    runtime: setting('runtime', own, defaults, FUNCTION_DEFAULTS.runtime as string, readString, at),
    memory: setting('memory', own, defaults, FUNCTION_DEFAULTS.memory as number, readNumber, at),
    timeout: setting('timeout', own, defaults, FUNCTION_DEFAULTS.timeout as number, toSeconds, at),
    tmp: setting('tmp', own, defaults, FUNCTION_DEFAULTS.tmp as number, readNumber, at),
    architecture: setting('architecture', own, defaults, FUNCTION_DEFAULTS.architecture as string, readString, at),
    handler: setting('handler', own, defaults, FUNCTION_DEFAULTS.handler as string, readString, at),
    environment: setting('environment', own, defaults, {} as Readonly<Record<string, unknown>>, (v) => (isObj(v) ? v : undefined), at),
    layers: setting('layers', own, defaults, [] as readonly unknown[], (v) => (Array.isArray(v) ? v : undefined), at),
  };
}
