/**
 * Runtime checks of the messages between the extension host and the diagram webview
 * (protocol.ts): a message from the other side is untrusted input. No DOM, no `vscode`.
 */
import type { HostToView, ViewState, ViewToHost } from './protocol';
import { SIMULATE_HOST_TO_VIEW, SIMULATE_VIEW_TO_HOST } from './simulate/protocol-check';

/** Raises a type error when a switch over a union misses a case. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const oneOf = (...values: readonly unknown[]): Check => (v) => values.includes(v);
const shape = (fields: Record<string, Check>): Check => (v) => isObject(v) && Object.entries(fields).every(([k, c]) => c(v[k]));
const recordOf = (check: Check): Check => (v) => isObject(v) && Object.values(v).every(check);

const position = shape({ line: isNumber, character: isNumber });
const range = shape({ start: position, end: position });
const severity = oneOf('error', 'warning', 'info');
const problems = shape({ count: isNumber, worst: optional(severity), items: arrayOf(shape({ severity, code: isString, message: isString })) });
const point = shape({ x: isNumber, y: isNumber });
const box = { x: isNumber, y: isNumber, width: isNumber, height: isNumber };
const lane = oneOf('producer', 'router', 'consumer');
const node = shape({
  ...box, id: isString, kind: isString, icon: isString, lane, label: isString, subtitle: isString, description: optional(isString),
  settings: arrayOf(shape({ name: isString, value: isString })), problems,
});
const edge = shape({
  id: isString, from: isString, to: isString, kind: oneOf('trigger', 'emit', 'dead-letter', 'on-failure', 'on-success'), mechanism: isString,
  label: isString, problems, points: arrayOf(point), labelBox: optional(shape(box)),
});
const icon = shape({ glyph: isString, colour: isString });
const proxy = shape({ ...box, id: isString, of: isString, label: isString, flow: isString });
const flow = shape({ ...box, id: isString, title: isString, nodes: isNumber, header: isNumber });
const diagram = shape({
  name: optional(isString), width: isNumber, height: isNumber, stale: isBoolean, provisional: optional(isBoolean), problems,
  lanes: arrayOf(shape({ ...box, lane, title: isString })), nodes: arrayOf(node), edges: arrayOf(edge), icons: recordOf(icon),
  proxies: optional(arrayOf(proxy)), flows: optional(arrayOf(flow)),
});

const HOST_TO_VIEW: Record<HostToView['type'], Check> = {
  diagram: shape({ uri: isString, version: isNumber, diagram, sources: recordOf(shape({ range, extent: range })) }),
  select: shape({ id: (v) => v === null || isString(v) }),
  theme: shape({ kind: oneOf('light', 'dark', 'high-contrast') }),
  status: shape({ message: isString }),
  ...SIMULATE_HOST_TO_VIEW,
  editResult: shape({
    applied: isBoolean, message: isString, problems: arrayOf(isString),
    preview: optional(arrayOf(shape({ line: isNumber, before: isString, after: optional(isString) }))),
    choices: optional(arrayOf(shape({ word: isString, label: isString }))),
  }),
  settings: shape({
    settings: (v) => v === null || shape({
      id: isString, title: isString, problems: arrayOf(isString), fixes: arrayOf(shape({ title: isString, problem: isString })),
      fields: arrayOf(shape({
        key: isString, label: isString, value: isString, default: optional(isString), unit: optional(isString), limit: optional(isString),
        description: isString, problems: arrayOf(isString), multiline: optional(isBoolean),
      })),
      links: optional(arrayOf(shape({ id: isString, label: isString }))), newEvent: optional(isBoolean),
    })(v),
  }),
};

/** The longest value the settings panel sends (a JSON Schema typed in one field). */
const MAX_VALUE = 8192;

const name = (v: unknown): boolean => isString(v) && (v as string).length <= 256;
const GESTURES: readonly Check[] = [
  shape({ kind: oneOf('connect'), from: name, to: name, word: optional(name) }),
  shape({ kind: oneOf('add-event'), name }),
  shape({ kind: oneOf('add'), nodeKind: name, name }),
  shape({ kind: oneOf('delete'), id: name, confirmed: isBoolean }),
  shape({ kind: oneOf('rename'), id: name, to: name }),
  shape({ kind: oneOf('fix'), id: name, title: (v) => isString(v) && (v as string).length <= 1024 }),
  shape({ kind: oneOf('set'), id: name, key: name, value: (v) => isString(v) && (v as string).length <= MAX_VALUE }),
];

/** Largest export the host accepts (characters of SVG text or base64). */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

const VIEW_TO_HOST: Record<ViewToHost['type'], Check> = {
  ready: () => true,
  reveal: shape({ id: isString, range }),
  export: shape({ format: oneOf('svg', 'png'), data: (v) => isString(v) && (v as string).length <= MAX_EXPORT_CHARS }),
  error: shape({ message: isString }),
  ...SIMULATE_VIEW_TO_HOST,
  edit: shape({ version: isNumber, gesture: (v) => GESTURES.some((g) => g(v)) }),
  settings: shape({ id: name, draft: optional(shape({ key: name, value: (v) => isString(v) && (v as string).length <= MAX_VALUE })) }),
};

function hasType<T extends string>(table: Record<T, Check>, v: unknown): boolean {
  if (!isObject(v) || typeof v.type !== 'string' || !Object.prototype.hasOwnProperty.call(table, v.type)) return false;
  return table[v.type as T](v);
}

/** True when `v` is a well-formed message from the host (checked by the webview on receipt). */
export function isHostToView(v: unknown): v is HostToView {
  return hasType(HOST_TO_VIEW, v);
}

/** True when `v` is a well-formed message from the webview (checked by the host on receipt). */
export function isViewToHost(v: unknown): v is ViewToHost {
  return hasType(VIEW_TO_HOST, v);
}

/** True when `v` is a saved `ViewState`. */
export function isViewState(v: unknown): v is ViewState {
  return shape({ uri: isString })(v);
}
