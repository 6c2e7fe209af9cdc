import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Analysis } from '../analyze';
import type { Span } from '../span';
import { nodeSpan, trimEnd } from './tree';

/** A foldable region; the editor folds it when it spans more than one line. */
export interface FoldingSpan extends Span {
  readonly kind?: 'comment';
}

/**
 * Folding regions: every block or flow collection and block scalar from the line of its key (or
 * list dash) to its last line, and runs of two or more comment lines.
 */
export function foldingRanges(analysis: Analysis, isCancelled: () => boolean = () => false): FoldingSpan[] {
  const doc = analysis.doc.yaml;
  const text = analysis.doc.text;
  const out: FoldingSpan[] = [];
  if (doc) {
    const visit = (node: Node | null, from: number | undefined): void => {
      if (isCancelled()) return;
      const span = nodeSpan(node);
      if (span && from !== undefined && (isMap(node) || isSeq(node) || (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')))) {
        const folded = trimEnd(text, { start: from, end: span.end });
        if (text.lastIndexOf('\n', folded.end - 1) >= folded.start) out.push(folded);
      }
      if (isMap(node)) {
        for (const item of node.items) {
          if (!isPair(item)) continue;
          visit(item.value as Node | null, nodeSpan(item.key)?.start);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) visit(item as Node, nodeSpan(item)?.start);
      }
    };
    visit(doc.contents as Node | null, undefined);
  }
  // Runs of full-line comments.
  let runStart = -1;
  let runEnd = -1;
  let lines = 0;
  const flush = (): void => {
    if (lines >= 2) out.push({ start: runStart, end: runEnd, kind: 'comment' });
    lines = 0;
  };
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    if (/^\s*#/.test(line)) {
      if (lines === 0) runStart = pos + line.indexOf('#');
      runEnd = end;
      lines++;
    } else {
      flush();
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  flush();
  return out;
}
