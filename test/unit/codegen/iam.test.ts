import { beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedProject, Template } from '../../../server/src/core/codegen/index';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateText, ROOT } from '../../helpers/codegen';

/** A minimal architecture around some declarations. */
const arch = (body: string): string => `archflow: 1\nname: t\n${body}\n`;

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const statementsOf = (t: Template, roleId: string): Statement[] => {
  const role = t.Resources[roleId];
  if (!role) throw new Error(`no role ${roleId}: ${Object.keys(t.Resources).join(', ')}`);
  return (role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[])[0]!.PolicyDocument.Statement;
};

/** The function's own log group, and no other. */
const LOGS = { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': ['FFunctionLogGroup', 'Arn'] } };
const arn = (id: string): unknown => ({ 'Fn::GetAtt': [id, 'Arn'] });
const KINESIS = ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'];
/** A fixed bucket name: unique per stack through the first group of the stack's ID. */
const STACK_KEY = { 'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }] };
const bucketArn = { 'Fn::Sub': [expect.stringMatching(/^arn:\$\{AWS::Partition\}:s3:::t-b-[0-9a-f]{4}-\$\{AWS::AccountId\}-\$\{StackKey\}$/), { StackKey: STACK_KEY }] };

/** Each kind of edge, and exactly what the function's execution role holds besides logs. */
const EXECUTION_ROLE: { edge: string; yaml: string; role: string; statements: { Action: string[]; Resource: unknown; Condition?: unknown }[] }[] = [
  { edge: 'queue → function (event source mapping)', yaml: 'routers: { q: { type: queue, to: f } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: arn('QQueue') }] },
  { edge: 'Kinesis stream → function', yaml: 'routers: { s: { type: stream, to: { function: f, startingPosition: LATEST } } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: KINESIS, Resource: arn('SStream') }] },
  { edge: 'Kinesis stream → function through an enhanced fan-out consumer', yaml: 'routers: { s: { type: stream, to: { function: f, startingPosition: LATEST, fanOut: true } } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: KINESIS, Resource: arn('SStream') }, { Action: ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'], Resource: { 'Fn::GetAtt': ['FFromSConsumer', 'ConsumerARN'] } }] },
  { edge: 'DynamoDB stream → function', yaml: 'producers: { t: { type: table, stream: NEW_IMAGE, to: { function: f, startingPosition: LATEST } } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: { 'Fn::GetAtt': ['TTable', 'StreamArn'] } }] },
  { edge: 'stream mapping → on-failure queue', yaml: 'routers:\n  s: { type: stream, to: { function: f, startingPosition: LATEST, onFailure: d } }\n  d: { type: queue }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: KINESIS, Resource: arn('SStream') }, { Action: ['sqs:SendMessage'], Resource: arn('DQueue') }] },
  { edge: 'table mapping → on-failure topic', yaml: 'producers: { t: { type: table, stream: KEYS_ONLY, to: { function: f, startingPosition: LATEST, onFailure: d } } }\nrouters: { d: { type: topic } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: { 'Fn::GetAtt': ['TTable', 'StreamArn'] } }, { Action: ['sns:Publish'], Resource: { Ref: 'DTopic' } }] },
  { edge: 'function emits → queue', yaml: 'routers: { q: { type: queue } }\nconsumers: { f: { emits: [q] } }', role: 'FRole',
    statements: [{ Action: ['sqs:SendMessage'], Resource: arn('QQueue') }] },
  { edge: 'function emits → topic', yaml: 'routers: { n: { type: topic } }\nconsumers: { f: { emits: [n] } }', role: 'FRole',
    statements: [{ Action: ['sns:Publish'], Resource: { Ref: 'NTopic' } }] },
  { edge: 'function emits → event bus', yaml: 'routers: { b: { type: event-bus } }\nconsumers: { f: { emits: [b] } }', role: 'FRole',
    statements: [{ Action: ['events:PutEvents'], Resource: arn('BBus') }] },
  { edge: 'function emits → stream', yaml: 'routers: { s: { type: stream } }\nconsumers: { f: { emits: [s] } }', role: 'FRole',
    statements: [{ Action: ['kinesis:PutRecord', 'kinesis:PutRecords'], Resource: arn('SStream') }] },
  { edge: 'function writes → bucket under a prefix', yaml: 'producers: { b: { type: bucket } }\nconsumers: { f: { emits: [{ to: b, prefix: out/ }] } }', role: 'FRole',
    statements: [{ Action: ['s3:PutObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/out/*']] } }] },
  { edge: 'function reads ← bucket', yaml: 'producers: { b: { type: bucket } }\nconsumers: { f: { emits: [{ to: b, access: read }] } }', role: 'FRole',
    statements: [{ Action: ['s3:GetObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/*']] } }] },
  { edge: 'function reads and writes ↔ bucket', yaml: 'producers: { b: { type: bucket } }\nconsumers: { f: { emits: [{ to: b, access: read-write }] } }', role: 'FRole',
    statements: [{ Action: ['s3:GetObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/*']] } }] },
  { edge: 'function writes → table', yaml: 'producers: { t: { type: table } }\nconsumers: { f: { emits: [t] } }', role: 'FRole',
    statements: [{ Action: ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: arn('TTable') }] },
  { edge: 'function reads ← table', yaml: 'producers: { t: { type: table } }\nconsumers: { f: { emits: [{ to: t, access: read }] } }', role: 'FRole',
    statements: [{ Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem'], Resource: arn('TTable') }] },
  { edge: 'function queries ← table and its indexes', yaml: 'producers: { t: { type: table } }\nconsumers: { f: { emits: [{ to: t, access: query }] } }', role: 'FRole',
    statements: [{ Action: ['dynamodb:Query', 'dynamodb:Scan'], Resource: arn('TTable') }, { Action: ['dynamodb:Query', 'dynamodb:Scan'], Resource: { 'Fn::Join': ['', [arn('TTable'), '/index/*']] } }] },
  { edge: 'function deletes → table', yaml: 'producers: { t: { type: table } }\nconsumers: { f: { emits: [{ to: t, access: delete }] } }', role: 'FRole',
    statements: [{ Action: ['dynamodb:DeleteItem'], Resource: arn('TTable') }] },
  { edge: 'function deletes and lists ↔ bucket under a prefix', yaml: 'producers: { b: { type: bucket } }\nconsumers: { f: { emits: [{ to: b, prefix: tmp/, access: [delete, list] }] } }', role: 'FRole',
    statements: [{ Action: ['s3:DeleteObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/tmp/*']] } }, { Action: ['s3:ListBucket'], Resource: bucketArn, Condition: { StringLike: { 's3:prefix': ['tmp/*'] } } }] },
  { edge: 'function receives ← queue (polls it itself)', yaml: 'routers: { q: { type: queue } }\nconsumers: { f: { emits: [{ to: q, access: receive }] } }', role: 'FRole',
    statements: [{ Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: arn('QQueue') }] },
  { edge: 'function puts a catalog event → event bus: limited to its source and detail type', yaml: 'events: { E: { source: s.x } }\nrouters: { b: { type: event-bus } }\nconsumers: { f: { emits: [{ to: b, event: E }] } }', role: 'FRole',
    statements: [{ Action: ['events:PutEvents'], Resource: arn('BBus'), Condition: { 'ForAllValues:StringEquals': { 'events:source': ['s.x'], 'events:detail-type': ['E'] }, Null: { 'events:source': ['false'], 'events:detail-type': ['false'] } } }] },
  { edge: 'function puts two catalog events → one event bus: one statement allowing both (a call may batch them)', yaml: 'events: { E: { source: s.x }, G: { source: s.y, detailType: Gone } }\nrouters: { b: { type: event-bus } }\nconsumers: { f: { emits: [{ to: b, event: E }, { to: b, event: G }] } }', role: 'FRole',
    statements: [{ Action: ['events:PutEvents'], Resource: arn('BBus'), Condition: { 'ForAllValues:StringEquals': { 'events:source': ['s.x', 's.y'], 'events:detail-type': ['E', 'Gone'] }, Null: { 'events:source': ['false'], 'events:detail-type': ['false'] } } }] },
  { edge: 'async on-failure → queue', yaml: 'routers: { d: { type: queue } }\nconsumers: { f: { async: { onFailure: d } } }', role: 'FRole',
    statements: [{ Action: ['sqs:SendMessage'], Resource: arn('DQueue') }] },
  { edge: 'async on-failure → topic', yaml: 'routers: { d: { type: topic } }\nconsumers: { f: { async: { onFailure: d } } }', role: 'FRole',
    statements: [{ Action: ['sns:Publish'], Resource: { Ref: 'DTopic' } }] },
  { edge: 'async on-failure → event bus', yaml: 'routers: { d: { type: event-bus } }\nconsumers: { f: { async: { onFailure: d } } }', role: 'FRole',
    statements: [{ Action: ['events:PutEvents'], Resource: arn('DBus') }] },
  { edge: 'async on-failure → function', yaml: 'consumers: { f: { async: { onFailure: g } }, g: {} }', role: 'FRole',
    statements: [{ Action: ['lambda:InvokeFunction'], Resource: arn('GFunction') }] },
  { edge: 'async on-failure → bucket (records as objects)', yaml: 'producers: { b: { type: bucket } }\nconsumers: { f: { async: { onFailure: b } } }', role: 'FRole',
    statements: [{ Action: ['s3:PutObject'], Resource: { 'Fn::Join': ['', [arn('BBucket'), '/*']] } }, { Action: ['s3:ListBucket'], Resource: arn('BBucket') }] },
  { edge: 'async on-success → topic', yaml: 'routers: { d: { type: topic } }\nconsumers: { f: { async: { onSuccess: d } } }', role: 'FRole',
    statements: [{ Action: ['sns:Publish'], Resource: { Ref: 'DTopic' } }] },
  { edge: 'async on-success → function', yaml: 'consumers: { f: { async: { onSuccess: g } }, g: {} }', role: 'FRole',
    statements: [{ Action: ['lambda:InvokeFunction'], Resource: arn('GFunction') }] },
  { edge: 'function invokes → function (sync and async alike)', yaml: 'consumers: { f: { emits: [g, { to: h, invocation: async }] }, g: {}, h: {} }', role: 'FRole',
    statements: [{ Action: ['lambda:InvokeFunction'], Resource: arn('GFunction') }, { Action: ['lambda:InvokeFunction'], Resource: arn('HFunction') }] },
  // Push sources are granted on the function's side (a Lambda permission or a service role): its own role holds only logs.
  { edge: 'HTTP API route → function', yaml: 'producers: { a: { type: http-api, routes: { GET /x: f } } }\nconsumers: { f: {} }', role: 'FRole', statements: [] },
  { edge: 'topic subscription → function', yaml: 'routers: { n: { type: topic, to: f } }\nconsumers: { f: {} }', role: 'FRole', statements: [] },
  { edge: 'bus rule → function', yaml: 'routers: { b: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: f } } } }\nconsumers: { f: {} }', role: 'FRole', statements: [] },
  // …except S3: the event names the object, which the function then reads (limited to the notification's prefix).
  { edge: 'bucket notification → function reads the notified objects', yaml: 'producers: { b: { type: bucket, notifications: [{ on: [ObjectCreated], to: f }] } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['s3:GetObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/*']] } }] },
  { edge: 'bucket notification under a prefix → function reads under that prefix', yaml: 'producers: { b: { type: bucket, notifications: [{ prefix: in/, suffix: .pdf, to: f }] } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['s3:GetObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/in/*']] } }] },
  { edge: 'bucket removal notification → function (nothing left to read)', yaml: 'producers: { b: { type: bucket, notifications: [{ on: [ObjectRemoved, LifecycleExpiration], to: f }] } }\nconsumers: { f: {} }', role: 'FRole', statements: [] },
  { edge: 'bucket notification → queue → function reads the notified objects', yaml: 'producers: { b: { type: bucket, notifications: [{ prefix: in/, to: q }] } }\nrouters: { q: { type: queue, to: f } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: arn('QQueue') }, { Action: ['s3:GetObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/in/*']] } }] },
  { edge: 'bucket notification → topic → function reads the notified objects', yaml: 'producers: { b: { type: bucket, notifications: [{ to: n }] } }\nrouters: { n: { type: topic, to: f } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['s3:GetObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/*']] } }] },
  { edge: 'bucket notification → topic → queue → function reads the notified objects', yaml: 'producers: { b: { type: bucket, notifications: [{ to: n }] } }\nrouters: { n: { type: topic, to: { queue: q } }, q: { type: queue, to: f } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: arn('QQueue') }, { Action: ['s3:GetObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/*']] } }] },
  { edge: 'schedule → function', yaml: 'producers: { s: { type: schedule, schedule: rate(1 hour), to: f } }\nconsumers: { f: {} }', role: 'FRole', statements: [] },
];

describe('each edge gives the function role exactly the actions it needs (plus logs)', () => {
  for (const c of EXECUTION_ROLE) {
    it(c.edge, () => {
      const t = generateText(arch(c.yaml)).template;
      const statements = statementsOf(t, c.role);
      expect(statements[0]).toEqual(LOGS);
      expect(statements.slice(1)).toEqual(c.statements.map((s) => ({ Effect: 'Allow', ...s })));
    });
  }

  it('two edges to the same resource share one statement', () => {
    const t = generateText(arch('producers: { t: { type: table } }\nconsumers: { f: { emits: [{ to: t, access: read }, { to: t, access: write }] } }')).template;
    expect(statementsOf(t, 'FRole').slice(1)).toEqual([{ Effect: 'Allow', Action: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: arn('TTable') }]);
  });

  it("the user's own policies replace the edge statements (logs stay)", () => {
    const t = generateText(arch('routers: { q: { type: queue } }\nconsumers: { f: { emits: [q], policies: [{ actions: [sqs:SendMessage, sqs:SendMessageBatch], resources: [q, "arn:aws:sqs:eu-west-1:123456789012:other"] }] } }')).template;
    expect(statementsOf(t, 'FRole').slice(1)).toEqual([{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:SendMessageBatch'], Resource: [arn('QQueue'), 'arn:aws:sqs:eu-west-1:123456789012:other'] }]);
  });

  it('names in policies become the ARNs their actions apply to: objects or bucket, under a prefix, a table and its indexes, its stream', () => {
    const t = generateText(arch([
      'producers: { b: { type: bucket }, t: { type: table, stream: NEW_IMAGE } }',
      'consumers:',
      '  f:',
      '    emits: [{ to: b, access: [read, list] }]',
      '    policies:',
      '      - { actions: [s3:GetObject, s3:ListBucket], resources: [b] }',
      '      - { actions: [s3:PutObject], resources: [b/out/*] }',
      '      - { actions: [dynamodb:Query], resources: [t] }',
      '      - { actions: [dynamodb:GetRecords], resources: [t/stream/*] }',
    ].join('\n'))).template;
    expect(statementsOf(t, 'FRole').slice(1)).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [{ 'Fn::Join': ['', [bucketArn, '/*']] }, bucketArn] },
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [{ 'Fn::Join': ['', [bucketArn, '/out/*']] }] },
      { Effect: 'Allow', Action: ['dynamodb:Query'], Resource: [{ 'Fn::Join': ['', [arn('TTable'), '/index/*']] }, arn('TTable')] },
      { Effect: 'Allow', Action: ['dynamodb:GetRecords'], Resource: [{ 'Fn::GetAtt': ['TTable', 'StreamArn'] }] },
    ]);
  });
});

/** Pushes into a function, queue or topic: granted by a resource policy or a service role. */
describe('push sources are granted where AWS looks for them', () => {
  const permission = (t: Template): Record<string, unknown>[] => Object.values(t.Resources).filter((r) => r.Type === 'AWS::Lambda::Permission').map((r) => r.Properties);
  const policyStatements = (t: Template, type: string): Record<string, unknown>[] =>
    Object.values(t.Resources).filter((r) => r.Type === type).flatMap((r) => (r.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
  const serviceRoles = (t: Template): { principal: unknown; statements: Statement[] }[] => Object.entries(t.Resources)
    .filter(([id, r]) => r.Type === 'AWS::IAM::Role' && id !== 'FRole')
    .map(([id, r]) => ({ principal: (r.Properties.AssumeRolePolicyDocument as { Statement: { Principal: unknown }[] }).Statement[0]!.Principal, statements: statementsOf(t, id) }));

  const CASES: { edge: string; yaml: string; check(t: Template): void }[] = [
    { edge: 'API route → function: permission for apigateway', yaml: 'producers:\n  a:\n    type: http-api\n    routes:\n      GET /x/{id}: f\nconsumers: { f: {} }', check: (t) => expect(permission(t)).toEqual([{ Action: 'lambda:InvokeFunction', FunctionName: arn('FFunction'), Principal: 'apigateway.amazonaws.com', SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${AApi}/*/GET/x/*' } }]) },
    { edge: 'API route → queue: integration role', yaml: 'producers: { a: { type: http-api, routes: { POST /x: { queue: q } } } }\nrouters: { q: { type: queue } }', check: (t) => expect(serviceRoles(t)).toEqual([{ principal: { Service: 'apigateway.amazonaws.com' }, statements: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: arn('QQueue') }] }]) },
    { edge: 'API route → stream: integration role', yaml: 'producers: { a: { type: http-api, routes: { POST /x: { stream: s } } } }\nrouters: { s: { type: stream } }', check: (t) => expect(serviceRoles(t)).toEqual([{ principal: { Service: 'apigateway.amazonaws.com' }, statements: [{ Effect: 'Allow', Action: ['kinesis:PutRecord'], Resource: arn('SStream') }] }]) },
    { edge: 'topic → function: permission for sns', yaml: 'routers: { n: { type: topic, to: f } }\nconsumers: { f: {} }', check: (t) => expect(permission(t)).toEqual([{ Action: 'lambda:InvokeFunction', FunctionName: arn('FFunction'), Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'NTopic' } }]) },
    { edge: 'topic → queue: queue policy for sns', yaml: 'routers: { n: { type: topic, to: { queue: q } }, q: { type: queue } }', check: (t) => expect(policyStatements(t, 'AWS::SQS::QueuePolicy')).toEqual([{ Sid: 'FromN', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn('QQueue'), Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'NTopic' } } } }]) },
    { edge: 'rule → function: permission for events', yaml: 'routers: { b: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: f } } } }\nconsumers: { f: {} }', check: (t) => expect(permission(t)).toEqual([{ Action: 'lambda:InvokeFunction', FunctionName: arn('FFunction'), Principal: 'events.amazonaws.com', SourceArn: arn('BBusRRule') }]) },
    { edge: 'rule → queue: queue policy for events', yaml: 'routers: { b: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: { queue: q } } } }, q: { type: queue } }', check: (t) => expect(policyStatements(t, 'AWS::SQS::QueuePolicy')).toEqual([expect.objectContaining({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': arn('BBusRRule') } } })]) },
    { edge: 'rule → topic: topic policy for events', yaml: 'routers: { b: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: { topic: n } } } }, n: { type: topic } }', check: (t) => expect(policyStatements(t, 'AWS::SNS::TopicPolicy')).toEqual([expect.objectContaining({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: 'NTopic' } })]) },
    { edge: 'rule → bus: target role', yaml: 'routers: { b: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: { bus: c } } } }, c: { type: event-bus } }', check: (t) => expect(serviceRoles(t)).toEqual([{ principal: { Service: 'events.amazonaws.com' }, statements: [{ Effect: 'Allow', Action: ['events:PutEvents'], Resource: arn('CBus') }] }]) },
    { edge: 'rule → stream: target role', yaml: 'routers: { b: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: { stream: s } } } }, s: { type: stream } }', check: (t) => expect(serviceRoles(t)).toEqual([{ principal: { Service: 'events.amazonaws.com' }, statements: [{ Effect: 'Allow', Action: ['kinesis:PutRecord'], Resource: arn('SStream') }] }]) },
    { edge: 'rule dead-letter queue: queue policy for events', yaml: 'routers: { b: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: { function: f, deadLetter: d } } } }, d: { type: queue } }\nconsumers: { f: {} }', check: (t) => expect(policyStatements(t, 'AWS::SQS::QueuePolicy')).toEqual([expect.objectContaining({ Sid: 'FromBRDeadLetters', Principal: { Service: 'events.amazonaws.com' }, Resource: arn('DQueue') })]) },
    { edge: 'subscription dead-letter queue: queue policy for sns', yaml: 'routers: { n: { type: topic, to: { function: f, deadLetter: d } }, d: { type: queue } }\nconsumers: { f: {} }', check: (t) => expect(policyStatements(t, 'AWS::SQS::QueuePolicy')).toEqual([expect.objectContaining({ Sid: 'FromNDeadLetters', Principal: { Service: 'sns.amazonaws.com' }, Resource: arn('DQueue') })]) },
    { edge: 'bucket → function: permission for s3 with SourceAccount', yaml: 'producers: { b: { type: bucket, notifications: [{ on: [ObjectCreated], to: f }] } }\nconsumers: { f: {} }', check: (t) => expect(permission(t)).toEqual([{ Action: 'lambda:InvokeFunction', FunctionName: arn('FFunction'), Principal: 's3.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' }, SourceArn: bucketArn }]) },
    { edge: 'bucket → queue: queue policy for s3', yaml: 'producers: { b: { type: bucket, notifications: [{ on: [ObjectCreated], to: { queue: q } }] } }\nrouters: { q: { type: queue } }', check: (t) => expect(policyStatements(t, 'AWS::SQS::QueuePolicy')).toEqual([expect.objectContaining({ Principal: { Service: 's3.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': bucketArn }, StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })]) },
    { edge: 'bucket → topic: topic policy for s3', yaml: 'producers: { b: { type: bucket, notifications: [{ on: [ObjectCreated], to: { topic: n } }] } }\nrouters: { n: { type: topic } }', check: (t) => expect(policyStatements(t, 'AWS::SNS::TopicPolicy')).toEqual([expect.objectContaining({ Principal: { Service: 's3.amazonaws.com' }, Action: 'sns:Publish', Condition: { ArnEquals: { 'aws:SourceArn': bucketArn }, StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })]) },
    { edge: 'schedule → function: scheduler role (no permission)', yaml: 'producers: { s: { type: schedule, schedule: rate(1 hour), to: f } }\nconsumers: { f: {} }', check: (t) => {
      expect(permission(t)).toEqual([]);
      expect(serviceRoles(t)).toEqual([{ principal: { Service: 'scheduler.amazonaws.com' }, statements: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: arn('FFunction') }] }]);
    } },
    { edge: 'schedule → queue with a dead-letter queue: scheduler role sends to both', yaml: 'producers: { s: { type: schedule, schedule: rate(1 hour), to: { queue: q }, deadLetter: d } }\nrouters: { q: { type: queue }, d: { type: queue } }', check: (t) => expect(serviceRoles(t)).toEqual([{ principal: { Service: 'scheduler.amazonaws.com' }, statements: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: arn('QQueue') }, { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: arn('DQueue') }] }]) },
    { edge: 'queue redrive: nothing to grant', yaml: 'routers: { q: { type: queue, deadLetter: { queue: d } }, d: { type: queue } }', check: (t) => {
      expect(policyStatements(t, 'AWS::SQS::QueuePolicy')).toEqual([]);
      expect(serviceRoles(t)).toEqual([]);
    } },
  ];
  for (const c of CASES) it(c.edge, () => c.check(generateText(arch(c.yaml)).template));
});

/** Existing resources (`external` with `arn`): granted on that ARN; what cannot be wired is reported. */
describe('existing resources are granted on their ARN, never dropped', () => {
  // Generated before each test, not once for the describe: a mutation run (Stryker) activates a mutant
  // for the tests only, so a project generated while the file loads could never tell a mutant apart.
  let project: GeneratedProject;
  let t: Template;
  beforeEach(() => {
    project = generateText(readFileSync(join(ROOT, 'test/fixtures/codegen/existing-resources.arch.yaml'), 'utf8'));
    t = project.template;
  });

  it("a function emitting to them gets its access on their ARN (a state machine: starting executions)", () => {
    expect(statementsOf(t, 'ImporterRole').slice(1)).toEqual([
      { Effect: 'Allow', Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: arn('DropsQueue') },
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::legacy-drops/*' },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:legacy-jobs' } },
      { Effect: 'Allow', Action: ['states:StartExecution', 'states:StartSyncExecution'], Resource: 'arn:aws:states:eu-west-1:123456789012:stateMachine:checkout' },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::company-archive/imports/*' },
      { Effect: 'Allow', Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'], Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger' },
      { Effect: 'Allow', Action: ['dynamodb:Query', 'dynamodb:Scan'], Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/index/*' },
    ]);
  });

  it('an existing topic or bucket pushing into the stack is limited to that resource; a notified function reads its objects', () => {
    expect(t.Resources.PagerFromPartnerAlertsPermission!.Properties).toEqual({ Action: 'lambda:InvokeFunction', FunctionName: arn('PagerFunction'), Principal: 'sns.amazonaws.com', SourceArn: 'arn:aws:sns:eu-west-1:123456789012:partner-alerts' });
    expect(t.Resources.ThumbnailerFromScansPermission!.Properties).toEqual({ Action: 'lambda:InvokeFunction', FunctionName: arn('ThumbnailerFunction'), Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::scanner-output', SourceAccount: { Ref: 'AWS::AccountId' } });
    expect(statementsOf(t, 'ThumbnailerRole').slice(1)).toEqual([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::scanner-output/*' }]);
    expect((t.Resources.DropsQueuePolicy!.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([{
      Sid: 'FromLegacyDrops', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn('DropsQueue'),
      Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::legacy-drops' }, StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    }]);
  });

  it('says what it does not create (the subscription or notification on a resource it does not own)', () => {
    expect(project.problems.filter((p) => p.code === 'codegen/unwired-edge').map((p) => `${p.severity} ${p.message}`)).toEqual([
      "info Archflow does not create the link from external 'partnerAlerts' to 'pager' itself (it does not own 'partnerAlerts'); it grants lambda:InvokeFunction on 'pager' to sns.amazonaws.com. Create the link where 'partnerAlerts' is defined.",
      "info Archflow does not create the link from external 'legacyDrops' to 'drops' itself (it does not own 'legacyDrops'); it grants sqs:SendMessage on 'drops' to s3.amazonaws.com. Create the link where 'legacyDrops' is defined.",
      "info Archflow does not create the link from external 'scans' to 'thumbnailer' itself (it does not own 'scans'); it grants lambda:InvokeFunction on 'thumbnailer' to s3.amazonaws.com; s3:GetObject on 'scans' (objects) to the role of function 'thumbnailer'. Create the link where 'scans' is defined.",
    ]);
  });

  it('an external without arn sending into the file: what its own role needs, and how a pushing service gets in', () => {
    const p = generateText(arch('producers:\n  alerts: { type: external, resource: AWS::SNS::Topic, to: f }\n  pipe: { type: external, resource: AWS::Pipes::Pipe, to: { bus: b } }\nrouters: { b: { type: event-bus } }\nconsumers: { f: {} }'));
    expect(p.problems.filter((x) => x.code === 'codegen/unwired-edge').map((x) => `${x.severity} ${x.message}`)).toEqual([
      "warning Archflow does not create the link from external 'alerts' to 'f' and grants nothing for it: 'alerts' has no `arn`. If it sends with a role of its own, that role needs lambda:InvokeFunction on 'f'; if it is a topic, bucket or rule that pushes, give it its ARN (`arn:`) so 'f' lets it in.",
      "info Archflow does not create the link from external 'pipe' to 'b' and grants nothing for it: 'pipe' has no `arn`. If it sends with a role of its own, that role needs events:PutEvents on 'b'.",
    ]);
  });

  it('an external without arn that a function uses is reported, not silently dropped', () => {
    const p = generateText(arch('routers: { legacy: { type: external, resource: AWS::SQS::Queue } }\nconsumers: { f: { emits: [legacy] } }'));
    expect(statementsOf(p.template, 'FRole')).toEqual([LOGS]);
    expect(p.problems.filter((x) => x.code === 'codegen/unwired-edge').map((x) => `${x.severity} ${x.message}`)).toEqual([
      "warning Archflow does not create the link from 'f' to external 'legacy' and grants nothing for it: 'legacy' has no `arn`. Give it the ARN of the resource it stands for (`arn:`) so its permissions are granted, or create the link and its permissions yourself.",
    ]);
  });
});

describe('one log group per function, kept logRetention days', () => {
  let t: Template;
  beforeEach(() => {
    t = generateText(arch('defaults: { logRetention: 7 }\nconsumers:\n  f: {}\n  g: { logRetention: 365 }')).template;
  });

  it('each function logs to its own group, with the retention of defaults or its own', () => {
    expect(t.Resources.FFunctionLogGroup).toEqual({ Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${AWS::StackName}-f' }, RetentionInDays: 7 } });
    expect(t.Resources.GFunctionLogGroup!.Properties.RetentionInDays).toBe(365);
    expect(t.Resources.FFunction!.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: 'FFunctionLogGroup' } });
    expect(t.Resources.GFunction!.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: 'GFunctionLogGroup' } });
  });

  it('30 days when nothing says, and its role writes only to its own group', () => {
    const u = generateText(arch('consumers: { f: {} }')).template;
    expect(u.Resources.FFunctionLogGroup!.Properties.RetentionInDays).toBe(30);
    expect(statementsOf(u, 'FRole')).toEqual([LOGS]);
  });
});
