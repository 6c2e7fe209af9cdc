import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type CancellationToken, type Connection, type Diagnostic, type ProgressToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { locate } from '../../core/index';
import type * as Aws from '../../deploy/aws';
import type * as Deploy from '../../deploy/deploy';
import type { ChangeSummary, DeployEvent } from '../../deploy/deploy';
import type * as Prepare from '../../deploy/prepare';
import {
  DeleteStackRequest, DeployLogNotification, DeployRequest, DeployStatusNotification, StackOutputsRequest,
  type DeployOutcome, type DeployParams, type DeployTarget, type NodeDeployState,
} from '../../protocol-deploy';
import { describeLocation, projectLocation, writeIgnoreFile } from '../../project-location';
import { toRange } from '../convert';
import type { ArchServices } from '../services';

function describeChanges(s: ChangeSummary): string {
  const parts = [`${s.add.length} to add`, `${s.modify.length} to modify`];
  if (s.replace.length) parts.push(`${s.replace.length} to REPLACE (${s.replace.map((c) => c.node ?? c.logicalId).join(', ')})`);
  if (s.remove.length) parts.push(`${s.remove.length} to REMOVE (${s.remove.map((c) => c.node ?? c.logicalId).join(', ')})`);
  return `${s.create ? 'Create' : 'Update'} stack ${s.stack}: ${parts.join(', ')}.`;
}

/** The deploy code and the AWS SDK (about 20 MB) load on the first deploy request, not when the server starts. */
let modules: Promise<[typeof Aws, typeof Deploy, typeof Prepare]> | undefined;
const load = (): Promise<[typeof Aws, typeof Deploy, typeof Prepare]> =>
  (modules ??= Promise.all([import('../../deploy/aws'), import('../../deploy/deploy'), import('../../deploy/prepare')]));

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

function target(t: DeployTarget, region?: string): { region?: string; profile?: string; endpoint?: string } {
  const r = t.region ?? region;
  return { ...(r ? { region: r } : {}), ...(t.profile ? { profile: t.profile } : {}), ...(t.endpoint ? { endpoint: t.endpoint } : {}) };
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
    const [{ DeployError }, { deploy }, { nodeNamer, prepareProject }] = await load();

    running.add(uri);
    services.deployProblems.delete(uri);
    republish(uri);
    const file = fileURLToPath(uri);
    const location = projectLocation(file, analysis.doc.value, params.outDir);
    const outDir = location.dir;
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const log = (line: string): void => void connection.sendNotification(DeployLogNotification.type, { uri, line });
    const states: Record<string, NodeDeployState> = Object.fromEntries([...analysis.graph.nodes.keys()].map((n) => [n, 'pending' as NodeDeployState]));
    const sendStates = (finished: boolean): void => void connection.sendNotification(DeployStatusNotification.type, { uri, nodes: { ...states }, finished });
    const progress = params.serverProgress === false ? SILENT : await reporter(connection, params.workDoneToken);
    progress.begin(`Deploying ${stack}`, 0, 'Generating and building', true);
    try {
      log(describeLocation(location, file, dirname(file)));
      await prepareProject(analysis, outDir, log, controller.signal);
      writeIgnoreFile(location);
      sendStates(false);
      const result = await deploy({
        projectDir: outDir, stackName: stack, target: target(params, analysis.graph.region), signal: controller.signal,
        nodeOf: nodeNamer(analysis.graph.nodes.keys()),
        host: {
          report(e: DeployEvent) {
            switch (e.type) {
              case 'step': log(e.message); progress.report(e.message); break;
              case 'upload': log(`${e.uploaded ? 'uploaded' : 'unchanged'} ${e.function} → ${e.key}`); break;
              case 'changes': log(describeChanges(e.summary)); break;
              case 'stack': log(`stack ${e.status}${e.reason ? `: ${e.reason}` : ''}`); progress.report(`stack ${e.status}`); break;
              case 'resource': {
                log(`${e.status} ${e.logicalId}${e.node ? ` (${e.node})` : ''}${e.reason ? `: ${e.reason}` : ''}`);
                if (e.node && states[e.node] !== 'failed') {
                  states[e.node] = /FAILED/.test(e.status) ? 'failed' : /IN_PROGRESS/.test(e.status) ? 'in-progress' : /COMPLETE/.test(e.status) ? 'done' : states[e.node]!;
                  sendStates(false);
                }
                break;
              }
            }
          },
          async confirm(summary) {
            const risky = summary.replace.length + summary.remove.length > 0;
            const choice = await connection.window.showWarningMessage(
              `${describeChanges(summary)}${risky ? ' Replaced resources lose their data and physical IDs.' : ''} Deploy?`,
              { title: 'Deploy' }, { title: 'Cancel', isCloseAffordance: true },
            );
            return choice?.title === 'Deploy';
          },
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
          const f = result.failure;
          const doc = services.documents.get(uri);
          const node = f?.node ? analysis.graph.nodes.get(f.node) : undefined;
          const message = `Deploy failed: ${f ? `${f.logicalId}${f.resourceType ? ` (${f.resourceType})` : ''}: ${f.reason}` : result.stackStatus}${result.rolledBack ? ' The stack was rolled back.' : ''}`;
          if (doc) {
            const span = node ? locate(analysis.doc.yaml, analysis.doc.text, node.pointer, 'key') : { start: 0, end: 0 };
            const diagnostic: Diagnostic = { range: toRange(doc, span), severity: DiagnosticSeverity.Error, code: 'deploy/failed', source: 'archflow', message };
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
    const [{ DeployError }, { stackOutputs }] = await load();
    try {
      return { stack, outputs: (await stackOutputs({ stackName: stack, target: target(params, analysis?.graph.region) })) ?? null };
    } catch (err) {
      const e = err instanceof DeployError ? err : new DeployError(String(err));
      return { stack, outputs: null, error: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
    }
  });

  connection.onRequest(DeleteStackRequest.type, async (params): Promise<DeployOutcome> => {
    const analysis = await services.currentAnalysis(params.textDocument.uri);
    const stack = params.stack ?? analysis?.graph.name ?? 'archflow';
    const [{ DeployError }, { destroy }] = await load();
    try {
      const r = await destroy({ stackName: stack, target: target(params, analysis?.graph.region), host: { report: (e) => e.type === 'step' && void connection.sendNotification(DeployLogNotification.type, { uri: params.textDocument.uri, line: e.message }), confirm: async () => true } });
      if (r === 'absent') return { status: 'no-changes', stack, message: `Stack ${stack} does not exist.` };
      if (r === 'deleted') return { status: 'deployed', stack, message: `Deleted stack ${stack}.` };
      return { status: 'failed', stack, message: `Could not delete ${stack}: ${r.failed}` };
    } catch (err) {
      const e = err instanceof DeployError ? err : new DeployError(String(err));
      return { status: 'error', stack, message: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
    }
  });
}
