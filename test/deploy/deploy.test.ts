import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, GetTemplateCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, ListEventBusesCommand, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { IAMClient, ListRolesCommand, ListRolePoliciesCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { KinesisClient, DescribeStreamSummaryCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { GetPolicyCommand, LambdaClient, ListEventSourceMappingsCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { GetTopicAttributesCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
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

type Run = { status: number | null; stdout: string; stderr: string };

/**
 * The first deploy of an example, as is, into the work folder (once per file, whichever test needs it
 * first): the tests that read what it created share it and change nothing in it. A test that changes a
 * stack deploys its own (`ownCopy`), so that every test holds in any order (`--sequence.shuffle`).
 */
const deployed = new Map<string, Run & { file: string }>();
function deployExample(name: string): Run & { file: string } {
  let r = deployed.get(name);
  if (!r) {
    const file = join(work, `${name}.arch.yaml`);
    if (name === 'fulfilment') copyFileSync(resolve(ROOT, 'examples', 'fulfilment.asl.json'), join(work, 'fulfilment.asl.json'));
    copyFileSync(resolve(ROOT, 'examples', `${name}.arch.yaml`), file);
    deployed.set(name, (r = { ...deployFile(file), file }));
  }
  return r;
}

/** A copy of an example under another name (so another stack), in a folder of its own; not deployed. */
function ownCopy(example: string, name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.arch.yaml`);
  const text = readFileSync(resolve(ROOT, 'examples', `${example}.arch.yaml`), 'utf8');
  expect(text).toMatch(/^name: \S+$/m);
  writeFileSync(file, text.replace(/^name: \S+$/m, `name: ${name}`));
  return file;
}

function deployFile(file: string, args: string[] = []): Run {
  return archflow(['deploy', file, '--endpoint', moto.endpoint, '--yes', ...args], { cwd: dirname(file), env: moto.env, timeoutMs: 540_000 });
}

async function functionsOf(stack: string, region: string): Promise<Map<string, number>> {
  const fns = (await client(LambdaClient, region).send(new ListFunctionsCommand({}))).Functions ?? [];
  return new Map(fns.filter((f) => f.FunctionName?.startsWith(`${stack}-`)).map((f) => [f.FunctionName!.replace(`${stack}-`, '').replace(/Function-.*$/, ''), f.MemorySize!]));
}

/**
 * A policy document as moto returns it: JSON, or (IAM role policies) a Python literal, read with
 * Python's own literal parser (moto_server runs on it).
 */
function policyDocument(text: string): { Statement: Record<string, unknown>[] } {
  const decoded = decodeURIComponent(text);
  try {
    return JSON.parse(decoded) as { Statement: Record<string, unknown>[] };
  } catch {
    const r = spawnSync('python3', ['-c', 'import ast, json, sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))'], { input: decoded, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`not a policy document: ${decoded}\n${r.stderr}`);
    return JSON.parse(r.stdout) as { Statement: Record<string, unknown>[] };
  }
}

/** The statements of every inline policy of a role, as deployed. */
async function roleStatements(roleName: string): Promise<Record<string, unknown>[]> {
  const iam = client(IAMClient, 'us-east-1');
  const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
  const documents = await Promise.all(names.map(async (p) => policyDocument((await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: p }))).PolicyDocument!)));
  return documents.flatMap((d) => (Array.isArray(d.Statement) ? d.Statement : [d.Statement]));
}

/** What the IAM policy evaluator says of one call. */
async function simulate(call: { identity?: Record<string, unknown>[]; resourcePolicy?: unknown; principal: string; action: string; resource: string; context?: Record<string, string> }): Promise<string> {
  const response = await runSimulation({
    identityPolicies: call.identity ? [{ name: 'role', policy: { Version: '2012-10-17', Statement: call.identity } }] : [],
    serviceControlPolicies: [], resourceControlPolicies: [],
    ...(call.resourcePolicy ? { resourcePolicy: call.resourcePolicy } : {}),
    request: { action: call.action, principal: call.principal, resource: { accountId: '123456789012', resource: call.resource }, contextVariables: call.context ?? {} },
  } as Simulation, {});
  return response.resultType === 'error' ? `error: ${JSON.stringify(response.errors)}` : response.overallResult;
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
    const bus = ((await events.send(new ListEventBusesCommand({}))).EventBuses ?? []).find((b) => b.Name === 'orders-orderBus');
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
    const statements = await roleStatements(roles[0]!.RoleName!);
    const actions = statements.flatMap((st) => [st.Action].flat().map(String));
    expect(new Set(actions)).toEqual(new Set(['logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'events:PutEvents']));
    // Its two catalog events, in one statement: a call may carry both.
    expect(statements.find((st) => st.Action === 'events:PutEvents' || JSON.stringify(st.Action) === '["events:PutEvents"]')?.Condition).toEqual({
      'ForAllValues:StringEquals': { 'events:source': ['shop.payments'], 'events:detail-type': ['OrderPaid', 'PaymentFailed'] },
      Null: { 'events:source': ['false'], 'events:detail-type': ['false'] },
    });
  });

  it('a second deploy after changing a memory size updates that function and uploads nothing', async () => {
    const file = ownCopy('orders', 'resized');
    expect(deployFile(file).status).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('  chargeCard:\n    timeout: 25', '  chargeCard:\n    timeout: 25\n    memory: 1024'));
    const r = deployFile(file);
    expect(r.stdout).toMatch(/Changes to update stack resized: 0 to add, 1 to modify, 0 to replace, 0 to remove/);
    expect(r.stdout).toMatch(/~ ChargeCardFunction \(AWS::Lambda::Function\) — chargeCard/);
    expect(r.stdout).toMatch(/✔ Deployed resized \(0 packages uploaded, 6 unchanged\)/);
    expect(r.status).toBe(0);
    expect((await functionsOf('resized', 'eu-west-1')).get('ChargeCard')).toBe(1024);
    const again = deployFile(file);
    expect(again.stdout).toMatch(/✔ resized is up to date/);
    expect(again.status).toBe(0);
  });

  it('does not overwrite an edited generated file: stops before AWS, names it, and deploys with --force=<path>', async () => {
    // The example as deployed: this test leaves its stack and its project as they were.
    const { file, status } = deployExample('orders');
    expect(status).toBe(0);
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

  it('the deployed file-processing roles read the objects that trigger them, and nothing next to them (policy evaluator on what moto holds)', async () => {
    expect(deployExample('file-processing').status).toBe(0);
    const region = 'us-east-1';
    const lambda = client(LambdaClient, region);
    const fns = ((await lambda.send(new ListFunctionsCommand({}))).Functions ?? []).filter((f) => f.FunctionName?.startsWith('files-'));
    const fn = (name: string): { arn: string; role: string } => {
      const f = fns.find((x) => x.FunctionName!.startsWith(`files-${name}Function-`))!;
      return { arn: f.FunctionArn!, role: f.Role! };
    };
    const uploads = ((await client(S3Client, region).send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!).find((b) => b.startsWith('files-uploads-'))!;
    expect(uploads).toMatch(/^files-uploads-[0-9a-f]{4}-123456789012-[0-9a-f]{8}$/);
    const bucketArn = `arn:aws:s3:::${uploads}`;
    const results: string[] = [];
    const check = async (what: string, expected: 'Allowed' | 'Denied', call: Parameters<typeof simulate>[0]): Promise<void> => {
      const got = await simulate(call);
      const verdict = got === 'Allowed' ? 'Allowed' : got.endsWith('Denied') ? 'Denied' : got;
      results.push(`${what}: ${verdict}${verdict === expected ? '' : ` (expected ${expected})`}`);
    };
    for (const [name, key, elsewhere] of [['ScanDocument', 'incoming/docs/report.pdf', 'incoming/images/cat.png'], ['MakeThumbnail', 'incoming/images/cat.png', 'incoming/docs/report.pdf']] as const) {
      const { arn, role } = fn(name);
      const identity = await roleStatements(role.split('/').pop()!);
      const as = { identity, principal: role };
      await check(`${name} reads ${key}`, 'Allowed', { ...as, action: 's3:GetObject', resource: `${bucketArn}/${key}` });
      await check(`${name} reads ${elsewhere}`, 'Denied', { ...as, action: 's3:GetObject', resource: `${bucketArn}/${elsewhere}` });
      await check(`${name} reads another bucket`, 'Denied', { ...as, action: 's3:GetObject', resource: `arn:aws:s3:::another-bucket/${key}` });
      await check(`${name} deletes ${key}`, 'Denied', { ...as, action: 's3:DeleteObject', resource: `${bucketArn}/${key}` });
      // Its Lambda permission: only the uploads bucket of this account invokes it.
      const resourcePolicy = policyDocument((await lambda.send(new GetPolicyCommand({ FunctionName: arn }))).Policy!);
      // moto adds a `FunctionName` to each statement, which no policy has (AWS returns none).
      for (const st of resourcePolicy.Statement) delete st.FunctionName;
      const invoke = { resourcePolicy, principal: 's3.amazonaws.com', action: 'lambda:InvokeFunction', resource: arn };
      await check(`uploads invokes ${name}`, 'Allowed', { ...invoke, context: { 'aws:SourceArn': bucketArn, 'aws:SourceAccount': '123456789012' } });
      await check(`another bucket invokes ${name}`, 'Denied', { ...invoke, context: { 'aws:SourceArn': 'arn:aws:s3:::another-bucket', 'aws:SourceAccount': '123456789012' } });
      await check(`uploads of another account invokes ${name}`, 'Denied', { ...invoke, context: { 'aws:SourceArn': bucketArn, 'aws:SourceAccount': '999999999999' } });
    }
    const index = await roleStatements(fn('IndexDocument').role.split('/').pop()!);
    await check('IndexDocument reads incoming/docs/report.pdf (access: read)', 'Allowed', { identity: index, principal: fn('IndexDocument').role, action: 's3:GetObject', resource: `${bucketArn}/incoming/docs/report.pdf` });
    console.log(results.join('\n'));
    expect(results.filter((x) => x.includes('expected'))).toEqual([]);
    expect(results).toHaveLength(15);

    // One log group per function, created with the stack.
    const resources = (await client(CloudFormationClient, region).send(new ListStackResourcesCommand({ StackName: 'files' }))).StackResourceSummaries ?? [];
    expect(resources.filter((x) => x.ResourceType === 'AWS::Logs::LogGroup').map((x) => x.LogicalResourceId).sort()).toEqual(['IndexDocumentFunctionLogGroup', 'MakeThumbnailFunctionLogGroup', 'ScanDocumentFunctionLogGroup']);
  });

  it('deploys a FIFO topic with a FIFO queue subscribed: FifoTopic and ContentBasedDeduplication as declared', async () => {
    const dir = join(work, 'ledger');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'ledger.arch.yaml');
    copyFileSync(resolve(ROOT, 'test/fixtures/deploy/fifo-topic.arch.yaml'), file);
    const r = deployFile(file);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✔ Deployed ledger \(2 packages uploaded, 0 unchanged\)/);
    expect(r.status).toBe(0);
    const region = 'eu-west-1';
    const sns = client(SNSClient, region);
    const topics = ((await sns.send(new ListTopicsCommand({}))).Topics ?? []).map((t) => t.TopicArn!).filter((a) => a.includes(':ledger-'));
    expect(topics).toEqual(['arn:aws:sns:eu-west-1:123456789012:ledger-entries.fifo']);
    const attrs = (await sns.send(new GetTopicAttributesCommand({ TopicArn: topics[0] }))).Attributes!;
    expect({ FifoTopic: attrs.FifoTopic, ContentBasedDeduplication: attrs.ContentBasedDeduplication }).toEqual({ FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    const sqs = client(SQSClient, region);
    const urls = ((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'ledger-' }))).QueueUrls ?? []).sort();
    expect(urls.map((u) => u.replace(/^.*\//, ''))).toEqual(['ledger-book-dlq.fifo', 'ledger-book.fifo', 'ledger-undelivered.fifo']);
    const book = urls.find((u) => u.endsWith('/ledger-book.fifo'))!;
    const bookAttrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: book, AttributeNames: ['All'] }))).Attributes!;
    expect(bookAttrs.FifoQueue).toBe('true');
    // moto accepts AWS::SNS::Subscription without creating it (docs/deploy.md): the deployed template says what AWS would create.
    const deployedTemplate = JSON.parse((await client(CloudFormationClient, region).send(new GetTemplateCommand({ StackName: 'ledger' }))).TemplateBody!) as { Resources: Record<string, { Type: string; Properties: unknown }> };
    expect(Object.values(deployedTemplate.Resources).filter((x) => x.Type === 'AWS::SNS::Subscription').map((x) => x.Properties)).toEqual([{
      TopicArn: { Ref: 'EntriesFifoTopic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['BookFifoQueue', 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['UndeliveredFifoQueue', 'Arn'] } },
    }]);
    expect(bookAttrs.QueueArn).toBe('arn:aws:sqs:eu-west-1:123456789012:ledger-book.fifo');
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

  it('deploys the fulfilment example: state machines with the definition read from the file next to it (moto does not create pipes)', async () => {
    const r = deployExample('fulfilment');
    expect(r.stdout).toMatch(/✔ Deployed fulfilment \(4 packages uploaded, 0 unchanged\)/);
    expect(r.status).toBe(0);
    const rows = (await client(CloudFormationClient, 'eu-west-1').send(new ListStackResourcesCommand({ StackName: 'fulfilment' }))).StackResourceSummaries ?? [];
    const created = (type: string): string[] => rows.filter((x) => x.ResourceType === type && x.PhysicalResourceId).map((x) => x.LogicalResourceId!).sort();
    expect(created('AWS::StepFunctions::StateMachine')).toEqual(['FulfilStateMachine', 'QuoteStateMachine']);
    expect(rows.find((x) => x.LogicalResourceId === 'FulfilStateMachine')!.PhysicalResourceId).toMatch(/^arn:aws:states:eu-west-1:\d+:stateMachine:/);
    // Each state machine's log group and each function's (one log group per function, with its retention).
    expect(created('AWS::Logs::LogGroup')).toEqual(['ChargeCardFunctionLogGroup', 'FulfilStateMachineLogs', 'NotifyCustomerFunctionLogGroup', 'PriceItemsFunctionLogGroup', 'QuoteStateMachineLogs', 'ReserveStockFunctionLogGroup']);
    // moto 5.2's CloudFormation accepts AWS::Pipes::Pipe without creating it (docs/deploy.md lists it): cfn-lint and the
    // official resource schema judge the pipe instead (test/unit/codegen/template.test.ts).
  });

  it('deploys the function-wiring example: the invoking function gets the names and the invoke permission of its targets', async () => {
    const r = deployExample('function-wiring');
    expect(r.stdout).toMatch(/✔ Deployed payments/);
    expect(r.status).toBe(0);
    const region = 'us-east-1';
    const fns = await functionsOf('payments', region);
    expect([...fns.keys()].sort()).toEqual(['Ledger', 'Pricing', 'Reconcile', 'SendReceipt', 'Webhook']);
    const lambda = client(LambdaClient, region);
    const all = (await lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
    const named = (word: string): string => all.find((f) => f.FunctionName?.startsWith(`payments-${word}Function-`))!.FunctionName!;
    const webhook = all.find((f) => f.FunctionName === named('Webhook'))!;
    expect(webhook.Environment?.Variables).toEqual({ LEDGER_FUNCTION_NAME: named('Ledger'), PRICING_FUNCTION_NAME: named('Pricing') });

    const iam = client(IAMClient, 'us-east-1');
    const roleActions = async (prefix: string): Promise<Set<string>> => {
      const role = ((await iam.send(new ListRolesCommand({}))).Roles ?? []).find((x) => x.RoleName?.startsWith(prefix))!;
      const policies = (await iam.send(new ListRolePoliciesCommand({ RoleName: role.RoleName! }))).PolicyNames ?? [];
      const documents = await Promise.all(policies.map(async (p) => (await iam.send(new GetRolePolicyCommand({ RoleName: role.RoleName!, PolicyName: p }))).PolicyDocument!));
      return new Set(documents.flatMap((d) => [...decodeURIComponent(d).matchAll(/['"]([a-z0-9-]+:[A-Za-z*]+)['"]/g)].map((m) => m[1]!)));
    };
    expect(await roleActions('payments-WebhookRole')).toEqual(new Set(['logs:CreateLogStream', 'logs:PutLogEvents', 'lambda:InvokeFunction']));
    // The stack creates each function's log group, so no role may create one. The destinations are sent to with the function's own role.
    expect(await roleActions('payments-LedgerRole')).toEqual(new Set(['logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:SendMessage', 'sns:Publish']));
    // moto accepts AWS::Lambda::Url and AWS::Lambda::EventInvokeConfig without creating them (docs/deploy.md).
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
    const file = ownCopy('orders', 'asked');
    const r = archflow(['deploy', file, '--endpoint', moto.endpoint], { cwd: dirname(file), env: moto.env, timeoutMs: 300_000, input: '' });
    expect(r.stdout).toMatch(/Changes to create stack asked: \d+ to add, 0 to modify, 0 to replace, 0 to remove/);
    expect(r.stderr).toMatch(/pass --yes to apply these changes/);
    expect(r.stderr).toMatch(/Not deployed/);
    expect(r.status).toBe(1);
  });

  it('destroy removes the stack', async () => {
    const file = ownCopy('orders', 'doomed');
    const cwd = dirname(file);
    expect(deployFile(file).status).toBe(0);
    expect(archflow(['destroy', file, '--endpoint', moto.endpoint], { cwd, env: moto.env }).status).toBe(1);
    expect((await client(CloudFormationClient, 'eu-west-1').send(new DescribeStacksCommand({ StackName: 'doomed' }))).Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    const r = archflow(['destroy', file, '--endpoint', moto.endpoint, '--yes'], { cwd, env: moto.env });
    expect(r.stdout).toMatch(/✔ Deleted stack doomed/);
    expect(r.status).toBe(0);
    await expect(client(CloudFormationClient, 'eu-west-1').send(new DescribeStacksCommand({ StackName: 'doomed' }))).rejects.toThrow(/does not exist/);
    expect(archflow(['destroy', file, '--endpoint', moto.endpoint, '--yes'], { cwd, env: moto.env }).stdout).toMatch(/does not exist: nothing to delete/);
  });

  it('explains missing credentials', () => {
    const env = { ...moto.env };
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    delete env.AWS_SESSION_TOKEN;
    const file = ownCopy('file-processing', 'uncredited');
    const r = archflow(['outputs', file, '--endpoint', moto.endpoint], { cwd: dirname(file), env: { ...env, AWS_EC2_METADATA_DISABLED: 'true' } });
    expect(r.stderr).toMatch(/No AWS credentials found/);
    expect(r.stderr).not.toMatch(/testing/);
    expect(r.status).toBe(1);
  });
});
