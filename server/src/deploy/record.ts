/**
 * What was deployed from a project: `<project>/.archflow/deployed.json` names, per stack, the nodes
 * deployed with resources that hold data. The editor's rename reads it to keep their deployed
 * identity (`previousName`). Small and without the AWS SDK, so the language server reads it cheaply.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join('.archflow', 'deployed.json');

interface Record {
  readonly stacks: { readonly [stack: string]: { readonly region?: string; readonly nodes: readonly string[] } };
}

function read(projectDir: string): Record {
  try {
    const r = JSON.parse(readFileSync(join(projectDir, FILE), 'utf8')) as Record;
    return r && typeof r.stacks === 'object' && r.stacks ? r : { stacks: {} };
  } catch {
    return { stacks: {} };
  }
}

/** Notes the nodes a stack now holds data for (after a deploy that succeeded or had nothing to change). */
export function recordDeployment(projectDir: string, stack: string, region: string | undefined, nodes: readonly string[]): void {
  const r = read(projectDir);
  const next: Record = { stacks: { ...r.stacks, [stack]: { ...(region ? { region } : {}), nodes: [...new Set(nodes)].sort() } } };
  mkdirSync(join(projectDir, '.archflow'), { recursive: true });
  const tmp = join(projectDir, `${FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n');
  renameSync(tmp, join(projectDir, FILE));
}

/** Every node some stack of the project was deployed with, holding data. */
export function deployedNodes(projectDir: string): Set<string> {
  return new Set(Object.values(read(projectDir).stacks).flatMap((s) => (Array.isArray(s.nodes) ? s.nodes : [])));
}
