/**
 * Before a deploy: the generated templates keep the deployed stack's split into nested stacks. The
 * project folder remembers the last split it wrote, but a fresh folder (a CI checkout, another
 * machine) does not: then the templates are generated again with the layout read from the stack,
 * so no resource moves between stacks (a move deletes and re-creates it) without need.
 */
import type { Analysis } from '../core/index';
import { nodeFileSystem, planProject, writeProject } from '../project/index';
import { DeployError } from './aws';
import type { DeployHost } from './deploy';
import type { StackTemplates } from './preview';
import { deployedLayout } from './templates';

/** `deployed`: the templates the stack runs (read once by the deploy, which previews against them too). */
export async function keepDeployedLayout(
  analysis: Pick<Analysis, 'graph' | 'doc'>, outDir: string, stackName: string, deployed: StackTemplates | undefined, host: Pick<DeployHost, 'report'>, stage?: string,
): Promise<void> {
  const layout = deployedLayout(deployed);
  if (!layout) return;
  const set = stage ?? '';
  const plan = await planProject(nodeFileSystem, analysis, outDir, { layouts: new Map([[set, layout]]), ...(stage ? { stages: [stage] } : {}) });
  const generated = set === '' ? plan.project : plan.project.stageTemplates.get(set);
  if (!generated) return;
  const written = await planProject(nodeFileSystem, analysis, outDir, stage ? { stages: [stage] } : {});
  const before = set === '' ? written.project : written.project.stageTemplates.get(set);
  const same = before && [...generated.layout].every(([id, s]) => before.layout.get(id) === s);
  if (same) return;
  const outcome = await writeProject(nodeFileSystem, plan);
  if (outcome.status !== 'written') throw new DeployError(`Could not write the templates that keep stack ${stackName}'s nested stacks: ${outcome.status === 'unsafe' ? outcome.message : 'files not Archflow\'s to replace'}.`);
  host.report({ type: 'step', message: `Templates: kept the split of the deployed stack ${stackName} (${generated.stacks.length} templates; ${generated.moved.length} resource${generated.moved.length === 1 ? '' : 's'} had to move)` });
}
