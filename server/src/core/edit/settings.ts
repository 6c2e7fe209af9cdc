/**
 * The diagram's settings panel: a node's key settings (memory, timeout, batch size, visibility
 * timeout, retention…) as written, with the schema's unit, AWS limit, default and description, and
 * the problems the analysis reports at each; a draft value is checked by analysing the text it would
 * make (nothing is applied), and a value is written as a minimal edit. Pure.
 */
import type { Analysis } from '../analyze';
import { quickFixes, type CodeActionEntry } from '../features/actions';
import { applyEdits, fixEdits, type TextEdit } from '../features/fixes';
import { kindLabel, type NodeKind } from '../kinds/index';
import type { GraphNode } from '../model/graph';
import { schema } from '../schema/validate';
import type { Pointer, Problem } from '../span';
import { isObj, type Obj } from '../util/value';
import type { GestureResult, Reanalyze } from './connect';
import { insertEntry } from './insert';

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
}

/** The key settings of each kind: paths under the declaration (`to/batchSize`: an option of the consumer). */
const FIELDS: Partial<Record<NodeKind, readonly string[]>> = {
  'function': ['memory', 'timeout', 'tmp', 'reservedConcurrency'],
  'queue': ['visibilityTimeout', 'retention', 'delay', 'receiveWait', 'maxMessageSize', 'to/batchSize'],
  'stream': ['shards', 'retention'],
  'topic': ['maxMessageSize'],
};

const LABELS: Readonly<Record<string, string>> = {
  memory: 'Memory', timeout: 'Timeout', tmp: '/tmp storage', reservedConcurrency: 'Reserved concurrency',
  visibilityTimeout: 'Visibility timeout', retention: 'Retention', delay: 'Delivery delay', receiveWait: 'Long-polling wait',
  maxMessageSize: 'Largest message', 'to/batchSize': 'Batch size (consumer)', shards: 'Shards',
};

/** The schema of a setting: the kind's definition, then the path (through `anyOf` objects). */
function schemaOf(kind: NodeKind, path: readonly string[]): Obj | undefined {
  const defs = isObj(schema.definitions) ? schema.definitions : {};
  let s: unknown = defs[kind];
  for (const seg of path) {
    const props = isObj(s) && isObj(s.properties) ? s.properties : undefined;
    if (props && isObj(props[seg])) {
      s = props[seg];
      continue;
    }
    const any = isObj(s) && Array.isArray(s.anyOf) ? s.anyOf : [];
    s = undefined;
    for (const alt of any) if (isObj(alt) && isObj(alt.properties) && isObj(alt.properties[seg])) s = alt.properties[seg];
    if (s === undefined) {
      // `to` of a queue: the object form of its anyOf.
      return undefined;
    }
  }
  return isObj(s) ? s : undefined;
}

function firstSentence(markdown: unknown): string {
  if (typeof markdown !== 'string') return '';
  const plain = markdown.replace(/\*\*/g, '').replace(/`/g, '').split('\n')[0]!;
  return plain;
}

const startsWith = (p: Pointer, prefix: Pointer): boolean => prefix.every((s, i) => String(p[i]) === String(s));

/** The value of a path under a declaration as written. */
function written(config: Obj, path: readonly string[]): unknown {
  let v: unknown = config;
  for (const seg of path) v = isObj(v) ? v[seg] : undefined;
  return v;
}

const describe = (p: Problem): string => `${p.code}: ${p.message}`;

/** The panel of a node; `analysis` may be of a draft text (its problems are then the draft's). */
export function nodeSettings(analysis: Analysis, id: string): NodeSettings | undefined {
  const node = analysis.graph.nodes.get(id);
  if (!node) return undefined;
  const paths = (FIELDS[node.kind] ?? []).filter((k) => !k.startsWith('to/') || node.config.to !== undefined);
  const mine = analysis.problems.filter((p) => p.nodes?.includes(id) || startsWith(p.pointer, node.pointer));
  const used = new Set<Problem>();
  const fields = paths.map((key): SettingField => {
    const path = key.split('/');
    const s = schemaOf(node.kind, path) ?? {};
    const at = [...node.pointer, ...path];
    const here = mine.filter((p) => startsWith(p.pointer, at) || (path[0] === 'to' && p.pointer.length === node.pointer.length + 1 && String(p.pointer[node.pointer.length]) === path[path.length - 1]));
    here.forEach((p) => used.add(p));
    const value = written(node.config, path);
    return {
      key, label: LABELS[key] ?? key,
      value: value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value),
      ...(s.default !== undefined ? { default: String(s.default) } : {}),
      ...(typeof s['x-unit'] === 'string' ? { unit: s['x-unit'] } : {}),
      ...(typeof s['x-limit'] === 'string' ? { limit: s['x-limit'] } : {}),
      description: firstSentence(s.markdownDescription),
      problems: here.map(describe),
    };
  });
  return {
    id, title: `${kindLabel(node.kind)} '${id}'`, fields, problems: mine.filter((p) => !used.has(p)).map(describe),
    fixes: fixesOf(analysis, mine).map((f) => ({ title: f.action.title, problem: describe(f.problem) })),
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

/** Applies the quick fix titled `title` of one of a node's problems (the badge's fixes). */
export function applyNodeFix(analysis: Analysis, id: string, title: string): GestureResult {
  const node = analysis.graph.nodes.get(id);
  if (!node) return { error: `'${id}' is not a node of this file.` };
  const mine = analysis.problems.filter((p) => p.nodes?.includes(id) || startsWith(p.pointer, node.pointer));
  const found = fixesOf(analysis, mine).find((f) => f.action.title === title);
  if (!found) return { error: `'${title}' no longer applies to ${kindLabel(node.kind)} '${id}'.` };
  return { edits: found.action.edits, title: `${title} (${found.problem.code})`, problems: [] };
}

/** A value typed in the panel: a number when it reads as one, else the text (a duration such as `14d`). */
function parsed(value: string): unknown {
  const v = value.trim();
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

/** The edit writing one setting (an empty value removes it: the default applies). */
export function settingEdits(analysis: Analysis, node: GraphNode, key: string, value: string): readonly TextEdit[] | { error: string } {
  if (!(FIELDS[node.kind] ?? []).includes(key)) return { error: `'${key}' is not a setting the panel edits for ${kindLabel(node.kind)} '${node.id}'.` };
  const path = key.split('/');
  const at = [...node.pointer, ...path];
  if (value.trim() === '') {
    if (written(node.config, path) === undefined) return [];
    return fixEdits(analysis.doc, { kind: 'remove-property', title: '', at });
  }
  // A new key of the declaration: a block line like the others (`{}` becomes block lines).
  if (path.length === 1 && written(node.config, path) === undefined) {
    const edit = insertEntry(analysis.doc, node.pointer, key, parsed(value), 0);
    if (edit) return [edit];
  }
  const edits = fixEdits(analysis.doc, { kind: 'set-value', title: '', at, value: parsed(value), refKey: path[0] === 'to' ? 'function' : undefined });
  return edits.length ? edits : { error: `'${key}' of ${kindLabel(node.kind)} '${node.id}' cannot be written here: edit it in the text.` };
}

/** Sets one setting of a node. */
export function setSetting(analysis: Analysis, id: string, key: string, value: string): GestureResult {
  const node = analysis.graph.nodes.get(id);
  if (!node || !analysis.doc.yaml) return { error: `'${id}' is not a node of this file.` };
  const edits = settingEdits(analysis, node, key, value);
  if ('error' in edits) return edits;
  if (edits.length === 0) return { error: `'${key}' of ${kindLabel(node.kind)} '${id}' is already not written.` };
  return { edits, title: `${key.replace('/', ' ')} of ${kindLabel(node.kind)} '${id}' = ${value.trim() || '(default)'}`, problems: [] };
}

/** The panel as it would be with a draft value (the text it makes is analysed; nothing is applied). */
export function draftSettings(analysis: Analysis, id: string, key: string, value: string, reanalyze: Reanalyze): NodeSettings | undefined {
  const node = analysis.graph.nodes.get(id);
  if (!node || !analysis.doc.yaml) return undefined;
  const edits = settingEdits(analysis, node, key, value);
  if ('error' in edits) return nodeSettings(analysis, id);
  return nodeSettings(reanalyze(applyEdits(analysis.doc.text, edits)), id);
}
