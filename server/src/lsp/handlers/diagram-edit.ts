import type { Connection } from 'vscode-languageserver';
import { analyze } from '../../core/index';
import { addNode } from '../../core/edit/add';
import { connectNodes, type GestureResult } from '../../core/edit/connect';
import { deleteElement, renameNode } from '../../core/edit/delete';
import { addEvent, applyNodeFix, draftSettings, nodeSettings, setSetting } from '../../core/edit/settings';
import { DiagramEditRequest, NodeSettingsRequest, type DiagramEditParams, type DiagramEditResult } from '../../protocol';
import { toTextEdit } from '../convert';
import type { ArchServices } from '../services';

/** The longest value the settings panel writes (a JSON Schema typed in one field). */
const MAX_VALUE = 8192;

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 256;

/** The architecture name of a new file: its file name without `.arch.yaml`, as a stack name. */
function architectureName(uri: string): string {
  const base = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)).replace(/\.arch\.ya?ml$/, '');
  const name = base.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^[^A-Za-z]+/, '').slice(0, 64);
  return name || 'app';
}

/**
 * `arch/diagramEdit`: a gesture on the diagram becomes a minimal text edit (core/edit/), applied by
 * the client through `workspace/applyEdit` like any other edit of the document. A gesture on an
 * older version than the document's, or one the analysis refuses, answers why and changes nothing.
 */
export function addDiagramEditHandler(connection: Connection, services: ArchServices): void {
  connection.onRequest(DiagramEditRequest.type, async (params: DiagramEditParams): Promise<DiagramEditResult> => {
    const refuse = (message: string): DiagramEditResult => ({ applied: false, message, problems: [] });
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return refuse('Open the file in an editor to edit it from the diagram.');
    if (params.textDocument.version !== doc.version) return refuse('The file changed since the diagram was drawn: try again on the new diagram.');
    const analysis = await services.currentAnalysis(doc.uri);
    if (!analysis) return refuse('Open the file in an editor to edit it from the diagram.');
    const options = await services.optionsFor(doc.uri);
    const g = params.gesture as unknown as Record<string, unknown> | undefined;
    const run = (): GestureResult | DiagramEditResult => {
      if (g?.kind === 'connect' && str(g.from) && str(g.to)) {
        const r = connectNodes(analysis, g.from, g.to, (text) => analyze(text, options), str(g.word) ? g.word : undefined);
        // Several words for the pair: the webview asks which (nothing is applied).
        return 'choose' in r ? { applied: false, message: r.title, problems: [], choices: r.choose } : r;
      }
      if (g?.kind === 'add-event' && typeof g.name === 'string') return addEvent(analysis, g.name.trim());
      if (g?.kind === 'add' && str(g.nodeKind) && typeof g.name === 'string') return addNode(analysis, g.nodeKind, g.name.trim(), architectureName(doc.uri));
      if (g?.kind === 'set' && str(g.id) && str(g.key) && typeof g.value === 'string' && g.value.length <= MAX_VALUE) return setSetting(analysis, g.id, g.key, g.value);
      if (g?.kind === 'fix' && str(g.id) && str(g.title)) return applyNodeFix(analysis, g.id, g.title);
      if (g?.kind === 'rename' && str(g.id) && typeof g.to === 'string') return renameNode(analysis, g.id, g.to.trim());
      if (g?.kind === 'delete' && str(g.id)) {
        const r = deleteElement(analysis, g.id);
        // Not confirmed yet: the preview of every changed line, nothing applied.
        if (!('error' in r) && g.confirmed !== true) return { applied: false, message: r.title, problems: [], preview: r.preview ?? [] };
        return r;
      }
      return refuse(`Unknown gesture: ${JSON.stringify(params.gesture)?.slice(0, 200)}`);
    };
    let result: GestureResult | DiagramEditResult;
    try {
      result = run();
    } catch (err) {
      // Bad input never crashes the server: the gesture is refused and the log says why.
      connection.console.error(`archflow: diagram gesture failed: ${(err as Error)?.stack ?? err}`);
      return refuse(`The diagram could not make this edit (${(err as Error)?.message ?? String(err)}): edit the text instead.`);
    }
    if ('applied' in result) return result;
    if ('error' in result) return refuse(result.error);
    const edits = result.edits.map((e) => toTextEdit(doc, e));
    const edit = services.clientCapabilities.workspace?.workspaceEdit?.documentChanges
      ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
      : { changes: { [doc.uri]: edits } };
    const applied = await connection.workspace.applyEdit({ label: `Diagram: ${result.title}`, edit });
    if (!applied.applied) return refuse(`The editor did not apply the edit${applied.failureReason ? `: ${applied.failureReason}` : ''}.`);
    return { applied: true, message: result.title, problems: result.problems.map((p) => `${p.code}: ${p.message}`) };
  });

  connection.onRequest(NodeSettingsRequest.type, async (params) => {
    const analysis = await services.currentAnalysis(params.textDocument.uri);
    if (!analysis || !str(params.id)) return null;
    const d = params.draft;
    try {
      if (d && str(d.key) && typeof d.value === 'string' && d.value.length <= MAX_VALUE) {
        const options = await services.optionsFor(params.textDocument.uri);
        return draftSettings(analysis, params.id, d.key, d.value, (text) => analyze(text, options)) ?? null;
      }
      return nodeSettings(analysis, params.id) ?? null;
    } catch (err) {
      connection.console.error(`archflow: settings of '${params.id}' failed: ${(err as Error)?.stack ?? err}`);
      return null;
    }
  });
}
