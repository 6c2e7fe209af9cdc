/**
 * An S3 bucket in the simulation: an object written or removed makes an event record; each
 * notification whose event types and prefix/suffix filter match (S3-2, S3-3) delivers it: a function
 * asynchronously (S3-7), a queue or topic as the S3 event JSON. Loop tracking passes through S3 (R2).
 * S3 documents no retry policy for notifications: a target that refuses one loses it.
 */
import type { BucketNotification } from '../../kinds/bucket';
import type { GraphEdge, GraphNode } from '../../model/graph';
import { s3Record } from '../events';
import type { Accepted, NodeSim, Send, SendContext, SimKit, SimulateFacet } from '../types';

interface Notification {
  readonly edge: GraphEdge;
  readonly on: readonly string[];
  readonly prefix: string;
  readonly suffix: string;
}

/** Whether an event name (`ObjectCreated:Put`) is one of the types a notification lists (`ObjectCreated` is `ObjectCreated:*`). */
export function eventTypeMatches(types: readonly string[], eventName: string): boolean {
  return types.some((t) => t === eventName || (!t.includes(':') && eventName.startsWith(`${t}:`)) || (t.endsWith(':*') && eventName.startsWith(t.slice(0, -1))));
}

class BucketSim implements NodeSim {
  private readonly notifications: Notification[];
  private sequencer = 0;

  constructor(readonly node: GraphNode<'bucket'>, private readonly kit: SimKit) {
    const out = kit.graph.outgoing.get(node.id) ?? [];
    this.notifications = out.filter((e) => e.mechanism === 'notification').map((edge) => {
      const index = Number(edge.pointer[edge.pointer.indexOf('notifications') + 1]);
      const n: BucketNotification = node.settings.notifications?.[index] ?? {};
      return { edge, on: n.on ?? ['ObjectCreated'], prefix: n.prefix ?? '', suffix: n.suffix ?? '' };
    });
  }

  accept(send: Send, ctx: SendContext): Accepted {
    const { kit } = this;
    const id = this.node.id;
    if (!kit.available(id)) return 'ServiceUnavailable';
    if (send.action !== 'putObject' && send.action !== 'deleteObject') return `a bucket takes PutObject and DeleteObject, not ${send.action}`;
    const eventName = send.action === 'putObject' ? 'ObjectCreated:Put' : 'ObjectRemoved:Delete';
    const record = s3Record(id, eventName, send.key, send.action === 'putObject' ? send.size ?? 1024 : 0, kit.iso(kit.now()), ++this.sequencer);
    const env = kit.envelope(record, ctx);
    const stats = kit.stats(id);
    stats.received++;
    kit.reached(id, env);
    if (kit.logging) kit.log('deliver', ctx.from || id, { ...(ctx.edge ? { edge: ctx.edge.id } : {}), to: id, message: env.id, origin: env.origin, detail: `${eventName} ${send.key}` });
    else kit.mark();
    for (const n of this.notifications) {
      if (!eventTypeMatches(n.on, eventName) || !send.key.startsWith(n.prefix) || !send.key.endsWith(n.suffix)) continue;
      const to = n.edge.to;
      const target = kit.graph.nodes.get(to);
      const hop: SendContext = { from: id, origin: env.origin, born: env.born, edge: n.edge, ...(env.lineage ? { lineage: env.lineage } : {}) };
      const r = target?.kind === 'function'
        ? kit.invoke(to, { mode: 'async', records: [env], source: { kind: 's3', node: id, edge: n.edge }, event: () => ({ Records: [record] }) })
        : kit.send(to, target?.kind === 'topic' ? { action: 'publish', message: { Records: [record] } } : { action: 'sendMessage', message: { Records: [record] } }, hop);
      if (r === true) stats.succeeded++;
      else kit.lost(id, env, `the notification to '${to}' was refused (${r})`, env.id);
    }
    return true;
  }
}

/** The `simulate` facet of the bucket kind. */
export const bucketSimulation: SimulateFacet<GraphNode<'bucket'>> = {
  create: (node, kit) => new BucketSim(node, kit),
};
