import * as path from 'node:path';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { AskRequest, type ArchInitializationOptions } from '../../server/src/protocol';
import { answerAsk } from './ask';

/** The documents Archflow's server handles. */
export const DOCUMENT_SELECTOR = [{ language: 'archflow' }, { language: 'archflow-scenario' }];

/** What the client tells the status bar item: a change is being analysed, its diagnostics arrived. */
export interface AnalysisListener {
  startAnalysis(uri: import('vscode').Uri): void;
  endAnalysis(uri: import('vscode').Uri): void;
}

/** Starts the language server (bundled at server/out/server.js) over node IPC. */
export async function startClient(context: ExtensionContext, output: LogOutputChannel, analysis?: AnalysisListener): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: 'archflow' },
    // The server keeps layouts of flow shapes there between sessions: a file opened again draws at once.
    initializationOptions: { ask: true, layoutCache: context.globalStorageUri.fsPath } satisfies ArchInitializationOptions,
    // The server publishes diagnostics for every version it analyses (the newest of a burst of edits).
    middleware: {
      didOpen: (document, next) => {
        analysis?.startAnalysis(document.uri);
        return next(document);
      },
      didChange: (event, next) => {
        if (event.contentChanges.length > 0) analysis?.startAnalysis(event.document.uri);
        return next(event);
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        next(uri, diagnostics);
        analysis?.endAnalysis(uri);
      },
    },
  };
  const client = new LanguageClient('archflow', 'Archflow', serverOptions, clientOptions);
  context.subscriptions.push(client.onRequest(AskRequest.type, answerAsk));
  await client.start();
  return client;
}
