/**
 * The kind registry: every kind Archflow knows, one module each, in the order the format lists them
 * (producers, routers, consumers; `external` last). Like the rule registry, a plain array: adding a
 * kind is adding its module here (docs/contributing.md, "Adding a kind").
 */
import { bucket } from './bucket';
import { docdb } from './docdb';
import { eventBus } from './event-bus';
import { external } from './external';
import { firehose } from './firehose';
import { fn } from './function';
import { httpApi } from './http-api';
import { kafka } from './kafka';
import type { KindModule, Lane, ReferenceSlot, Section } from './kind';
import type { Mechanism } from '../model/graph';
import { mq } from './mq';
import { pipe } from './pipe';
import { queue } from './queue';
import { schedule } from './schedule';
import { stateMachine } from './state-machine';
import { stream } from './stream';
import { table } from './table';
import { topic } from './topic';
import { websocketApi } from './websocket-api';

export type { KindModule, Lane, Section } from './kind';

/** Every kind, in the format's order. */
export const KIND_MODULES = [httpApi, websocketApi, bucket, schedule, table, kafka, mq, docdb, queue, topic, eventBus, stream, firehose, stateMachine, pipe, fn, external] as const;

/** The kinds of node: the `type:` words. */
export type NodeKind = (typeof KIND_MODULES)[number]['kind'];

/** The module of kind `K`. */
export type KindModuleOf<K extends NodeKind> = Extract<(typeof KIND_MODULES)[number], { readonly kind: K }>;

/** The typed settings of kind `K` (`GraphNode['settings']` once narrowed by `kind`). */
export type SettingsOf<K extends NodeKind> = ReturnType<KindModuleOf<K>['settings']>;

const BY_KIND: ReadonlyMap<string, KindModule<NodeKind>> = new Map(KIND_MODULES.map((m) => [m.kind, m as KindModule<NodeKind>]));

/** The module of a kind. */
export function kindModule<K extends NodeKind>(kind: K): KindModuleOf<K> {
  return BY_KIND.get(kind) as KindModuleOf<K>;
}

/** True for a `type:` word of the format. */
export function isNodeKind(word: unknown): word is NodeKind {
  return typeof word === 'string' && BY_KIND.has(word);
}

/** Every kind's name. */
export const NODE_KINDS: readonly NodeKind[] = KIND_MODULES.map((m) => m.kind);

/** The kinds other kinds reach through a mechanism (`reachedBy`), by mechanism. */
const REACHED_BY: ReadonlyMap<Mechanism, readonly NodeKind[]> = (() => {
  const out = new Map<Mechanism, NodeKind[]>();
  for (const m of KIND_MODULES as readonly KindModule<NodeKind>[]) for (const mech of m.reachedBy ?? []) (out.get(mech) ?? out.set(mech, []).get(mech)!).push(m.kind);
  return out;
})();

/**
 * The kinds an edge of `mechanism` may end at, given the kinds its slot names: those, and every
 * kind that declares it is reached that way (`reachedBy`), in the registry's order.
 */
export function targetKinds(names: readonly NodeKind[], mechanism: Mechanism | undefined): readonly NodeKind[] {
  const extra = mechanism ? REACHED_BY.get(mechanism) : undefined;
  if (!extra) return names;
  return NODE_KINDS.filter((k) => names.includes(k) || extra.includes(k));
}

/** What a slot names, with the kinds that declare they are reached through its mechanism. */
export function slotNames(slot: ReferenceSlot): ReferenceSlot['names'] {
  return Array.isArray(slot.names) ? targetKinds(slot.names as readonly NodeKind[], slot.mechanism) : slot.names;
}

/** The sections, in the format's order, and the lane of each. */
export const SECTIONS: readonly Section[] = ['producers', 'routers', 'consumers'];
export const LANE_OF_SECTION: Readonly<Record<Section, Lane>> = { producers: 'producer', routers: 'router', consumers: 'consumer' };

/** The type names allowed in each section (for `type:`), in the registry's order. */
export const TYPES_OF_SECTION: Readonly<Record<Section, readonly NodeKind[]>> = {
  producers: NODE_KINDS.filter((k) => kindModule(k).sections.includes('producers')),
  routers: NODE_KINDS.filter((k) => kindModule(k).sections.includes('routers')),
  consumers: NODE_KINDS.filter((k) => kindModule(k).sections.includes('consumers')),
};

/** The kind a section declares when `type` is left out (consumers are functions). */
export const DEFAULT_KIND_OF_SECTION: Readonly<Partial<Record<Section, NodeKind>>> = { consumers: 'function' };

/** Where a new declaration of a kind goes: its first section. */
export function sectionOfKind(kind: NodeKind): Section {
  return kindModule(kind).sections[0]!;
}

/** True for a kind some section declares when `type` is left out (a function). */
export function isDefaultKind(kind: string): boolean {
  return Object.values(DEFAULT_KIND_OF_SECTION).includes(kind as NodeKind);
}

/**
 * Where and how a new node of `kind` is declared (quick fixes, the diagram): its first section, and
 * `{}` for that section's default kind, else `{ type: kind }`. Undefined for a word that is not a kind
 * and for a kind that stands in for others (`external`: it needs the resource it stands for) or whose
 * resource is outside the stack (it needs the ARN of its cluster or broker).
 */
export function newDeclaration(kind: string): { readonly section: Section; readonly value: Record<string, unknown> } | undefined {
  if (!isNodeKind(kind) || kindModule(kind).standsIn) return undefined;
  // A kind read on a cluster or broker outside the stack needs its ARN first (`kafka`, `mq`, `docdb`): it is written, not dropped from a palette.
  if ((kindModule(kind) as KindModule<NodeKind>).cloudformation?.outside) return undefined;
  const section = sectionOfKind(kind);
  return { section, value: DEFAULT_KIND_OF_SECTION[section] === kind ? {} : { type: kind } };
}

/** `bus` → `event-bus`, `function` → `function`, … */
export const KIND_OF_TARGET_KEY: ReadonlyMap<string, NodeKind> = new Map(
  KIND_MODULES.flatMap((m): [string, NodeKind][] => ('targetKey' in m && m.targetKey ? [[m.targetKey, m.kind]] : [])),
);

/** The kind declared by `type` in `section`, or undefined when that section cannot declare it. */
export function kindOf(section: Section, type: unknown): NodeKind | undefined {
  const fallback = DEFAULT_KIND_OF_SECTION[section];
  if (fallback && (type === undefined || type === fallback)) return fallback;
  return isNodeKind(type) && TYPES_OF_SECTION[section].includes(type) ? type : undefined;
}

/** The key naming a kind inside a target object (`bus` for `event-bus`); undefined for `external`. */
export function targetKeyOf(kind: NodeKind): string | undefined {
  return (kindModule(kind) as { readonly targetKey?: string }).targetKey;
}

/** How messages name a kind: `queue`, `event bus`. */
export function kindLabel(kind: NodeKind): string {
  return kindModule(kind).label;
}

/** `a queue`, `an event bus`, `an HTTP API` (said "aitch"). */
export function article(kind: NodeKind): string {
  const label = kindLabel(kind);
  return (/^([aeiou]|HTTP\b)/i.test(label) ? 'an ' : 'a ') + label;
}

/** The CloudFormation resource types that hold data (every kind's `holdsData`): deploy calls removing or replacing one data loss. */
export const DATA_RESOURCE_TYPES: ReadonlySet<string> = new Set(
  KIND_MODULES.flatMap((m) => ('cloudformation' in m && m.cloudformation && 'holdsData' in m.cloudformation ? [...(m.cloudformation.holdsData ?? [])] : [])),
);

/** True for a kind whose resources hold data (it has `holdsData`). */
export function holdsData(kind: NodeKind): boolean {
  const cf = (kindModule(kind) as KindModule<NodeKind>).cloudformation;
  return (cf?.holdsData?.length ?? 0) > 0;
}
