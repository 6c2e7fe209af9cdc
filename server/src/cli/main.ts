import { deployCommand, destroyCommand, outputsCommand } from './commands/deploy';
import { generateCommand } from './commands/generate';
import { graph } from './commands/graph';
import { importCommand } from './commands/import';
import { lint } from './commands/lint';
import { rules } from './commands/rules';
import { testPattern } from './commands/test-pattern';
import type { Command, Output } from './command';
import { UsageError } from './io';

/** Every command, by name. Each lives in `commands/<name>.ts`. */
export const COMMANDS: Record<string, Command> = {
  lint,
  rules,
  generate: generateCommand,
  graph,
  'test-pattern': testPattern,
  import: importCommand,
  deploy: deployCommand,
  destroy: destroyCommand,
  outputs: outputsCommand,
};

const VERSION = '0.1.0';

function help(out: Output): void {
  out.log('Usage: archflow <command> [options]\n');
  out.log('Commands:');
  for (const [name, c] of Object.entries(COMMANDS)) out.log(`  ${name.padEnd(14)}${c.summary}`);
  out.log('\nRun `archflow <command> --help` for its options.');
}

export async function main(argv: readonly string[], out: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(out);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    out.log(VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    out.err(`archflow: unknown command '${name}'`);
    help(out);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.log(`Usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest, out, VERSION);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.err(`archflow ${name}: ${(err as Error).message}`);
      out.err(`Usage: ${command.usage}`);
      return 2;
    }
    out.err(`archflow ${name}: ${internalError(err)}`);
    return 2;
  }
}

/** One line for an error nobody expected (never a stack trace): what happened and where to report it. */
export function internalError(err: unknown): string {
  const message = String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 300);
  return `internal error: ${message} (please report it at https://github.com/archflow/archflow/issues)`;
}

if (require.main === module) {
  const out: Output = { log: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };
  // Whatever escapes a command (an error in a callback, a rejected promise nobody awaited) is one line and exit 2.
  const fail = (err: unknown): void => {
    process.stderr.write(`archflow: ${internalError(err)}\n`);
    process.exit(2);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  main(process.argv.slice(2), out).then((code) => {
    process.exitCode = code;
  }, fail);
}
