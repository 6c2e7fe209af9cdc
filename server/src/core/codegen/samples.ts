import { sampleEvent, sampleFromSchema } from '../eventbridge/pattern';
import type { EventDecl, GraphNode } from '../model/graph';
import type { CodegenContext } from './context';
import type { Trigger } from './triggers';
import { isObj, type Obj } from '../util/value';


const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const TIME = '2025-01-15T12:00:00Z';
const EPOCH_MS = Date.parse(TIME);

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

const arnOf = (node: GraphNode): string => {
  switch (node.kind) {
    case 'queue': return `arn:aws:sqs:${REGION}:${ACCOUNT}:${node.id}`;
    case 'topic': return `arn:aws:sns:${REGION}:${ACCOUNT}:${node.id}`;
    case 'stream': return `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${node.id}`;
    case 'table': return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${node.id}/stream/2025-01-15T12:00:00.000`;
    case 'bucket': return `arn:aws:s3:::${node.id}`;
    default: return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${node.id}`;
  }
};

const ebSample = (e: EventDecl): unknown => sampleEvent({
  detailType: e.detailType, ...(e.source !== undefined ? { source: e.source } : {}), ...(e.schema !== undefined ? { detailSchema: e.schema } : {}),
}, { account: ACCOUNT, region: REGION, time: TIME });

const scheduled = (): Obj => ({
  version: '0', id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718', 'detail-type': 'Scheduled Event', source: 'aws.scheduler',
  account: ACCOUNT, time: TIME, region: REGION, resources: [`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/example`], detail: {},
});

const s3Event = (bucket: string, key: string): Obj => ({
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

const snsMessage = (topic: GraphNode, message: string): Obj => ({
  SignatureVersion: '1', Timestamp: TIME, Signature: 'EXAMPLE', SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/cert.pem',
  MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e', Message: message, MessageAttributes: {}, Type: 'Notification',
  UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe', TopicArn: arnOf(topic),
});

/** Builds sample events for a function's triggers: the AWS envelope around a payload built from the schemas. */
export class Samples {
  constructor(private readonly ctx: CodegenContext) {}

  /** A sample of what an edge delivers (first known shape). */
  private delivered(edgeFrom: GraphNode, mechanism: string, event: string | undefined, options: Obj, rule: string | undefined, depth: number): unknown {
    const ev = event ? this.ctx.graph.events.get(event) : undefined;
    switch (mechanism) {
      case 'emit':
      case 'route':
        return ev ? sampleFromSchema(ev.schema ?? {}) : {};
      case 'rule': {
        if (options.input !== undefined) return options.input;
        const first = this.ruleEvents(edgeFrom.id, rule)[0];
        return first ? ebSample(first) : { ...scheduled(), 'detail-type': 'Example', source: 'example' };
      }
      case 'subscription':
        return options.rawDelivery === true ? this.payload(edgeFrom, depth + 1) : snsMessage(edgeFrom, JSON.stringify(this.payload(edgeFrom, depth + 1)));
      case 'notification':
        return s3Event(edgeFrom.id, 'example.json');
      case 'schedule':
        return edgeFrom.config.input !== undefined ? edgeFrom.config.input : scheduled();
      default:
        return {};
    }
  }

  private ruleEvents(bus: string, rule: string | undefined): EventDecl[] {
    const rules = isObj(this.ctx.config(bus).rules) ? (this.ctx.config(bus).rules as Obj) : {};
    const r = rule !== undefined ? rules[rule] : undefined;
    if (!isObj(r)) return [];
    // Same test as the types use.
    return this.matching(r.pattern);
  }

  /** Injected by the generator: events a pattern matches. */
  matching: (pattern: unknown) => EventDecl[] = () => [];

  /** A sample message of a router: what its first sender delivers. */
  payload(router: GraphNode, depth = 0): unknown {
    if (depth > 8) return {};
    const first = (this.ctx.graph.incoming.get(router.id) ?? []).find((e) => e.mechanism !== 'failure-destination');
    if (!first) return {};
    const from = this.ctx.graph.nodes.get(first.from);
    if (!from) return {};
    if (first.mechanism === 'redrive' && from.kind === 'queue') return this.payload(from, depth + 1);
    return this.delivered(from, first.mechanism, first.event, first.options as Obj, first.rule ?? (first.mechanism === 'redrive' ? String(first.pointer[first.pointer.indexOf('rules') + 1] ?? '') : undefined), depth);
  }

  /** A sample event of one trigger, as the function receives it. */
  event(t: Trigger): unknown {
    const source = t.source;
    switch (t.shape) {
      case 'api': {
        const route = t.edge.route ?? 'ANY /';
        const [method, path = '/'] = route.split(' ');
        const params = [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]!);
        const rawPath = path.replace(/\{[^}]+\}/g, 'example');
        const ev = t.edge.event ? this.ctx.graph.events.get(t.edge.event) : undefined;
        return {
          version: '2.0', routeKey: route, rawPath, rawQueryString: '', headers: { 'content-type': 'application/json' },
          requestContext: {
            accountId: ACCOUNT, apiId: 'example', domainName: 'example.execute-api.us-east-1.amazonaws.com', domainPrefix: 'example',
            http: { method: method === 'ANY' ? 'GET' : method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'archflow-test' },
            requestId: 'example-request', routeKey: route, stage: '$default', time: '15/Jan/2025:12:00:00 +0000', timeEpoch: EPOCH_MS,
          },
          ...(params.length ? { pathParameters: Object.fromEntries(params.map((p) => [p, 'example'])) } : {}),
          ...(ev ? { body: JSON.stringify(sampleFromSchema(ev.schema ?? {})) } : {}),
          isBase64Encoded: false,
        };
      }
      case 'sqs':
        return {
          Records: [{
            messageId: '059f36b4-87a3-44ab-83d2-661975830a7d', receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a', body: JSON.stringify(this.payload(source)),
            attributes: {
              ApproximateReceiveCount: '1', SentTimestamp: String(EPOCH_MS), SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: String(EPOCH_MS),
              ...(this.ctx.fifo(source.id) ? { MessageGroupId: 'example', MessageDeduplicationId: 'example', SequenceNumber: '1' } : {}),
            },
            messageAttributes: {}, md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3', eventSource: 'aws:sqs', eventSourceARN: arnOf(source), awsRegion: REGION,
          }],
        };
      case 'sns':
        return { Records: [{ EventVersion: '1.0', EventSubscriptionArn: `${arnOf(source)}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`, EventSource: 'aws:sns', Sns: snsMessage(source, JSON.stringify(this.payload(source))) }] };
      case 'kinesis':
        return {
          Records: [{
            awsRegion: REGION, eventID: 'shardId-000000000000:49545115243490985018280067714973144582180062593244200961', eventName: 'aws:kinesis:record',
            eventSource: 'aws:kinesis', eventSourceARN: arnOf(source), eventVersion: '1.0', invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/example`,
            kinesis: { approximateArrivalTimestamp: EPOCH_MS / 1000, data: base64(JSON.stringify(this.payload(source))), kinesisSchemaVersion: '1.0', partitionKey: 'example', sequenceNumber: '49545115243490985018280067714973144582180062593244200961' },
          }],
        };
      case 'dynamodb': {
        const key = typeof source.config.partitionKey === 'string' ? source.config.partitionKey.split(':')[0] || 'pk' : 'pk';
        return {
          Records: [{
            awsRegion: REGION, eventID: 'c4ca4238a0b923820dcc509a6f75849b', eventName: 'INSERT', eventSource: 'aws:dynamodb', eventVersion: '1.1', eventSourceARN: arnOf(source),
            dynamodb: { ApproximateCreationDateTime: EPOCH_MS / 1000, Keys: { [key]: { S: 'example' } }, NewImage: { [key]: { S: 'example' } }, SequenceNumber: '111', SizeBytes: 26, StreamViewType: 'NEW_AND_OLD_IMAGES' },
          }],
        };
      }
      case 'eventbridge':
        return this.delivered(source, 'rule', undefined, t.edge.options as Obj, t.edge.rule, 0);
      case 's3': {
        const list = Array.isArray(source.config.notifications) ? source.config.notifications : [];
        const n = list[Number(t.edge.pointer[t.edge.pointer.indexOf('notifications') + 1])];
        const prefix = isObj(n) && typeof n.prefix === 'string' ? n.prefix : '';
        const suffix = isObj(n) && typeof n.suffix === 'string' ? n.suffix : '.json';
        return s3Event(source.id, `${prefix}example${suffix}`);
      }
      case 'schedule':
        return scheduled();
      case 'destination':
        return {
          version: '1.0', timestamp: TIME,
          requestContext: { requestId: 'e4b46cbf-b738-xmpl-8880-a18cdf61200e', functionArn: `${arnOf(source)}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
          requestPayload: {}, responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' }, responsePayload: {},
        };
      default:
        return t.edge.mechanism === 'rule' ? t.edge.options.input ?? {} : t.edge.mechanism === 'schedule' ? source.config.input ?? {} : {};
    }
  }
}
