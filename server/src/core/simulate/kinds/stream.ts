/**
 * A Kinesis data stream in the simulation: a record goes to the shard its partition key hashes to
 * (MD5 over the 128-bit key space, split evenly: Kinesis DG "key concepts"), each reader (an event
 * source mapping, esm.ts) reads every shard in order. Provisioned streams have `shards` (1 by default);
 * on-demand streams are simulated with 4. Records are kept for `retention` (24 h by default).
 */
import { createHash } from 'node:crypto';
import type { GraphNode } from '../../model/graph';
import { SIM_FACTS } from '../facts';
import { StreamMapping, type StreamSource } from '../esm';
import type { Accepted, NodeSim, Send, SendContext, SimKit, SimulateFacet } from '../types';

/** The shard of a partition key among `shards` (MD5 of the key as a 128-bit number, ranges split evenly). */
export function shardOf(partitionKey: string, shards: number): number {
  if (shards <= 1) return 0;
  const d = createHash('md5').update(partitionKey, 'utf8').digest();
  // The top 48 bits place the key in [0, 1) of the hash key space.
  const top = d.readUIntBE(0, 6) / 2 ** 48;
  return Math.min(shards - 1, Math.floor(top * shards));
}

class StreamSim implements NodeSim {
  private readonly mappings: StreamMapping[];
  private readonly shards: number;
  private readonly seq: number[];

  constructor(readonly node: GraphNode<'stream'>, private readonly kit: SimKit) {
    const s = node.settings;
    this.shards = s.mode === 'on-demand' ? SIM_FACTS.onDemandShards : Math.max(1, s.shards ?? 1);
    this.seq = new Array<number>(this.shards).fill(0);
    const source: StreamSource = { node, kind: 'kinesis', shards: this.shards, retention: s.retention !== undefined ? s.retention * 1000 : SIM_FACTS.kinesisRetention };
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
    if (send.action !== 'putRecord') return `a stream takes PutRecord, not ${send.action}`;
    const shard = shardOf(send.partitionKey, this.shards);
    const seq = ++this.seq[shard]!;
    // Loop tracking does not pass through Kinesis.
    const env = kit.envelope(send.data, { origin: ctx.origin, born: ctx.born }, { partitionKey: send.partitionKey, ...(ctx.event !== undefined ? { event: ctx.event } : {}) });
    const stats = kit.stats(id);
    stats.received++;
    kit.reached(id, env);
    if (kit.logging) kit.log('deliver', ctx.from || id, { ...(ctx.edge ? { edge: ctx.edge.id } : {}), to: id, message: env.id, origin: env.origin, detail: `shard ${shard}, key ${send.partitionKey}` });
    else kit.mark();
    const rec = { env, seq, shard, arrival: kit.now() };
    for (const m of this.mappings) m.append(rec);
    kit.depth(id, this.depth());
    return true;
  }
}

/** The `simulate` facet of the stream kind. */
export const streamSimulation: SimulateFacet<GraphNode<'stream'>> = {
  create: (node, kit) => new StreamSim(node, kit),
};
