/**
 * Import → generate → compare: the settings of a template survive the trip into an architecture and
 * back into the template Archflow generates. The comparison is CloudFormation with CloudFormation,
 * property by property, so it needs no knowledge of the importer's mapping: a setting read from the
 * wrong property (a queue's receive wait from its delay) or dropped shows up as a different value.
 * Every value is distinct from the others and from the defaults.
 */
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { importTemplate } from '../../../server/src/core/import/import-template';
import { generate, type Template } from '../../../server/src/core/codegen/index';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 301
      MessageRetentionPeriod: 86400
      DelaySeconds: 7
      ReceiveMessageWaitTimeSeconds: 13
      MaximumMessageSize: 2048
      RedrivePolicy: { deadLetterTargetArn: !GetAtt JobsDlq.Arn, maxReceiveCount: 6 }
  JobsDlq:
    Type: AWS::SQS::Queue
    Properties: { MessageRetentionPeriod: 1209600 }
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Code: { ZipFile: 'exports.handler = async () => {}' }
      Role: arn:aws:iam::123456789012:role/worker
      MemorySize: 384
      Timeout: 45
      EphemeralStorage: { Size: 1024 }
      ReservedConcurrentExecutions: 3
      Architectures: [arm64]
  JobsToWorker:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { EventSourceArn: !GetAtt Jobs.Arn, FunctionName: !Ref Worker, BatchSize: 9, MaximumBatchingWindowInSeconds: 4, FunctionResponseTypes: [ReportBatchItemFailures] }
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 3, RetentionPeriodHours: 48 }
  News:
    Type: AWS::SNS::Topic
    Properties: { TopicName: news.fifo, FifoTopic: true, ContentBasedDeduplication: true }
`;

/** The original template's resources, read with plain YAML (short-form tags kept as strings). */
const original = (parseYaml(TEMPLATE, { customTags: [{ tag: '!GetAtt', resolve: (s: string) => ({ 'Fn::GetAtt': s.split('.') }) }, { tag: '!Ref', resolve: (s: string) => ({ Ref: s }) }] }) as { Resources: Template['Resources'] }).Resources;

function roundTrip(): { yaml: string; template: Template } {
  const imported = importTemplate(TEMPLATE, 'round-trip.yaml');
  expect(imported.problems).toEqual([]);
  const a = analyze(imported.yaml);
  return { yaml: imported.yaml, template: generate({ graph: a.graph, root: a.doc.value }).template };
}

/** The one generated resource of a type whose properties include all of `having` (a distinct value identifies it). */
function generated(t: Template, type: string, having: Record<string, unknown>): Record<string, unknown> {
  const found = Object.entries(t.Resources).filter(([, r]) => r.Type === type && Object.entries(having).every(([k, v]) => JSON.stringify((r.Properties as Record<string, unknown>)[k]) === JSON.stringify(v)));
  expect(found.map(([id]) => id), `${type} with ${JSON.stringify(having)}`).toHaveLength(1);
  return found[0]![1].Properties as Record<string, unknown>;
}

const pick = (o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> => Object.fromEntries(keys.map((k) => [k, o[k]]));

describe('import → generate keeps every setting', () => {
  const { yaml, template } = roundTrip();

  it('the queue: visibility, retention, delay, receive wait, message size, and its dead-letter queue', () => {
    const keys = ['VisibilityTimeout', 'MessageRetentionPeriod', 'DelaySeconds', 'ReceiveMessageWaitTimeSeconds', 'MaximumMessageSize'];
    const q = generated(template, 'AWS::SQS::Queue', { VisibilityTimeout: 301 });
    expect(pick(q, keys)).toEqual(pick(original.Jobs!.Properties as Record<string, unknown>, keys));
    expect((q.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount).toBe(6);
    expect(generated(template, 'AWS::SQS::Queue', { MessageRetentionPeriod: 1209600 })).toBeDefined();
  });

  it('the function: runtime, memory, timeout, /tmp, reserved concurrency, architecture', () => {
    const keys = ['Runtime', 'MemorySize', 'Timeout', 'EphemeralStorage', 'ReservedConcurrentExecutions', 'Architectures'];
    const f = generated(template, 'AWS::Lambda::Function', { MemorySize: 384 });
    expect(pick(f, keys)).toEqual(pick(original.Worker!.Properties as Record<string, unknown>, keys));
  });

  it('the event source mapping: batch size, batching window, partial batch responses', () => {
    const keys = ['BatchSize', 'MaximumBatchingWindowInSeconds', 'FunctionResponseTypes'];
    const m = generated(template, 'AWS::Lambda::EventSourceMapping', { BatchSize: 9 });
    expect(pick(m, keys)).toEqual(pick(original.JobsToWorker!.Properties as Record<string, unknown>, keys));
  });

  it('the stream: shards and retention', () => {
    const keys = ['ShardCount', 'RetentionPeriodHours'];
    expect(pick(generated(template, 'AWS::Kinesis::Stream', { ShardCount: 3 }), keys)).toEqual(pick(original.Clicks!.Properties as Record<string, unknown>, keys));
  });

  it('the FIFO topic: its flag and content-based deduplication', () => {
    const keys = ['FifoTopic', 'ContentBasedDeduplication'];
    expect(pick(generated(template, 'AWS::SNS::Topic', { FifoTopic: true }), keys)).toEqual(pick(original.News!.Properties as Record<string, unknown>, keys));
  });

  it('the architecture in between says the same, key by key', () => {
    const arch = parseYaml(yaml) as { routers: Record<string, Record<string, unknown>>; consumers: Record<string, Record<string, unknown>> };
    expect(arch.routers.Jobs).toMatchObject({ visibilityTimeout: 301, retention: 86400, delay: 7, receiveWait: 13, maxMessageSize: 2048, deadLetter: { queue: 'JobsDlq', maxReceiveCount: 6 } });
    expect(arch.consumers.Worker).toMatchObject({ runtime: 'nodejs22.x', memory: 384, timeout: 45, tmp: 1024, reservedConcurrency: 3, architecture: 'arm64' });
  });
});
