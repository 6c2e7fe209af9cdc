/** Stages in the client, without the language server: what the stage picker offers. */

/** The stages the file declares (`stages:` at the top level, one key per stage), in the order written. */
export function declaredStages(text: string): string[] {
  const block = /^stages:[ \t]*(?:#.*)?\r?\n((?:(?:[ \t]+.*|[ \t]*)(?:\r?\n|$))*)/m.exec(text)?.[1] ?? '';
  const indent = /^([ \t]+)\S/m.exec(block)?.[1];
  if (!indent) return [];
  return [...block.matchAll(new RegExp(`^${indent}([a-z][a-z0-9-]{0,19})[ \\t]*:`, 'gm'))].map((m) => m[1]!);
}
