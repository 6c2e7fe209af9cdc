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

/** The SDK symbols each helper uses, by package. */
const SYMBOLS: Readonly<Record<RuntimeHelper, Readonly<Record<string, readonly string[]>>>> = {
  sendMessage: { '@aws-sdk/client-sqs': ['SQSClient', 'SendMessageCommand'] },
  publish: { '@aws-sdk/client-sns': ['PublishCommand', 'SNSClient'] },
  putEvent: { '@aws-sdk/client-eventbridge': ['EventBridgeClient', 'PutEventsCommand'] },
  putRecord: { '@aws-sdk/client-kinesis': ['KinesisClient', 'PutRecordCommand'] },
  putObject: { '@aws-sdk/client-s3': ['PutObjectCommand', 'S3Client'] },
  getObject: { '@aws-sdk/client-s3': ['GetObjectCommand', 'S3Client'] },
  putItem: { '@aws-sdk/client-dynamodb': ['DynamoDBClient'], '@aws-sdk/lib-dynamodb': ['DynamoDBDocumentClient', 'PutCommand'] },
  getItem: { '@aws-sdk/client-dynamodb': ['DynamoDBClient'], '@aws-sdk/lib-dynamodb': ['DynamoDBDocumentClient', 'GetCommand'] },
};

/** Types a helper's parameters use, declared once in the runtime. */
const OPTION_TYPES: Readonly<Partial<Record<RuntimeHelper, string>>> = {
  sendMessage: `/** Options of a message: FIFO queues need a message group. */
export interface SendOptions {
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly delaySeconds?: number;
}
`,
  publish: `/** Options of a published message: FIFO topics need a message group. */
export interface PublishOptions {
  readonly groupId?: string;
  readonly deduplicationId?: string;
  /** String attributes, for subscription filter policies. */
  readonly attributes?: Readonly<Record<string, string>>;
}
`,
};

/** Each helper's member of the `Call` union: what it asks of AWS, beside `action`, `target` and `variable`. */
const CALL_FIELDS: Readonly<Record<RuntimeHelper, string>> = {
  sendMessage: 'readonly message: unknown; readonly options: SendOptions',
  publish: 'readonly message: unknown; readonly options: PublishOptions',
  putEvent: 'readonly source: string; readonly detailType: string; readonly detail: unknown',
  putRecord: 'readonly data: unknown; readonly partitionKey: string',
  putObject: 'readonly key: string; readonly body: string | Uint8Array; readonly contentType?: string',
  getObject: 'readonly key: string',
  putItem: 'readonly item: Record<string, unknown>',
  getItem: 'readonly key: Record<string, unknown>',
};

/** The helpers the emitters call: each hands one `Call` to the transport. */
const HELPERS: Readonly<Record<RuntimeHelper, string>> = {
  sendMessage: `/** Sends a JSON message to queue \`target\` (its URL in the environment variable \`variable\`). */
export async function sendMessage(target: string, variable: string, message: unknown, options: SendOptions = {}): Promise<void> {
  await transport.call({ action: 'sendMessage', target, variable, message, options });
}
`,
  publish: `/** Publishes a JSON message to topic \`target\` (its ARN in the environment variable \`variable\`). */
export async function publish(target: string, variable: string, message: unknown, options: PublishOptions = {}): Promise<void> {
  await transport.call({ action: 'publish', target, variable, message, options });
}
`,
  putEvent: `/** Puts one event on event bus \`target\` (its name in the environment variable \`variable\`). */
export async function putEvent(target: string, variable: string, source: string, detailType: string, detail: unknown): Promise<void> {
  await transport.call({ action: 'putEvent', target, variable, source, detailType, detail });
}
`,
  putRecord: `/** Puts one JSON record on stream \`target\` (its name in the environment variable \`variable\`). */
export async function putRecord(target: string, variable: string, data: unknown, partitionKey: string): Promise<void> {
  await transport.call({ action: 'putRecord', target, variable, data, partitionKey });
}
`,
  putObject: `/** Writes an object under \`prefix\` in bucket \`target\` (its name in the environment variable \`variable\`). */
export async function putObject(target: string, variable: string, prefix: string, key: string, body: string | Uint8Array, contentType?: string): Promise<void> {
  await transport.call({ action: 'putObject', target, variable, key: prefix + key, body, contentType });
}
`,
  getObject: `/** Reads an object under \`prefix\` of bucket \`target\` (its name in the environment variable \`variable\`), as text. */
export async function getObject(target: string, variable: string, prefix: string, key: string): Promise<string> {
  return (await transport.call({ action: 'getObject', target, variable, key: prefix + key })) as string;
}
`,
  putItem: `/** Writes an item to table \`target\` (its name in the environment variable \`variable\`). */
export async function putItem(target: string, variable: string, item: Record<string, unknown>): Promise<void> {
  await transport.call({ action: 'putItem', target, variable, item });
}
`,
  getItem: `/** Reads an item by key from table \`target\` (its name in the environment variable \`variable\`). */
export async function getItem(target: string, variable: string, key: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  return (await transport.call({ action: 'getItem', target, variable, key })) as Record<string, unknown> | undefined;
}
`,
};

/** How the AWS transport performs each call with the SDK (inside \`switch (c.action)\`). */
const AWS_CASES: Readonly<Record<RuntimeHelper, string>> = {
  sendMessage: `    case 'sendMessage':
      sqs ??= new SQSClient({});
      await sqs.send(new SendMessageCommand({
        QueueUrl: env(c.variable),
        MessageBody: JSON.stringify(c.message),
        MessageGroupId: c.options.groupId,
        MessageDeduplicationId: c.options.deduplicationId,
        DelaySeconds: c.options.delaySeconds,
      }));
      return undefined;
`,
  publish: `    case 'publish':
      sns ??= new SNSClient({});
      await sns.send(new PublishCommand({
        TopicArn: env(c.variable),
        Message: JSON.stringify(c.message),
        MessageGroupId: c.options.groupId,
        MessageDeduplicationId: c.options.deduplicationId,
        MessageAttributes: c.options.attributes
          ? Object.fromEntries(Object.entries(c.options.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]))
          : undefined,
      }));
      return undefined;
`,
  putEvent: `    case 'putEvent': {
      events ??= new EventBridgeClient({});
      const result = await events.send(new PutEventsCommand({
        Entries: [{ EventBusName: env(c.variable), Source: c.source, DetailType: c.detailType, Detail: JSON.stringify(c.detail) }],
      }));
      if (result.FailedEntryCount) throw new Error(\`PutEvents failed: \${result.Entries?.[0]?.ErrorCode ?? 'unknown'} \${result.Entries?.[0]?.ErrorMessage ?? ''}\`);
      return undefined;
    }
`,
  putRecord: `    case 'putRecord':
      kinesis ??= new KinesisClient({});
      await kinesis.send(new PutRecordCommand({
        StreamName: env(c.variable),
        Data: new TextEncoder().encode(JSON.stringify(c.data)),
        PartitionKey: c.partitionKey,
      }));
      return undefined;
`,
  putObject: `    case 'putObject':
      s3 ??= new S3Client({});
      await s3.send(new PutObjectCommand({ Bucket: env(c.variable), Key: c.key, Body: c.body, ContentType: c.contentType }));
      return undefined;
`,
  getObject: `    case 'getObject': {
      s3 ??= new S3Client({});
      const result = await s3.send(new GetObjectCommand({ Bucket: env(c.variable), Key: c.key }));
      return (await result.Body?.transformToString('utf8')) ?? '';
    }
`,
  putItem: `    case 'putItem':
      dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
      await dynamo.send(new PutCommand({ TableName: env(c.variable), Item: c.item }));
      return undefined;
`,
  getItem: `    case 'getItem': {
      dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
      const result = await dynamo.send(new GetCommand({ TableName: env(c.variable), Key: c.key }));
      return result.Item;
    }
`,
};

/** The SDK clients, created on first use. */
const CLIENT_LETS: Readonly<Record<RuntimeHelper, string>> = {
  sendMessage: 'let sqs: SQSClient | undefined;',
  publish: 'let sns: SNSClient | undefined;',
  putEvent: 'let events: EventBridgeClient | undefined;',
  putRecord: 'let kinesis: KinesisClient | undefined;',
  putObject: 'let s3: S3Client | undefined;',
  getObject: 'let s3: S3Client | undefined;',
  putItem: 'let dynamo: DynamoDBDocumentClient | undefined;',
  getItem: 'let dynamo: DynamoDBDocumentClient | undefined;',
};

/**
 * `src/generated/runtime.ts`: environment access, and the helpers the emitters call. Every helper
 * hands one `Call` to the project's `Transport`: by default the AWS SDK v3 (clients created on first
 * use); the generated tests install a recording one with `setTransport`, and so can a local
 * simulator. That is the one seam between a handler and AWS.
 */
export function runtimeTs(arch: string, helpers: ReadonlySet<RuntimeHelper>): string {
  const order: RuntimeHelper[] = ['sendMessage', 'publish', 'putEvent', 'putRecord', 'putObject', 'getObject', 'putItem', 'getItem'];
  const used = order.filter((h) => helpers.has(h));
  const symbols = new Map<string, Set<string>>();
  for (const h of used) {
    for (const [pkg, names] of Object.entries(SYMBOLS[h])) for (const n of names) (symbols.get(pkg) ?? symbols.set(pkg, new Set()).get(pkg)!).add(n);
  }
  const imports = [...symbols].sort(([a], [b]) => (a < b ? -1 : 1)).map(([pkg, names]) => `import { ${[...names].sort().join(', ')} } from '${pkg}';`).join('\n');
  const clients = [...new Set(used.map((h) => CLIENT_LETS[h]))];
  const optionTypes = used.map((h) => OPTION_TYPES[h]).filter((t): t is string => t !== undefined);
  const calls = used.length
    ? used.map((h) => `\n  | { readonly action: '${h}'; readonly target: string; readonly variable: string; ${CALL_FIELDS[h]} }`).join('')
    : ' never';
  return `${generatedHeader(arch)}// Shared by the generated modules: environment access, and the one seam between the handlers and AWS.
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
${optionTypes.map((t) => '\n' + t).join('')}
/**
 * One thing a generated helper asks of AWS: \`action\` (the helper), \`target\` (the node of the
 * architecture it goes to), \`variable\` (the environment variable holding that node's URL, ARN or
 * name in a deployment), and what to send or read.
 */
export type Call =${calls};

/**
 * Carries the calls of the generated helpers. \`awsTransport\` (the default) performs them with the
 * AWS SDK; a test records them; a local simulator delivers them. Install one with \`setTransport\`.
 */
export interface Transport {
  call(call: Call): Promise<unknown>;
}
${clients.map((c) => '\n' + c).join('')}

/** Performs each call on AWS with the SDK v3, at the address the template put in the environment. */
export const awsTransport: Transport = {
  async call(c: Call): Promise<unknown> {
${used.length ? `    switch (c.action) {\n${used.map((h) => AWS_CASES[h]).join('')}    }\n` : '    void c;\n'}    throw new Error('unknown call');
  },
};

let transport: Transport = awsTransport;

/** Installs the transport every helper uses from now on (\`awsTransport\` when undefined); returns the one it replaces. */
export function setTransport(next: Transport | undefined): Transport {
  const previous = transport;
  transport = next ?? awsTransport;
  return previous;
}
${used.map((h) => '\n' + HELPERS[h]).join('')}`;
}
