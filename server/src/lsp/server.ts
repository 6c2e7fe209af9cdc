import { createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { addCodeActionsHandler, CODE_ACTION_KINDS } from './handlers/code-actions';
import { addCodeLensHandler } from './handlers/code-lens';
import { addCompletionHandler, COMPLETION_TRIGGERS } from './handlers/completion';
import { addDefinitionHandler } from './handlers/definition';
import { addDeployHandler } from './handlers/deploy';
import { addDiagnosticsHandler } from './handlers/diagnostics';
import { addFoldingHandler } from './handlers/folding';
import { addGenerateHandler } from './handlers/generate';
import { addHoverHandler } from './handlers/hover';
import { addImportHandler } from './handlers/import';
import { addReferencesHandler } from './handlers/references';
import { addRenameHandler } from './handlers/rename';
import { addSelectionHandler } from './handlers/selection';
import { addSymbolsHandler } from './handlers/symbols';
import { addDiagramHandler } from './handlers/diagram';
import { addDiagramEditHandler } from './handlers/diagram-edit';
import type { ArchInitializationOptions } from '../protocol-ask';
import { withCheckedParams } from './params';
import { routeScenarioFiles, ScenarioFiles } from './scenario';
import { ArchServices } from './services';

/**
 * The Archflow language server. Speaks LSP over stdio (`--stdio`), node IPC (`--node-ipc`) or a
 * socket (`--socket=N`); editor-agnostic. Started by the VS Code client, or by any editor with
 * `npx archflow-language-server --stdio`.
 */
// Every handler registered through `connection` answers params it cannot use with InvalidParams.
// Requests about scenario files go to `ScenarioFiles` (scenario.ts), not to the architecture handlers.
const routing = routeScenarioFiles(withCheckedParams(createConnection(ProposedFeatures.all)));
const connection = routing.connection;
/** The files the server watches for the architectures that name them: Amazon States Language definitions. */
const REFERENCED_FILES = '**/*.asl.{json,yaml,yml}';
const services = new ArchServices(connection);
routing.attach(new ScenarioFiles(connection, services));

connection.onInitialize((params): InitializeResult => {
  services.configurationSupported = !!params.capabilities.workspace?.configuration;
  services.clientCapabilities = params.capabilities;
  const options = params.initializationOptions as ArchInitializationOptions | null | undefined;
  services.initializationOptions = { ask: options?.ask === true, ...(typeof options?.layoutCache === 'string' && options.layoutCache ? { layoutCache: options.layoutCache } : {}) };
  services.workspaceFolders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : [])).map((f) => f.uri);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: params.capabilities.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
      documentSymbolProvider: { label: 'Archflow' },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
      codeLensProvider: { resolveProvider: true },
    },
    serverInfo: { name: 'archflow-language-server', version: '0.1.0' },
  };
});

const diagram = addDiagramHandler(connection, services);
const diagnostics = addDiagnosticsHandler(connection, services, (uri, version) => diagram.analysed(uri, version));
// Stop the layout workers and write the layouts of flow shapes kept for the next session.
connection.onShutdown(() => diagram.dispose());

addCompletionHandler(connection, services);
addHoverHandler(connection, services);
addDefinitionHandler(connection, services);
addReferencesHandler(connection, services);
addRenameHandler(connection, services);
addSymbolsHandler(connection, services);
addFoldingHandler(connection, services);
addSelectionHandler(connection, services);
addCodeActionsHandler(connection, services);
addCodeLensHandler(connection, services);
addImportHandler(connection, services);
addDiagramEditHandler(connection, services);
addGenerateHandler(connection, services);
addDeployHandler(connection, services, (uri) => diagnostics.republish(uri));

connection.onInitialized(() => {
  if (services.configurationSupported) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'archflow' }).catch(() => undefined);
  }
  // State machine definitions live in files next to the architecture: an edit there is a change of the analysis.
  if (services.clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: REFERENCED_FILES }] }).catch(() => undefined);
  }
});

connection.onDidChangeWatchedFiles(() => {
  services.referencedFilesChanged();
  diagnostics.revalidateAll();
});

connection.onDidChangeConfiguration(() => {
  services.settingsChanged();
  diagnostics.revalidateAll();
});

process.on('uncaughtException', (err) => connection.console.error(`archflow: uncaught ${err?.stack ?? err}`));
process.on('unhandledRejection', (err) => connection.console.error(`archflow: unhandled ${(err as Error)?.stack ?? err}`));

services.documents.listen(connection);
connection.listen();
