import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, GetTemplateCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archflow, CLI } from '../helpers/cli';
import type { CfnLintFinding } from '../helpers/codegen';
import { startMoto, type Moto } from '../helpers/moto';

// The SDK warns on every run under Node 20 that later versions need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let moto: Moto;
let work: string;
/** A pass-through proxy in front of moto that keeps the CloudFormation calls it forwards (action and body). */
let proxy: Server;
let proxied: string;
const cloudFormationCalls: { action: string; body: string }[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'archflow-nested-'));
  moto = await startMoto();
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = /x-www-form-urlencoded|amz-json/.test(String(req.headers['content-type'])) ? body.toString('utf8') : '';
      const action = /(?:^|&)Action=([A-Za-z]+)/.exec(text)?.[1] ?? String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      if (/ChangeSet|Stack|Template/.test(action)) cloudFormationCalls.push({ action, body: text });
      const forward = request(`${moto.endpoint}${req.url}`, { method: req.method, headers: { ...req.headers, 'content-length': String(body.length) } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxied = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => proxy?.close(r));
  await moto?.stop();
});

/** The CLI in a child process without blocking the event loop (the proxy answers from it). */
function archflowAsync(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      res({ status, stdout, stderr });
    });
  });
}

/** cfn-lint on templates, without blocking the test's event loop (a 300-function set takes minutes on a busy machine). */
function cfnLint(files: readonly string[]): Promise<CfnLintFinding[]> {
  return new Promise((res, rej) => {
    const child = spawn('cfn-lint', ['--format', 'json', '--', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 480_000);
    child.on('error', (e) => rej(new Error(`cfn-lint could not run (${e.message}): install it (pip install cfn-lint); this test needs it`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0 && !out.trim().startsWith('[')) rej(new Error(`cfn-lint failed (exit ${code}): ${err || out}`));
      else res(JSON.parse(out || '[]') as CfnLintFinding[]);
    });
  });
}

/** Where each resource is in the templates of a project folder. */
function layoutOfFolder(project: string): Map<string, string> {
  const layout = new Map<string, string>();
  const parent = JSON.parse(readFileSync(join(project, 'template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
  for (const [id, r] of Object.entries(parent.Resources)) if (r.Type !== 'AWS::CloudFormation::Stack') layout.set(id, '');
  for (const f of readdirSync(join(project, 'stacks'))) {
    const t = JSON.parse(readFileSync(join(project, 'stacks', f), 'utf8')) as { Resources: object };
    for (const id of Object.keys(t.Resources)) layout.set(id, f.replace(/\.json$/, ''));
  }
  return layout;
}

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const region = 'eu-west-1';
const client = <T>(C: new (c: object) => T): T => new C({ region, endpoint: moto.endpoint, credentials, ...(C === (S3Client as unknown) ? { forcePathStyle: true } : {}) });

/**
 * 300 functions, each consuming its own queue (with a dead-letter queue) and writing to its own
 * table: about 1,800 resources, far over one template's 500. The flows do not share resources:
 * moto resolves no `Fn::GetAtt <NestedStack>.Outputs.<Name>` (docs/deploy.md), so this
 * architecture needs no value from one nested stack in another.
 */
function wideArchitecture(functions: number, name: string): string {
  const lines = ['archflow: 1', `name: ${name}`, `region: ${region}`, 'defaults: { runtime: nodejs24.x, memory: 128, timeout: 10 }', 'routers:'];
  for (let i = 0; i < functions; i++) {
    lines.push(`  q${i}:`, '    type: queue', '    visibilityTimeout: 60', `    deadLetter: { queue: q${i}-dlq, maxReceiveCount: 3 }`, `    to: { function: f${i}, batchSize: 5 }`);
    lines.push(`  q${i}-dlq: { type: queue, retention: 14d }`);
  }
  lines.push('consumers:');
  for (let i = 0; i < functions; i++) lines.push(`  f${i}: { description: Handles q${i}. }`);
  return lines.join('\n') + '\n';
}

describe('a template over one stack\'s quotas deploys as nested stacks through TemplateURL', () => {
  it('300 functions: the parent and its nested stacks are uploaded, each cfn-lint clean, none sent inline, every function created', async () => {
    const file = join(work, 'wide.arch.yaml');
    writeFileSync(file, wideArchitecture(300, 'wide'));
    const callsBefore = cloudFormationCalls.length; // the other tests of this file may have run first

    // What `archflow generate` says about the split, and each template linted as CloudFormation would read it.
    const g = await archflowAsync(['generate', file], { cwd: work, env: process.env, timeoutMs: 300_000 });
    expect(g.stderr).toBe('');
    expect(g.status).toBe(0);
    const project = join(work, '.archflow', 'wide');
    const nested = readdirSync(join(project, 'stacks')).filter((f) => f.endsWith('.json')).sort();
    // 1,800 resources (per flow: the queue, its dead-letter queue, the function, its role, its log group
    // and the mapping) in parts of at most 500, the parent's five AWS::CloudFormation::Stack besides.
    expect(nested).toEqual(['Part1.json', 'Part2.json', 'Part3.json', 'Part4.json', 'Part5.json']);
    expect(g.stdout).toMatch(new RegExp(`Templates: split into the parent and ${nested.length} nested stacks`));
    const files = [join(project, 'template.json'), ...nested.map((f) => join(project, 'stacks', f))];
    let total = 0;
    for (const f of files) {
      const t = JSON.parse(readFileSync(f, 'utf8')) as { Resources: object; Parameters: object; Outputs: object };
      total += Object.keys(t.Resources).length;
      expect(Object.keys(t.Resources).length).toBeLessThanOrEqual(500);
      expect(Object.keys(t.Parameters).length).toBeLessThanOrEqual(200);
      expect(Object.keys(t.Outputs).length).toBeLessThanOrEqual(200);
      expect(readFileSync(f).length).toBeLessThanOrEqual(1_000_000);
    }
    expect(total).toBe(1805);
    expect((await cfnLint(files)).map((x) => `${x.Filename}:${x.Location.Start.LineNumber} ${x.Rule.Id} ${x.Message}`)).toEqual([]);

    const r = await archflowAsync(['deploy', file, '--endpoint', proxied, '--yes'], { cwd: work, env: moto.env, timeoutMs: 540_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`• Templates: the parent and ${nested.length} nested stacks in the artifact bucket \\(${nested.length + 1} uploaded, \\d+ KB; 0 unchanged\\)`));
    expect(r.stdout).toMatch(/✔ Deployed wide \(300 packages uploaded, 0 unchanged\)/);
    expect(r.status).toBe(0);
    // The outputs of every nested stack are reported, as one template's would be (and none of the values they pass each other).
    expect(r.stdout.match(/^ {2}F\d+FunctionName = wide-/gm)).toHaveLength(300);
    expect(r.stdout.match(/^ {2}Q\d+QueueUrl = /gm)).toHaveLength(300);
    expect(r.stdout).not.toMatch(/, for another stack/);

    const deployed = layoutOfFolder(project);
    // No template was sent inline: the change set came from a TemplateURL in the artifact bucket.
    const calls = cloudFormationCalls.slice(callsBefore);
    const changeSets = calls.filter((c) => c.action === 'CreateChangeSet');
    expect(changeSets).toHaveLength(1);
    const form = new URLSearchParams(changeSets[0]!.body);
    expect(form.get('TemplateBody')).toBeNull();
    expect(form.get('TemplateURL')).toMatch(/^https:\/\/archflow-artifacts-123456789012-eu-west-1\.s3\.eu-west-1\.amazonaws\.com\/wide\/templates\/[0-9a-f]{32}\.json$/);
    expect(calls.filter((c) => /TemplateBody/.test(c.body)).map((c) => c.action)).toEqual([]);

    // The parent runs nested stacks whose templates are in the bucket; every function exists.
    const cf = client(CloudFormationClient);
    expect((await cf.send(new DescribeStacksCommand({ StackName: 'wide' }))).Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    const parent = JSON.parse((await cf.send(new GetTemplateCommand({ StackName: 'wide' }))).TemplateBody!) as { Resources: Record<string, { Type: string; Properties: { TemplateURL?: string } }> };
    const stacks = Object.entries(parent.Resources).filter(([, x]) => x.Type === 'AWS::CloudFormation::Stack');
    expect(stacks.map(([id]) => `${id}.json`).sort()).toEqual(nested);
    for (const [, s] of stacks) expect(s.Properties.TemplateURL).toMatch(/\/wide\/templates\/[0-9a-f]{32}\.json$/);
    const listed = await cf.send(new ListStackResourcesCommand({ StackName: 'wide' }));
    expect(listed.StackResourceSummaries?.filter((x) => x.ResourceType === 'AWS::CloudFormation::Stack').length).toBe(nested.length);
    const objects = (await client(S3Client).send(new ListObjectsV2Command({ Bucket: 'archflow-artifacts-123456789012-eu-west-1', Prefix: 'wide/templates/' }))).Contents ?? [];
    expect(objects).toHaveLength(nested.length + 1);
    let fns = 0;
    for await (const page of paginateListFunctions({ client: client(LambdaClient) }, {})) fns += (page.Functions ?? []).filter((f) => f.FunctionName?.startsWith('wide-')).length;
    expect(fns).toBe(300);

    // Deploying again uploads nothing new and changes nothing.
    const again = await archflowAsync(['deploy', file, '--endpoint', moto.endpoint, '--yes'], { cwd: work, env: moto.env, timeoutMs: 540_000 });
    expect(again.stdout).toMatch(new RegExp(`• Templates: the parent and ${nested.length} nested stacks in the artifact bucket \\(0 uploaded, 0 KB; ${nested.length + 1} unchanged\\)`));
    expect(again.status).toBe(0);

    // A fresh project folder (a CI checkout) and an edit that would split differently: the deployed split is kept.
    rmSync(project, { recursive: true, force: true });
    writeFileSync(file, wideArchitecture(300, 'wide').replace('routers:\n', 'routers:\n  a-new: { type: queue, to: a-fn }\n').replace('consumers:\n', 'consumers:\n  a-fn: {}\n'));
    const fresh = await archflowAsync(['generate', file], { cwd: work, env: process.env, timeoutMs: 300_000 });
    expect(fresh.status).toBe(0);
    const freshLayout = layoutOfFolder(project);
    expect([...deployed].filter(([id, s]) => freshLayout.get(id) !== s).length, 'a fresh split would move resources').toBe(25);
    const review = await archflowAsync(['deploy', file, '--endpoint', moto.endpoint], { cwd: work, env: moto.env, timeoutMs: 540_000 });
    expect(review.stdout).toMatch(/• Templates: kept the split of the deployed stack wide \(\d+ templates; 0 resources had to move\)/);
    expect(review.stdout).toMatch(/Changes to update stack wide: \d+ to add, \d+ to modify, 0 to replace, 0 to remove/);
    const kept = layoutOfFolder(project);
    for (const [id, s] of deployed) expect(kept.get(id), id).toBe(s);
    expect(review.stderr).toContain('not a terminal, so not asking');
  });

  it('a deploy reads the deployed templates once: the same GetTemplate calls serve the split it keeps and the preview', async () => {
    // One function and 280 bus rules (with their permissions): over 500 resources, so a parent and one nested stack.
    const rules = (memory: number): string => [
      'archflow: 1', 'name: rules', `region: ${region}`, 'defaults: { runtime: nodejs24.x }', 'routers:', '  bus:', '    type: event-bus', '    rules:',
      ...Array.from({ length: 280 }, (_, i) => `      r${i}: { pattern: { source: [s${i}] }, to: worker }`),
      'consumers:', `  worker: { timeout: 10, memory: ${memory} }`, '',
    ].join('\n');
    const file = join(work, 'rules.arch.yaml');
    writeFileSync(file, rules(128));
    const first = await archflowAsync(['deploy', file, '--endpoint', proxied, '--yes'], { cwd: work, env: moto.env, timeoutMs: 540_000 });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/• Templates: the parent and 1 nested stack in the artifact bucket \(2 uploaded, \d+ KB; 0 unchanged\)/);
    expect(first.status).toBe(0);
    const listed = await client(CloudFormationClient).send(new ListStackResourcesCommand({ StackName: 'rules' }));
    const part = listed.StackResourceSummaries?.find((x) => x.ResourceType === 'AWS::CloudFormation::Stack')?.PhysicalResourceId;
    expect(part).toBeTruthy();

    const before = cloudFormationCalls.length;
    writeFileSync(file, rules(256));
    const second = await archflowAsync(['deploy', file, '--endpoint', proxied, '--yes'], { cwd: work, env: moto.env, timeoutMs: 540_000 });
    expect(second.stderr).toBe('');
    expect(second.stdout).toMatch(/Changes to update stack rules: 0 to add, 1 to modify, 0 to replace, 0 to remove/);
    expect(second.status).toBe(0);
    // Once the parent's template, once the nested stack's: not once more for the preview.
    const reads = cloudFormationCalls.slice(before).filter((c) => c.action === 'GetTemplate').map((c) => new URLSearchParams(c.body).get('StackName'));
    expect(reads).toEqual(['rules', part]);
  });

  it('two stages of one file deploy side by side, each its own stack with its own names and settings', async () => {
    const file = join(work, 'shop.arch.yaml');
    writeFileSync(file, [
      'archflow: 1', 'name: shop', `region: ${region}`, 'defaults: { runtime: nodejs24.x }',
      'producers:', '  uploads: { type: bucket, notifications: [{ on: [ObjectCreated], to: resize }] }',
      'consumers:', '  resize: { memory: 256, timeout: 20 }',
      'stages:', '  prod:', '    nodes:', '      resize: { memory: 1024 }', '  staging: {}', '',
    ].join('\n'));
    const prod = archflow(['deploy', file, '--stage', 'prod', '--endpoint', moto.endpoint, '--yes'], { cwd: work, env: moto.env, timeoutMs: 540_000 });
    expect(prod.stderr).toBe('');
    expect(prod.stdout).toMatch(/✔ Deployed shop-prod \(1 package uploaded, 0 unchanged\)/);
    const staging = archflow(['deploy', file, '--stage', 'staging', '--endpoint', moto.endpoint, '--yes'], { cwd: work, env: moto.env, timeoutMs: 540_000 });
    expect(staging.stderr).toBe('');
    expect(staging.stdout).toMatch(/✔ Deployed shop-staging \(1 package uploaded, 0 unchanged\)/);
    expect(prod.status).toBe(0);
    expect(staging.status).toBe(0);

    const cf = client(CloudFormationClient);
    for (const s of ['shop-prod', 'shop-staging']) expect((await cf.send(new DescribeStacksCommand({ StackName: s }))).Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    const memory = new Map<string, number>();
    for await (const page of paginateListFunctions({ client: client(LambdaClient) }, {})) {
      for (const f of page.Functions ?? []) if (/^shop-/.test(f.FunctionName ?? '')) memory.set(f.FunctionName!.replace(/-ResizeFunction-.*$/, ''), f.MemorySize!);
    }
    expect(Object.fromEntries(memory)).toEqual({ 'shop-prod': 1024, 'shop-staging': 256 });
    const names = async (stack: string): Promise<string[]> =>
      ((await cf.send(new ListStackResourcesCommand({ StackName: stack }))).StackResourceSummaries ?? []).filter((x) => x.ResourceType === 'AWS::S3::Bucket').map((x) => x.PhysicalResourceId!);
    const [p] = await names('shop-prod');
    const [s] = await names('shop-staging');
    expect(p).toMatch(/^shop-prod-uploads-/);
    expect(s).toMatch(/^shop-staging-uploads-/);
  });
});
