import { sha256 } from './sha256';

/** Splits a name into words: `orderBus` → [order, Bus], `order-bus.fifo` → [order, bus, fifo]. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `order-bus` → `OrderBus`; always starts with a letter (`X` is prefixed when it would not). */
export function pascal(name: string): string {
  const out = words(name).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(out) ? out : 'X' + out;
}

/** `OrderBus` → `orderBus`. */
export function camel(name: string): string {
  const p = pascal(name);
  return p[0]!.toLowerCase() + p.slice(1);
}

/** `orderBus` → `ORDER_BUS`. */
export function constant(name: string): string {
  const out = words(name).map((w) => w.toUpperCase()).join('_');
  return /^[A-Z]/.test(out) ? out : 'X_' + out;
}

/** A short, stable tag of a string (4 hex digits of its SHA-256), to tell colliding names apart. */
export function tag(text: string): string {
  return sha256(text).slice(0, 4).toUpperCase();
}

/**
 * Hands out unique identifiers. `take(base, key)` returns `base` the first time, and `base` plus a tag
 * of `key` when `base` is already taken by another key — so an identifier depends only on the names
 * involved, never on declaration order, as long as the names don't collide.
 */
export class Allocator {
  private readonly byId = new Map<string, string>();
  private readonly byKey = new Map<string, string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.byId.set(r, '\u0000reserved');
  }

  take(base: string, key: string = base, join: (base: string, tag: string) => string = (b, t) => b + t): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let id = base;
    let salt = 0;
    while (this.byId.has(id)) id = join(base, tag(key + (salt++ ? '#' + salt : '')));
    this.byId.set(id, key);
    this.byKey.set(key, id);
    return id;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }
}

/** A file or folder name that is safe on every platform: no separators, no `.`/`..`, no drive letters. */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * True when a relative path stays inside the output folder whatever the platform: every segment is a
 * safe name (or one of the two dot files a project has). That alone refuses the empty path, a leading
 * or doubled `/` (an empty segment), `.` and `..`, `\\` and a drive letter (`C:`).
 */
export function isSafeRelativePath(path: string): boolean {
  return path.length <= 400 && path.split('/').every((s) => SAFE_SEGMENT.test(s) || s === '.archflow' || s === '.gitignore');
}

/** True when a node name can name a file (`src/handlers/<name>.ts`). */
export function isSafeFileName(name: string): boolean {
  return SAFE_SEGMENT.test(name) && !name.includes('..') && name.length <= 64;
}

/** Quotes a property name for TypeScript when it is not an identifier. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/**
 * Modules every generated project has in `src/generated/`: a function of the same name (compared
 * without case, for case-insensitive file systems) would overwrite one with its own module.
 */
export const SHARED_MODULES: readonly string[] = ['events', 'runtime'];
