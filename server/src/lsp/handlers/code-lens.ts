import type { CodeLens, Connection } from 'vscode-languageserver';
import { ruleLenses, testPattern } from '../../core/features/code-lens';
import { TEST_PATTERN_COMMAND, type TestPatternArgs } from '../../protocol';
import { toRange } from '../convert';
import type { ArchServices } from '../services';

/** What a lens carries from `codeLens` to `codeLens/resolve`. */
interface LensData {
  readonly uri: string;
  readonly version: number;
  readonly bus: string;
  readonly rule: string;
}

/**
 * `textDocument/codeLens` and `codeLens/resolve`: a "Test pattern" lens over each event-bus rule.
 * Listing the lenses is cheap; the pattern runs against the catalog's sample events only when the
 * editor resolves a lens (the visible ones). The title shows the result; the command
 * `archflow.testPattern` shows the sample events and the verdicts.
 */
export function addCodeLensHandler(connection: Connection, services: ArchServices): void {
  connection.onCodeLens(async (params, token) => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return null;
    return ruleLenses(analysis, () => token.isCancellationRequested).map((l): CodeLens => ({
      range: toRange(doc, l.span),
      data: { uri: doc.uri, version: doc.version, bus: l.bus, rule: l.rule } satisfies LensData,
    }));
  });

  connection.onCodeLensResolve(async (lens, token) => {
    const data = lens.data as LensData | undefined;
    const doc = data ? services.documents.get(data.uri) : undefined;
    if (!data || !doc) return lens;
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis || token.isCancellationRequested) return lens;
    const test = testPattern(analysis, data.bus, data.rule);
    if (!test) return { ...lens, command: { title: 'Test pattern: the rule is gone', command: '' } };
    const args: TestPatternArgs = { uri: doc.uri, ...test };
    return { ...lens, command: { title: `Test pattern: ${test.title}`, command: TEST_PATTERN_COMMAND, arguments: [args] } };
  });
}
