import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, ListEventBusesCommand, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { IAMClient, ListRolesCommand, ListRolePoliciesCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { KinesisClient, DescribeStreamSummaryCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { LambdaClient, ListEventSourceMappingsCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { SNSClient, ListTopicsCommand } from '@aws-sdk/client-sns';
import { SQSClient, GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archflow, ROOT } from '../helpers/cli';
import { startMoto, type Moto } from '../helpers/moto';

// The SDK warns on every run under Node 20 that later versions need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let moto: Moto;
let work: string;

beforeAll(async () => {
  moto = await startMoto();
  work = mkdtempSync(join(tmpdir(), 'archflow-deploy-'));
});
afterAll(async () => {
  await moto?.stop();
});

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const client = <T>(C: new (c: object) => T, region: string): T => new C({ region, endpoint: moto.endpoint, credentials });

/** Copies an example into the work folder and deploys it with the CLI as a user would. */
function deployExample(name: string, args: string[] = []): { status: number | null; stdout: string; stderr: string; file: string } {
  const file = join(work, `${name}.arch.yaml`);
  copyFileSync(resolve(ROOT, 'examples', `${name}.arch.yaml`), file);
  return { ...deployFile(file, args), file };
}

function deployFile(file: string, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  return archflow(['deploy', file, '--endpoint', moto.endpoint, '--yes', ...args], { cwd: work, env: moto.env, timeoutMs: 540_000 });
}

async function functionsOf(stack: string, region: string): Promise<Map<string, number>> {
  const fns = (await client(LambdaClient, region).send(new ListFunctionsCommand({}))).Functions ?? [];
  return new Map(fns.filter((f) => f.FunctionName?.startsWith(`${stack}-`)).map((f) => [f.FunctionName!.replace(`${stack}-`, '').replace(/Function-.*$/, ''), f.MemorySize!]));
}

describe('deploy to moto_server through the real AWS SDK', () => {
  it('deploys the order-processing example: queues, topic, bus, rules, functions, mappings and roles as configured', async () => {
    const r = deployExample('orders');
    expect(r.stderr + r.stdout).toMatch(/✔ Deployed orders \(6 packages uploaded, 0 unchanged\)/);
    expect(r.stdout).toMatch(/Changes to create stack orders: \d+ to add, 0 to modify, 0 to replace, 0 to remove/);
    expect(r.stdout).toMatch(/^Outputs:$/m);
    expect(r.stdout).toMatch(/BillingQueueUrl = http/);
    expect(r.status).toBe(0);
    const region = 'eu-west-1';

    const sqs = client(SQSClient, region);
    const urls = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'orders-' }))).QueueUrls ?? [];
    expect(urls.length).toBe(6);
    const billing = urls.find((u) => /orders-BillingQueue-/.test(u))!;
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: billing, AttributeNames: ['All'] }))).Attributes!;
    expect(attrs.VisibilityTimeout).toBe('150');
    expect(JSON.parse(attrs.RedrivePolicy!)).toMatchObject({ maxReceiveCount: 5 });
    expect(JSON.parse(attrs.RedrivePolicy!).deadLetterTargetArn).toMatch(/orders-BillingDlqQueue-/);

    const topics = (await client(SNSClient, region).send(new ListTopicsCommand({}))).Topics ?? [];
    expect(topics.some((t) => /orders-AlertsTopic-/.test(t.TopicArn!))).toBe(true);

    const events = client(EventBridgeClient, region);
    const bus = ((await events.send(new ListEventBusesCommand({}))).EventBuses ?? []).find((b) => b.Name !== 'default');
    expect(bus?.Name).toBeDefined();
    const rules = (await events.send(new ListRulesCommand({ EventBusName: bus!.Name }))).Rules ?? [];
    expect(rules).toHaveLength(3);
    const paid = rules.find((x) => JSON.parse(x.EventPattern ?? '{}')['detail-type']?.[0] === 'OrderPaid')!;
    expect(JSON.parse(paid.EventPattern!)).toEqual({ source: ['shop.payments'], 'detail-type': ['OrderPaid'] });
    const targets = (await events.send(new ListTargetsByRuleCommand({ Rule: paid.Name!, EventBusName: bus!.Name }))).Targets ?? [];
    expect(targets).toHaveLength(1);
    expect(targets[0]!.Arn).toMatch(/function:orders-SendReceiptFunction-/);

    const fns = await functionsOf('orders', region);
    expect(Object.fromEntries(fns)).toEqual({ ChargeCard: 256, GetOrder: 256, Pager: 256, PlaceOrder: 512, SendReceipt: 256, WriteAudit: 256 });

    const mappings = (await client(LambdaClient, region).send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? [];
    const charge = mappings.find((m) => /orders-BillingQueue-/.test(m.EventSourceArn ?? ''))!;
    expect(charge.BatchSize).toBe(10);
    expect(charge.FunctionArn).toMatch(/orders-ChargeCardFunction-/);

    const iam = client(IAMClient, 'us-east-1');
    const roles = ((await iam.send(new ListRolesCommand({}))).Roles ?? []).filter((x) => x.RoleName?.startsWith('orders-ChargeCardRole'));
    expect(roles).toHaveLength(1);
    const policies = (await iam.send(new ListRolePoliciesCommand({ RoleName: roles[0]!.RoleName! }))).PolicyNames ?? [];
    // moto returns the policy as a Python literal rather than JSON: read the action names out of it.
    const documents = await Promise.all(policies.map(async (p) => (await iam.send(new GetRolePolicyCommand({ RoleName: roles[0]!.RoleName!, PolicyName: p }))).PolicyDocument!));
    const actions = documents.flatMap((d) => [...decodeURIComponent(d).matchAll(/['"]([a-z0-9-]+:[A-Za-z*]+)['"]/g)].map((m) => m[1]));
    expect(new Set(actions)).toEqual(new Set(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'events:PutEvents']));
  });

  it('a second deploy after changing a memory size updates that function and uploads nothing', async () => {
    const file = join(work, 'orders.arch.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  chargeCard:\n    timeout: 25', '  chargeCard:\n    timeout: 25\n    memory: 1024'));
    const r = deployFile(file);
    expect(r.stdout).toMatch(/Changes to update stack orders: 0 to add, 1 to modify, 0 to replace, 0 to remove/);
    expect(r.stdout).toMatch(/~ ChargeCardFunction \(AWS::Lambda::Function\) — chargeCard/);
    expect(r.stdout).toMatch(/✔ Deployed orders \(0 packages uploaded, 6 unchanged\)/);
    expect(r.status).toBe(0);
    expect((await functionsOf('orders', 'eu-west-1')).get('ChargeCard')).toBe(1024);
    const again = deployFile(file);
    expect(again.stdout).toMatch(/✔ orders is up to date/);
    expect(again.status).toBe(0);
  });

  it('does not overwrite an edited generated file: stops before AWS, names it, and deploys with --force=<path>', async () => {
    const file = join(work, 'orders.arch.yaml');
    const edited = join(work, '.archflow', 'orders', 'src', 'generated', 'pager.ts');
    writeFileSync(edited, readFileSync(edited, 'utf8') + '// my change\n');
    const r = deployFile(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`archflow deploy: nothing written: 1 file in ${join(work, '.archflow', 'orders')} is not Archflow's to replace:\n  src/generated/pager.ts: it was edited since Archflow generated it\n`);
    expect(r.stderr).toContain('--force=src/generated/pager.ts');
    expect(r.stdout).not.toMatch(/Deploying stack/);
    expect(readFileSync(edited, 'utf8')).toMatch(/\/\/ my change\n$/);
    const forced = deployFile(file, ['--force=src/generated/pager.ts']);
    expect(forced.stdout).toMatch(/✔ orders is up to date/);
    expect(forced.status).toBe(0);
    expect(readFileSync(edited, 'utf8')).not.toContain('// my change');
  });

  it('deploys the file-processing example (FIFO queue with a FIFO dead-letter queue)', async () => {
    const r = deployExample('file-processing');
    expect(r.stdout).toMatch(/✔ Deployed files/);
    expect(r.status).toBe(0);
    const sqs = client(SQSClient, 'us-east-1');
    const urls = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'files-' }))).QueueUrls ?? [];
    const fifo = urls.filter((u) => u.endsWith('.fifo'));
    expect(fifo).toHaveLength(2);
    const ingest = fifo.find((u) => u.endsWith('/files-ingest.fifo'))!;
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: ingest, AttributeNames: ['All'] }))).Attributes!;
    expect(attrs).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '720' });
    expect(JSON.parse(attrs.RedrivePolicy!).deadLetterTargetArn).toMatch(/\.fifo$/);
    expect(Object.fromEntries(await functionsOf('files', 'us-east-1'))).toEqual({ IndexDocument: 2048, MakeThumbnail: 1536, ScanDocument: 1024 });
  });

  it('deploys the analytics example (Kinesis stream, DynamoDB table stream, mappings)', async () => {
    const r = deployExample('analytics');
    expect(r.stdout).toMatch(/✔ Deployed analytics/);
    expect(r.status).toBe(0);
    const region = 'eu-central-1';
    // The Kinesis client defaults to HTTP/2, which moto does not speak.
    const kinesis = new KinesisClient({ region, endpoint: moto.endpoint, credentials, requestHandler: new NodeHttpHandler() });
    const streams = (await kinesis.send(new ListStreamsCommand({}))).StreamNames ?? [];
    expect(streams).toHaveLength(1);
    const summary = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streams[0] }))).StreamDescriptionSummary!;
    expect(summary.OpenShardCount).toBe(2);
    expect(summary.RetentionPeriodHours).toBe(48);
    const ddb = client(DynamoDBClient, region);
    const tables = (await ddb.send(new ListTablesCommand({}))).TableNames ?? [];
    const table = (await ddb.send(new DescribeTableCommand({ TableName: tables[0] }))).Table!;
    expect(table.StreamSpecification).toMatchObject({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const mappings = (await client(LambdaClient, region).send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? [];
    const aggregate = mappings.find((m) => /analytics-AggregateFunction-/.test(m.FunctionArn ?? ''))!;
    expect(aggregate).toMatchObject({ BatchSize: 500, StartingPosition: 'LATEST', ParallelizationFactor: 2 });
    const publish = mappings.find((m) => /analytics-PublishMetricsFunction-/.test(m.FunctionArn ?? ''))!;
    expect(publish).toMatchObject({ StartingPosition: 'TRIM_HORIZON', BatchSize: 100 });
  });

  it('maps a deliberate failure to an error on the line of the node that failed', () => {
    const file = join(work, 'failing.arch.yaml');
    writeFileSync(file, [
      'archflow: 1',
      'name: failing',
      'region: us-east-1',
      'producers:',
      '  tick: { type: schedule, schedule: rate(1 hour), to: worker }',
      'consumers:',
      '  worker:',
      '    timeout: 10',
      '    role: arn:aws:iam::123456789012:role/does-not-exist',
      '',
    ].join('\n'));
    const r = deployFile(file);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7:3 error deploy/failed WorkerFunction \\(AWS::Lambda::Function\\): The role defined for the function cannot be assumed by Lambda\\.$`, 'm'));
    expect(r.stderr).toMatch(/✘ Deploy failed: stack failing is CREATE_FAILED/);
    expect(r.status).toBe(1);
  });

  it('refuses to deploy a file with errors, naming them', () => {
    const file = join(work, 'broken.arch.yaml');
    copyFileSync(resolve(ROOT, 'examples/broken/references.arch.yaml'), file);
    const r = deployFile(file);
    expect(r.stderr).toMatch(/error ref\/unknown Unknown name 'wroker'/);
    expect(r.stderr).toMatch(/fix the 5 errors first/);
    expect(r.status).toBe(1);
  });

  it('needs --yes when there is no terminal to ask', () => {
    const file = join(work, 'orders.arch.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    memory: 1024', '    memory: 2048'));
    const r = archflow(['deploy', file, '--endpoint', moto.endpoint], { cwd: work, env: moto.env, timeoutMs: 300_000, input: '' });
    expect(r.stderr).toMatch(/pass --yes to apply these changes/);
    expect(r.stderr).toMatch(/Not deployed/);
    expect(r.status).toBe(1);
  });

  it('destroy removes the stack', async () => {
    const file = join(work, 'orders.arch.yaml');
    expect(archflow(['destroy', file, '--endpoint', moto.endpoint], { cwd: work, env: moto.env }).status).toBe(1);
    const r = archflow(['destroy', file, '--endpoint', moto.endpoint, '--yes'], { cwd: work, env: moto.env });
    expect(r.stdout).toMatch(/✔ Deleted stack orders/);
    expect(r.status).toBe(0);
    await expect(client(CloudFormationClient, 'eu-west-1').send(new DescribeStacksCommand({ StackName: 'orders' }))).rejects.toThrow(/does not exist/);
    expect(archflow(['destroy', file, '--endpoint', moto.endpoint, '--yes'], { cwd: work, env: moto.env }).stdout).toMatch(/does not exist: nothing to delete/);
  });

  it('explains missing credentials', () => {
    const env = { ...moto.env };
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    delete env.AWS_SESSION_TOKEN;
    const r = archflow(['outputs', join(work, 'file-processing.arch.yaml'), '--endpoint', moto.endpoint], { cwd: work, env: { ...env, AWS_EC2_METADATA_DISABLED: 'true' } });
    expect(r.stderr).toMatch(/No AWS credentials found/);
    expect(r.stderr).not.toMatch(/testing/);
    expect(r.status).toBe(1);
  });
});
