/** A plain object as parsed values have them (not an array, not null). */
export type Obj = Record<string, unknown>;

/** True for a plain object (not an array, not null): a YAML or JSON map. */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
