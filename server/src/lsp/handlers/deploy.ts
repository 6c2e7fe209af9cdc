import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type CancellationToken, type Connection, type Diagnostic, type ProgressToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import type { DeployEvent } from '../../deploy/deploy';
import { docsUrl } from '../../core/index';
import { STAGE_NAME, stackNameOf } from '../../core/model/stages';
import { changeQuestion, dataLossText, failureText, logLine } from '../../deploy/describe';
import { loadDeploy } from '../../deploy/load';
import { describeLocation, projectLocation, writeIgnoreFile } from '../../project/index';
import {
  DeleteStackRequest, DeployLogNotification, DeployRequest, DeployStatusNotification, StackOutputsRequest,
  type DeployOutcome, type DeployParams, type DeployTarget, type NodeDeployState,
} from '../../protocol-deploy';
import { askChoice, consentOverLsp } from '../ask';
import { toRange } from '../convert';
import type { ArchServices } from '../services';

const SILENT: WorkDoneProgressReporter = { begin() {}, report() {}, done() {} };

/** Progress on the client's token, or on a token the server creates, or none when the client has no progress UI. */
async function reporter(connection: Connection, token: ProgressToken | undefined): Promise<WorkDoneProgressReporter> {
  if (token !== undefined) return connection.window.attachWorkDoneProgress(token);
  try {
    return await connection.window.createWorkDoneProgress();
  } catch {
    return SILENT;
  }
}

/** The target the request names (the file's region is added by the deploy). */
/** The stage asked for, when it is a valid stage name (it ends the stack name). */
const stageOf = (t: DeployTarget): string | undefined => (t.stage && STAGE_NAME.test(t.stage) ? t.stage : undefined);

/** The stack: the one named, else `<name>` or `<name>-<stage>`. */
const stackOf = (t: DeployTarget, name: string | undefined): string => t.stack ?? stackNameOf(name ?? 'archflow', stageOf(t));

function given(t: DeployTarget): { region?: string; profile?: string; endpoint?: string } {
  return { ...(t.region ? { region: t.region } : {}), ...(t.profile ? { profile: t.profile } : {}), ...(t.endpoint ? { endpoint: t.endpoint } : {}) };
}

/** The workspace folder holding a file (the innermost), else the file's own folder: deploy packages no code from outside it. */
function workspaceOf(services: ArchServices, file: string): string {
  const folders = services.workspaceFolders.flatMap((u) => (u.startsWith('file:') ? [fileURLToPath(u)] : []))
    .filter((f) => {
      const r = relative(f, file);
      return r !== '' && !r.startsWith('..') && !isAbsolute(r);
    })
    .sort((a, b) => b.length - a.length);
  return folders[0] ?? dirname(file);
}

/** Deploy, stack outputs and stack deletion, for any LSP client. */
export function addDeployHandler(connection: Connection, services: ArchServices, republish: (uri: string) => void): void {
  const running = new Set<string>();
  /** Handler files that got type errors from the last deploy (cleared when the next one starts). */
  const typeErrorFiles = new Set<string>();

  connection.onRequest(DeployRequest.type, async (params: DeployParams, token: CancellationToken): Promise<DeployOutcome> => {
    const uri = params.textDocument.uri;
    const analysis = await services.currentAnalysis(uri);
    const stack = stackOf(params, analysis?.graph.name);
    if (!analysis) return { status: 'error', stack, message: 'Open the architecture file first.' };
    if (!uri.startsWith('file:')) return { status: 'error', stack, message: 'Save the architecture file first: deploy generates the project next to it.' };
    if (running.has(uri)) return { status: 'error', stack, message: 'A deploy of this file is already running.' };
    const errors = analysis.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) return { status: 'error', stack, message: `Fix the ${errors.length} error${errors.length === 1 ? '' : 's'} in the file first.` };
    const { DeployError, deployArchitecture } = await loadDeploy();

    running.add(uri);
    services.deployProblems.delete(uri);
    republish(uri);
    for (const f of typeErrorFiles) void connection.sendDiagnostics({ uri: f, diagnostics: [] });
    typeErrorFiles.clear();
    const file = fileURLToPath(uri);
    const location = projectLocation(file, analysis.doc.value, params.outDir);
    const outDir = resolve(location.dir);
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const log = (line: string): void => void connection.sendNotification(DeployLogNotification.type, { uri, line });
    const states: Record<string, NodeDeployState> = Object.fromEntries([...analysis.graph.nodes.keys()].map((n) => [n, 'pending' as NodeDeployState]));
    const sendStates = (finished: boolean): void => void connection.sendNotification(DeployStatusNotification.type, { uri, nodes: { ...states }, finished });
    const progress = params.serverProgress === false ? SILENT : await reporter(connection, params.workDoneToken);
    progress.begin(`Deploying ${stack}`, 0, 'Generating and building', true);
    let prepared = false;
    try {
      log(describeLocation(location, file, dirname(file)));
      writeIgnoreFile(location);
      const result = await deployArchitecture({
        analysis, outDir, file, workspace: workspaceOf(services, file), stackName: stack, ...(stageOf(params) ? { stage: stageOf(params)! } : {}), target: given(params), signal: controller.signal,
        host: {
          report(e: DeployEvent) {
            if (!prepared && e.type !== 'log') {
              prepared = true;
              sendStates(false);
            }
            log(logLine(e));
            switch (e.type) {
              case 'step': progress.report(e.message); break;
              case 'stack': progress.report(`stack ${e.status}`); break;
              case 'resource':
                if (e.node && states[e.node] !== 'failed') {
                  states[e.node] = /FAILED/.test(e.status) ? 'failed' : /IN_PROGRESS/.test(e.status) ? 'in-progress' : /COMPLETE/.test(e.status) ? 'done' : states[e.node]!;
                  sendStates(false);
                }
                break;
              default: break;
            }
          },
          async confirm(summary) {
            const choice = await connection.window.showWarningMessage(changeQuestion(summary), { title: 'Deploy' }, { title: 'Cancel', isCloseAffordance: true });
            return choice?.title === 'Deploy';
          },
          async confirmDataLoss(summary) {
            // Its own question, modal in VS Code (`arch/ask`): approving the changes never approves this.
            const detail = `${summary.dataLoss.map((c) => `• ${dataLossText(c)}`).join('\n')}\n\nTo keep a renamed node's data, rename it with the editor (it adds \`previousName\`) or write \`previousName: <old name>\` yourself.`;
            return (await askChoice(services, `This deploy of ${stack} loses data.`, detail, ['Delete data and deploy'])) === 'Delete data and deploy';
          },
          async confirmRecovery(r) {
            if (r.kind === 'delete-failed-stack') {
              const detail = `Its first deploy failed${r.reason ? ` (${r.reason})` : ''} and was rolled back, so it cannot be updated. Deleting it removes nothing that runs; resources its policy retains stay in the account.`;
              return (await askChoice(services, `Stack ${r.stack} is in ROLLBACK_COMPLETE. Delete it and deploy again?`, detail, ['Delete stack and deploy'])) === 'Delete stack and deploy';
            }
            const detail = `An update failed and so did its rollback.${r.skip.length ? ` These resources cannot be rolled back and will be skipped (CloudFormation marks them rolled back without changing them):\n${r.skip.map((x) => `• ${x.logicalId}${x.node ? ` (${x.node})` : ''}: ${x.reason}`).join('\n')}` : ''}`;
            return (await askChoice(services, `Stack ${r.stack} is in UPDATE_ROLLBACK_FAILED. Continue the rollback, then deploy?`, detail, ['Continue rollback and deploy'])) === 'Continue rollback and deploy';
          },
          confirmReplace: consentOverLsp(services).confirmReplace,
        },
      });
      switch (result.status) {
        case 'deployed':
        case 'no-changes':
          for (const n of Object.keys(states)) states[n] = 'done';
          sendStates(true);
          return { status: result.status, stack, outputs: result.outputs, message: result.status === 'deployed' ? `Deployed ${stack}.` : `${stack} is up to date: no changes.` };
        case 'cancelled':
          sendStates(true);
          return {
            status: 'cancelled', stack,
            message: result.message ?? (result.stage === 'review' ? `Deploy cancelled${result.reason === 'data-loss' ? ' (data loss not approved)' : ''}: nothing was changed or uploaded.` : 'Deploy cancelled: CloudFormation rolls the stack back.'),
          };
        case 'failed': {
          const doc = services.documents.get(uri);
          const message = `Deploy failed: ${failureText(result.failure, result.stackStatus)}${result.rolledBack ? ' The stack was rolled back.' : ''}`;
          if (doc) {
            const href = docsUrl('deploy/failed');
            const diagnostic: Diagnostic = {
              range: toRange(doc, result.span ?? { start: 0, end: 0 }), severity: DiagnosticSeverity.Error, code: 'deploy/failed', ...(href ? { codeDescription: { href } } : {}), source: 'archflow', message,
            };
            services.deployProblems.set(uri, [diagnostic]);
            republish(uri);
          }
          sendStates(true);
          return { status: 'failed', stack, message };
        }
      }
    } catch (err) {
      sendStates(true);
      const { BuildFailed, TypeErrors, nodeSpan } = await loadDeploy();
      const doc = services.documents.get(uri);
      if (err instanceof TypeErrors) {
        // Each error at its file and line, in the handler files themselves.
        const byFile = new Map<string, Diagnostic[]>();
        for (const t of err.errors) {
          const at = { line: Math.max(0, t.line - 1), character: Math.max(0, t.column - 1) };
          const d: Diagnostic = { range: { start: at, end: at }, severity: DiagnosticSeverity.Error, code: 'deploy/type-error', source: 'archflow', message: `${t.code}: ${t.message} (not deployed)` };
          const fileUri = pathToFileURL(t.file).href;
          byFile.set(fileUri, [...(byFile.get(fileUri) ?? []), d]);
        }
        for (const [f, diagnostics] of byFile) {
          typeErrorFiles.add(f);
          void connection.sendDiagnostics({ uri: f, diagnostics });
        }
        const first = err.errors[0]!;
        return { status: 'error', stack, message: `Not deployed: the project does not type-check (${err.errors.length} error${err.errors.length === 1 ? '' : 's'}; first: ${first.file}:${first.line}:${first.column} ${first.code} ${first.message}). Nothing was sent to AWS.` };
      }
      if (err instanceof BuildFailed && doc) {
        const span = nodeSpan(analysis, err.node);
        const href = docsUrl('deploy/build-failed');
        services.deployProblems.set(uri, [{
          range: toRange(doc, span ?? { start: 0, end: 0 }), severity: DiagnosticSeverity.Error, code: 'deploy/build-failed', ...(href ? { codeDescription: { href } } : {}), source: 'archflow',
          message: `The build of function '${err.node}' failed; nothing was sent to AWS.\n${err.output}`,
        }]);
        republish(uri);
      }
      const e = err instanceof DeployError ? err : new DeployError(String((err as Error)?.message ?? err));
      return { status: 'error', stack, message: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
    } finally {
      running.delete(uri);
      progress.done();
    }
  });

  connection.onRequest(StackOutputsRequest.type, async (params) => {
    const analysis = await services.currentAnalysis(params.textDocument.uri);
    const stack = stackOf(params, analysis?.graph.name);
    const { DeployError, stackOutputs, targetOf } = await loadDeploy();
    try {
      return { stack, outputs: (await stackOutputs({ stackName: stack, target: targetOf(given(params), analysis?.graph.region) })) ?? null };
    } catch (err) {
      const e = err instanceof DeployError ? err : new DeployError(String(err));
      return { stack, outputs: null, error: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
    }
  });

  connection.onRequest(DeleteStackRequest.type, async (params): Promise<DeployOutcome> => {
    const analysis = await services.currentAnalysis(params.textDocument.uri);
    const stack = stackOf(params, analysis?.graph.name);
    const { DeployError, destroy, targetOf } = await loadDeploy();
    try {
      const r = await destroy({ stackName: stack, target: targetOf(given(params), analysis?.graph.region), host: { report: (e) => e.type === 'step' && void connection.sendNotification(DeployLogNotification.type, { uri: params.textDocument.uri, line: e.message }), confirm: async () => true } });
      if (r.status === 'absent') return { status: 'no-changes', stack, message: `Stack ${stack} does not exist.` };
      if (r.status === 'failed') return { status: 'failed', stack, message: `Could not delete ${stack}: ${r.reason}` };
      const kept = r.retained.map((k) => `${k.logicalId}${k.objects ? ` (a bucket still holding ${k.objects >= 1000 ? '1,000 or more objects' : `${k.objects} object${k.objects === 1 ? '' : 's'}`}: not deleted)` : ''}`);
      return { status: 'deployed', stack, message: `Deleted stack ${stack}.${kept.length ? ` Kept in the account by their retain policy: ${kept.join(', ')}.` : ''}` };
    } catch (err) {
      const e = err instanceof DeployError ? err : new DeployError(String(err));
      return { status: 'error', stack, message: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
    }
  });
}
