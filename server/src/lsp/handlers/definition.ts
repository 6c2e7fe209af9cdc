import type { Connection, LocationLink } from 'vscode-languageserver';
import { definition } from '../../core/features/definition';
import { toLocation, toRange } from '../convert';
import type { ArchServices } from '../services';

/** `textDocument/definition`: from a name to the key that declares it (links when the client supports them). */
export function addDefinitionHandler(connection: Connection, services: ArchServices): void {
  connection.onDefinition(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    const d = definition(analysis, doc.offsetAt(params.position));
    if (!d) return null;
    if (services.clientCapabilities.textDocument?.definition?.linkSupport) {
      return d.targets.map((t): LocationLink => ({
        originSelectionRange: toRange(doc, d.origin), targetUri: doc.uri, targetRange: toRange(doc, t), targetSelectionRange: toRange(doc, t),
      }));
    }
    return d.targets.map((t) => toLocation(doc, t));
  });
}
