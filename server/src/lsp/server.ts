import { createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { addDiagnosticsHandler } from './handlers/diagnostics';
import { ArchServices } from './services';

/**
 * The Archflow language server. Speaks LSP over stdio (`--stdio`), node IPC (`--node-ipc`) or a
 * socket (`--socket=N`); editor-agnostic. Started by the VS Code client, or by any editor with
 * `npx archflow-language-server --stdio`.
 */
const connection = createConnection(ProposedFeatures.all);
const services = new ArchServices(connection);

connection.onInitialize((params): InitializeResult => {
  services.configurationSupported = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'archflow-language-server', version: '0.1.0' },
  };
});

const diagnostics = addDiagnosticsHandler(services);

connection.onInitialized(() => {
  if (services.configurationSupported) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'archflow' }).catch(() => undefined);
  }
});

connection.onDidChangeConfiguration(() => {
  services.settingsChanged();
  diagnostics.revalidateAll();
});

process.on('uncaughtException', (err) => connection.console.error(`archflow: uncaught ${err?.stack ?? err}`));
process.on('unhandledRejection', (err) => connection.console.error(`archflow: unhandled ${(err as Error)?.stack ?? err}`));

services.documents.listen(connection);
connection.listen();
