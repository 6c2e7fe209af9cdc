/** Kind `table`: a DynamoDB table (producer). With `stream`, item changes flow to the functions in `to`. */
import { isObj, type Obj } from '../util/value';
import { getAtt, ref } from '../codegen/cfn';
import { addEventSourceMapping } from '../codegen/event-source-mapping';
import type { EmitterSpec } from '../codegen/events-kit';
import { ACCOUNT, EPOCH_MS, REGION } from '../codegen/sample-events';
import { noteRest, put as putProp } from '../import/helpers';
import { asList } from '../import/template';
import type { KindModule, ReferenceSlot } from './kind';
import { asWritten, list, shown, text } from './read';

/** A key attribute: `name` or `name:S|N|B` as written, and what it says. */
export interface KeyAttribute {
  /** As written, e.g. `id:N` (`pk` when not written). */
  readonly text: string;
  /** The attribute name (`pk` when the text has none). */
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** Reads `name` or `name:S|N|B`. */
export function keyAttribute(written: string): KeyAttribute {
  const [name, type] = written.split(':');
  return { text: written, name: name || 'pk', type: type === 'N' || type === 'B' ? type : 'S' };
}

/** The settings of a table. */
export interface TableSettings {
  /** The partition key (`pk`, a string, when not written). */
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** The stream view type (`NEW_IMAGE`, …), when written. */
  readonly stream?: string;
  /** True when the declaration names stream readers (`to`). */
  readonly hasReaders: boolean;
}

const READER = { at: /^to(\/#)?$/, names: ['function'] } as const satisfies ReferenceSlot;
const ON_FAILURE = { at: /^to(\/#)?\/onFailure$/, names: ['queue', 'topic'] } as const satisfies ReferenceSlot;

/** The `table` kind. */
export const table: KindModule<'table', TableSettings> = {
  kind: 'table',
  label: 'table',
  sections: ['producers'],
  aliases: ['dynamodb', 'ddb', 'aws::dynamodb::table'],
  targetKey: 'table',
  settings(c: Obj): TableSettings {
    const pk = text(c.partitionKey);
    const sk = text(c.sortKey);
    const view = text(c.stream);
    return {
      partitionKey: keyAttribute(pk ?? 'pk'),
      ...(sk ? { sortKey: keyAttribute(sk) } : {}),
      ...(view !== undefined ? { stream: view } : {}),
      hasReaders: c.to !== undefined,
    };
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
    suffix: 'Table',
    arn: (_node, id, _ctx, p) => getAtt(id, p.scope === 'stream' ? 'StreamArn' : 'Arn'),
    env: { word: 'TABLE', holds: 'NAME', value: (_node, id) => ref(id) },
    resources(node, t) {
      const { ctx } = t;
      const id = ctx.id(node.id)!;
      const s = node.settings;
      const pk = s.partitionKey;
      const sk = s.sortKey;
      const hasReaders = ctx.out(node.id).some((e) => e.mechanism === 'stream-mapping');
      const view = s.stream || (hasReaders ? 'NEW_AND_OLD_IMAGES' : undefined);
      t.add(id, 'AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [pk, ...(sk ? [sk] : [])].map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
        KeySchema: [{ AttributeName: pk.name, KeyType: 'HASH' }, ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' }] : [])],
        StreamSpecification: view ? { StreamViewType: view } : undefined,
      });
      t.output(`${id}Name`, { Description: `Name of table '${node.id}'.`, Value: ref(id) });
    },
    edge(edge, from, _to, t) {
      // Its readers' failure destinations are part of their mappings.
      if (edge.mechanism === 'stream-mapping') addEventSourceMapping(edge, 'stream', getAtt(t.ctx.id(from.id)!, 'StreamArn'), t);
    },
  },
  diagram: {
    icons: {
      // A database cylinder.
      table: { glyph: 'M5 6v12c0 2.2 14 2.2 14 0V6 M5 6a7 2.2 0 1 0 14 0a7 2.2 0 1 0-14 0 M5 12c0 2.2 14 2.2 14 0', colour: '#2f62b8', subtitle: 'DynamoDB table' },
    },
    settings: (node) => shown([
      ['partition key', node.settings.partitionKey.text],
      ['sort key', node.settings.sortKey?.text],
      ['stream', node.settings.stream],
    ]),
  },
  events: {
    trigger(edge, _source, _p, label) {
      if (edge.mechanism !== 'stream-mapping') return undefined;
      return { shape: 'dynamodb', eventType: 'DynamoDBStreamEvent', resultType: edge.options.reportFailures === true ? 'DynamoDBBatchResponse | void' : 'void', events: [], label };
    },
    sample(t) {
      const key = t.source.settings.partitionKey.name;
      return {
        Records: [{
          awsRegion: REGION, eventID: 'c4ca4238a0b923820dcc509a6f75849b', eventName: 'INSERT', eventSource: 'aws:dynamodb', eventVersion: '1.1',
          eventSourceARN: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${t.source.id}/stream/2025-01-15T12:00:00.000`,
          dynamodb: { ApproximateCreationDateTime: EPOCH_MS / 1000, Keys: { [key]: { S: 'example' } }, NewImage: { [key]: { S: 'example' } }, SequenceNumber: '111', SizeBytes: 26, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }],
      };
    },
  },
  emit: {
    emitters(_edge, target, e) {
      const out: EmitterSpec[] = [];
      if (e.access !== 'read') out.push({ base: `putItemTo${e.T}`, helper: 'putItem', params: 'item: Record<string, unknown>', call: `putItem(${e.env}, item)`, returns: 'Promise<void>', doc: `Writes an item to table '${target.id}' (name in ${e.envName}).` });
      if (e.access === 'read' || e.access === 'read-write') out.push({ base: `getItemFrom${e.T}`, helper: 'getItem', params: 'key: Record<string, unknown>', call: `getItem(${e.env}, key)`, returns: 'Promise<Record<string, unknown> | undefined>', doc: `Reads an item of table '${target.id}' by key.` });
      return out;
    },
  },
  import: {
    types: ['AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'],
    settings(d, r, node) {
      const { t } = d;
      const p = r.properties;
      if (r.type === 'AWS::Serverless::SimpleTable') {
        const pk = isObj(p.PrimaryKey) ? p.PrimaryKey : undefined;
        const name = pk ? t.str(pk.Name) : 'id';
        const type = pk ? t.str(pk.Type) : 'String';
        node.props.partitionKey = type === 'Number' ? `${name}:N` : type === 'Binary' ? `${name}:B` : name;
        noteRest(d, r, p, ['PrimaryKey', 'TableName']);
        return;
      }
      const types = new Map<string, string>();
      for (const a of asList(p.AttributeDefinitions)) if (isObj(a)) types.set(String(t.render(a.AttributeName)), String(t.render(a.AttributeType)));
      const key = (role: string): string | undefined => {
        const k = asList(p.KeySchema).find((e) => isObj(e) && t.str(e.KeyType) === role) as Obj | undefined;
        const name = k ? t.str(k.AttributeName) : undefined;
        if (!name) return undefined;
        const type = types.get(name) ?? 'S';
        return type === 'S' ? name : `${name}:${type}`;
      };
      putProp(node.props, 'partitionKey', key('HASH'));
      putProp(node.props, 'sortKey', key('RANGE'));
      const view = isObj(p.StreamSpecification) ? t.str(p.StreamSpecification.StreamViewType) : undefined;
      if (view && ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'].includes(view)) node.props.stream = view;
      if (isObj(p.KinesisStreamSpecification)) {
        const stream = t.target(p.KinesisStreamSpecification.StreamArn);
        d.notes.add(`${r.id} sends item changes to ${stream ? stream.id : 'a Kinesis stream'} (KinesisStreamSpecification): Archflow cannot express a table-to-stream link, so it is not shown.`);
      }
      noteRest(d, r, p, ['AttributeDefinitions', 'KeySchema', 'StreamSpecification', 'KinesisStreamSpecification', 'TableName']);
    },
    connect(d, from, to, options, key) {
      from.to.push(d.ref(to, options, key));
      return true;
    },
    edges(node, out) {
      if (node.to.length > 0) out.to = node.to.length === 1 ? node.to[0] : [...node.to];
    },
    grants: {
      service: 'dynamodb',
      write: ['putitem', 'updateitem', 'deleteitem', 'batchwriteitem', 'transactwriteitems', 'partiqlinsert', 'partiqlupdate', 'partiqldelete'],
      read: ['getitem', 'query', 'scan', 'batchgetitem', 'transactgetitems', 'partiqlselect'],
      templates: {
        DynamoDBCrudPolicy: { arg: 'TableName', access: ['read', 'write'] },
        DynamoDBWritePolicy: { arg: 'TableName', access: ['write'] },
        DynamoDBReadPolicy: { arg: 'TableName', access: ['read'] },
      },
    },
  },
  editor: {
    snippet: (fn) => ({
      block: ['${1:orders-table}:', '  type: table', '  stream: NEW_AND_OLD_IMAGES', `  to: { function: ${fn(2)}, startingPosition: LATEST }`],
      flow: `\${1:orders-table}: { type: table, stream: NEW_AND_OLD_IMAGES, to: { function: ${fn(2)}, startingPosition: LATEST } }`,
      doc: 'A DynamoDB table whose stream feeds a function.',
    }),
    hover: (node) => asWritten(node.config, ['partitionKey', 'sortKey', 'stream']),
  },
};
