import type { Analysis } from '../analyze';
import type { Span } from '../span';
import { aliasDefinition } from './aliases';
import { nameAt, occurrenceSpan, occurrencesOf } from './names';

/** Where a name is declared: the spans of its declarations (several when it is declared twice). */
export interface Definition {
  /** The name under the cursor. */
  readonly origin: Span;
  readonly targets: readonly Span[];
}

/**
 * Go to definition: from a reference (or a declaration) of a function, router, producer, event or
 * bus rule to the key that declares it; from a YAML alias (`*defaults`) to its anchor. Undefined when the offset is not on a name or the name is
 * not declared.
 */
export function definition(analysis: Analysis, offset: number): Definition | undefined {
  const at = nameAt(analysis, offset);
  if (!at) return aliasDefinition(analysis, offset);
  const targets: Span[] = [];
  for (const o of occurrencesOf(analysis, at.occurrence)) {
    if (o.role !== 'declaration') continue;
    const span = occurrenceSpan(analysis, o);
    if (span) targets.push(span);
  }
  return targets.length ? { origin: at.span, targets } : undefined;
}
