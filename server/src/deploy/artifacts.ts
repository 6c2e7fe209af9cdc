/**
 * The artifact bucket `archflow-artifacts-<account>-<region>`: every call names the expected owner
 * (`ExpectedBucketOwner`, so a bucket of that name in another account is never written or read),
 * objects are encrypted (SSE-S3), public access is blocked, and a lifecycle rule expires packages no
 * deploy has used for a while. A stack's packages live under `<stack>/` and `destroy` removes them.
 */
import {
  CreateBucketCommand, DeleteObjectsCommand, GetBucketLifecycleConfigurationCommand, HeadBucketCommand, HeadObjectCommand,
  ListObjectsV2Command, PutBucketEncryptionCommand, PutBucketLifecycleConfigurationCommand, PutObjectCommand, PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import type { AwsClients } from './aws';
import { DeployError } from './aws';

/** Packages not used by a deploy for this many days are expired by the bucket's lifecycle rule. */
export const EXPIRE_AFTER_DAYS = 90;
/** A reused package older than this is written again, so what a stack uses never reaches the expiry. */
export const REFRESH_AFTER_DAYS = 30;
const RULE_ID = 'archflow-expire-unused-packages';
const DAY_MS = 24 * 3600 * 1000;

/** The artifact bucket of an account and Region, and the account that must own it. */
export interface ArtifactBucket {
  readonly name: string;
  readonly owner: string;
}

/** The artifact bucket's name for an account and Region. */
export const artifactBucketName = (account: string, region: string): string => `archflow-artifacts-${account}-${region}`;

/** The artifact bucket to use, and whether it exists yet. */
export interface PlannedArtifactBucket extends ArtifactBucket {
  readonly exists: boolean;
}

/**
 * Checks the artifact bucket without changing anything: whether it exists and the account owns it
 * (a bucket of that name in another account is refused). A missing bucket is created only after the
 * person approves the change set (`ensureArtifactBucket`), so a declined deploy leaves nothing.
 */
export async function checkArtifactBucket(aws: AwsClients, owner: string): Promise<PlannedArtifactBucket> {
  const name = artifactBucketName(owner, aws.region);
  try {
    await aws.s3.send(new HeadBucketCommand({ Bucket: name, ExpectedBucketOwner: owner }));
    return { name, owner, exists: true };
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 403) {
      throw new DeployError(`The artifact bucket ${name} exists but is not owned by account ${owner}: Archflow does not upload code to it.`, 'Someone else owns a bucket of this name; deploy from another Region, or ask AWS Support.');
    }
    if (status === 404 || (err as Error).name === 'NotFound' || (err as Error).name === 'NoSuchBucket') return { name, owner, exists: false };
    throw err;
  }
}

/**
 * The artifact bucket, created when missing, with its encryption, public access block and lifecycle
 * rule (set again on a bucket an older Archflow made without them).
 */
export async function ensureArtifactBucket(aws: AwsClients, planned: PlannedArtifactBucket, step: (message: string) => void): Promise<ArtifactBucket> {
  const { name, owner } = planned;
  let created = false;
  if (!planned.exists) {
    step(`Creating the artifact bucket ${name}`);
    await aws.s3.send(new CreateBucketCommand({ Bucket: name, ...(aws.region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: aws.region as never } } : {}) }));
    created = true;
  }
  let hasRule = false;
  if (!created) {
    try {
      const l = await aws.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: name, ExpectedBucketOwner: owner }));
      hasRule = (l.Rules ?? []).some((r) => r.ID === RULE_ID);
    } catch {
      hasRule = false; // no lifecycle configuration yet
    }
  }
  if (!hasRule) {
    await aws.s3.send(new PutBucketEncryptionCommand({
      Bucket: name, ExpectedBucketOwner: owner,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }] },
    }));
    await aws.s3.send(new PutPublicAccessBlockCommand({
      Bucket: name, ExpectedBucketOwner: owner,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    }));
    await aws.s3.send(new PutBucketLifecycleConfigurationCommand({
      Bucket: name, ExpectedBucketOwner: owner,
      LifecycleConfiguration: {
        Rules: [{ ID: RULE_ID, Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: EXPIRE_AFTER_DAYS }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
      },
    }));
  }
  return { name, owner };
}

/** When the object was last written, or undefined when it is not there. */
export async function lastWritten(aws: AwsClients, bucket: ArtifactBucket, key: string): Promise<Date | undefined> {
  try {
    const h = await aws.s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: key, ExpectedBucketOwner: bucket.owner }));
    return h.LastModified ?? new Date();
  } catch {
    return undefined;
  }
}

/**
 * Uploads a package unless the same bytes are there and fresh: returns true when it wrote it. A
 * package reused for more than `REFRESH_AFTER_DAYS` is written again so the lifecycle rule never
 * expires code a stack still runs (or rolls back to).
 */
export async function uploadPackage(aws: AwsClients, bucket: ArtifactBucket, key: string, zip: Buffer, now = Date.now()): Promise<boolean> {
  const written = await lastWritten(aws, bucket, key);
  if (written && now - written.getTime() < REFRESH_AFTER_DAYS * DAY_MS) return false;
  await aws.s3.send(new PutObjectCommand({
    Bucket: bucket.name, Key: key, Body: zip, ContentType: 'application/zip', ServerSideEncryption: 'AES256', ExpectedBucketOwner: bucket.owner,
  }));
  return true;
}

/** Every key under a prefix. */
export async function keysUnder(aws: AwsClients, bucket: ArtifactBucket, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket.name, Prefix: prefix, ExpectedBucketOwner: bucket.owner, ...(token ? { ContinuationToken: token } : {}) }));
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** Deletes every key under a prefix (a stack's packages); returns how many were deleted. */
export async function deleteUnder(aws: AwsClients, bucket: ArtifactBucket, prefix: string): Promise<number> {
  const keys = await keysUnder(aws, bucket, prefix);
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000);
    const r = await aws.s3.send(new DeleteObjectsCommand({ Bucket: bucket.name, ExpectedBucketOwner: bucket.owner, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    if (r.Errors?.length) throw new DeployError(`Could not delete ${r.Errors.length} package${r.Errors.length === 1 ? '' : 's'} of ${prefix} in ${bucket.name}: ${r.Errors[0]!.Message ?? r.Errors[0]!.Code}`);
  }
  return keys.length;
}

/** The artifact bucket if it exists and the account owns it (destroy does not create it). */
export async function existingArtifactBucket(aws: AwsClients, owner: string): Promise<ArtifactBucket | undefined> {
  const name = artifactBucketName(owner, aws.region);
  try {
    await aws.s3.send(new HeadBucketCommand({ Bucket: name, ExpectedBucketOwner: owner }));
    return { name, owner };
  } catch {
    return undefined;
  }
}

/** How many objects a bucket holds, up to `limit` (to say "not empty" without listing millions). */
export async function countObjects(aws: AwsClients, bucket: string, owner: string, limit = 1000): Promise<number> {
  const page = await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket, ExpectedBucketOwner: owner, MaxKeys: limit }));
  return page.KeyCount ?? page.Contents?.length ?? 0;
}
