/**
 * Kind `queue`: an SQS queue (router). Its consumer polls it through an event source mapping; a
 * redrive policy moves messages received too often to its dead-letter queue.
 */
import { formatSeconds, n } from '../util/duration';
import { isObj, type Obj } from '../util/value';
import { fifoName, getAtt, ref, wholeSeconds, type Cfn } from '../codegen/cfn';
import { addEventSourceMapping } from '../codegen/event-source-mapping';
import { ACCOUNT, EPOCH_MS, REGION } from '../codegen/sample-events';
import { noteRest, put as putProp, resolveTarget } from '../import/helpers';
import { DEFAULT_MAX_RECEIVE_COUNT, queueDeadLetter } from '../model/dead-letter';
import type { Pointer } from '../span';
import type { KindModule, ReferenceSlot, SettingsInput } from './kind';
import { asWritten, inlineCode, num, put, seconds, shown, type Mutable } from './read';

/** A queue's redrive settings: `deadLetter: <name>` or `deadLetter: { queue, maxReceiveCount }` (model/dead-letter.ts). */
export interface QueueDeadLetter {
  /** The dead-letter queue's name; unset: Archflow creates one. */
  readonly queue?: string;
  /** Where the name is written (`…/deadLetter` or `…/deadLetter/queue`). */
  readonly queueAt: Pointer;
  readonly maxReceiveCount?: number;
}

/** The settings of a queue. Durations in seconds, as written (not rounded). */
export interface QueueSettings {
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly visibilityTimeout?: number;
  readonly retention?: number;
  readonly delay?: number;
  readonly receiveWait?: number;
  /** Bytes. */
  readonly maxMessageSize?: number;
  /** Present when `deadLetter` names a queue or is a map. */
  readonly deadLetter?: QueueDeadLetter;
  /** True when the declaration names a consumer (`to`). */
  readonly hasConsumer: boolean;
}

/** Reads a queue's declaration. */
export function queueSettings(c: Obj, input: SettingsInput): QueueSettings {
  const s: Mutable<QueueSettings> = { fifo: c.fifo === true, contentBasedDeduplication: c.contentBasedDeduplication === true, hasConsumer: c.to !== undefined };
  put(s, 'visibilityTimeout', seconds(c.visibilityTimeout));
  put(s, 'retention', seconds(c.retention));
  put(s, 'delay', seconds(c.delay));
  put(s, 'receiveWait', seconds(c.receiveWait));
  put(s, 'maxMessageSize', num(c.maxMessageSize));
  const dl = queueDeadLetter(c, input.pointer);
  if (dl) {
    const d: Mutable<QueueDeadLetter> = { queueAt: dl.queueAt };
    put(d, 'queue', dl.queue);
    put(d, 'maxReceiveCount', num(dl.maxReceiveCount));
    s.deadLetter = d;
  }
  return s;
}

const CONSUMER = { at: /^to$/, names: ['function'] } as const satisfies ReferenceSlot;
const DEAD_LETTER = { at: /^deadLetter(\/queue)?$/, names: ['queue'] } as const satisfies ReferenceSlot;

/** The `queue` kind. */
export const queue: KindModule<'queue', QueueSettings> = {
  kind: 'queue',
  label: 'queue',
  sections: ['routers'],
  aliases: ['sqs', 'aws::sqs::queue'],
  targetKey: 'queue',
  settings: queueSettings,
  references: {
    slots: [CONSUMER, DEAD_LETTER],
    link(node, l) {
      const c = node.config;
      const p = node.pointer;
      l.edge(node, l.ref(c.to, p.concat('to'), CONSUMER.names), CONSUMER.names, 'trigger', 'queue-mapping', `the consumer of ${l.subject(node)}`);
      const dl = node.settings.deadLetter;
      if (dl?.queue !== undefined) l.edge(node, l.ref(dl.queue, dl.queueAt), DEAD_LETTER.names, 'dead-letter', 'redrive', `the dead-letter queue of ${l.subject(node)}`);
    },
  },
  cloudformation: {
    suffix: 'Queue',
    env: { word: 'QUEUE', holds: 'URL', value: (_node, id) => ref(id) },
    resourcePolicy: { type: 'AWS::SQS::QueuePolicy', property: 'Queues' },
    resources(node, t) {
      const { ctx } = t;
      const id = ctx.id(node.id)!;
      const s = node.settings;
      const fifo = s.fifo;
      const dl = s.deadLetter;
      let dlqArn: Cfn | undefined;
      if (dl) {
        const named = dl.queue;
        if (named && ctx.node(named)) dlqArn = ctx.arn(named);
        else if (!named) {
          const dlqId = ctx.newId([id, 'DeadLetterQueue'], `dlq:${node.id}`);
          t.add(dlqId, 'AWS::SQS::Queue', {
            FifoQueue: fifo ? true : undefined,
            QueueName: fifo ? fifoName(node.id, '-dlq') : undefined,
            MessageRetentionPeriod: 1209600,
          });
          dlqArn = getAtt(dlqId, 'Arn');
        }
      }
      t.add(id, 'AWS::SQS::Queue', {
        QueueName: fifo ? fifoName(node.id) : undefined,
        FifoQueue: fifo ? true : undefined,
        ContentBasedDeduplication: fifo && s.contentBasedDeduplication ? true : undefined,
        VisibilityTimeout: wholeSeconds(s.visibilityTimeout),
        MessageRetentionPeriod: wholeSeconds(s.retention),
        DelaySeconds: wholeSeconds(s.delay),
        ReceiveMessageWaitTimeSeconds: wholeSeconds(s.receiveWait),
        MaximumMessageSize: s.maxMessageSize,
        RedrivePolicy: dlqArn ? { deadLetterTargetArn: dlqArn, maxReceiveCount: dl!.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT } : undefined,
      });
      t.output(`${id}Url`, { Description: `URL of queue '${node.id}'.`, Value: ref(id) });
    },
    edge(edge, from, _to, t) {
      // Its redrive needs nothing: SQS moves the message itself.
      if (edge.mechanism === 'queue-mapping') addEventSourceMapping(edge, 'queue', getAtt(t.ctx.id(from.id)!, 'Arn'), t);
    },
  },
  diagram: {
    icons: {
      // A message queue: a pipe of messages.
      queue: { glyph: 'M3.5 8h17v8h-17z M8 8v8 M12 8v8 M16 8v8', colour: '#c7156e', subtitle: 'SQS queue' },
      // A queue whose messages leave in order (the arrow).
      'fifo-queue': { glyph: 'M3 8.5h12.5v7H3z M7.2 8.5v7 M11.3 8.5v7 M17.5 12H22 M19.8 9.8 22 12l-2.2 2.2', colour: '#a3125c', subtitle: 'SQS FIFO queue' },
    },
    icon: (node) => (node.settings.fifo ? 'fifo-queue' : 'queue'),
    settings(node) {
      const s = node.settings;
      const dl = s.deadLetter;
      return shown([
        ['FIFO', s.fifo ? 'yes' : undefined],
        ['visibility timeout', formatSeconds(s.visibilityTimeout ?? 30)],
        ['retention', s.retention === undefined ? undefined : formatSeconds(s.retention)],
        ['delay', s.delay === undefined ? undefined : formatSeconds(s.delay)],
        ['dead-letter queue', dl ? `${dl.queue ?? '?'} after ${n(dl.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT)} receives` : undefined],
      ]);
    },
  },
  events: {
    // A dead-letter queue carries what its source queue carries.
    delivered: (edge, from, p, seen) => (edge.mechanism === 'redrive' ? p.carried(from.id, seen) : ['unknown']),
    deliveredEvents: (edge, from, p, seen) => (edge.mechanism === 'redrive' ? p.carriedEvents(from.id, seen) : []),
    deliveredSample: (edge, from, s, depth) => (edge.mechanism === 'redrive' ? s.payload(from, depth + 1) : {}),
    trigger(edge, source, p, label) {
      if (edge.mechanism !== 'queue-mapping') return undefined;
      const types = p.carried(source.id, new Set());
      return {
        shape: 'sqs', eventType: 'SQSEvent', resultType: edge.options.reportFailures === true ? 'SQSBatchResponse | void' : 'void',
        messageType: types.includes('unknown') ? 'unknown' : types.join(' | '), events: p.carriedEvents(source.id, new Set()), label,
        parser: { word: 'Message', recordType: 'SQSRecord', body: 'JSON.parse(record.body)' },
      };
    },
    sample: (t, s) => ({
      Records: [{
        messageId: '059f36b4-87a3-44ab-83d2-661975830a7d', receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a', body: JSON.stringify(s.payload(t.source, 0)),
        attributes: {
          ApproximateReceiveCount: '1', SentTimestamp: String(EPOCH_MS), SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: String(EPOCH_MS),
          ...(t.source.settings.fifo ? { MessageGroupId: 'example', MessageDeduplicationId: 'example', SequenceNumber: '1' } : {}),
        },
        messageAttributes: {}, md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3', eventSource: 'aws:sqs', eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:${t.source.id}`, awsRegion: REGION,
      }],
    }),
  },
  emit: {
    emitters(_edge, target, e) {
      const fifo = target.settings.fifo;
      return [{
        base: `send${e.E}To${e.T}`, helper: 'sendMessage', params: `message: ${e.messageType}, options${fifo ? '' : '?'}: SendOptions`, call: `sendMessage(${e.env}, message, options)`, returns: 'Promise<void>',
        doc: `Sends ${e.event ? e.event.name : 'a message'} to queue '${target.id}' (URL in ${e.envName}).${fifo ? ' A FIFO queue: give a message group.' : ''}`,
      }];
    },
  },
  import: {
    types: ['AWS::SQS::Queue'],
    nameSuffix: (t, r) => (t.bool(r.properties.FifoQueue) === true || /\.fifo$/.test(t.str(r.properties.QueueName) ?? '') ? '.fifo' : undefined),
    settings(d, r, node) {
      const { t } = d;
      const p = r.properties;
      const o = node.props;
      if (node.name.endsWith('.fifo')) o.fifo = true;
      if (t.bool(p.ContentBasedDeduplication) === true) o.contentBasedDeduplication = true;
      putProp(o, 'visibilityTimeout', t.num(p.VisibilityTimeout));
      putProp(o, 'retention', t.num(p.MessageRetentionPeriod));
      putProp(o, 'delay', t.num(p.DelaySeconds));
      putProp(o, 'receiveWait', t.num(p.ReceiveMessageWaitTimeSeconds));
      putProp(o, 'maxMessageSize', t.num(p.MaximumMessageSize));
      let redrive = p.RedrivePolicy;
      if (typeof redrive === 'string') {
        try {
          redrive = JSON.parse(redrive);
        } catch {
          redrive = undefined;
        }
      }
      if (isObj(redrive) && redrive.deadLetterTargetArn !== undefined) {
        const dlq = resolveTarget(d, redrive.deadLetterTargetArn, DEAD_LETTER.names, `${r.id}DeadLetterQueue`, 'AWS::SQS::Queue', `The dead-letter queue of ${r.id}`);
        const dl: Obj = { queue: dlq.name };
        dlq.incoming++;
        putProp(dl, 'maxReceiveCount', t.num(redrive.maxReceiveCount));
        o.deadLetter = dl;
      }
      noteRest(d, r, p, ['FifoQueue', 'ContentBasedDeduplication', 'VisibilityTimeout', 'MessageRetentionPeriod', 'DelaySeconds', 'ReceiveMessageWaitTimeSeconds', 'MaximumMessageSize', 'RedrivePolicy', 'QueueName']);
    },
    connect(d, from, to, options, key) {
      if (from.to.length > 0) {
        d.notes.add(`${from.name} also sends to ${to.name}, but Archflow queues have one consumer: that edge is not shown.`);
        return false;
      }
      from.to.push(d.ref(to, options, key));
      return true;
    },
    edges(node, out) {
      if (node.to.length > 0) out.to = node.to[0];
    },
    grants: {
      service: 'sqs', write: ['sendmessage', 'sendmessagebatch'],
      templates: { SQSSendMessagePolicy: { arg: 'QueueName', access: ['write'] } },
    },
  },
  editor: {
    snippet: (fn) => ({
      block: ['${1:jobs}:', '  type: queue', `  to: ${fn(2)}`],
      flow: `\${1:jobs}: { type: queue, to: ${fn(2)} }`,
      doc: 'An SQS queue consumed by a function.',
    }),
    hover: (node) => [
      ...asWritten(node.config, ['fifo', 'visibilityTimeout', 'retention', 'delay', 'maxMessageSize']),
      ...(node.settings.deadLetter ? [`dead-letter ${inlineCode(node.settings.deadLetter.queue ?? '(none)')}`] : []),
    ],
  },
};
