import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { DiagramEditResult, DiagramResult } from '../../server/src/protocol';
import type { ViewToHost } from '../../webview/src/protocol';
import { applyTextEdits, LspClient, type LspTextEdit } from './lsp-client';
import type { WebviewPage } from './webview-page';

/**
 * Plays the extension host between the diagram webview (in Chromium) and the real language server
 * (over stdio), as client/src/diagram-panel.ts does: diagrams from `arch/diagram`, gestures to
 * `arch/diagramEdit`, and the editor's side of `workspace/applyEdit` (the edit applied to the
 * document, sent back with `didChange`).
 */
export class DiagramHost {
  text: string;
  version = 1;
  /** Every `workspace/applyEdit` label the server sent (what an editor shows as the undo step). */
  readonly labels: string[] = [];
  private readonly changed = new Set<() => void>();

  private constructor(readonly client: LspClient, readonly view: WebviewPage, readonly uri: string, text: string) {
    this.text = text;
  }

  /** Starts the server, opens `text` as `uri` and shows its diagram in the page. */
  static async start(view: WebviewPage, uri: string, text: string): Promise<DiagramHost> {
    const client = new LspClient();
    const host = new DiagramHost(client, view, uri, text);
    client.connection.onRequest('workspace/applyEdit', async (p: { label?: string; edit: { changes?: Record<string, LspTextEdit[]> } }) => {
      const edits = p.edit.changes?.[uri];
      if (!edits) return { applied: false, failureReason: 'not this document' };
      host.labels.push(p.label ?? '');
      host.text = applyTextEdits(host.text, edits);
      host.version++;
      await client.change(uri, host.version, [{ text: host.text }]);
      return { applied: true };
    });
    client.connection.onNotification('arch/diagramChanged', () => {
      for (const f of [...host.changed]) f();
    });
    await client.initialize();
    await client.openAnalysed(uri, text);
    await host.show();
    return host;
  }

  /** The diagnostics of the current version. */
  async diagnostics(): Promise<PublishDiagnosticsParams> {
    const last = this.client.diagnostics.get(this.uri);
    if (last && last.version === this.version) return last;
    return this.client.nextDiagnostics(this.uri, (p) => p.version === this.version);
  }

  /** Sends the current (laid-out, not provisional) diagram to the page. */
  async show(): Promise<DiagramResult> {
    for (;;) {
      const next = new Promise<void>((res) => {
        const f = (): void => {
          this.changed.delete(f);
          res();
        };
        this.changed.add(f);
      });
      const r = (await this.client.request<DiagramResult | null>('arch/diagram', { textDocument: { uri: this.uri } }))!;
      if (r.version === this.version && !r.diagram.provisional) {
        await this.view.send({ type: 'diagram', uri: r.uri, version: r.version, diagram: r.diagram, sources: r.sources });
        return r;
      }
      await next;
    }
  }

  /** Answers the page's `settings` messages as the host does (arch/nodeSettings), until `stop`. */
  serveSettings(): void {
    const poll = async (): Promise<void> => {
      let seen = (await this.view.posted()).length;
      while (!this.stopped) {
        const all = await this.view.posted().catch(() => [] as ViewToHost[]);
        for (const m of all.slice(seen)) {
          if (m.type !== 'settings') continue;
          const settings = await this.client.request('arch/nodeSettings', { textDocument: { uri: this.uri }, id: m.id, ...(m.draft ? { draft: m.draft } : {}) })
            .catch((err: unknown) => (this.stopped ? undefined : Promise.reject(err)));
          if (this.stopped) return;
          await this.view.send({ type: 'settings', settings }).catch(() => undefined);
        }
        seen = Math.max(seen, all.length);
        await this.view.page.waitForTimeout(20).catch(() => undefined);
      }
    };
    void poll();
  }

  private stopped = false;

  /**
   * Does `action` in the page, waits for the gesture it posts, forwards it to the server as the host
   * does, gives the page the result and (when applied) the new diagram. Returns the result.
   */
  async gesture(action: () => Promise<unknown>): Promise<DiagramEditResult> {
    const posted = (await this.view.after(action, (m) => m.type === 'edit')) as Extract<ViewToHost, { type: 'edit' }>;
    const result = await this.client.request<DiagramEditResult>('arch/diagramEdit', {
      textDocument: { uri: this.uri, version: posted.version }, gesture: posted.gesture,
    });
    await this.view.send({ type: 'editResult', ...result });
    if (result.applied) {
      await this.diagnostics();
      await this.show();
    }
    return result;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client.shutdown();
  }
}
