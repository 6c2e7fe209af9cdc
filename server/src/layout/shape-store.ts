import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ElkNode } from 'elkjs/lib/elk-api';
import elkPackage from 'elkjs/package.json';
import type { ShapeStore } from '../core/layout/index';

/**
 * Bump when what a stored shape means changes (`byPosition` in core/layout/layout.ts). ELK's version
 * is in the file too, and the layout options are in every key: a new ELK or new options lay out again.
 */
const FORMAT = 1;

/** Shapes kept at most (least recently used go first): about 2 kB each on disk, written whole on the main thread. */
export const MAX_STORED_SHAPES = 5_000;

/** The store on disk, and when it is read and written. */
export interface PersistentShapeStore extends ShapeStore {
  /** How many shapes it holds. */
  readonly size: number;
  /** Writes what changed now (it is written a moment after each layout, and at `flush`). */
  flush(): void;
}

const hash = (key: string): string => createHash('sha256').update(key).digest('base64url');

/**
 * Layouts of flow shapes kept on disk between sessions of the language server (see `ShapeStore`):
 * a file opened again, even by a server that has just started, is laid out without ELK. Read once,
 * when created; written (whole, to a temporary file renamed over the old one) `delayMs` after the
 * last change, and by `flush`. Keys are hashes of the shapes. A store that cannot be read (missing,
 * damaged, another ELK or format) starts empty; one that cannot be
 * written stays in memory: layouts never fail because of it.
 */
export function createShapeStore(file: string, options: { delayMs?: number; max?: number } = {}): PersistentShapeStore {
  const delayMs = options.delayMs ?? 2000;
  const max = options.max ?? MAX_STORED_SHAPES;
  const shapes = new Map<string, ElkNode>();
  let usable = true;
  let timer: NodeJS.Timeout | undefined;

  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch {
    usable = false;
  }
  if (usable) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; elk?: unknown; shapes?: unknown };
      if (data.format === FORMAT && data.elk === elkPackage.version && Array.isArray(data.shapes)) {
        for (const entry of data.shapes as unknown[]) {
          if (Array.isArray(entry) && typeof entry[0] === 'string' && entry[1] && typeof entry[1] === 'object') shapes.set(entry[0], entry[1] as ElkNode);
        }
      }
    } catch {
      // No store yet, or one that cannot be read: start empty.
    }
  }

  const write = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!usable) return;
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, elk: elkPackage.version, shapes: [...shapes] }), { mode: 0o600 });
      renameSync(tmp, file);
    } catch {
      usable = false; // read-only or full: keep the shapes in memory only
    }
  };
  const changed = (): void => {
    if (!usable || timer) return;
    timer = setTimeout(write, delayMs);
    timer.unref();
  };

  return {
    get size() {
      return shapes.size;
    },
    get(key) {
      const h = hash(key);
      const shape = shapes.get(h);
      if (shape) {
        // Most recently used last: what goes first when the store is full is what was used longest ago.
        shapes.delete(h);
        shapes.set(h, shape);
      }
      return shape;
    },
    set(key, shape) {
      const h = hash(key);
      shapes.delete(h);
      shapes.set(h, shape);
      for (const old of shapes.keys()) {
        if (shapes.size <= max) break;
        shapes.delete(old);
      }
      changed();
    },
    flush() {
      if (timer) write();
    },
  };
}
