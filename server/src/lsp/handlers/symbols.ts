import { SymbolKind, type Connection, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbols, type DocSymbol, type SymbolKindName } from '../../core/features/symbols';
import { isNodeKind, kindModule } from '../../core/kinds/index';
import { toLocation, toRange } from '../convert';
import type { ArchServices } from '../services';

/** The symbol kind of each node kind and child; a kind not listed here says its own (`editor.symbol`). */
const KIND: Partial<Record<SymbolKindName, SymbolKind>> = {
  section: SymbolKind.Namespace,
  'http-api': SymbolKind.Interface,
  bucket: SymbolKind.Package,
  schedule: SymbolKind.Constant,
  table: SymbolKind.Struct,
  queue: SymbolKind.Array,
  topic: SymbolKind.Event,
  'event-bus': SymbolKind.Module,
  firehose: SymbolKind.Array,
  stream: SymbolKind.Array,
  function: SymbolKind.Function,
  external: SymbolKind.Object,
  event: SymbolKind.Event,
  rule: SymbolKind.Method,
  route: SymbolKind.Method,
};

function kindOf(name: SymbolKindName): SymbolKind {
  const listed = KIND[name];
  if (listed !== undefined) return listed;
  const word = isNodeKind(name) ? kindModule(name).editor.symbol : undefined;
  return (word && SymbolKind[word]) || SymbolKind.Object;
}

function toSymbol(doc: TextDocument, s: DocSymbol): DocumentSymbol {
  return {
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: kindOf(s.kind),
    range: toRange(doc, s.span),
    selectionRange: toRange(doc, s.selectionSpan),
    children: s.children.map((c) => toSymbol(doc, c)),
  };
}

function flatten(doc: TextDocument, symbols: readonly DocSymbol[], container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name, kind: kindOf(s.kind), location: toLocation(doc, s.span), ...(container ? { containerName: container } : {}) },
    ...flatten(doc, s.children, s.name),
  ]);
}

/** `textDocument/documentSymbol`: the outline, grouped by producers, routers, consumers and events. */
export function addSymbolsHandler(connection: Connection, services: ArchServices): void {
  connection.onDocumentSymbol(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    const symbols = documentSymbols(analysis, () => token.isCancellationRequested);
    if (services.clientCapabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return symbols.map((s) => toSymbol(doc, s));
    return flatten(doc, symbols);
  });
}
