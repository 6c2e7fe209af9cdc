/**
 * Deploying an architecture, start to end, for every host: generate and build the project (through
 * the one project writer), deploy it through a change set, and map a failed resource back to its
 * node in the file. The language server's handler and the CLI call this through the `DeployHost`
 * port and only format what it reports. Loaded on demand (`load.ts`): it pulls in the AWS SDK.
 */
import { dirname } from 'node:path';
import { locate, type Analysis } from '../core/index';
import { holdsData } from '../core/kinds/index';
import { recordDeployment } from './record';
import type { Span } from '../core/span';
import type { AwsTarget } from './aws';
import { DeployError } from './aws';
import { deploy, type DeployHost, type DeployResult } from './deploy';
import { keepDeployedLayout } from './keep-layout';
import { buildFunctions, nodeNamer, prepareProject } from './prepare';

export { DeployError } from './aws';
export { destroy, stackOutputs } from './deploy';
export { BuildFailed, ReplaceRefused, TypeErrors } from './prepare';

/** What to deploy and where. */
export interface DeployJob {
  readonly analysis: Analysis;
  /** The generated project's folder (absolute). */
  readonly outDir: string;
  /** The architecture file (absolute): `code` paths are relative to its folder. */
  readonly file: string;
  /** No code is packaged from outside this folder (absolute); default: the architecture file's folder. */
  readonly workspace?: string;
  readonly stackName: string;
  /** The stage deployed (`--stage`): its templates, with its overrides and its own names. */
  readonly stage?: string;
  /** Where: the person's choice, else the file's `region:`, else the AWS profile's. */
  readonly target: AwsTarget;
  readonly host: DeployHost;
  readonly signal?: AbortSignal;
  /** Files of the generated project the person allowed to be replaced in advance. */
  readonly replace?: readonly string[];
}

/** How a deploy ended; a failure also names the node it belongs to and where that node is in the file. */
export type DeployRun =
  | Exclude<DeployResult, { status: 'failed' }>
  | (Extract<DeployResult, { status: 'failed' }> & { readonly node?: string; readonly span?: Span });

/** The target with the file's region when none is given. */
export function targetOf(given: AwsTarget, fileRegion: string | undefined): AwsTarget {
  const region = given.region ?? fileRegion;
  return { ...(region ? { region } : {}), ...(given.profile ? { profile: given.profile } : {}), ...(given.endpoint ? { endpoint: given.endpoint } : {}) };
}

/**
 * Generates, builds and deploys an architecture without errors. Throws `DeployError` with a message
 * for the person when it cannot start or stops (generation refused, build failed, AWS said no).
 */
export async function deployArchitecture(job: DeployJob): Promise<DeployRun> {
  const { analysis, host } = job;
  if (analysis.problems.some((p) => p.severity === 'error')) throw new DeployError('The architecture has errors: fix them first.');
  const roots = { architectureDir: dirname(job.file), workspace: job.workspace ?? dirname(job.file) };
  // Everything that can fail locally fails before any AWS call: generation, type check, builds, packaging.
  await prepareProject(analysis, job.outDir, host, { ...(job.signal ? { signal: job.signal } : {}), ...(job.replace ? { replace: job.replace } : {}), ...(job.stage ? { stage: job.stage } : {}) });
  await buildFunctions(analysis, roots, host, job.signal);
  const result = await deploy({
    projectDir: job.outDir, roots, stackName: job.stackName, ...(job.stage ? { stage: job.stage } : {}), target: targetOf(job.target, analysis.graph.region), host,
    nodeOf: nodeNamer(analysis.graph.nodes.values()), ...(job.signal ? { signal: job.signal } : {}),
    // The deployed stack's split into nested stacks wins over a fresh folder's (a move deletes and re-creates).
    keepLayout: (deployed) => keepDeployedLayout(analysis, job.outDir, job.stackName, deployed, host, job.stage),
  });
  if (result.status === 'deployed' || result.status === 'no-changes') {
    // The editor's rename keeps the identity of what now holds data in the account (`previousName`).
    const withData = [...analysis.graph.nodes.values()].filter((n) => holdsData(n.kind)).map((n) => n.id);
    try {
      recordDeployment(job.outDir, job.stackName, targetOf(job.target, analysis.graph.region).region, withData);
    } catch {
      // The record only helps renames; a deploy never fails for it.
    }
  }
  if (result.status !== 'failed') return result;
  const nodeName = result.failure?.node;
  const node = nodeName ? analysis.graph.nodes.get(nodeName) : undefined;
  if (!node) return result;
  return { ...result, node: node.id, span: locate(analysis.doc.yaml, analysis.doc.text, node.pointer, 'key') };
}

/** Where a node is declared in the file (its key), for a failure shown at the node. */
export function nodeSpan(analysis: Analysis, name: string): Span | undefined {
  const node = analysis.graph.nodes.get(name);
  return node ? locate(analysis.doc.yaml, analysis.doc.text, node.pointer, 'key') : undefined;
}
