/**
 * Event source mappings that read a Kafka topic (Amazon MSK, self-managed), an Amazon MQ queue or a
 * DocumentDB change stream: SAM `MSK`, `SelfManagedKafka`, `MQ` and `DocumentDB` events and plain
 * `AWS::Lambda::EventSourceMapping`s. Each becomes a node of kind `kafka`, `mq` or `docdb` (one per
 * cluster and topic, broker and queue, cluster and collection) with the reading function in its `to`.
 * The cluster or broker must be named by ARN (a literal, or with `${AWS::…}`): one the template
 * creates itself stays an external node (Archflow does not create clusters or brokers).
 */
import type { NodeKind } from '../kinds/index';
import { isObj, type Obj } from '../util/value';
import type { Draft, DraftNode } from './draft';
import { put } from './helpers';
import { asList } from './template';

/** What a SAM event or a mapping reads, once recognised. */
interface BrokerRead {
  readonly kind: NodeKind & ('kafka' | 'mq' | 'docdb');
  /** The node's settings. */
  readonly props: Obj;
  /** Identifies the node among the template's mappings (cluster and topic, …). */
  readonly identity: string;
  /** The name it suggests (the topic, queue, collection or database). */
  readonly name: string;
}

/** An ARN as the format writes it (a literal, `${AWS::Region}` and the like allowed), or undefined. */
function arnText(d: Draft, value: unknown, service: string): string | undefined {
  const v = d.t.str(value);
  return v !== undefined && new RegExp(`^arn:[^:]+:${service}:`).test(v) ? v : undefined;
}

/** The secret of the first access configuration of one of `types`, and its type. */
function access(d: Draft, configs: unknown, types: readonly string[]): { type?: string; secret?: string; subnets: string[]; groups: string[] } {
  const out: { type?: string; secret?: string; subnets: string[]; groups: string[] } = { subnets: [], groups: [] };
  for (const c of asList(configs)) {
    if (!isObj(c)) continue;
    const type = d.t.str(c.Type);
    const uri = d.t.str(c.URI);
    if (!type || !uri) continue;
    if (type === 'VPC_SUBNET') out.subnets.push(uri.replace(/^subnet:/, ''));
    else if (type === 'VPC_SECURITY_GROUP') out.groups.push(uri.replace(/^security_group:/, ''));
    else if (types.includes(type) && out.secret === undefined && /^arn:[^:]+:secretsmanager:/.test(uri)) {
      out.type = type;
      out.secret = uri;
    }
  }
  return out;
}

const KAFKA_AUTH = ['SASL_SCRAM_512_AUTH', 'SASL_SCRAM_256_AUTH', 'BASIC_AUTH', 'CLIENT_CERTIFICATE_TLS_AUTH'];

/**
 * What a SAM event of `type` (or, with `type` undefined, a plain mapping's properties `p`) reads,
 * when it is a broker source the format can write; undefined otherwise.
 */
function readOf(d: Draft, type: string | undefined, p: Obj): BrokerRead | undefined {
  const { t } = d;
  const kafkaSelf = type === 'SelfManagedKafka' || (type === undefined && isObj(p.SelfManagedEventSource));
  const kafkaMsk = type === 'MSK' || (type === undefined && p.Topics !== undefined && !kafkaSelf);
  if (kafkaSelf || kafkaMsk) {
    const topics = asList(t.render(p.Topics)).filter((x): x is string => typeof x === 'string');
    const a = access(d, p.SourceAccessConfigurations, KAFKA_AUTH);
    const props: Obj = {};
    let where: string | undefined;
    if (kafkaSelf) {
      const endpoints = type === 'SelfManagedKafka' ? p.KafkaBootstrapServers : isObj(p.SelfManagedEventSource) && isObj(p.SelfManagedEventSource.Endpoints) ? p.SelfManagedEventSource.Endpoints.KafkaBootstrapServers : undefined;
      const servers = asList(t.render(endpoints)).filter((x): x is string => typeof x === 'string' && x !== '');
      if (servers.length === 0) return undefined;
      props.bootstrapServers = servers;
      where = servers.join(',');
    } else {
      where = arnText(d, type === 'MSK' ? p.Stream : p.EventSourceArn, 'kafka');
      if (!where) return undefined;
      props.cluster = where;
    }
    props.topic = topics.length === 1 ? topics[0] : topics;
    if (a.secret) {
      if (a.type !== 'SASL_SCRAM_512_AUTH') props.auth = a.type;
      props.secret = a.secret;
    }
    if (kafkaSelf && (a.subnets.length > 0 || a.groups.length > 0)) props.vpc = { ...(a.subnets.length ? { subnets: a.subnets } : {}), ...(a.groups.length ? { securityGroups: a.groups } : {}) };
    return { kind: 'kafka', props, identity: `${where}|${topics.join(',')}`, name: topics[0] ?? 'topic' };
  }
  if (type === 'MQ' || (type === undefined && p.Queues !== undefined)) {
    const broker = arnText(d, type === 'MQ' ? p.Broker : p.EventSourceArn, 'mq');
    if (!broker) return undefined;
    const queues = asList(t.render(p.Queues)).filter((x): x is string => typeof x === 'string');
    const a = access(d, p.SourceAccessConfigurations, ['BASIC_AUTH']);
    const host = asList(p.SourceAccessConfigurations).filter(isObj).find((c) => t.str(c.Type) === 'VIRTUAL_HOST');
    const props: Obj = { broker, queue: queues.length === 1 ? queues[0] : queues };
    put(props, 'virtualHost', host ? t.str(host.URI) : undefined);
    put(props, 'secret', a.secret);
    return { kind: 'mq', props, identity: `${broker}|${queues.join(',')}`, name: queues[0] ?? 'queue' };
  }
  const docdbConfig = type === 'DocumentDB' ? p : isObj(p.DocumentDBEventSourceConfig) ? p.DocumentDBEventSourceConfig : undefined;
  if (docdbConfig) {
    const cluster = arnText(d, type === 'DocumentDB' ? p.Cluster : p.EventSourceArn, 'rds');
    const database = t.str(docdbConfig.DatabaseName);
    if (!cluster || !database) return undefined;
    const collection = t.str(docdbConfig.CollectionName);
    const props: Obj = { cluster, database };
    put(props, 'collection', collection);
    put(props, 'fullDocument', t.str(docdbConfig.FullDocument));
    put(props, 'secret', access(d, p.SourceAccessConfigurations, ['BASIC_AUTH']).secret);
    return { kind: 'docdb', props, identity: `${cluster}|${database}|${collection ?? ''}`, name: collection ?? database };
  }
  return undefined;
}

/** The reader options of a mapping: batching, starting position, consumer group. */
function readerOptions(d: Draft, kind: BrokerRead['kind'], p: Obj): Obj {
  const { t } = d;
  const o: Obj = {};
  put(o, 'batchSize', t.num(p.BatchSize));
  put(o, 'batchWindow', t.num(p.MaximumBatchingWindowInSeconds));
  if (kind !== 'mq') {
    put(o, 'startingPosition', t.str(p.StartingPosition));
    put(o, 'startingTimestamp', t.str(p.StartingPositionTimestamp));
  }
  if (kind === 'kafka') {
    const config = isObj(p.AmazonManagedKafkaEventSourceConfig) ? p.AmazonManagedKafkaEventSourceConfig : isObj(p.SelfManagedKafkaEventSourceConfig) ? p.SelfManagedKafkaEventSourceConfig : p;
    put(o, 'consumerGroup', t.str(config.ConsumerGroupId));
  }
  return o;
}

/** Properties of a mapping or event the format reads (the rest is noted). */
const READ = new Set([
  'FunctionName', 'EventSourceArn', 'Stream', 'Broker', 'Cluster', 'Topics', 'Queues', 'KafkaBootstrapServers', 'SelfManagedEventSource', 'SourceAccessConfigurations',
  'BatchSize', 'MaximumBatchingWindowInSeconds', 'StartingPosition', 'StartingPositionTimestamp', 'AmazonManagedKafkaEventSourceConfig', 'SelfManagedKafkaEventSourceConfig',
  'ConsumerGroupId', 'DocumentDBEventSourceConfig', 'DatabaseName', 'CollectionName', 'FullDocument', 'Enabled',
]);

/**
 * Adds the edge `source → fn` of a SAM event of `type` (`MSK`, `SelfManagedKafka`, `MQ`,
 * `DocumentDB`) or of a plain mapping (`type` undefined) when it reads a broker source the format can
 * write; returns false (nothing added) otherwise.
 */
export function brokerMapping(d: Draft, type: string | undefined, p: Obj, fn: DraftNode, owner: string, connect: (from: DraftNode, to: DraftNode, options: Obj) => void): boolean {
  const read = readOf(d, type, p);
  if (!read) return false;
  const key = `#${read.kind}:${read.identity}`;
  let node = d.get(key);
  if (!node) {
    node = d.add(key, read.kind, d.names.fresh(read.name));
    Object.assign(node.props, read.props);
  }
  connect(node, fn, readerOptions(d, read.kind, p));
  const rest = Object.keys(p).filter((k) => !READ.has(k));
  if (rest.length > 0) d.notes.add(`The event source mapping ${owner}: ${rest.join(', ')} ${rest.length === 1 ? 'was' : 'were'} not carried over.`);
  if (d.t.bool(p.Enabled) === false) d.notes.add(`The event source mapping of ${owner} is disabled in the template; the edge is shown as enabled.`);
  return true;
}
