import type { Node, Pair } from 'yaml';
import type { Span } from '../span';

/** The span of a YAML node (its value range, without trailing comments), or undefined. */
export function nodeSpan(node: unknown): Span | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/** Moves the end of a span back over trailing whitespace (block collections end on the next line). */
export function trimEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1]!)) end--;
  return { start: span.start, end };
}

/** The span of a whole `key: value` pair, from the key to the end of the value. */
export function pairSpan(text: string, pair: Pair): Span | undefined {
  const key = nodeSpan(pair.key);
  if (!key) return undefined;
  const value = nodeSpan(pair.value as Node | null);
  return trimEnd(text, { start: key.start, end: Math.max(key.end, value?.end ?? key.end) });
}
