/**
 * The contract of a kind module. A kind (queue, topic, function, …) is data plus a few functions in
 * one module, `kinds/<kind>.ts`, listed in `kinds/index.ts`: everything Archflow knows about it that
 * is not a lint rule. docs/contributing.md ("Adding a kind") walks through the facets.
 *
 * Kind modules import only types and leaf helpers (util/, codegen/cfn.ts, import/helpers.ts); the
 * registry is imported by the parts that use it (graph, codegen, import, diagram, features).
 */
import type { Obj } from '../util/value';

/** The three lanes of the event-driven model. */
export type Lane = 'producer' | 'router' | 'consumer';

/** The sections of the file that declare nodes. */
export type Section = 'producers' | 'routers' | 'consumers';

/** What parsing a declaration's settings may use besides the declaration itself. */
export interface SettingsInput {
  /** The node's name. */
  readonly name: string;
  readonly section: Section;
  /** The document's `defaults` (a plain object, `{}` when absent). */
  readonly defaults: Obj;
}

/**
 * The identity of a kind and its typed settings. `K` is the `type:` word, `S` the settings parsed
 * from the declaration once, when the graph is built (`GraphNode['settings']`).
 */
export interface KindIdentity<K extends string = string, S = unknown> {
  /** The `type:` word, e.g. `event-bus`. */
  readonly kind: K;
  /** How messages name it: `queue`, `event bus`, `HTTP API`. */
  readonly label: string;
  /** Where it may be declared (the first is where new ones go); `external` may stand in any section. */
  readonly sections: readonly Section[];
  /** The key naming it inside a target object, e.g. `bus` in `{ bus: orders }`. */
  readonly targetKey?: string;
  /**
   * True for `external`: it stands in for a resource of any kind, so any reference may name it,
   * messages and quick fixes never offer it, and nothing is generated for it.
   */
  readonly standsIn?: boolean;
  /**
   * Reads the declaration as written (a plain object, `{}` when the value was not a map) into typed
   * settings. Never throws: a value of the wrong type is left out (the schema reports it).
   */
  settings(config: Obj, input: SettingsInput): S;
}

/** A kind module: its identity and settings, and the facets the rest of Archflow asks it for. */
export type KindModule<K extends string = string, S = unknown> = KindIdentity<K, S>;
