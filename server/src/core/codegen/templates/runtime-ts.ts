import type { RuntimeHelper } from '../function-plan';
import { generatedHeader } from './header';

/** The SDK packages each runtime helper needs. */
export const HELPER_PACKAGES: Readonly<Record<RuntimeHelper, readonly string[]>> = {
  sendMessage: ['@aws-sdk/client-sqs'],
  publish: ['@aws-sdk/client-sns'],
  putEvent: ['@aws-sdk/client-eventbridge'],
  putRecord: ['@aws-sdk/client-kinesis'],
  putFirehoseRecord: ['@aws-sdk/client-firehose'],
  putObject: ['@aws-sdk/client-s3'],
  getObject: ['@aws-sdk/client-s3'],
  putItem: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  getItem: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  invoke: ['@aws-sdk/client-lambda'],
  startExecution: ['@aws-sdk/client-sfn'],
  postToConnection: ['@aws-sdk/client-apigatewaymanagementapi'],
};

/** The SDK symbols each helper uses, by package. */
const SYMBOLS: Readonly<Record<RuntimeHelper, Readonly<Record<string, readonly string[]>>>> = {
  sendMessage: { '@aws-sdk/client-sqs': ['SQSClient', 'SendMessageCommand'] },
  publish: { '@aws-sdk/client-sns': ['PublishCommand', 'SNSClient'] },
  putEvent: { '@aws-sdk/client-eventbridge': ['EventBridgeClient', 'PutEventsCommand'] },
  putRecord: { '@aws-sdk/client-kinesis': ['KinesisClient', 'PutRecordCommand'] },
  putFirehoseRecord: { '@aws-sdk/client-firehose': ['FirehoseClient', 'PutRecordCommand as PutFirehoseRecordCommand'] },
  putObject: { '@aws-sdk/client-s3': ['PutObjectCommand', 'S3Client'] },
  getObject: { '@aws-sdk/client-s3': ['GetObjectCommand', 'S3Client'] },
  putItem: { '@aws-sdk/client-dynamodb': ['DynamoDBClient'], '@aws-sdk/lib-dynamodb': ['DynamoDBDocumentClient', 'PutCommand'] },
  getItem: { '@aws-sdk/client-dynamodb': ['DynamoDBClient'], '@aws-sdk/lib-dynamodb': ['DynamoDBDocumentClient', 'GetCommand'] },
  invoke: { '@aws-sdk/client-lambda': ['InvokeCommand', 'LambdaClient'] },
  startExecution: { '@aws-sdk/client-sfn': ['SFNClient', 'StartExecutionCommand'] },
  postToConnection: { '@aws-sdk/client-apigatewaymanagementapi': ['ApiGatewayManagementApiClient', 'PostToConnectionCommand'] },
};

/** Clients shared by helpers, declared once. */
const CLIENTS: Readonly<Partial<Record<RuntimeHelper, string>>> = {
  putObject: 'let s3: S3Client | undefined;',
  getObject: 'let s3: S3Client | undefined;',
  putItem: 'let dynamo: DynamoDBDocumentClient | undefined;',
  getItem: 'let dynamo: DynamoDBDocumentClient | undefined;',
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
  const local = transport();
  if (local) {
    await local.send({ action: 'sendMessage', target: env(urlVariable), message, ...options });
    return;
  }
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
  const local = transport();
  if (local) {
    await local.send({ action: 'publish', target: env(arnVariable), message, ...options });
    return;
  }
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
  const local = transport();
  if (local) {
    await local.send({ action: 'putEvent', target: env(busVariable), source, detailType, detail });
    return;
  }
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
  const local = transport();
  if (local) {
    await local.send({ action: 'putRecord', target: env(streamVariable), data, partitionKey });
    return;
  }
  kinesis ??= new KinesisClient({});
  await kinesis.send(new PutRecordCommand({
    StreamName: env(streamVariable),
    Data: new TextEncoder().encode(JSON.stringify(data)),
    PartitionKey: partitionKey,
  }));
}
`,
  putFirehoseRecord: `let firehose: FirehoseClient | undefined;

/** Puts one JSON record (newline-terminated) into the Firehose stream whose name is in the environment variable \`firehoseVariable\`. */
export async function putFirehoseRecord(firehoseVariable: string, data: unknown): Promise<void> {
  const local = transport();
  if (local) {
    await local.send({ action: 'putFirehoseRecord', target: env(firehoseVariable), data });
    return;
  }
  firehose ??= new FirehoseClient({});
  await firehose.send(new PutFirehoseRecordCommand({
    DeliveryStreamName: env(firehoseVariable),
    Record: { Data: new TextEncoder().encode(JSON.stringify(data) + '\\n') },
  }));
}
`,
  putObject: `/** Writes an object under \`prefix\` in the bucket whose name is in the environment variable \`bucketVariable\`. */
export async function putObject(bucketVariable: string, prefix: string, key: string, body: string | Uint8Array, contentType?: string): Promise<void> {
  const local = transport();
  if (local) {
    await local.send({ action: 'putObject', target: env(bucketVariable), key: prefix + key, size: typeof body === 'string' ? new TextEncoder().encode(body).length : body.length, contentType });
    return;
  }
  s3 ??= new S3Client({});
  await s3.send(new PutObjectCommand({ Bucket: env(bucketVariable), Key: prefix + key, Body: body, ContentType: contentType }));
}
`,
  getObject: `/** Reads an object under \`prefix\` of the bucket whose name is in the environment variable \`bucketVariable\`, as text. */
export async function getObject(bucketVariable: string, prefix: string, key: string): Promise<string> {
  const local = transport();
  if (local) return String((await local.send({ action: 'getObject', target: env(bucketVariable), key: prefix + key })) ?? '');
  s3 ??= new S3Client({});
  const result = await s3.send(new GetObjectCommand({ Bucket: env(bucketVariable), Key: prefix + key }));
  return (await result.Body?.transformToString('utf8')) ?? '';
}
`,
  putItem: `/** Writes an item to the table whose name is in the environment variable \`tableVariable\`. */
export async function putItem(tableVariable: string, item: Record<string, unknown>): Promise<void> {
  const local = transport();
  if (local) {
    await local.send({ action: 'putItem', target: env(tableVariable), item });
    return;
  }
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  await dynamo.send(new PutCommand({ TableName: env(tableVariable), Item: item }));
}
`,
  invoke: `let lambda: LambdaClient | undefined;

/**
 * Invokes the function whose name is in the environment variable \`nameVariable\` with a JSON payload:
 * \`RequestResponse\` waits for its result (parsed JSON; throws when the function fails), \`Event\`
 * returns once Lambda has queued the event.
 */
export async function invoke(nameVariable: string, payload: unknown, type: 'RequestResponse' | 'Event'): Promise<unknown> {
  const local = transport();
  if (local) return local.send({ action: 'invoke', target: env(nameVariable), payload, type });
  lambda ??= new LambdaClient({});
  const result = await lambda.send(new InvokeCommand({
    FunctionName: env(nameVariable),
    InvocationType: type,
    Payload: new TextEncoder().encode(JSON.stringify(payload)),
  }));
  const text = result.Payload ? new TextDecoder().decode(result.Payload) : '';
  if (result.FunctionError) throw new Error(\`\${env(nameVariable)} failed (\${result.FunctionError}): \${text}\`);
  return text ? JSON.parse(text) : undefined;
}
`,
  getItem: `/** Reads an item by key from the table whose name is in the environment variable \`tableVariable\`. */
export async function getItem(tableVariable: string, key: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const local = transport();
  if (local) return (await local.send({ action: 'getItem', target: env(tableVariable), key })) as Record<string, unknown> | undefined;
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const result = await dynamo.send(new GetCommand({ TableName: env(tableVariable), Key: key }));
  return result.Item;
}
`,
  startExecution: `let sfn: SFNClient | undefined;

/** Starts an execution of the state machine whose ARN is in the environment variable \`arnVariable\`; returns the execution's ARN. */
export async function startExecution(arnVariable: string, input: unknown): Promise<string> {
  const local = transport();
  if (local) return String((await local.send({ action: 'startExecution', target: env(arnVariable), input })) ?? '');
  sfn ??= new SFNClient({});
  const result = await sfn.send(new StartExecutionCommand({ stateMachineArn: env(arnVariable), input: JSON.stringify(input) }));
  return result.executionArn ?? '';
}
`,
  postToConnection: `const connections = new Map<string, ApiGatewayManagementApiClient>();

/**
 * Sends JSON to a client connected to the WebSocket API whose @connections endpoint is in the
 * environment variable \`endpointVariable\` (API Gateway refuses messages over 128 KB).
 */
export async function postToConnection(endpointVariable: string, connectionId: string, data: unknown): Promise<void> {
  const local = transport();
  if (local) {
    await local.send({ action: 'postToConnection', target: env(endpointVariable), connectionId, data });
    return;
  }
  const endpoint = env(endpointVariable);
  let client = connections.get(endpoint);
  if (!client) connections.set(endpoint, (client = new ApiGatewayManagementApiClient({ endpoint })));
  await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(JSON.stringify(data)) }));
}
`,
};

/** `src/generated/runtime.ts`: environment access and the AWS SDK v3 helpers the emitters use. */
export function runtimeTs(arch: string, helpers: ReadonlySet<RuntimeHelper>): string {
  const order: RuntimeHelper[] = ['sendMessage', 'publish', 'putEvent', 'putRecord', 'putFirehoseRecord', 'putObject', 'getObject', 'putItem', 'getItem', 'invoke', 'startExecution', 'postToConnection'];
  const used = order.filter((h) => helpers.has(h));
  const symbols = new Map<string, Set<string>>();
  for (const h of used) {
    for (const [pkg, names] of Object.entries(SYMBOLS[h])) for (const n of names) (symbols.get(pkg) ?? symbols.set(pkg, new Set()).get(pkg)!).add(n);
  }
  const imports = [...symbols].sort(([a], [b]) => (a < b ? -1 : 1)).map(([pkg, names]) => `import { ${[...names].sort().join(', ')} } from '${pkg}';`).join('\n');
  const clients = [...new Set(used.map((h) => CLIENTS[h]).filter((c): c is string => c !== undefined))];
  return `${generatedHeader(arch)}// Shared by the generated modules: environment access and AWS SDK v3 clients, created on first use.
${imports ? imports + '\n' : ''}
/** The value of an environment variable set by the template; throws a clear error when it is missing. */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Environment variable \${name} is not set: it is set by the generated template when deployed; set it yourself to run locally.\`);
  return value;
}

/**
 * One call of a helper, as a local transport receives it: the helper's name, the value of the
 * environment variable that names its target, and the helper's arguments.
 */
export interface TransportCall {
  readonly action: string;
  readonly target: string;
  readonly [argument: string]: unknown;
}

/**
 * Where the helpers send instead of AWS, when something installed one: \`archflow simulate --handlers\`
 * sets it on \`globalThis\` under \`Symbol.for('archflow.transport')\` to run these handlers in its
 * simulator. Deployed, nothing sets it, and every helper calls AWS with the SDK.
 */
export interface Transport {
  send(call: TransportCall): Promise<unknown>;
}

/** The local transport, when one is installed. */
export function transport(): Transport | undefined {
  return (globalThis as { [key: symbol]: Transport | undefined })[Symbol.for('archflow.transport')];
}

/** What Lambda sends to an asynchronous invocation's destinations (on success or on failure). */
export interface InvocationRecord {
  version: string;
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: string; approximateInvokeCount: number };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: unknown;
}
${clients.map((c) => '\n' + c + '\n').join('')}${used.map((h) => '\n' + BODIES[h]).join('')}`;
}
