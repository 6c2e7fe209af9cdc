const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Reads a duration written as a number of seconds or as `30s`, `15m`, `12h`, `4d`, `500ms`.
 * Returns seconds, or undefined when the value is not a duration.
 */
export function toSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * units[m[2] ?? 's']!;
}

/** Formats seconds for messages: `900 s`, `4 d (345,600 s)`. */
export function formatSeconds(seconds: number): string {
  return `${seconds.toLocaleString('en-US')} s`;
}

/** `10240` → `10,240` */
export function n(value: number): string {
  return value.toLocaleString('en-US');
}

/** Seconds as the shortest exact duration: `14d`, `12h`, `15m`, or a number of seconds. */
export function durationText(value: number): string | number {
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (value >= size && value % size === 0) return `${value / size}${unit}`;
  }
  return value;
}
