/** Kind `stream`: a Kinesis data stream (router). Each function in `to` reads every shard. */
import { formatSeconds, n } from '../util/duration';
import { isObj, type Obj } from '../util/value';
import { getAtt, ref, sub, type Cfn } from '../codegen/cfn';
import type { CodegenContext } from '../codegen/context';
import { addEventSourceMapping } from '../codegen/event-source-mapping';
import { ACCOUNT, base64, EPOCH_MS, REGION } from '../codegen/sample-events';
import { noteRest, put as putProp } from '../import/helpers';
import type { KindModule, ReferenceSlot } from './kind';
import { asWritten, list, num, put, seconds, shown, type Mutable } from './read';

/** The settings of a stream. */
export interface StreamSettings {
  readonly mode: 'provisioned' | 'on-demand';
  /** Provisioned shards, when written. */
  readonly shards?: number;
  /** Record retention in seconds, when written. */
  readonly retention?: number;
}

const READER = { at: /^to(\/#)?$/, names: ['function'] } as const satisfies ReferenceSlot;
const ON_FAILURE = { at: /^to(\/#)?\/onFailure$/, names: ['queue', 'topic'] } as const satisfies ReferenceSlot;

/** The enhanced fan-out consumer (`AWS::Kinesis::StreamConsumer`) of function `fn` on stream `stream`. */
function consumerId(ctx: CodegenContext, stream: string, fn: string): string {
  return ctx.newId([fn, 'From', stream, 'Consumer'], `consumer:${stream}:${fn}`);
}

/** The `stream` kind. */
export const stream: KindModule<'stream', StreamSettings> = {
  kind: 'stream',
  label: 'stream',
  sections: ['routers'],
  aliases: ['kinesis', 'aws::kinesis::stream'],
  targetKey: 'stream',
  settings(c: Obj): StreamSettings {
    const s: Mutable<StreamSettings> = { mode: c.mode === 'on-demand' ? 'on-demand' : 'provisioned' };
    put(s, 'shards', num(c.shards));
    put(s, 'retention', seconds(c.retention));
    return s;
  },
  references: {
    slots: [READER, ON_FAILURE],
    link(node, l) {
      const c = node.config;
      const p = node.pointer;
      const many = Array.isArray(c.to);
      list(c.to).forEach((t, i) => {
        const at = many ? p.concat('to', i) : p.concat('to');
        l.edge(node, l.ref(t, at, READER.names), READER.names, 'trigger', 'stream-mapping', `a reader of ${l.subject(node)}`);
        if (isObj(t)) l.edge(node, l.ref(t.onFailure, at.concat('onFailure')), ON_FAILURE.names, 'on-failure', 'failure-destination', `the on-failure destination of ${l.subject(node)}`);
      });
    },
  },
  cloudformation: {
    suffix: 'Stream',
    env: { word: 'STREAM', holds: 'NAME', value: (_node, id) => ref(id) },
    resources(node, t) {
      const id = t.ctx.id(node.id)!;
      const s = node.settings;
      const onDemand = s.mode === 'on-demand';
      t.add(id, 'AWS::Kinesis::Stream', {
        StreamModeDetails: { StreamMode: onDemand ? 'ON_DEMAND' : 'PROVISIONED' },
        ShardCount: onDemand ? undefined : s.shards ?? 1,
        RetentionPeriodHours: s.retention !== undefined ? Math.max(24, Math.ceil(Math.round(s.retention) / 3600)) : undefined,
      });
      t.output(`${id}Name`, { Description: `Name of stream '${node.id}'.`, Value: ref(id) });
    },
    // A reader with enhanced fan-out (`fanOut: true`) is granted its consumer.
    arn: (node, id, ctx, p) => (p.scope === 'consumer' ? getAtt(consumerId(ctx, node.id, p.function!), 'ConsumerARN') : getAtt(id, 'Arn')),
    edge(edge, from, to, t) {
      // Its readers' failure destinations are part of their mappings.
      if (edge.mechanism !== 'stream-mapping') return;
      const fromId = t.ctx.id(from.id)!;
      let sourceArn: Cfn = getAtt(fromId, 'Arn');
      if (edge.options.fanOut === true) {
        // Enhanced fan-out: the mapping reads through a dedicated consumer of the stream.
        const cid = consumerId(t.ctx, from.id, to.id);
        t.add(cid, 'AWS::Kinesis::StreamConsumer', { StreamARN: getAtt(fromId, 'Arn'), ConsumerName: sub(`\${AWS::StackName}-${to.id}`) });
        sourceArn = getAtt(cid, 'ConsumerARN');
      }
      addEventSourceMapping(edge, 'stream', sourceArn, t);
    },
  },
  diagram: {
    icons: {
      // Records flowing.
      stream: { glyph: 'M3 7.5c3-2 6 2 9 0s6-2 9 0 M3 12c3-2 6 2 9 0s6-2 9 0 M3 16.5c3-2 6 2 9 0s6-2 9 0', colour: '#6b3fd4', subtitle: 'Kinesis stream' },
    },
    settings(node) {
      const s = node.settings;
      return shown([
        ['mode', s.mode],
        ['shards', s.mode === 'on-demand' ? undefined : n(s.shards ?? 1)],
        ['retention', s.retention === undefined ? undefined : formatSeconds(s.retention)],
      ]);
    },
  },
  events: {
    trigger(edge, source, p, label) {
      if (edge.mechanism !== 'stream-mapping') return undefined;
      const types = p.carried(source.id, new Set());
      return {
        shape: 'kinesis', eventType: 'KinesisStreamEvent', resultType: edge.options.reportFailures === true ? 'KinesisStreamBatchResponse | void' : 'void',
        messageType: types.includes('unknown') ? 'unknown' : types.join(' | '), events: p.carriedEvents(source.id, new Set()), label,
        parser: { word: 'Message', recordType: 'KinesisStreamRecord', body: "JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'))" },
      };
    },
    sample: (t, s) => ({
      Records: [{
        awsRegion: REGION, eventID: 'shardId-000000000000:49545115243490985018280067714973144582180062593244200961', eventName: 'aws:kinesis:record',
        eventSource: 'aws:kinesis', eventSourceARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${t.source.id}`, eventVersion: '1.0', invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/example`,
        kinesis: { approximateArrivalTimestamp: EPOCH_MS / 1000, data: base64(JSON.stringify(s.payload(t.source, 0))), kinesisSchemaVersion: '1.0', partitionKey: 'example', sequenceNumber: '49545115243490985018280067714973144582180062593244200961' },
      }],
    }),
  },
  emit: {
    emitters: (_edge, target, e) => [{
      base: `putRecord${e.E}To${e.T}`, helper: 'putRecord', params: `data: ${e.messageType}, partitionKey: string`, call: `putRecord(${e.env}, data, partitionKey)`, returns: 'Promise<void>',
      doc: `Puts a record${e.event ? ` of ${e.event.name}` : ''} on stream '${target.id}' (name in ${e.envName}).`,
    }],
  },
  import: {
    types: ['AWS::Kinesis::Stream'],
    settings(d, r, node) {
      const { t } = d;
      const p = r.properties;
      const mode = isObj(p.StreamModeDetails) ? t.str(p.StreamModeDetails.StreamMode) : undefined;
      if (mode === 'ON_DEMAND') node.props.mode = 'on-demand';
      else putProp(node.props, 'shards', t.num(p.ShardCount));
      const hours = t.num(p.RetentionPeriodHours);
      if (hours !== undefined) node.props.retention = `${hours}h`;
      noteRest(d, r, p, ['StreamModeDetails', 'ShardCount', 'RetentionPeriodHours', 'Name']);
    },
    connect(d, from, to, options, key) {
      from.to.push(d.ref(to, options, key));
      return true;
    },
    edges(node, out) {
      if (node.to.length > 0) out.to = node.to.length === 1 ? node.to[0] : [...node.to];
    },
    grants: {
      service: 'kinesis', write: ['putrecord', 'putrecords'],
      templates: { KinesisCrudPolicy: { arg: 'StreamName', access: ['write'] } },
    },
  },
  editor: {
    snippet: (fn) => ({
      block: ['${1:clicks}:', '  type: stream', '  shards: 1', `  to: { function: ${fn(2)}, startingPosition: LATEST }`],
      flow: `\${1:clicks}: { type: stream, shards: 1, to: { function: ${fn(2)}, startingPosition: LATEST } }`,
      doc: 'A Kinesis data stream read by a function.',
    }),
    hover: (node) => asWritten(node.config, ['mode', 'shards', 'retention']),
  },
};
