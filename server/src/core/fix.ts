/**
 * Fix descriptors: what a quick fix does, as data. A rule puts one in its report; it travels to the
 * editor in `Diagnostic.data` and comes back with the code-action request, where `parseFix` checks
 * it (a client's `data` is untrusted); `features/fixes.ts` turns it into minimal text edits.
 * A new kind of fix: a member here, a case in `parseFix` and one in `fixes.ts`.
 */
import type { Pointer } from './span';
import { isObj } from './util/value';

/** Replaces the value at `at`, or inserts the missing keys; `refKey` turns a bare reference into `{ <refKey>: name, … }`. */
export interface SetValueFix { readonly kind: 'set-value'; readonly title: string; readonly at: Pointer; readonly value: unknown; readonly refKey?: string; readonly after?: string }
/** Adds `key: value` to the map at `at` (after the key `after`); replaces the value when the key exists. */
export interface InsertPropertyFix { readonly kind: 'insert-property'; readonly title: string; readonly at: Pointer; readonly key: string; readonly value: unknown; readonly after?: string }
/** Removes the map entry at `at`. */
export interface RemovePropertyFix { readonly kind: 'remove-property'; readonly title: string; readonly at: Pointer }
/** Appends `value` to the list at `at`. */
export interface AppendItemFix { readonly kind: 'append-item'; readonly title: string; readonly at: Pointer; readonly value: unknown }
/** Renames the key the problem points at (`from`: the key as written, when known). */
export interface RenameKeyFix { readonly kind: 'rename-key'; readonly title: string; readonly to: string; readonly from?: string }
/** Declares queue `name` after the queue at `queue` and makes it that queue's `deadLetter`. */
export interface AddDeadLetterQueueFix {
  readonly kind: 'add-dead-letter-queue'; readonly title: string; readonly queue: Pointer; readonly name: string;
  readonly fifo?: boolean; readonly retention?: string | number; readonly maxReceiveCount?: number;
}
/** Declares a missing node `name` of kind `as` (default: a function when allowed, else the first of `kinds`). */
export interface DeclareNodeFix { readonly kind: 'declare-node'; readonly title: string; readonly name: string; readonly kinds: readonly string[]; readonly as?: string }
/** Declares a missing catalog event. */
export interface DeclareEventFix { readonly kind: 'declare-event'; readonly title: string; readonly name: string; readonly source?: string }
/** Puts a new queue `name`, consumed by function `target`, between the reference at `at` and that function. */
export interface InsertQueueFix {
  readonly kind: 'insert-queue'; readonly title: string; readonly at: Pointer; readonly name: string; readonly target: string;
  readonly fifo?: boolean; readonly visibilityTimeout?: number;
}
/** Nests the value at `at` under `key`. */
export interface WrapValueFix { readonly kind: 'wrap-value'; readonly title: string; readonly at: Pointer; readonly key: string }
/** Renames a producer, router or consumer everywhere it is written. */
export interface RenameNodeFix { readonly kind: 'rename-node'; readonly title: string; readonly name: string; readonly to: string }
/** The edits of several fixes together (they must not overlap). */
export interface SeveralFix { readonly kind: 'several'; readonly title: string; readonly fixes: readonly Fix[] }

/** A fix descriptor that travels in `Diagnostic.data`. */
export type Fix =
  | SetValueFix | InsertPropertyFix | RemovePropertyFix | AppendItemFix | RenameKeyFix | AddDeadLetterQueueFix
  | DeclareNodeFix | DeclareEventFix | InsertQueueFix | WrapValueFix | RenameNodeFix | SeveralFix;

/** The kinds of fix. */
export type FixKind = Fix['kind'];

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const any: Check = () => true;
const pointer: Check = (v) => Array.isArray(v) && v.length <= 64 && v.every((s) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s) && s >= 0));
const strings: Check = (v) => Array.isArray(v) && v.length <= 32 && v.every(str);
const opt = (c: Check): Check => (v) => v === undefined || c(v);

/** The fields of each kind, with their checks (`title` and `kind` are checked for all). */
const FIELDS: { readonly [K in FixKind]: Readonly<Record<string, Check>> } = {
  'set-value': { at: pointer, value: any, refKey: opt(str), after: opt(str) },
  'insert-property': { at: pointer, key: str, value: any, after: opt(str) },
  'remove-property': { at: pointer },
  'append-item': { at: pointer, value: any },
  'rename-key': { to: str, from: opt(str) },
  'add-dead-letter-queue': { queue: pointer, name: str, fifo: opt(bool), retention: opt((v) => str(v) || num(v)), maxReceiveCount: opt(num) },
  'declare-node': { name: str, kinds: strings, as: opt(str) },
  'declare-event': { name: str, source: opt(str) },
  'insert-queue': { at: pointer, name: str, target: str, fifo: opt(bool), visibilityTimeout: opt(num) },
  'wrap-value': { at: pointer, key: str },
  'rename-node': { name: str, to: str },
  'several': { fixes: (v) => Array.isArray(v) && v.length <= 32 },
};

/**
 * Reads a fix descriptor from untrusted data (a client's `Diagnostic.data.fix`): the fix when `value`
 * is a well-formed fix of a known kind, else undefined. Unknown fields are dropped.
 */
export function parseFix(value: unknown, depth = 0): Fix | undefined {
  if (!isObj(value) || typeof value.kind !== 'string' || typeof value.title !== 'string') return undefined;
  if (!Object.prototype.hasOwnProperty.call(FIELDS, value.kind)) return undefined;
  const kind = value.kind as FixKind;
  const fields = FIELDS[kind];
  const out: Record<string, unknown> = { kind, title: value.title };
  for (const [name, check] of Object.entries(fields)) {
    if (!check(value[name])) return undefined;
    if (value[name] !== undefined) out[name] = value[name];
  }
  if (kind === 'several') {
    if (depth > 2) return undefined;
    const fixes = (value.fixes as unknown[]).map((f) => parseFix(f, depth + 1));
    if (fixes.some((f) => f === undefined)) return undefined;
    out.fixes = fixes;
  }
  return out as unknown as Fix;
}
