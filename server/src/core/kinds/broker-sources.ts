/**
 * What the broker and cluster sources share (kinds `kafka`, `mq`, `docdb`). The cluster or broker
 * exists outside the file and is named by its ARN (self-managed Kafka: by its bootstrap servers); the
 * node is what Lambda reads there (a topic, a queue, a database's change stream), and `to` names the
 * reading functions. Each reader is an `AWS::Lambda::EventSourceMapping` polled with the function's
 * execution role; nothing else is generated, since the cluster or broker is not the stack's.
 */
import { ref, sub, type Cfn } from '../codegen/cfn';
import type { TemplateKit } from '../codegen/template-kit';
import type { GraphEdge, GraphNode } from '../model/graph';
import { toSeconds } from '../util/duration';
import type { Obj } from '../util/value';
import type { ArnScope, ImportFacet, Linker, ReferenceSlot } from './kind';
import { list } from './read';

/** The kinds whose node is read on a cluster or broker outside the file. */
export type BrokerKind = 'kafka' | 'mq' | 'docdb';

const READER = { at: /^to(\/#)?$/, names: ['function'] } as const satisfies ReferenceSlot;

/** Where a broker source names its readers. */
export const BROKER_READER_SLOTS: readonly ReferenceSlot[] = [READER];

/** The edges to a broker source's readers (one event source mapping each), in the order written. */
export function linkBrokerReaders(node: GraphNode<BrokerKind>, l: Linker): void {
  const c = node.config;
  const many = Array.isArray(c.to);
  list(c.to).forEach((t, i) => {
    const at = many ? node.pointer.concat('to', i) : node.pointer.concat('to');
    l.edge(node, l.ref(t, at, READER.names), READER.names, 'trigger', 'broker-mapping', `a reader of ${l.subject(node)}`);
  });
}

/** A list of non-empty strings as written (a single string is a list of one), or undefined. */
export function strings(v: unknown): string[] | undefined {
  const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : undefined;
  if (!items) return undefined;
  const out = items.filter((x): x is string => typeof x === 'string' && x !== '');
  return out.length > 0 ? out : undefined;
}

/** A non-empty string, or undefined. */
export const word = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** An ARN as written, for CloudFormation: `${AWS::Region}` and the like through `Fn::Sub`. */
export const arnValue = (text: string): Cfn => (text.includes('${') ? sub(text) : text);

/**
 * The ARN a permission on a broker source is on: its secret (`secret` scope), anything (`any`: the
 * EC2 network-interface and describe actions, which take no resource Archflow knows), else the
 * cluster's or broker's ARN.
 */
export function brokerArn(resourceArn: string | undefined, secret: string | undefined, p: ArnScope): Cfn {
  if (p.scope === 'any') return '*';
  if (p.scope === 'secret') return secret ? arnValue(secret) : '*';
  return resourceArn ? arnValue(resourceArn) : '*';
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** `StartingPosition` (default `LATEST`) and its timestamp, for Kafka and DocumentDB readers. */
export function startingPosition(o: Readonly<Record<string, unknown>>): Obj {
  const position = word(o.startingPosition) ?? 'LATEST';
  const stamp = typeof o.startingTimestamp === 'number' ? o.startingTimestamp : word(o.startingTimestamp);
  const seconds = stamp === undefined ? undefined : typeof stamp === 'number' ? stamp : /^\d+(\.\d+)?$/.test(stamp) ? Number(stamp) : Date.parse(stamp) / 1000;
  return {
    StartingPosition: position,
    StartingPositionTimestamp: position === 'AT_TIMESTAMP' && seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined,
  };
}

/**
 * Adds the event source mapping of a reader `edge` of a broker source: the function, the properties
 * of its source (`own`: the ARN or endpoints, topics or queues, access configurations, …), and the
 * batching every source shares.
 */
export function addBrokerMapping(edge: GraphEdge, own: Obj, t: TemplateKit): void {
  const o = edge.options;
  const window = toSeconds(o.batchWindow);
  t.add(t.ctx.newId([edge.to, 'From', edge.from, 'Mapping'], `mapping:${edge.id}`), 'AWS::Lambda::EventSourceMapping', {
    FunctionName: ref(t.ctx.id(edge.to)!),
    ...own,
    BatchSize: num(o.batchSize),
    MaximumBatchingWindowInSeconds: window === undefined ? undefined : Math.round(window),
  });
}

/** `[{ Type, URI }]` of a secret (the source's authentication), undefined without one. */
export function secretAccess(type: string, secret: string | undefined): Obj[] {
  return secret ? [{ Type: type, URI: arnValue(secret) }] : [];
}

/**
 * The import facet of every broker kind: made from the event source mappings that read it
 * (import/map-brokers.ts), not from a resource type of its own; its readers go to `to`.
 */
export const BROKER_READER_IMPORT: ImportFacet<BrokerKind> = {
  types: [],
  connect(d, from, to, options, key) {
    from.to.push(d.ref(to, options, key));
    return true;
  },
  edges(node, out) {
    if (node.to.length > 0) out.to = node.to.length === 1 ? node.to[0] : [...node.to];
  },
};
