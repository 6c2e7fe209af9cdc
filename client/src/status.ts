import * as vscode from 'vscode';

/**
 * The status bar item of the active architecture file. It says what Archflow is doing and opens the
 * view that goes with it:
 *   - deploying → the Archflow output channel (the deploy's log);
 *   - analysing (a change sent, its diagnostics not back yet) → the Problems panel;
 *   - N problems → the Problems panel;
 *   - no problems → the diagram.
 * It also records the walkthrough's steps that a person completes by doing something (a problem
 * fixed), as context keys (see `walkthroughDone`).
 */
export class ArchflowStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('archflow.status', vscode.StatusBarAlignment.Left, 100);
  private readonly analysing = new Set<string>();
  private readonly deploying = new Map<string, string>();
  /** Problems per file at the last diagnostics, to notice one being fixed. */
  private readonly counts = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly changed = new vscode.EventEmitter<ArchflowStatus['state']>();
  /** Fires with what the item shows after every change (the end-to-end tests follow it). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item.name = 'Archflow';
    this.subscriptions = [
      this.item,
      this.changed,
      // The Output and Debug Console panels are text editors too: clicking into one keeps the item as it was.
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.uri.scheme !== 'output' && e?.document.uri.scheme !== 'debug') this.update();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) this.noteProblems(uri);
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.analysing.delete(d.uri.toString());
        this.counts.delete(d.uri.toString());
      }),
    ];
    this.update();
  }

  /** A change of `uri` went to the server: its problems are being recomputed. */
  startAnalysis(uri: vscode.Uri): void {
    this.analysing.add(uri.toString());
    this.update();
  }

  /** The server published the diagnostics of `uri`. */
  endAnalysis(uri: vscode.Uri): void {
    if (this.analysing.delete(uri.toString())) this.update();
  }

  /** A deploy of `uri` runs (`stack` set) or ended (`undefined`). */
  setDeploying(uri: vscode.Uri, stack: string | undefined): void {
    if (stack === undefined) this.deploying.delete(uri.toString());
    else this.deploying.set(uri.toString(), stack);
    this.update();
  }

  /** What the item shows now (for tests): its text, tooltip and command. */
  get state(): { readonly text: string; readonly tooltip: string; readonly command: string | undefined; readonly visible: boolean } {
    const command = typeof this.item.command === 'string' ? this.item.command : this.item.command?.command;
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), command, visible: this.visible };
  }

  private visible = false;

  private noteProblems(uri: vscode.Uri): void {
    const key = uri.toString();
    const count = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'archflow').length;
    const before = this.counts.get(key);
    this.counts.set(key, count);
    if (before !== undefined && count < before) void walkthroughDone('problemFixed');
  }

  /** The file the item is about: the active editor's, or the last one before a panel took the focus. */
  private shown: vscode.TextEditor | undefined;

  private update(): void {
    const active = vscode.window.activeTextEditor;
    if (active && active.document.uri.scheme !== 'output' && active.document.uri.scheme !== 'debug') this.shown = active;
    else if (!active) this.shown = undefined;
    const editor = this.shown;
    if (!editor || editor.document.languageId !== 'archflow') {
      this.item.hide();
      this.visible = false;
      this.changed.fire(this.state);
      return;
    }
    const uri = editor.document.uri;
    const stack = this.deploying.get(uri.toString());
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'archflow');
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const others = diagnostics.length - errors - warnings;
    const s = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    this.item.backgroundColor = undefined;
    if (stack !== undefined) {
      this.item.text = `$(sync~spin) Archflow: deploying ${stack}`;
      this.item.tooltip = `Deploying stack ${stack}. Click for the deploy's log.`;
      this.item.command = { command: 'archflow.showLog', title: 'Show the Archflow log' };
    } else if (this.analysing.has(uri.toString())) {
      this.item.text = '$(loading~spin) Archflow: analysing';
      this.item.tooltip = 'Checking the architecture. Click for the Problems panel.';
      this.item.command = 'workbench.actions.view.problems';
    } else if (diagnostics.length > 0) {
      this.item.text = `$(error) ${errors} $(warning) ${warnings} Archflow`;
      this.item.tooltip = `Archflow: ${s(errors, 'error')}, ${s(warnings, 'warning')}${others ? `, ${others} info` : ''} in this architecture. Click for the Problems panel.`;
      this.item.command = 'workbench.actions.view.problems';
      if (errors > 0) this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      this.item.text = '$(pass) Archflow: no problems';
      this.item.tooltip = 'Archflow found no problems in this architecture. Click for its diagram.';
      this.item.command = { command: 'archflow.openDiagram', title: 'Open Diagram', arguments: [uri] };
    }
    this.item.show();
    this.visible = true;
    this.changed.fire(this.state);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

/**
 * The walkthrough's steps end in something the person did; each is announced through a context key
 * that package.json's walkthrough names in `completionEvents` (`onContext:archflow.did.<step>`).
 *
 * VS Code's walkthrough service starts only when a walkthrough is first shown, and it ignores an
 * `onContext` key that is already true when it starts. So a key is only pulsed (true, then false
 * again) and the steps done are remembered here; when a Welcome or walkthrough tab opens (the service
 * is then running) they are pulsed again, so what the person did before opening it is ticked too.
 */
export type WalkthroughStep = 'fileCreated' | 'problemFixed' | 'diagramOpened' | 'projectGenerated' | 'deployed';

const stepsDone = new Set<WalkthroughStep>();

async function pulse(step: WalkthroughStep): Promise<void> {
  await vscode.commands.executeCommand('setContext', `archflow.did.${step}`, true);
  await vscode.commands.executeCommand('setContext', `archflow.did.${step}`, false);
}

export function walkthroughDone(step: WalkthroughStep): Promise<void> {
  stepsDone.add(step);
  return pulse(step);
}

/** Pulses the steps done so far whenever a Welcome / walkthrough tab opens. */
export function followWalkthroughTabs(): vscode.Disposable {
  return vscode.window.tabGroups.onDidChangeTabs((e) => {
    if (!e.opened.some((t) => /welcome|walkthrough|get started/i.test(t.label))) return;
    for (const step of stepsDone) void pulse(step);
  });
}
