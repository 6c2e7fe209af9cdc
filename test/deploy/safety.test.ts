import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overlayEndpoint, type OverlayEndpoint } from '../helpers/aws-overlay';
import { archflow, archflowAsync } from '../helpers/cli';
import { startMoto, type Moto } from '../helpers/moto';
import { readZip } from '../helpers/zip-read';

// The SDK warns on every run under Node 20 that later versions need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * Deploy safety on moto_server through the real SDK and the built CLI. Each test deploys its own
 * architecture, in its own folder, to its own stack: they do not depend on each other's order.
 */
let moto: Moto;
let overlay: OverlayEndpoint;

beforeAll(async () => {
  moto = await startMoto();
  overlay = await overlayEndpoint(moto.endpoint);
});
afterAll(async () => {
  await overlay?.close();
  await moto?.stop();
});

const REGION = 'us-east-1';
/** moto's account. */
const ACCOUNT = '123456789012';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const client = <T>(C: new (c: object) => T, endpoint = moto.endpoint, region = REGION): T => new C({ region, endpoint, credentials, forcePathStyle: true });

/** A folder holding one architecture file. */
function project(name: string, text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), `archflow-safety-${name}-`));
  const file = join(dir, `${name}.arch.yaml`);
  writeFileSync(file, text);
  return { dir, file };
}

/** Deploys with the built CLI (spawned asynchronously: the overlay endpoint answers from this process). */
function deploy(p: { dir: string; file: string }, args: string[], endpoint = moto.endpoint, input?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return archflowAsync(['deploy', p.file, '--endpoint', endpoint, ...args], { cwd: p.dir, env: moto.env, timeoutMs: 540_000, ...(input !== undefined ? { input } : {}) });
}

async function stackExists(stack: string, region = REGION): Promise<boolean> {
  try {
    await client(CloudFormationClient, moto.endpoint, region).send(new DescribeStacksCommand({ StackName: stack }));
    return true;
  } catch (err) {
    if (/does not exist/.test((err as Error).message)) return false;
    throw err;
  }
}

async function packagesOf(stack: string, region = REGION): Promise<string[]> {
  try {
    const page = await client(S3Client, moto.endpoint, region).send(new ListObjectsV2Command({ Bucket: `archflow-artifacts-${ACCOUNT}-${region}`, Prefix: `${stack}/` }));
    // The stack's templates (`<stack>/templates/*.json`) are there too: packages are the zips.
    return (page.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith('.zip'));
  } catch (err) {
    if (/NoSuchBucket|does not exist/.test(`${(err as Error).name} ${(err as Error).message}`)) return [];
    throw err;
  }
}

describe('deploy safety on moto_server', () => {
  it('renaming a table that holds an item is refused without --allow-data-loss (--yes is not enough), and the item stays', async () => {
    const p = project('keep', ['archflow: 1', 'name: keep', `region: ${REGION}`, 'producers:', '  orders: { type: table, partitionKey: id }', ''].join('\n'));
    const first = await deploy(p, ['--yes']);
    expect(first.stdout + first.stderr).toMatch(/✔ Deployed keep/);
    expect(first.status).toBe(0);
    const ddb = client(DynamoDBClient);
    const table = ((await ddb.send(new ListTablesCommand({}))).TableNames ?? []).find((t) => t.startsWith('keep-OrdersTable-'))!;
    expect(table).toBeDefined();
    await ddb.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'order-1' }, total: { N: '42' } } }));

    writeFileSync(p.file, readFileSync(p.file, 'utf8').replace('  orders: {', '  purchases: {'));
    const renamed = await deploy(p, ['--yes']);
    expect(renamed.stdout).toMatch(/^ {2}- OrdersTable \(AWS::DynamoDB::Table\) {2}REMOVED, DATA LOSS: it leaves the stack; it is kept in your account with its data, but nothing uses it any more$/m);
    expect(renamed.stderr).toContain('archflow deploy: this deploy loses data: table OrdersTable leaves the stack: it is kept in your account with its data, but nothing uses it any more.');
    expect(renamed.stderr).toContain('Pass --allow-data-loss to approve it (--yes does not).');
    expect(renamed.stderr).toContain('Not deployed: the changes were not applied (data loss not approved); nothing was uploaded.');
    expect(renamed.status).toBe(1);

    // Nothing changed: the same table, with its item; no new one.
    const item = await ddb.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'order-1' } } }));
    expect(item.Item).toEqual({ id: { S: 'order-1' }, total: { N: '42' } });
    const resources = (await client(CloudFormationClient).send(new ListStackResourcesCommand({ StackName: 'keep' }))).StackResourceSummaries ?? [];
    expect(resources.map((r) => [r.LogicalResourceId, r.PhysicalResourceId])).toEqual([['OrdersTable', table]]);

    // With previousName the rename keeps the deployed table: nothing to change.
    writeFileSync(p.file, readFileSync(p.file, 'utf8').replace('  purchases: { type: table, partitionKey: id }', '  purchases: { type: table, partitionKey: id, previousName: orders }'));
    const kept = await deploy(p, ['--yes']);
    // Only the output's description names the new name: no resource changes.
    expect(kept.stdout).toMatch(/Changes to update stack keep: 0 to add, 0 to modify, 0 to replace, 0 to remove/);
    expect(kept.stdout).not.toMatch(/DATA LOSS/);
    expect(kept.status).toBe(0);
    expect((await ddb.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'order-1' } } }))).Item?.total).toEqual({ N: '42' });
  });

  it('a shell-script bootstrap on provided.al2023 (plain and built) arrives in the uploaded zip with mode 0755', async () => {
    const p = project('shell', [
      'archflow: 1', 'name: shell', `region: ${REGION}`,
      'producers:', '  tick: { type: schedule, schedule: rate(1 hour), to: hello }', '  tock: { type: schedule, schedule: rate(1 hour), to: built }',
      'consumers:',
      '  hello: { runtime: provided.al2023, handler: bootstrap, code: functions/hello }',
      '  built:',
      '    runtime: provided.al2023',
      '    handler: bootstrap',
      '    code: functions/built',
      "    build: { command: \"mkdir -p out && printf '#!/bin/sh\\\\necho built\\\\n' > out/bootstrap && chmod 755 out/bootstrap && env > out/env.txt\", artifact: out }",
      '',
    ].join('\n'));
    mkdirSync(join(p.dir, 'functions', 'hello'), { recursive: true });
    mkdirSync(join(p.dir, 'functions', 'built'), { recursive: true });
    writeFileSync(join(p.dir, 'functions', 'hello', 'bootstrap'), '#!/bin/sh\nset -eu\nwhile true; do sleep 1; done\n');
    chmodSync(join(p.dir, 'functions', 'hello', 'bootstrap'), 0o755);
    writeFileSync(join(p.dir, 'functions', 'hello', 'README.txt'), 'not executable\n');
    const r = await deploy(p, ['--yes']);
    expect(r.stdout).toContain('• Building function built: mkdir -p out');
    expect(r.stdout + r.stderr).toMatch(/✔ Deployed shell \(2 packages uploaded, 0 unchanged\)/);
    expect(r.status).toBe(0);

    const keys = await packagesOf('shell');
    expect(keys.map((k) => k.replace(/[0-9a-f]{32}/, 'HASH')).sort()).toEqual(['shell/built/HASH.zip', 'shell/hello/HASH.zip']);
    const read = async (key: string): Promise<ReturnType<typeof readZip>> =>
      readZip(await (await client(S3Client).send(new GetObjectCommand({ Bucket: `archflow-artifacts-${ACCOUNT}-${REGION}`, Key: key }))).Body!.transformToByteArray());
    const hello = await read(keys.find((k) => k.startsWith('shell/hello/'))!);
    expect(hello.map((e) => [e.name, e.mode.toString(8)])).toEqual([['README.txt', '100644'], ['bootstrap', '100755']]);
    const built = await read(keys.find((k) => k.startsWith('shell/built/'))!);
    expect(built.map((e) => [e.name, e.mode.toString(8)])).toEqual([['bootstrap', '100755'], ['env.txt', '100644']]);
    expect(built[0]!.text).toBe('#!/bin/sh\necho built\n');
    // The build ran without the deploy's AWS credentials.
    expect(built[1]!.text).not.toMatch(/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)=/m);
    expect(built[1]!.text).toMatch(/^AWS_SHARED_CREDENTIALS_FILE=\/dev\/null$/m);
  });

  it('a handler with a type error stops the deploy at its file and line, before any AWS call', async () => {
    const p = project('typo', ['archflow: 1', 'name: typo', `region: ${REGION}`, 'producers:', '  tick: { type: schedule, schedule: rate(1 hour), to: work }', 'consumers:', '  work: {}', ''].join('\n'));
    const generated = archflow(['generate', p.file], { cwd: p.dir, env: moto.env });
    expect(generated.status).toBe(0);
    const path = join(p.dir, '.archflow', 'typo', 'src', 'handlers', 'work.ts');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\nexport const broken: number = 'not a number';\n`);
    const line = readFileSync(path, 'utf8').split('\n').findIndex((l) => l.includes('broken')) + 1;
    const before = overlay.requests.length;
    const r = await deploy(p, ['--yes'], overlay.endpoint);
    expect(r.stderr).toContain(`${path}:${line}:14 error deploy/type-error TS2322 Type 'string' is not assignable to type 'number'.`);
    expect(r.stderr).toContain('archflow deploy: not deployed: the project does not type-check (1 error); nothing was sent to AWS.');
    expect(r.stdout).not.toMatch(/Deploying stack/);
    expect(r.status).toBe(1);
    expect(overlay.requests.slice(before)).toEqual([]);
    expect(await stackExists('typo')).toBe(false);
  });

  it('a declined first deploy leaves no stack, no artifact bucket and nothing uploaded', async () => {
    // A Region no other test deploys to: its artifact bucket does not exist before.
    const region = 'eu-west-3';
    const p = project('declined', ['archflow: 1', 'name: declined', `region: ${region}`, 'producers:', '  tick: { type: schedule, schedule: rate(1 hour), to: work }', 'consumers:', '  work: {}', ''].join('\n'));
    const r = await deploy(p, [], moto.endpoint, '');
    expect(r.stdout).toMatch(/Changes to create stack declined: \d+ to add/);
    expect(r.stderr).toMatch(/pass --yes to apply these changes/);
    expect(r.stdout).toContain('• Removing the empty stack declined: nothing was deployed');
    // The templates CloudFormation reads for the review needed the bucket: it goes again with them.
    expect(r.stdout).toContain(`• Removing the artifact bucket archflow-artifacts-${ACCOUNT}-${region}: it held only the templates of this review`);
    expect(r.stderr).toContain('Not deployed: the changes were not applied; nothing was uploaded.');
    expect(r.status).toBe(1);
    expect(await stackExists('declined', region)).toBe(false);
    const buckets = (await client(S3Client, moto.endpoint, region).send(new ListBucketsCommand({}))).Buckets ?? [];
    expect(buckets.map((b) => b.Name)).not.toContain(`archflow-artifacts-${ACCOUNT}-${region}`);

    // Approved, the same deploy creates the bucket and uploads the package.
    const approved = await deploy(p, ['--yes']);
    expect(approved.stdout).toContain(`• Creating the artifact bucket archflow-artifacts-${ACCOUNT}-${region}`);
    expect(approved.status).toBe(0);
    expect(await packagesOf('declined', region)).toEqual([expect.stringMatching(/^declined\/work\/[0-9a-f]+\.zip$/)]);
  });

  it('a stack in ROLLBACK_COMPLETE is deleted only when the person agrees', async () => {
    const p = project('failed', ['archflow: 1', 'name: failed', `region: ${REGION}`, 'producers:', '  events: { type: table }', ''].join('\n'));
    expect((await deploy(p, ['--yes'])).status).toBe(0);
    // moto never rolls a stack back: the overlay answers DescribeStacks for it as AWS does after a
    // failed first deploy, until the stack is deleted.
    let deleted = false;
    overlay.overlay = (call, body) => {
      if (call.action === 'DeleteStack' && call.params.get('StackName') === 'failed') deleted = true;
      if (deleted || call.action !== 'DescribeStacks' || call.params.get('StackName') !== 'failed') return undefined;
      return body.replace(/<StackStatus>[A-Z_]+<\/StackStatus>/, '<StackStatus>ROLLBACK_COMPLETE</StackStatus><StackStatusReason>The following resource(s) failed to create: [EventsTable]. Rollback requested by user.</StackStatusReason>');
    };
    try {
      const asked = await deploy(p, [], overlay.endpoint, '');
      expect(asked.stdout).toContain('• Stack failed is in ROLLBACK_COMPLETE: its first deploy failed (The following resource(s) failed to create: [EventsTable]. Rollback requested by user.) and was rolled back, so it cannot be updated. Delete it and deploy again?');
      expect(asked.stderr).toContain('archflow deploy: not a terminal, so not asking: pass --yes to approve this.');
      expect(asked.stderr).toContain('Nothing was changed; deleting it (and deploying again) needs your consent.');
      expect(asked.status).toBe(1);
      expect(deleted).toBe(false);
      expect(await stackExists('failed')).toBe(true);

      const agreed = await deploy(p, ['--yes'], overlay.endpoint);
      expect(agreed.stdout).toContain('• Deleting the failed first attempt of failed (ROLLBACK_COMPLETE)');
      expect(agreed.stdout).toMatch(/Changes to create stack failed: 1 to add/);
      expect(agreed.stdout + agreed.stderr).toMatch(/✔ Deployed failed/);
      expect(agreed.status).toBe(0);
      expect(deleted).toBe(true);
    } finally {
      overlay.overlay = undefined;
    }
  });

  it('a stack in UPDATE_ROLLBACK_FAILED: the rollback is continued, skipping the resources named, only when the person agrees', async () => {
    const p = project('stuck', ['archflow: 1', 'name: stuck', `region: ${REGION}`, 'producers:', '  events: { type: table }', ''].join('\n'));
    expect((await deploy(p, ['--yes'])).status).toBe(0);
    // moto never fails a rollback and has no ContinueUpdateRollback: the overlay answers as AWS does
    // for a stack whose update failed and whose rollback failed on EventsTable, until it is continued.
    let continued: URLSearchParams | undefined;
    let settled = false;
    overlay.overlay = (call, body) => {
      if (call.params.get('StackName') !== 'stuck' || settled) return undefined;
      if (call.action === 'ContinueUpdateRollback') {
        continued = call.params;
        return '<ContinueUpdateRollbackResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><ContinueUpdateRollbackResult/><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></ContinueUpdateRollbackResponse>';
      }
      if (call.action === 'DescribeStacks') {
        if (continued) settled = true; // answered once more as rolled back, then moto's own state
        return body.replace(/<StackStatus>[A-Z_]+<\/StackStatus>/, `<StackStatus>${continued ? 'UPDATE_ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_FAILED'}</StackStatus>`);
      }
      if (call.action === 'DescribeStackResources' && !continued) {
        return body.replace(/<ResourceStatus>[A-Z_]+<\/ResourceStatus>/, '<ResourceStatus>UPDATE_FAILED</ResourceStatus><ResourceStatusReason>Table is being deleted by another process</ResourceStatusReason>');
      }
      return undefined;
    };
    try {
      const asked = await deploy(p, [], overlay.endpoint, '');
      expect(asked.stdout).toContain('• Stack stuck is in UPDATE_ROLLBACK_FAILED: an update failed and so did its rollback. Continue the rollback, skipping EventsTable (events): Table is being deleted by another process (CloudFormation marks them rolled back without changing them), then deploy?');
      expect(asked.stderr).toContain('archflow deploy: not a terminal, so not asking: pass --yes to approve this.');
      expect(asked.stderr).toContain('Nothing was changed; continuing the rollback (skipping EventsTable) needs your consent.');
      expect(asked.status).toBe(1);
      expect(continued).toBeUndefined();

      const agreed = await deploy(p, ['--yes'], overlay.endpoint);
      expect(agreed.stdout).toContain('• Continuing the rollback of stuck, skipping EventsTable');
      expect(continued?.get('ResourcesToSkip.member.1')).toBe('EventsTable');
      expect(continued?.has('ResourcesToSkip.member.2')).toBe(false);
      expect(agreed.stdout + agreed.stderr).toMatch(/✔ stuck is up to date/);
      expect(agreed.status).toBe(0);
    } finally {
      overlay.overlay = undefined;
    }
  });

  it('one architecture deploys twice in one account: a second stack gets its own bucket name', async () => {
    const p = project('twice', ['archflow: 1', 'name: twice', `region: ${REGION}`, 'producers:', '  tick: { type: schedule, schedule: rate(1 hour), to: work }', '  reports: { type: bucket }', 'consumers:', '  work: { emits: [reports] }', ''].join('\n'));
    const prod = await deploy(p, ['--yes']);
    expect(prod.stdout + prod.stderr).toMatch(/✔ Deployed twice /);
    expect(prod.status).toBe(0);
    const staging = await deploy(p, ['--yes', '--stack', 'twice-staging']);
    expect(staging.stdout + staging.stderr).toMatch(/✔ Deployed twice-staging /);
    expect(staging.status).toBe(0);
    const bucketOf = async (stack: string): Promise<string | undefined> =>
      ((await client(CloudFormationClient).send(new ListStackResourcesCommand({ StackName: stack }))).StackResourceSummaries ?? []).find((r) => r.LogicalResourceId === 'ReportsBucket')?.PhysicalResourceId;
    const [a, b] = [await bucketOf('twice'), await bucketOf('twice-staging')];
    expect(a).toMatch(new RegExp(`^twice-reports-[0-9a-f]{4}-${ACCOUNT}-[0-9a-f]{8}$`));
    expect(b).toMatch(new RegExp(`^twice-reports-[0-9a-f]{4}-${ACCOUNT}-[0-9a-f]{8}$`));
    expect(a).not.toBe(b);
  });

  it('destroy removes the stack and its packages, and names the table it keeps', async () => {
    const p = project('gone', ['archflow: 1', 'name: gone', `region: ${REGION}`, 'producers:', '  tick: { type: schedule, schedule: rate(1 hour), to: work }', '  store: { type: table }', 'consumers:', '  work: { emits: [store] }', ''].join('\n'));
    expect((await deploy(p, ['--yes'])).status).toBe(0);
    expect((await packagesOf('gone')).length).toBe(1);
    const r = archflow(['destroy', p.file, '--endpoint', moto.endpoint, '--yes'], { cwd: p.dir, env: moto.env });
    expect(r.stdout).toContain('✔ Deleted stack gone');
    expect(r.stdout).toMatch(/^ {2}StoreTable \(AWS::DynamoDB::Table\) gone-StoreTable-\S+$/m);
    expect(r.stdout).toContain(`• Deleted 1 package of gone from archflow-artifacts-${ACCOUNT}-${REGION}`);
    expect(r.stdout).not.toContain('removed 1 package');
    expect(r.status).toBe(0);
    expect(await stackExists('gone')).toBe(false);
    expect(await packagesOf('gone')).toEqual([]);
    // The retained table is still there.
    expect(((await client(DynamoDBClient).send(new ListTablesCommand({}))).TableNames ?? []).some((t) => t.startsWith('gone-StoreTable-'))).toBe(true);
  });
});
