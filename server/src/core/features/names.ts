import type { Analysis } from '../analyze';
import type { NameOccurrence } from '../model/graph';
import { pathAt, resolve } from '../parse/locate';
import type { Pointer, Span } from '../span';

/** A name under the cursor: its occurrence and the span of the name itself (inside any quotes). */
export interface NameAt {
  readonly occurrence: NameOccurrence;
  readonly span: Span;
}

/** True when two pointers name the same place (list indices may be numbers or strings). */
export function samePointer(a: Pointer, b: Pointer): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}

/** What an occurrence names: rules are per bus, nodes and events are global. */
export function symbolKey(o: NameOccurrence): string {
  return o.namespace === 'rule' ? `rule\u0000${String(o.pointer[1])}\u0000${o.name}` : `${o.namespace}\u0000${o.name}`;
}

/** The span of the name of an occurrence, without quotes; undefined when the text no longer has it. */
export function occurrenceSpan(analysis: Analysis, o: NameOccurrence): Span | undefined {
  const doc = analysis.doc.yaml;
  if (!doc) return undefined;
  const found = resolve(doc, o.pointer);
  if (found.depth !== o.pointer.length) return undefined;
  const node = o.target === 'key' ? found.pair?.key : found.node;
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!range) return undefined;
  return unquoted(analysis.doc.text, { start: range[0], end: range[1] });
}

/** Shrinks a quoted scalar's span to its content. */
export function unquoted(text: string, span: Span): Span {
  const first = text[span.start];
  if ((first === '"' || first === "'") && span.end - span.start >= 2 && text[span.end - 1] === first) {
    return { start: span.start + 1, end: span.end - 1 };
  }
  return span;
}

/** The name occurrence at an offset (a declaration's key or a reference's value), if any. */
export function nameAt(analysis: Analysis, offset: number): NameAt | undefined {
  const at = pathAt(analysis.doc.yaml, offset);
  if (at.pointer.length === 0) return undefined;
  const target = at.onKey ? 'key' : 'value';
  for (const o of analysis.graph.occurrences) {
    if (o.target !== target || !samePointer(o.pointer, at.pointer)) continue;
    const span = occurrenceSpan(analysis, o);
    if (span && span.start <= offset && offset <= span.end) return { occurrence: o, span };
  }
  // In a value written once under an anchor and taken in by aliases or merge keys (`<<: *shared`),
  // the occurrences have the pointers of the maps that take it in: find one written here.
  if (analysis.doc.text.includes('*')) {
    for (const o of analysis.graph.occurrences) {
      if (o.target !== target) continue;
      const span = occurrenceSpan(analysis, o);
      if (span && span.start <= offset && offset <= span.end) return { occurrence: o, span };
    }
  }
  return undefined;
}

/** Every occurrence of the same symbol (its declarations and references), in document order. */
export function occurrencesOf(analysis: Analysis, o: NameOccurrence): NameOccurrence[] {
  const key = symbolKey(o);
  return analysis.graph.occurrences.filter((x) => symbolKey(x) === key);
}
