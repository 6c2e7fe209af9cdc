import type { RuntimeHelper } from '../function-plan';
import { generatedHeader } from './header';

/** The SDK packages each runtime helper needs. */
export const HELPER_PACKAGES: Readonly<Record<RuntimeHelper, readonly string[]>> = {
  sendMessage: ['@aws-sdk/client-sqs'],
  publish: ['@aws-sdk/client-sns'],
  putEvent: ['@aws-sdk/client-eventbridge'],
  putRecord: ['@aws-sdk/client-kinesis'],
  putObject: ['@aws-sdk/client-s3'],
  getObject: ['@aws-sdk/client-s3'],
  putItem: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  getItem: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
};

const IMPORTS: Readonly<Record<string, string>> = {
  '@aws-sdk/client-sqs': "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';",
  '@aws-sdk/client-sns': "import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';",
  '@aws-sdk/client-eventbridge': "import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';",
  '@aws-sdk/client-kinesis': "import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';",
  '@aws-sdk/client-s3': "import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';",
  '@aws-sdk/client-dynamodb': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
  '@aws-sdk/lib-dynamodb': "import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';",
};

const BODIES: Readonly<Record<RuntimeHelper, string>> = {
  sendMessage: `let sqs: SQSClient | undefined;

/** Options of a message: FIFO queues need a message group. */
export interface SendOptions {
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly delaySeconds?: number;
}

/** Sends a JSON message to the queue whose URL is in the environment variable \`urlVariable\`. */
export async function sendMessage(urlVariable: string, message: unknown, options: SendOptions = {}): Promise<void> {
  sqs ??= new SQSClient({});
  await sqs.send(new SendMessageCommand({
    QueueUrl: env(urlVariable),
    MessageBody: JSON.stringify(message),
    MessageGroupId: options.groupId,
    MessageDeduplicationId: options.deduplicationId,
    DelaySeconds: options.delaySeconds,
  }));
}
`,
  publish: `let sns: SNSClient | undefined;

/** Options of a published message: FIFO topics need a message group. */
export interface PublishOptions {
  readonly groupId?: string;
  readonly deduplicationId?: string;
  /** String attributes, for subscription filter policies. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** Publishes a JSON message to the topic whose ARN is in the environment variable \`arnVariable\`. */
export async function publish(arnVariable: string, message: unknown, options: PublishOptions = {}): Promise<void> {
  sns ??= new SNSClient({});
  await sns.send(new PublishCommand({
    TopicArn: env(arnVariable),
    Message: JSON.stringify(message),
    MessageGroupId: options.groupId,
    MessageDeduplicationId: options.deduplicationId,
    MessageAttributes: options.attributes
      ? Object.fromEntries(Object.entries(options.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]))
      : undefined,
  }));
}
`,
  putEvent: `let events: EventBridgeClient | undefined;

/** Puts one event on the bus whose name is in the environment variable \`busVariable\`. */
export async function putEvent(busVariable: string, source: string, detailType: string, detail: unknown): Promise<void> {
  events ??= new EventBridgeClient({});
  const result = await events.send(new PutEventsCommand({
    Entries: [{ EventBusName: env(busVariable), Source: source, DetailType: detailType, Detail: JSON.stringify(detail) }],
  }));
  if (result.FailedEntryCount) throw new Error(\`PutEvents failed: \${result.Entries?.[0]?.ErrorCode ?? 'unknown'} \${result.Entries?.[0]?.ErrorMessage ?? ''}\`);
}
`,
  putRecord: `let kinesis: KinesisClient | undefined;

/** Puts one JSON record on the stream whose name is in the environment variable \`streamVariable\`. */
export async function putRecord(streamVariable: string, data: unknown, partitionKey: string): Promise<void> {
  kinesis ??= new KinesisClient({});
  await kinesis.send(new PutRecordCommand({
    StreamName: env(streamVariable),
    Data: new TextEncoder().encode(JSON.stringify(data)),
    PartitionKey: partitionKey,
  }));
}
`,
  putObject: `let s3: S3Client | undefined;

/** Writes an object under \`prefix\` in the bucket whose name is in the environment variable \`bucketVariable\`. */
export async function putObject(bucketVariable: string, prefix: string, key: string, body: string | Uint8Array, contentType?: string): Promise<void> {
  s3 ??= new S3Client({});
  await s3.send(new PutObjectCommand({ Bucket: env(bucketVariable), Key: prefix + key, Body: body, ContentType: contentType }));
}
`,
  getObject: `/** Reads an object under \`prefix\` of the bucket whose name is in the environment variable \`bucketVariable\`, as text. */
export async function getObject(bucketVariable: string, prefix: string, key: string): Promise<string> {
  s3 ??= new S3Client({});
  const result = await s3.send(new GetObjectCommand({ Bucket: env(bucketVariable), Key: prefix + key }));
  return (await result.Body?.transformToString('utf8')) ?? '';
}
`,
  putItem: `let dynamo: DynamoDBDocumentClient | undefined;

/** Writes an item to the table whose name is in the environment variable \`tableVariable\`. */
export async function putItem(tableVariable: string, item: Record<string, unknown>): Promise<void> {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  await dynamo.send(new PutCommand({ TableName: env(tableVariable), Item: item }));
}
`,
  getItem: `/** Reads an item by key from the table whose name is in the environment variable \`tableVariable\`. */
export async function getItem(tableVariable: string, key: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const result = await dynamo.send(new GetCommand({ TableName: env(tableVariable), Key: key }));
  return result.Item;
}
`,
};

/** `src/generated/runtime.ts`: environment access and the AWS SDK v3 helpers the emitters use. */
export function runtimeTs(arch: string, helpers: ReadonlySet<RuntimeHelper>): string {
  const order: RuntimeHelper[] = ['sendMessage', 'publish', 'putEvent', 'putRecord', 'putObject', 'getObject', 'putItem', 'getItem'];
  const used = order.filter((h) => helpers.has(h));
  // getObject shares the S3 client of putObject, getItem the client of putItem.
  if (used.includes('getObject') && !used.includes('putObject')) used.splice(used.indexOf('getObject'), 0, 'putObject');
  if (used.includes('getItem') && !used.includes('putItem')) used.splice(used.indexOf('getItem'), 0, 'putItem');
  const packages = [...new Set(used.flatMap((h) => HELPER_PACKAGES[h]))].sort();
  const imports = packages.map((p) => IMPORTS[p]).join('\n');
  return `${generatedHeader(arch)}// Shared by the generated modules: environment access and AWS SDK v3 clients, created on first use.
${imports ? imports + '\n' : ''}
/** The value of an environment variable set by the template; throws a clear error when it is missing. */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Environment variable \${name} is not set: it is set by the generated template when deployed; set it yourself to run locally.\`);
  return value;
}

/** What Lambda sends to an asynchronous invocation's failure destination. */
export interface InvocationRecord {
  version: string;
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: string; approximateInvokeCount: number };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: unknown;
}
${used.map((h) => '\n' + BODIES[h]).join('')}`;
}
