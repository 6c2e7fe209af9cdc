import * as YAML from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Analysis } from '../analyze';
import { aliasTarget, isMergeKey, pathAt, resolve } from '../parse/locate';
import type { Span } from '../span';

const { isAlias, isMap, isPair, isScalar, isSeq } = YAML;

/** What an anchor (`&name`) names: the node and the span of `&name` in the text. */
export interface AnchorAt {
  readonly name: string;
  readonly node: Node;
  /** `&name` itself (or the node's first line when the text no longer has it before the node). */
  readonly span: Span;
}

/** The anchor an alias names, with the span of its `&name`. */
export function anchorOf(doc: Document, text: string, alias: YAML.Alias): AnchorAt | undefined {
  const node = aliasTarget(doc, alias);
  const start = node?.range?.[0];
  if (!node || start === undefined) return undefined;
  const mark = `&${alias.source}`;
  // `&name` precedes the node (on its line, or alone on the line before a block collection).
  const at = text.lastIndexOf(mark, start);
  const near = at >= 0 && text.slice(at + mark.length, start).trim() === '';
  return { name: alias.source, node, span: near ? { start: at, end: at + mark.length } : { start, end: Math.max(start + 1, text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start)) } };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const keyText = (pair: Pair): string | undefined => (isScalar(pair.key) && !isMergeKey(pair.key) ? String(pair.key.value) : undefined);

/** The merge key pair (`<<: …`) of the map at `pointer`, and the map. */
function mergePair(doc: Document, pointer: readonly (string | number)[]): { map: YAML.YAMLMap; pair: Pair } | undefined {
  const map = resolve(doc, pointer).node;
  if (!isMap(map)) return undefined;
  for (const item of map.items) if (isPair(item) && isMergeKey(item.key)) return { map, pair: item };
  return undefined;
}

/** Markdown of what a merge key brings into `map`: each source and the entries it adds. */
function mergeMarkdown(doc: Document, text: string, map: YAML.YAMLMap, pair: Pair): string {
  const own = new Set(map.items.filter(isPair).map(keyText).filter((k): k is string => k !== undefined));
  const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
  const lines: string[] = [];
  const taken = new Set(own);
  for (const source of sources) {
    const anchor = isAlias(source) ? anchorOf(doc, text, source) : undefined;
    const target = anchor ? anchor.node : source;
    if (!isMap(target)) continue;
    const keys = target.items.filter(isPair).map(keyText).filter((k): k is string => k !== undefined && !taken.has(k));
    for (const k of keys) taken.add(k);
    const label = anchor ? `\`*${anchor.name}\` (\`&${anchor.name}\`, line ${lineOf(text, anchor.span.start)})` : 'the map written here';
    lines.push(`- ${label}: ${keys.length ? keys.map((k) => `\`${k}\``).join(', ') : 'nothing this map does not set itself'}`);
  }
  return [
    '**Merge key** `<<`: this map takes the entries of what it names that it does not set itself, as if they were written here.',
    'Its own entries win; with several sources, the first that sets an entry wins.',
    '',
    ...lines,
  ].join('\n');
}

/**
 * Hover on a merge key (`<<`) or an alias (`*name`): what it brings in and from where. Undefined
 * elsewhere.
 */
export function aliasHover(analysis: Analysis, offset: number): { markdown: string; span: Span } | undefined {
  const doc = analysis.doc.yaml;
  if (!doc) return undefined;
  const text = analysis.doc.text;
  const at = pathAt(doc, offset);
  const node = at.node as unknown;
  const spanOf = (n: unknown): Span | undefined => {
    const r = (n as { range?: readonly number[] } | null)?.range;
    return r ? { start: r[0]!, end: r[1]! } : undefined;
  };
  if (at.onKey && isMergeKey(node)) {
    const merge = mergePair(doc, at.pointer.slice(0, -1));
    const span = spanOf(node);
    return merge && span ? { markdown: mergeMarkdown(doc, text, merge.map, merge.pair), span } : undefined;
  }
  if (!isAlias(node)) return undefined;
  const span = spanOf(node);
  if (!span) return undefined;
  // A merge source: `<<: *a` or `<<: [*a, *b]`.
  const last = at.pointer[at.pointer.length - 1];
  const inMerge = last === '<<' ? at.pointer.slice(0, -1) : at.pointer[at.pointer.length - 2] === '<<' ? at.pointer.slice(0, -2) : undefined;
  if (inMerge) {
    const merge = mergePair(doc, inMerge);
    if (merge) return { markdown: mergeMarkdown(doc, text, merge.map, merge.pair), span };
  }
  const anchor = anchorOf(doc, text, node);
  if (!anchor) return { markdown: `**Alias** \`*${node.source}\`: no anchor \`&${node.source}\` comes before it.`, span };
  return { markdown: `**Alias** \`*${anchor.name}\`: the value anchored as \`&${anchor.name}\` on line ${lineOf(text, anchor.span.start)}, used here as if it were written here.`, span };
}

/** Go to definition on an alias: the `&name` it names. */
export function aliasDefinition(analysis: Analysis, offset: number): { origin: Span; targets: Span[] } | undefined {
  const doc = analysis.doc.yaml;
  if (!doc) return undefined;
  const node = pathAt(doc, offset).node as unknown;
  if (!isAlias(node) || !node.range) return undefined;
  const anchor = anchorOf(doc, analysis.doc.text, node);
  return anchor ? { origin: { start: node.range[0], end: node.range[1] }, targets: [anchor.span] } : undefined;
}
