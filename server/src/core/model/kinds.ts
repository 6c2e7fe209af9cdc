/**
 * The kinds of node, as the rest of the core has always read them. The truth is the kind registry
 * (`kinds/index.ts`, one module per kind); this module derives the old lookups from it.
 */
import { article, KIND_MODULES, KIND_OF_TARGET_KEY, LANE_OF_SECTION, TYPES_OF_SECTION, type NodeKind } from '../kinds/index';
import type { Section } from '../kinds/kind';

export type { Lane, Section } from '../kinds/kind';
export type { NodeKind } from '../kinds/index';
export { article, KIND_OF_TARGET_KEY, LANE_OF_SECTION, TYPES_OF_SECTION };

/** A kind's identity: its label, sections and target key. */
export interface KindInfo {
  readonly kind: NodeKind;
  readonly label: string;
  /** Where it is declared; `external` may stand in any section. */
  readonly sections: readonly Section[];
  /** The key naming it inside a target object, e.g. `bus` in `{ bus: orders }`. */
  readonly targetKey?: string;
}

/** Each kind's identity, by kind. */
export const KINDS: Readonly<Record<NodeKind, KindInfo>> = Object.fromEntries(
  KIND_MODULES.map((m) => [m.kind, { kind: m.kind, label: m.label, sections: m.sections, ...('targetKey' in m && m.targetKey ? { targetKey: m.targetKey } : {}) }]),
) as Record<NodeKind, KindInfo>;
