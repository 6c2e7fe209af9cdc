/**
 * S3 notification filters as data: which keys and event types a notification fires on, and when two
 * filters overlap. Shared by the S3 rules and the loop rule (a function writing into a bucket only
 * closes a loop when its keys can match a notification).
 */
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import type { Pointer } from '../span';
import { isObj } from '../util/value';


/** One notification of a bucket as written. */
export interface BucketNotification {
  /** 0-based position in `notifications`. */
  readonly index: number;
  readonly pointer: Pointer;
  /** Event types without the `s3:` prefix (`ObjectCreated`, `ObjectCreated:Put`). */
  readonly on: readonly string[];
  /** `''` when absent: every key. */
  readonly prefix: string;
  readonly suffix: string;
  /** The trigger edge of this notification, when its target resolved. */
  readonly edge?: GraphEdge;
}

/** The notifications of a bucket node, with their edges. */
export function bucketNotifications(bucket: GraphNode, graph: Graph): BucketNotification[] {
  const list = bucket.config.notifications;
  if (!Array.isArray(list)) return [];
  const out: BucketNotification[] = [];
  list.forEach((n, index) => {
    if (!isObj(n)) return;
    const pointer = bucket.pointer.concat('notifications', index);
    const on = Array.isArray(n.on) ? n.on.filter((e): e is string => typeof e === 'string').map((e) => e.replace(/^s3:/, '').replace(/:\*$/, '')) : [];
    const edge = (graph.outgoing.get(bucket.id) ?? []).find(
      (e) => e.mechanism === 'notification' && e.pointer.length > pointer.length && pointer.every((s, i) => String(s) === String(e.pointer[i])),
    );
    out.push({
      index, pointer, on,
      prefix: typeof n.prefix === 'string' ? n.prefix : '',
      suffix: typeof n.suffix === 'string' ? n.suffix : '',
      ...(edge ? { edge } : {}),
    });
  });
  return out;
}

/** Two event types overlap when equal or when one is the family of the other (`ObjectCreated` ⊃ `ObjectCreated:Put`). */
export function eventTypesOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(b + ':') || b.startsWith(a + ':');
}

/** Some key starts with both prefixes (one is a prefix of the other; `''` overlaps everything). */
export function prefixesOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** Some key ends with both suffixes. */
export function suffixesOverlap(a: string, b: string): boolean {
  return a.endsWith(b) || b.endsWith(a);
}

/** True when a notification fires on objects being written (an `ObjectCreated` type). */
export function firesOnWrites(n: BucketNotification): boolean {
  return n.on.some((e) => eventTypesOverlap(e, 'ObjectCreated'));
}

/** The `access` words that send or write (model/edge-permissions.ts ACCESS): the others only read, list or delete. */
const WRITING = new Set(['write', 'read-write', 'send', 'publish', 'put']);

/** True when an emit edge sends to or writes what it names (no `access`, or one of its words writes). */
export function writes(edge: GraphEdge): boolean {
  const access = edge.options.access;
  const words = (Array.isArray(access) ? access : [access]).filter((a): a is string => typeof a === 'string');
  return words.length === 0 || words.some((w) => WRITING.has(w));
}

/** The key prefix a function writes under (`''`: anywhere). */
export function writePrefix(edge: GraphEdge): string {
  return typeof edge.options.prefix === 'string' ? edge.options.prefix : '';
}

/** True when keys written through `emit` can fire notification `n`. */
export function writeCanTrigger(emit: GraphEdge, n: BucketNotification): boolean {
  return writes(emit) && firesOnWrites(n) && prefixesOverlap(writePrefix(emit), n.prefix);
}

/** "keys under 'incoming/' ending in '.pdf'", "every key" */
export function describeFilter(prefix: string, suffix: string): string {
  if (!prefix && !suffix) return 'every key';
  if (!suffix) return `keys under '${prefix}'`;
  if (!prefix) return `keys ending in '${suffix}'`;
  return `keys under '${prefix}' ending in '${suffix}'`;
}
