import { isScalar, isSeq, type Node } from 'yaml';
import type { Analysis } from '../analyze';
import type { NameOccurrence } from '../model/graph';
import { resolve } from '../parse/locate';
import { schema } from '../schema/validate';
import type { Span } from '../span';
import { fixEdits, type TextEdit } from './fixes';
import { holdsData } from '../kinds/index';
import { nameAt, occurrenceSpan, occurrencesOf, unquoted } from './names';
import { isObj, type Obj } from '../util/value';


/** The name under the cursor that can be renamed, or why not. */
export type PrepareRenameResult = { readonly span: Span; readonly placeholder: string } | { readonly error: string };

/** The edits of a rename, or why it is refused. */
export type RenameResult = { readonly edits: readonly TextEdit[] } | { readonly error: string };


function pattern(path: readonly string[]): RegExp {
  let s: unknown = schema;
  for (const seg of path) s = isObj(s) ? s[seg] : undefined;
  return new RegExp(typeof s === 'string' ? s : '^[A-Za-z][A-Za-z0-9_.-]{0,63}$');
}

/** The schema's patterns for names: nodes and events, and bus rules. */
export const NAME_PATTERN = pattern(['properties', 'producers', 'propertyNames', 'pattern']);
const RULE_PATTERN = pattern(['definitions', 'event-bus', 'properties', 'rules', 'propertyNames', 'pattern']);

/** Plain scalars YAML would read as something other than text. */
const NOT_TEXT = /^(true|false|null|True|False|Null|TRUE|FALSE|NULL|~)$/;

const SECTION_LABEL: Record<string, string> = { events: 'events', producers: 'producers', routers: 'routers', consumers: 'consumers' };

/** Checks that the cursor is on a name that can be renamed. */
export function prepareRename(analysis: Analysis, offset: number): PrepareRenameResult {
  const at = nameAt(analysis, offset);
  if (!at) return { error: 'Only the names of producers, routers, consumers, events and event-bus rules can be renamed.' };
  return { span: at.span, placeholder: at.occurrence.name };
}

/**
 * Renames the name under the cursor everywhere it is written: its declaration keys and every
 * reference, in block and flow style, keeping quotes. For an event whose detail type is its name,
 * `detail-type` values of event-bus patterns follow. Refuses an invalid name (the schema's name
 * pattern), a name already declared, and a FIFO queue or topic name without `.fifo`.
 */
export function rename(analysis: Analysis, offset: number, newName: string, options: RenameOptions = {}): RenameResult {
  const at = nameAt(analysis, offset);
  if (!at) return { error: 'Only the names of producers, routers, consumers, events and event-bus rules can be renamed.' };
  const o = at.occurrence;
  const refused = check(analysis, o, newName);
  if (refused) return { error: refused };
  if (newName === o.name) return { edits: [] };
  const text = analysis.doc.text;
  const edits: TextEdit[] = [];
  const add = (span: Span): void => {
    const quoted = span.start > 0 && (text[span.start - 1] === '"' || text[span.start - 1] === "'") && text[span.end] === text[span.start - 1];
    edits.push({ start: span.start, end: span.end, newText: !quoted && NOT_TEXT.test(newName) ? `"${newName}"` : newName });
  };
  for (const x of occurrencesOf(analysis, o)) {
    const span = occurrenceSpan(analysis, x);
    if (span) add(span);
  }
  if (o.namespace === 'event') for (const span of detailTypeMentions(analysis, o.name)) add(span);
  if (o.namespace === 'node') for (const span of policyMentions(analysis, o.name)) add(span);
  edits.push(...keepIdentity(analysis, o.name, newName, options));
  const seen = new Set<number>();
  return {
    edits: edits.filter((e) => (seen.has(e.start) ? false : (seen.add(e.start), true))).sort((a, b) => a.start - b.start),
  };
}

/** What a rename knows about the deployed stack. */
export interface RenameOptions {
  /** Nodes deployed with resources that hold data (the host keeps the record of the last deploy). */
  readonly deployed?: ReadonlySet<string>;
}

/**
 * A deployed node whose resources hold data keeps its deployed identity across the rename: the
 * edit writes `previousName: <old name>` into its declaration (unless it has one), so its logical
 * IDs, and the table, bucket, stream or queue behind them, stay the same. Renaming it back to its
 * `previousName` removes the word.
 */
function keepIdentity(analysis: Analysis, name: string, newName: string, options: RenameOptions): TextEdit[] {
  const node = analysis.graph.nodes.get(name);
  if (!node || !analysis.doc.yaml) return [];
  const previous = isObj(node.config) ? node.config.previousName : undefined;
  if (previous === newName) return fixEdits(analysis.doc, { kind: 'remove-property', title: 'Remove previousName', at: [...node.pointer, 'previousName'] });
  if (previous !== undefined || !options.deployed?.has(name) || !holdsData(node.kind)) return [];
  return fixEdits(analysis.doc, { kind: 'insert-property', title: 'Keep the deployed identity', at: node.pointer, key: 'previousName', value: name });
}

function check(analysis: Analysis, o: NameOccurrence, newName: string): string | undefined {
  if (o.namespace === 'rule') {
    if (!RULE_PATTERN.test(newName)) return `'${newName}' is not a valid rule name: use 1 to 64 letters, digits, '.', '_' or '-'.`;
    if (newName === o.name) return undefined;
    const bus = String(o.pointer[1]);
    const clash = analysis.graph.occurrences.some((x) => x.namespace === 'rule' && x.role === 'declaration' && String(x.pointer[1]) === bus && x.name === newName);
    return clash ? `Event bus '${bus}' already has a rule named '${newName}'.` : undefined;
  }
  if (!NAME_PATTERN.test(newName)) {
    return `'${newName}' is not a valid name: names start with a letter and use letters, digits, '_', '.' and '-' (at most 64 characters).`;
  }
  if (newName === o.name) return undefined;
  const clash = analysis.graph.occurrences.find((x) => x.role === 'declaration' && x.namespace !== 'rule' && x.name === newName);
  if (clash) {
    return `'${newName}' is already declared in ${SECTION_LABEL[String(clash.pointer[0])] ?? String(clash.pointer[0])}. Names are unique across events, producers, routers and consumers.`;
  }
  const node = o.namespace === 'node' ? analysis.graph.nodes.get(o.name) : undefined;
  if ((node?.kind === 'queue' || node?.kind === 'topic') && node.settings.fifo && !newName.endsWith('.fifo')) {
    return `'${o.name}' is a FIFO ${node.kind}: its name must end in '.fifo'.`;
  }
  return undefined;
}

function scalarSpans(analysis: Analysis, node: Node | null, name: string): Span[] {
  const items = isSeq(node) ? node.items : [node];
  const out: Span[] = [];
  for (const item of items) {
    if (isScalar(item) && item.value === name && item.range) out.push(unquoted(analysis.doc.text, { start: item.range[0], end: item.range[1] }));
  }
  return out;
}

/** `detail-type` values of bus rule patterns naming an event whose detail type is its name. */
function detailTypeMentions(analysis: Analysis, name: string): Span[] {
  const event = analysis.graph.events.get(name);
  const doc = analysis.doc.yaml;
  if (!event || !doc) return [];
  const declared = analysis.doc.value as Obj | undefined;
  const written = isObj(declared) && isObj(declared.events) && isObj(declared.events[name]) ? (declared.events[name] as Obj).detailType : undefined;
  if (written !== undefined) return [];
  const out: Span[] = [];
  for (const node of analysis.graph.nodes.values()) {
    if (node.kind !== 'event-bus' || !node.settings.rules) continue;
    for (const rule of node.settings.rules.keys()) {
      const at = [...node.pointer, 'rules', rule, 'pattern', 'detail-type'];
      const found = resolve(doc, at);
      if (found.depth === at.length) out.push(...scalarSpans(analysis, found.node, name));
    }
  }
  return out;
}

/** Node names in functions' `policies[].resources`. */
function policyMentions(analysis: Analysis, name: string): Span[] {
  const doc = analysis.doc.yaml;
  if (!doc) return [];
  const out: Span[] = [];
  for (const node of analysis.graph.nodes.values()) {
    if (node.kind !== 'function' || !node.settings.policies) continue;
    node.settings.policies.forEach((p) => {
      if (!p.resources.includes(name)) return;
      const at = [...node.pointer, 'policies', p.index, 'resources'];
      const found = resolve(doc, at);
      if (found.depth === at.length) out.push(...scalarSpans(analysis, found.node, name));
    });
  }
  return out;
}
