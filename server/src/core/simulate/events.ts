/**
 * The AWS events a function receives, built from the simulator's envelopes only when a handler runner
 * asks for them (declared behaviour reads `Envelope.body` directly). Shapes as Lambda delivers them
 * (the same as the generated samples, codegen/sample-events.ts), with the simulation's ids and times.
 */
import { ACCOUNT, base64, REGION } from '../codegen/sample-events';
import type { Envelope } from './types';

const ARN = (service: string, resource: string): string => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

/** An SQS batch (`SQSEvent`). */
export function sqsEvent(queue: string, records: readonly { env: Envelope; receiveCount: number; sentAt: string; firstReceivedAt: string }[]): unknown {
  return {
    Records: records.map(({ env, receiveCount, sentAt, firstReceivedAt }) => ({
      messageId: `sim-${env.id}`, receiptHandle: `sim-${env.id}-${receiveCount}`, body: typeof env.body === 'string' ? env.body : JSON.stringify(env.body),
      attributes: {
        ApproximateReceiveCount: String(receiveCount), SentTimestamp: String(Date.parse(sentAt)), SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: String(Date.parse(firstReceivedAt)),
        ...(env.group !== undefined ? { MessageGroupId: env.group, MessageDeduplicationId: `sim-${env.id}`, SequenceNumber: String(env.seq ?? 0) } : {}),
      },
      messageAttributes: Object.fromEntries(Object.entries(env.attributes ?? {}).map(([k, a]) => [k, { stringValue: a.value, dataType: a.type }])),
      md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: ARN('sqs', queue), awsRegion: REGION,
    })),
  };
}

/** An SNS notification as a subscriber sees it. */
export function snsNotification(topic: string, env: Envelope, time: string): Record<string, unknown> {
  return {
    Type: 'Notification', MessageId: `sim-${env.id}`, TopicArn: ARN('sns', topic), Message: typeof env.body === 'string' ? env.body : JSON.stringify(env.body),
    Timestamp: time, SignatureVersion: '1', Signature: 'SIMULATED', SigningCertUrl: `https://sns.${REGION}.amazonaws.com/cert.pem`,
    UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe`,
    MessageAttributes: Object.fromEntries(Object.entries(env.attributes ?? {}).map(([k, a]) => [k, { Type: a.type, Value: a.value }])),
  };
}

/** An SNS invocation (`SNSEvent`). */
export function snsEvent(topic: string, env: Envelope, time: string): unknown {
  return { Records: [{ EventVersion: '1.0', EventSubscriptionArn: `${ARN('sns', topic)}:sim`, EventSource: 'aws:sns', Sns: snsNotification(topic, env, time) }] };
}

/** An S3 record of an object event (the envelope's body is the record). */
export function s3Record(bucket: string, eventName: string, key: string, size: number, time: string, sequencer: number): Record<string, unknown> {
  return {
    eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: REGION, eventTime: time, eventName,
    userIdentity: { principalId: 'SIMULATED' }, requestParameters: { sourceIPAddress: '192.0.2.10' },
    responseElements: { 'x-amz-request-id': `SIM${sequencer}`, 'x-amz-id-2': 'SIMULATED' },
    s3: {
      s3SchemaVersion: '1.0', configurationId: 'archflow',
      bucket: { name: bucket, ownerIdentity: { principalId: 'SIMULATED' }, arn: `arn:aws:s3:::${bucket}` },
      object: { key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'), size, eTag: '0123456789abcdef0123456789abcdef', sequencer: sequencer.toString(16).toUpperCase().padStart(16, '0') },
    },
  };
}

/** A Kinesis batch (`KinesisStreamEvent`). */
export function kinesisEvent(stream: string, shard: number, records: readonly { env: Envelope; seq: number; arrival: number }[]): unknown {
  return {
    Records: records.map(({ env, seq, arrival }) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0', partitionKey: env.partitionKey ?? '', sequenceNumber: String(seq), approximateArrivalTimestamp: arrival / 1000,
        data: base64(typeof env.body === 'string' ? env.body : JSON.stringify(env.body)),
      },
      eventSource: 'aws:kinesis', eventVersion: '1.0', eventID: `shardId-${String(shard).padStart(12, '0')}:${seq}`, eventName: 'aws:kinesis:record',
      invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/simulated`, awsRegion: REGION, eventSourceARN: ARN('kinesis', `stream/${stream}`),
    })),
  };
}

/** A DynamoDB stream batch (`DynamoDBStreamEvent`): the envelopes' bodies are the records. */
export function dynamodbEvent(records: readonly Envelope[]): unknown {
  return { Records: records.map((r) => r.body) };
}

/** An API Gateway HTTP API request (payload format 2.0). */
export function apiEvent(api: string, route: string, body: unknown, requestId: number, time: number): unknown {
  const [method, path] = route.split(' ');
  return {
    version: '2.0', routeKey: route, rawPath: path ?? '/', rawQueryString: '', headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: ACCOUNT, apiId: api, domainName: `${api}.execute-api.${REGION}.amazonaws.com`, http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'archflow-simulate' },
      requestId: `sim-${requestId}`, routeKey: route, stage: '$default', time: new Date(time).toISOString(), timeEpoch: time,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), isBase64Encoded: false,
  };
}

/** DynamoDB JSON of a plain value (`{ S: 'x' }`, `{ N: '1' }`, …). */
export function marshall(value: unknown): unknown {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(marshall) };
  if (typeof value === 'object') return { M: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, marshall(v)])) };
  return { S: String(value) };
}

/** An invocation record sent to an on-failure destination (Lambda DG "Capturing records of asynchronous invocations"). */
export function invocationRecord(fn: string, env: Envelope, time: string, condition: string, invokes: number, error: string | undefined): Record<string, unknown> {
  return {
    version: '1.0', timestamp: time,
    requestContext: { requestId: `sim-${env.id}`, functionArn: ARN('lambda', `function:${fn}:$LATEST`), condition, approximateInvokeCount: invokes },
    requestPayload: env.body,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(error !== undefined ? { functionError: 'Unhandled' } : {}) },
    ...(error !== undefined ? { responsePayload: { errorType: 'Error', errorMessage: error } } : {}),
  };
}
