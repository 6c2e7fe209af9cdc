// Broker and cluster sources (kinds `kafka`, `mq`, `docdb`): the event source mapping of each reader
// with the properties of its source, the execution-role grants, the typed events, cfn-lint, and the
// import back (plain mappings and SAM events).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedProject } from '../../../server/src/core/codegen/index';
import { analyze } from '../../../server/src/core/analyze';
import { importTemplate } from '../../../server/src/core/import/import-template';
import { cfnLint, generateText, ROOT, validateResources } from '../../helpers/codegen';

const TEXT = readFileSync(join(ROOT, 'test/fixtures/codegen/brokers.arch.yaml'), 'utf8');
const MSK = 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-1';
const SECRET = (name: string): string => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;

type Statement = { Effect: string; Action: string[]; Resource: unknown };
type Res = Record<string, { Type: string; Properties: Record<string, unknown> }>;
const statementsOf = (res: Res, id: string): Statement[] =>
  (res[id]!.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[])[0]!.PolicyDocument.Statement;
const EC2 = ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'];

describe('kafka, mq and docdb sources', () => {
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

  it('generate one event source mapping per reader, nothing for the clusters and brokers', () => {
    expect(Object.entries(res).filter(([, r]) => r.Type === 'AWS::Lambda::EventSourceMapping').map(([id]) => id).sort()).toEqual([
      'AuditFromClicksMapping', 'AuditFromOrdersMapping', 'BillingFromOrdersMapping', 'BillingFromPaymentsMapping', 'SyncFromCustomersMapping',
    ]);
    expect(Object.values(res).map((r) => r.Type).filter((t) => !/^AWS::(Lambda|IAM|Logs)::/.test(t))).toEqual([]);
    expect(res.BillingFromOrdersMapping!.Properties).toEqual({
      FunctionName: { Ref: 'BillingFunction' }, EventSourceArn: MSK, Topics: ['orders'], StartingPosition: 'TRIM_HORIZON',
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'billing' },
      SourceAccessConfigurations: [{ Type: 'SASL_SCRAM_512_AUTH', URI: SECRET('orders-kafka-AbCdEf') }],
      BatchSize: 500, MaximumBatchingWindowInSeconds: 5,
    });
    expect(res.AuditFromClicksMapping!.Properties).toEqual({
      FunctionName: { Ref: 'AuditFunction' },
      SelfManagedEventSource: { Endpoints: { KafkaBootstrapServers: ['kafka-1.example.com:9096', 'kafka-2.example.com:9096'] } },
      Topics: ['clicks'], StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: 1767225600,
      SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'audit' },
      SourceAccessConfigurations: [
        { Type: 'BASIC_AUTH', URI: SECRET('clicks-kafka-AbCdEf') }, { Type: 'VPC_SUBNET', URI: 'subnet:subnet-0a1b2c3d' }, { Type: 'VPC_SECURITY_GROUP', URI: 'security_group:sg-0a1b2c3d' },
      ],
    });
    expect(res.BillingFromPaymentsMapping!.Properties).toEqual({
      FunctionName: { Ref: 'BillingFunction' }, EventSourceArn: 'arn:aws:mq:eu-west-1:123456789012:broker:payments:b-0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      Queues: ['payments'], SourceAccessConfigurations: [{ Type: 'BASIC_AUTH', URI: SECRET('payments-broker-AbCdEf') }], BatchSize: 10,
    });
    expect(res.SyncFromCustomersMapping!.Properties).toEqual({
      FunctionName: { Ref: 'SyncFunction' }, EventSourceArn: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', StartingPosition: 'LATEST',
      DocumentDBEventSourceConfig: { DatabaseName: 'shop', CollectionName: 'customers', FullDocument: 'UpdateLookup' },
      SourceAccessConfigurations: [{ Type: 'BASIC_AUTH', URI: SECRET('shop-docdb-AbCdEf') }], BatchSize: 100,
    });
  });

  it('grants each reader the documented actions: on the cluster or broker, its secret, and `*` for what names no resource', () => {
    expect(statementsOf(res, 'SyncRole').slice(1)).toEqual([
      { Effect: 'Allow', Action: ['rds:DescribeDBClusters'], Resource: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop' },
      { Effect: 'Allow', Action: [...EC2, 'rds:DescribeDBClusterParameters', 'rds:DescribeDBSubnetGroups'], Resource: '*' },
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: SECRET('shop-docdb-AbCdEf') },
    ]);
    expect(statementsOf(res, 'BillingRole').slice(1)).toEqual([
      { Effect: 'Allow', Action: ['kafka:DescribeCluster', 'kafka:DescribeClusterV2'], Resource: MSK },
      { Effect: 'Allow', Action: [...EC2, 'kafka:GetBootstrapBrokers'], Resource: '*' },
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: SECRET('orders-kafka-AbCdEf') },
      { Effect: 'Allow', Action: ['mq:DescribeBroker'], Resource: 'arn:aws:mq:eu-west-1:123456789012:broker:payments:b-0a1b2c3d-4e5f-6789-abcd-ef0123456789' },
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: SECRET('payments-broker-AbCdEf') },
    ]);
  });

  it('types the handlers: MSKEvent and SelfManagedKafkaEvent from @types/aws-lambda, Amazon MQ and DocumentDB events written out', () => {
    const audit = project.files.get('src/generated/audit.ts')!;
    expect(audit).toContain("import type { Context, MSKEvent, SelfManagedKafkaEvent } from 'aws-lambda';");
    expect(audit).toContain('export type AuditEvent = MSKEvent | SelfManagedKafkaEvent;');
    expect(project.files.get('src/generated/billing.ts')).toContain("export type BillingEvent = MSKEvent | { eventSource: 'aws:amq';");
    expect(project.files.get('src/generated/sync.ts')).toContain("export type SyncEvent = { eventSource: 'aws:docdb'; eventSourceArn: string; events: {");
    expect(project.files.get('src/generated/samples/sync.ts')).toContain('"ns": {\n          "db": "shop",\n          "coll": "customers"\n        }');
  });

  it('is cfn-lint clean and every resource with a schema validates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-cfn-'));
    writeFileSync(join(dir, 'template.json'), project.files.get('template.json')!);
    expect(cfnLint([join(dir, 'template.json')]).map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
    expect(validateResources(project.template).errors).toEqual([]);
  }, 60_000);

  it('imports back: each mapping onto its source node, with its settings and reader options', () => {
    const back = importTemplate(JSON.stringify(project.template), 'brokers.json');
    expect(back.problems).toEqual([]);
    const graph = analyze(back.yaml).graph;
    const settings = Object.fromEntries([...graph.nodes.values()].filter((n) => ['kafka', 'mq', 'docdb'].includes(n.kind)).map((n) => [n.id, n.config]));
    expect(settings).toEqual({
      orders: {
        type: 'kafka', cluster: MSK, topic: 'orders', secret: SECRET('orders-kafka-AbCdEf'),
        to: [
          { function: 'AuditFunction', startingPosition: 'LATEST', consumerGroup: 'audit' },
          { function: 'BillingFunction', batchSize: 500, batchWindow: 5, startingPosition: 'TRIM_HORIZON', consumerGroup: 'billing' },
        ],
      },
      clicks: {
        type: 'kafka', bootstrapServers: ['kafka-1.example.com:9096', 'kafka-2.example.com:9096'], topic: 'clicks', auth: 'BASIC_AUTH', secret: SECRET('clicks-kafka-AbCdEf'),
        vpc: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] },
        to: { function: 'AuditFunction', startingPosition: 'AT_TIMESTAMP', startingTimestamp: '1767225600', consumerGroup: 'audit' },
      },
      payments: {
        type: 'mq', broker: 'arn:aws:mq:eu-west-1:123456789012:broker:payments:b-0a1b2c3d-4e5f-6789-abcd-ef0123456789', queue: 'payments',
        secret: SECRET('payments-broker-AbCdEf'), to: { function: 'BillingFunction', batchSize: 10 },
      },
      customers: {
        type: 'docdb', cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', database: 'shop', collection: 'customers', fullDocument: 'UpdateLookup',
        secret: SECRET('shop-docdb-AbCdEf'), to: { function: 'SyncFunction', startingPosition: 'LATEST', batchSize: 100 },
      },
    });
  });

  it('imports SAM MSK, SelfManagedKafka, MQ and DocumentDB events; a broker the template creates stays external', () => {
    const sam = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Broker:
    Type: AWS::AmazonMQ::Broker
    Properties: { BrokerName: b, EngineType: ACTIVEMQ }
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
      Events:
        Msk:
          Type: MSK
          Properties: { Stream: '${MSK}', Topics: [orders], StartingPosition: TRIM_HORIZON, ConsumerGroupId: readers }
        Self:
          Type: SelfManagedKafka
          Properties:
            KafkaBootstrapServers: [k1.example.com:9092]
            Topics: [clicks]
            SourceAccessConfigurations: [{ Type: SASL_SCRAM_256_AUTH, URI: '${SECRET('k')}' }]
        Mq:
          Type: MQ
          Properties: { Broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', Queues: [payments], SourceAccessConfigurations: [{ Type: BASIC_AUTH, URI: '${SECRET('p')}' }], BatchSize: 5 }
        Docs:
          Type: DocumentDB
          Properties: { Cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', DatabaseName: shop, SourceAccessConfigurations: [{ Type: BASIC_AUTH, URI: '${SECRET('d')}' }], StartingPosition: LATEST }
        Own:
          Type: MQ
          Properties: { Broker: !GetAtt Broker.Arn, Queues: [jobs], SourceAccessConfigurations: [{ Type: BASIC_AUTH, URI: '${SECRET('p')}' }] }
`;
    const back = importTemplate(sam, 'sam.yaml');
    expect(back.problems).toEqual([]);
    const graph = analyze(back.yaml).graph;
    const kinds = Object.fromEntries([...graph.nodes.values()].map((n) => [n.id, n.kind]));
    expect(kinds).toEqual({ Broker: 'external', Reader: 'function', orders: 'kafka', clicks: 'kafka', payments: 'mq', shop: 'docdb' });
    expect(graph.nodes.get('orders')!.config).toEqual({ type: 'kafka', cluster: MSK, topic: 'orders', to: { function: 'Reader', startingPosition: 'TRIM_HORIZON', consumerGroup: 'readers' } });
    expect(graph.nodes.get('clicks')!.config).toMatchObject({ bootstrapServers: ['k1.example.com:9092'], auth: 'SASL_SCRAM_256_AUTH', secret: SECRET('k') });
    expect(graph.nodes.get('shop')!.config).toEqual({ type: 'docdb', cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', database: 'shop', secret: SECRET('d'), to: { function: 'Reader', startingPosition: 'LATEST' } });
    expect(graph.edges.filter((e) => e.to === 'Reader').map((e) => `${e.from} ${e.mechanism}`).sort()).toEqual([
      'Broker external', 'clicks broker-mapping', 'orders broker-mapping', 'payments broker-mapping', 'shop broker-mapping',
    ]);
  });
});
