/** Where a command writes: stdout for results, stderr for messages. */
export interface Output {
  log(line: string): void;
  err(line: string): void;
}

/**
 * A CLI command, in `commands/<name>.ts`, listed in main.ts. Returns the exit code (0 ok, 1 findings /
 * failure, 2 bad usage or unreadable input).
 */
export interface Command {
  readonly usage: string;
  readonly summary: string;
  run(argv: readonly string[], out: Output, version: string): number | Promise<number>;
}
