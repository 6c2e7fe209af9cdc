import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../client/src/templates';
import type { GeneratedProject, Resource, Template } from '../../../server/src/core/codegen/index';
import type { FilePort } from '../../../server/src/core/files';
import { filesNextTo } from '../../../server/src/project/referenced-files';
import { EXAMPLE_FILES } from '../../helpers/examples';
import { cfnLint, EVERYTHING, generateFile, generateText, ROOT, validateResources, WITHOUT_SCHEMA } from '../../helpers/codegen';

/** State machines started in every way the format has. */
const STARTED = `archflow: 1
name: q
events:
  Placed: { source: shop.orders }
producers:
  api:
    type: http-api
    routes:
      POST /start: { stateMachine: standard }
      POST /quick: { stateMachine: quick }
routers:
  bus:
    type: event-bus
    rules:
      placed: { pattern: { source: [shop.orders] }, to: [{ stateMachine: standard, deadLetter: dlq }] }
  defaultBus:
    type: event-bus
    default: true
    rules:
      s3: { pattern: { source: [aws.s3] }, to: { stateMachine: standard } }
  dlq: { type: queue }
  standard:
    type: state-machine
    definition: { StartAt: A, States: { A: { Type: Task, Resource: "arn:aws:states:::states:startExecution", Parameters: { StateMachineArn: "\${Quick}", Input.$: $ }, End: true } } }
    substitutions: { Quick: quick }
  quick:
    type: state-machine
    flavor: express
    definition: { TimeoutSeconds: 20, StartAt: A, States: { A: { Type: Pass, End: true } } }
consumers:
  placer: { emits: [{ to: bus, event: Placed }, { to: standard }] }
`;

/** The template of a generated project passes cfn-lint with no finding. */
function lintClean(project: GeneratedProject): void {
  const dir = mkdtempSync(join(tmpdir(), 'archflow-cfn-'));
  writeFileSync(join(dir, 'template.json'), project.files.get('template.json')!);
  expect(cfnLint([join(dir, 'template.json')]).map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
}

const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.arch.yaml')).map((f) => join(ROOT, 'examples', f));
/** Every architecture the tests generate: the examples, the New Architecture templates, the fixture. */
const inputs: { name: string; text: string; files?: FilePort }[] = [
  ...examples.map((f) => ({ name: f.slice(ROOT.length + 1), text: readFileSync(f, 'utf8'), files: filesNextTo(f) })),
  ...TEMPLATES.map((t) => ({ name: `template ${t.id}`, text: t.text.replace(/\$\{name\}/g, t.defaultName) })),
  { name: 'fixture everything', text: readFileSync(EVERYTHING, 'utf8') },
];

describe('generated CloudFormation', () => {
  it('covers the examples, the templates and the fixture', () => {
    expect(examples.map((f) => f.slice(ROOT.length + 'examples/'.length + 1)).sort()).toEqual(EXAMPLE_FILES);
    expect(inputs.map((i) => i.name)).toEqual([...examples.map((f) => f.slice(ROOT.length + 1)), ...TEMPLATES.map((t) => `template ${t.id}`), 'fixture everything']);
    expect(TEMPLATES).toHaveLength(5);
  });

  it('passes cfn-lint with no error or warning, for every input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-cfn-'));
    const files = inputs.map((input, i) => {
      const file = join(dir, `${i}.json`);
      writeFileSync(file, generateText(input.text, undefined, input.files).files.get('template.json')!);
      return file;
    });
    const findings = cfnLint(files).filter((f) => f.Level === 'Error' || f.Level === 'Warning');
    expect(findings.map((f) => `${inputs[files.indexOf(f.Filename)]?.name ?? f.Filename}:${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message}`)).toEqual([]);
  }, 120_000);

  for (const input of inputs) {
    it(`${input.name}: every resource validates against its official schema`, () => {
      const { errors, withoutSchema } = validateResources(generateText(input.text, undefined, input.files).template);
      expect(errors).toEqual([]);
      // The corpus has no schema for these; cfn-lint (above) checks them.
      for (const t of withoutSchema) expect(WITHOUT_SCHEMA).toContain(t);
    });
  }

  it('the fixture produces every resource type Archflow generates', () => {
    const types = new Set(Object.values(generateFile(EVERYTHING).template.Resources).map((r) => r.Type));
    expect([...types].sort()).toEqual([
      'AWS::ApiGateway::Deployment', 'AWS::ApiGateway::Method', 'AWS::ApiGateway::Resource', 'AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Stage',
      'AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Stage',
      'AWS::DynamoDB::Table', 'AWS::Events::EventBus', 'AWS::Events::Rule', 'AWS::IAM::Role', 'AWS::Kinesis::Stream', 'AWS::Kinesis::StreamConsumer',
      'AWS::Lambda::EventInvokeConfig', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::Function', 'AWS::Lambda::Permission', 'AWS::Logs::LogGroup',
      'AWS::Pipes::Pipe', 'AWS::S3::Bucket', 'AWS::SNS::Subscription', 'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy', 'AWS::SQS::Queue', 'AWS::SQS::QueuePolicy',
      'AWS::Scheduler::Schedule', 'AWS::StepFunctions::StateMachine',
    ]);
  });
});

describe('what the template says', () => {
  // Generated before each test, not once for the describe: a mutation run (Stryker) activates a mutant
  // for the tests only, so a template generated while the file loads could never tell a mutant apart.
  let t: Template;
  beforeEach(() => {
    t = generateFile(EVERYTHING).template;
  });
  const r = (id: string): Resource => {
    const res = t.Resources[id];
    if (!res) throw new Error(`no resource ${id}; have ${Object.keys(t.Resources).join(', ')}`);
    return res;
  };

  it('is plain CloudFormation: no transform, code from the artifact bucket, no parameter per function', () => {
    expect(Object.keys(t)).toEqual(['AWSTemplateFormatVersion', 'Description', 'Parameters', 'Resources', 'Outputs']);
    // Deploy writes the key of the package it uploaded in place of `functions/<name>.zip` (deploy/templates.ts).
    expect(r('PlaceOrderFunction').Properties.Code).toEqual({ S3Bucket: { Ref: 'ArtifactBucket' }, S3Key: 'functions/placeOrder.zip' });
    expect(Object.keys(t.Parameters)).toEqual(['ArtifactBucket']);
  });

  it('functions carry their settings and the names of what they emit to', () => {
    const p = r('PlaceOrderFunction').Properties;
    expect(p).toMatchObject({ Runtime: 'nodejs22.x', Handler: 'index.handler', MemorySize: 512, Timeout: 10, EphemeralStorage: { Size: 1024 }, Architectures: ['arm64'] });
    expect(p.Environment).toEqual({
      Variables: {
        JOBS_FIFO_QUEUE_URL: { Ref: 'JobsFifoQueue' },
        LOG_LEVEL: 'debug',
        ON_DEMAND_STREAM_NAME: { Ref: 'OnDemandStream' },
        ORDERS_TABLE_NAME: { Ref: 'OrdersTable' },
        ORDER_BUS_NAME: { 'Fn::GetAtt': ['OrderBus', 'Name'] },
        RETRIES: '3',
        UPLOADS_BUCKET_NAME: { 'Fn::Sub': [expect.stringMatching(/^everything-uploads-[0-9a-f]{4}-\$\{AWS::AccountId\}-\$\{StackKey\}$/), { StackKey: { 'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }] } }] },
      },
    });
    expect(r('FulfilFunction').Properties.ReservedConcurrentExecutions).toBe(5);
  });

  it('a non-Node function keeps its handler and declared code folder', () => {
    expect(r('ImportFileFunction').Properties).toMatchObject({ Runtime: 'python3.12', Handler: 'app.handler' });
    expect(r('ImportFileFunction').Metadata).toEqual({ 'archflow:source': 'python/import_file', 'archflow:source-base': 'architecture' });
    expect(r('PlaceOrderFunction').Metadata).toEqual({ 'archflow:source': 'dist/placeOrder' });
  });

  it('queue mappings carry their options; FIFO queues and automatic dead-letter queues', () => {
    expect(r('FulfilFromOrdersMapping').Properties).toEqual({
      EventSourceArn: { 'Fn::GetAtt': ['OrdersQueue', 'Arn'] }, FunctionName: { Ref: 'FulfilFunction' },
      BatchSize: 20, MaximumBatchingWindowInSeconds: 2, FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: '{"body":{"total":[{"numeric":[">",0]}]}}' }] }, ScalingConfig: { MaximumConcurrency: 5 },
    });
    expect(r('OrdersQueue').Properties).toMatchObject({
      VisibilityTimeout: 120, MessageRetentionPeriod: 345600, DelaySeconds: 5, ReceiveMessageWaitTimeSeconds: 20, MaximumMessageSize: 262144,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['OrdersDlqQueue', 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(r('JobsFifoQueue').Properties).toMatchObject({
      FifoQueue: true, ContentBasedDeduplication: true, QueueName: { 'Fn::Sub': '${AWS::StackName}-jobs.fifo' },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['JobsFifoQueueDeadLetterQueue', 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(r('JobsFifoQueueDeadLetterQueue').Properties).toMatchObject({ FifoQueue: true });
  });

  it('stream and table mappings carry their options and failure destinations', () => {
    // `fanOut: true`: the mapping reads through its own enhanced fan-out consumer.
    expect(r('AggregateFromClicksConsumer')).toEqual({
      Type: 'AWS::Kinesis::StreamConsumer',
      Properties: { StreamARN: { 'Fn::GetAtt': ['ClicksStream', 'Arn'] }, ConsumerName: { 'Fn::Sub': '${AWS::StackName}-aggregate' } },
    });
    expect(r('AggregateFromClicksMapping').Properties).toEqual({
      EventSourceArn: { 'Fn::GetAtt': ['AggregateFromClicksConsumer', 'ConsumerARN'] }, FunctionName: { Ref: 'AggregateFunction' }, BatchSize: 100,
      StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: 1767225600, ParallelizationFactor: 2, MaximumRecordAgeInSeconds: 3600,
      TumblingWindowInSeconds: 60, DestinationConfig: { OnFailure: { Destination: { Ref: 'AlertsTopic' } } },
    });
    expect(r('ProjectOrderFromOrdersTableMapping').Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] }, StartingPosition: 'TRIM_HORIZON', BatchSize: 50, MaximumBatchingWindowInSeconds: 5,
      MaximumRetryAttempts: 3, BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['StreamFailuresQueue', 'Arn'] } } },
    });
    expect(r('OrdersTable').Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }, { AttributeName: 'version', KeyType: 'RANGE' }],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('push sources get Lambda permissions; S3 with its bucket as SourceArn and SourceAccount, and the bucket waits for them', () => {
    expect(r('ImportFileFromUploadsPermission').Properties).toEqual({
      Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': ['ImportFileFunction', 'Arn'] }, Principal: 's3.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: { 'Fn::Sub': [expect.stringMatching(/^arn:\$\{AWS::Partition\}:s3:::everything-uploads-[0-9a-f]{4}-\$\{AWS::AccountId\}-\$\{StackKey\}$/), { StackKey: { 'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }] } }] },
    });
    expect(r('UploadsBucket').DependsOn).toEqual(['FileEventsTopicPolicy', 'ImportFileFromUploadsPermission', 'RemovalsQueuePolicy']);
    expect(r('UploadsBucket').Properties.NotificationConfiguration).toMatchObject({
      LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: { 'Fn::GetAtt': ['ImportFileFunction', 'Arn'] }, Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'incoming/' }, { Name: 'suffix', Value: '.csv' }] } } }],
      QueueConfigurations: [{ Event: 's3:ObjectRemoved:Delete', Queue: { 'Fn::GetAtt': ['RemovalsQueue', 'Arn'] } }],
    });
    expect(r('NotifyFromFileEventsPermission').Properties).toMatchObject({ Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'FileEventsTopic' } });
    expect(r('SendReceiptFromOrderBusPlacedPermission').Properties).toMatchObject({ Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['OrderBusPlacedRule', 'Arn'] } });
    expect(r('PlaceOrderFromApiPostOrdersPermission').Properties).toMatchObject({
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/POST/orders' },
    });
  });

  it('rules use the bus name by GetAtt and carry targets with retry, dead letters and message groups', () => {
    const rule = r('OrderBusPlacedRule').Properties;
    expect(rule.EventBusName).toEqual({ 'Fn::GetAtt': ['OrderBus', 'Name'] });
    expect(rule.Targets).toContainEqual({
      Id: 'sendReceipt', Arn: { 'Fn::GetAtt': ['SendReceiptFunction', 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['RuleDlqQueue', 'Arn'] } },
    });
    expect(rule.Targets).toContainEqual({ Id: 'archiveBus', Arn: { 'Fn::GetAtt': ['ArchiveBus', 'Arn'] }, RoleArn: { 'Fn::GetAtt': ['OrderBusPlacedRuleRole', 'Arn'] } });
    expect(r('OrderBusPaidRule').Properties.Targets).toEqual([{ Id: 'paidQueue.fifo', Arn: { 'Fn::GetAtt': ['PaidQueueFifoQueue', 'Arn'] }, SqsParameters: { MessageGroupId: 'payments' } }]);
    expect(r('OrderBusConstantRule').Properties).toMatchObject({ State: 'DISABLED', Targets: [{ Id: 'sendReceipt', Input: '{"hello":"world"}' }] });
  });

  const DEFAULT_BUS = `archflow: 1
name: uploads
routers:
  awsEvents:
    type: event-bus
    default: true
    rules:
      uploaded:
        pattern: { source: [aws.s3], detail-type: [Object Created] }
        to: [indexDocument, { queue: audit }, { bus: teamBus }]
  teamBus: { type: event-bus }
  audit: { type: queue, to: writeAudit }
consumers:
  indexDocument: { emits: [awsEvents] }
  writeAudit: {}
`;
  it("rules on the account's default bus go on the default bus, which is referenced and never created", () => {
    const project = generateText(DEFAULT_BUS);
    const res = project.template.Resources;
    const types = Object.entries(res).map(([id, x]) => `${id} ${x.Type}`);
    expect(types.filter((x) => x.includes('AWS::Events::EventBus'))).toEqual(['TeamBus AWS::Events::EventBus']);
    expect(Object.keys(project.template.Outputs ?? {}).filter((k) => /Bus/.test(k))).toEqual(['TeamBusName']);
    const defaultBusArn = { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default' };
    const rule = res.AwsEventsBusUploadedRule!.Properties;
    expect(rule.EventBusName).toBe('default');
    expect(rule.Targets).toContainEqual({ Id: 'teamBus', Arn: { 'Fn::GetAtt': ['TeamBus', 'Arn'] }, RoleArn: { 'Fn::GetAtt': ['AwsEventsBusUploadedRuleRole', 'Arn'] } });
    const fn = res.IndexDocumentFunction!.Properties as { Environment: { Variables: Record<string, unknown> } };
    expect(fn.Environment.Variables).toEqual({ AWS_EVENTS_BUS_NAME: 'default' });
    const statements = (res.IndexDocumentRole!.Properties.Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[])[0]!.PolicyDocument.Statement;
    expect(statements).toContainEqual({ Effect: 'Allow', Action: ['events:PutEvents'], Resource: defaultBusArn });
  });

  // cfn-lint runs in its own test: a mutation run leaves it out (scripts/mutation/vitest.config.mjs), not the assertions above.
  it("rules on the account's default bus: the template passes cfn-lint", () => lintClean(generateText(DEFAULT_BUS)), 60_000);

  it('queues accept their SNS, EventBridge and S3 senders through a queue policy', () => {
    const st = r('RuleDlqQueuePolicy').Properties.PolicyDocument as { Statement: { Sid: string; Principal: unknown; Condition: unknown }[] };
    expect(st.Statement.map((s) => s.Sid)).toEqual(['FromOrderBusPlacedDeadLetters']);
    expect(st.Statement[0]!.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['OrderBusPlacedRule', 'Arn'] } } });
    const removals = r('RemovalsQueuePolicy').Properties.PolicyDocument as { Statement: { Principal: unknown; Condition: unknown }[] };
    expect(removals.Statement).toEqual([expect.objectContaining({ Principal: { Service: 's3.amazonaws.com' }, Condition: {
      ArnEquals: { 'aws:SourceArn': { 'Fn::Sub': [expect.stringMatching(/^arn:\$\{AWS::Partition\}:s3:::everything-uploads-/), { StackKey: { 'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }] } }] } },
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    } })]);
  });

  it('topics have subscriptions with filter policies, raw delivery and dead letters', () => {
    expect(r('FileEventsToNotifySubscription').Properties).toMatchObject({
      Protocol: 'lambda', FilterPolicy: { kind: ['report'] }, FilterPolicyScope: 'MessageAttributes',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['SubscriptionDlqQueue', 'Arn'] } },
    });
    expect(r('FileEventsToAuditSubscription').Properties).toMatchObject({ Protocol: 'sqs', RawMessageDelivery: true, FilterPolicyScope: 'MessageBody' });
    expect(r('FileEventsToAuditSubscription').DependsOn).toEqual(['AuditQueuePolicy']);
  });

  it('schedules run with their own role, retry, dead letters and a scheduled-event input', () => {
    const s = r('NightlySchedule').Properties;
    expect(s).toMatchObject({
      ScheduleExpression: 'cron(0 2 * * ? *)', ScheduleExpressionTimezone: 'Europe/Paris', FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      Target: { RoleArn: { 'Fn::GetAtt': ['NightlyScheduleRole', 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['ScheduleDlqQueue', 'Arn'] } } },
    });
    expect(JSON.parse((s.Target as { Input: { 'Fn::Sub': string } }).Input['Fn::Sub'])).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler' });
    expect(r('HourlyQueueSchedule').Properties.Target).toMatchObject({ Input: '{"job":"cleanup","dryRun":false}', SqsParameters: { MessageGroupId: 'hourlyQueue' } });
    expect(r('HourlyStreamSchedule').Properties.Target).toMatchObject({ KinesisParameters: { PartitionKey: 'hourlyStream' } });
    expect(r('HourlyBusSchedule').Properties.Target).toMatchObject({ EventBridgeParameters: { DetailType: 'Scheduled Event', Source: 'everything.hourlyBus' } });
  });

  it('the HTTP API has a stage, routes and integrations (Lambda proxy and service integrations)', () => {
    expect(r('Api').Properties).toMatchObject({ ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['*'] } });
    expect(r('ApiStage').Properties).toEqual({ ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true });
    expect(r('ApiPostOrdersIntegration').Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', TimeoutInMillis: 20000 });
    expect(r('ApiPostOrdersRoute').Properties).toEqual({ ApiId: { Ref: 'Api' }, RouteKey: 'POST /orders', Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'ApiPostOrdersIntegration' }]] } });
    expect(r('ApiPostEventsIntegration').Properties).toMatchObject({
      IntegrationSubtype: 'EventBridge-PutEvents', CredentialsArn: { 'Fn::GetAtt': ['ApiRole', 'Arn'] },
      RequestParameters: { Source: 'shop.payments', DetailType: 'OrderPaid', Detail: '$request.body' },
    });
    expect(r('ApiPostJobsIntegration').Properties).toMatchObject({ IntegrationSubtype: 'SQS-SendMessage', RequestParameters: { MessageGroupId: 'api', MessageBody: '$request.body' } });
    expect(t.Outputs.ApiUrl).toEqual({ Description: "URL of HTTP API 'api'.", Value: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] } });
  });

  it('async settings become an EventInvokeConfig with the failure destination', () => {
    expect(r('PlaceOrderFunctionAsyncConfig').Properties).toEqual({
      FunctionName: { Ref: 'PlaceOrderFunction' }, Qualifier: '$LATEST', MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['AsyncFailuresQueue', 'Arn'] } } },
    });
    expect(r('SendReceiptFunctionAsyncConfig').Properties).toMatchObject({ MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['NotifyFunction', 'Arn'] } } } });
  });

  it('functions with an existing role get no generated role', () => {
    expect(r('ReconcileFunction').Properties.Role).toBe('arn:aws:iam::123456789012:role/existing-role');
    expect(t.Resources.ReconcileRole).toBeUndefined();
  });

  /** The statements of a service role's inline policy: actions → resource. */
  const grants = (id: string): [string[], unknown][] =>
    ((r(id).Properties.Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[])[0]!.PolicyDocument.Statement).map((st) => [st.Action, st.Resource]);

  it('state machines: their definition with substitutions from the nodes Task states call, a role with exactly those calls, logs', () => {
    const sm = r('FulfilmentStateMachine').Properties;
    expect(sm.StateMachineType).toBe('STANDARD');
    expect(JSON.parse(sm.DefinitionString as string).States.Queue.Parameters.QueueUrl).toBe('${Audit}');
    expect(sm.DefinitionSubstitutions).toEqual({ Fulfil: { 'Fn::GetAtt': ['FulfilFunction', 'Arn'] }, Audit: { Ref: 'AuditQueue' }, Alerts: { Ref: 'AlertsTopic' } });
    expect(sm.TracingConfiguration).toEqual({ Enabled: true });
    expect(sm.LoggingConfiguration).toMatchObject({ Level: 'ALL', Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': ['FulfilmentStateMachineLogs', 'Arn'] } } }] });
    expect(grants('FulfilmentStateMachineRole').slice(1)).toEqual([
      [['lambda:InvokeFunction'], { 'Fn::GetAtt': ['FulfilFunction', 'Arn'] }],
      [['sqs:SendMessage'], { 'Fn::GetAtt': ['AuditQueue', 'Arn'] }],
      [['sns:Publish'], { Ref: 'AlertsTopic' }],
    ]);
    // An Express workflow's SDK call is granted as its action: dynamodb:GetItem on the table.
    expect(r('LookupStateMachine').Properties.StateMachineType).toBe('EXPRESS');
    expect(grants('LookupStateMachineRole').slice(1)).toEqual([[['dynamodb:GetItem'], { 'Fn::GetAtt': ['OrdersTable', 'Arn'] }]]);
  });

  it('a REST API starts state machines through the Step Functions action: StartSyncExecution for Express, StartExecution for Standard', () => {
    const res = generateText(readFileSync(join(ROOT, 'test/fixtures/codegen/state-machine-emits.arch.yaml'), 'utf8')).template.Resources;
    const integrations = Object.values(res).filter((r) => r.Type === 'AWS::ApiGateway::Method' && (r.Properties.Integration as { Type?: string } | undefined)?.Type === 'AWS')
      .map((r) => r.Properties.Integration as { Uri: unknown; RequestTemplates: Record<string, unknown> });
    expect(integrations.map((i) => [i.Uri, (i.RequestTemplates['application/json'] as { 'Fn::Sub': [string, unknown] })['Fn::Sub'][1]])).toEqual([
      [{ 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution' }, { StateMachine: { Ref: 'FulfilStateMachine' } }],
      [{ 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartSyncExecution' }, { StateMachine: { Ref: 'QuoteStateMachine' } }],
    ]);
  });

  const nested = (): GeneratedProject => generateText(readFileSync(join(ROOT, 'test/fixtures/codegen/state-machine-emits.arch.yaml'), 'utf8'));
  it('a nested execution waited for (`startExecution.sync:2`): StartExecution on the child, DescribeExecution and StopExecution on its executions, the managed rule', () => {
    // Step Functions developer guide, "IAM policies for nested executions", Synchronous:
    // https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html
    const project = nested();
    const res = project.template.Resources;
    const statements = (res.ParentStateMachineRole!.Properties.Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[])[0]!.PolicyDocument.Statement;
    expect(statements.map((st) => [st.Action, st.Resource])).toEqual([
      [['events:DescribeRule', 'events:PutRule', 'events:PutTargets'], { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule' }],
      [['states:StartExecution'], { Ref: 'FulfilStateMachine' }],
      [['states:DescribeExecution', 'states:StopExecution'], { 'Fn::Sub': 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${FulfilStateMachine.Name}:*' }],
    ]);
    // A state machine that starts nothing nested gets none of it.
    const fulfil = (res.FulfilStateMachineRole!.Properties.Policies as { PolicyDocument: { Statement: { Action: string[] }[] } }[])[0]!.PolicyDocument.Statement;
    expect(fulfil.flatMap((st) => st.Action).filter((a) => a.startsWith('events:') || a === 'states:StopExecution')).toEqual([]);
  });

  it('a nested execution waited for: the template passes cfn-lint', () => lintClean(nested()), 60_000);

  it('state machines started by bus rules (the default bus too), API routes (Express answers synchronously), functions and other state machines', () => {
    const project = generateText(STARTED);
    const res = project.template.Resources;
    const arn = (id: string): unknown => ({ Ref: id });
    const roleGrants = (id: string): [string[], unknown][] =>
      ((res[id]!.Properties.Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[])[0]!.PolicyDocument.Statement).map((st) => [st.Action, st.Resource]);
    expect(res.BusPlacedRule!.Properties.Targets).toEqual([{ Id: 'standard', Arn: arn('StandardStateMachine'), RoleArn: { 'Fn::GetAtt': ['BusPlacedRuleRole', 'Arn'] }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['DlqQueue', 'Arn'] } } }]);
    expect(res.DefaultBusS3Rule!.Properties.EventBusName).toBe('default');
    expect(res.ApiPostQuickIntegration!.Properties).toMatchObject({ IntegrationSubtype: 'StepFunctions-StartSyncExecution', RequestParameters: { StateMachineArn: arn('QuickStateMachine'), Input: '$request.body' } });
    expect(res.ApiPostStartIntegration!.Properties).toMatchObject({ IntegrationSubtype: 'StepFunctions-StartExecution', RequestParameters: { StateMachineArn: arn('StandardStateMachine') } });
    expect(roleGrants('StandardStateMachineRole')).toEqual([[['states:StartExecution'], arn('QuickStateMachine')]]);
    expect(roleGrants('BusPlacedRuleRole')).toEqual([[['states:StartExecution'], arn('StandardStateMachine')]]);
  });

  it('state machines started in every way: the template passes cfn-lint', () => lintClean(generateText(STARTED)), 60_000);

  it('pipes: source with its polling options and filters, enrichment, target parameters, and one role for all of it', () => {
    const p = r('OrdersPipe').Properties;
    expect(p.Source).toEqual({ 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] });
    expect(p.SourceParameters).toEqual({
      FilterCriteria: { Filters: [{ Pattern: '{"dynamodb":{"NewImage":{"status":{"S":["paid"]}}}}' }] },
      DynamoDBStreamParameters: {
        StartingPosition: 'LATEST', BatchSize: 10, MaximumRetryAttempts: 2, OnPartialBatchItemFailure: 'AUTOMATIC_BISECT',
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['StreamFailuresQueue', 'Arn'] } },
      },
    });
    expect(p.Enrichment).toEqual({ Ref: 'LookupStateMachine' });
    expect(p.TargetParameters).toEqual({ EventBridgeEventBusParameters: { Source: 'shop.payments', DetailType: 'OrderPaid' } });
    expect(grants('OrdersPipeRole')).toEqual([
      [['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], { 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] }],
      [['states:StartSyncExecution'], { Ref: 'LookupStateMachine' }],
      [['events:PutEvents'], { 'Fn::GetAtt': ['OrderBus', 'Arn'] }],
      [['sqs:SendMessage'], { 'Fn::GetAtt': ['StreamFailuresQueue', 'Arn'] }],
    ]);
    const clicks = r('ClicksPipe').Properties;
    expect(clicks.SourceParameters).toMatchObject({ FilterCriteria: { Filters: [{ Pattern: '{"data":{"kind":["click"]}}' }, { Pattern: '{"data":{"kind":["view"]}}' }] }, KinesisStreamParameters: { StartingPosition: 'TRIM_HORIZON', MaximumBatchingWindowInSeconds: 10 } });
    expect(clicks.TargetParameters).toEqual({ StepFunctionStateMachineParameters: { InvocationType: 'FIRE_AND_FORGET' } });
    expect(grants('ClicksPipeRole')[1]).toEqual([['states:StartExecution'], { Ref: 'FulfilmentStateMachine' }]);
    // A function that emits to a state machine may start it, and gets its ARN.
    expect(r('NotifyFunction').Properties.Environment).toMatchObject({ Variables: { FULFILMENT_STATE_MACHINE_ARN: { Ref: 'FulfilmentStateMachine' } } });
  });
});
