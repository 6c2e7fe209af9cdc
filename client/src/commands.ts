import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { deleteStack, deployCommand, showStackOutputs } from './commands/deploy';
import { generateProject } from './commands/generate-project';
import { importTemplate } from './commands/import-template';
import { newArchitecture } from './commands/new-architecture';
import { openDiagram } from './commands/open-diagram';
import { showLog } from './commands/show-log';
import { testPattern } from './commands/test-pattern';
import type { ArchflowStatus } from './status';

/** What a command gets: the extension context, the running client and the output channel. */
export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly client: LanguageClient;
  readonly output: vscode.LogOutputChannel;
  /** The status bar item: deploy reports its state there. */
  readonly status: ArchflowStatus;
}

/** Makes the handler of one command. Each command lives in `commands/<name>.ts`. */
export type CommandFactory = (ctx: CommandContext) => (...args: unknown[]) => unknown;

/**
 * Every command of the extension, by id. The ids and titles are contributed in package.json under
 * the "Archflow" category.
 */
export function createCommands(): Record<string, CommandFactory> {
  return {
    'archflow.newArchitecture': newArchitecture,
    'archflow.openDiagram': openDiagram,
    'archflow.testPattern': testPattern,
    'archflow.importTemplate': importTemplate,
    'archflow.generateProject': generateProject,
    'archflow.deploy': deployCommand,
    'archflow.showStackOutputs': showStackOutputs,
    'archflow.deleteStack': deleteStack,
    'archflow.showLog': showLog,
  };
}
