import type { Pointer } from '../span';
import { KIND_OF_TARGET_KEY, kindModule, kindOf, NODE_KINDS, SECTIONS, type NodeKind, type Section } from '../kinds/index';
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

/** The kind of the declaration `config` in `section`, from its `type` (consumers default to functions). */
export function declaredKind(section: string, config: unknown): NodeKind | undefined {
  if (!(SECTIONS as readonly string[]).includes(section)) return undefined;
  return kindOf(section as Section, isObj(config) ? config.type : undefined);
}

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
  for (const { at: pattern, names: what } of kindModule(kind).references.slots) {
    for (const [i, p] of candidates.entries()) {
      if (!pattern.test(p)) continue;
      if (what === 'event') return i === 0 ? { namespace: 'event' } : undefined;
      if (what === 'detail-type' || what === 'source') return i === 0 ? { namespace: what, bus: String(name) } : undefined;
      if (i === 1) return what === 'any' || what.includes(stated!) ? { namespace: 'node', kinds: [stated!] } : undefined;
      return { namespace: 'node', kinds: what === 'any' ? NODE_KINDS : what };
    }
  }
  return undefined;
}
