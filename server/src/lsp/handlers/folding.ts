import { FoldingRangeKind, type Connection, type FoldingRange } from 'vscode-languageserver';
import { foldingRanges } from '../../core/features/folding';
import { toLines } from '../convert';
import type { ArchServices } from '../services';

/** `textDocument/foldingRange`: collections, block scalars and comment runs spanning lines. */
export function addFoldingHandler(connection: Connection, services: ArchServices): void {
  connection.onFoldingRanges(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    const out: FoldingRange[] = [];
    const seen = new Set<string>();
    for (const f of foldingRanges(analysis, () => token.isCancellationRequested)) {
      const { start, end } = toLines(doc, f);
      if (end <= start || seen.has(`${start}:${end}`)) continue;
      seen.add(`${start}:${end}`);
      out.push({ startLine: start, endLine: end, ...(f.kind ? { kind: FoldingRangeKind.Comment } : {}) });
    }
    return out;
  });
}
