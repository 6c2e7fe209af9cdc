import type { Analysis } from '../analyze';
import type { Span } from '../span';
import { nameAt, occurrenceSpan, occurrencesOf } from './names';

/**
 * Find references: every place the name under the cursor is written (its references, and its
 * declarations when `includeDeclaration`), in document order. Undefined when not on a name.
 * `isCancelled` is polled so a request on a big file can be abandoned.
 */
export function references(analysis: Analysis, offset: number, includeDeclaration: boolean, isCancelled: () => boolean = () => false): Span[] | undefined {
  const at = nameAt(analysis, offset);
  if (!at) return undefined;
  const out: Span[] = [];
  // A reference inside an anchored value that merge keys or aliases reuse is written once.
  const seen = new Set<number>();
  for (const o of occurrencesOf(analysis, at.occurrence)) {
    if (isCancelled()) return undefined;
    if (o.role === 'declaration' && !includeDeclaration) continue;
    const span = occurrenceSpan(analysis, o);
    if (span && !seen.has(span.start)) {
      seen.add(span.start);
      out.push(span);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
