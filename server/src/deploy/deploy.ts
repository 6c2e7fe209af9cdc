import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  CreateChangeSetCommand, DeleteChangeSetCommand, DeleteStackCommand, DescribeChangeSetCommand, DescribeStackEventsCommand,
  DescribeStacksCommand, ExecuteChangeSetCommand, CancelUpdateStackCommand, GetTemplateCommand, ListStackResourcesCommand, type Change, type Stack, type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { awsClients, DeployError, explainAwsError, type AwsClients, type AwsTarget } from './aws';
import type { ReplaceRequest } from '../project/index';
import { codeSites, readProjectTemplates, resolveTemplates, uploadTemplates, withNestedOutputs, type ProjectTemplate } from './templates';
import { deterministicZip } from './zip';

/**
 * What deploy reads from a generated template: the parameter that receives the artifact bucket,
 * each function's code-key parameter and build folder (`Metadata['archflow:source']`), and which
 * architecture node each logical ID comes from (to map failures back to lines).
 */
export interface TemplateArtifacts {
  readonly artifactBucketParameter: string;
  /** `<template>/<logical ID>` of a function (template `''`: the parent) → its build folder, relative to the project. */
  readonly artifacts: Readonly<Record<string, string>>;
  /** Logical ID → node name. */
  readonly nodes: Readonly<Record<string, string>>;
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

/** The change set, as a person reviews it. */
export interface ChangeSummary {
  readonly stack: string;
  readonly create: boolean;
  readonly add: readonly ResourceChange[];
  readonly modify: readonly ResourceChange[];
  readonly replace: readonly ResourceChange[];
  readonly remove: readonly ResourceChange[];
}

export interface ResourceChange {
  readonly logicalId: string;
  readonly type: string;
  readonly node?: string;
  /** For modifications: `True`, `Conditional` or `False`. */
  readonly replacement?: string;
}

/** How the deploy talks to its host (the CLI or the language server). */
export interface DeployHost {
  report(event: DeployEvent): void;
  /** Asks to go ahead with the changes; false cancels. */
  confirm(summary: ChangeSummary): Promise<boolean>;
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
  | { status: 'cancelled'; stage: 'review' | 'running' }
  | { status: 'failed'; stackStatus: string; failure?: ResourceFailure; rolledBack: boolean };

/** The first resource that failed, with CloudFormation's reason and the node it belongs to. */
export interface ResourceFailure {
  readonly logicalId: string;
  readonly resourceType?: string;
  readonly node?: string;
  readonly reason: string;
}

/**
 * Reads what deploy needs from a generated template. `nodeOf` names the node a logical ID was
 * generated from (the caller knows the naming scheme).
 */
export function templateArtifacts(templates: readonly ProjectTemplate[], nodeOf: (logicalId: string) => string | undefined): TemplateArtifacts {
  const parent = templates.find((t) => t.name === '')!;
  const parameters = (parent.body.Parameters ?? {}) as Record<string, unknown>;
  if (!('ArtifactBucket' in parameters)) throw new DeployError(`${parent.path} has no ArtifactBucket parameter: generate the project with Archflow first.`);
  const artifacts: Record<string, string> = {};
  const nodes: Record<string, string> = {};
  for (const t of templates) {
    for (const id of Object.keys((t.body.Resources ?? {}) as Record<string, unknown>)) {
      const node = nodeOf(id);
      if (node) nodes[id] = node;
    }
  }
  for (const site of codeSites(templates)) artifacts[`${site.template}/${site.logicalId}`] = site.source;
  return { artifactBucketParameter: 'ArtifactBucket', artifacts, nodes };
}

function filesUnder(dir: string): { path: string; data: Buffer }[] {
  const out: { path: string; data: Buffer }[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith('.map')) out.push({ path: relative(dir, p).split(sep).join('/'), data: readFileSync(p) });
    }
  };
  walk(dir);
  return out;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((res) => {
    const t = setTimeout(res, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      res();
    }, { once: true });
  });

function summarize(stack: string, create: boolean, changes: readonly Change[], nodes: Readonly<Record<string, string>>): ChangeSummary {
  const add: ResourceChange[] = [];
  const modify: ResourceChange[] = [];
  const replace: ResourceChange[] = [];
  const remove: ResourceChange[] = [];
  for (const c of changes) {
    const r = c.ResourceChange;
    if (!r?.LogicalResourceId) continue;
    const node = nodes[r.LogicalResourceId];
    const item: ResourceChange = { logicalId: r.LogicalResourceId, type: r.ResourceType ?? '', ...(node ? { node } : {}), ...(r.Replacement ? { replacement: r.Replacement } : {}) };
    if (r.Action === 'Add') add.push(item);
    else if (r.Action === 'Remove') remove.push(item);
    else if (r.Action === 'Modify' && (r.Replacement === 'True' || r.Replacement === 'Conditional')) replace.push(item);
    else modify.push(item);
  }
  return { stack, create, add, modify, replace, remove };
}

function outputsOf(stack: Stack | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of stack?.Outputs ?? []) if (o.OutputKey) out[o.OutputKey] = o.OutputValue ?? '';
  return out;
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
  let body = template;
  if (!body) {
    try {
      const t = await aws.cloudFormation.send(new GetTemplateCommand({ StackName: stackName }));
      body = t.TemplateBody ? (JSON.parse(t.TemplateBody) as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
  }
  const declared = (body?.Outputs ?? {}) as Record<string, { Value?: { Ref?: string } }>;
  if (Object.keys(reported).length > 0 || Object.keys(declared).length === 0) return reported;
  const physical = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await aws.cloudFormation.send(new ListStackResourcesCommand({ StackName: stackName, ...(token ? { NextToken: token } : {}) }));
    for (const r of page.StackResourceSummaries ?? []) if (r.LogicalResourceId && r.PhysicalResourceId) physical.set(r.LogicalResourceId, r.PhysicalResourceId);
    token = page.NextToken;
  } while (token);
  const out: Record<string, string> = {};
  for (const [key, o] of Object.entries(declared)) {
    const ref = o?.Value?.Ref;
    const value = typeof ref === 'string' ? physical.get(ref) : undefined;
    if (value) out[key] = value;
  }
  return out;
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

/** The artifact bucket of an account and Region, created when missing. */
async function artifactBucket(aws: AwsClients, host: DeployHost): Promise<string> {
  const identity = await aws.sts.send(new GetCallerIdentityCommand({}));
  const bucket = `archflow-artifacts-${identity.Account ?? 'local'}-${aws.region}`;
  try {
    await aws.s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    host.report({ type: 'step', message: `Creating the artifact bucket ${bucket}` });
    await aws.s3.send(new CreateBucketCommand({ Bucket: bucket, ...(aws.region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: aws.region as never } } : {}) }));
  }
  return bucket;
}

async function exists(aws: AwsClients, bucket: string, key: string): Promise<boolean> {
  try {
    await aws.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

const TERMINAL = /(_COMPLETE|_FAILED)$/;
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;
const FAILED = /(ROLLBACK|FAILED)/;

/**
 * Deploys a generated, built project: zips each function deterministically, uploads what changed
 * (by content hash), creates a change set, asks the host to confirm, executes it and follows the
 * stack until it settles. Never throws for AWS failures: they come back as `failed` with the reason.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const { projectDir, stackName, host, signal } = options;
  const pollMs = options.pollMs ?? 2000;
  const templates = readProjectTemplates(projectDir, options.stage);
  const template = templates.find((t) => t.name === '')!.body;
  const meta = templateArtifacts(templates, options.nodeOf);
  let aws: AwsClients;
  try {
    aws = await awsClients(options.target);
    host.report({ type: 'step', message: `Deploying stack ${stackName} to ${aws.region}${options.target.endpoint ? ` at ${options.target.endpoint}` : ''}` });

    // 1. Artifacts: one deterministic zip per function, uploaded only when its hash is new.
    const bucket = await artifactBucket(aws, host);
    const parameters: { ParameterKey: string; ParameterValue: string }[] = [{ ParameterKey: meta.artifactBucketParameter, ParameterValue: bucket }];
    const codeKeys = new Map<string, string>();
    let uploaded = 0;
    let reused = 0;
    for (const [site, dir] of Object.entries(meta.artifacts).sort()) {
      const files = filesUnder(join(projectDir, dir));
      if (files.length === 0) throw new DeployError(`The build of ${dir} is empty: run the project's build first.`);
      const zip = deterministicZip(files);
      const hash = createHash('sha256').update(zip).digest('hex').slice(0, 32);
      const key = `${stackName}/${dir.split('/').pop()}/${hash}.zip`;
      const present = await exists(aws, bucket, key);
      if (!present) {
        await aws.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: zip, ContentType: 'application/zip' }));
        uploaded++;
      } else reused++;
      host.report({ type: 'upload', function: dir.split('/').pop() ?? dir, key, uploaded: !present, bytes: zip.length });
      codeKeys.set(site, key);
    }
    // Every template goes through the artifact bucket (`TemplateURL`): never inline, whatever its size.
    const templateURL = await uploadTemplates(aws, bucket, resolveTemplates(templates, codeKeys, bucket, aws.region, stackName), (message) => host.report({ type: 'step', message }));
    if (signal?.aborted) return { status: 'cancelled', stage: 'review' };

    // 2. Change set.
    const existing = await describeStack(aws, stackName);
    if (existing && /_IN_PROGRESS$/.test(existing.StackStatus ?? '')) {
      throw new DeployError(`Stack ${stackName} is busy (${existing.StackStatus}); wait for it to finish.`);
    }
    const create = !existing || existing.StackStatus === 'REVIEW_IN_PROGRESS' || existing.StackStatus === 'ROLLBACK_COMPLETE';
    if (existing?.StackStatus === 'ROLLBACK_COMPLETE') {
      host.report({ type: 'step', message: `Removing the failed first attempt of ${stackName} (ROLLBACK_COMPLETE)` });
      await aws.cloudFormation.send(new DeleteStackCommand({ StackName: stackName }));
      await waitFor(aws, stackName, meta, host, pollMs, options.timeoutMs, signal, true);
    }
    const changeSetName = `archflow-${Date.now()}`;
    host.report({ type: 'step', message: 'Creating the change set' });
    try {
      await aws.cloudFormation.send(new CreateChangeSetCommand({
        StackName: stackName, ChangeSetName: changeSetName, ChangeSetType: create ? 'CREATE' : 'UPDATE',
        TemplateURL: templateURL, Parameters: parameters,
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
        Tags: [{ Key: 'archflow:stack', Value: stackName }],
      }));
    } catch (err) {
      // Some endpoints refuse an empty change set at once instead of failing it later.
      if (!NO_CHANGES.test((err as Error).message)) throw err;
      host.report({ type: 'step', message: 'No changes: the stack is up to date.' });
      return { status: 'no-changes', outputs: await resolvedOutputs(aws, stackName, template), uploaded, reused };
    }
    let changes: Change[] = [];
    for (;;) {
      const d = await aws.cloudFormation.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
      if (d.Status === 'FAILED') {
        if (NO_CHANGES.test(d.StatusReason ?? '')) {
          await aws.cloudFormation.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })).catch(() => undefined);
          host.report({ type: 'step', message: 'No changes: the stack is up to date.' });
          return { status: 'no-changes', outputs: await resolvedOutputs(aws, stackName, template), uploaded, reused };
        }
        throw new DeployError(`CloudFormation rejected the change set: ${d.StatusReason ?? 'no reason given'}`);
      }
      if (d.Status === 'CREATE_COMPLETE') {
        changes = d.Changes ?? [];
        break;
      }
      if (signal?.aborted) {
        await aws.cloudFormation.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })).catch(() => undefined);
        return { status: 'cancelled', stage: 'review' };
      }
      await sleep(Math.min(pollMs, 1000), signal);
    }
    const summary = summarize(stackName, create, changes, meta.nodes);
    host.report({ type: 'changes', summary });
    if (!(await host.confirm(summary)) || signal?.aborted) {
      await aws.cloudFormation.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })).catch(() => undefined);
      return { status: 'cancelled', stage: 'review' };
    }

    // 3. Execute and follow.
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

/** Deletes a stack and waits until it is gone. */
export async function destroy(options: { stackName: string; target: AwsTarget; host: DeployHost; pollMs?: number; timeoutMs?: number }): Promise<'deleted' | 'absent' | { failed: string }> {
  try {
    const aws = await awsClients(options.target);
    const stack = await describeStack(aws, options.stackName);
    if (!stack) return 'absent';
    options.host.report({ type: 'step', message: `Deleting stack ${options.stackName} in ${aws.region}` });
    await aws.cloudFormation.send(new DeleteStackCommand({ StackName: options.stackName }));
    const end = await waitFor(aws, options.stackName, { artifactBucketParameter: '', artifacts: {}, nodes: {} }, options.host, options.pollMs ?? 2000, options.timeoutMs, undefined, true);
    return end.status === 'DELETE_COMPLETE' ? 'deleted' : { failed: end.failure?.reason ?? end.status };
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
