import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DiagramChangedNotification, DiagramEditRequest, DiagramRequest, NodeSettingsRequest, type DiagramResult, type ElementSource, type SourceRange } from '../../server/src/protocol';
import type { HostToView, ThemeKindName, ViewToHost } from '../../webview/src/protocol';
import { assertNever, isViewState, isViewToHost } from '../../webview/src/protocol-check';
import { answerTestEvent } from './simulate/test-event';

/** The webview type; also in package.json's `onWebviewPanel:archflow.diagram` activation event. */
export const DIAGRAM_VIEW_TYPE = 'archflow.diagram';

function themeKind(kind: vscode.ColorThemeKind): ThemeKindName {
  switch (kind) {
    case vscode.ColorThemeKind.Dark: return 'dark';
    case vscode.ColorThemeKind.HighContrast:
    case vscode.ColorThemeKind.HighContrastLight: return 'high-contrast';
    default: return 'light';
  }
}

const toRange = (r: SourceRange): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

const contains = (r: SourceRange, p: vscode.Position): boolean =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character))
  && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

/** The element whose source holds the position; the innermost (an edge inside its node) wins. */
export function elementAt(sources: Readonly<Record<string, ElementSource>>, position: vscode.Position): string | null {
  let best: { id: string; lines: number; chars: number } | undefined;
  for (const [id, s] of Object.entries(sources)) {
    if (!contains(s.extent, position)) continue;
    const lines = s.extent.end.line - s.extent.start.line;
    const chars = lines === 0 ? s.extent.end.character - s.extent.start.character : Number.MAX_SAFE_INTEGER;
    if (!best || lines < best.lines || (lines === best.lines && chars < best.chars)) best = { id, lines, chars };
  }
  return best?.id ?? null;
}

/** One diagram panel, showing one document. */
class DiagramPanel {
  private ready = false;
  private readonly queue: HostToView[] = [];
  private last?: DiagramResult;
  private selected: string | null = null;
  private inFlight = false;
  private again = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly owner: DiagramPanels,
  ) {
    const extensionUri = owner.extension.extensionUri;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'webview', 'out')] };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'client', 'media', 'icon.png');
    panel.webview.html = owner.html(panel.webview, basename(uri.path));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidChangeViewState(() => {
        // A hidden webview loses its page; it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    void this.refresh();
  }

  /** Sends a message now, or when the webview is ready. */
  private post(message: HostToView): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else if (message.type !== 'diagram' && message.type !== 'select' && message.type !== 'theme') this.queue.push(message);
    // Diagrams, selections and the theme are re-sent from their latest value on `ready`.
  }

  /** Asks the server for the diagram; coalesces requests while one is running. */
  async refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    try {
      do {
        this.again = false;
        const result = await this.owner.client.sendRequest(DiagramRequest.type, { textDocument: { uri: this.uri.toString() } });
        if (!result) {
          this.post({ type: 'status', message: 'Open the file in an editor to see its diagram.' });
          continue;
        }
        this.last = result;
        this.post(this.diagramMessage(result));
      } while (this.again);
    } catch (err) {
      this.owner.output.error(`Diagram of ${this.uri.toString()}: ${(err as Error)?.message ?? String(err)}`);
      this.post({ type: 'status', message: `The diagram could not be computed: ${(err as Error)?.message ?? String(err)}` });
    } finally {
      this.inFlight = false;
    }
  }

  private diagramMessage(r: DiagramResult): HostToView {
    return { type: 'diagram', uri: r.uri, version: r.version, diagram: r.diagram, sources: r.sources };
  }

  /** The editor's cursor moved in this document: highlight the element under it. */
  cursorMoved(position: vscode.Position): void {
    if (!this.last) return;
    const id = elementAt(this.last.sources, position);
    if (id === this.selected) return;
    this.selected = id;
    this.post({ type: 'select', id });
  }

  themeChanged(kind: ThemeKindName): void {
    this.post({ type: 'theme', kind });
  }

  private receive(raw: unknown): void {
    if (!isViewToHost(raw)) {
      this.owner.output.warn(`Diagram: ignored a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    const message: ViewToHost = raw;
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        void this.panel.webview.postMessage({ type: 'theme', kind: themeKind(vscode.window.activeColorTheme.kind) } satisfies HostToView);
        if (this.last) void this.panel.webview.postMessage(this.diagramMessage(this.last));
        if (this.selected) void this.panel.webview.postMessage({ type: 'select', id: this.selected } satisfies HostToView);
        for (const m of this.queue.splice(0)) void this.panel.webview.postMessage(m);
        break;
      }
      case 'reveal':
        void this.reveal(message.id, toRange(message.range));
        break;
      case 'export':
        void this.save(message.format, message.data);
        break;
      case 'edit':
        void this.edit(message);
        break;
      case 'settings':
        void this.owner.client.sendRequest(NodeSettingsRequest.type, { textDocument: { uri: this.uri.toString() }, id: message.id, ...(message.draft ? { draft: message.draft } : {}) })
          .then((settings) => this.post({ type: 'settings', settings }), (err: unknown) => this.owner.output.error(`Diagram settings: ${(err as Error)?.message ?? String(err)}`));
        break;
      case 'error':
        this.owner.output.error(`Diagram webview: ${message.message}`);
        break;
      case 'testEventSamples':
      case 'sendTestEvent':
        void answerTestEvent(this.owner.client, this.uri.toString(), message, (m) => this.post(m));
        break;
      default:
        assertNever(message);
    }
  }

  /** A gesture on the diagram: the server edits the text (`workspace/applyEdit`); the webview hears what became of it. */
  private async edit(message: Extract<ViewToHost, { type: 'edit' }>): Promise<void> {
    try {
      const r = await this.owner.client.sendRequest(DiagramEditRequest.type, { textDocument: { uri: this.uri.toString(), version: message.version }, gesture: message.gesture });
      this.post({ type: 'editResult', applied: r.applied, message: r.message, problems: r.problems, ...(r.preview ? { preview: r.preview } : {}), ...(r.choices ? { choices: r.choices } : {}) });
    } catch (err) {
      this.post({ type: 'editResult', applied: false, message: `The diagram could not edit the file: ${(err as Error)?.message ?? String(err)}`, problems: [] });
    }
  }

  /** Shows the document with the element's source selected. */
  private async reveal(id: string, range: vscode.Range): Promise<void> {
    this.selected = id;
    const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    const doc = open?.document ?? (await vscode.workspace.openTextDocument(this.uri));
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: open?.viewColumn ?? vscode.ViewColumn.One,
      selection: range,
      preserveFocus: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async save(format: 'svg' | 'png', data: string): Promise<void> {
    const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data, 'base64');
    const valid = format === 'svg'
      ? /^\s*<svg[\s>]/.test(data)
      : bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (!valid) {
      this.owner.output.error(`Diagram: the webview sent an invalid ${format.toUpperCase()} export.`);
      return;
    }
    const name = basename(this.uri.path).replace(/\.arch\.ya?ml$/, '') + '.' + format;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(this.uri, '..', name),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      title: `Export diagram as ${format.toUpperCase()}`,
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    vscode.window.setStatusBarMessage(`Archflow: saved ${vscode.workspace.asRelativePath(target)}`, 5000);
  }

  dispose(): void {
    this.owner.forget(this);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * The diagram panels: one per document, restored after a reload, refreshed when the server says a
 * document's diagram changed, following the editor's cursor and theme.
 */
export class DiagramPanels implements vscode.Disposable {
  private readonly panels = new Map<string, DiagramPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private template?: string;

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly client: LanguageClient,
    readonly output: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      client.onNotification(DiagramChangedNotification.type, (p) => void this.panels.get(p.uri)?.refresh()),
      vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => {
          if (!isViewState(state)) {
            panel.dispose();
            return;
          }
          this.adopt(panel, vscode.Uri.parse(state.uri));
        },
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        this.panels.get(e.textEditor.document.uri.toString())?.cursorMoved(e.selections[0]!.active);
      }),
      vscode.window.onDidChangeActiveColorTheme((t) => {
        for (const p of this.panels.values()) p.themeChanged(themeKind(t.kind));
      }),
    );
  }

  /** Opens (or shows) the diagram of a document beside the editor. */
  open(uri: vscode.Uri): void {
    const existing = this.panels.get(uri.toString());
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DIAGRAM_VIEW_TYPE,
      `Diagram: ${basename(uri.path)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extension.extensionUri, 'webview', 'out')] },
    );
    this.adopt(panel, uri);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri): void {
    panel.title = `Diagram: ${basename(uri.path)}`;
    this.panels.set(uri.toString(), new DiagramPanel(panel, uri, this));
  }

  forget(panel: DiagramPanel): void {
    if (this.panels.get(panel.uri.toString()) === panel) this.panels.delete(panel.uri.toString());
  }

  /** The webview page: webview/index.html with a fresh nonce and the webview's URIs. */
  html(webview: vscode.Webview, title: string): string {
    this.template ??= readFileSync(vscode.Uri.joinPath(this.extension.extensionUri, 'webview', 'index.html').fsPath, 'utf8');
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extension.extensionUri, 'webview', 'out', 'main.js'));
    const values: Record<string, string> = { cspSource: webview.cspSource, nonce, scriptUri: script.toString(), title: escapeHtml(`Diagram: ${title}`) };
    return this.template.replace(/\{\{(\w+)\}\}/g, (m, key: string) => values[key] ?? m);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
