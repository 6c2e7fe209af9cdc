import * as path from 'node:path';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { AskRequest, type ArchInitializationOptions } from '../../server/src/protocol';
import { answerAsk } from './ask';

/** The documents Archflow's server handles. */
export const DOCUMENT_SELECTOR = [{ language: 'archflow' }];

/** Starts the language server (bundled at server/out/server.js) over node IPC. */
export async function startClient(context: ExtensionContext, output: LogOutputChannel): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: 'archflow' },
    initializationOptions: { ask: true } satisfies ArchInitializationOptions,
  };
  const client = new LanguageClient('archflow', 'Archflow', serverOptions, clientOptions);
  context.subscriptions.push(client.onRequest(AskRequest.type, answerAsk));
  await client.start();
  return client;
}
