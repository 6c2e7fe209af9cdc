/**
 * The AWS envelopes of sample events (what Lambda hands a function), with fixed ids, account, Region
 * and time so that generated samples are deterministic. A leaf module: kind modules build their
 * samples from these.
 */
import { sampleEvent } from '../eventbridge/pattern';
import type { EventDecl } from '../model/graph';
import type { Obj } from '../util/value';

/** The account, Region and time every sample uses. */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const TIME = '2025-01-15T12:00:00Z';
export const EPOCH_MS = Date.parse(TIME);

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Base64 of a string's UTF-8 bytes. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

/** An EventBridge event of a catalog event, with a detail built from its schema. */
export const ebSample = (e: EventDecl): unknown => sampleEvent({
  detailType: e.detailType, ...(e.source !== undefined ? { source: e.source } : {}), ...(e.schema !== undefined ? { detailSchema: e.schema } : {}),
}, { account: ACCOUNT, region: REGION, time: TIME });

/** The event EventBridge Scheduler sends a target without an input of its own. */
export const scheduled = (): Obj => ({
  version: '0', id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718', 'detail-type': 'Scheduled Event', source: 'aws.scheduler',
  account: ACCOUNT, time: TIME, region: REGION, resources: [`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/example`], detail: {},
});

/** An S3 notification of one new object. */
export const s3Event = (bucket: string, key: string): Obj => ({
  Records: [{
    eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: REGION, eventTime: TIME, eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'EXAMPLE' }, requestParameters: { sourceIPAddress: '192.0.2.10' },
    responseElements: { 'x-amz-request-id': 'EXAMPLE123', 'x-amz-id-2': 'EXAMPLE456' },
    s3: {
      s3SchemaVersion: '1.0', configurationId: 'archflow',
      bucket: { name: bucket, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:aws:s3:::${bucket}` },
      object: { key, size: 1024, eTag: '0123456789abcdef0123456789abcdef', sequencer: '0A1B2C3D4E5F678901' },
    },
  }],
});

/** An SNS notification as delivered to a subscriber. */
export const snsMessage = (topicArn: string, message: string): Obj => ({
  SignatureVersion: '1', Timestamp: TIME, Signature: 'EXAMPLE', SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/cert.pem',
  MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e', Message: message, MessageAttributes: {}, Type: 'Notification',
  UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe', TopicArn: topicArn,
});
