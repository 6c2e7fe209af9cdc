import type { Fix } from './fix';
/** A half-open range of UTF-16 offsets into the document text: `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A JSON pointer as a list of segments: `['routers', 'billing', 'to']`. */
export type Pointer = readonly (string | number)[];

/** How bad a problem is. Mirrors the three levels users can set per rule. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Which part of the YAML node at a pointer a problem is about:
 * - `value`: the node's value (the default);
 * - `key`: the map key that names it (`visibilityTimout:` in a typo);
 */
export type Target = 'key' | 'value';

/** A problem before it has a span: rules and validators report a pointer, `locate` turns it into a span. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly at: Pointer;
  readonly target?: Target;
  /** A machine-readable fix descriptor; the code-action handler switches on `fix.kind`. */
  readonly fix?: Fix;
  /** Nodes of the graph the problem is about (for badges on the diagram). */
  readonly nodes?: readonly string[];
  /**
   * A part of the string value at `at` (offsets into the string): the problem's span narrows to it
   * when the scalar is written on one line without escapes (`cron(0 2 * * * *)` → the offending field).
   */
  readonly within?: Within;
}

/** A range inside a string value: `offset` and `length` in UTF-16 code units of the string. */
export interface Within {
  readonly offset: number;
  readonly length: number;
}

/** A problem with its final span. */
export interface Problem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly pointer: Pointer;
  readonly fix?: Fix;
  readonly nodes?: readonly string[];
}

export type { Fix } from './fix';

/** Formats a pointer as an RFC 6901 string (`/routers/billing/to`). */
export function pointerToString(pointer: Pointer): string {
  if (pointer.length === 0) return '';
  for (const segment of pointer) {
    if (typeof segment === 'string' && (segment.includes('~') || segment.includes('/'))) {
      return pointer.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
    }
  }
  return '/' + pointer.join('/');
}

/** Orders severities from worst to mildest. */
export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
