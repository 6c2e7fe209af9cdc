/**
 * Readers of written values into typed settings. Each returns `undefined` for a value of another
 * type (the schema reports it), so settings hold only what the format allows.
 */
import type { KeySetting } from '../layout/diagram';
import { toSeconds } from '../util/duration';
import { isObj, type Obj } from '../util/value';

/** A finite number. */
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A string (possibly empty). */
export const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A duration (`30`, `30s`, `15m`, `4d`, `500ms`) in seconds. */
export const seconds = (v: unknown): number | undefined => toSeconds(v);

/** A map, or undefined. */
export const map = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);

/** `{ attempts, maxAge }` of a retry policy (EventBridge targets, schedules), as written. */
export interface RetrySettings {
  readonly attempts?: number;
  /** Seconds. */
  readonly maxAge?: number;
}

/** A retry policy, when it is a map. */
export function retry(v: unknown): RetrySettings | undefined {
  if (!isObj(v)) return undefined;
  const out: { attempts?: number; maxAge?: number } = {};
  const attempts = num(v.attempts);
  const maxAge = seconds(v.maxAge);
  if (attempts !== undefined) out.attempts = attempts;
  if (maxAge !== undefined) out.maxAge = maxAge;
  return out;
}

/** Sets `key` on `o` when `value` is defined (settings objects only say what is written). */
export function put<O extends object, K extends keyof O>(o: O, key: K, value: O[K] | undefined): void {
  if (value !== undefined) o[key] = value;
}

/** `T` without `readonly`, to build settings field by field. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A value as a list: itself when a list, `[]` when absent, else a list of one. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** Key settings from `[name, value]` pairs, leaving out those without a value. */
export function shown(pairs: readonly (readonly [string, string | undefined])[]): KeySetting[] {
  const out: KeySetting[] = [];
  for (const [name, value] of pairs) if (value !== undefined && value !== '') out.push({ name, value });
  return out;
}

/** A value in inline code, as written: `` `4d` ``, `` `true` ``. */
export const inlineCode = (v: unknown): string => '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`';

/** `key \`value\`` for each of `keys` written in the declaration (hover shows values as written). */
export function asWritten(config: Obj, keys: readonly string[]): string[] {
  return keys.filter((k) => config[k] !== undefined).map((k) => `${k} ${inlineCode(config[k])}`);
}
