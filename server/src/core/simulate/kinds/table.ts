/**
 * A DynamoDB table in the simulation: a write makes a stream record (INSERT, MODIFY or REMOVE, with
 * the item's keys and images in DynamoDB JSON) for the table's readers when it has some; each reader
 * is an event source mapping (esm.ts) polling the stream four times a second. The simulator gives a
 * table's stream one shard (a real table has one per partition), and keeps records 24 hours.
 */
import type { GraphNode } from '../../model/graph';
import { ACCOUNT, REGION } from '../../codegen/sample-events';
import { marshall } from '../events';
import { SIM_FACTS } from '../facts';
import { StreamMapping, type StreamSource } from '../esm';
import type { Accepted, NodeSim, Send, SendContext, SimKit, SimulateFacet } from '../types';

class TableSim implements NodeSim {
  private readonly mappings: StreamMapping[];
  private seq = 0;

  constructor(readonly node: GraphNode<'table'>, private readonly kit: SimKit) {
    const source: StreamSource = { node, kind: 'dynamodb', shards: 1, retention: SIM_FACTS.dynamodbStreamRetention };
    this.mappings = (kit.graph.outgoing.get(node.id) ?? [])
      .filter((e) => e.mechanism === 'stream-mapping' && kit.graph.nodes.get(e.to)?.kind === 'function')
      .map((e) => new StreamMapping(kit, source, e));
  }

  depth(): number {
    return Math.max(0, ...this.mappings.map((m) => m.backlog()));
  }

  accept(send: Send, ctx: SendContext): Accepted {
    const { kit } = this;
    const id = this.node.id;
    if (!kit.available(id)) return 'ServiceUnavailable';
    if (send.action !== 'putItem') return `a table takes PutItem, not ${send.action}`;
    const s = this.node.settings;
    const item = send.item;
    const keys: Record<string, unknown> = { [s.partitionKey.name]: marshall(item[s.partitionKey.name] ?? '') };
    if (s.sortKey) keys[s.sortKey.name] = marshall(item[s.sortKey.name] ?? '');
    const change = send.change ?? 'INSERT';
    const view = s.stream ?? 'NEW_AND_OLD_IMAGES';
    const image = (marshall(item) as { M: unknown }).M;
    const seq = ++this.seq;
    const record = {
      eventID: `sim-${seq}`, eventName: change, eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: REGION,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor((kit.epoch + kit.now()) / 1000), Keys: keys,
        ...(change !== 'REMOVE' && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES') ? { NewImage: image } : {}),
        ...(change !== 'INSERT' && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES') ? { OldImage: image } : {}),
        SequenceNumber: String(seq).padStart(21, '0'), SizeBytes: JSON.stringify(item).length, StreamViewType: view,
      },
      eventSourceARN: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${id}/stream/simulated`,
    };
    // Loop tracking does not pass through DynamoDB.
    const env = kit.envelope(record, { origin: ctx.origin, born: ctx.born }, { partitionKey: JSON.stringify(keys) });
    const stats = kit.stats(id);
    stats.received++;
    kit.reached(id, env);
    if (kit.logging) kit.log('deliver', ctx.from || id, { ...(ctx.edge ? { edge: ctx.edge.id } : {}), to: id, message: env.id, origin: env.origin, detail: `${change} ${JSON.stringify(item[s.partitionKey.name] ?? '')}` });
    else kit.mark();
    const rec = { env, seq, shard: 0, arrival: kit.now() };
    for (const m of this.mappings) m.append(rec);
    if (this.mappings.length) kit.depth(id, this.depth());
    return true;
  }
}

/** The `simulate` facet of the table kind. */
export const tableSimulation: SimulateFacet<GraphNode<'table'>> = {
  create: (node, kit) => new TableSim(node, kit),
};
