/**
 * Small helpers shared by the Lambda, SQS, SNS, stream and API rules: function settings grouped by
 * where they are written, event source mappings, FIFO flags and message wording.
 */
import type { FunctionSettings, Graph, GraphEdge, GraphNode } from '../model/graph';
import type { Fix, Pointer } from '../span';
import type { Report } from './rule';
import { kindLabel } from '../kinds/index';
import { n, toSeconds } from '../util/duration';

export { derived } from '../analysis/derived';
import { isFifo } from '../analysis/fifo';
export { isFifo };
import { durationText } from '../util/duration';
export { durationText };

/** A plain object (not an array, not null). */
export { isObj } from '../util/value';

/** One written value of a function setting and the functions that use it. */
export interface SettingUse<T> {
  readonly value: T;
  /** Where it is written: `['consumers', fn, key]` or `['defaults', key]`. */
  readonly at: Pointer;
  readonly functions: readonly string[];
  /** True when the value comes from `defaults`. */
  readonly fromDefaults: boolean;
}

/** The function settings a container-image function (`package: image`) does not use. */
export const IMAGE_IGNORES: ReadonlySet<string> = new Set(['runtime', 'handler', 'layers']);

/**
 * The written values of a function setting, one per place it is written: a value set in `defaults`
 * is reported once, at `defaults`, with every function that inherits it. AWS defaults (no pointer)
 * are left out. Container-image functions are left out of the settings they do not use.
 */

export function settingUses<K extends keyof FunctionSettings>(graph: Graph, key: K): SettingUse<FunctionSettings[K]['value']>[] {
  const byPointer = new Map<string, { value: FunctionSettings[K]['value']; at: Pointer; functions: string[] }>();
  for (const node of graph.nodes.values()) {
    const setting = node.fn?.[key];
    if (!setting?.at) continue;
    // A container image carries its own runtime and handler, and takes no layers.
    if (IMAGE_IGNORES.has(key) && node.kind === 'function' && node.settings.package === 'image') continue;
    // Written on the function (`consumers/<fn>/<key>`: one per function) or once in `defaults`.
    const id = setting.at[0] === 'defaults' ? '' : node.id;
    const entry = byPointer.get(id) ?? byPointer.set(id, { value: setting.value as FunctionSettings[K]['value'], at: setting.at, functions: [] }).get(id)!;
    entry.functions.push(node.id);
  }
  return [...byPointer.values()].map((e) => ({ ...e, fromDefaults: e.at[0] === 'defaults' }));
}

/** `'a'`, `'a' and 'b'`, `'a', 'b' and 3 more` */
export function nameList(names: readonly string[], max = 3): string {
  if (names.length <= 1) return names.length ? `'${names[0]}'` : '';
  const q = (list: readonly string[]): string => list.map((x) => `'${x}'`).join(', ');
  if (names.length > max) return `${q(names.slice(0, max))} and ${names.length - max} more`;
  return `${q(names.slice(0, -1))} and '${names[names.length - 1]}'`;
}

/** "The memory of function 'a'" or "The memory in defaults (used by 'a' and 'b')". */
export function settingSubject(what: string, use: SettingUse<unknown>): string {
  return use.fromDefaults
    ? `The ${what} in defaults${use.functions.length ? ` (used by ${nameList(use.functions)})` : ''}`
    : `The ${what} of function '${use.functions[0]}'`;
}

/** A `set-value` fix. */
export function setValue(at: Pointer, value: unknown, title: string, refKey?: string): Fix {
  return { kind: 'set-value', title, at, value, ...(refKey ? { refKey } : {}) };
}

/** `12,345 s` */
export function seconds(value: number): string {
  return `${n(value)} s`;
}

/** A number in a message: `1,024`. */
export { n };

/** The event source mappings from queues (`queue-mapping`) or from streams and tables (`stream-mapping`). */
export function mappings(graph: Graph, mechanism: 'queue-mapping' | 'stream-mapping' | 'broker-mapping'): GraphEdge[] {
  return graph.edges.filter((e) => e.mechanism === mechanism);
}

/** The names the format accepts for nodes (the schema's `propertyNames` pattern). */
export const NODE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Seconds of a duration option, `undefined` when absent or not a duration (the schema reports that). */
export function durationOption(options: Readonly<Record<string, unknown>>, key: string): number | undefined {
  return options[key] === undefined ? undefined : toSeconds(options[key]);
}

/** A whole-number option, `undefined` when absent or not a number. */
export function numberOption(options: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const v = options[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** "Kinesis stream 'clicks'" or "the stream of table 'orders'" */
export function sourceLabel(node: GraphNode): string {
  if (node.kind === 'kafka' || node.kind === 'mq' || node.kind === 'docdb') return `${kindLabel(node.kind)} '${node.id}'`;
  return node.kind === 'table' ? `the stream of table '${node.id}'` : node.kind === 'stream' ? `Kinesis stream '${node.id}'` : `queue '${node.id}'`;
}

/** Capitalizes the first letter. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What `checkRange` needs to report a number outside `[min, max]`. */
export interface RangeCheck {
  readonly at: Pointer;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  /** "The memory of function 'a'" */
  readonly subject: string;
  /** Who enforces the range: "Lambda", "SQS". */
  readonly service: string;
  /** Unit after each number: `' MB'`, `' s'`, `''`. */
  readonly unit: string;
  /** The property name, for the fix title. */
  readonly key: string;
  readonly nodes?: readonly string[];
  /** Appended to the message. */
  readonly note?: string;
}

/** Reports a number outside its range, with a fix that sets the nearest bound. Returns true when it reported. */
export function checkRange(report: (r: Report) => void, c: RangeCheck): boolean {
  if (c.value >= c.min && c.value <= c.max) return false;
  const bound = c.value < c.min ? c.min : c.max;
  report({
    at: c.at,
    message: `${c.subject} is ${n(c.value)}${c.unit}; ${c.service} allows ${n(c.min)}–${n(c.max)}${c.unit}.${c.note ? ' ' + c.note : ''}`,
    fix: setValue(c.at, bound, `Set ${c.key} to ${n(bound)}`),
    ...(c.nodes ? { nodes: c.nodes } : {}),
  });
  return true;
}

/** The nodes of one kind. */
export function nodesOfKind<K extends GraphNode['kind']>(graph: Graph, kind: K): GraphNode<K>[] {
  return [...graph.nodes.values()].filter((node) => node.kind === kind) as unknown as GraphNode<K>[];
}

/** Checks a numeric or duration property of every queue against a range. */
export function checkQueueRange(
  graph: Graph, report: (r: Report) => void,
  c: { key: 'visibilityTimeout' | 'retention' | 'delay' | 'receiveWait' | 'maxMessageSize'; what: string; min: number; max: number; unit: ' s' | ' bytes'; note?: string },
): void {
  for (const queue of nodesOfKind(graph, 'queue')) {
    // Durations are in seconds in the settings; a value of the wrong type is left out (the schema reports it).
    const value = queue.settings[c.key];
    if (value === undefined) continue;
    checkRange(report, {
      at: queue.pointer.concat(c.key), value, min: c.min, max: c.max, subject: `The ${c.what} of queue '${queue.id}'`,
      service: 'SQS', unit: c.unit, key: c.key, nodes: [queue.id], ...(c.note ? { note: c.note } : {}),
    });
  }
}

/**
 * Checks the FIFO suffix and characters of queue or topic names: a FIFO one ends in `.fifo`, a
 * standard one does not, and the rest uses letters, digits, `-` and `_`.
 */
export function checkFifoNames(graph: Graph, report: (r: Report) => void, kind: 'queue' | 'topic', service: string): void {
  for (const node of nodesOfKind(graph, kind)) {
    // A name the format itself rejects is schema/invalid-name's: one finding for one cause.
    if (!NODE_NAME.test(node.id)) continue;
    const fifo = isFifo(node);
    const suffixed = node.id.endsWith('.fifo');
    const base = suffixed ? node.id.slice(0, -'.fifo'.length) : node.id;
    if (fifo && !suffixed) {
      const to = `${base}.fifo`;
      const free = NODE_NAME.test(to) && !graph.nodes.has(to) && !graph.events.has(to);
      report({
        at: node.pointer, target: 'key', nodes: [node.id],
        message: `FIFO ${kind} '${node.id}' must be named with the suffix '.fifo' (e.g. '${to}'); ${service} rejects the name otherwise.`,
        ...(free ? { fix: { kind: 'rename-node', title: `Rename '${node.id}' to '${to}' everywhere`, name: node.id, to } } : {}),
      });
      continue;
    }
    if (!fifo && suffixed && /^[A-Za-z0-9_-]+$/.test(base)) {
      report({
        at: node.pointer, target: 'key', nodes: [node.id],
        message: `'${node.id}' is named like a FIFO ${kind} but is a standard ${kind}: ${service} accepts the suffix '.fifo' only on FIFO ${kind}s. Set \`fifo: true\` or drop the suffix.`,
        fix: { kind: 'insert-property', title: `Make '${node.id}' a FIFO ${kind}`, at: node.pointer, key: 'fifo', value: true, after: 'type' },
      });
      continue;
    }
    const bad = [...new Set(base.replace(/[A-Za-z0-9_-]/g, ''))];
    if (bad.length > 0) {
      report({
        at: node.pointer, target: 'key', nodes: [node.id],
        message: `${capitalize(kind)} name '${node.id}' contains ${bad.map((c) => `'${c}'`).join(', ')}: ${service} ${kind} names use only letters, digits, '-' and '_'${fifo ? " before the '.fifo' suffix" : ''}.`,
      });
    }
  }
}

/** Reports `contentBasedDeduplication: true` on a standard queue or topic, with a fix that removes it. */
export function checkFifoOnlySettings(graph: Graph, report: (r: Report) => void, kind: 'queue' | 'topic', service: string): void {
  for (const node of nodesOfKind(graph, kind)) {
    if (node.settings.fifo || !node.settings.contentBasedDeduplication) continue;
    const at = node.pointer.concat('contentBasedDeduplication');
    report({
      at, target: 'key', nodes: [node.id],
      message: `${capitalize(kind)} '${node.id}' is a standard ${kind}: \`contentBasedDeduplication\` exists only for FIFO ${kind}s (${service} rejects it). Set \`fifo: true\` if the ${kind} should deduplicate, or remove it.`,
      fix: { kind: 'remove-property', title: 'Remove contentBasedDeduplication', at },
    });
  }
}

/**
 * A fix that makes the reference at `at` name a standard queue for failed events: `preferred` when
 * it is free or already a standard queue, else `preferred2`, `preferred3`, … A new queue is declared
 * in `routers` with the 14-day maximum retention. `refKey` turns a bare reference into an object.
 */
export function failureQueueFix(
  graph: Graph, at: Pointer, preferred: string, title: (name: string) => string, retention: number, refKey?: string,
): Fix {
  const usable = (name: string): boolean => {
    const node = graph.nodes.get(name);
    return node ? node.kind === 'queue' && !node.settings.fifo : !graph.events.has(name);
  };
  let name = preferred;
  for (let i = 2; !usable(name); i++) name = `${preferred}${i}`;
  const reference = setValue(at, name, title(name), refKey);
  if (graph.nodes.has(name)) return reference;
  return {
    kind: 'several', title: title(name),
    fixes: [reference, { kind: 'set-value', title: `Declare queue '${name}'`, at: ['routers', name], value: { type: 'queue', retention: durationText(retention) } }],
  };
}

/** The mechanisms through which a source invokes a function asynchronously. */
const ASYNC_INVOKES: ReadonlySet<GraphEdge['mechanism']> = new Set<GraphEdge['mechanism']>([
  'notification', 'subscription', 'rule', 'schedule', 'failure-destination', 'success-destination',
]);

/**
 * True when `edge` invokes its function asynchronously (S3, SNS, EventBridge, Scheduler, a function
 * destination, or another function with `invocation: async`): Lambda's event queue, retries and
 * destinations then apply.
 */
export function invokesAsynchronously(edge: GraphEdge): boolean {
  return ASYNC_INVOKES.has(edge.mechanism) || (edge.mechanism === 'invoke' && edge.options.invocation === 'async');
}
