import type { Connection } from 'vscode-languageserver';
import { references } from '../../core/features/references';
import { toLocation } from '../convert';
import type { ArchServices } from '../services';

/** `textDocument/references`: every place a name is written in the file. */
export function addReferencesHandler(connection: Connection, services: ArchServices): void {
  connection.onReferences(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    const spans = references(analysis, doc.offsetAt(params.position), params.context.includeDeclaration, () => token.isCancellationRequested);
    return spans ? spans.map((s) => toLocation(doc, s)) : null;
  });
}
