/**
 * Runtime checks of the diagram's "Send test event" messages (protocol.ts beside this file): a message
 * from the other side is untrusted input. Merged into webview/src/protocol-check.ts's tables.
 */
import type { SimulateHostToView, SimulateViewToHost } from './protocol';

type Check = (v: unknown) => boolean;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const shape = (fields: Record<string, Check>): Check => (v) => isObject(v) && Object.entries(fields).every(([k, c]) => c(v[k]));
const counts = { received: isNumber, succeeded: isNumber, failed: isNumber, retried: isNumber, throttled: isNumber, deadLettered: isNumber };
const event = shape({
  t: isNumber, type: isString, node: isString, edge: optional(isString), to: optional(isString), count: optional(isNumber), detail: optional(isString),
  counts: shape(counts), depth: optional(isNumber),
});
const trace = shape({
  node: isString, label: isString, events: arrayOf(event), total: isNumber, end: isNumber,
  nodes: arrayOf(shape({ ...counts, id: isString, kind: isString, depth: optional(shape({ end: isNumber, max: isNumber })) })),
});

/** Checks of the host's simulate messages, by type (merged into protocol-check.ts's table). */
export const SIMULATE_HOST_TO_VIEW: Record<SimulateHostToView['type'], Check> = {
  testEventSamples: shape({ node: isString, samples: arrayOf(shape({ label: isString, payload: isObject })), problems: arrayOf(isString) }),
  testEventTrace: shape({ node: isString, trace }),
  testEventProblems: shape({ node: isString, problems: arrayOf(isString) }),
};

/** Largest payload the host forwards (characters of JSON). */
export const MAX_PAYLOAD_CHARS = 1024 * 1024;

/** Checks of the webview's simulate messages, by type (merged into protocol-check.ts's table). */
export const SIMULATE_VIEW_TO_HOST: Record<SimulateViewToHost['type'], Check> = {
  testEventSamples: shape({ node: isString }),
  sendTestEvent: shape({ node: isString, payload: (v) => isObject(v) && JSON.stringify(v).length <= MAX_PAYLOAD_CHARS }),
};

const SIMULATE_TYPES = new Set<string>(['testEventSamples', 'testEventTrace', 'testEventProblems']);

/** True for the host's simulate messages (the webview hands them to the simulate panel). */
export const isSimulateHostMessage = (m: { type: string }): m is SimulateHostToView => SIMULATE_TYPES.has(m.type);
