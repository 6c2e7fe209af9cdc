// The `access` words of an emit, for completion and hover: the words of the target's kind (the
// permission table, model/edge-permissions.ts ACCESS), each with the exact actions it grants.
import { article, kindLabel } from '../kinds/index';
import { ACCESS, accessGrants, permissionKind, type PermissionScope } from '../model/edge-permissions';
import type { Graph } from '../model/graph';
import type { NodeKind } from '../model/kinds';
import type { Pointer } from '../span';
import { isObj } from '../util/value';

/** The emit an `access` value belongs to (`consumers/<fn>/emits/<i>/access`, or an item of its list), or undefined. */
export function accessEmit(pointer: Pointer): Pointer | undefined {
  const at = pointer.lastIndexOf('access');
  if (at !== 4 || pointer.length > 6 || pointer[0] !== 'consumers' || pointer[2] !== 'emits' || typeof pointer[3] !== 'number') return undefined;
  if (pointer.length === 6 && typeof pointer[5] !== 'number') return undefined;
  return pointer.slice(0, 4);
}

/** What a scope of a kind's node is, in words. */
function scopeWords(kind: NodeKind, scope: PermissionScope): string {
  switch (scope) {
    case 'objects': return 'its objects (under `prefix`)';
    case 'index': return 'its indexes';
    case 'stream': return 'its stream';
    case 'consumer': return 'its stream consumer';
    case 'executions': return 'its executions';
    case 'connections': return 'its `@connections` API (POST: sending to a client)';
    case 'any-connections': return 'its `@connections` API (every method)';
    default: return `the ${kindLabel(kind)}`;
  }
}

/** One word of a kind's vocabulary in Markdown: what it lets the function do, and exactly which actions on what. */
export function accessWordMarkdown(kind: NodeKind, word: string, target?: string): string | undefined {
  const vocabulary = ACCESS[kind];
  const w = vocabulary && Object.hasOwn(vocabulary.words, word) ? vocabulary.words[word] : undefined;
  if (!vocabulary || !w) return undefined;
  const grants = accessGrants(kind, [word]);
  const on = target !== undefined ? ` ${kindLabel(kind)} \`${target}\`` : ` ${article(kind)}`;
  return [
    `**access \`${word}\`**${word === vocabulary.default ? ' (the default)' : ''} on${on}: ${w.doc}.`,
    '',
    ...grants.map((g) => `- ${g.actions.map((a) => `\`${a}\``).join(', ')} on ${scopeWords(kind, g.scope)}`),
  ].join('\n');
}

/** The kind an emit names, by its `to` (the value of the emit at `emit` in the document). */
export function accessKind(graph: Graph, root: unknown, emit: Pointer): { kind: NodeKind; target: string } | undefined {
  let v: unknown = root;
  for (const s of emit) v = Array.isArray(v) ? v[Number(s)] : isObj(v) ? v[String(s)] : undefined;
  const to = isObj(v) ? v.to : undefined;
  const node = typeof to === 'string' ? graph.nodes.get(to) : undefined;
  if (!node) return undefined;
  const kind = permissionKind(node);
  return ACCESS[kind] ? { kind, target: node.id } : undefined;
}

/** The words of a kind, in the order of the table. */
export function accessWordsOf(kind: NodeKind): string[] {
  return Object.keys(ACCESS[kind]?.words ?? {});
}

/** Every word of a kind in Markdown, for a hover on `access`: one word or a list, each with its actions. */
export function accessMarkdown(kind: NodeKind, target: string): string {
  const vocabulary = ACCESS[kind];
  if (!vocabulary) return '';
  return [
    `**access** of ${kindLabel(kind)} \`${target}\`: one word or a list (\`access: [${accessWordsOf(kind).slice(0, 2).join(', ')}]\`); default \`${vocabulary.default}\`.`,
    '',
    ...accessWordsOf(kind).map((w) => {
      const grants = accessGrants(kind, [w]);
      return `- \`${w}\`: ${grants.map((g) => `${g.actions.map((a) => `\`${a}\``).join(', ')} on ${scopeWords(kind, g.scope)}`).join('; ')}`;
    }),
  ].join('\n');
}
