// Firehose streams (kind `firehose`): the delivery stream, its delivery role on the bucket and the
// transform, the writers' grants (functions, bus rules), typed helpers and events, and the import back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedProject } from '../../../server/src/core/codegen/index';
import { analyze } from '../../../server/src/core/analyze';
import { importTemplate } from '../../../server/src/core/import/import-template';
import { cfnLint, generateText, validateResources } from '../../helpers/codegen';

const TEXT = `archflow: 1
name: clicks
producers:
  lake: { type: bucket }
routers:
  archive:
    type: firehose
    to: lake
    prefix: clicks/
    transform: enrich
  scratch: { type: firehose, retain: false }
  audit:
    type: event-bus
    rules:
      everything:
        pattern: { source: [shop.orders] }
        to: [archive]
consumers:
  writer: { timeout: 5, emits: [archive] }
  enrich: { timeout: 60 }
`;

type Statement = { Effect: string; Action: string[]; Resource: unknown };
const statementsOf = (res: Record<string, { Properties: Record<string, unknown> }>, id: string): Statement[] =>
  (res[id]!.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[])[0]!.PolicyDocument.Statement;

describe('firehose', () => {
  // Generated before each test, not once for the describe: a mutation run (Stryker) activates a mutant
  // for the tests only, so a project generated while the file loads could never tell a mutant apart.
  let project: GeneratedProject;
  let res: Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }>;
  beforeEach(() => {
    project = generateText(TEXT);
    res = project.template.Resources as typeof res;
  });

  it('is declared without problems of the format', () => {
    const codes = analyze(TEXT).problems.filter((p) => /^(yaml|schema|ref)\//.test(p.code)).map((p) => `${p.code} ${p.message}`);
    expect(codes).toEqual([]);
  });

  it('delivers into its bucket under its prefix, through its transform, with a delivery role of its own', () => {
    expect(res.ArchiveFirehose!.Type).toBe('AWS::KinesisFirehose::DeliveryStream');
    expect(res.ArchiveFirehose!.Properties).toEqual({
      DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: {
        BucketARN: { 'Fn::GetAtt': ['LakeBucket', 'Arn'] },
        RoleARN: { 'Fn::GetAtt': ['ArchiveFirehoseRole', 'Arn'] },
        Prefix: 'clicks/',
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: { 'Fn::GetAtt': ['EnrichFunction', 'Arn'] } }] }],
        },
      },
    });
    const role = res.ArchiveFirehoseRole!.Properties;
    expect((role.AssumeRolePolicyDocument as { Statement: { Principal: unknown }[] }).Statement[0]!.Principal).toEqual({ Service: 'firehose.amazonaws.com' });
    expect(statementsOf(res, 'ArchiveFirehoseRole')).toEqual([
      { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: { 'Fn::GetAtt': ['LakeBucket', 'Arn'] } },
      { Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['LakeBucket', 'Arn'] }, '/clicks/*']] } },
      { Effect: 'Allow', Action: ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'], Resource: { 'Fn::GetAtt': ['EnrichFunction', 'Arn'] } },
    ]);
  });

  it('without a bucket named, gets a bucket of its own, with its retention', () => {
    expect(res.ScratchFirehoseBucket).toMatchObject({ Type: 'AWS::S3::Bucket', DeletionPolicy: 'Delete' });
    expect((res.ScratchFirehose!.Properties.ExtendedS3DestinationConfiguration as Record<string, unknown>).BucketARN).toEqual({ 'Fn::GetAtt': ['ScratchFirehoseBucket', 'Arn'] });
    expect(statementsOf(res, 'ScratchFirehoseRole').map((s) => s.Action)).toEqual([
      ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
      ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
    ]);
  });

  it('grants its writers PutRecord: a function through its role, a bus rule through the rule role', () => {
    expect(statementsOf(res, 'WriterRole')).toContainEqual({ Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: { 'Fn::GetAtt': ['ArchiveFirehose', 'Arn'] } });
    const rule = Object.values(res).find((r) => r.Type === 'AWS::Events::Rule')!;
    const target = (rule.Properties.Targets as { Arn: unknown; RoleArn: { 'Fn::GetAtt': [string, string] } }[])[0]!;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': ['ArchiveFirehose', 'Arn'] });
    expect(statementsOf(res, target.RoleArn['Fn::GetAtt'][0])).toEqual([
      { Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: { 'Fn::GetAtt': ['ArchiveFirehose', 'Arn'] } },
    ]);
    const writer = res.WriterFunction!.Properties as { Environment: { Variables: Record<string, unknown> } };
    expect(writer.Environment.Variables).toEqual({ ARCHIVE_FIREHOSE_NAME: { Ref: 'ArchiveFirehose' } });
  });

  it('gives the writer a typed helper and the transform a typed Firehose event', () => {
    const runtime = project.files.get('src/generated/runtime.ts')!;
    expect(runtime).toContain("import { FirehoseClient, PutRecordCommand as PutFirehoseRecordCommand } from '@aws-sdk/client-firehose';");
    expect(Object.keys(JSON.parse(project.files.get('package.json')!).dependencies)).toEqual(['@aws-sdk/client-firehose']);
    expect(runtime).toContain('export async function putFirehoseRecord(firehoseVariable: string, data: unknown): Promise<void>');
    const writer = project.files.get('src/generated/writer.ts')!;
    expect(writer).toContain('export async function putRecordToArchive(data: unknown): Promise<void> {\n  await putFirehoseRecord("ARCHIVE_FIREHOSE_NAME", data);\n}');
    const enrich = project.files.get('src/generated/enrich.ts')!;
    expect(enrich).toContain("import type { Context, FirehoseTransformationEvent, FirehoseTransformationEventRecord, FirehoseTransformationResult } from 'aws-lambda';");
    expect(enrich).toContain('export type EnrichEvent = FirehoseTransformationEvent;');
    expect(enrich).toContain('export type EnrichResult = FirehoseTransformationResult;');
    expect(enrich).toContain('export function parseArchiveMessage(record: FirehoseTransformationEventRecord): ArchiveMessage {');
    const handler = project.files.get('src/handlers/enrich.ts')!;
    expect(handler).toContain("return { recordId: record.recordId, result: 'Ok' as const, data: record.data };");
    expect(project.files.get('src/generated/samples/enrich.ts')).toContain('"deliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/archive"');
  });

  it('is cfn-lint clean and every resource with a schema validates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-cfn-'));
    writeFileSync(join(dir, 'template.json'), project.files.get('template.json')!);
    expect(cfnLint([join(dir, 'template.json')]).map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
    expect(validateResources(project.template).errors).toEqual([]);
  }, 60_000);

  it('imports back: the delivery stream with its bucket, prefix and transform', () => {
    const back = importTemplate(JSON.stringify(project.template), 'clicks.json');
    expect(back.problems).toEqual([]);
    const graph = analyze(back.yaml).graph;
    const archive = graph.nodes.get('ArchiveFirehose');
    // The stream without a bucket keeps the bucket generated for it, now named.
    const scratch = graph.nodes.get('ScratchFirehose');
    expect(scratch?.kind === 'firehose' ? scratch.settings : undefined).toEqual({ to: 'ScratchFirehoseBucket' });
    expect(graph.nodes.get('WriterFunction')?.config.emits).toEqual(['ArchiveFirehose']);
    expect(archive?.kind === 'firehose' ? archive.settings : undefined, back.yaml).toEqual({ to: 'LakeBucket', prefix: 'clicks/', transform: 'EnrichFunction' });
  });
});
