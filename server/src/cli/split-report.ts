import { TEMPLATE_QUOTAS as Q } from '../core/facts/cloudformation';
import type { GeneratedProject, StackReport, TemplateSet } from '../core/codegen/index';

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
const row = (r: StackReport): string => `${r.path}: ${count(r.resources, 'resource')}, ${count(r.parameters, 'parameter')}, ${count(r.outputs, 'output')}, ${kb(r.bytes)}`;

/** How one set of templates was split, as lines. */
function setLines(set: Pick<TemplateSet, 'stacks' | 'moved'>, what: string): string[] {
  const [parent, ...nested] = set.stacks;
  if (!parent) return [];
  const total = set.stacks.reduce((n, r) => n + r.resources, 0);
  const lines = nested.length === 0
    ? [`${what}: one template, ${row(parent)}`]
    : [`${what}: split into the parent and ${nested.length} nested stack${nested.length === 1 ? '' : 's'} (${total} resources, ${kb(set.stacks.reduce((n, r) => n + r.bytes, 0))}; quotas per template: ${Q.resources} resources, ${Q.parameters} parameters, ${Q.outputs} outputs, ${kb(Q.bytes)})`, ...set.stacks.map((r) => `  ${row(r)}`)];
  if (set.moved.length > 0) {
    lines.push(`  ${set.moved.length} resource${set.moved.length === 1 ? '' : 's'} moved to another stack (each is deleted and re-created by the next deploy): ${set.moved.slice(0, 10).join(', ')}${set.moved.length > 10 ? ', …' : ''}`);
  }
  return lines;
}

/** What `archflow generate` says about the templates: one, or the split into nested stacks, per stage. */
export function splitLines(project: Pick<GeneratedProject, 'stacks' | 'moved' | 'stageTemplates'>): string[] {
  return [
    ...setLines(project, 'Templates'),
    ...[...project.stageTemplates].flatMap(([stage, set]) => setLines(set, `Stage ${stage} (stages/${stage}/)`)),
  ];
}
