import type { Pointer } from '../span';
import { KIND_OF_TARGET_KEY, KINDS, TYPES_OF_SECTION, type NodeKind, type Section } from '../model/kinds';
import { isObj } from '../util/value';

/**
 * What a name written at some place of the file must be:
 * - `node`: a producer, router or consumer of one of `kinds`;
 * - `event`: a catalog event;
 * - `detail-type` / `source`: in an event-bus rule's pattern, the detail type or source of an event
 *   emitted onto `bus`.
 */
export type Slot =
  | { readonly namespace: 'node'; readonly kinds: readonly NodeKind[] }
  | { readonly namespace: 'event' }
  | { readonly namespace: 'detail-type' | 'source'; readonly bus: string };

const SECTIONS: readonly string[] = ['producers', 'routers', 'consumers'];
const ALL_KINDS = Object.keys(KINDS) as NodeKind[];


/** The kind of the declaration `config` in `section`, from its `type` (consumers default to functions). */
export function declaredKind(section: string, config: unknown): NodeKind | undefined {
  if (!SECTIONS.includes(section)) return undefined;
  const type = isObj(config) ? config.type : undefined;
  if (section === 'consumers' && (type === undefined || type === 'function')) return 'function';
  const allowed = TYPES_OF_SECTION[section as Section] as readonly string[];
  return typeof type === 'string' && allowed.includes(type) ? (type as NodeKind) : undefined;
}

/** The rules of the format's references, by kind, as paths under the declaration (`#` is a list index, `*` any key). */
const TABLE: Readonly<Partial<Record<NodeKind, readonly [RegExp, readonly NodeKind[] | 'event' | 'detail-type' | 'source'][]>>> = {
  'http-api': [
    [/^routes\/[^/]+$/, ['function', 'queue', 'event-bus', 'stream']],
    [/^routes\/[^/]+\/event$/, 'event'],
  ],
  bucket: [[/^notifications\/#\/to$/, ['function', 'queue', 'topic']]],
  schedule: [
    [/^to$/, ['function', 'queue', 'topic', 'event-bus', 'stream']],
    [/^deadLetter$/, ['queue']],
  ],
  table: [
    [/^to(\/#)?$/, ['function']],
    [/^to(\/#)?\/onFailure$/, ['queue', 'topic']],
  ],
  stream: [
    [/^to(\/#)?$/, ['function']],
    [/^to(\/#)?\/onFailure$/, ['queue', 'topic']],
  ],
  queue: [
    [/^to$/, ['function']],
    [/^deadLetter(\/queue)?$/, ['queue']],
  ],
  topic: [
    [/^to(\/#)?$/, ['function', 'queue']],
    [/^to(\/#)?\/deadLetter$/, ['queue']],
  ],
  'event-bus': [
    [/^rules\/[^/]+\/to(\/#)?$/, ['function', 'queue', 'topic', 'event-bus', 'stream']],
    [/^rules\/[^/]+\/to(\/#)?\/deadLetter$/, ['queue']],
    [/^rules\/[^/]+\/pattern\/detail-type(\/#)?$/, 'detail-type'],
    [/^rules\/[^/]+\/pattern\/source(\/#)?$/, 'source'],
  ],
  function: [
    [/^emits\/#(\/to)?$/, ['queue', 'topic', 'event-bus', 'stream', 'bucket', 'table']],
    [/^emits\/#\/event$/, 'event'],
    [/^async\/onFailure$/, ['queue', 'topic', 'event-bus', 'function']],
    [/^policies\/#\/resources\/#$/, ALL_KINDS],
  ],
  external: [[/^to(\/#)?$/, ALL_KINDS]],
};

/**
 * The slot of a name written at `pointer`, given the declaration it is under (`config`, as written).
 * A target object's kind key (`{ queue: x }`) narrows the slot to that kind.
 */
export function slotAt(pointer: Pointer, config: unknown): Slot | undefined {
  const [section, name, ...rest] = pointer;
  if (typeof section !== 'string' || name === undefined) return undefined;
  const kind = declaredKind(section, config);
  if (!kind) return undefined;
  const path = rest.map((s) => (typeof s === 'number' || /^\d+$/.test(String(s)) ? '#' : String(s).replace(/\//g, '~1')));
  // `{ function: x }` and friends: the key names the kind.
  const last = path[path.length - 1];
  const stated = last !== undefined ? KIND_OF_TARGET_KEY.get(last) : undefined;
  const candidates = stated ? [path.join('/'), path.slice(0, -1).join('/')] : [path.join('/')];
  for (const [pattern, what] of TABLE[kind] ?? []) {
    for (const [i, p] of candidates.entries()) {
      if (!pattern.test(p)) continue;
      if (what === 'event') return i === 0 ? { namespace: 'event' } : undefined;
      if (what === 'detail-type' || what === 'source') return i === 0 ? { namespace: what, bus: String(name) } : undefined;
      if (i === 1) return what.includes(stated!) || what === ALL_KINDS ? { namespace: 'node', kinds: [stated!] } : undefined;
      return { namespace: 'node', kinds: what };
    }
  }
  return undefined;
}
