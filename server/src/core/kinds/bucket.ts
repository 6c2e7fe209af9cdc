/** Kind `bucket`: an S3 bucket (producer). Its `notifications` send object events to functions, queues and topics. */
import { isObj, type Obj } from '../util/value';
import { STACK_KEY, compact, dataPolicies, getAtt, ref, type Cfn } from '../codegen/cfn';
import type { CodegenContext } from '../codegen/context';
import type { EmitterSpec } from '../codegen/events-kit';
import { s3Event } from '../codegen/sample-events';
import { tag } from '../codegen/names';
import { accessWords, PRINCIPALS } from '../model/edge-permissions';
import { noteRest } from '../import/helpers';
import type { KindModule, ReferenceSlot } from './kind';
import { asWritten, list, put, shown, text, type Mutable } from './read';
import { bucketSimulation } from '../simulate/kinds/bucket';

/** One notification's filter and events, as written (a notification that is not a map reads as `{}`). */
export interface BucketNotification {
  /** The event types, when written as a list (non-strings dropped). */
  readonly on?: readonly string[];
  readonly prefix?: string;
  readonly suffix?: string;
}

/** The settings of a bucket. */
export interface BucketSettings {
  readonly versioned: boolean;
  /** One entry per written notification, by index (edges point at them), when `notifications` is a list. */
  readonly notifications?: readonly BucketNotification[];
}

const NOTIFIED = { at: /^notifications\/#\/to$/, names: ['function', 'queue', 'topic'] } as const satisfies ReferenceSlot;

/** S3 event types that name a family of events (`s3:ObjectCreated:*`). */
const S3_EVENT_WILDCARD = new Set(['ObjectCreated', 'ObjectRemoved', 'ObjectRestore', 'Replication', 'LifecycleExpiration', 'ObjectTagging']);

/**
 * Buckets that functions use or that notify anything get a fixed name, so that what names them (a
 * function's role and environment, the `aws:SourceArn` condition of the permissions and policies its
 * notifications need) does not depend on the bucket resource, which waits for those permissions.
 */
function hasFixedName(ctx: CodegenContext, name: string): boolean {
  const { graph } = ctx;
  return (graph.incoming.get(name) ?? []).some((e) => e.mechanism === 'emit')
    || (graph.outgoing.get(name) ?? []).some((e) => e.mechanism === 'notification')
    || ctx.functions.some((f) => f.settings.policies?.some((p) => p.resources.some((r) => r === name || r.startsWith(`${name}/`))));
}

/**
 * The fixed name of a bucket that functions use: the architecture's and the node's name (its
 * `previousName` after a rename, so the deployed bucket stays), the account and the stack's key —
 * unique per stack. At most 30 + 1 + 4 + 1 + 12 + 1 + 8 = 57 characters.
 */
function fixedName(ctx: CodegenContext, node: string, prefix = ''): Cfn {
  const name = ctx.identity(node);
  const base = `${ctx.name}-${name}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 30).replace(/-$/, '');
  return { 'Fn::Sub': [`${prefix}${base || 'bucket'}-${tag(name).toLowerCase()}-\${AWS::AccountId}-\${StackKey}`, { StackKey: STACK_KEY }] };
}

/** The notifications of each bucket, gathered from its edges. */
type Notifications = Map<string, { Lambda: Obj[]; Queue: Obj[]; Topic: Obj[]; dependsOn: Set<string> }>;

/** The `bucket` kind. */
export const bucket: KindModule<'bucket', BucketSettings> = {
  kind: 'bucket',
  label: 'bucket',
  sections: ['producers'],
  aliases: ['s3', 'aws::s3::bucket'],
  targetKey: 'bucket',
  settings(c: Obj): BucketSettings {
    const s: Mutable<BucketSettings> = { versioned: c.versioned === true };
    if (Array.isArray(c.notifications)) {
      s.notifications = c.notifications.map((n): BucketNotification => {
        if (!isObj(n)) return {};
        const out: Mutable<BucketNotification> = {};
        if (Array.isArray(n.on)) out.on = n.on.filter((x): x is string => typeof x === 'string');
        put(out, 'prefix', text(n.prefix));
        put(out, 'suffix', text(n.suffix));
        return out;
      });
    }
    return s;
  },
  references: {
    slots: [NOTIFIED],
    link(node, l) {
      list(node.config.notifications).forEach((n, i) => {
        if (!isObj(n)) return;
        const at = node.pointer.concat('notifications', i);
        l.edge(node, l.ref(n.to, at.concat('to')), NOTIFIED.names, 'trigger', 'notification', `a notification of ${l.subject(node)}`);
      });
    },
  },
  cloudformation: {
    suffix: 'Bucket',
    holdsData: ['AWS::S3::Bucket'],
    arn(node, id, ctx, p) {
      const arn: Cfn = hasFixedName(ctx, node.id) ? fixedName(ctx, node.id, 'arn:${AWS::Partition}:s3:::') : getAtt(id, 'Arn');
      return p.scope === 'objects' ? { 'Fn::Join': ['', [arn, `/${p.prefix ?? ''}*`]] } : arn;
    },
    env: { word: 'BUCKET', holds: 'NAME', value: (node, id, ctx) => (hasFixedName(ctx, node.id) ? fixedName(ctx, node.id) : ref(id)) },
    // A bucket's ARN names no account: its pushes are conditioned on both.
    policySource: (_edge, from, t) => ({ arn: bucket.cloudformation!.arn!(from, t.ctx.id(from.id)!, t.ctx, { scope: 'resource' }), account: true }),
    resources(node, t) {
      const { ctx } = t;
      const id = ctx.id(node.id)!;
      // Its notifications are added once its edges are known (finish).
      t.add(id, 'AWS::S3::Bucket', {
        BucketName: hasFixedName(ctx, node.id) ? fixedName(ctx, node.id) : undefined,
        VersioningConfiguration: node.settings.versioned ? { Status: 'Enabled' } : undefined,
      }, dataPolicies(node.config));
      // `Ref` (the bucket's name), not the computed name environments use: the output belongs to the
      // bucket, so a split keeps it in the bucket's stack (a computed name references no resource
      // and stayed in the parent: 250 of its 335 outputs at 5,000 nodes, over the quota of 200).
      t.output(`${id}Name`, { Description: `Name of bucket '${node.id}'.`, Value: { Ref: id } });
    },
    edge(edge, from, to, t) {
      if (edge.mechanism !== 'notification') return;
      const { ctx } = t;
      const notifications = t.state<Notifications>('bucket:notifications', () => new Map());
      const entry = notifications.get(from.id) ?? notifications.set(from.id, { Lambda: [], Queue: [], Topic: [], dependsOn: new Set() }).get(from.id)!;
      const index = Number(edge.pointer[edge.pointer.indexOf('notifications') + 1]);
      const n = from.settings.notifications?.[index] ?? {};
      const rules = [
        ...(n.prefix ? [{ Name: 'prefix', Value: n.prefix }] : []),
        ...(n.suffix ? [{ Name: 'suffix', Value: n.suffix }] : []),
      ];
      const filter = rules.length ? { S3Key: { Rules: rules } } : undefined;
      const toId = ctx.id(to.id)!;
      for (const event of n.on ?? ['ObjectCreated']) {
        const Event = `s3:${event}${S3_EVENT_WILDCARD.has(event) ? ':*' : ''}`;
        if (to.kind === 'function') entry.Lambda.push(compact({ Event, Function: getAtt(toId, 'Arn'), Filter: filter }));
        else if (to.kind === 'queue') entry.Queue.push(compact({ Event, Queue: getAtt(toId, 'Arn'), Filter: filter }));
        else if (to.kind === 'topic') entry.Topic.push(compact({ Event, Topic: ref(toId), Filter: filter }));
      }
      // The notification configuration is created after the permissions and policies it needs.
      // Only this bucket may invoke the function (its ARN has no account: the account too, cfn-lint W3663).
      if (to.kind === 'function') entry.dependsOn.add(t.lambdaPermission(edge, PRINCIPALS.s3, { SourceAccount: ref('AWS::AccountId'), SourceArn: bucket.cloudformation!.arn!(from, ctx.id(from.id)!, ctx, { scope: 'resource' }) }, [from.id]));
      else {
        const policy = t.grantResourcePolicy(edge);
        if (policy) entry.dependsOn.add(policy);
      }
    },
    finish(t) {
      for (const [bucket, n] of t.state<Notifications>('bucket:notifications', () => new Map())) {
        const res = t.resource(t.ctx.id(bucket)!)!;
        res.Properties.NotificationConfiguration = compact({
          LambdaConfigurations: n.Lambda.length ? n.Lambda : undefined,
          QueueConfigurations: n.Queue.length ? n.Queue : undefined,
          TopicConfigurations: n.Topic.length ? n.Topic : undefined,
        });
        if (n.dependsOn.size) res.DependsOn = [...n.dependsOn].sort();
      }
    },
  },
  diagram: {
    icons: {
      // A bucket.
      bucket: { glyph: 'M4 7l2 12c.3 1.6 11.7 1.6 12 0l2-12 M4 7a8 2.2 0 1 0 16 0a8 2.2 0 1 0-16 0', colour: '#5f8410', subtitle: 'S3 bucket' },
    },
    settings: (node) => shown([
      ['versioned', node.settings.versioned ? 'yes' : undefined],
      ['notifications', node.settings.notifications ? String(node.settings.notifications.length) : undefined],
    ]),
  },
  events: {
    delivered: (edge) => [edge.mechanism === 'notification' ? 'S3Event' : 'unknown'],
    deliveredSample: (edge, from) => (edge.mechanism === 'notification' ? s3Event(from.id, 'example.json') : {}),
    trigger: (edge, _source, _p, label) => (edge.mechanism === 'notification' ? { shape: 's3', eventType: 'S3Event', resultType: 'void', events: [], label } : undefined),
    sample(t) {
      const n = t.source.settings.notifications?.[Number(t.edge.pointer[t.edge.pointer.indexOf('notifications') + 1])];
      return s3Event(t.source.id, `${n?.prefix ?? ''}example${n?.suffix ?? '.json'}`);
    },
  },
  emit: {
    emitters(_edge, target, e) {
      const out: EmitterSpec[] = [];
      const words = new Set(accessWords('bucket', e.access));
      const under = e.prefix !== '""' ? ` under ${e.prefix}` : '';
      if (words.has('write') || words.has('read-write')) out.push({ base: `putObjectTo${e.T}`, helper: 'putObject', params: 'key: string, body: string | Uint8Array, contentType?: string', call: `putObject(${e.env}, ${e.prefix}, key, body, contentType)`, returns: 'Promise<void>', doc: `Writes an object to bucket '${target.id}'${under} (name in ${e.envName}).` });
      if (words.has('read') || words.has('read-write')) out.push({ base: `getObjectFrom${e.T}`, helper: 'getObject', params: 'key: string', call: `getObject(${e.env}, ${e.prefix}, key)`, returns: 'Promise<string>', doc: `Reads an object of bucket '${target.id}'${under} as text.` });
      return out;
    },
  },
  import: {
    types: ['AWS::S3::Bucket'],
    settings(d, r, node) {
      const p = r.properties;
      if (isObj(p.VersioningConfiguration) && d.t.str(p.VersioningConfiguration.Status) === 'Enabled') node.props.versioned = true;
      const n = isObj(p.NotificationConfiguration) ? p.NotificationConfiguration : {};
      if (isObj(n.EventBridgeConfiguration) && d.t.bool(n.EventBridgeConfiguration.EventBridgeEnabled) !== false) {
        d.notes.add(`${r.id} sends its events to the default event bus (EventBridgeConfiguration): Archflow buckets notify functions, queues and topics only, so that link is not shown.`);
        node.suppress.set('graph/dead-end-producer', 'it sends its events to the default event bus (EventBridgeConfiguration)');
      }
      noteRest(d, r, p, ['VersioningConfiguration', 'NotificationConfiguration', 'BucketName']);
    },
    edges(node, out) {
      if (node.notifications.length > 0) out.notifications = node.notifications;
    },
    grants: {
      service: 's3', write: ['putobject', 'deleteobject'], read: ['getobject', 'getobjectversion', 'listbucket'],
      templates: {
        // The access words of the actions each grants (SAM's policy_templates.json).
        S3CrudPolicy: { arg: 'BucketName', access: ['read', 'write', 'delete', 'list'] },
        S3FullAccessPolicy: { arg: 'BucketName', access: ['read', 'write', 'delete', 'list'] },
        S3WritePolicy: { arg: 'BucketName', access: ['write'] },
        S3ReadPolicy: { arg: 'BucketName', access: ['read', 'list'] },
      },
    },
  },
  editor: {
    snippet: (fn) => ({
      block: ['${1:uploads}:', '  type: bucket', '  notifications:', '    - on: [ObjectCreated]', '      prefix: ${2:incoming/}', `      to: ${fn(3)}`],
      flow: `\${1:uploads}: { type: bucket, notifications: [{ on: [ObjectCreated], to: ${fn(2)} }] }`,
      doc: 'An S3 bucket that notifies a function of new objects.',
    }),
    hover: (node) => asWritten(node.config, ['versioned']),
  },
  simulate: bucketSimulation,
};
