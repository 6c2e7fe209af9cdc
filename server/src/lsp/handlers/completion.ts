import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type Connection } from 'vscode-languageserver';
import { complete, type CompletionKind } from '../../core/features/complete';
import { toRange } from '../convert';
import type { ArchServices } from '../services';

/** Characters after which the editor asks for completions without a keystroke on a word. */
export const COMPLETION_TRIGGERS = [':', ' ', '[', ',', '-'];

const KIND: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  node: CompletionItemKind.Reference,
  event: CompletionItemKind.Event,
  snippet: CompletionItemKind.Snippet,
};

/**
 * `textDocument/completion`: keys, values, names and snippets at the cursor (see
 * core/features/complete.ts). Uses the analysis of the current version; only the entry around the
 * cursor is re-parsed, so big files answer fast.
 */
export function addCompletionHandler(connection: Connection, services: ArchServices): void {
  connection.onCompletion(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    const item = services.clientCapabilities.textDocument?.completion?.completionItem;
    const snippets = item?.snippetSupport === true;
    const markdown = item?.documentationFormat?.includes(MarkupKind.Markdown) ?? true;
    const entries = complete(analysis, doc.offsetAt(params.position), { snippets });
    const items: CompletionItem[] = entries.map((e) => ({
      label: e.label,
      kind: KIND[e.kind],
      ...(e.detail ? { detail: e.detail } : {}),
      ...(e.documentation ? { documentation: markdown ? { kind: MarkupKind.Markdown, value: e.documentation } : e.documentation } : {}),
      textEdit: { range: toRange(doc, e.span), newText: e.insertText },
      insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      ...(e.insertText.includes('\n') ? { insertTextMode: InsertTextMode.asIs } : {}),
      ...(e.sortText ? { sortText: e.sortText } : {}),
      ...(e.filterText ? { filterText: e.filterText } : {}),
    }));
    return { isIncomplete: false, items };
  });
}
