import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_RESOURCE_TYPES } from '../../../server/src/core/kinds/index';
import { cfnLint, generateText } from '../../helpers/codegen';

const STATEFUL = `archflow: 1
name: keep
producers:
  orders: { type: table, partitionKey: id }
  uploads: { type: bucket }
  scratch: { type: table, retain: false }
routers:
  jobs: { type: queue, deadLetter: { maxReceiveCount: 3 }, to: worker }
  clicks: { type: stream, to: { function: worker, startingPosition: LATEST } }
  alerts: { type: topic }
consumers:
  worker: { emits: [alerts, orders, scratch, uploads] }
`;

const template = (text: string): { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string; Metadata?: Record<string, unknown> }>; Parameters: Record<string, unknown> } =>
  generateText(text).template as never;

describe('data that survives: retention of stateful resources', () => {
  const t = template(STATEFUL);
  const policies = (id: string): [string | undefined, string | undefined] => [t.Resources[id]!.DeletionPolicy, t.Resources[id]!.UpdateReplacePolicy];

  it('tables, buckets, streams and queues (dead-letter queues too) are retained by default', () => {
    expect(policies('OrdersTable')).toEqual(['Retain', 'Retain']);
    expect(policies('UploadsBucket')).toEqual(['Retain', 'Retain']);
    expect(policies('ClicksStream')).toEqual(['Retain', 'Retain']);
    expect(policies('JobsQueue')).toEqual(['Retain', 'Retain']);
    expect(policies('JobsQueueDeadLetterQueue')).toEqual(['Retain', 'Retain']);
  });

  it('`retain: false` opts a node out: its policies say Delete', () => {
    expect(policies('ScratchTable')).toEqual(['Delete', 'Delete']);
  });

  it('resources without data keep CloudFormation\'s default', () => {
    for (const id of ['AlertsTopic', 'WorkerFunction', 'WorkerRole']) expect(policies(id)).toEqual([undefined, undefined]);
  });

  it('the kinds name the resource types that hold data', () => {
    expect([...DATA_RESOURCE_TYPES].sort()).toEqual(['AWS::DynamoDB::Table', 'AWS::Kinesis::Stream', 'AWS::S3::Bucket', 'AWS::SQS::Queue']);
  });

  it('the template stays cfn-lint clean', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-retain-'));
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify(t));
    expect(cfnLint([file]).filter((f) => f.Level !== 'Informational').map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
  }, 60_000);
});

describe('deployed identity across a rename: previousName', () => {
  it('a renamed table keeps its logical ID, and so its deployed resource', () => {
    const renamed = template(STATEFUL.replace('  orders: { type: table, partitionKey: id }', '  purchases: { type: table, partitionKey: id, previousName: orders }').replace('orders, scratch', 'purchases, scratch'));
    expect(renamed.Resources.OrdersTable?.Type).toBe('AWS::DynamoDB::Table');
    expect(renamed.Resources.PurchasesTable).toBeUndefined();
  });

  it('a new node named like the old one never takes the kept ID', () => {
    const both = template(STATEFUL.replace('  orders: { type: table, partitionKey: id }', '  purchases: { type: table, partitionKey: id, previousName: orders }\n  orders: { type: table }'));
    expect(both.Resources.OrdersTable!.Properties.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    const other = Object.entries(both.Resources).filter(([id, r]) => r.Type === 'AWS::DynamoDB::Table' && id !== 'OrdersTable' && id !== 'ScratchTable');
    expect(other.map(([id]) => id)).toEqual([expect.stringMatching(/^OrdersTable[0-9A-F]+$/)]);
    expect(other[0]![1].Properties.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
  });
});

describe('physical names: one per stack, kept across a rename', () => {
  const NAMED = `archflow: 1
name: shop
producers:
  uploads: { type: bucket }
routers:
  jobs: { type: queue, fifo: true, deadLetter: { maxReceiveCount: 3 }, to: worker }
consumers:
  worker: { emits: [uploads] }
`;
  const STACK_KEY = { 'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }] };

  it('a bucket with a fixed name takes the stack\'s key, not only the architecture\'s name: two stacks of one file never collide', () => {
    const t = template(NAMED);
    expect(t.Resources.UploadsBucket!.Properties.BucketName).toEqual({ 'Fn::Sub': [expect.stringMatching(/^shop-uploads-[0-9a-f]{4}-\$\{AWS::AccountId\}-\$\{StackKey\}$/), { StackKey: STACK_KEY }] });
    expect(t.Resources.JobsQueue!.Properties.QueueName).toEqual({ 'Fn::Sub': '${AWS::StackName}-jobs.fifo' });
  });

  it('with previousName, the bucket\'s and the FIFO queue\'s names stay those of the deployed resources', () => {
    const before = template(NAMED);
    const after = template(NAMED.replace('  uploads: { type: bucket }', '  files: { type: bucket, previousName: uploads }').replace('emits: [uploads]', 'emits: [files]')
      .replace('  jobs: { type: queue,', '  tasks: { type: queue, previousName: jobs,'));
    for (const id of ['UploadsBucket', 'JobsQueue', 'JobsQueueDeadLetterQueue']) expect(after.Resources[id]!.Properties).toEqual(before.Resources[id]!.Properties);
    expect(after.Resources.WorkerFunction!.Properties.Environment).toEqual({ Variables: { FILES_BUCKET_NAME: before.Resources.UploadsBucket!.Properties.BucketName } });
  });
});

describe('functions of every runtime', () => {
  const FUNCTIONS = `archflow: 1
name: runtimes
routers:
  jobs: { type: queue, to: ingest }
consumers:
  ingest:
    runtime: provided.al2023
    handler: bootstrap
    code: rust/ingest
    build: { command: cargo lambda build --release, artifact: target/lambda/ingest }
  resize:
    package: image
    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/resize:1.4
    memory: 2048
  place: {}
`;
  const t = template(FUNCTIONS);

  it('a function with a build carries it to deploy, with its code folder relative to the architecture file', () => {
    expect(t.Resources.IngestFunction!.Metadata).toEqual({
      'archflow:source': 'rust/ingest', 'archflow:source-base': 'architecture',
      'archflow:build': { command: 'cargo lambda build --release', artifact: 'target/lambda/ingest' },
    });
    expect(t.Resources.IngestFunction!.Properties).toMatchObject({ Runtime: 'provided.al2023', Handler: 'bootstrap' });
  });

  it('a container-image function is PackageType Image with its image URI: no runtime, handler or code parameter', () => {
    const p = t.Resources.ResizeFunction!.Properties;
    expect(p).toMatchObject({ PackageType: 'Image', Code: { ImageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/resize:1.4' }, MemorySize: 2048 });
    expect(p.Runtime).toBeUndefined();
    expect(p.Handler).toBeUndefined();
    expect(t.Resources.ResizeFunction!.Metadata).toBeUndefined();
    expect(Object.keys(t.Parameters).filter((k) => k.startsWith('Resize'))).toEqual([]);
  });

  it('only Node.js zip functions get generated handlers', () => {
    const files = [...generateText(FUNCTIONS).files.keys()];
    expect(files).toContain('src/handlers/place.ts');
    expect(files.filter((f) => /ingest|resize/.test(f))).toEqual([]);
  });

  it('the template stays cfn-lint clean', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-runtimes-'));
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify(t));
    expect(cfnLint([file]).filter((f) => f.Level !== 'Informational').map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
  }, 60_000);
});
