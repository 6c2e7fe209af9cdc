import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from '../convert';
import { isScenarioUri } from '../scenario';
import type { ArchServices } from '../services';

/** Smallest and largest pause after a keystroke before analysing (ms). */
const MIN_DELAY = 5;
const MAX_DELAY = 250;

/** The diagnostics handler's hooks for the server. */
export interface DiagnosticsHandler {
  /** Analyses every open document again (the settings changed). */
  revalidateAll(): void;
  /** Publishes a document's diagnostics again (deploy problems changed). */
  republish(uri: string): void;
}

/**
 * Publishes diagnostics on open and on every change. A change after a pause is analysed at once; the
 * next changes of a burst wait for a short pause that grows with the time the file takes to analyse
 * (small files feel instant, big ones never queue up); a result is published only if the document is
 * still at the version analysed.
 */
export function addDiagnosticsHandler(connection: Connection, services: ArchServices, onAnalysed?: (uri: string, version: number) => void): DiagnosticsHandler {
  const { documents } = services;
  const timers = new Map<string, NodeJS.Timeout>();

  const run = async (uri: string): Promise<void> => {
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const options = await services.optionsFor(uri);
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // a newer edit is scheduled
    const analysis = services.analysisOf(current, options);
    if (documents.get(uri)?.version !== version) return;
    const extra = services.deployProblems.get(uri) ?? [];
    void connection.sendDiagnostics({ uri, version, diagnostics: [...analysis.problems.map((p) => toDiagnostic(current, p)), ...extra] });
    onAnalysed?.(uri, version);
  };

  const lastChange = new Map<string, number>();
  const schedule = (doc: TextDocument, immediate: boolean): void => {
    if (isScenarioUri(doc.uri)) return; // scenario files have their own diagnostics (lsp/scenario.ts)
    const pending = timers.get(doc.uri);
    if (pending) clearTimeout(pending);
    const last = services.lastDuration.get(doc.uri) ?? 0;
    const pause = Math.min(MAX_DELAY, Math.max(MIN_DELAY, Math.round(last * 2)));
    // A keystroke after a pause is analysed at once; the following ones of a burst wait for the pause.
    const now = performance.now();
    const previous = lastChange.get(doc.uri);
    lastChange.set(doc.uri, now);
    const idle = !pending && (previous === undefined || now - previous >= pause);
    const delay = immediate || idle ? 0 : pause;
    timers.set(doc.uri, setTimeout(() => void run(doc.uri).catch((err) => connection.console.error(String(err?.stack ?? err))), delay));
  };

  documents.onDidOpen((e) => schedule(e.document, true));
  documents.onDidChangeContent((e) => schedule(e.document, false));
  documents.onDidClose((e) => {
    lastChange.delete(e.document.uri);
    const pending = timers.get(e.document.uri);
    if (pending) clearTimeout(pending);
    timers.delete(e.document.uri);
    services.forget(e.document.uri);
    services.deployProblems.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  return {
    revalidateAll() {
      for (const doc of documents.all()) schedule(doc, true);
    },
    /** Publishes again (e.g. after a deploy added or cleared its problems). */
    republish(uri: string) {
      const doc = documents.get(uri);
      if (doc) schedule(doc, true);
    },
  };
}
