import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { prepareRename, rename } from '../../core/features/rename';
import { toRange, toTextEdit } from '../convert';
import type { ArchServices } from '../services';
import { fileURLToPath } from 'node:url';
import { deployedNodes } from '../../deploy/record';
import { projectLocation } from '../../project/index';

/** The nodes deployed from this file's project with data (its deploy record), so a rename keeps their identity. */
function deployedOf(uri: string, root: unknown): ReadonlySet<string> {
  if (!uri.startsWith('file:')) return new Set();
  return deployedNodes(projectLocation(fileURLToPath(uri), root).dir);
}

/**
 * `textDocument/prepareRename` and `textDocument/rename`: renames a producer, router, consumer,
 * event or bus rule everywhere it is written. A refused rename (not a name, an invalid name, a
 * clash) answers a `ResponseError` whose message says why; editors show it.
 */
export function addRenameHandler(connection: Connection, services: ArchServices): void {
  connection.onPrepareRename(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    const r = prepareRename(analysis, doc.offsetAt(params.position));
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return { range: toRange(doc, r.span), placeholder: r.placeholder };
  });

  connection.onRenameRequest(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    const r = rename(analysis, doc.offsetAt(params.position), params.newName, { deployed: deployedOf(doc.uri, analysis.doc.value) });
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidParams, r.error);
    const edits = r.edits.map((e) => toTextEdit(doc, e));
    if (services.clientCapabilities.workspace?.workspaceEdit?.documentChanges) {
      return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
    }
    return { changes: { [doc.uri]: edits } };
  });
}
