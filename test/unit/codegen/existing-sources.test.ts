// Pipes and functions reading a queue, a Kinesis stream or a DynamoDB table that exists outside the
// stack (`external` with `arn`): the pipe names it as its Source, its role and the function's role
// read it on that ARN (a table: its stream's), the template is cfn-lint clean, and a pipe reading a
// table named only by the table's ARN is not generated but reported where its source is written.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedProject } from '../../../server/src/core/codegen/index';
import { analyze } from '../../../server/src/core/analyze';
import { cfnLint, generateText, ROOT, validateResources } from '../../helpers/codegen';

const TEXT = readFileSync(join(ROOT, 'test/fixtures/codegen/existing-sources.arch.yaml'), 'utf8');
const LEDGER_STREAM = 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/2026-01-01T00:00:00.000';
const JOBS = { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:legacy-jobs' };
const CLICKS = 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks';
const SQS = ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];
const KINESIS = ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'];
const DDB_STREAM = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
const arn = (id: string): unknown => ({ 'Fn::GetAtt': [id, 'Arn'] });

type Statement = { Effect: string; Action: string[]; Resource: unknown };
type Res = Record<string, { Type: string; Properties: Record<string, unknown> }>;
const statementsOf = (res: Res, id: string): Statement[] =>
  (res[id]!.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[])[0]!.PolicyDocument.Statement;
const arch = (body: string): string => `archflow: 1\nname: t\nregion: eu-west-1\n${body}\n`;

describe('pipes and functions reading existing queues, streams and tables', () => {
  // Generated before each test, not once for the describe: a mutation run (Stryker) activates a mutant
  // for the tests only, so a project generated while the file loads could never tell a mutant apart.
  let project: GeneratedProject;
  let res: Res;
  beforeEach(() => {
    project = generateText(TEXT);
    res = project.template.Resources as Res;
  });

  it('are declared without problems', () => {
    expect(analyze(TEXT).problems.map((p) => `${p.code} ${p.message}`)).toEqual([]);
  });

  it('each pipe names the existing resource as its Source (a table: its stream), with its polling parameters', () => {
    expect(res.FromJobsPipe!.Properties.Source).toEqual(JOBS);
    expect(res.FromJobsPipe!.Properties.SourceParameters).toEqual({
      FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["invoice"]}}' }] }, SqsQueueParameters: { BatchSize: 10 },
    });
    expect(res.FromClicksPipe!.Properties.Source).toBe(CLICKS);
    expect(res.FromClicksPipe!.Properties.SourceParameters).toEqual({ KinesisStreamParameters: { StartingPosition: 'LATEST', BatchSize: 100 } });
    expect(res.FromLedgerPipe!.Properties.Source).toBe(LEDGER_STREAM);
    expect(res.FromLedgerPipe!.Properties.SourceParameters).toEqual({ DynamoDBStreamParameters: { StartingPosition: 'TRIM_HORIZON', MaximumRetryAttempts: 3 } });
  });

  it("each pipe's role reads its source on that ARN and invokes its target, nothing else", () => {
    expect(statementsOf(res, 'FromJobsPipeRole')).toEqual([
      { Effect: 'Allow', Action: SQS, Resource: JOBS },
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: arn('WorkerFunction') },
    ]);
    expect(statementsOf(res, 'FromClicksPipeRole')).toEqual([
      { Effect: 'Allow', Action: KINESIS, Resource: CLICKS },
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: arn('AuditorFunction') },
    ]);
    expect(statementsOf(res, 'FromLedgerPipeRole')).toEqual([
      { Effect: 'Allow', Action: DDB_STREAM, Resource: LEDGER_STREAM },
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: arn('AuditorFunction') },
    ]);
  });

  it("a function an existing source sends to reads it with its role: a queue, a stream, a table's stream (any, when the table's ARN is given)", () => {
    expect(statementsOf(res, 'WorkerRole').slice(1)).toEqual([
      { Effect: 'Allow', Action: SQS, Resource: JOBS },
      { Effect: 'Allow', Action: KINESIS, Resource: CLICKS },
    ]);
    expect(statementsOf(res, 'AuditorRole').slice(1)).toEqual([
      { Effect: 'Allow', Action: DDB_STREAM, Resource: LEDGER_STREAM },
      { Effect: 'Allow', Action: DDB_STREAM, Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/accounts/stream/*' },
    ]);
  });

  it('reports the mappings it does not create, and nothing about the sources the pipes name themselves', () => {
    expect(project.problems.map((p) => `${p.code} ${p.message}`)).toEqual([
      "codegen/unwired-edge Archflow does not create the link from external 'ledger' to 'auditor' itself (it does not own 'ledger'); it grants dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator on 'ledger' (its stream) to the role of function 'auditor'. Create the link where 'ledger' is defined.",
      "codegen/unwired-edge Archflow does not create the link from external 'accounts' to 'auditor' itself (it does not own 'accounts'); it grants dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator on 'accounts' (its stream) to the role of function 'auditor'. Create the link where 'accounts' is defined.",
      "codegen/unwired-edge Archflow does not create the link from external 'jobs' to 'worker' itself (it does not own 'jobs'); it grants sqs:DeleteMessage, sqs:GetQueueAttributes, sqs:ReceiveMessage on 'jobs' to the role of function 'worker'. Create the link where 'jobs' is defined.",
      "codegen/unwired-edge Archflow does not create the link from external 'clicks' to 'worker' itself (it does not own 'clicks'); it grants kinesis:DescribeStream, kinesis:DescribeStreamSummary, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards on 'clicks' to the role of function 'worker'. Create the link where 'clicks' is defined.",
    ]);
  });

  it("types a pipe target's batch by the existing source's records", () => {
    expect(project.files.get('src/generated/worker.ts')).toContain('SQSRecord[]');
  });

  it('is cfn-lint clean and every resource with a schema validates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-cfn-'));
    writeFileSync(join(dir, 'template.json'), project.files.get('template.json')!);
    expect(cfnLint([join(dir, 'template.json')]).map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
    expect(validateResources(project.template).errors).toEqual([]);
  }, 60_000);
});

describe('a pipe reading an existing table named by the table ARN', () => {
  it('is not generated (no `/stream/*` Source that fails at deploy): the problem, at its source, says what to write', () => {
    const text = arch(`producers:
  audit: { type: external, resource: AWS::DynamoDB::Table, arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/audit' }
routers:
  p:
    type: pipe
    source: { table: audit, startingPosition: LATEST }
    to: f
consumers: { f: {} }`);
    const project = generateText(text);
    expect(Object.values(project.template.Resources).filter((r) => r.Type === 'AWS::Pipes::Pipe' || r.Type === 'AWS::IAM::Role').length).toBe(1);
    expect(project.template.Resources.PPipeRole).toBeUndefined();
    const problems = project.problems.filter((p) => p.code === 'codegen/pipe-incomplete');
    expect(problems.map((p) => `${p.severity} ${p.message}`)).toEqual([
      "warning Pipe 'p' is not generated: a pipe reads a table's stream by the stream's full ARN, and 'audit' gives the table's. Write its stream's ARN as its `arn` (`arn:aws:dynamodb:eu-west-1:123456789012:table/audit/stream/<label>`: the table's LatestStreamArn, `aws dynamodb describe-table --table-name audit`).",
    ]);
    expect(problems[0]!.at).toEqual(['routers', 'p', 'source', 'table']);
    expect(project.problems.filter((p) => p.code === 'codegen/unwired-edge')).toEqual([]);
  });

  it('an existing resource a pipe cannot read, or one without its ARN, leaves the pipe ungenerated as before', () => {
    const text = arch(`producers:
  drops: { type: external, resource: AWS::S3::Bucket, arn: 'arn:aws:s3:::drops' }
  bare: { type: external, resource: AWS::SQS::Queue }
routers:
  p: { type: pipe, source: drops, to: f }
  q: { type: pipe, source: bare, to: f }
consumers: { f: {} }`);
    const project = generateText(text);
    expect(Object.values(project.template.Resources).filter((r) => r.Type === 'AWS::Pipes::Pipe')).toEqual([]);
    expect(project.problems.filter((p) => p.code === 'codegen/pipe-incomplete').map((p) => p.message)).toEqual([
      "Pipe 'p' is not generated: it needs a source and a target that Archflow generates (its source is missing or external).",
      "Pipe 'q' is not generated: it needs a source and a target that Archflow generates (its source is missing or external).",
    ]);
  });
});
