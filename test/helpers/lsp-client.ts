import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type ProtocolConnection, type PublishDiagnosticsParams, type InitializeResult, type ClientCapabilities,
} from 'vscode-languageserver-protocol/node';

/** The built server bundle the tests drive (run `npm run build` first). */
export const SERVER = resolve(__dirname, '../../server/out/server.js');

/**
 * A plain LSP client over stdio, as any editor would speak to `archflow-language-server --stdio`.
 * No VS Code: requests and notifications go over the real protocol.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess;
  private readonly listeners = new Set<(p: PublishDiagnosticsParams) => void>();
  /** The latest diagnostics per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Everything the server wrote to stderr (for failure messages). */
  stderr = '';
  exited: Promise<number | null>;
  /** Configuration the server pulls with workspace/configuration, by section. */
  configuration: Record<string, unknown> = {};

  constructor(args: readonly string[] = ['--stdio']) {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` before the LSP tests`);
    this.process = spawn(process.execPath, [SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.exited = new Promise((res) => this.process.on('exit', (code) => res(code)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      for (const l of [...this.listeners]) l(p);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((i) => (i.section ? this.configuration[i.section] ?? null : null)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get alive(): boolean {
    return this.process.exitCode === null && !this.process.killed;
  }

  async initialize(capabilities: ClientCapabilities = {}, workspaceFolders: { uri: string; name: string }[] | null = null, initializationOptions?: unknown): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid, rootUri: null, capabilities, workspaceFolders, ...(initializationOptions === undefined ? {} : { initializationOptions }),
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'archflow'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Sends incremental or full changes. */
  change(uri: string, version: number, changes: ({ text: string } | { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string })[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * Resolves with the next publishDiagnostics for `uri` that satisfies `accept` (default: any).
   * Register before triggering the change. Rejects after `timeoutMs` with what was last seen.
   */
  nextDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((res, rej) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        rej(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))}\nstderr: ${this.stderr}`));
      }, timeoutMs);
      const listener = (p: PublishDiagnosticsParams): void => {
        if (p.uri !== uri || !accept(p)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        res(p);
      };
      this.listeners.add(listener);
    });
  }

  /** Opens a document and resolves with its first diagnostics (the server has analysed it). */
  async openAnalysed(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri, (p) => p.version === undefined || p.version === version);
    await this.open(uri, text, version);
    return published;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  async shutdown(): Promise<void> {
    if (!this.alive) return;
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const killer = setTimeout(() => this.process.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(killer);
    this.connection.dispose();
  }
}

/** Text with a `|` caret: returns the text without it and the caret's position. */
export function caret(textWithCaret: string): { text: string; position: { line: number; character: number }; offset: number } {
  const offset = textWithCaret.indexOf('|');
  if (offset < 0) throw new Error('no | caret in the fixture');
  const text = textWithCaret.slice(0, offset) + textWithCaret.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, offset, position: { line: before.length - 1, character: before[before.length - 1]!.length } };
}

/** An LSP text edit: replace `range` with `newText`. */
export interface LspTextEdit {
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly newText: string;
}

/** Applies LSP text edits (non-overlapping, any order) to a text, as an editor would. */
export function applyTextEdits(text: string, edits: readonly LspTextEdit[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  // Applied from the end; edits at the same offset keep their array order (LSP).
  const sorted = edits.map((e, i) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText, i })).sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The text a range covers. */
export function textOf(text: string, range: LspTextEdit['range']): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => (starts[p.line] ?? text.length) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}
