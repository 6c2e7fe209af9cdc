import { CodeActionKind, type CodeAction, type Connection, type Diagnostic } from 'vscode-languageserver';
import { quickFixes, refactorings, type FixRequest } from '../../core/features/actions';
import { readDiagnosticData, toSpan, toTextEdit, type DiagnosticData } from '../convert';
import type { ArchServices } from '../services';

/** The code action kinds the server offers. */
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite];

const sameRange = (a: Diagnostic['range'], b: Diagnostic['range']): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/**
 * `textDocument/codeAction`: the quick fixes of the diagnostics in the request (their fix descriptor
 * travels in `Diagnostic.data.fix`), and refactorings at the cursor ("Add a dead-letter queue",
 * "Put a queue between this producer and its consumer"). Every edit is minimal. A request without a
 * `context` (some clients leave it out) gets the quick fixes of the problems in its range.
 */
export function addCodeActionsHandler(connection: Connection, services: ArchServices): void {
  connection.onCodeAction(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    // `context` is required by the protocol, but a request without it must not fail.
    const context = (params as Partial<typeof params>).context;
    const only = context?.only;
    const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
    const out: CodeAction[] = [];
    const edit = (edits: readonly { start: number; end: number; newText: string }[]): CodeAction['edit'] => {
      const changes = edits.map((e) => toTextEdit(doc, e));
      return services.clientCapabilities.workspace?.workspaceEdit?.documentChanges
        ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: changes }] }
        : { changes: { [doc.uri]: changes } };
    };
    if (wants(CodeActionKind.QuickFix) && !context) {
      const span = toSpan(doc, params.range);
      for (const p of analysis.problems) {
        if (!p.fix || p.span.end < span.start || p.span.start > span.end) continue;
        for (const a of quickFixes(analysis, [{ fix: p.fix, pointer: p.pointer }])) {
          out.push({ title: a.title, kind: CodeActionKind.QuickFix, edit: edit(a.edits), ...(a.preferred ? { isPreferred: true } : {}) });
        }
      }
    }
    if (wants(CodeActionKind.QuickFix) && context) {
      for (const d of context.diagnostics ?? []) {
        if (d.source !== 'archflow') continue;
        let data: DiagnosticData | undefined = readDiagnosticData(d.data);
        if (!data?.fix) {
          // A client that drops `data`: find the problem by code and range.
          const p = analysis.problems.find((x) => x.fix && x.code === d.code && sameRange(d.range, { start: doc.positionAt(x.span.start), end: doc.positionAt(x.span.end) }));
          if (p) data = { pointer: p.pointer, fix: p.fix };
        }
        if (!data?.fix) continue;
        const request: FixRequest = { fix: data.fix, pointer: data.pointer };
        for (const a of quickFixes(analysis, [request])) {
          out.push({ title: a.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit(a.edits), ...(a.preferred ? { isPreferred: true } : {}) });
        }
      }
    }
    if (wants(CodeActionKind.RefactorRewrite)) {
      const options = await services.optionsFor(doc.uri);
      for (const a of refactorings(analysis, toSpan(doc, params.range), options.limits ? { limits: options.limits } : {})) {
        out.push({ title: a.title, kind: CodeActionKind.RefactorRewrite, edit: edit(a.edits) });
      }
    }
    return out;
  });
}
