/**
 * Kind `firehose`: an Amazon Data Firehose delivery stream (router). Functions, bus rules and
 * schedules put records into it; Firehose buffers them and writes them as objects into a bucket of
 * the architecture (`to`, under `prefix`), optionally through a transform function. Firehose
 * reaches the bucket and the transform with a delivery role of its own (model/edge-permissions.ts).
 */
import { isObj, type Obj } from '../util/value';
import { compact, dataPolicies, getAtt, ref, trust, type Cfn } from '../codegen/cfn';
import { ACCOUNT, base64, EPOCH_MS, REGION } from '../codegen/sample-events';
import { noteRest, resolveTarget } from '../import/helpers';
import { PRINCIPALS } from '../model/edge-permissions';
import type { KindModule, ReferenceSlot } from './kind';
import { asWritten, put, shown, text, type Mutable } from './read';

/** The settings of a delivery stream. */
export interface FirehoseSettings {
  /** The bucket it delivers to; unset: Archflow creates one. */
  readonly to?: string;
  /** The key prefix of the objects it writes. */
  readonly prefix?: string;
  /** The function that transforms each batch of records before delivery. */
  readonly transform?: string;
}

const DESTINATION = { at: /^to$/, names: ['bucket'] } as const satisfies ReferenceSlot;
const TRANSFORM = { at: /^transform$/, names: ['function'] } as const satisfies ReferenceSlot;

/** The `firehose` kind. */
export const firehose: KindModule<'firehose', FirehoseSettings> = {
  kind: 'firehose',
  label: 'Firehose stream',
  sections: ['routers'],
  aliases: ['kinesis firehose', 'data firehose', 'delivery stream', 'aws::kinesisfirehose::deliverystream'],
  targetKey: 'firehose',
  settings(c: Obj): FirehoseSettings {
    const s: Mutable<FirehoseSettings> = {};
    put(s, 'to', text(c.to));
    put(s, 'prefix', text(c.prefix));
    put(s, 'transform', text(c.transform));
    return s;
  },
  references: {
    slots: [DESTINATION, TRANSFORM],
    link(node, l) {
      const c = node.config;
      const p = node.pointer;
      l.edge(node, l.ref(c.to, p.concat('to'), DESTINATION.names), DESTINATION.names, 'trigger', 'delivery', `the destination of ${l.subject(node)}`);
      l.edge(node, l.ref(c.transform, p.concat('transform'), TRANSFORM.names), TRANSFORM.names, 'trigger', 'transform', `the transform of ${l.subject(node)}`);
    },
  },
  cloudformation: {
    suffix: 'Firehose',
    env: { word: 'FIREHOSE', holds: 'NAME', value: (_node, id) => ref(id) },
    // The delivery stream is written once every edge is known: its role holds the grants of its
    // destination and transform edges.
    finish(t) {
      const { ctx } = t;
      for (const node of ctx.graph.nodes.values()) {
        if (node.kind !== 'firehose' || !ctx.node(node.id)) continue;
        const id = ctx.id(node.id)!;
        const s = node.settings;
        const out = ctx.out(node.id);
        const delivery = out.find((e) => e.mechanism === 'delivery' && ctx.node(e.to));
        const transform = out.find((e) => e.mechanism === 'transform' && ctx.node(e.to));
        let bucketArn: Cfn;
        let roleId: string | undefined;
        if (delivery) {
          bucketArn = ctx.arn(delivery.to);
          roleId = t.grantServiceRole(delivery, id);
        } else {
          // No bucket named: one of its own, retained like every bucket.
          const bucketId = ctx.newId([id, 'Bucket'], `firehose-bucket:${node.id}`);
          t.add(bucketId, 'AWS::S3::Bucket', {}, dataPolicies(node.config));
          bucketArn = getAtt(bucketId, 'Arn');
          roleId = ctx.newId([id, 'Role'], `service-role:${id}`);
          t.add(roleId, 'AWS::IAM::Role', {
            AssumeRolePolicyDocument: trust(PRINCIPALS.firehose),
            Policies: [{
              PolicyName: 'delivery',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: bucketArn },
                  { Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/*']] } },
                ],
              },
            }],
          });
        }
        if (transform) t.grantServiceRole(transform, id);
        t.add(id, 'AWS::KinesisFirehose::DeliveryStream', {
          DeliveryStreamType: 'DirectPut',
          ExtendedS3DestinationConfiguration: compact({
            BucketARN: bucketArn,
            RoleARN: getAtt(roleId!, 'Arn'),
            Prefix: s.prefix || undefined,
            ProcessingConfiguration: transform ? {
              Enabled: true,
              Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: ctx.arn(transform.to) }] }],
            } : undefined,
          }),
        });
        t.output(`${id}Name`, { Description: `Name of Firehose stream '${node.id}'.`, Value: ref(id) });
      }
    },
  },
  diagram: {
    icons: {
      // A hose: records poured into a bucket.
      firehose: { glyph: 'M3 6h10l3 3v6l-3 3H3z M16 12h5 M19 9.5l2.5 2.5-2.5 2.5', colour: '#8c4fff', subtitle: 'Firehose stream' },
    },
    settings: (node) => shown([
      ['delivers to', node.settings.to ?? 'a bucket of its own'],
      ['prefix', node.settings.prefix],
      ['transform', node.settings.transform],
    ]),
  },
  events: {
    trigger(edge, source, p, label) {
      if (edge.mechanism !== 'transform') return undefined;
      const types = p.carried(source.id, new Set());
      return {
        shape: 'firehose', eventType: 'FirehoseTransformationEvent', resultType: 'FirehoseTransformationResult',
        messageType: types.includes('unknown') ? 'unknown' : types.join(' | '), events: p.carriedEvents(source.id, new Set()), label,
        parser: { word: 'Message', recordType: 'FirehoseTransformationEventRecord', body: "JSON.parse(Buffer.from(record.data, 'base64').toString('utf8'))" },
      };
    },
    sample: (t, s) => ({
      invocationId: 'invocationIdExample',
      deliveryStreamArn: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${t.source.id}`,
      region: REGION,
      records: [{ recordId: '49546986683135544286507457936321625675700192471156785154', approximateArrivalTimestamp: EPOCH_MS, data: base64(JSON.stringify(s.payload(t.source, 0))) }],
    }),
  },
  emit: {
    emitters: (_edge, target, e) => [{
      base: `putRecord${e.E}To${e.T}`, helper: 'putFirehoseRecord', params: `data: ${e.messageType}`, call: `putFirehoseRecord(${e.env}, data)`, returns: 'Promise<void>',
      doc: `Puts a record${e.event ? ` of ${e.event.name}` : ''} into Firehose stream '${target.id}' (name in ${e.envName}).`,
    }],
  },
  import: {
    types: ['AWS::KinesisFirehose::DeliveryStream'],
    settings(d, r, node) {
      const { t } = d;
      const p = r.properties;
      const dest = isObj(p.ExtendedS3DestinationConfiguration) ? p.ExtendedS3DestinationConfiguration : isObj(p.S3DestinationConfiguration) ? p.S3DestinationConfiguration : undefined;
      const o = node.props;
      if (dest) {
        if (dest.BucketARN !== undefined) {
          const bucket = resolveTarget(d, dest.BucketARN, DESTINATION.names, `${r.id}Bucket`, 'AWS::S3::Bucket', `The destination of ${r.id}`);
          bucket.incoming++;
          o.to = bucket.name;
        }
        const prefix = t.str(dest.Prefix);
        if (prefix) o.prefix = prefix;
        const processors = isObj(dest.ProcessingConfiguration) && Array.isArray(dest.ProcessingConfiguration.Processors) ? dest.ProcessingConfiguration.Processors : [];
        for (const proc of processors) {
          if (!isObj(proc) || proc.Type !== 'Lambda' || !Array.isArray(proc.Parameters)) continue;
          const arn = proc.Parameters.find((x) => isObj(x) && x.ParameterName === 'LambdaArn');
          if (!isObj(arn)) continue;
          const fn = resolveTarget(d, arn.ParameterValue, TRANSFORM.names, `${r.id}Transform`, 'AWS::Lambda::Function', `The transform of ${r.id}`);
          fn.incoming++;
          o.transform = fn.name;
        }
        noteRest(d, r, dest, ['BucketARN', 'RoleARN', 'Prefix', 'ProcessingConfiguration']);
      }
      noteRest(d, r, p, ['DeliveryStreamType', 'DeliveryStreamName', 'ExtendedS3DestinationConfiguration', 'S3DestinationConfiguration']);
    },
    grants: {
      service: 'firehose', write: ['putrecord', 'putrecordbatch'],
      templates: { FirehoseWritePolicy: { arg: 'DeliveryStreamName', access: ['write'] } },
    },
  },
  editor: {
    snippet: (fn) => ({
      block: ['${1:archive}:', '  type: firehose', '  prefix: ${2:records/}', `  transform: ${fn(3)}`],
      flow: `\${1:archive}: { type: firehose, prefix: \${2:records/}, transform: ${fn(3)} }`,
      doc: 'A Firehose stream delivering records into a bucket (`to`; without it, one of its own), optionally transformed by a function.',
    }),
    hover: (node) => asWritten(node.config, ['to', 'prefix', 'transform']),
  },
};
