import { Document, isMap, isPair, isScalar, isSeq, stringify } from 'yaml';
import { isDefaultKind, kindModule, sectionOfKind, type NodeKind, type Section } from '../kinds/index';
import type { ImportFacet } from '../kinds/kind';
import type { Draft, DraftNode } from './draft';
import type { Obj } from './template';

/** Where a node is declared: its kind's section, or for a stand-in (an external) the one its edges suggest. */
function sectionOf(node: DraftNode): Section {
  if (!kindModule(node.kind).standsIn) return sectionOfKind(node.kind);
  if (node.section) return node.section;
  if (node.to.length > 0 && node.incoming > 0) return 'routers';
  if (node.to.length > 0) return 'producers';
  return 'consumers';
}

/** The declaration of a node, keys in the order the schema lists them: type, what its kind writes first, settings, edges. */
function declaration(node: DraftNode): Obj {
  const out: Obj = {};
  const facet = kindModule(node.kind).import as ImportFacet<NodeKind>;
  if (!isDefaultKind(node.kind)) out.type = node.kind;
  if (facet.head) Object.assign(out, facet.head(node));
  Object.assign(out, node.props);
  facet.edges?.(node, out);
  return out;
}

/** The architecture as plain data, in the order of the format: archflow, name, …, producers, routers, consumers. */
export function architecture(d: Draft, name: string): Obj {
  const out: Obj = { archflow: 1, name };
  const description = d.t.description?.replace(/\s+/g, ' ').trim();
  if (description) out.description = description;
  if (Object.keys(d.defaults).length > 0) out.defaults = d.defaults;
  const sections: Record<Section, Obj> = { producers: {}, routers: {}, consumers: {} };
  for (const node of d.nodes.values()) sections[sectionOf(node)][node.name] = declaration(node);
  for (const s of ['producers', 'routers', 'consumers'] as const) if (Object.keys(sections[s]).length > 0) out[s] = sections[s];
  return out;
}

/** Keys whose values read best as blocks even when short. */
const BLOCK_KEYS = new Set(['routes', 'rules', 'environment', 'defaults']);
/** Widest line a flow collection may make (indentation and key included). */
const FLOW_WIDTH = 98;

/**
 * Short collections inside a node's settings become one-line flow collections
 * (`deadLetter: { queue: jobs-dlq, maxReceiveCount: 5 }`); sections, node declarations, rules and
 * routes stay blocks.
 */
function styleFlows(node: unknown, depth: number, key: string | undefined, inRules: boolean): void {
  if (!isMap(node) && !isSeq(node)) return;
  const blockOnly = depth < 3 || BLOCK_KEYS.has(key ?? '') || inRules;
  const fits = (n: unknown, d: number, k: string | undefined): boolean => {
    const flat = stringify((n as { toJSON(): unknown }).toJSON(), { collectionStyle: 'flow', lineWidth: 0 }).trim();
    return d * 2 + (k === undefined ? 2 : k.length + 2) + flat.length <= FLOW_WIDTH && !flat.includes('\n');
  };
  if (!blockOnly && fits(node, depth, key)) {
    node.flow = true;
    return;
  }
  // A list whose items do not all fit on a line is written with every item as a block, alike.
  if (isSeq(node) && !blockOnly && node.items.some((item) => (isMap(item) || isSeq(item)) && !fits(item, depth + 1, undefined))) {
    for (const item of node.items) if (isMap(item)) for (const pair of item.items) if (isPair(pair)) styleFlows(pair.value, depth + 2, isScalar(pair.key) ? String(pair.key.value) : undefined, false);
    return;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
      styleFlows(pair.value, depth + 1, k, key === 'rules');
    }
  } else for (const item of node.items) styleFlows(item, depth + 1, undefined, false);
}

/** Wraps a note into comment lines of at most `width` characters, continuation lines indented. */
function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/)) {
    if (line.trim().length > 0 && line.length + 1 + word.length > width && line !== first) {
      lines.push(line);
      line = rest + word;
    } else line += (line === first || line === rest ? '' : ' ') + word;
  }
  lines.push(line);
  return lines;
}

/**
 * The architecture file: the header comment (where it came from, what was approximated), then the
 * architecture as readable YAML.
 */
export function writeArchitecture(d: Draft, name: string, source: string, notes: readonly string[]): string {
  const doc = new Document(architecture(d, name));
  styleFlows(doc.contents, 0, undefined, false);
  for (const node of d.nodes.values()) {
    if (node.suppress.size === 0) continue;
    const section = doc.get(sectionOf(node));
    const pair = isMap(section) ? section.items.find((p) => isScalar(p.key) && p.key.value === node.name) : undefined;
    if (pair && isScalar(pair.key)) {
      pair.key.commentBefore = ` archflow-disable-next-line ${[...node.suppress.keys()].join(' ')} -- ${[...node.suppress.values()].join('; ')}`;
    }
  }
  const kind = d.t.isSam ? 'AWS SAM' : 'CloudFormation';
  const header = [` Imported from ${source} (${kind} template) by \`archflow import\`.`];
  if (notes.length === 0) header.push(' Nothing had to be approximated.');
  else {
    header.push(' Review what was approximated:');
    for (const n of notes) header.push(...wrap(n, 100, ' - ', '   '));
  }
  doc.commentBefore = header.join('\n');
  return doc.toString({ lineWidth: 100, minContentWidth: 40 });
}
