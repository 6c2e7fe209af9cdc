import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { fastParse } from '../../server/src/core/parse/fast-yaml';
import { toValue } from '../../server/src/core/parse/to-value';

/**
 * Where the content before `end` ends: back over spaces, line breaks and comments. Two collection
 * ranges that differ only by the trailing comments they take in are the same place in the text.
 */
export function contentEnd(text: string, end: number): number {
  let e = end;
  for (;;) {
    while (e > 0 && /\s/.test(text[e - 1]!)) e--;
    const lineStart = text.lastIndexOf('\n', e - 1) + 1;
    const line = text.slice(lineStart, e);
    const hash = line.search(/(^|\s)#/);
    if (hash < 0) return e;
    e = lineStart + hash;
  }
}

/**
 * Differences between two YAML trees (node kinds, `range[0..1]`, scalar values and types, flow
 * flags, anchors, the names aliases refer to), as `path: what` lines; empty when they are the same. For the fast parser's tests. With
 * `text`, the ends of block collections are compared up to trailing comments (`contentEnd`).
 */
export function treeDifferences(a: unknown, b: unknown, path = '$', text?: string): string[] {
  const kind = (n: unknown): string => (n === null || n === undefined ? 'null' : isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : isAlias(n) ? 'alias' : 'other');
  const ka = kind(a);
  const kb = kind(b);
  if (ka !== kb) return [`${path}: ${ka} ≠ ${kb}`];
  if (ka === 'null') return [];
  const out: string[] = [];
  const anchor = (n: unknown): unknown => (n as { anchor?: string }).anchor;
  if (anchor(a) !== anchor(b)) out.push(`${path}: anchor ${String(anchor(a))} ≠ ${String(anchor(b))}`);
  if (ka === 'alias' && (a as { source: string }).source !== (b as { source: string }).source) out.push(`${path}: alias of ${(a as { source: string }).source} ≠ ${(b as { source: string }).source}`);
  const ra = (a as { range?: number[] }).range;
  const rb = (b as { range?: number[] }).range;
  const collection = ka === 'map' || ka === 'seq';
  const endA = text !== undefined && collection && ra ? contentEnd(text, ra[1]!) : ra?.[1];
  const endB = text !== undefined && collection && rb ? contentEnd(text, rb[1]!) : rb?.[1];
  if (ra?.[0] !== rb?.[0] || endA !== endB) out.push(`${path}: range ${ra?.slice(0, 3)} ≠ ${rb?.slice(0, 3)}`);
  if (ka === 'alias') return out;
  if (ka === 'scalar') {
    const va = (a as { value: unknown }).value;
    const vb = (b as { value: unknown }).value;
    if (!Object.is(va, vb)) out.push(`${path}: value ${JSON.stringify(va)} ≠ ${JSON.stringify(vb)}`);
    if ((a as { type?: string }).type !== (b as { type?: string }).type) out.push(`${path}: type ${(a as { type?: string }).type} ≠ ${(b as { type?: string }).type}`);
    // What yaml writes the scalar back as (its text, `0x1F` in hex, `1e3` with an exponent, `1.50` with two digits).
    for (const key of ['source', 'format', 'minFractionDigits'] as const) {
      const pa = (a as Record<string, unknown>)[key];
      const pb = (b as Record<string, unknown>)[key];
      if (pa !== pb) out.push(`${path}: ${key} ${JSON.stringify(pa)} ≠ ${JSON.stringify(pb)}`);
    }
    return out;
  }
  if (!!(a as { flow?: boolean }).flow !== !!(b as { flow?: boolean }).flow) out.push(`${path}: flow ${(a as { flow?: boolean }).flow} ≠ ${(b as { flow?: boolean }).flow}`);
  const ia = (a as { items: unknown[] }).items;
  const ib = (b as { items: unknown[] }).items;
  if (ia.length !== ib.length) return [...out, `${path}: ${ia.length} items ≠ ${ib.length}`];
  ia.forEach((x, i) => {
    if (isPair(x) && isPair(ib[i])) {
      out.push(...treeDifferences(x.key, (ib[i] as { key: unknown }).key, `${path}.${i}.key`, text));
      out.push(...treeDifferences(x.value, (ib[i] as { value: unknown }).value, `${path}.${i}.value`, text));
    } else {
      out.push(...treeDifferences(x, ib[i], `${path}[${i}]`, text));
    }
  });
  return out;
}

/**
 * The same parse as parse.ts, through the `yaml` package, with yaml's own duplicate-key check on
 * (it only adds DUPLICATE_KEY errors; the tree is the one parse.ts gets).
 */
export function slow(text: string) {
  return parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error', keepSourceTokens: false, lineCounter: new LineCounter() });
}

/** Where the fast path answers, it answers exactly what `yaml` answers: no error, the same tree and value. */
export function sameAsYaml(text: string): 'fast' | 'bail' {
  const fast = fastParse(text);
  if (!fast) return 'bail';
  const reference = slow(text);
  const errors = reference.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  if (errors.length > 0) expect.fail(`the fast path accepted text yaml rejects (${errors[0]!.message}): ${JSON.stringify(text)}`);
  const differences = treeDifferences(fast.doc.contents, reference.contents, '$', text);
  if (differences.length > 0) expect(differences, text).toEqual([]);
  // The value the yaml path builds (to-value.ts: aliases shared, merge keys resolved).
  const value = toValue(reference, text).value;
  if (!isDeepStrictEqual(fast.value, value)) expect.fail(`values differ:\n${text}\n${JSON.stringify(fast.value)}\n${JSON.stringify(value)}`);
  const ranges = [fast.doc.range[0], contentEnd(text, fast.doc.range[1]), reference.range[0], contentEnd(text, reference.range[1])];
  if (ranges[0] !== ranges[2] || ranges[1] !== ranges[3]) expect(ranges.slice(0, 2), text).toEqual(ranges.slice(2));
  // Duplicate keys: as many as yaml's own check reports, each marked on the key itself (yaml marks
  // one character at or before it).
  const reported = reference.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]).sort((a, b) => a - b);
  const ours = fast.duplicates.map((d) => d.start).sort((a, b) => a - b);
  if (ours.length !== reported.length || ours.some((start, i) => reported[i]! > start)) {
    expect.fail(`duplicate keys at ${ours.join(', ')}, yaml reports ${reported.join(', ')}: ${JSON.stringify(text)}`);
  }
  return 'fast';
}

/**
 * Every node of a tree with its kind and whole range (`range[2]` included: after the spaces, line breaks
 * and comments that follow the node), in document order. `treeDifferences` reads only the first two numbers.
 */
export function nodeRanges(node: unknown, path = '$', out: string[] = []): string[] {
  if (node === null || node === undefined) return out;
  if (isPair(node)) {
    nodeRanges(node.key, `${path}.key`, out);
    nodeRanges(node.value, `${path}.value`, out);
    return out;
  }
  const kind = isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) ? 'scalar' : 'other';
  out.push(`${path} ${kind} ${JSON.stringify((node as { range?: number[] }).range)}`);
  if (isMap(node) || isSeq(node)) node.items.forEach((item, i) => nodeRanges(item, `${path}[${i}]`, out));
  return out;
}
