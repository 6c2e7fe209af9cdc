/**
 * The diagram's settings panel: a node's key settings (memory, timeout, batch size, visibility
 * timeout, retention…) as written, with the schema's unit, AWS limit, default and description, and
 * the problems the analysis reports at each; a draft value is checked by analysing the text it would
 * make (nothing is applied), and a value is written as a minimal edit. Pure.
 */
import type { Analysis } from '../analyze';
import { quickFixes, type CodeActionEntry } from '../features/actions';
import { parse as parseYaml } from 'yaml';
import { applyEdits, fixEdits, render, type TextEdit } from '../features/fixes';
import { kindLabel, type NodeKind } from '../kinds/index';
import type { GraphNode } from '../model/graph';
import { schema } from '../schema/validate';
import type { Pointer, Problem } from '../span';
import { isObj, type Obj } from '../util/value';
import type { GestureResult, Reanalyze } from './connect';
import { newNameProblem } from './add';
import { insertEntry, plainKey } from './insert';
import { tidyEdits } from './tidy';

/** One setting of the panel. */
export interface SettingField {
  /** Its path under the declaration, `/`-separated (`to/batchSize`). */
  readonly key: string;
  readonly label: string;
  /** As written (`''`: not written, the default applies). */
  readonly value: string;
  readonly default?: string;
  readonly unit?: string;
  /** The AWS limit in words (`128–10,240 MB`). */
  readonly limit?: string;
  readonly description: string;
  /** The problems at this setting (`code: message`), worst first. */
  readonly problems: readonly string[];
  /** A map typed as JSON or YAML (a pattern, a filter, a schema): a larger field. */
  readonly multiline?: boolean;
}

/** A node's panel. */
export interface NodeSettings {
  readonly id: string;
  readonly title: string;
  readonly fields: readonly SettingField[];
  /** The node's other problems (not at one of the fields). */
  readonly problems: readonly string[];
  /** The quick fixes of the node's problems (the editor's code actions), by title, with the problem each fixes. */
  readonly fixes: readonly { readonly title: string; readonly problem: string }[];
  /** Other panels it leads to (the file's: its catalog events). */
  readonly links?: readonly { readonly id: string; readonly label: string }[];
  /** The panel offers to add a catalog event. */
  readonly newEvent?: boolean;
}

/** The key settings of each kind: paths under the declaration (`to/batchSize`: an option of the consumer). */
const FIELDS: Partial<Record<NodeKind, readonly string[]>> = {
  'function': ['memory', 'timeout', 'tmp', 'reservedConcurrency', 'description'],
  'queue': ['visibilityTimeout', 'retention', 'delay', 'receiveWait', 'maxMessageSize', 'to/batchSize', 'to/reportFailures', 'deadLetter/maxReceiveCount', 'description'],
  'stream': ['shards', 'retention', 'description'],
  'topic': ['maxMessageSize', 'description'],
  'http-api': ['cors', 'description'],
  'event-bus': ['description'],
};

/** Fields every kind without its own list has. */
const COMMON_FIELDS: readonly string[] = ['description'];

const fieldsOf = (kind: NodeKind): readonly string[] => FIELDS[kind] ?? COMMON_FIELDS;

const LABELS: Readonly<Record<string, string>> = {
  memory: 'Memory', timeout: 'Timeout', tmp: '/tmp storage', reservedConcurrency: 'Reserved concurrency',
  visibilityTimeout: 'Visibility timeout', retention: 'Retention', delay: 'Delivery delay', receiveWait: 'Long-polling wait',
  maxMessageSize: 'Largest message', 'to/batchSize': 'Batch size (consumer)', shards: 'Shards',
  'to/reportFailures': 'Report partial batch failures (consumer)', 'deadLetter/maxReceiveCount': 'Receives before the dead-letter queue',
  description: 'Description', cors: 'CORS',
};

/** How a typed value is read: text stays text; the others are read as YAML (`150`, `true`, `{ source: [a] }`). */
type FieldType = 'text' | 'value' | 'yaml' | 'key';

/** One field of a panel: where it is written and how. */
interface FieldSpec {
  readonly key: string;
  readonly label: string;
  /** The pointer of the value (for `key`: of the entry whose key it is). */
  readonly at: Pointer;
  readonly type: FieldType;
  readonly schema?: Obj;
  /** A bare reference (`to: worker`) becomes `{ <refKey>: worker, … }` when a key goes under it. */
  readonly refKey?: string;
  /** How many levels of a new map value are written as block lines (a JSON Schema: all of them). */
  readonly blockDepth?: number;
  /** Top-level keys a new top-level entry goes before (the format's order). */
  readonly before?: readonly string[];
}

/** What a panel is about: a node, a connection (`edge:<id>`), a catalog event (`event:<name>`), or the file (`#architecture`). */
interface Subject {
  readonly id: string;
  readonly title: string;
  readonly fields: readonly FieldSpec[];
  /** Its problems: those naming `node`, or at one of `pointers`. */
  readonly node?: string;
  readonly pointers: readonly Pointer[];
  readonly links?: readonly { readonly id: string; readonly label: string }[];
  readonly newEvent?: boolean;
}

/** The schema of a setting: the kind's definition, then the path (through `anyOf` objects). */
function schemaOf(kind: NodeKind, path: readonly string[]): Obj | undefined {
  const defs = isObj(schema.definitions) ? schema.definitions : {};
  return walkSchema(defs[kind], path);
}

/** A schema followed along a path: properties, `anyOf`/`oneOf` alternatives, `$ref`s, list items and map values. */
function walkSchema(start: unknown, path: readonly (string | number)[]): Obj | undefined {
  const defs = isObj(schema.definitions) ? schema.definitions : {};
  const deref = (v: unknown): unknown => {
    for (let i = 0; i < 8 && isObj(v) && typeof v.$ref === 'string'; i++) v = defs[v.$ref.replace('#/definitions/', '')];
    return v;
  };
  const step = (s: unknown, seg: string | number, depth = 0): unknown => {
    s = deref(s);
    if (!isObj(s) || depth > 4) return undefined;
    if (typeof seg === 'number' || /^\d+$/.test(String(seg))) {
      if (isObj(s.items)) return s.items;
    }
    if (isObj(s.properties) && isObj(s.properties[seg])) return s.properties[seg];
    for (const alt of [...(Array.isArray(s.anyOf) ? s.anyOf : []), ...(Array.isArray(s.oneOf) ? s.oneOf : [])]) {
      const found = step(alt, seg, depth + 1);
      if (found !== undefined) return found;
    }
    if (isObj(s.additionalProperties)) return s.additionalProperties;
    return undefined;
  };
  let s: unknown = start;
  for (const seg of path) {
    s = step(s, seg);
    if (s === undefined) return undefined;
  }
  s = deref(s);
  return isObj(s) ? s : undefined;
}

function firstSentence(markdown: unknown): string {
  if (typeof markdown !== 'string') return '';
  const plain = markdown.replace(/\*\*/g, '').replace(/`/g, '').split('\n')[0]!;
  return plain;
}

const startsWith = (p: Pointer, prefix: Pointer): boolean => prefix.length <= p.length && prefix.every((s, i) => String(p[i]) === String(s));

/** The value at a pointer of the file. */
function valueAt(root: unknown, at: Pointer): unknown {
  let v: unknown = root;
  for (const seg of at) {
    if (Array.isArray(v)) v = v[Number(seg)];
    else v = isObj(v) ? v[String(seg)] : undefined;
  }
  return v;
}

const describe = (p: Problem): string => `${p.code}: ${p.message}`;

/** The word a reference to a kind is written with in an options object (`{ queue: billing, … }`). */
const REF_WORDS: Partial<Record<NodeKind, string>> = { 'function': 'function', 'queue': 'queue', 'topic': 'topic', 'event-bus': 'bus', 'stream': 'stream', 'state-machine': 'stateMachine' };

/** The top-level keys in the format's order. */
const TOP_ORDER = ['archflow', 'name', 'description', 'region', 'output', 'defaults', 'events', 'producers', 'routers', 'consumers', 'stages'];
const after = (key: string): string[] => TOP_ORDER.slice(TOP_ORDER.indexOf(key) + 1);

function nodeSubject(node: GraphNode): Subject {
  const paths = fieldsOf(node.kind).filter((k) => {
    const head = k.split('/')[0]!;
    return !k.includes('/') || node.config[head] !== undefined;
  });
  return {
    id: node.id, title: `${kindLabel(node.kind)} '${node.id}'`, node: node.id, pointers: [node.pointer],
    fields: paths.map((key) => {
      const path = key.split('/');
      const s = schemaOf(node.kind, path);
      const type: FieldType = key === 'description' ? 'text' : 'value';
      return { key, label: LABELS[key] ?? key, at: [...node.pointer, ...path], type, ...(s ? { schema: s } : {}), ...(path[0] === 'to' ? { refKey: 'function' } : {}) };
    }),
  };
}

/** The panel of a connection: the options written with its reference (a rule's name and pattern, a filter, a dead-letter queue…). */
function edgeSubject(analysis: Analysis, id: string): Subject | undefined {
  const edge = analysis.graph.edges.find((e) => e.id === id);
  if (!edge) return undefined;
  const from = analysis.graph.nodes.get(edge.from);
  const to = analysis.graph.nodes.get(edge.to);
  if (!from || !to) return undefined;
  const refKey = REF_WORDS[to.kind];
  const opt = (key: string, label: string, type: FieldType): FieldSpec => ({
    key, label, at: [...edge.optionsAt, key], type, ...(refKey ? { refKey } : {}),
    ...(walkSchema(isObj(schema.definitions) ? schema.definitions[from.kind] : undefined, [...edge.optionsAt.slice(from.pointer.length).map(String), key]) ? { schema: walkSchema(isObj(schema.definitions) ? schema.definitions[from.kind] : undefined, [...edge.optionsAt.slice(from.pointer.length).map(String), key])! } : {}),
  });
  const fields: FieldSpec[] = [];
  const pointers: Pointer[] = [edge.pointer, edge.optionsAt];
  switch (edge.mechanism) {
    case 'rule': {
      const i = edge.pointer.findIndex((s) => s === 'rules');
      const rule = edge.pointer.slice(0, i + 2);
      pointers.push(rule);
      const ruleSchema = walkSchema(isObj(schema.definitions) ? schema.definitions['event-bus'] : undefined, ['rules', 'r', 'pattern']);
      fields.push(
        { key: 'rule', label: 'Rule name', at: rule, type: 'key' },
        { key: 'pattern', label: 'Event pattern', at: [...rule, 'pattern'], type: 'yaml', ...(ruleSchema ? { schema: ruleSchema } : {}) },
        opt('deadLetter', 'Dead-letter queue (target)', 'text'),
      );
      break;
    }
    case 'subscription':
      fields.push(opt('filter', 'Filter policy', 'yaml'), opt('filterScope', 'Filter scope', 'text'), opt('deadLetter', 'Dead-letter queue (subscription)', 'text'));
      break;
    case 'queue-mapping':
      fields.push(opt('batchSize', 'Batch size', 'value'), opt('reportFailures', 'Report partial batch failures', 'value'));
      break;
    case 'route':
      fields.push({ key: 'route', label: 'Route (method and path)', at: edge.pointer.slice(0, -1).length && typeof edge.pointer[edge.pointer.length - 1] === 'string' && String(edge.pointer[edge.pointer.length - 2]) === 'routes' ? edge.pointer : edge.pointer.slice(0, edge.pointer.findIndex((s) => s === 'routes') + 2), type: 'key' });
      break;
    case 'emit':
      fields.push({ key: 'event', label: 'Event (from the catalog)', at: [...edge.optionsAt, 'event'], type: 'text' });
      break;
    default:
      break;
  }
  const what = edge.rule ? `rule '${edge.rule}': ` : edge.route ? `route '${edge.route}': ` : '';
  return { id: `edge:${id}`, title: `${what}${kindLabel(from.kind)} '${from.id}' → ${kindLabel(to.kind)} '${to.id}'`, fields, pointers };
}

function eventSubject(analysis: Analysis, name: string): Subject | undefined {
  const event = analysis.graph.events.get(name);
  if (!event) return undefined;
  const eventSchema = walkSchema(schema, ['events', name]);
  const field = (key: string, label: string, type: FieldType, blockDepth?: number): FieldSpec => {
    const s = walkSchema(eventSchema, [key]);
    return { key, label, at: [...event.pointer, key], type, ...(s ? { schema: s } : {}), ...(blockDepth ? { blockDepth } : {}) };
  };
  return {
    id: `event:${name}`, title: `event '${name}'`, pointers: [event.pointer],
    fields: [field('source', 'Source', 'text'), field('description', 'Description', 'text'), field('maxBytes', 'Largest event', 'value'), field('schema', 'Schema of the detail (JSON Schema, as JSON or YAML)', 'yaml', 32)],
  };
}

function architectureSubject(analysis: Analysis): Subject {
  const top = (key: string, label: string, type: FieldType): FieldSpec => {
    const s = walkSchema(schema, key.split('/'));
    const path = key.split('/');
    return { key, label, at: path, type, ...(s ? { schema: s } : {}), before: after(path[0]!) };
  };
  return {
    id: ARCHITECTURE, title: `architecture '${analysis.graph.name ?? ''}'`, pointers: [['name'], ['description'], ['region'], ['defaults']],
    fields: [
      top('name', 'Name', 'text'), top('region', 'Region', 'text'), top('description', 'Description', 'text'),
      top('defaults/runtime', 'Default runtime', 'text'), top('defaults/memory', 'Default memory', 'value'),
      top('defaults/timeout', 'Default timeout', 'value'), top('defaults/architecture', 'Default architecture', 'text'),
    ],
    links: [...analysis.graph.events.keys()].map((e) => ({ id: `event:${e}`, label: e })),
    newEvent: true,
  };
}

/** The id of the file's own panel. */
export const ARCHITECTURE = '#architecture';

function subjectOf(analysis: Analysis, id: string): Subject | undefined {
  if (id === ARCHITECTURE) return architectureSubject(analysis);
  if (id.startsWith('edge:')) return edgeSubject(analysis, id.slice('edge:'.length));
  if (id.startsWith('event:')) return eventSubject(analysis, id.slice('event:'.length));
  const node = analysis.graph.nodes.get(id);
  return node ? nodeSubject(node) : undefined;
}

/** A value as the panel shows it: as written (a map or list in flow style). */
function shown(spec: FieldSpec, root: unknown): string {
  if (spec.type === 'key') return String(spec.at[spec.at.length - 1] ?? '');
  const v = valueAt(root, spec.at);
  if (v === undefined) return '';
  return typeof v === 'object' && v !== null ? render(v) : String(v);
}

/** The panel of a node (or connection, event, the file); `analysis` may be of a draft text (its problems are then the draft's). */
export function nodeSettings(analysis: Analysis, id: string): NodeSettings | undefined {
  const subject = subjectOf(analysis, id);
  if (!subject) return undefined;
  const mine = analysis.problems.filter((p) => (subject.node !== undefined && p.nodes?.includes(subject.node)) || subject.pointers.some((at) => startsWith(p.pointer, at)));
  const used = new Set<Problem>();
  const fields = subject.fields.map((spec): SettingField => {
    const s = spec.schema ?? {};
    const here = mine.filter((p) => startsWith(p.pointer, spec.at)
      // A bare reference's option (`to: worker` and its batch size): the problem is at the reference.
      // A consumer's option problem reported at the declaration's key of that name (`batchSize`).
      || (spec.key.startsWith('to/') && p.pointer.length === spec.at.length - 1 && String(p.pointer[p.pointer.length - 1]) === String(spec.at[spec.at.length - 1])
        && startsWith(p.pointer.slice(0, -1), spec.at.slice(0, -2))));
    here.forEach((p) => used.add(p));
    return {
      key: spec.key, label: spec.label,
      value: shown(spec, analysis.doc.value),
      ...(s.default !== undefined ? { default: String(s.default) } : {}),
      ...(typeof s['x-unit'] === 'string' ? { unit: s['x-unit'] } : {}),
      ...(typeof s['x-limit'] === 'string' ? { limit: s['x-limit'] } : {}),
      description: firstSentence(s.markdownDescription),
      problems: here.map(describe),
      ...(spec.type === 'yaml' ? { multiline: true } : {}),
    };
  });
  return {
    id: subject.id, title: subject.title, fields, problems: mine.filter((p) => !used.has(p)).map(describe),
    fixes: fixesOf(analysis, mine).map((f) => ({ title: f.action.title, problem: describe(f.problem) })),
    ...(subject.links ? { links: subject.links } : {}),
    ...(subject.newEvent ? { newEvent: true } : {}),
  };
}

/** The quick fixes of problems, each with its problem (titles repeated across problems are kept once). */
function fixesOf(analysis: Analysis, problems: readonly Problem[]): { action: CodeActionEntry; problem: Problem }[] {
  const out: { action: CodeActionEntry; problem: Problem }[] = [];
  const seen = new Set<string>();
  for (const p of problems) {
    if (!p.fix) continue;
    for (const action of quickFixes(analysis, [{ fix: p.fix, pointer: p.pointer }])) {
      if (seen.has(action.title)) continue;
      seen.add(action.title);
      out.push({ action, problem: p });
    }
  }
  return out;
}

/** Applies the quick fix titled `title` of one of a node's (connection's, event's, the file's) problems. */
export function applyNodeFix(analysis: Analysis, id: string, title: string): GestureResult {
  const subject = subjectOf(analysis, id);
  if (!subject) return { error: `'${id}' is not a node of this file.` };
  const mine = analysis.problems.filter((p) => (subject.node !== undefined && p.nodes?.includes(subject.node)) || subject.pointers.some((at) => startsWith(p.pointer, at)));
  const found = fixesOf(analysis, mine).find((f) => f.action.title === title);
  if (!found) return { error: `'${title}' no longer applies to ${subject.title}.` };
  return { edits: found.action.edits, title: `${title} (${found.problem.code})`, problems: [] };
}

/** A value typed in the panel, read as its field reads it (`undefined`: not readable, with why). */
function parsed(spec: FieldSpec, value: string): { value: unknown } | { error: string } {
  const v = value.trim();
  if (spec.type === 'text' || spec.type === 'key') return { value: v };
  if (spec.type === 'value' && /^-?\d+(\.\d+)?$/.test(v)) return { value: Number(v) };
  try {
    const read: unknown = parseYaml(v);
    if (spec.type === 'yaml' && (read === null || typeof read !== 'object')) return { error: `${spec.label}: write a map, as JSON or YAML ({ key: value }).` };
    return { value: read };
  } catch (err) {
    return { error: `${spec.label}: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** A key of a block map as a person writes it: plain when YAML reads it back unchanged, else quoted. */
function blockKey(k: string): string {
  if (k && !/^[-?:,[\]{}#&*!|>'"%@`\s]|[:#]\s|:$|\s$/.test(k)) {
    try {
      const read = parseYaml(`${k}: 1`) as Record<string, unknown> | null;
      if (read && Object.keys(read).length === 1 && read[k] === 1) return k;
    } catch {
      // quoted below
    }
  }
  return plainKey(k);
}

/** The edits writing one field (an empty value removes it: the default applies). */
function fieldEdits(analysis: Analysis, subject: Subject, key: string, value: string): readonly TextEdit[] | { error: string } {
  const spec = subject.fields.find((f) => f.key === key);
  if (!spec) return { error: `'${key}' is not a setting the panel edits for ${subject.title}.` };
  const doc = analysis.doc;
  const read = parsed(spec, value);
  if ('error' in read) return read;
  if (spec.type === 'key') {
    const to = String(read.value);
    const old = String(spec.at[spec.at.length - 1]);
    if (!to) return { error: `${spec.label} cannot be empty.` };
    if (to === old) return [];
    const parent = valueAt(doc.value, spec.at.slice(0, -1));
    if (isObj(parent) && Object.prototype.hasOwnProperty.call(parent, to)) return { error: `'${to}' is already written next to '${old}'.` };
    // Written as a person writes a key: plain when YAML reads it back unchanged (`POST /orders`).
    const edits = fixEdits(doc, { kind: 'rename-key', title: '', to }, spec.at).map((e) => {
      if (e.newText !== render(to)) return e;
      // A key starting its line is in a block map, where `{` and `,` may stand inside a plain key (`GET /orders/{orderId}`).
      const block = /^[ \t]*(- )?$/.test(doc.text.slice(doc.text.lastIndexOf('\n', e.start - 1) + 1, e.start));
      return { ...e, newText: block ? blockKey(to) : plainKey(to) };
    });
    return edits.length ? edits : { error: `${spec.label} cannot be renamed here: edit it in the text.` };
  }
  const current = valueAt(doc.value, spec.at);
  if (value.trim() === '') {
    if (current === undefined) return [];
    return fixEdits(doc, { kind: 'remove-property', title: '', at: spec.at });
  }
  if (current === undefined) {
    // A new key: block lines like the others (`{}` becomes block lines; missing parents created).
    const edit = insertEntry(doc, spec.at.slice(0, -1), String(spec.at[spec.at.length - 1]), read.value, spec.blockDepth ?? 0, spec.before);
    if (edit) return [edit];
  }
  const edits = fixEdits(doc, { kind: 'set-value', title: '', at: spec.at, value: read.value, refKey: spec.refKey });
  return edits.length ? edits : { error: `'${key}' of ${subject.title} cannot be written here: edit it in the text.` };
}

/** The edit writing one node setting (an empty value removes it: the default applies). */
export function settingEdits(analysis: Analysis, node: GraphNode, key: string, value: string): readonly TextEdit[] | { error: string } {
  return fieldEdits(analysis, nodeSubject(node), key, value);
}

/** Sets one setting of a node (connection, event, the file). */
export function setSetting(analysis: Analysis, id: string, key: string, value: string): GestureResult {
  const subject = analysis.doc.yaml ? subjectOf(analysis, id) : undefined;
  if (!subject) return { error: `'${id}' is not a node of this file.` };
  const edits = fieldEdits(analysis, subject, key, value);
  if ('error' in edits) return edits;
  if (edits.length === 0) return { error: `'${key}' of ${subject.title} is already ${value.trim() ? 'that' : 'not written'}.` };
  const shownValue = value.trim().length > 40 ? `${value.trim().slice(0, 37)}…` : value.trim();
  return { edits: tidyEdits(analysis.doc.text, edits), title: `${key.replace('/', ' ')} of ${subject.title} = ${shownValue || '(default)'}`, problems: [] };
}

/** The panel as it would be with a draft value (the text it makes is analysed; nothing is applied). */
export function draftSettings(analysis: Analysis, id: string, key: string, value: string, reanalyze: Reanalyze): NodeSettings | undefined {
  const subject = analysis.doc.yaml ? subjectOf(analysis, id) : undefined;
  if (!subject) return undefined;
  const edits = fieldEdits(analysis, subject, key, value);
  if ('error' in edits) {
    const now = nodeSettings(analysis, id);
    return now && { ...now, fields: now.fields.map((f) => (f.key === key ? { ...f, problems: [edits.error] } : f)) };
  }
  // A renamed key (a rule, a route): the draft's panel is under the new name.
  const spec = subject.fields.find((f) => f.key === key);
  const draft = reanalyze(applyEdits(analysis.doc.text, edits));
  if (spec?.type === 'key') return nodeSettings(analysis, id);
  return nodeSettings(draft, id);
}

/** The file's new catalog event `name` (its source: the first event's, else `<architecture>.events`). */
export function addEvent(analysis: Analysis, name: string): GestureResult {
  if (!analysis.doc.yaml || analysis.doc.text.trim() === '') return { error: 'Add a node first: the file has no architecture yet.' };
  const refused = newNameProblem(analysis, name);
  if (refused) return { error: refused };
  const first = [...analysis.graph.events.values()][0];
  const source = first?.source ?? `${analysis.graph.name ?? 'app'}.events`;
  const edit = insertEntry(analysis.doc, ['events'], name, { source }, 1, after('events'));
  if (!edit) return { error: 'The events section cannot take a new entry here: edit it in the text.' };
  return { edits: [edit], title: `add event '${name}'`, problems: [] };
}
