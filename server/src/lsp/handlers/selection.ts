import type { Connection, SelectionRange } from 'vscode-languageserver';
import { selectionRanges } from '../../core/features/selection';
import { toRange } from '../convert';
import type { ArchServices } from '../services';

/** `textDocument/selectionRange`: word → value → pair → collection → … → document. */
export function addSelectionHandler(connection: Connection, services: ArchServices): void {
  connection.onSelectionRanges(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    return params.positions.map((p) => {
      const spans = selectionRanges(analysis, doc.offsetAt(p));
      let range: SelectionRange | undefined;
      for (let i = spans.length - 1; i >= 0; i--) range = { range: toRange(doc, spans[i]!), ...(range ? { parent: range } : {}) };
      return range ?? { range: { start: p, end: p } };
    });
  });
}
