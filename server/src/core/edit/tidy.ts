/**
 * Keeps a gesture's text readable: a flow list that a gesture made longer than a person would write
 * on one line (`to: [{ function: pager, … }, { queue: audit, filter: …, … }]`) becomes a block list,
 * one `- item` a line, each item as written. Only lists the gesture wrote into are touched; a list
 * with a comment inside, or with text after it on its line, is left alone. Pure.
 */
import { isSeq, parseDocument, visit, type Node } from 'yaml';
import { applyEdits, type TextEdit } from '../features/fixes';
import { indentUnit } from './insert';

/** The longest line a gesture leaves in a flow list (longer: the list goes to block lines). */
export const MAX_LINE = 100;

type Range = [number, number, number];

/** Where the edits' new text lies in the edited text. */
function written(edits: readonly TextEdit[]): { start: number; end: number }[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  return sorted.map((e) => {
    const start = e.start + shift;
    shift += e.newText.length - (e.end - e.start);
    return { start, end: start + e.newText.length };
  });
}

/** The edits, with the long flow lists they wrote into as block lists (one edit then: the changed span). */
export function tidyEdits(text: string, edits: readonly TextEdit[]): readonly TextEdit[] {
  if (edits.length === 0) return edits;
  const after = applyEdits(text, edits);
  const ranges = written(edits);
  let doc;
  try {
    doc = parseDocument(after);
  } catch {
    return edits;
  }
  if (doc.errors.length) return edits;
  const eol = after.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(after);
  const rewrites: { start: number; end: number; newText: string }[] = [];
  visit(doc, {
    Seq(_key, node) {
      if (!isSeq(node) || !node.flow || !node.range) return undefined;
      const [start, end] = node.range as Range;
      const lineStart = after.lastIndexOf('\n', start - 1) + 1;
      let lineEnd = after.indexOf('\n', end);
      if (lineEnd < 0) lineEnd = after.length;
      const line = after.slice(lineStart, lineEnd).replace(/\r$/, '');
      if (line.length <= MAX_LINE) return undefined;
      if (!ranges.some((r) => r.start < end && start < r.end)) return undefined;
      // `key: [ … ]` alone on its line: a block map's entry.
      const head = after.slice(lineStart, start);
      if (!/^[ \t]*[^\s#\-[{][^#]*:[ \t]*$/.test(head) || after.slice(end, lineEnd).trim() !== '') return undefined;
      const body = after.slice(start, end);
      if (body.includes('#')) return undefined;
      const items = node.items.map((item) => {
        const r = (item as Node | null)?.range as Range | undefined;
        return r ? after.slice(r[0], r[1]).trim() : undefined;
      });
      if (items.length === 0 || items.some((i) => i === undefined || i === '')) return undefined;
      const indent = ' '.repeat((head.length - head.trimStart().length) + unit);
      // Replace from right after the colon (and its spaces) to the end of the list.
      const colon = lineStart + head.trimEnd().length;
      rewrites.push({ start: colon, end, newText: items.map((i) => `${eol}${indent}- ${i}`).join('') });
      return visit.SKIP;
    },
  });
  if (rewrites.length === 0) return edits;
  rewrites.sort((a, b) => b.start - a.start);
  let tidy = after;
  for (const r of rewrites) tidy = tidy.slice(0, r.start) + r.newText + tidy.slice(r.end);
  // One edit of the original text: the span between the common prefix and suffix.
  let p = 0;
  while (p < text.length && p < tidy.length && text[p] === tidy[p]) p++;
  let s = 0;
  while (s < text.length - p && s < tidy.length - p && text[text.length - 1 - s] === tidy[tidy.length - 1 - s]) s++;
  return [{ start: p, end: text.length - s, newText: tidy.slice(p, tidy.length - s) }];
}
