import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type CancellationToken, type Connection, type Diagnostic, type ProgressToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import type { DeployEvent } from '../../deploy/deploy';
import { docsUrl } from '../../core/index';
import { changeQuestion, failureText, logLine } from '../../deploy/describe';
import { loadDeploy } from '../../deploy/load';
import { describeLocation, projectLocation, writeIgnoreFile } from '../../project/index';
import {
  DeleteStackRequest, DeployLogNotification, DeployRequest, DeployStatusNotification, StackOutputsRequest,
  type DeployOutcome, type DeployParams, type DeployTarget, type NodeDeployState,
} from '../../protocol-deploy';
import { consentOverLsp } from '../ask';
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
function given(t: DeployTarget): { region?: string; profile?: string; endpoint?: string } {
  return { ...(t.region ? { region: t.region } : {}), ...(t.profile ? { profile: t.profile } : {}), ...(t.endpoint ? { endpoint: t.endpoint } : {}) };
}

/** Deploy, stack outputs and stack deletion, for any LSP client. */
export function addDeployHandler(connection: Connection, services: ArchServices, republish: (uri: string) => void): void {
  const running = new Set<string>();

  connection.onRequest(DeployRequest.type, async (params: DeployParams, token: CancellationToken): Promise<DeployOutcome> => {
    const uri = params.textDocument.uri;
    const analysis = await services.currentAnalysis(uri);
    const stack = params.stack ?? analysis?.graph.name ?? 'archflow';
    if (!analysis) return { status: 'error', stack, message: 'Open the architecture file first.' };
    if (!uri.startsWith('file:')) return { status: 'error', stack, message: 'Save the architecture file first: deploy generates the project next to it.' };
    if (running.has(uri)) return { status: 'error', stack, message: 'A deploy of this file is already running.' };
    const errors = analysis.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) return { status: 'error', stack, message: `Fix the ${errors.length} error${errors.length === 1 ? '' : 's'} in the file first.` };
    const { DeployError, deployArchitecture } = await loadDeploy();

    running.add(uri);
    services.deployProblems.delete(uri);
    republish(uri);
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
        analysis, outDir, stackName: stack, target: given(params), signal: controller.signal,
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
          return { status: 'cancelled', stack, message: result.stage === 'review' ? 'Deploy cancelled: nothing was changed.' : 'Deploy cancelled: CloudFormation rolls the stack back.' };
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
      const e = err instanceof DeployError ? err : new DeployError(String((err as Error)?.message ?? err));
      return { status: 'error', stack, message: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
    } finally {
      running.delete(uri);
      progress.done();
    }
  });

  connection.onRequest(StackOutputsRequest.type, async (params) => {
    const analysis = await services.currentAnalysis(params.textDocument.uri);
    const stack = params.stack ?? analysis?.graph.name ?? 'archflow';
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
    const stack = params.stack ?? analysis?.graph.name ?? 'archflow';
    const { DeployError, destroy, targetOf } = await loadDeploy();
    try {
      const r = await destroy({ stackName: stack, target: targetOf(given(params), analysis?.graph.region), host: { report: (e) => e.type === 'step' && void connection.sendNotification(DeployLogNotification.type, { uri: params.textDocument.uri, line: e.message }), confirm: async () => true } });
      if (r === 'absent') return { status: 'no-changes', stack, message: `Stack ${stack} does not exist.` };
      if (r === 'deleted') return { status: 'deployed', stack, message: `Deleted stack ${stack}.` };
      return { status: 'failed', stack, message: `Could not delete ${stack}: ${r.failed}` };
    } catch (err) {
      const e = err instanceof DeployError ? err : new DeployError(String(err));
      return { status: 'error', stack, message: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
    }
  });
}
