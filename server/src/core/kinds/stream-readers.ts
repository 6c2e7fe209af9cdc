/**
 * The references of a record stream that Lambda reads (a Kinesis stream, a table's stream): `to`
 * names the reading functions, each with an optional `onFailure` queue or topic. Shared by the
 * stream and table kinds, so both link their readers the same way.
 */
import type { GraphNode } from '../model/graph';
import { isObj } from '../util/value';
import type { Linker, ReferenceSlot } from './kind';
import { list } from './read';

const READER = { at: /^to(\/#)?$/, names: ['function'] } as const satisfies ReferenceSlot;
const ON_FAILURE = { at: /^to(\/#)?\/onFailure$/, names: ['queue', 'topic'] } as const satisfies ReferenceSlot;

/** Where a stream's or table's declaration names its readers and their on-failure destinations. */
export const STREAM_READER_SLOTS: readonly ReferenceSlot[] = [READER, ON_FAILURE];

/** The edges to a stream's or table's readers and their on-failure destinations, in the order written. */
export function linkStreamReaders(node: GraphNode<'stream'> | GraphNode<'table'>, l: Linker): void {
  const c = node.config;
  const p = node.pointer;
  const many = Array.isArray(c.to);
  list(c.to).forEach((t, i) => {
    const at = many ? p.concat('to', i) : p.concat('to');
    l.edge(node, l.ref(t, at, READER.names), READER.names, 'trigger', 'stream-mapping', `a reader of ${l.subject(node)}`);
    if (isObj(t)) l.edge(node, l.ref(t.onFailure, at.concat('onFailure')), ON_FAILURE.names, 'on-failure', 'failure-destination', `the on-failure destination of ${l.subject(node)}`);
  });
}
