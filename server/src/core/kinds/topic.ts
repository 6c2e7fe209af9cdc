/** Kind `topic`: an SNS topic (router). Every subscriber in `to` gets each message. */
import { asWritten, list, shown, type Mutable } from './read';
import { isObj, type Obj } from '../util/value';
import { fifoName, getAtt, ref } from '../codegen/cfn';
import { ACCOUNT, REGION, snsMessage } from '../codegen/sample-events';
import { PRINCIPALS } from '../model/edge-permissions';
import { noteRest } from '../import/helpers';
import type { KindModule, ReferenceSlot } from './kind';

/** The settings of a topic. */
export interface TopicSettings {
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  /** How many subscribers `to` names (a list's length, 1 for a single one), when written. */
  readonly subscribers?: number;
  /** The largest message it accepts, in bytes (`MaximumMessageSize`), when written. */
  readonly maxMessageSize?: number;
}

const SUBSCRIBER = { at: /^to(\/#)?$/, names: ['function', 'queue'] } as const satisfies ReferenceSlot;
const DEAD_LETTER = { at: /^to(\/#)?\/deadLetter$/, names: ['queue'] } as const satisfies ReferenceSlot;

/** The ARN samples give a topic. */
const sampleArn = (name: string): string => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;

/** The `topic` kind. */
export const topic: KindModule<'topic', TopicSettings> = {
  kind: 'topic',
  label: 'topic',
  sections: ['routers'],
  aliases: ['sns', 'aws::sns::topic'],
  targetKey: 'topic',
  settings(c: Obj): TopicSettings {
    const s: Mutable<TopicSettings> = { fifo: c.fifo === true, contentBasedDeduplication: c.contentBasedDeduplication === true };
    if (typeof c.maxMessageSize === 'number' && Number.isFinite(c.maxMessageSize)) s.maxMessageSize = c.maxMessageSize;
    if (Array.isArray(c.to)) s.subscribers = c.to.length;
    else if (c.to !== undefined) s.subscribers = 1;
    return s;
  },
  references: {
    slots: [SUBSCRIBER, DEAD_LETTER],
    link(node, l) {
      const c = node.config;
      const p = node.pointer;
      const many = Array.isArray(c.to);
      list(c.to).forEach((t, i) => {
        const at = many ? p.concat('to', i) : p.concat('to');
        l.edge(node, l.ref(t, at), SUBSCRIBER.names, 'trigger', 'subscription', `a subscriber of ${l.subject(node)}`);
        if (isObj(t)) l.edge(node, l.ref(t.deadLetter, at.concat('deadLetter')), DEAD_LETTER.names, 'dead-letter', 'redrive', `the dead-letter queue of a subscription to ${l.subject(node)}`);
      });
    },
  },
  cloudformation: {
    suffix: 'Topic',
    arn: (_node, id) => ref(id),
    env: { word: 'TOPIC', holds: 'ARN', value: (_node, id) => ref(id) },
    resourcePolicy: { type: 'AWS::SNS::TopicPolicy', property: 'Topics' },
    resources(node, t) {
      const id = t.ctx.id(node.id)!;
      const fifo = node.settings.fifo;
      const size = node.settings.maxMessageSize;
      if (size !== undefined && size !== 262144) {
        // AWS::SNS::Topic has no MaximumMessageSize property in the CloudFormation schema yet (cfn-lint's).
        t.ctx.problems.push({
          code: 'codegen/topic-message-size', severity: 'warning', at: [...node.pointer, 'maxMessageSize'],
          message: `The template cannot set the maximum message size of topic '${node.id}': CloudFormation's AWS::SNS::Topic has no \`MaximumMessageSize\` property yet, so the topic is created with the 262,144-byte default. After deploying, run \`aws sns set-topic-attributes --topic-arn <arn> --attribute-name MaximumMessageSize --attribute-value ${size}\`.`,
        });
      }
      t.add(id, 'AWS::SNS::Topic', {
        TopicName: fifo ? fifoName(node.id) : undefined,
        FifoTopic: fifo ? true : undefined,
        ContentBasedDeduplication: fifo && node.settings.contentBasedDeduplication ? true : undefined,
      });
      t.output(`${id}Arn`, { Description: `ARN of topic '${node.id}'.`, Value: ref(id) });
    },
    policySource: (_edge, from, t) => ({ arn: ref(t.ctx.id(from.id)!) }),
    edge(edge, from, to, t) {
      const { ctx } = t;
      if (edge.mechanism === 'redrive') {
        // A subscription's dead letters: the queue accepts SNS.
        t.grantResourcePolicy(edge);
        return;
      }
      if (edge.mechanism !== 'subscription') return;
      const fromId = ctx.id(from.id)!;
      const queue = to.kind === 'queue';
      const o = edge.options;
      const dlq = ctx.out(from.id).find((e) => e.mechanism === 'redrive' && e.pointer.slice(0, -1).join('/') === edge.optionsAt.join('/'));
      const subId = ctx.newId([from.id, 'To', to.id, 'Subscription'], `subscription:${edge.id}`);
      const dependsOn: string[] = [];
      if (queue) {
        const policy = t.grantResourcePolicy(edge);
        if (policy) dependsOn.push(policy);
      } else {
        dependsOn.push(t.lambdaPermission(edge, PRINCIPALS.sns, { SourceArn: ref(fromId) }, [from.id]));
      }
      t.add(subId, 'AWS::SNS::Subscription', {
        TopicArn: ref(fromId),
        Protocol: queue ? 'sqs' : 'lambda',
        Endpoint: getAtt(ctx.id(to.id)!, 'Arn'),
        FilterPolicy: isObj(o.filter) ? o.filter : undefined,
        FilterPolicyScope: isObj(o.filter) ? (o.filterScope === 'body' ? 'MessageBody' : 'MessageAttributes') : undefined,
        RawMessageDelivery: queue && o.rawDelivery === true ? true : undefined,
        RedrivePolicy: dlq && ctx.node(dlq.to) ? { deadLetterTargetArn: ctx.arn(dlq.to) } : undefined,
      }, dependsOn.length ? { DependsOn: dependsOn.sort() } : {});
    },
  },
  diagram: {
    icons: {
      // A topic fans out.
      topic: {
        glyph: 'M8.2 12h3.3 M11.5 12l4.2-5 M11.5 12h5.3 M11.5 12l4.2 5 M4 12a2.1 2.1 0 1 0 4.2 0a2.1 2.1 0 1 0-4.2 0 M15.7 6.2a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0 M16.8 12a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0 M15.7 17.8a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0',
        colour: '#b8146a',
        subtitle: 'SNS topic',
      },
    },
    subtitle: (node) => (node.settings.fifo ? 'SNS FIFO topic' : 'SNS topic'),
    settings: (node) => shown([
      ['FIFO', node.settings.fifo ? 'yes' : undefined],
      ['subscribers', node.settings.subscribers === undefined ? undefined : String(node.settings.subscribers)],
    ]),
  },
  events: {
    // A subscriber gets the SNS envelope, or with raw delivery what the topic carries.
    delivered: (edge, from, p, seen) => (edge.mechanism !== 'subscription' ? ['unknown'] : edge.options.rawDelivery === true ? p.carried(from.id, seen) : ['SNSMessage']),
    deliveredEvents: (edge, from, p, seen) => (edge.mechanism === 'subscription' && edge.options.rawDelivery === true ? p.carriedEvents(from.id, seen) : []),
    deliveredSample(edge, from, s, depth) {
      if (edge.mechanism !== 'subscription') return {};
      return edge.options.rawDelivery === true ? s.payload(from, depth + 1) : snsMessage(sampleArn(from.id), JSON.stringify(s.payload(from, depth + 1)));
    },
    trigger(edge, source, p, label) {
      if (edge.mechanism !== 'subscription') return undefined;
      const types = p.carried(source.id, new Set());
      return {
        shape: 'sns', eventType: 'SNSEvent', resultType: 'void', messageType: types.includes('unknown') ? 'unknown' : types.join(' | '),
        events: p.carriedEvents(source.id, new Set()), label,
        parser: { word: 'Message', recordType: 'SNSEventRecord', body: 'JSON.parse(record.Sns.Message)' },
      };
    },
    sample: (t, s) => ({
      Records: [{
        EventVersion: '1.0', EventSubscriptionArn: `${sampleArn(t.source.id)}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`, EventSource: 'aws:sns',
        Sns: snsMessage(sampleArn(t.source.id), JSON.stringify(s.payload(t.source, 0))),
      }],
    }),
  },
  emit: {
    emitters(_edge, target, e) {
      const fifo = target.settings.fifo;
      return [{
        base: `publish${e.E}To${e.T}`, helper: 'publish', params: `message: ${e.messageType}, options${fifo ? '' : '?'}: PublishOptions`, call: `publish(${e.env}, message, options)`, returns: 'Promise<void>',
        doc: `Publishes ${e.event ? e.event.name : 'a message'} to topic '${target.id}' (ARN in ${e.envName}).`,
      }];
    },
  },
  import: {
    types: ['AWS::SNS::Topic'],
    nameSuffix: (t, r) => (t.bool(r.properties.FifoTopic) === true || /\.fifo$/.test(t.str(r.properties.TopicName) ?? '') ? '.fifo' : undefined),
    settings(d, r, node) {
      const p = r.properties;
      if (node.name.endsWith('.fifo')) node.props.fifo = true;
      if (d.t.bool(p.ContentBasedDeduplication) === true) node.props.contentBasedDeduplication = true;
      noteRest(d, r, p, ['FifoTopic', 'ContentBasedDeduplication', 'Subscription', 'TopicName']);
    },
    connect(d, from, to, options, key) {
      from.to.push(d.ref(to, options, key));
      return true;
    },
    edges(node, out) {
      if (node.to.length > 0) out.to = node.to.length === 1 ? node.to[0] : [...node.to];
    },
    grants: {
      service: 'sns', write: ['publish'],
      templates: { SNSPublishMessagePolicy: { arg: 'TopicName', access: ['write'] }, SNSCrudPolicy: { arg: 'TopicName', access: ['write'] } },
    },
  },
  editor: {
    snippet: (fn) => ({
      block: ['${1:alerts}:', '  type: topic', `  to: [${fn(2)}]`],
      flow: `\${1:alerts}: { type: topic, to: [${fn(2)}] }`,
      doc: 'An SNS topic with its subscribers.',
    }),
    hover: (node) => asWritten(node.config, ['fifo']),
  },
};
