import * as vscode from 'vscode';
import { CodeLensRequest, CodeLensResolveRequest, type CodeLens } from 'vscode-languageclient/node';
import { TEST_PATTERN_COMMAND, type TestPatternArgs } from '../../../server/src/protocol';
import type { CommandFactory } from '../command';

function isArgs(v: unknown): v is TestPatternArgs {
  const a = v as Partial<TestPatternArgs> | null;
  return !!a && typeof a === 'object' && typeof a.bus === 'string' && typeof a.rule === 'string' && Array.isArray(a.trials);
}

/** The report shown for a tested pattern: the rule, its pattern, the result and each sample event. */
export function patternReport(args: TestPatternArgs): Record<string, unknown> {
  return {
    rule: `${args.bus} / ${args.rule}`,
    result: args.title,
    pattern: args.pattern ?? null,
    ...(args.errors.length ? { errors: args.errors } : {}),
    events: args.trials.map((t) => ({
      event: t.event,
      matches: t.matches,
      canMatch: t.verdict,
      sample: t.sample,
    })),
  };
}

/** Run from the palette: the rules of the active document, from the server's lenses, in a quick pick. */
async function pickRule(client: Parameters<CommandFactory>[0]['client']): Promise<TestPatternArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'archflow') {
    void vscode.window.showInformationMessage('Open an architecture file (*.arch.yaml) with an event bus to test its rules\' patterns.');
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const lenses = (await client.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
  const resolved: CodeLens[] = await Promise.all(lenses.map((l) => client.sendRequest(CodeLensResolveRequest.type, l)));
  const tests = resolved.map((l) => l.command?.arguments?.[0]).filter(isArgs);
  if (tests.length === 0) {
    void vscode.window.showInformationMessage('This architecture has no event-bus rule to test.');
    return undefined;
  }
  if (tests.length === 1) return tests[0];
  const picked = await vscode.window.showQuickPick(tests.map((t) => ({ label: t.rule, description: t.bus, detail: t.title, test: t })), {
    title: 'Archflow: Test Event Pattern', placeHolder: 'Choose a rule',
  });
  return picked?.test;
}

/**
 * `archflow.testPattern`: shows how an event-bus rule's pattern fares against a sample event of each
 * catalog event that could match, in a JSON document beside the editor (and a line in the log). The
 * "Test pattern" lens passes the tested rule; from the palette, it asks which rule.
 */
export const testPattern: CommandFactory = ({ client, output }) => async (arg?: unknown) => {
  const args = isArgs(arg) ? arg : await pickRule(client);
  if (!args) return undefined;
  output.info(`${TEST_PATTERN_COMMAND}: ${args.bus}/${args.rule}: ${args.title}`);
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(patternReport(args), null, 2) + '\n' });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  return patternReport(args);
};
