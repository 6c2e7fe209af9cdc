import * as vscode from 'vscode';
import type { CommandFactory } from '../command';
import { DiagramPanels } from '../diagram-panel';
import { walkthroughDone } from '../status';

/**
 * `archflow.openDiagram` — "Archflow: Open Diagram": the live diagram of an architecture file
 * beside its editor (one panel per file). The argument is the file (from the editor title button or
 * the explorer); without one, the active editor's file.
 *
 * Made at activation, so it also registers the panel serializer that restores open diagrams
 * after a reload (`onWebviewPanel:archflow.diagram`).
 */
export const openDiagram: CommandFactory = (ctx) => {
  const panels = new DiagramPanels(ctx.extension, ctx.client, ctx.output);
  ctx.extension.subscriptions.push(panels);
  return (arg?: unknown) => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri?.toString());
    if (!uri || (doc && doc.languageId !== 'archflow') || !/\.arch\.ya?ml$/.test(uri.path)) {
      void vscode.window.showInformationMessage('Open an architecture file (*.arch.yaml) to see its diagram.');
      return;
    }
    panels.open(uri);
    void walkthroughDone('diagramOpened');
  };
};
