/**
 * Kind `kafka`: a Kafka topic (producer) on an Amazon MSK cluster (`cluster`: its ARN) or on a
 * self-managed cluster (`bootstrapServers`). The cluster is not the stack's; each function in `to`
 * reads the topic through an event source mapping with its own consumer group.
 */
import { ACCOUNT, base64, EPOCH_MS, REGION } from '../codegen/sample-events';
import type { Obj } from '../util/value';
import { addBrokerMapping, arnValue, brokerArn, BROKER_READER_SLOTS, linkBrokerReaders, secretAccess, startingPosition, strings, word, BROKER_READER_IMPORT } from './broker-sources';
import type { KindModule } from './kind';
import { asWritten, put, shown, type Mutable } from './read';

/** The settings of a Kafka topic. */
export interface KafkaSettings {
  /** The ARN of the MSK cluster, when written. */
  readonly cluster?: string;
  /** The bootstrap servers of a self-managed cluster (`host:port`), when written. */
  readonly bootstrapServers?: readonly string[];
  /** The topics written (the format reads one: `kafka/one-topic` reports a list of several). */
  readonly topics: readonly string[];
  /** The authentication (`SourceAccessConfiguration` type), when written. */
  readonly auth?: string;
  /** The Secrets Manager secret holding the credentials, when written. */
  readonly secret?: string;
  /** A self-managed cluster's VPC: the subnets and security groups Lambda connects through. */
  readonly subnets?: readonly string[];
  readonly securityGroups?: readonly string[];
}

/** Self-managed (bootstrap servers) or Amazon MSK (a cluster ARN, the default). */
export const isSelfManaged = (s: KafkaSettings): boolean => s.cluster === undefined && s.bootstrapServers !== undefined;

/** The authentication of a cluster with a secret and no `auth`: SASL/SCRAM-512 (the type MSK supports with a secret). */
export const DEFAULT_KAFKA_AUTH = 'SASL_SCRAM_512_AUTH';

const SAMPLE_CLUSTER = `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/example/0a1b2c3d-4e5f-6789-abcd-ef0123456789-1`;

/** The `kafka` kind. */
export const kafka: KindModule<'kafka', KafkaSettings> = {
  kind: 'kafka',
  label: 'Kafka topic',
  sections: ['producers'],
  aliases: ['msk', 'amazon msk', 'apache kafka', 'aws::msk::cluster'],
  settings(c: Obj): KafkaSettings {
    const s: Mutable<KafkaSettings> = { topics: strings(c.topic) ?? [] };
    put(s, 'cluster', word(c.cluster));
    put(s, 'bootstrapServers', strings(c.bootstrapServers));
    put(s, 'auth', word(c.auth));
    put(s, 'secret', word(c.secret));
    const vpc = typeof c.vpc === 'object' && c.vpc !== null && !Array.isArray(c.vpc) ? (c.vpc as Obj) : {};
    put(s, 'subnets', strings(vpc.subnets));
    put(s, 'securityGroups', strings(vpc.securityGroups));
    return s;
  },
  references: { slots: BROKER_READER_SLOTS, link: linkBrokerReaders },
  cloudformation: {
    suffix: 'KafkaTopic',
    outside: true,
    arn: (node, _id, _ctx, p) => brokerArn(node.settings.cluster, node.settings.secret, p),
    edge(edge, from, _to, t) {
      if (edge.mechanism !== 'broker-mapping') return;
      const s = from.settings;
      const group = word(edge.options.consumerGroup);
      const self = isSelfManaged(s);
      const auth = secretAccess(s.auth ?? DEFAULT_KAFKA_AUTH, s.secret);
      const vpc = self ? [...(s.subnets ?? []).map((x) => ({ Type: 'VPC_SUBNET', URI: `subnet:${x}` })), ...(s.securityGroups ?? []).map((x) => ({ Type: 'VPC_SECURITY_GROUP', URI: `security_group:${x}` }))] : [];
      const access = [...auth, ...vpc];
      addBrokerMapping(edge, {
        EventSourceArn: self ? undefined : arnValue(s.cluster ?? ''),
        SelfManagedEventSource: self ? { Endpoints: { KafkaBootstrapServers: [...s.bootstrapServers!] } } : undefined,
        Topics: s.topics.slice(0, 1),
        ...startingPosition(edge.options),
        AmazonManagedKafkaEventSourceConfig: !self && group ? { ConsumerGroupId: group } : undefined,
        SelfManagedKafkaEventSourceConfig: self && group ? { ConsumerGroupId: group } : undefined,
        SourceAccessConfigurations: access.length > 0 ? access : undefined,
      }, t);
    },
  },
  diagram: {
    icons: {
      // Brokers linked: three nodes.
      kafka: { glyph: 'M7 4.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5 M7 14.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5 M17 9.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5 M9.2 8l5.6 3 M9.2 16l5.6-3', colour: '#5b4fbf', subtitle: 'Kafka topic' },
    },
    subtitle: (node) => (isSelfManaged(node.settings) ? 'Self-managed Kafka' : 'Amazon MSK'),
    settings(node) {
      const s = node.settings;
      return shown([
        ['topic', s.topics.join(', ')],
        ['cluster', s.cluster],
        ['bootstrap servers', s.bootstrapServers?.join(', ')],
        ['auth', s.secret ? s.auth ?? DEFAULT_KAFKA_AUTH : s.auth],
      ]);
    },
  },
  events: {
    trigger(edge, source, _p, label) {
      if (edge.mechanism !== 'broker-mapping') return undefined;
      const self = isSelfManaged(source.settings);
      return { shape: 'kafka', eventType: self ? 'SelfManagedKafkaEvent' : 'MSKEvent', resultType: 'void', events: [], label };
    },
    sample(t) {
      const s = t.source.settings;
      const topic = s.topics[0] ?? t.source.id;
      const self = isSelfManaged(s);
      const servers = (s.bootstrapServers ?? ['b-1.example.kafka.eu-west-1.amazonaws.com:9096']).join(',');
      const record = {
        topic, partition: 0, offset: 15, timestamp: EPOCH_MS, timestampType: 'CREATE_TIME',
        key: base64('example'), value: base64(JSON.stringify({ example: true })), headers: [],
      };
      return {
        eventSource: self ? 'SelfManagedKafka' : 'aws:kafka',
        ...(self ? {} : { eventSourceArn: s.cluster && !s.cluster.includes('${') ? s.cluster : SAMPLE_CLUSTER }),
        bootstrapServers: servers,
        records: { [`${topic}-0`]: [record] },
      };
    },
  },
  import: BROKER_READER_IMPORT,
  editor: {
    snippet: (fn) => ({
      block: [
        '${1:orders}:', '  type: kafka', '  cluster: ${2:arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-1}',
        '  topic: ${3:orders}', `  to: { function: ${fn(4)}, consumerGroup: \${5:billing}, startingPosition: LATEST }`,
      ],
      flow: `\${1:orders}: { type: kafka, cluster: \${2:arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-1}, topic: \${3:orders}, to: { function: ${fn(4)}, startingPosition: LATEST } }`,
      doc: 'A Kafka topic on an Amazon MSK cluster (or, with `bootstrapServers`, a self-managed one) read by a function.',
    }),
    hover: (node) => asWritten(node.config, ['cluster', 'bootstrapServers', 'topic', 'auth', 'secret', 'vpc']),
  },
};
