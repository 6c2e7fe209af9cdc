import { MarkupKind, type Connection } from 'vscode-languageserver';
import { hover } from '../../core/features/hover';
import { toRange } from '../convert';
import type { ArchServices } from '../services';

/** `textDocument/hover`: field documentation from the schema, or a summary of the name under the cursor. */
export function addHoverHandler(connection: Connection, services: ArchServices): void {
  connection.onHover(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    const h = hover(analysis, doc.offsetAt(params.position));
    if (!h) return null;
    const markdown = services.clientCapabilities.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? true;
    return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: h.markdown }, range: toRange(doc, h.span) };
  });
}
