import { join } from 'node:path';
import {
  CancelUpdateStackCommand, ContinueUpdateRollbackCommand, CreateChangeSetCommand, DeleteChangeSetCommand, DeleteStackCommand, DescribeChangeSetCommand,
  DescribeStackEventsCommand, DescribeStackResourcesCommand, DescribeStacksCommand, ExecuteChangeSetCommand, GetTemplateCommand, ListStackResourcesCommand,
  type Change, type DescribeChangeSetCommandOutput, type Stack, type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { checkArtifactBucket, countObjects, deleteUnder, ensureArtifactBucket, existingArtifactBucket, uploadPackage } from './artifacts';
import { awsClients, DeployError, explainAwsError, type AwsClients, type AwsTarget } from './aws';
import { packageFunction, type Artifact, type CodeRoots, type FunctionPackage } from './package';
import { previewStackChanges, type ChangeSummary, type StackTemplates, type TemplateBody } from './preview';
import type { ReplaceRequest } from '../project/index';
import { nestedFailure } from './nested-failure';
import { codeSites, deployedTemplates, readProjectTemplates, removeReviewUploads, resolveTemplates, uploadTemplates, withNestedOutputs, type ProjectTemplate } from './templates';

export type { ChangeSummary, ResourceChange } from './preview';

/**
 * What deploy reads from a generated template: the parameter that receives the artifact bucket,
 * each function's code-key parameter and where its code comes from (`Metadata['archflow:source']`,
 * `archflow:source-base`, `archflow:build`), and which architecture node each logical ID comes from
 * (to map failures back to lines).
 */
export interface TemplateArtifacts {
  readonly artifactBucketParameter: string;
  /** Logical ID of a function (unique across the parent and its nested stacks) → where its code comes from. */
  readonly artifacts: Readonly<Record<string, Artifact>>;
  /** Logical ID → node name. */
  readonly nodes: Readonly<Record<string, string>>;
  /** Logical ID of a function → its logical ID (as the packages are keyed). */
  readonly functions: Readonly<Record<string, string>>;
}

/** What the deploy reports while it runs. */
export type DeployEvent =
  | { type: 'step'; message: string }
  /** A line of output of the project's preparation (npm install, the build). */
  | { type: 'log'; line: string }
  | { type: 'upload'; function: string; key: string; uploaded: boolean; bytes: number }
  | { type: 'changes'; summary: ChangeSummary }
  | { type: 'resource'; logicalId: string; node?: string; status: string; reason?: string; resourceType?: string }
  | { type: 'stack'; status: string; reason?: string };

/** A stack left in a state a deploy cannot update, and what would get it going again. */
export type Recovery =
  /** Its first deploy failed and was rolled back: only deleting it lets the stack be created again. */
  | { kind: 'delete-failed-stack'; stack: string; status: 'ROLLBACK_COMPLETE'; reason?: string }
  /** An update failed and so did its rollback: continue the rollback, skipping the resources that cannot be rolled back. */
  | { kind: 'continue-rollback'; stack: string; status: 'UPDATE_ROLLBACK_FAILED'; skip: readonly ResourceFailure[] };

/** How the deploy talks to its host (the CLI or the language server). */
export interface DeployHost {
  report(event: DeployEvent): void;
  /** Asks to go ahead with the changes; false cancels. */
  confirm(summary: ChangeSummary): Promise<boolean>;
  /**
   * Asks, separately, to go ahead although resources holding data are removed or replaced
   * (`summary.dataLoss`). Absent or false: the deploy stops before anything is uploaded or executed.
   * The general confirmation never approves data loss.
   */
  confirmDataLoss?(summary: ChangeSummary): Promise<boolean>;
  /** Asks to recover a stack a deploy cannot update (`Recovery`); absent or false: the deploy stops and says how. */
  confirmRecovery?(recovery: Recovery): Promise<boolean>;
  /**
   * Asks whether files of the generated project that are not Archflow's to rewrite (edited since
   * generated, or not written by it) may be replaced; absent or false: the deploy stops before writing.
   */
  confirmReplace?(outDir: string, files: readonly ReplaceRequest[]): Promise<boolean>;
}

export interface DeployOptions {
  /** The generated, built project (template.json at its root, function builds in it). */
  readonly projectDir: string;
  /** The stage deployed: its templates are `stages/<stage>/` of the project (default: the file as written). */
  readonly stage?: string;
  /** The architecture file's folder (`code` paths start there) and the workspace no code may leave; default: the project's parent. */
  readonly roots?: Omit<CodeRoots, 'projectDir'>;
  /**
   * Called once packaging is done, before the templates are read for the review, with the templates
   * the deployed stack runs (undefined: no stack yet): rewrites the project's to keep the deployed
   * split. The deploy reads the deployed templates once, for this and for the preview.
   */
  readonly keepLayout?: (deployed: StackTemplates | undefined) => Promise<void>;
  /** Names the architecture node of a logical ID. */
  readonly nodeOf: (logicalId: string) => string | undefined;
  readonly stackName: string;
  readonly target: AwsTarget;
  readonly host: DeployHost;
  readonly signal?: AbortSignal;
  /** Polling interval for CloudFormation (ms). */
  readonly pollMs?: number;
  /** Upper bound for the whole stack operation (ms). */
  readonly timeoutMs?: number;
}

/** How a deploy ended. */
export type DeployResult =
  | { status: 'deployed'; outputs: Record<string, string>; summary: ChangeSummary; uploaded: number; reused: number }
  | { status: 'no-changes'; outputs: Record<string, string>; uploaded: number; reused: number }
  /** `data-loss`: the changes were approved but the data loss was not; `recovery`: the stack's state needed a step that was declined. */
  | { status: 'cancelled'; stage: 'review' | 'running'; reason?: 'data-loss' | 'recovery'; message?: string }
  | { status: 'failed'; stackStatus: string; failure?: ResourceFailure; rolledBack: boolean };

/** The first resource that failed, with CloudFormation's reason and the node it belongs to. */
export interface ResourceFailure {
  readonly logicalId: string;
  readonly resourceType?: string;
  readonly node?: string;
  readonly reason: string;
  /** The nested stack holding it (its logical ID in the parent), when it failed inside one. */
  readonly stack?: string;
}

/**
 * Reads what deploy needs from a generated template. `nodeOf` names the node a logical ID was
 * generated from (the caller knows the naming scheme).
 */
export function templateArtifacts(templates: readonly ProjectTemplate[], nodeOf: (logicalId: string) => string | undefined): TemplateArtifacts {
  const parent = templates.find((t) => t.name === '')!;
  const parameters = (parent.body.Parameters ?? {}) as Record<string, unknown>;
  const sites = codeSites(templates);
  if (sites.length > 0 && !('ArtifactBucket' in parameters)) throw new DeployError(`${parent.path} has no ArtifactBucket parameter: generate the project with Archflow first.`);
  const artifacts: Record<string, Artifact> = {};
  const nodes: Record<string, string> = {};
  const functions: Record<string, string> = {};
  for (const t of templates) {
    for (const id of Object.keys((t.body.Resources ?? {}) as Record<string, unknown>)) {
      const node = nodeOf(id);
      if (node) nodes[id] = node;
    }
  }
  for (const site of sites) {
    const key = site.logicalId;
    const node = nodes[site.logicalId];
    const build = site.metadata['archflow:build'] as { command?: unknown; artifact?: unknown } | undefined;
    artifacts[key] = {
      name: node ?? site.source.split('/').pop() ?? site.source, source: site.source,
      base: site.metadata['archflow:source-base'] === 'architecture' ? 'architecture' : 'project',
      ...(build && typeof build.command === 'string' ? { build: { command: build.command, ...(typeof build.artifact === 'string' ? { artifact: build.artifact } : {}) } } : {}),
    };
    functions[key] = site.logicalId;
  }
  return { artifactBucketParameter: 'ArtifactBucket', artifacts, nodes, functions };
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((res) => {
    const t = setTimeout(res, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      res();
    }, { once: true });
  });

function outputsOf(stack: Stack | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of stack?.Outputs ?? []) if (o.OutputKey) out[o.OutputKey] = o.OutputValue ?? '';
  return out;
}

/** The template a stack runs, or undefined (a stack that has none yet). */
async function deployedTemplate(aws: AwsClients, stackName: string): Promise<TemplateBody | undefined> {
  try {
    const t = await aws.cloudFormation.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }));
    const body = t.TemplateBody;
    if (!body) return undefined;
    const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as TemplateBody;
    return parsed && typeof parsed === 'object' && Object.keys(parsed).length > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stack's outputs. Some endpoints (moto, for stacks created from a change set) report none even
 * though the template declares them: then `Ref` outputs are resolved from the stack's resources,
 * which is what CloudFormation itself would have reported for them.
 */
async function resolvedOutputs(aws: AwsClients, stackName: string, template?: Record<string, unknown>): Promise<Record<string, string>> {
  return withNestedOutputs(aws, stackName, await ownOutputs(aws, stackName, template));
}

async function ownOutputs(aws: AwsClients, stackName: string, template?: Record<string, unknown>): Promise<Record<string, string>> {
  const reported = outputsOf(await describeStack(aws, stackName));
  if (Object.keys(reported).length > 0) return reported;
  const body = template ?? (await deployedTemplate(aws, stackName));
  const declared = (body?.Outputs ?? {}) as Record<string, { Value?: { Ref?: string } }>;
  if (Object.keys(declared).length === 0) return reported;
  const physical = await physicalIds(aws, stackName);
  const out: Record<string, string> = {};
  for (const [key, o] of Object.entries(declared)) {
    const ref = o?.Value?.Ref;
    const value = typeof ref === 'string' ? physical.get(ref) : undefined;
    if (value) out[key] = value;
  }
  return out;
}

/** Logical ID → physical ID of a stack's resources. */
async function physicalIds(aws: AwsClients, stackName: string): Promise<Map<string, string>> {
  const physical = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await aws.cloudFormation.send(new ListStackResourcesCommand({ StackName: stackName, ...(token ? { NextToken: token } : {}) }));
    for (const r of page.StackResourceSummaries ?? []) if (r.LogicalResourceId && r.PhysicalResourceId) physical.set(r.LogicalResourceId, r.PhysicalResourceId);
    token = page.NextToken;
  } while (token);
  return physical;
}

async function describeStack(aws: AwsClients, stackName: string): Promise<Stack | undefined> {
  try {
    const r = await aws.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const s = r.Stacks?.[0];
    return s && s.StackStatus !== 'DELETE_COMPLETE' ? s : undefined;
  } catch (err) {
    if (/does not exist/i.test((err as Error).message)) return undefined;
    throw err;
  }
}

/** The account the credentials belong to: it must own the artifact bucket. */
async function accountOf(aws: AwsClients): Promise<string> {
  const identity = await aws.sts.send(new GetCallerIdentityCommand({}));
  return identity.Account ?? 'local';
}

/** Deletes a stack that has no resources to keep (a declined first deploy) and waits until it is gone. */
async function removeStack(aws: AwsClients, stackName: string, meta: TemplateArtifacts, host: DeployHost, pollMs: number, timeoutMs?: number): Promise<void> {
  await aws.cloudFormation.send(new DeleteStackCommand({ StackName: stackName }));
  await waitFor(aws, stackName, meta, host, pollMs, timeoutMs, undefined, true);
}

/** The resources whose rollback failed in a stack in UPDATE_ROLLBACK_FAILED: what continue-update-rollback may skip. */
async function failedInRollback(aws: AwsClients, stackName: string, nodes: Readonly<Record<string, string>>): Promise<ResourceFailure[]> {
  const r = await aws.cloudFormation.send(new DescribeStackResourcesCommand({ StackName: stackName }));
  return (r.StackResources ?? [])
    .filter((x) => x.LogicalResourceId && x.ResourceStatus === 'UPDATE_FAILED')
    .map((x) => ({ logicalId: x.LogicalResourceId!, reason: x.ResourceStatusReason ?? 'UPDATE_FAILED', ...(x.ResourceType ? { resourceType: x.ResourceType } : {}), ...(nodes[x.LogicalResourceId!] ? { node: nodes[x.LogicalResourceId!] } : {}) }));
}

const TERMINAL = /(_COMPLETE|_FAILED)$/;
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;
const FAILED = /(ROLLBACK|FAILED)/;
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;

/**
 * Deploys a generated, built project. Before any AWS call it packages every function (its code
 * checked to stay in the workspace, file modes kept). Then: the artifact bucket, the stack's state
 * (a stack left in ROLLBACK_COMPLETE or UPDATE_ROLLBACK_FAILED only with the person's consent), a
 * change set with the packages' keys, the property-level preview, the confirmation (and a separate
 * one for data loss). Only then are the packages uploaded and the change set executed; a declined
 * first deploy leaves no stack behind. Never throws for AWS failures: they come back as `failed`.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const { projectDir, stackName, host, signal } = options;
  const pollMs = options.pollMs ?? 2000;
  let templates = readProjectTemplates(projectDir, options.stage);
  let meta = templateArtifacts(templates, options.nodeOf);
  const roots: CodeRoots = { projectDir, architectureDir: options.roots?.architectureDir ?? join(projectDir, '..'), workspace: options.roots?.workspace ?? join(projectDir, '..') };

  // 1. Packages, before any AWS call: nothing leaves the machine until the change set is approved.
  const packages = new Map<string, FunctionPackage>();
  for (const [id, artifact] of Object.entries(meta.artifacts).sort(([a], [b]) => (a < b ? -1 : 1))) packages.set(id, packageFunction(artifact, roots));
  const keyOf = (p: FunctionPackage): string => `${stackName}/${p.name}/${p.hash}.zip`;
  const codeKeys = new Map([...packages].map(([id, p]) => [id, keyOf(p)]));

  let aws: AwsClients;
  try {
    aws = await awsClients(options.target);
    host.report({ type: 'step', message: `Deploying stack ${stackName} to ${aws.region}${options.target.endpoint ? ` at ${options.target.endpoint}` : ''}` });
    // The deployed templates (the parent's and each nested stack's), read once: for the split kept and for the preview.
    let deployed: StackTemplates | undefined = await deployedTemplates(aws, stackName);
    if (options.keepLayout) {
      await options.keepLayout(deployed);
      templates = readProjectTemplates(projectDir, options.stage);
      meta = templateArtifacts(templates, options.nodeOf);
    }
    const account = await accountOf(aws);
    // The bucket is checked (owner) now. It holds the templates CloudFormation reads for the review
    // (created for them when missing, removed again when a first deploy is declined); the packages
    // are uploaded only after approval.
    const planned = await checkArtifactBucket(aws, account);
    const bucket = await ensureArtifactBucket(aws, planned, (message) => host.report({ type: 'step', message }));
    const parent = templates.find((t) => t.name === '')!;
    const parameters: { ParameterKey: string; ParameterValue: string }[] = 'ArtifactBucket' in ((parent.body.Parameters ?? {}) as object) ? [{ ParameterKey: meta.artifactBucketParameter, ParameterValue: bucket.name }] : [];
    // Every template goes through the artifact bucket (`TemplateURL`): never inline, whatever its size.
    const resolved = resolveTemplates(templates, codeKeys, bucket.name, aws.region, stackName);
    const template = JSON.parse(resolved.find((t) => t.name === '')!.text) as TemplateBody;
    const review = await uploadTemplates(aws, bucket, resolved, (message) => host.report({ type: 'step', message }));
    if (signal?.aborted) {
      await removeReviewUploads(aws, bucket, review, !planned.exists, (message) => host.report({ type: 'step', message }));
      return { status: 'cancelled', stage: 'review' };
    }
    if (signal?.aborted) return { status: 'cancelled', stage: 'review' };

    // 2. The stack's state.
    let existing = await describeStack(aws, stackName);
    const status = existing?.StackStatus ?? '';
    if (status === 'REVIEW_IN_PROGRESS') {
      // A change set that was never executed left an empty stack: it holds nothing, so it goes.
      host.report({ type: 'step', message: `Removing the empty stack ${stackName} (REVIEW_IN_PROGRESS) left by a deploy that was not executed` });
      await removeStack(aws, stackName, meta, host, pollMs, options.timeoutMs);
      existing = undefined;
      deployed = undefined;
    } else if (status === 'ROLLBACK_COMPLETE') {
      const recovery: Recovery = { kind: 'delete-failed-stack', stack: stackName, status: 'ROLLBACK_COMPLETE', ...(existing?.StackStatusReason ? { reason: existing.StackStatusReason } : {}) };
      if (!host.confirmRecovery || !(await host.confirmRecovery(recovery))) {
        return { status: 'cancelled', stage: 'review', reason: 'recovery', message: `Stack ${stackName} is in ROLLBACK_COMPLETE: its first deploy failed and was rolled back, so it cannot be updated. Nothing was changed; deleting it (and deploying again) needs your consent.` };
      }
      host.report({ type: 'step', message: `Deleting the failed first attempt of ${stackName} (ROLLBACK_COMPLETE)` });
      await removeStack(aws, stackName, meta, host, pollMs, options.timeoutMs);
      existing = undefined;
      deployed = undefined;
    } else if (status === 'UPDATE_ROLLBACK_FAILED') {
      const skip = await failedInRollback(aws, stackName, meta.nodes);
      const recovery: Recovery = { kind: 'continue-rollback', stack: stackName, status: 'UPDATE_ROLLBACK_FAILED', skip };
      if (!host.confirmRecovery || !(await host.confirmRecovery(recovery))) {
        return { status: 'cancelled', stage: 'review', reason: 'recovery', message: `Stack ${stackName} is in UPDATE_ROLLBACK_FAILED: an update failed and so did its rollback. Nothing was changed; continuing the rollback${skip.length ? ` (skipping ${skip.map((s) => s.logicalId).join(', ')})` : ''} needs your consent.` };
      }
      host.report({ type: 'step', message: `Continuing the rollback of ${stackName}${skip.length ? `, skipping ${skip.map((s) => s.logicalId).join(', ')}` : ''}` });
      await aws.cloudFormation.send(new ContinueUpdateRollbackCommand({ StackName: stackName, ...(skip.length ? { ResourcesToSkip: skip.map((s) => s.logicalId) } : {}) }));
      const end = await waitFor(aws, stackName, meta, host, pollMs, options.timeoutMs, signal, false, false);
      if (end.status !== 'UPDATE_ROLLBACK_COMPLETE') throw new DeployError(`The rollback of ${stackName} ended in ${end.status}${end.failure ? `: ${end.failure.reason}` : ''}.`);
      existing = await describeStack(aws, stackName);
      // The rollback changed what the stack runs: read it again.
      deployed = await deployedTemplates(aws, stackName);
    } else if (/_IN_PROGRESS$/.test(status)) {
      throw new DeployError(`Stack ${stackName} is busy (${status}); wait for it to finish.`);
    } else if (status && /FAILED$/.test(status) && status !== 'UPDATE_ROLLBACK_COMPLETE') {
      throw new DeployError(`Stack ${stackName} is ${status}${existing?.StackStatusReason ? ` (${existing.StackStatusReason})` : ''}: Archflow cannot update it.`, 'See its events in the CloudFormation console; `archflow destroy` deletes it.');
    }
    const create = !existing;
    // With its nested stacks' templates (read above): the review sees every resource, not only that a nested stack changes.
    if (create) deployed = undefined;

    // 3. Change set, with the keys of packages not uploaded yet.
    const changeSetName = `archflow-${Date.now()}`;
    /** A declined or failed review leaves nothing: the change set goes, and so does the empty stack a first deploy made. */
    const withdraw = async (): Promise<void> => {
      await aws.cloudFormation.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })).catch(() => undefined);
      if (create && (await describeStack(aws, stackName))?.StackStatus === 'REVIEW_IN_PROGRESS') {
        host.report({ type: 'step', message: `Removing the empty stack ${stackName}: nothing was deployed` });
        await removeStack(aws, stackName, meta, host, pollMs, options.timeoutMs).catch(() => undefined);
      }
      await removeReviewUploads(aws, bucket, review, create && !planned.exists, (message) => host.report({ type: 'step', message })).catch(() => undefined);
    };
    host.report({ type: 'step', message: 'Creating the change set' });
    try {
      await aws.cloudFormation.send(new CreateChangeSetCommand({
        StackName: stackName, ChangeSetName: changeSetName, ChangeSetType: create ? 'CREATE' : 'UPDATE',
        TemplateURL: review.url, Parameters: parameters, Capabilities: [...CAPABILITIES],
        Tags: [{ Key: 'archflow:stack', Value: stackName }],
      }));
    } catch (err) {
      // Some endpoints refuse an empty change set at once instead of failing it later.
      if (!NO_CHANGES.test((err as Error).message)) throw err;
      host.report({ type: 'step', message: 'No changes: the stack is up to date.' });
      return { status: 'no-changes', outputs: await resolvedOutputs(aws, stackName, template), uploaded: 0, reused: packages.size };
    }
    let described: DescribeChangeSetCommandOutput;
    for (;;) {
      described = await aws.cloudFormation.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
      if (described.Status === 'FAILED') {
        if (NO_CHANGES.test(described.StatusReason ?? '')) {
          await aws.cloudFormation.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })).catch(() => undefined);
          host.report({ type: 'step', message: 'No changes: the stack is up to date.' });
          return { status: 'no-changes', outputs: await resolvedOutputs(aws, stackName, template), uploaded: 0, reused: packages.size };
        }
        await withdraw();
        throw new DeployError(`CloudFormation rejected the change set: ${described.StatusReason ?? 'no reason given'}`);
      }
      if (described.Status === 'CREATE_COMPLETE') break;
      if (signal?.aborted) {
        await withdraw();
        return { status: 'cancelled', stage: 'review' };
      }
      await sleep(Math.min(pollMs, 1000), signal);
    }
    // Every page of changes (a large stack has more than one).
    let changes: Change[] = described.Changes ?? [];
    for (let token = described.NextToken; token;) {
      const page = await aws.cloudFormation.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, NextToken: token }));
      changes = changes.concat(page.Changes ?? []);
      token = page.NextToken;
    }

    // 4. Review: the changes, then (separately) the data loss.
    const nextNested = new Map(resolved.filter((t) => t.name !== '').map((t) => [t.name, JSON.parse(t.text) as TemplateBody]));
    const summary = previewStackChanges(stackName, deployed, { parent: template, nested: nextNested }, { ...described, Changes: changes }, meta.nodes);
    host.report({ type: 'changes', summary });
    if (!(await host.confirm(summary)) || signal?.aborted) {
      await withdraw();
      return { status: 'cancelled', stage: 'review' };
    }
    if (summary.dataLoss.length > 0 && (!host.confirmDataLoss || !(await host.confirmDataLoss(summary)) || signal?.aborted)) {
      await withdraw();
      return { status: 'cancelled', stage: 'review', reason: 'data-loss' };
    }

    // 5. Upload what the approved change set needs (by content hash), then execute.
    let uploaded = 0;
    let reused = 0;
    for (const p of packages.values()) {
      const key = keyOf(p);
      const wrote = await uploadPackage(aws, bucket, key, p.zip);
      if (wrote) uploaded++;
      else reused++;
      host.report({ type: 'upload', function: p.name, key, uploaded: wrote, bytes: p.zip.length });
    }
    if (signal?.aborted) {
      await withdraw();
      return { status: 'cancelled', stage: 'review' };
    }
    host.report({ type: 'step', message: 'Executing the change set' });
    try {
      await aws.cloudFormation.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
    } catch (err) {
      // AWS reports a resource that cannot be created as a *_FAILED stack event. Some emulators
      // (moto) fail the ExecuteChangeSet call itself instead: map that error to a resource too.
      const failure = synchronousFailure(err, summary);
      if (!failure) throw err;
      host.report({ type: 'resource', logicalId: failure.logicalId, status: 'CREATE_FAILED', reason: failure.reason, ...(failure.node ? { node: failure.node } : {}), ...(failure.resourceType ? { resourceType: failure.resourceType } : {}) });
      return { status: 'failed', stackStatus: create ? 'CREATE_FAILED' : 'UPDATE_FAILED', failure, rolledBack: false };
    }
    const end = await waitFor(aws, stackName, meta, host, pollMs, options.timeoutMs, signal, false, !create);
    if (end.cancelled) return { status: 'cancelled', stage: 'running' };
    if (FAILED.test(end.status)) {
      return { status: 'failed', stackStatus: end.status, ...(end.failure ? { failure: end.failure } : {}), rolledBack: /ROLLBACK_COMPLETE$/.test(end.status) };
    }
    return { status: 'deployed', outputs: await resolvedOutputs(aws, stackName, template), summary, uploaded, reused };
  } catch (err) {
    throw explainAwsError(err);
  }
}

/** Service words in error messages → the resource types they speak of. */
const TYPE_WORDS: readonly [RegExp, string][] = [
  [/\bfunction\b|lambda/i, 'AWS::Lambda::Function'],
  [/\bevent source mapping\b/i, 'AWS::Lambda::EventSourceMapping'],
  [/\bqueue\b/i, 'AWS::SQS::Queue'],
  [/\btopic\b/i, 'AWS::SNS::Topic'],
  [/\bbucket\b/i, 'AWS::S3::Bucket'],
  [/\bstream\b/i, 'AWS::Kinesis::Stream'],
  [/\btable\b/i, 'AWS::DynamoDB::Table'],
  [/\brule\b/i, 'AWS::Events::Rule'],
  [/\bevent bus\b/i, 'AWS::Events::EventBus'],
  [/\brole\b/i, 'AWS::IAM::Role'],
];

/**
 * The failure behind an error thrown by ExecuteChangeSet, when the endpoint failed a resource
 * synchronously: its message, and the resource when exactly one resource of the kind it names is
 * being added or changed.
 */
function synchronousFailure(err: unknown, summary: ChangeSummary): ResourceFailure | undefined {
  const e = err as { message?: string; $responseBodyText?: string; name?: string };
  let reason = e?.message ?? '';
  const body = e?.$responseBodyText;
  if (body) {
    try {
      const parsed = JSON.parse(body) as { message?: string; Message?: string; __type?: string };
      reason = parsed.message ?? parsed.Message ?? reason;
    } catch {
      const m = /<Message>([\s\S]*?)<\/Message>/.exec(body);
      if (m) reason = m[1]!;
    }
  }
  if (!reason || /credentials|AccessDenied|not authorized|ECONNREFUSED|ENOTFOUND|throttl/i.test(reason + (e?.name ?? ''))) return undefined;
  const changing = [...summary.add, ...summary.modify, ...summary.replace];
  for (const [words, type] of TYPE_WORDS) {
    if (!words.test(reason)) continue;
    const candidates = changing.filter((c) => c.type === type);
    if (candidates.length === 1) {
      const c = candidates[0]!;
      return { logicalId: c.logicalId, resourceType: c.type, reason, ...(c.node ? { node: c.node } : {}) };
    }
  }
  return { logicalId: summary.stack, reason };
}

/** Follows a stack operation until it settles, reporting each new event. */
async function waitFor(
  aws: AwsClients, stackName: string, meta: TemplateArtifacts, host: DeployHost, pollMs: number,
  timeoutMs = 60 * 60_000, signal?: AbortSignal, deleting = false, update = false,
): Promise<{ status: string; failure?: ResourceFailure; cancelled?: boolean }> {
  const seen = new Set<string>();
  const started = Date.now();
  let failure: ResourceFailure | undefined;
  let cancelRequested = false;
  for (;;) {
    if (signal?.aborted && !cancelRequested && !deleting) {
      cancelRequested = true;
      host.report({ type: 'step', message: update ? 'Cancelling the update (CloudFormation rolls it back)' : 'Stopping: the stack will be rolled back' });
      if (update) await aws.cloudFormation.send(new CancelUpdateStackCommand({ StackName: stackName })).catch(() => undefined);
      else await aws.cloudFormation.send(new DeleteStackCommand({ StackName: stackName })).catch(() => undefined);
    }
    let events: StackEvent[] = [];
    try {
      events = (await aws.cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackName }))).StackEvents ?? [];
    } catch (err) {
      if (deleting && /does not exist/i.test((err as Error).message)) return { status: 'DELETE_COMPLETE' };
    }
    for (const e of [...events].reverse()) {
      const id = e.EventId ?? `${e.LogicalResourceId}/${e.ResourceStatus}/${String(e.Timestamp)}`;
      if (seen.has(id) || (e.Timestamp && e.Timestamp.getTime() < started - 5000)) {
        seen.add(id);
        continue;
      }
      seen.add(id);
      if (!e.LogicalResourceId || !e.ResourceStatus) continue;
      if (e.LogicalResourceId === stackName && e.ResourceType === 'AWS::CloudFormation::Stack') {
        host.report({ type: 'stack', status: e.ResourceStatus, ...(e.ResourceStatusReason ? { reason: e.ResourceStatusReason } : {}) });
        continue;
      }
      const node = meta.nodes[e.LogicalResourceId];
      host.report({ type: 'resource', logicalId: e.LogicalResourceId, status: e.ResourceStatus, ...(node ? { node } : {}), ...(e.ResourceType ? { resourceType: e.ResourceType } : {}), ...(e.ResourceStatusReason ? { reason: e.ResourceStatusReason } : {}) });
      if (!failure && /_FAILED$/.test(e.ResourceStatus) && !/cancelled/i.test(e.ResourceStatusReason ?? '')) {
        failure = { logicalId: e.LogicalResourceId, reason: e.ResourceStatusReason ?? e.ResourceStatus, ...(node ? { node } : {}), ...(e.ResourceType ? { resourceType: e.ResourceType } : {}) };
        // A nested stack failed: the resource that failed is in its own events, and so is the node.
        if (e.ResourceType === 'AWS::CloudFormation::Stack' && e.PhysicalResourceId && e.PhysicalResourceId !== e.StackId) {
          const inner = await nestedFailure(aws, e.LogicalResourceId, e.PhysicalResourceId, meta.nodes, new Date(started - 5000)).catch(() => undefined);
          if (inner) {
            const { status: innerStatus, ...innerFailure } = inner;
            failure = innerFailure;
            host.report({ type: 'resource', logicalId: inner.logicalId, status: innerStatus, reason: inner.reason, ...(inner.node ? { node: inner.node } : {}), ...(inner.resourceType ? { resourceType: inner.resourceType } : {}) });
          }
        }
      }
    }
    const stack = await describeStack(aws, stackName);
    if (!stack) return deleting || cancelRequested ? { status: 'DELETE_COMPLETE', cancelled: cancelRequested } : { status: 'DELETE_COMPLETE' };
    const status = stack.StackStatus ?? '';
    if (TERMINAL.test(status) && !/_IN_PROGRESS$/.test(status)) {
      if (!failure && FAILED.test(status) && stack.StackStatusReason) failure = { logicalId: stackName, reason: stack.StackStatusReason };
      return { status, ...(failure ? { failure } : {}), ...(cancelRequested ? { cancelled: true } : {}) };
    }
    if (Date.now() - started > timeoutMs) throw new DeployError(`Stack ${stackName} is still ${status} after ${Math.round(timeoutMs / 60000)} minutes; follow it in the CloudFormation console.`);
    await sleep(pollMs);
  }
}

/** A resource a deleted stack left in the account because its policy keeps it. */
export interface RetainedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId?: string;
  /** For a bucket: how many objects it still holds (counted up to 1,000). */
  readonly objects?: number;
}

/** How a destroy ended: what was kept and how many of the stack's packages were removed from the artifact bucket. */
export type DestroyResult =
  | { status: 'absent'; artifactsDeleted: number }
  | { status: 'deleted'; retained: readonly RetainedResource[]; artifactsDeleted: number }
  | { status: 'failed'; reason: string };

const KEEPS = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/**
 * Deletes a stack and waits until it is gone, then removes its packages from the artifact bucket.
 * Resources whose policy keeps them (tables, buckets, streams and queues by default) stay in the
 * account and are reported, a bucket with the objects it still holds: never claimed deleted.
 */
export async function destroy(options: { stackName: string; target: AwsTarget; host: DeployHost; pollMs?: number; timeoutMs?: number }): Promise<DestroyResult> {
  try {
    const aws = await awsClients(options.target);
    const account = await accountOf(aws);
    const bucket = await existingArtifactBucket(aws, account);
    const removeArtifacts = async (): Promise<number> => {
      if (!bucket) return 0;
      // Its templates (`<stack>/templates/`, what CloudFormation read), then its packages.
      const templates = await deleteUnder(aws, bucket, `${options.stackName}/templates/`);
      const n = await deleteUnder(aws, bucket, `${options.stackName}/`);
      if (n + templates > 0) options.host.report({ type: 'step', message: `Deleted ${n} package${n === 1 ? '' : 's'} of ${options.stackName} from ${bucket.name}${templates > 0 ? ` (and ${templates} template${templates === 1 ? '' : 's'})` : ''}` });
      return n;
    };
    const stack = await describeStack(aws, options.stackName);
    if (!stack) return { status: 'absent', artifactsDeleted: await removeArtifacts() };
    const template = await deployedTemplate(aws, options.stackName);
    const physical = await physicalIds(aws, options.stackName).catch(() => new Map<string, string>());
    const kept = Object.entries((template?.Resources ?? {}) as Record<string, { Type?: string; DeletionPolicy?: string }>)
      .filter(([, r]) => KEEPS.has(r.DeletionPolicy ?? ''))
      .map(([id, r]) => ({ logicalId: id, type: r.Type ?? '', ...(physical.get(id) ? { physicalId: physical.get(id)! } : {}) }));
    options.host.report({ type: 'step', message: `Deleting stack ${options.stackName} in ${aws.region}` });
    await aws.cloudFormation.send(new DeleteStackCommand({ StackName: options.stackName }));
    const end = await waitFor(aws, options.stackName, { artifactBucketParameter: '', artifacts: {}, nodes: {}, functions: {} }, options.host, options.pollMs ?? 2000, options.timeoutMs, undefined, true);
    if (end.status !== 'DELETE_COMPLETE') return { status: 'failed', reason: end.failure?.reason ?? end.status };
    const retained: RetainedResource[] = [];
    for (const r of kept) {
      if (r.type === 'AWS::S3::Bucket' && r.physicalId) {
        const objects = await countObjects(aws, r.physicalId, account).catch(() => undefined);
        retained.push({ ...r, ...(objects !== undefined ? { objects } : {}) });
      } else retained.push(r);
    }
    return { status: 'deleted', retained, artifactsDeleted: await removeArtifacts() };
  } catch (err) {
    throw explainAwsError(err);
  }
}

/** The outputs of a deployed stack (empty when it does not exist). */
export async function stackOutputs(options: { stackName: string; target: AwsTarget }): Promise<Record<string, string> | undefined> {
  try {
    const aws = await awsClients(options.target);
    const stack = await describeStack(aws, options.stackName);
    return stack ? await resolvedOutputs(aws, options.stackName) : undefined;
  } catch (err) {
    throw explainAwsError(err);
  }
}
