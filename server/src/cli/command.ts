import type { CommandSpec } from './help';
import type { Style } from './style';

/** Where a command writes: stdout for results, stderr for messages. */
export interface Output {
  log(line: string): void;
  err(line: string): void;
  /** Colours for standard output and standard error (plain unless each is a terminal). */
  readonly style?: { readonly out: Style; readonly err: Style };
  /** Rewrites the one status line on standard error (terminals only; `undefined` erases it). */
  readonly status?: (line: string | undefined) => void;
}

/**
 * A CLI command, in `commands/<name>.ts`, listed in main.ts: its help (usage, arguments, every option
 * with its default, examples, exit codes; the option table in help.ts is also what its parser accepts)
 * and what it does. Returns the exit code (0 ok, 1 findings / failure, 2 bad usage or unreadable input).
 */
export interface Command extends CommandSpec {
  run(argv: readonly string[], out: Output, version: string): number | Promise<number>;
}
