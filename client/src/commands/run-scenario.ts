import * as vscode from 'vscode';
import { CodeLensRequest, CodeLensResolveRequest } from 'vscode-languageclient/node';
import { RUN_SCENARIO_COMMAND, RunScenarioRequest, type RunScenarioArgs, type RunScenarioResult } from '../../../server/src/protocol';
import type { CommandFactory } from '../command';

function isArgs(v: unknown): v is RunScenarioArgs {
  const a = v as Partial<RunScenarioArgs> | null;
  return !!a && typeof a === 'object' && typeof a.uri === 'string' && typeof a.scenario === 'string';
}

/** Run from the palette: the scenarios of the active scenario file, from the server's lenses, in a quick pick. */
async function pickScenario(client: Parameters<CommandFactory>[0]['client']): Promise<RunScenarioArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'archflow-scenario') {
    void vscode.window.showInformationMessage('Open a scenario file (*.scenario.yaml) to run one of its scenarios.');
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const lenses = (await client.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
  const resolved = await Promise.all(lenses.map((l) => client.sendRequest(CodeLensResolveRequest.type, l)));
  const runs = resolved.map((l) => l.command?.arguments?.[0]).filter(isArgs);
  if (runs.length <= 1) return runs[0];
  const picked = await vscode.window.showQuickPick(runs.map((r) => ({ label: r.scenario, run: r })), { title: 'Archflow: Run Scenario', placeHolder: 'Choose a scenario' });
  return picked?.run;
}

/** The one-line summary of a run, as the notification says it. */
export function runSummary(r: RunScenarioResult): string {
  if ('problems' in r) return `Scenario '${r.scenario}' cannot run: ${r.problems.join(' ')}`;
  const failed = r.expectations.filter((e) => !e.ok).length;
  const all = r.expectations.length;
  if (r.stopped) return `Scenario '${r.scenario}' ${r.stopped}`;
  if (all === 0) return `Scenario '${r.scenario}' ran: ${r.deliveries.toLocaleString('en-US')} deliveries, no expectation to check.`;
  return failed === 0
    ? `Scenario '${r.scenario}': all ${all} expectation${all === 1 ? '' : 's'} hold.`
    : `Scenario '${r.scenario}': ${failed} of ${all} expectation${all === 1 ? '' : 's'} failed (shown in the file).`;
}

let channel: vscode.OutputChannel | undefined;

/**
 * `archflow.runScenario`: runs one scenario of a scenario file through the language server (the
 * "Run scenario" lens passes which; from the palette, it asks), says in a notification whether its
 * expectations held and prints the run (timeline, nodes, expectations) in the "Archflow Simulation"
 * output. Failed expectations appear as problems at their entry (published by the server).
 */
export const runScenario: CommandFactory = ({ client, extension }) => async (arg?: unknown) => {
  const args = isArgs(arg) ? arg : await pickScenario(client);
  if (!args) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Archflow: running scenario '${args.scenario}'` },
    () => client.sendRequest(RunScenarioRequest.type, { textDocument: { uri: args.uri }, scenario: args.scenario }),
  );
  if (!channel) {
    channel = vscode.window.createOutputChannel('Archflow Simulation');
    extension.subscriptions.push(channel);
  }
  channel.appendLine('report' in result ? result.report : runSummary(result));
  channel.appendLine('');
  const summary = runSummary(result);
  const ok = 'passed' in result && result.passed;
  const show = 'Show Run';
  const out = channel;
  void (ok ? vscode.window.showInformationMessage(summary, show) : vscode.window.showErrorMessage(summary, show)).then((pick) => {
    if (pick === show) out.show(true);
  });
  return { command: RUN_SCENARIO_COMMAND, summary, result };
};
