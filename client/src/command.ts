import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ArchflowStatus } from './status';

/** What a command gets: the extension context, the running client and the output channel. */
export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly client: LanguageClient;
  readonly output: vscode.LogOutputChannel;
  /** The status bar item: deploy reports its state there. */
  readonly status: ArchflowStatus;
}

/** Makes the handler of one command. Each command lives in `commands/<name>.ts`; commands.ts lists them. */
export type CommandFactory = (ctx: CommandContext) => (...args: unknown[]) => unknown;
