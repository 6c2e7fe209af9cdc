// A minimal LSP client over stdio for the benchmark (the tests have their own in test/helpers).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

/** Starts a language server (`command` + `args`) and speaks LSP to it over stdio. */
export class BenchClient {
  constructor(command, args, { configuration = {} } = {}) {
    this.process = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.process.stderr.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.waiters = new Set();
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      for (const w of [...this.waiters]) if (w.accept(p)) { this.waiters.delete(w); w.resolve({ params: p, at }); }
    });
    this.connection.onRequest('workspace/configuration', (params) => params.items.map((i) => (i.section ? configuration[i.section] ?? null : null)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('telemetry/event', () => undefined);
    this.connection.listen();
  }

  async initialize(capabilities = {}, initializationOptions = undefined) {
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null, ...(initializationOptions ? { initializationOptions } : {}) });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with `{ params, at }` (performance.now() on arrival) of the next diagnostics `accept` takes. */
  diagnostics(uri, accept = () => true, timeoutMs = 120_000) {
    return new Promise((resolve, reject) => {
      const w = { accept: (p) => p.uri === uri && accept(p), resolve };
      this.waiters.add(w);
      setTimeout(() => { if (this.waiters.delete(w)) reject(new Error(`no diagnostics for ${uri} in ${timeoutMs} ms\n${this.stderr.slice(-2000)}`)); }, timeoutMs).unref();
    });
  }

  notify(method, params) { return this.connection.sendNotification(method, params); }
  request(method, params) { return this.connection.sendRequest(method, params); }

  /** Resident memory of the server process, in MB (Linux /proc). */
  rssMb() {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch { /* gone */ }
    const exited = new Promise((r) => this.process.once('exit', r));
    const killer = setTimeout(() => this.process.kill('SIGKILL'), 3000);
    if (this.process.exitCode === null) await exited;
    clearTimeout(killer);
    this.connection.dispose();
  }
}

/** Percentile (0–100) of a list of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
