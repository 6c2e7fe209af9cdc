/**
 * The templates of a generated project as deploy sends them: never inline. Each function's code key
 * (written as `functions/<name>.zip` in the template, no parameter per function) becomes the key of
 * the package deploy uploaded; each nested stack's template and then the parent's are uploaded to
 * the artifact bucket under content-addressed keys, and the change set is created from the parent's
 * `TemplateURL`. A template that did not change keeps its key, so CloudFormation sees no change in
 * its nested stack.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeStacksCommand, GetTemplateCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DeleteBucketCommand, DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { layoutOfTemplates, type StackLayout } from '../core/codegen/stacks';
import type { AwsClients } from './aws';
import { DeployError } from './aws';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One template of a project: the parent (`name` '') or a nested stack (its logical ID in the parent). */
export interface ProjectTemplate {
  readonly name: string;
  /** Its file in the project (`template.json`, `stacks/Part1.json`, `stages/prod/template.json`). */
  readonly path: string;
  readonly body: Json;
}

/** Where a stage's templates are in the project (`''`: the file as written). */
export const templateFolder = (stage?: string): string => (stage ? `stages/${stage}/` : '');

/** A path written by Archflow into a template: relative, `/`-separated, never leaving the project. */
const SAFE = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._/-]+\.json$/;

/**
 * Reads the parent template of a project (of a stage: `stages/<stage>/template.json`) and the
 * templates of its nested stacks (named by each `AWS::CloudFormation::Stack`'s
 * `Metadata['archflow:template']`), the nested ones first.
 */
export function readProjectTemplates(projectDir: string, stage?: string): ProjectTemplate[] {
  const folder = templateFolder(stage);
  const read = (path: string): Json => {
    let text: string;
    try {
      text = readFileSync(join(projectDir, ...path.split('/')), 'utf8');
    } catch {
      throw new DeployError(`${path} is missing from ${projectDir}: generate the project with Archflow first${stage ? ` (the file declares no stage '${stage}'?)` : ''}.`);
    }
    const body = JSON.parse(text) as unknown;
    if (!isObj(body)) throw new DeployError(`${path} is not a CloudFormation template.`);
    return body;
  };
  const parentPath = `${folder}template.json`;
  const parent = read(parentPath);
  const out: ProjectTemplate[] = [];
  for (const [id, r] of Object.entries(isObj(parent.Resources) ? parent.Resources : {})) {
    if (!isObj(r) || r.Type !== 'AWS::CloudFormation::Stack') continue;
    const path = isObj(r.Metadata) ? r.Metadata['archflow:template'] : undefined;
    if (typeof path !== 'string' || !SAFE.test(path)) throw new DeployError(`Nested stack ${id} in ${parentPath} names no template of the project (Metadata archflow:template).`);
    out.push({ name: id, path: folder + path, body: read(folder + path) });
  }
  out.push({ name: '', path: parentPath, body: parent });
  return out;
}

/** A function whose package deploy uploads: where it is and where its build is. */
export interface CodeSite {
  /** The template holding it (`''`: the parent). */
  readonly template: string;
  readonly logicalId: string;
  /** Its build folder, relative to the project (`Metadata['archflow:source']`). */
  readonly source: string;
  /** Its `Metadata` (`archflow:source-base`, `archflow:build`). */
  readonly metadata: Json;
}

/** The functions of the templates whose code is a package in the artifact bucket. */
export function codeSites(templates: readonly ProjectTemplate[]): CodeSite[] {
  const out: CodeSite[] = [];
  for (const t of templates) {
    for (const [id, r] of Object.entries(isObj(t.body.Resources) ? t.body.Resources : {})) {
      if (!isObj(r) || r.Type !== 'AWS::Lambda::Function') continue;
      const code = isObj(r.Properties) && isObj(r.Properties.Code) ? r.Properties.Code : undefined;
      const source = isObj(r.Metadata) ? r.Metadata['archflow:source'] : undefined;
      if (code?.S3Key !== undefined && typeof source === 'string') out.push({ template: t.name, logicalId: id, source, metadata: r.Metadata as Json });
    }
  }
  return out;
}

/** The host name suffix of S3 in a Region (its partition's). */
const urlSuffix = (region: string): string => (region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com');

/** The URL CloudFormation reads an uploaded template from. */
export const templateUrl = (bucket: string, region: string, key: string): string => `https://${bucket}.s3.${region}.${urlSuffix(region)}/${key}`;

/**
 * The templates with their code keys and nested templates' URLs filled in, each with the key it is
 * uploaded to (`<stack>/templates/<hash>.json`), nested stacks first and the parent last.
 */
export function resolveTemplates(
  templates: readonly ProjectTemplate[], codeKeys: ReadonlyMap<string, string>, bucket: string, region: string, stackName: string,
): { name: string; path: string; key: string; text: string }[] {
  const keys = new Map<string, string>();
  const out: { name: string; path: string; key: string; text: string }[] = [];
  // Nested stacks first: the parent names their keys.
  for (const t of [...templates].sort((a, b) => (a.name === '' ? 1 : 0) - (b.name === '' ? 1 : 0))) {
    const body = structuredClone(t.body);
    for (const [id, r] of Object.entries(isObj(body.Resources) ? body.Resources : {})) {
      if (!isObj(r) || !isObj(r.Properties)) continue;
      if (r.Type === 'AWS::Lambda::Function' && isObj(r.Properties.Code)) {
        const key = codeKeys.get(id);
        if (key !== undefined) r.Properties.Code.S3Key = key;
      } else if (r.Type === 'AWS::CloudFormation::Stack' && t.name === '') {
        const key = keys.get(id);
        if (key === undefined) throw new DeployError(`Nested stack ${id} has no template to upload.`);
        r.Properties.TemplateURL = templateUrl(bucket, region, key);
      }
    }
    const text = JSON.stringify(body);
    const key = `${stackName}/templates/${createHash('sha256').update(text).digest('hex').slice(0, 32)}.json`;
    keys.set(t.name, key);
    out.push({ name: t.name, path: t.path, key, text });
  }
  return out;
}

/** The templates uploaded for a review: the parent's URL, and the keys this deploy wrote (not there before). */
export interface ReviewUpload {
  readonly url: string;
  readonly written: readonly string[];
}

/**
 * Uploads the resolved templates (those not already there: the key is the content's hash), naming
 * the bucket's owner on every call, and returns the parent's `TemplateURL`.
 */
export async function uploadTemplates(
  aws: AwsClients, bucket: { readonly name: string; readonly owner: string }, resolved: readonly { name: string; path: string; key: string; text: string }[],
  report: (message: string) => void,
): Promise<ReviewUpload> {
  const written: string[] = [];
  let bytes = 0;
  for (const t of resolved) {
    try {
      await aws.s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: t.key, ExpectedBucketOwner: bucket.owner }));
      continue;
    } catch {
      // not there yet
    }
    await aws.s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: t.key, Body: t.text, ContentType: 'application/json', ExpectedBucketOwner: bucket.owner }));
    written.push(t.key);
    bytes += Buffer.byteLength(t.text);
  }
  const nested = resolved.length - 1;
  report(`Templates: ${nested > 0 ? `the parent and ${nested} nested stack${nested === 1 ? '' : 's'}` : 'one template'} in the artifact bucket (${written.length} uploaded, ${(bytes / 1024).toFixed(0)} KB; ${resolved.length - written.length} unchanged)`);
  const parent = resolved.find((t) => t.name === '')!;
  return { url: templateUrl(bucket.name, aws.region, parent.key), written };
}

/**
 * After a declined or cancelled review: the templates this deploy uploaded are deleted, and the
 * artifact bucket too when it was created for them (`created`) and holds nothing else.
 */
export async function removeReviewUploads(
  aws: AwsClients, bucket: { readonly name: string; readonly owner: string }, review: ReviewUpload, created: boolean, report: (message: string) => void,
): Promise<void> {
  if (review.written.length > 0) {
    await aws.s3.send(new DeleteObjectsCommand({ Bucket: bucket.name, ExpectedBucketOwner: bucket.owner, Delete: { Objects: review.written.map((Key) => ({ Key })), Quiet: true } }));
  }
  if (!created) return;
  const left = await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket.name, ExpectedBucketOwner: bucket.owner, MaxKeys: 1 }));
  if ((left.KeyCount ?? 0) > 0) return;
  report(`Removing the artifact bucket ${bucket.name}: it held only the templates of this review`);
  await aws.s3.send(new DeleteBucketCommand({ Bucket: bucket.name, ExpectedBucketOwner: bucket.owner }));
}

/** The description of the outputs a nested stack keeps only for another stack (codegen/stacks.ts): not the person's. */
const PLUMBING = /, for another stack\.$/;

/**
 * The outputs of a stack's nested stacks (their own, not what they pass to each other), added to
 * the parent's: a split architecture reports the same outputs as one template would.
 */
export async function withNestedOutputs(aws: AwsClients, stackName: string, outputs: Record<string, string>): Promise<Record<string, string>> {
  const out = { ...outputs };
  let token: string | undefined;
  const nested: string[] = [];
  do {
    const page = await aws.cloudFormation.send(new ListStackResourcesCommand({ StackName: stackName, ...(token ? { NextToken: token } : {}) }));
    for (const r of page.StackResourceSummaries ?? []) if (r.ResourceType === 'AWS::CloudFormation::Stack' && r.PhysicalResourceId) nested.push(r.PhysicalResourceId);
    token = page.NextToken;
  } while (token);
  for (const id of nested) {
    const stack = (await aws.cloudFormation.send(new DescribeStacksCommand({ StackName: id }))).Stacks?.[0];
    for (const o of stack?.Outputs ?? []) if (o.OutputKey && !PLUMBING.test(o.Description ?? '') && !(o.OutputKey in out)) out[o.OutputKey] = o.OutputValue ?? '';
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The templates the deployed stack runs, as CloudFormation has them (`GetTemplate` of the parent and
 * of each nested stack, once per deploy), or undefined when the stack does not exist yet or runs no
 * template (a change set never executed). Deploy uses them twice: to keep the deployed split into
 * nested stacks (`layoutOfTemplates`: a new generation keeps it, so a resource never moves between
 * stacks, a delete and re-create, only because the project folder was generated afresh on a CI
 * checkout or another machine), and as the "before" of the preview.
 */
export async function deployedTemplates(aws: AwsClients, stackName: string): Promise<{ parent: Json; nested: Map<string, Json> } | undefined> {
  let parent: unknown;
  try {
    const stack = (await aws.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE' || stack.StackStatus === 'REVIEW_IN_PROGRESS') return undefined;
    parent = await templateOf(aws, stackName);
  } catch (err) {
    if (/does not exist/i.test((err as Error).message)) return undefined;
    throw err;
  }
  if (!isObj(parent) || Object.keys(parent).length === 0) return undefined;
  return { parent, nested: await deployedNestedTemplates(aws, stackName) };
}

/** Where the deployed stack has each resource, from its templates (`deployedTemplates`). */
export function deployedLayout(deployed: { readonly parent: Json; readonly nested: ReadonlyMap<string, Json> } | undefined): StackLayout | undefined {
  return deployed ? layoutOfTemplates(deployed.parent, deployed.nested) : undefined;
}

/** The template a stack (by name or ID) runs, as CloudFormation has it. */
async function templateOf(aws: AwsClients, stack: string): Promise<unknown> {
  const t = await aws.cloudFormation.send(new GetTemplateCommand({ StackName: stack, TemplateStage: 'Original' }));
  const text = t.TemplateBody;
  return typeof text === 'string' ? (JSON.parse(text) as unknown) : text;
}

/** The templates the deployed stack's nested stacks run, by their logical ID in the parent. */
async function deployedNestedTemplates(aws: AwsClients, stackName: string): Promise<Map<string, Json>> {
  const nested = new Map<string, Json>();
  let token: string | undefined;
  do {
    const page = await aws.cloudFormation.send(new ListStackResourcesCommand({ StackName: stackName, ...(token ? { NextToken: token } : {}) }));
    for (const r of page.StackResourceSummaries ?? []) {
      if (r.ResourceType !== 'AWS::CloudFormation::Stack' || !r.LogicalResourceId || !r.PhysicalResourceId) continue;
      const body = await templateOf(aws, r.PhysicalResourceId);
      if (isObj(body)) nested.set(r.LogicalResourceId, body);
    }
    token = page.NextToken;
  } while (token);
  return nested;
}
