import { describe, expect, it } from 'vitest';
import type { Template } from '../../../server/src/core/codegen/index';
import { generateText } from '../../helpers/codegen';

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

const LOGS = {
  Effect: 'Allow',
  Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/*' },
};
const arn = (id: string): unknown => ({ 'Fn::GetAtt': [id, 'Arn'] });
const KINESIS = ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard'];
/** A fixed bucket name: unique per stack through the first group of the stack's ID. */
const STACK_KEY = { 'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }] };
const bucketArn = { 'Fn::Sub': [expect.stringMatching(/^arn:\$\{AWS::Partition\}:s3:::t-b-[0-9a-f]{4}-\$\{AWS::AccountId\}-\$\{StackKey\}$/), { StackKey: STACK_KEY }] };

/** Each kind of edge, and exactly what the function's execution role holds besides logs. */
const EXECUTION_ROLE: { edge: string; yaml: string; role: string; statements: { Action: string[]; Resource: unknown }[] }[] = [
  { edge: 'queue → function (event source mapping)', yaml: 'routers: { q: { type: queue, to: f } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: arn('QQueue') }] },
  { edge: 'Kinesis stream → function', yaml: 'routers: { s: { type: stream, to: { function: f, startingPosition: LATEST } } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: KINESIS, Resource: arn('SStream') }] },
  { edge: 'Kinesis stream → function through an enhanced fan-out consumer', yaml: 'routers: { s: { type: stream, to: { function: f, startingPosition: LATEST, fanOut: true } } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: KINESIS, Resource: arn('SStream') }, { Action: ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'], Resource: { 'Fn::GetAtt': ['FFromSConsumer', 'ConsumerARN'] } }] },
  { edge: 'DynamoDB stream → function', yaml: 'producers: { t: { type: table, stream: NEW_IMAGE, to: { function: f, startingPosition: LATEST } } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], Resource: { 'Fn::GetAtt': ['TTable', 'StreamArn'] } }] },
  { edge: 'stream mapping → on-failure queue', yaml: 'routers:\n  s: { type: stream, to: { function: f, startingPosition: LATEST, onFailure: d } }\n  d: { type: queue }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: KINESIS, Resource: arn('SStream') }, { Action: ['sqs:SendMessage'], Resource: arn('DQueue') }] },
  { edge: 'table mapping → on-failure topic', yaml: 'producers: { t: { type: table, stream: KEYS_ONLY, to: { function: f, startingPosition: LATEST, onFailure: d } } }\nrouters: { d: { type: topic } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], Resource: { 'Fn::GetAtt': ['TTable', 'StreamArn'] } }, { Action: ['sns:Publish'], Resource: { Ref: 'DTopic' } }] },
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
    statements: [{ Action: ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: arn('TTable') }] },
  { edge: 'function reads ← table', yaml: 'producers: { t: { type: table } }\nconsumers: { f: { emits: [{ to: t, access: read }] } }', role: 'FRole',
    statements: [{ Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'], Resource: arn('TTable') }] },
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
    statements: [{ Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: arn('QQueue') }, { Action: ['s3:GetObject'], Resource: { 'Fn::Join': ['', [arn('BBucket'), '/in/*']] } }] },
  { edge: 'bucket notification → topic → function reads the notified objects', yaml: 'producers: { b: { type: bucket, notifications: [{ to: n }] } }\nrouters: { n: { type: topic, to: f } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['s3:GetObject'], Resource: { 'Fn::Join': ['', [arn('BBucket'), '/*']] } }] },
  { edge: 'bucket notification → topic → queue → function reads the notified objects', yaml: 'producers: { b: { type: bucket, notifications: [{ to: n }] } }\nrouters: { n: { type: topic, to: { queue: q } }, q: { type: queue, to: f } }\nconsumers: { f: {} }', role: 'FRole',
    statements: [{ Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: arn('QQueue') }, { Action: ['s3:GetObject'], Resource: { 'Fn::Join': ['', [arn('BBucket'), '/*']] } }] },
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
    expect(statementsOf(t, 'FRole').slice(1)).toEqual([{ Effect: 'Allow', Action: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem'], Resource: arn('TTable') }]);
  });

  it("the user's own policies replace the edge statements (logs stay)", () => {
    const t = generateText(arch('routers: { q: { type: queue } }\nconsumers: { f: { emits: [q], policies: [{ actions: [sqs:SendMessage, sqs:SendMessageBatch], resources: [q, "arn:aws:sqs:eu-west-1:123456789012:other"] }] } }')).template;
    expect(statementsOf(t, 'FRole').slice(1)).toEqual([{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:SendMessageBatch'], Resource: [arn('QQueue'), 'arn:aws:sqs:eu-west-1:123456789012:other'] }]);
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
    { edge: 'bucket → function: permission for s3 with SourceAccount', yaml: 'producers: { b: { type: bucket, notifications: [{ on: [ObjectCreated], to: f }] } }\nconsumers: { f: {} }', check: (t) => expect(permission(t)).toEqual([{ Action: 'lambda:InvokeFunction', FunctionName: arn('FFunction'), Principal: 's3.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' } }]) },
    { edge: 'bucket → queue: queue policy for s3', yaml: 'producers: { b: { type: bucket, notifications: [{ on: [ObjectCreated], to: { queue: q } }] } }\nrouters: { q: { type: queue } }', check: (t) => expect(policyStatements(t, 'AWS::SQS::QueuePolicy')).toEqual([expect.objectContaining({ Principal: { Service: 's3.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })]) },
    { edge: 'bucket → topic: topic policy for s3', yaml: 'producers: { b: { type: bucket, notifications: [{ on: [ObjectCreated], to: { topic: n } }] } }\nrouters: { n: { type: topic } }', check: (t) => expect(policyStatements(t, 'AWS::SNS::TopicPolicy')).toEqual([expect.objectContaining({ Principal: { Service: 's3.amazonaws.com' }, Action: 'sns:Publish' })]) },
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
