import { isMap, isPair, isSeq, type Node } from 'yaml';
import type { Analysis } from '../analyze';
import type { Span } from '../span';
import { unquoted } from './names';
import { nodeSpan, pairSpan, trimEnd } from './tree';

const inside = (span: Span | undefined, offset: number): span is Span => !!span && span.start <= offset && offset <= span.end;

/**
 * Selection ranges at an offset, innermost first: the word (inside quotes), the scalar, the
 * `key: value` pair, the collection holding it, its pair, … up to the whole document. Each span
 * contains the one before.
 */
export function selectionRanges(analysis: Analysis, offset: number): Span[] {
  const doc = analysis.doc.yaml;
  const text = analysis.doc.text;
  const chain: Span[] = [{ start: 0, end: trimEnd(text, { start: 0, end: text.length }).end }];
  if (doc) {
    let node = doc.contents as Node | null;
    const top = nodeSpan(node);
    if (inside(top, offset)) chain.push(trimEnd(text, top));
    for (;;) {
      let next: Node | null | undefined;
      if (isMap(node)) {
        for (const item of node.items) {
          if (!isPair(item)) continue;
          const whole = pairSpan(text, item);
          if (!inside(whole, offset)) continue;
          chain.push(whole);
          const key = nodeSpan(item.key);
          if (inside(key, offset)) {
            chain.push(key, unquoted(text, key));
            next = undefined;
          } else {
            const value = nodeSpan(item.value as Node | null);
            if (inside(value, offset)) {
              chain.push(trimEnd(text, value));
              next = item.value as Node;
            }
          }
          break;
        }
      } else if (isSeq(node)) {
        for (const item of node.items) {
          const s = nodeSpan(item);
          if (!inside(s, offset)) continue;
          chain.push(trimEnd(text, s));
          next = item as Node;
          break;
        }
      } else {
        const s = nodeSpan(node);
        if (inside(s, offset)) chain.push(unquoted(text, s));
      }
      if (!next) break;
      node = next;
    }
  }
  // Innermost first, each containing the next; drop repeats.
  const out: Span[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = chain[i]!;
    const last = out[out.length - 1];
    if (last && last.start === s.start && last.end === s.end) continue;
    if (last && !(s.start <= last.start && last.end <= s.end)) continue;
    out.push(s);
  }
  return out;
}
