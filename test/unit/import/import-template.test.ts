/**
 * The importer on small templates, one feature each: what a user of SAM or CloudFormation writes,
 * and the architecture they should get (read back with `analyze`, as the editor would).
 */
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../../server/src/core/index';
import { importTemplate } from '../../../server/src/core/import/import-template';

/** Imports a template (YAML text) and analyses the result; fails on parse, schema or reference errors. */
function load(template: string, fileName = 'stack/template.yaml'): Analysis & { yaml: string; notes: readonly string[] } {
  const r = importTemplate(template, fileName);
  expect(r.problems).toEqual([]);
  const a = analyze(r.yaml);
  expect(a.problems.filter((p) => /^(yaml|schema|ref|name)\//.test(p.code)).map((p) => `${p.code}: ${p.message}`)).toEqual([]);
  return { ...a, yaml: r.yaml, notes: r.notes };
}

const sam = (resources: string, extra = ''): string =>
  `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n${extra}Resources:\n${resources}`;

/** The edges of an analysis as `from -mechanism-> to` lines. */
const edges = (a: Analysis): string[] => a.graph.edges.map((e) => `${e.from} -${e.mechanism}-> ${e.to}`);
const config = (a: Analysis, name: string): Record<string, unknown> => a.graph.nodes.get(name)!.config as Record<string, unknown>;

describe('reading templates', () => {
  it('reads every short-form intrinsic as its long form', () => {
    const a = load(sam(`
  Q:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: !If [Big, 120, 30]
      DelaySeconds: !Select [1, [0, 5, 10]]
      MessageRetentionPeriod: !FindInMap [Env, Prod, Retention]
  F:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Environment:
        Variables:
          QUEUE: !Ref Q
          ARN: !GetAtt Q.Arn
          URL: !Sub 'https://\${AWS::Region}.example.com/\${Q.QueueName}'
          JOINED: !Join ['-', [a, !Ref Stage]]
          IMPORTED: !ImportValue shared-bus
          ZONES: !Select [0, !GetAZs '']
          B64: !Base64 hello
          SPLIT: !Select [1, !Split [',', 'a,b']]
      Events:
        Q:
          Type: SQS
          Properties: { Queue: !GetAtt Q.Arn }
`, 'Parameters:\n  Stage: { Type: String, Default: prod }\nConditions:\n  Big: !Equals [!Ref Stage, prod]\n  Both: !And [!Condition Big, !Not [!Or [!Equals [a, b], !Equals [c, d]]]]\n'));
    expect(config(a, 'Q')).toMatchObject({ visibilityTimeout: 120, delay: 5 });
    expect(config(a, 'Q').retention).toBeUndefined();
    expect(config(a, 'F').environment).toEqual({
      QUEUE: '<Q>', ARN: '<Q.Arn>', URL: 'https://<AWS::Region>.example.com/<Q.QueueName>', JOINED: 'a-prod',
      IMPORTED: '!ImportValue "shared-bus"', ZONES: expect.stringContaining('GetAZs'), B64: expect.stringContaining('Base64'), SPLIT: 'b',
    });
    expect(a.notes.join('\n')).toMatch(/`Fn::If` conditions were assumed true \(Big\)/);
    expect(a.notes.join('\n')).toMatch(/`Fn::ImportValue` values were kept as text/);
  });

  it('reads JSON templates', () => {
    const a = load(JSON.stringify({
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic', Properties: { Subscription: [{ Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Inbox', 'Arn'] } }] } },
        Inbox: { Type: 'AWS::SQS::Queue' },
      },
    }), 'billing.template.json');
    expect(a.graph.name).toBe('billing');
    expect(edges(a)).toEqual(['Topic -subscription-> Inbox']);
  });

  it('names the architecture after the file, or its folder for template.yaml', () => {
    const t = sam('  Q: { Type: AWS::SQS::Queue }\n');
    expect(importTemplate(t, '/srv/repos/orders-service/template.yaml').name).toBe('orders-service');
    expect(importTemplate(t, 'C:\\stacks\\my_stack.yml').name).toBe('my-stack');
    expect(importTemplate(t, '42.yaml').name).toBe('app-42');
  });

  it('gives import/parse problems, never a throw', () => {
    for (const text of ['', 'a: [', 'just text', 'Resources: [1, 2]', '\u0000binary', 'Resources: {}\nResources: {}']) {
      const r = importTemplate(text, 'template.yaml');
      expect(r.yaml).toBe('');
      expect(r.problems.length).toBe(1);
      expect(r.problems[0]!.code).toBe('import/parse');
    }
  });

  it('says a template nested too deep is too deep, at the first collection past the limit, without reading the rest', () => {
    // `import` of maps used as keys 400 deep grew to 1.5 GB; then it told of yaml's errors in the cut text.
    // Each case: the text, and how many collections open before the one past 128 (block maps count).
    const cases: [string, number][] = [
      ['x: ' + '{'.repeat(400) + '}'.repeat(400) + '\n', 127],
      ['['.repeat(3000) + ']'.repeat(3000) + '\n', 128],
      ['Resources:\n  a: ' + '{b: '.repeat(200) + '1' + '}'.repeat(200), 126],
    ];
    for (const [text, before] of cases) {
      const r = importTemplate(text, 'template.yaml');
      expect(r.problems.map((p) => [p.code, p.message])).toEqual([['import/parse', 'This value is nested more than 128 levels deep; Archflow reads YAML nested up to 128 levels. Flatten it.']]);
      const start = r.problems[0]!.span.start;
      expect(text[start]).toMatch(/[[{]/);
      expect(text.slice(0, start).replace(/[^[{]/g, '').length).toBe(before);
    }
  });
});

describe('functions', () => {
  it('turns SAM Globals into defaults, merging environment and adding layers as SAM does', () => {
    const a = load(sam(`
  A:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.handler
      Environment: { Variables: { OWN: x } }
  B:
    Type: AWS::Serverless::Function
    Properties:
      Handler: b.handler
      MemorySize: 2048
      Timeout: 60
      EphemeralStorage: { Size: 1024 }
      ReservedConcurrentExecutions: 5
      Layers: ['arn:aws:lambda:eu-west-1:123456789012:layer:own:1']
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: p.handler
      Role: arn:aws:iam::123456789012:role/plain
      Code: { ZipFile: pass }
`, `Globals:
  Function:
    Runtime: python3.12
    MemorySize: 256
    Timeout: 30
    Architectures: [arm64]
    Layers: ['arn:aws:lambda:eu-west-1:123456789012:layer:shared:3']
    Environment: { Variables: { SHARED: y } }
`));
    expect(a.doc.value).toMatchObject({
      defaults: {
        runtime: 'python3.12', memory: 256, timeout: 30, architecture: 'arm64',
        layers: ['arn:aws:lambda:eu-west-1:123456789012:layer:shared:3'], environment: { SHARED: 'y' },
      },
    });
    expect(config(a, 'A').environment).toEqual({ SHARED: 'y', OWN: 'x' });
    expect(config(a, 'B')).toMatchObject({ memory: 2048, timeout: 60, tmp: 1024, reservedConcurrency: 5 });
    expect(config(a, 'B').layers).toEqual(['arn:aws:lambda:eu-west-1:123456789012:layer:shared:3', 'arn:aws:lambda:eu-west-1:123456789012:layer:own:1']);
    // Globals do not apply to plain Lambda functions: their own AWS defaults are written out.
    expect(a.graph.nodes.get('Plain')!.fn).toMatchObject({
      memory: { value: 128 }, timeout: { value: 3 }, architecture: { value: 'x86_64' }, layers: { value: [] }, environment: { value: {} },
    });
    expect(config(a, 'Plain').role).toBe('arn:aws:iam::123456789012:role/plain');
  });

  it('takes parameter defaults, and keeps the others as placeholders', () => {
    const a = load(sam(`
  F:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      MemorySize: !Ref Memory
      Timeout: !Ref Timeout
      Environment: { Variables: { TABLE: !Ref TableName } }
`, 'Parameters:\n  Memory: { Type: Number, Default: 512 }\n  Timeout: { Type: Number }\n  TableName: { Type: String }\n'));
    expect(config(a, 'F').memory).toBe(512);
    expect(config(a, 'F').timeout).toBeUndefined();
    expect(config(a, 'F').environment).toEqual({ TABLE: '<TableName>' });
    expect(a.notes).toContain('Parameters without a default were written as <Name> placeholders: TableName.');
    expect(a.notes).toContain('Numbers given by parameters without a default were left out (the AWS default applies): Timeout.');
  });

  it('maps EventInvokeConfig and a legacy dead-letter queue to async settings', () => {
    const a = load(sam(`
  Failed: { Type: AWS::SQS::Queue }
  Dlq: { Type: AWS::SQS::Queue }
  A:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.h
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        MaximumEventAgeInSeconds: 600
        DestinationConfig: { OnFailure: { Type: SQS, Destination: !GetAtt Failed.Arn } }
  B:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: b.h
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }
`));
    expect(config(a, 'A').async).toEqual({ retries: 1, maxAge: 600, onFailure: 'Failed' });
    expect(config(a, 'B').async).toEqual({ onFailure: 'Dlq' });
    expect(edges(a)).toEqual(['A -failure-destination-> Failed', 'B -failure-destination-> Dlq']);
  });

  it('maps on-success destinations, function URLs and function-to-function invokes', () => {
    const a = load(sam(`
  Done: { Type: AWS::SNS::Topic }
  Failed: { Type: AWS::SQS::Queue }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: w.h
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess: { Type: SNS, Destination: !Ref Done }
          OnFailure: { Type: SQS, Destination: !GetAtt Failed.Arn }
  Hook:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: h.h
      FunctionUrlConfig: { AuthType: NONE, Cors: { AllowOrigins: ['https://example.com'], MaxAge: 300 } }
      Policies:
        - LambdaInvokePolicy: { FunctionName: !Ref Worker }
  Admin:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: a.h
      Role: arn:aws:iam::123456789012:role/admin
      Code: { ZipFile: 'def h(e, c): pass' }
  AdminUrl:
    Type: AWS::Lambda::Url
    Properties: { TargetFunctionArn: !GetAtt Admin.Arn, AuthType: AWS_IAM, InvokeMode: RESPONSE_STREAM }
`));
    expect(config(a, 'Worker').async).toEqual({ onFailure: 'Failed', onSuccess: 'Done' });
    expect(config(a, 'Hook').url).toEqual({ auth: 'none', cors: { allowOrigins: ['https://example.com'], maxAge: 300 } });
    expect(config(a, 'Hook').emits).toEqual(['Worker']);
    expect(config(a, 'Admin').url).toEqual({ auth: 'iam', invokeMode: 'RESPONSE_STREAM' });
    expect(edges(a).sort()).toEqual(['Hook -invoke-> Worker', 'Worker -failure-destination-> Failed', 'Worker -success-destination-> Done']);
    expect(a.notes).toContain('The function URL of Hook is public (AuthType NONE): say why in `url.reason` (how the function checks its callers), or lint warns.');
    expect(a.problems.filter((p) => p.code === 'lambda/url-auth-none').map((p) => p.message)).toEqual([
      "The function URL of 'Hook' has `auth: none`: anyone on the internet can invoke it. Write a `reason` saying how the function checks its callers, or use `auth: iam`.",
    ]);
    expect(a.problems.filter((p) => p.code === 'graph/untriggered-consumer')).toEqual([]);
  });

  it('keeps handler and code for runtimes whose code Archflow does not generate, not for Node.js', () => {
    const a = load(sam(`
  Py: { Type: AWS::Serverless::Function, Properties: { Runtime: python3.12, Handler: app.handler, CodeUri: src/py/ } }
  Js: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, Handler: app.handler, CodeUri: src/js/ } }
`));
    expect(config(a, 'Py')).toMatchObject({ handler: 'app.handler', code: 'src/py/' });
    expect(config(a, 'Js')).toEqual({ runtime: 'nodejs22.x' });
  });
});

describe('SAM function events', () => {
  it('SQS, Kinesis and DynamoDB: event source mappings with their options', () => {
    const a = load(sam(`
  Jobs: { Type: AWS::SQS::Queue, Properties: { VisibilityTimeout: 120 } }
  Clicks: { Type: AWS::Kinesis::Stream, Properties: { ShardCount: 2, RetentionPeriodHours: 48 } }
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }, { AttributeName: at, AttributeType: N }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }, { AttributeName: at, KeyType: RANGE }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Failures: { Type: AWS::SQS::Queue }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: w.h
      Timeout: 20
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 50
            MaximumBatchingWindowInSeconds: 5
            ScalingConfig: { MaximumConcurrency: 10 }
            FunctionResponseTypes: [ReportBatchItemFailures]
            FilterCriteria: { Filters: [{ Pattern: '{"body": {"kind": ["a"]}}' }, { Pattern: '{"body": {"kind": ["b"]}}' }] }
        Clicks:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Clicks.Arn
            StartingPosition: TRIM_HORIZON
            BatchSize: 500
            MaximumBatchingWindowInSeconds: 2
            ParallelizationFactor: 4
            MaximumRetryAttempts: 3
            MaximumRecordAgeInSeconds: 3600
            BisectBatchOnFunctionError: true
            TumblingWindowInSeconds: 60
            DestinationConfig: { OnFailure: { Destination: !GetAtt Failures.Arn } }
        Orders:
          Type: DynamoDB
          Properties: { Stream: !GetAtt Orders.StreamArn, StartingPosition: LATEST }
`));
    expect(config(a, 'Jobs').to).toEqual({
      function: 'Worker', batchSize: 50, batchWindow: 5, maxConcurrency: 10, reportFailures: true,
      filter: { $or: [{ body: { kind: ['a'] } }, { body: { kind: ['b'] } }] },
    });
    expect(config(a, 'Clicks')).toMatchObject({ shards: 2, retention: '48h' });
    expect(config(a, 'Clicks').to).toEqual({
      function: 'Worker', batchSize: 500, batchWindow: 2, startingPosition: 'TRIM_HORIZON', parallelization: 4, maxRetries: 3,
      maxRecordAge: 3600, bisectOnError: true, tumblingWindow: 60, onFailure: 'Failures',
    });
    expect(config(a, 'Orders')).toMatchObject({ partitionKey: 'pk', sortKey: 'at:N', stream: 'NEW_IMAGE', to: { function: 'Worker', startingPosition: 'LATEST' } });
    expect(edges(a).sort()).toEqual([
      'Clicks -failure-destination-> Failures', 'Clicks -stream-mapping-> Worker', 'Jobs -queue-mapping-> Worker', 'Orders -stream-mapping-> Worker',
    ]);
  });

  it('SNS: a subscription with filter policy and dead-letter queue; SqsSubscription adds the queue SAM creates', () => {
    const a = load(sam(`
  Alerts: { Type: AWS::SNS::Topic }
  Dlq: { Type: AWS::SQS::Queue }
  Pager:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: p.h
      Events:
        Alerts:
          Type: SNS
          Properties:
            Topic: !Ref Alerts
            FilterPolicy: { severity: [high] }
            FilterPolicyScope: MessageBody
            RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn }
  Audit:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.h
      Events:
        All: { Type: SNS, Properties: { Topic: !Ref Alerts, SqsSubscription: true } }
`));
    expect(config(a, 'Alerts').to).toEqual([
      { function: 'Pager', filter: { severity: ['high'] }, filterScope: 'body', deadLetter: 'Dlq' },
      'AuditAllQueue',
    ]);
    expect(config(a, 'AuditAllQueue')).toEqual({ type: 'queue', to: 'Audit' });
    expect(a.notes).toContain('AuditAllQueue is the queue SAM creates for Audit.All.');
  });

  it('S3: a notification on the bucket, with its events and key filters', () => {
    const a = load(sam(`
  Uploads: { Type: AWS::S3::Bucket, Properties: { VersioningConfiguration: { Status: Enabled } } }
  Scan:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: s.h
      Events:
        Up:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: [s3:ObjectCreated:Put, 's3:ObjectRemoved:*']
            Filter: { S3Key: { Rules: [{ Name: prefix, Value: incoming/ }, { Name: Suffix, Value: .jpg }] } }
`));
    expect(config(a, 'Uploads')).toEqual({
      type: 'bucket', versioned: true,
      notifications: [{ on: ['ObjectCreated:Put', 'ObjectRemoved'], prefix: 'incoming/', suffix: '.jpg', to: 'Scan' }],
    });
  });

  it('EventBridgeRule and CloudWatchEvent: rules on the named bus or the default bus, with target options', () => {
    const a = load(sam(`
  Orders: { Type: AWS::Events::EventBus, Properties: { Name: orders } }
  Failed: { Type: AWS::SQS::Queue }
  Ship:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: s.h
      Events:
        Paid:
          Type: EventBridgeRule
          Properties:
            EventBusName: !Ref Orders
            Pattern: { source: [shop.payments], detail-type: [OrderPaid] }
            RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 900 }
            DeadLetterConfig: { Arn: !GetAtt Failed.Arn }
            Input: '{"kind": "paid"}'
        Ec2:
          Type: CloudWatchEvent
          Properties:
            Pattern: { source: [aws.ec2] }
        Sam:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [aws.s3] }
            DeadLetterConfig: { Type: SQS }
`));
    expect(config(a, 'Orders').rules).toEqual({
      ShipPaid: {
        pattern: { source: ['shop.payments'], 'detail-type': ['OrderPaid'] },
        to: [{ function: 'Ship', retry: { attempts: 4, maxAge: 900 }, deadLetter: 'Failed', input: { kind: 'paid' } }],
      },
    });
    expect(config(a, 'default').rules).toEqual({
      ShipEc2: { pattern: { source: ['aws.ec2'] }, to: ['Ship'] },
      ShipSam: { pattern: { source: ['aws.s3'] }, to: [{ function: 'Ship', deadLetter: 'ShipSamQueue' }] },
    });
    expect(a.graph.nodes.get('ShipSamQueue')?.kind).toBe('queue');
  });

  it('Schedule and ScheduleV2: schedules with their settings', () => {
    const a = load(sam(`
  Dlq: { Type: AWS::SQS::Queue }
  Nightly:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: n.h
      Events:
        Old:
          Type: Schedule
          Properties: { Schedule: rate(1 hour), Input: '{"a": 1}', RetryPolicy: { MaximumRetryAttempts: 2 } }
        New:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: cron(0 2 * * ? *)
            ScheduleExpressionTimezone: Europe/Paris
            FlexibleTimeWindow: { Mode: FLEXIBLE, MaximumWindowInMinutes: 15 }
            DeadLetterConfig: { Arn: !GetAtt Dlq.Arn }
`));
    expect(config(a, 'NightlyOld')).toEqual({ type: 'schedule', schedule: 'rate(1 hour)', input: { a: 1 }, retry: { attempts: 2 }, to: 'Nightly' });
    expect(config(a, 'NightlyNew')).toEqual({
      type: 'schedule', schedule: 'cron(0 2 * * ? *)', timezone: 'Europe/Paris', flexibleWindow: 15, deadLetter: 'Dlq', to: 'Nightly',
    });
  });

  it('Api and HttpApi: routes on the named API or the API SAM creates', () => {
    const a = load(sam(`
  Shop: { Type: AWS::Serverless::HttpApi, Properties: { CorsConfiguration: { AllowOrigins: ['*'] } } }
  Get:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: g.h
      Events:
        Read: { Type: Api, Properties: { Path: '/orders/{id}', Method: get } }
        Any: { Type: Api, Properties: { Path: /proxy, Method: any } }
        Http: { Type: HttpApi, Properties: { ApiId: !Ref Shop, Path: /orders, Method: POST, TimeoutInMillis: 10000 } }
`));
    expect(config(a, 'ServerlessRestApi')).toEqual({ type: 'http-api', flavor: 'rest', routes: { 'GET /orders/{id}': 'Get', 'ANY /proxy': 'Get' } });
    expect(config(a, 'Shop')).toEqual({ type: 'http-api', flavor: 'http', cors: true, routes: { 'POST /orders': { function: 'Get', timeout: 10 } } });
  });

  it('MQ, MSK, self-managed Kafka, IoT rules and other sources: a topic on a cluster named by ARN is a kafka node; a broker of the template, a source without its servers, an IoT rule are external nodes with an edge', () => {
    const a = load(sam(`
  Broker: { Type: AWS::AmazonMQ::Broker, Properties: { EngineType: ACTIVEMQ } }
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: r.h
      Events:
        Mq: { Type: MQ, Properties: { Broker: !GetAtt Broker.Arn, Queues: [q1] } }
        Msk: { Type: MSK, Properties: { Stream: 'arn:aws:kafka:eu-west-1:123456789012:cluster/c/1', Topics: [orders], StartingPosition: LATEST } }
        Kafka: { Type: SelfManagedKafka, Properties: { Topics: [t] } }
        Iot: { Type: IoTRule, Properties: { Sql: "SELECT * FROM 'things/+'" } }
`));
    expect(edges(a).sort()).toEqual(['Broker -external-> Reader', 'ReaderIot -external-> Reader', 'ReaderKafka -external-> Reader', 'orders -broker-mapping-> Reader']);
    expect(config(a, 'Broker')).toMatchObject({ type: 'external', resource: 'AWS::AmazonMQ::Broker' });
    expect(config(a, 'orders')).toEqual({ type: 'kafka', cluster: 'arn:aws:kafka:eu-west-1:123456789012:cluster/c/1', topic: 'orders', to: { function: 'Reader', startingPosition: 'LATEST' } });
    expect(config(a, 'ReaderIot').description).toContain("SELECT * FROM 'things/+'");
  });
});

describe('plain CloudFormation wiring', () => {
  it('event source mappings, subscriptions, rule targets and bucket notifications', () => {
    const a = load(`
Resources:
  Jobs: { Type: AWS::SQS::Queue, Properties: { RedrivePolicy: { deadLetterTargetArn: !GetAtt Dead.Arn, maxReceiveCount: 5 } } }
  Dead: { Type: AWS::SQS::Queue, Properties: { MessageRetentionPeriod: 1209600 } }
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12, Handler: f.h, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } } }
  Map: { Type: AWS::Lambda::EventSourceMapping, Properties: { EventSourceArn: !GetAtt Jobs.Arn, FunctionName: !Ref Fn, BatchSize: 10 } }
  Topic: { Type: AWS::SNS::Topic, Properties: { FifoTopic: true, ContentBasedDeduplication: true } }
  Fifo: { Type: AWS::SQS::Queue, Properties: { FifoQueue: true } }
  Sub: { Type: AWS::SNS::Subscription, Properties: { TopicArn: !Ref Topic, Protocol: sqs, Endpoint: !GetAtt Fifo.Arn, RawMessageDelivery: true } }
  Bus: { Type: AWS::Events::EventBus, Properties: { Name: app } }
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      State: DISABLED
      EventPattern: '{"source": ["app"]}'
      Targets:
        - { Id: a, Arn: !GetAtt Fifo.Arn, SqsParameters: { MessageGroupId: g1 } }
        - { Id: b, Arn: !Ref Topic }
  Files:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        QueueConfigurations: [{ Event: s3:ObjectCreated:*, Queue: !GetAtt Jobs.Arn }]
        LambdaConfigurations: [{ Event: s3:ObjectRemoved:Delete, Function: !GetAtt Fn.Arn }]
`);
    expect(edges(a).sort()).toEqual([
      'Bus -rule-> Fifo.fifo', 'Bus -rule-> Topic.fifo', 'Files -notification-> Fn', 'Files -notification-> Jobs',
      'Jobs -queue-mapping-> Fn', 'Jobs -redrive-> Dead', 'Topic.fifo -subscription-> Fifo.fifo',
    ]);
    expect(config(a, 'Fifo.fifo')).toMatchObject({ type: 'queue', fifo: true });
    expect(config(a, 'Topic.fifo')).toMatchObject({ type: 'topic', fifo: true, contentBasedDeduplication: true, to: { queue: 'Fifo.fifo', rawDelivery: true } });
    expect(config(a, 'Bus').rules).toEqual({
      Rule: { enabled: false, pattern: { source: ['app'] }, to: [{ queue: 'Fifo.fifo', messageGroup: 'g1' }, 'Topic.fifo'] },
    });
    expect(a.problems.filter((p) => p.code === 'sqs/fifo-name' || p.code === 'sns/topic-name')).toEqual([]);
  });

  it('a scheduled rule becomes a schedule; a Scheduler schedule keeps retry, dead-letter queue and window', () => {
    const a = load(`
Resources:
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12, Handler: f.h, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } } }
  Dlq: { Type: AWS::SQS::Queue }
  Tick: { Type: AWS::Events::Rule, Properties: { ScheduleExpression: rate(5 minutes), Targets: [{ Id: t, Arn: !GetAtt Fn.Arn, Input: '{"x":1}' }] } }
  Nightly:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: cron(0 3 * * ? *)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target:
        Arn: !GetAtt Fn.Arn
        RoleArn: arn:aws:iam::123456789012:role/s
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 7200 }
        DeadLetterConfig: { Arn: !GetAtt Dlq.Arn }
`);
    expect(config(a, 'Tick')).toEqual({ type: 'schedule', schedule: 'rate(5 minutes)', input: { x: 1 }, to: 'Fn' });
    expect(config(a, 'Nightly')).toEqual({
      type: 'schedule', schedule: 'cron(0 3 * * ? *)', retry: { attempts: 5, maxAge: 7200 }, deadLetter: 'Dlq', to: 'Fn',
    });
  });

  it('REST methods and HTTP API routes with their integrations', () => {
    const a = load(`
Resources:
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12, Handler: f.h, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } } }
  Q: { Type: AWS::SQS::Queue }
  Rest: { Type: AWS::ApiGateway::RestApi, Properties: { Name: r } }
  Items: { Type: AWS::ApiGateway::Resource, Properties: { RestApiId: !Ref Rest, ParentId: !GetAtt Rest.RootResourceId, PathPart: items } }
  Item: { Type: AWS::ApiGateway::Resource, Properties: { RestApiId: !Ref Rest, ParentId: !Ref Items, PathPart: '{id}' } }
  GetItem:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Rest
      ResourceId: !Ref Item
      HttpMethod: GET
      Integration: { Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations' }
  Options:
    Type: AWS::ApiGateway::Method
    Properties: { RestApiId: !Ref Rest, ResourceId: !Ref Item, HttpMethod: OPTIONS, Integration: { Type: MOCK } }
  Http: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: h, ProtocolType: HTTP } }
  ToQueue:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Http
      IntegrationType: AWS_PROXY
      IntegrationSubtype: SQS-SendMessage
      PayloadFormatVersion: '1.0'
      RequestParameters: { QueueUrl: !Ref Q, MessageBody: $request.body }
  Post: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Http, RouteKey: POST /jobs, Target: !Sub 'integrations/\${ToQueue}' } }
`);
    expect(config(a, 'Rest')).toEqual({ type: 'http-api', flavor: 'rest', routes: { 'GET /items/{id}': 'Fn' } });
    expect(config(a, 'Http')).toEqual({ type: 'http-api', flavor: 'http', routes: { 'POST /jobs': 'Q' } });
  });

  it('a rule, a scheduled rule and a schedule whose target is a state machine start it (no stand-in)', () => {
    const a = load(`
Resources:
  Flow: { Type: AWS::StepFunctions::StateMachine, Properties: { RoleArn: arn:aws:iam::123456789012:role/sfn, Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } } }
  Nightly: { Type: AWS::Events::Rule, Properties: { ScheduleExpression: rate(1 day), Targets: [{ Id: f, Arn: !Ref Flow, RoleArn: arn:aws:iam::123456789012:role/r }] } }
  OnUpload: { Type: AWS::Events::Rule, Properties: { EventPattern: { source: [aws.s3] }, Targets: [{ Id: f, Arn: !GetAtt Flow.Arn, RoleArn: arn:aws:iam::123456789012:role/r }] } }
  Hourly: { Type: AWS::Scheduler::Schedule, Properties: { ScheduleExpression: rate(1 hour), FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: !Ref Flow, RoleArn: arn:aws:iam::123456789012:role/r } } }
`);
    expect([...a.graph.nodes.values()].filter((n) => n.kind === 'external')).toEqual([]);
    expect(a.graph.edges.filter((e) => e.to === 'Flow').map((e) => `${e.from} (${e.mechanism})`).sort()).toEqual(['Hourly (schedule)', 'Nightly (schedule)', 'default (rule)']);
  });

  it('pipes: source → pipe (with the source options) → enrichment and target; a state machine names what it calls', () => {
    const a = load(`
Resources:
  Source: { Type: AWS::Kinesis::Stream, Properties: { StreamModeDetails: { StreamMode: ON_DEMAND } } }
  Dlq: { Type: AWS::SQS::Queue }
  Enrich: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12, Handler: e.h, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } } }
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
      DefinitionSubstitutions: { Worker: !GetAtt Enrich.Arn }
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/p
      Source: !GetAtt Source.Arn
      SourceParameters:
        FilterCriteria: { Filters: [{ Pattern: '{"data": {"ok": [true]}}' }] }
        KinesisStreamParameters: { StartingPosition: LATEST, BatchSize: 10, DeadLetterConfig: { Arn: !GetAtt Dlq.Arn }, OnPartialBatchItemFailure: AUTOMATIC_BISECT }
      Enrichment: !GetAtt Enrich.Arn
      Target: !Ref Flow
`);
    expect(config(a, 'Source')).toEqual({ type: 'stream', mode: 'on-demand' });
    expect(config(a, 'Pipe')).toEqual({
      type: 'pipe',
      source: { stream: 'Source', batchSize: 10, startingPosition: 'LATEST', bisectOnError: true },
      filter: { data: { ok: [true] } },
      enrichment: 'Enrich',
      to: 'Flow',
      deadLetter: 'Dlq',
    });
    expect(config(a, 'Flow')).toEqual({ type: 'state-machine', substitutions: { Worker: 'Enrich' } });
    expect(a.doc.value).toMatchObject({ routers: { Pipe: {}, Flow: {} } });
    const edges = a.graph.edges.map((e) => `${e.from} → ${e.to} (${e.mechanism})`);
    expect(edges.sort()).toEqual(['Flow → Enrich (task)', 'Pipe → Dlq (redrive)', 'Pipe → Enrich (enrichment)', 'Pipe → Flow (pipe)', 'Source → Pipe (pipe-source)']);
  });

  it('emits from SAM policy templates, statements, execution roles and connectors; not to failure destinations', () => {
    const a = load(sam(`
  Bus: { Type: AWS::Events::EventBus, Properties: { Name: b } }
  Out: { Type: AWS::SQS::Queue, Properties: { QueueName: out-queue } }
  Failed: { Type: AWS::SQS::Queue }
  Table: { Type: AWS::DynamoDB::Table, Properties: { KeySchema: [{ AttributeName: id, KeyType: HASH }], AttributeDefinitions: [{ AttributeName: id, AttributeType: S }] } }
  Files: { Type: AWS::S3::Bucket }
  Topic: { Type: AWS::SNS::Topic }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: !GetAtt Table.Arn }
              - { Effect: Allow, Action: 'SQS:SendMessage', Resource: !Sub 'arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:out-queue' }
              - { Effect: Allow, Action: 'sqs:*', Resource: '*' }
  A:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.h
      Role: !GetAtt Role.Arn
  B:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: b.h
      EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: SQS, Destination: !GetAtt Failed.Arn } } }
      Policies:
        - EventBridgePutEventsPolicy: { EventBusName: !Ref Bus }
        - S3CrudPolicy: { BucketName: !Ref Files }
        - SQSSendMessagePolicy: { QueueName: !GetAtt Failed.QueueName }
        - Statement: [{ Effect: Allow, Action: sns:Publish, Resource: !Ref Topic }]
  Conn:
    Type: AWS::Serverless::Connector
    Properties: { Source: { Id: A }, Destination: { Id: Topic }, Permissions: [Write] }
`));
    // Reading a table or bucket says how, in the words of its `access`: what the statements allow.
    expect(config(a, 'A').emits).toEqual([{ to: 'Table', access: ['read', 'query'] }, 'Out', 'Topic']);
    expect(config(a, 'B').emits).toEqual(['Bus', { to: 'Files', access: ['read', 'write', 'delete', 'list'] }, 'Topic']);
    expect(a.notes.some((n) => n.startsWith('What functions emit was inferred from their IAM permissions'))).toBe(true);
  });

  it('access to buckets and tables in the words of their access: deleting and listing, reading and querying, a connector that writes', () => {
    const a = load(sam(`
  Files: { Type: AWS::S3::Bucket }
  Table: { Type: AWS::DynamoDB::Table, Properties: { KeySchema: [{ AttributeName: id, KeyType: HASH }], AttributeDefinitions: [{ AttributeName: id, AttributeType: S }] } }
  Cleanup:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: c.h
      Policies:
        - Statement: [{ Effect: Allow, Action: ['s3:DeleteObject', 's3:ListBucket'], Resource: [!GetAtt Files.Arn, !Sub '\${Files.Arn}/*'] }]
        - DynamoDBReadPolicy: { TableName: !Ref Table }
  Writer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: w.h
      Connectors: { T: { Properties: { Destination: { Id: Table }, Permissions: [Write] } } }
`));
    expect(config(a, 'Cleanup').emits).toEqual([{ to: 'Files', access: ['delete', 'list'] }, { to: 'Table', access: ['read', 'query'] }]);
    expect(config(a, 'Writer').emits).toEqual([{ to: 'Table', access: ['write', 'delete'] }]);
  });
});

describe('what cannot be mapped', () => {
  it('unknown types become external nodes; supporting resources are listed; nothing is dropped silently', () => {
    const r = importTemplate(sam(`
  Thing: { Type: AWS::IoT::Thing }
  Alarm: { Type: AWS::CloudWatch::Alarm, Properties: { AlarmActions: [!Ref Alerts] } }
  Alerts: { Type: AWS::SNS::Topic, Properties: { Subscription: [{ Protocol: email, Endpoint: ops@example.com }] } }
  Logs: { Type: AWS::Logs::LogGroup }
  Perm: { Type: AWS::Lambda::Permission, Properties: { FunctionName: x, Action: lambda:InvokeFunction, Principal: sns.amazonaws.com } }
`), 'template.yaml');
    const a = analyze(r.yaml);
    expect(config(a, 'Thing')).toMatchObject({ type: 'external', resource: 'AWS::IoT::Thing' });
    expect(config(a, 'Alarm')).toMatchObject({ type: 'external', resource: 'AWS::CloudWatch::Alarm', to: 'Alerts' });
    expect(config(a, 'Alerts').to).toBe('AlertsEmailSubscriber');
    expect(config(a, 'AlertsEmailSubscriber')).toMatchObject({ type: 'external', resource: 'AWS::SNS::Subscription', description: 'email subscription: ops@example.com.' });
    expect(r.notes).toContain('Thing (AWS::IoT::Thing) is an external node: Archflow has no kind for it, so it is shown but not generated.');
    expect(r.notes).toContain('Read into edges and settings: Perm (AWS::Lambda::Permission).');
    expect(r.notes.some((n) => n.includes('Logs (AWS::Logs::LogGroup)'))).toBe(true);
    for (const id of ['Thing', 'Alarm', 'Alerts', 'Logs', 'Perm']) expect(r.yaml).toContain(id);
  });

  it('writes the notes as comments at the top, and suppresses rules that only fire for lack of a way to say it', () => {
    const r = importTemplate(sam(`
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionUri: ./openapi.yaml
      Auth: { Authorizers: { Lambda: { FunctionArn: !GetAtt Auth.Arn } } }
  Auth: { Type: AWS::Serverless::Function, Properties: { Runtime: python3.12, Handler: a.h } }
  Images: { Type: AWS::S3::Bucket, Properties: { NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } } } }
`), 'template.yaml');
    expect(r.yaml.split('\n').slice(0, 2)).toEqual([
      '# Imported from template.yaml (AWS SAM template) by `archflow import`.',
      '# Review what was approximated:',
    ]);
    for (const note of r.notes) expect(r.yaml).toContain(`# - ${note.split(' ').slice(0, 6).join(' ')}`);
    expect(r.yaml).toContain('  # archflow-disable-next-line graph/untriggered-consumer -- the authorizer of Api\n  Auth:');
    expect(r.yaml).toContain('  # archflow-disable-next-line graph/dead-end-producer -- its routes are in ./openapi.yaml, which the import does not read\n  Api:');
    const a = analyze(r.yaml);
    expect(a.problems.filter((p) => p.code === 'graph/untriggered-consumer' || p.code === 'graph/dead-end-producer')).toEqual([]);
  });

  it('orders the file as the format does and shortens a long architecture name to fit function names', () => {
    const r = importTemplate(sam(`
  Q: { Type: AWS::SQS::Queue }
  AVeryLongFunctionNameForTesting: { Type: AWS::Serverless::Function, Properties: { Runtime: python3.12, Handler: a.h, Events: { Q: { Type: SQS, Properties: { Queue: !GetAtt Q.Arn } } } } }
  Api: { Type: AWS::Serverless::HttpApi }
`, 'Globals:\n  Function: { Timeout: 10 }\n'), 'an-architecture-name-that-is-quite-long-indeed/template.yaml');
    expect(r.name).toBe('an-architecture-name-that-is');
    expect([...r.yaml.matchAll(/^([a-z]+):/gm)].map((m) => m[1])).toEqual(['archflow', 'name', 'defaults', 'producers', 'routers', 'consumers']);
    expect(analyze(r.yaml).problems.filter((p) => p.code === 'lambda/function-name')).toEqual([]);
  });
});

describe('templates the import reads only in part', () => {
  it('notes Fn::ForEach loops and methods that are not HTTP methods', () => {
    const r = importTemplate(sam(`
  Fn::ForEach::Queues: [Name, [A, B], { 'Q\${Name}': { Type: AWS::SQS::Queue } }]
  F: { Type: AWS::Serverless::Function, Properties: { Runtime: python3.12, Handler: f.h, Events: { E: { Type: Api, Properties: { Path: /x, Method: FETCH } } } } }
`), 'template.yaml');
    expect(r.notes).toContain('Not read (not a resource, e.g. a `Fn::ForEach` loop that CloudFormation expands): Fn::ForEach::Queues.');
    expect(r.notes).toContain('F.E: the method FETCH is not an HTTP method; the route was written as ANY.');
    expect(analyze(r.yaml).graph.nodes.get('ServerlessRestApi')!.config.routes).toEqual({ 'ANY /x': 'F' });
  });
});
