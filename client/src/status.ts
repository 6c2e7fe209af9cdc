import * as vscode from 'vscode';

/** A status bar item with the problem counts of the active architecture file. */
export function createStatusItem(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('archflow.status', vscode.StatusBarAlignment.Left, 100);
  item.name = 'Archflow problems';
  item.command = 'workbench.actions.view.problems';

  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'archflow') {
      item.hide();
      return;
    }
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'archflow');
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    item.text = errors + warnings === 0 ? '$(pass) Archflow' : `$(error) ${errors} $(warning) ${warnings} Archflow`;
    item.tooltip = `Archflow: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in this architecture`;
    item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };

  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) update();
    }),
  );
}
