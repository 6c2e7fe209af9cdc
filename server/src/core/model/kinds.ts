/**
 * The kinds of node. A kind is data: which section declares it, its lane on the diagram, its label,
 * and the key that names it in a target object (`{ queue: audit }`). Adding a kind starts here.
 */
export type NodeKind =
  | 'http-api' | 'bucket' | 'schedule' | 'table'
  | 'queue' | 'topic' | 'event-bus' | 'stream'
  | 'function'
  | 'external';

/** The three lanes of the event-driven model. */
export type Lane = 'producer' | 'router' | 'consumer';

/** The sections of the file that declare nodes. */
export type Section = 'producers' | 'routers' | 'consumers';

export interface KindInfo {
  readonly kind: NodeKind;
  readonly label: string;
  /** Where it is declared; `external` may stand in any section. */
  readonly sections: readonly Section[];
  /** The key naming it inside a target object, e.g. `bus` in `{ bus: orders }`. */
  readonly targetKey?: string;
}

export const KINDS: Readonly<Record<NodeKind, KindInfo>> = {
  'http-api': { kind: 'http-api', label: 'HTTP API', sections: ['producers'] },
  bucket: { kind: 'bucket', label: 'bucket', sections: ['producers'], targetKey: 'bucket' },
  schedule: { kind: 'schedule', label: 'schedule', sections: ['producers'] },
  table: { kind: 'table', label: 'table', sections: ['producers'], targetKey: 'table' },
  queue: { kind: 'queue', label: 'queue', sections: ['routers'], targetKey: 'queue' },
  topic: { kind: 'topic', label: 'topic', sections: ['routers'], targetKey: 'topic' },
  'event-bus': { kind: 'event-bus', label: 'event bus', sections: ['routers'], targetKey: 'bus' },
  stream: { kind: 'stream', label: 'stream', sections: ['routers'], targetKey: 'stream' },
  function: { kind: 'function', label: 'function', sections: ['consumers'], targetKey: 'function' },
  external: { kind: 'external', label: 'external resource', sections: ['producers', 'routers', 'consumers'] },
};

export const LANE_OF_SECTION: Readonly<Record<Section, Lane>> = { producers: 'producer', routers: 'router', consumers: 'consumer' };

/** `bus` → `event-bus`, `function` → `function`, … */
export const KIND_OF_TARGET_KEY: ReadonlyMap<string, NodeKind> = new Map(
  Object.values(KINDS).filter((k) => k.targetKey).map((k) => [k.targetKey!, k.kind]),
);

/** The type names allowed in each section (for `type:`). */
export const TYPES_OF_SECTION: Readonly<Record<Section, readonly NodeKind[]>> = {
  producers: ['http-api', 'bucket', 'schedule', 'table', 'external'],
  routers: ['queue', 'topic', 'event-bus', 'stream', 'external'],
  consumers: ['function', 'external'],
};

/** `a queue`, `an event bus` */
export function article(kind: NodeKind): string {
  const label = KINDS[kind].label;
  return (/^[aeiou]/i.test(label) ? 'an ' : 'a ') + label;
}
