/**
 * Kind `docdb`: the change stream of an Amazon DocumentDB database (producer), on a cluster named by
 * its ARN. The cluster is not the stack's; each function in `to` reads the changes of `database`
 * (one `collection`, or all of them) through an event source mapping that signs in with the
 * credentials in `secret` (Secrets Manager).
 */
import { ACCOUNT, EPOCH_MS, REGION } from '../codegen/sample-events';
import type { Obj } from '../util/value';
import { addBrokerMapping, arnValue, brokerArn, BROKER_READER_SLOTS, linkBrokerReaders, secretAccess, startingPosition, word, BROKER_READER_IMPORT } from './broker-sources';
import type { KindModule } from './kind';
import { asWritten, put, shown, type Mutable } from './read';

/** The settings of a DocumentDB change stream. */
export interface DocdbSettings {
  /** The ARN of the cluster, when written. */
  readonly cluster?: string;
  readonly database?: string;
  /** The collection (all of the database's when not written). */
  readonly collection?: string;
  /** What an update carries: `Default` (the change) or `UpdateLookup` (also the whole document). */
  readonly fullDocument?: string;
  /** The Secrets Manager secret holding the cluster credentials, when written. */
  readonly secret?: string;
}

/**
 * What a function reading a DocumentDB change stream receives (Lambda developer guide, "Process
 * Amazon DocumentDB events with Lambda", example event). `@types/aws-lambda` has no type for it.
 */
export const DOCUMENTDB_EVENT =
  "{ eventSource: 'aws:docdb'; eventSourceArn: string; events: { event: { _id: { _data: string }; clusterTime: { $timestamp: { t: number; i: number } }; documentKey?: { _id: unknown }; fullDocument?: Record<string, unknown>; ns: { db: string; coll: string }; operationType: string } }[] }";

const SAMPLE_CLUSTER = `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:example`;

/** The `docdb` kind. */
export const docdb: KindModule<'docdb', DocdbSettings> = {
  kind: 'docdb',
  label: 'DocumentDB change stream',
  sections: ['producers'],
  aliases: ['documentdb', 'amazon documentdb', 'aws::docdb::dbcluster'],
  settings(c: Obj): DocdbSettings {
    const s: Mutable<DocdbSettings> = {};
    put(s, 'cluster', word(c.cluster));
    put(s, 'database', word(c.database));
    put(s, 'collection', word(c.collection));
    put(s, 'fullDocument', word(c.fullDocument));
    put(s, 'secret', word(c.secret));
    return s;
  },
  references: { slots: BROKER_READER_SLOTS, link: linkBrokerReaders },
  cloudformation: {
    suffix: 'ChangeStream',
    outside: true,
    arn: (node, _id, _ctx, p) => brokerArn(node.settings.cluster, node.settings.secret, p),
    edge(edge, from, _to, t) {
      if (edge.mechanism !== 'broker-mapping') return;
      const s = from.settings;
      const access = secretAccess('BASIC_AUTH', s.secret);
      addBrokerMapping(edge, {
        EventSourceArn: arnValue(s.cluster ?? ''),
        ...startingPosition(edge.options),
        DocumentDBEventSourceConfig: { DatabaseName: s.database, CollectionName: s.collection, FullDocument: s.fullDocument },
        SourceAccessConfigurations: access.length > 0 ? access : undefined,
      }, t);
    },
  },
  diagram: {
    icons: {
      // A database: a cylinder.
      docdb: { glyph: 'M5 6.5c0-1.7 3.1-3 7-3s7 1.3 7 3v11c0 1.7-3.1 3-7 3s-7-1.3-7-3z M5 6.5c0 1.7 3.1 3 7 3s7-1.3 7-3', colour: '#2f6fb3', subtitle: 'DocumentDB change stream' },
    },
    settings(node) {
      const s = node.settings;
      return shown([['database', s.database], ['collection', s.collection ?? (s.database ? 'all' : undefined)], ['cluster', s.cluster], ['full document', s.fullDocument]]);
    },
  },
  events: {
    trigger(edge, _source, _p, label) {
      if (edge.mechanism !== 'broker-mapping') return undefined;
      return { shape: 'docdb', eventType: DOCUMENTDB_EVENT, resultType: 'void', events: [], label };
    },
    sample(t) {
      const s = t.source.settings;
      return {
        eventSource: 'aws:docdb',
        eventSourceArn: s.cluster && !s.cluster.includes('${') ? s.cluster : SAMPLE_CLUSTER,
        events: [{
          event: {
            _id: { _data: '0163eeb6e7000000090100000009000041e1' },
            clusterTime: { $timestamp: { t: Math.floor(EPOCH_MS / 1000), i: 1 } },
            documentKey: { _id: { $oid: '63eeb6e7d418cd98afb1c1d7' } },
            fullDocument: { _id: { $oid: '63eeb6e7d418cd98afb1c1d7' }, example: true },
            ns: { db: s.database ?? 'example', coll: s.collection ?? t.source.id },
            operationType: 'insert',
          },
        }],
      };
    },
  },
  import: BROKER_READER_IMPORT,
  editor: {
    snippet: (fn) => ({
      block: [
        '${1:customers}:', '  type: docdb', '  cluster: ${2:arn:aws:rds:eu-west-1:123456789012:cluster:shop}', '  database: ${3:shop}', '  collection: ${4:customers}',
        '  secret: ${5:arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-docdb-AbCdEf}', `  to: { function: ${fn(6)}, startingPosition: LATEST }`,
      ],
      flow: `\${1:customers}: { type: docdb, cluster: \${2:arn:aws:rds:eu-west-1:123456789012:cluster:shop}, database: \${3:shop}, collection: \${4:customers}, secret: \${5:arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-docdb-AbCdEf}, to: { function: ${fn(6)}, startingPosition: LATEST } }`,
      doc: 'The change stream of an Amazon DocumentDB database (or one collection) read by a function.',
    }),
    hover: (node) => asWritten(node.config, ['cluster', 'database', 'collection', 'fullDocument', 'secret']),
  },
};
