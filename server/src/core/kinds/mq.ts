/**
 * Kind `mq`: a queue (producer) on an Amazon MQ broker (ActiveMQ or RabbitMQ), named by the broker's
 * ARN. The broker is not the stack's; each function in `to` reads the queue through an event source
 * mapping that signs in with the broker credentials in `secret` (Secrets Manager).
 */
import { ACCOUNT, base64, EPOCH_MS, REGION } from '../codegen/sample-events';
import type { Obj } from '../util/value';
import { addBrokerMapping, arnValue, brokerArn, BROKER_READER_SLOTS, linkBrokerReaders, secretAccess, strings, word, BROKER_READER_IMPORT } from './broker-sources';
import type { KindModule } from './kind';
import { asWritten, put, shown, type Mutable } from './read';

/** The settings of an Amazon MQ queue. */
export interface MqSettings {
  /** The ARN of the broker, when written. */
  readonly broker?: string;
  /** The queues written (the format reads one: `mq/one-queue` reports a list of several). */
  readonly queues: readonly string[];
  /** The Secrets Manager secret holding the broker credentials, when written. */
  readonly secret?: string;
  /** A RabbitMQ broker's virtual host, when written. */
  readonly virtualHost?: string;
}

/**
 * What a function reading an Amazon MQ queue receives (Lambda developer guide, "Using Lambda with
 * Amazon MQ", example record events): ActiveMQ messages, or RabbitMQ messages by `queue::virtualHost`.
 * `@types/aws-lambda` has no type for it.
 */
export const AMAZON_MQ_EVENT = [
  "{ eventSource: 'aws:amq'; eventSourceArn: string; messages: { messageID: string; messageType: string; data: string; connectionId?: string; redelivered?: boolean; persistent?: boolean; destination: { physicalName?: string; physicalname?: string }; timestamp: number; brokerInTime: number; brokerOutTime: number }[] }",
  "{ eventSource: 'aws:rmq'; eventSourceArn: string; rmqMessagesByQueue: Record<string, { basicProperties: Record<string, unknown>; redelivered: boolean; data: string }[]> }",
].join(' | ');

const SAMPLE_BROKER = `arn:aws:mq:${REGION}:${ACCOUNT}:broker:example:b-0a1b2c3d-4e5f-6789-abcd-ef0123456789`;

/** The `mq` kind. */
export const mq: KindModule<'mq', MqSettings> = {
  kind: 'mq',
  label: 'Amazon MQ queue',
  sections: ['producers'],
  aliases: ['amazon mq', 'activemq', 'rabbitmq', 'aws::amazonmq::broker'],
  settings(c: Obj): MqSettings {
    const s: Mutable<MqSettings> = { queues: strings(c.queue) ?? [] };
    put(s, 'broker', word(c.broker));
    put(s, 'secret', word(c.secret));
    put(s, 'virtualHost', word(c.virtualHost));
    return s;
  },
  references: { slots: BROKER_READER_SLOTS, link: linkBrokerReaders },
  cloudformation: {
    suffix: 'BrokerQueue',
    outside: true,
    arn: (node, _id, _ctx, p) => brokerArn(node.settings.broker, node.settings.secret, p),
    edge(edge, from, _to, t) {
      if (edge.mechanism !== 'broker-mapping') return;
      const s = from.settings;
      const access = [...secretAccess('BASIC_AUTH', s.secret), ...(s.virtualHost ? [{ Type: 'VIRTUAL_HOST', URI: s.virtualHost }] : [])];
      addBrokerMapping(edge, {
        EventSourceArn: arnValue(s.broker ?? ''),
        Queues: s.queues.slice(0, 1),
        SourceAccessConfigurations: access.length > 0 ? access : undefined,
      }, t);
    },
  },
  diagram: {
    icons: {
      // A message in a queue: an envelope.
      mq: { glyph: 'M3.5 6.5h17v11h-17z M3.5 6.5l8.5 6.5 8.5-6.5', colour: '#b0306a', subtitle: 'Amazon MQ' },
    },
    settings(node) {
      const s = node.settings;
      return shown([['queue', s.queues.join(', ')], ['broker', s.broker], ['virtual host', s.virtualHost]]);
    },
  },
  events: {
    trigger(edge, _source, _p, label) {
      if (edge.mechanism !== 'broker-mapping') return undefined;
      return { shape: 'mq', eventType: AMAZON_MQ_EVENT, resultType: 'void', events: [], label };
    },
    sample(t) {
      const s = t.source.settings;
      const queue = s.queues[0] ?? t.source.id;
      const arn = s.broker && !s.broker.includes('${') ? s.broker : SAMPLE_BROKER;
      // A virtual host says RabbitMQ; without one, the sample is ActiveMQ's.
      if (s.virtualHost) {
        return {
          eventSource: 'aws:rmq', eventSourceArn: arn,
          rmqMessagesByQueue: { [`${queue}::${s.virtualHost}`]: [{ basicProperties: { contentType: 'application/json', deliveryMode: 1 }, redelivered: false, data: base64(JSON.stringify({ example: true })) }] },
        };
      }
      return {
        eventSource: 'aws:amq', eventSourceArn: arn,
        messages: [{
          messageID: 'ID:b-0a1b2c3d-4e5f-6789-abcd-ef0123456789-1.mq.eu-west-1.amazonaws.com-37557-1234520418293-4:1:1:1:1',
          messageType: 'jms/text-message', data: base64(JSON.stringify({ example: true })), connectionId: 'example', redelivered: false,
          destination: { physicalName: queue }, timestamp: EPOCH_MS, brokerInTime: EPOCH_MS, brokerOutTime: EPOCH_MS,
        }],
      };
    },
  },
  import: BROKER_READER_IMPORT,
  editor: {
    snippet: (fn) => ({
      block: [
        '${1:payments}:', '  type: mq', '  broker: ${2:arn:aws:mq:eu-west-1:123456789012:broker:payments:b-0a1b2c3d-4e5f-6789-abcd-ef0123456789}',
        '  queue: ${3:payments}', '  secret: ${4:arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments-broker-AbCdEf}', `  to: ${fn(5)}`,
      ],
      flow: `\${1:payments}: { type: mq, broker: \${2:arn:aws:mq:eu-west-1:123456789012:broker:payments:b-0a1b2c3d-4e5f-6789-abcd-ef0123456789}, queue: \${3:payments}, secret: \${4:arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments-broker-AbCdEf}, to: ${fn(5)} }`,
      doc: 'A queue on an Amazon MQ broker (ActiveMQ or RabbitMQ) read by a function.',
    }),
    hover: (node) => asWritten(node.config, ['broker', 'queue', 'virtualHost', 'secret']),
  },
};
