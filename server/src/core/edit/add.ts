/**
 * The diagram's add gesture: a kind dropped from the palette becomes a declaration with sensible
 * defaults at the end of the kind's section (created when missing), in the file's block style.
 * Names are checked as a rename checks them: the schema's pattern, unique across events and nodes,
 * `.fifo` for FIFO queues and topics (a `.fifo` name makes a FIFO queue or topic). Pure.
 */
import type { Analysis } from '../analyze';
import { NAME_PATTERN } from '../features/rename';
import { kindLabel, kindModule, newDeclaration, NODE_KINDS, type NodeKind } from '../kinds/index';
import type { GestureResult } from './connect';
import { insertEntry } from './insert';

/** The kinds the palette offers (every kind a section declares, without `external`). */
export const PALETTE_KINDS: readonly NodeKind[] = NODE_KINDS.filter((k) => newDeclaration(k) !== undefined);

/** The top-level keys in the format's order after `events`: a new section goes before the later ones. */
const SECTION_ORDER = ['producers', 'routers', 'consumers', 'stages'];

/** Settings a new node of a kind starts with, after `type` (what the schema requires that has a sensible value). */
const DEFAULTS: Partial<Record<NodeKind, Readonly<Record<string, unknown>>>> = {
  'http-api': { routes: {} },
  'websocket-api': { routes: {} },
  'schedule': { schedule: 'rate(1 hour)' },
  'table': { stream: 'NEW_AND_OLD_IMAGES' },
};

/** Why a name cannot be used for a new node, or undefined. */
export function newNameProblem(analysis: Analysis, name: string, kind?: NodeKind): string | undefined {
  if (!NAME_PATTERN.test(name)) {
    return `'${name}' is not a valid name: names start with a letter and use letters, digits, '_', '.' and '-' (at most 64 characters).`;
  }
  const clash = analysis.graph.occurrences.find((x) => x.role === 'declaration' && x.namespace !== 'rule' && x.name === name);
  if (clash) return `'${name}' is already declared in ${String(clash.pointer[0])}. Names are unique across events, producers, routers and consumers.`;
  if (name.endsWith('.fifo') && kind !== undefined && kind !== 'queue' && kind !== 'topic') {
    return `Only queues and topics are FIFO: a ${kindLabel(kind)}'s name cannot end in '.fifo'.`;
  }
  return undefined;
}

/**
 * The edit declaring node `name` of `kind`, or why not. In an empty file the declaration follows the
 * header a file needs (`archflow: 1`, `name: <architecture>`).
 */
export function addNode(analysis: Analysis, kind: string, name: string, architecture = 'app'): GestureResult {
  const declaration = newDeclaration(kind);
  if (!declaration) return { error: `'${kind}' is not a kind the diagram can add.` };
  if (!analysis.doc.yaml) return { error: 'The file cannot be read right now: fix its YAML first.' };
  const k = kind as NodeKind;
  const refused = newNameProblem(analysis, name, k);
  if (refused) return { error: refused };
  const value: Record<string, unknown> = { ...declaration.value, ...(DEFAULTS[k] ?? {}) };
  if (name.endsWith('.fifo')) value.fifo = true;
  const later = SECTION_ORDER.slice(SECTION_ORDER.indexOf(declaration.section) + 1);
  const edit = insertEntry(analysis.doc, [declaration.section], name, value, 1, later);
  if (!edit) return { error: `The ${declaration.section} section cannot take a new entry here: edit it in the text.` };
  const empty = analysis.doc.text.trim() === '';
  const eol = analysis.doc.text.includes('\r\n') ? '\r\n' : '\n';
  const header = empty ? `archflow: 1${eol}name: ${architecture}${eol}` : '';
  return { edits: [header ? { ...edit, newText: header + edit.newText } : edit], title: `add ${kindModule(k).label} '${name}'`, problems: [] };
}
