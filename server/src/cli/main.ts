import { deployCommand, destroyCommand, outputsCommand } from './commands/deploy';
import { generateCommand } from './commands/generate';
import { graph } from './commands/graph';
import { importCommand } from './commands/import';
import { lint } from './commands/lint';
import { rules } from './commands/rules';
import { simulate } from './commands/simulate';
import { testPattern } from './commands/test-pattern';
import type { Command, Output } from './command';
import { formatCommandHelp, formatOverview } from './help';
import { UsageError } from './io';
import { colorsFor, makeStyle, PLAIN } from './style';

/** Every command, by name. Each lives in `commands/<name>.ts`. */
export const COMMANDS: Record<string, Command> = {
  lint,
  rules,
  generate: generateCommand,
  graph,
  'test-pattern': testPattern,
  simulate,
  import: importCommand,
  deploy: deployCommand,
  destroy: destroyCommand,
  outputs: outputsCommand,
};

/** The package version (test/cli/help.test.ts keeps it equal to package.json's). */
export const VERSION = '0.1.0';

const HELP_FLAGS = new Set(['--help', '-h']);

/** The command names closest to a mistyped one (edit distance ≤ 2, or a prefix). */
function closest(name: string): string[] {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = row[j]!;
        row[j] = next;
      }
    }
    return row[b.length]!;
  };
  return Object.keys(COMMANDS).filter((c) => distance(name, c) <= 2 || (name.length >= 2 && c.startsWith(name)));
}

/** The message of Node's argument parser, shortened to what a person needs. */
function parseArgsMessage(err: Error & { code?: string }): string {
  const option = /'(?:-\w, )?(-{1,2}[^' ,]+)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return `unknown option '${option ?? err.message}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': return option ? `${option} needs a value` : err.message;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return `unexpected argument '${/'([^']+)'/.exec(err.message)?.[1] ?? ''}'`;
    default: return err.message;
  }
}

function usageError(out: Output, prefix: string, message: string, hint: string): 2 {
  const style = out.style?.err ?? PLAIN;
  out.err(`${style.red(`${prefix}:`)} ${message}`);
  out.err(hint);
  return 2;
}

export async function main(argv: readonly string[], out: Output): Promise<number> {
  const [name, ...rest] = argv;
  const style = out.style?.out ?? PLAIN;
  if (name === undefined) {
    out.err(formatOverview(COMMANDS, VERSION, out.style?.err ?? PLAIN));
    return 2;
  }
  if (HELP_FLAGS.has(name)) {
    out.log(formatOverview(COMMANDS, VERSION, style));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    out.log(VERSION);
    return 0;
  }
  if (name === 'help') {
    if (rest.length === 0) {
      out.log(formatOverview(COMMANDS, VERSION, style));
      return 0;
    }
    const topic = COMMANDS[rest[0]!];
    if (!topic || rest.length > 1) {
      const maybe = topic ? [] : closest(rest[0]!);
      return usageError(out, 'archflow help', topic ? `expects one command, got ${rest.length}` : `unknown command '${rest[0]}'${maybe.length ? ` (did you mean ${maybe.map((m) => `'${m}'`).join(' or ')}?)` : ''}`,
        `Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    }
    out.log(formatCommandHelp(rest[0]!, topic, style));
    return 0;
  }
  if (name.startsWith('-')) return usageError(out, 'archflow', `unknown option '${name}'`, 'Usage: archflow <command> [options]. Run `archflow help` for the commands.');
  const command = COMMANDS[name];
  if (!command) {
    const maybe = closest(name);
    return usageError(out, 'archflow', `unknown command '${name}'${maybe.length ? ` (did you mean ${maybe.map((m) => `'${m}'`).join(' or ')}?)` : ''}`,
      `Commands: ${Object.keys(COMMANDS).join(', ')}. Run \`archflow help\` for what each does.`);
  }
  // `--help` anywhere before a `--` asks for help, whatever else is on the line.
  const end = rest.indexOf('--');
  if ((end < 0 ? rest : rest.slice(0, end)).some((a) => HELP_FLAGS.has(a))) {
    out.log(formatCommandHelp(name, command, style));
    return 0;
  }
  try {
    return await command.run(rest, out, VERSION);
  } catch (err) {
    const e = err as Error & { code?: string };
    if (err instanceof UsageError || e?.code?.startsWith('ERR_PARSE_ARGS')) {
      return usageError(out, `archflow ${name}`, err instanceof UsageError ? e.message : parseArgsMessage(e),
        `Usage: ${command.usage}\nRun \`archflow help ${name}\` for every option, with defaults and examples.`);
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

/** Standard output and error for a person: colours and the status line only on terminals. */
function processOutput(): Output {
  let shown: string | undefined;
  const width = (): number => Math.max(20, (process.stderr.columns ?? 80) - 1);
  const clear = (): void => {
    if (shown !== undefined) process.stderr.write('\r\x1b[K');
  };
  const errStyle = makeStyle(colorsFor(process.stderr));
  const redraw = (): void => {
    if (shown !== undefined) process.stderr.write(`\r${errStyle.dim(shown.slice(0, width()))}\x1b[K`);
  };
  const statusOn = process.stderr.isTTY === true && process.env.TERM !== 'dumb';
  return {
    log(line) {
      clear();
      process.stdout.write(line + '\n');
      redraw();
    },
    err(line) {
      clear();
      process.stderr.write(line + '\n');
      redraw();
    },
    style: { out: makeStyle(colorsFor(process.stdout)), err: errStyle },
    ...(statusOn ? {
      status(line: string | undefined) {
        clear();
        shown = line;
        redraw();
      },
    } : {}),
  };
}

if (require.main === module) {
  // Whatever escapes a command (an error in a callback, a rejected promise nobody awaited) is one line and exit 2.
  const fail = (err: unknown): void => {
    process.stderr.write(`archflow: ${internalError(err)}\n`);
    process.exit(2);
  };
  // A reader that stops early (`archflow rules | head`) closes the pipe: stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      fail(err);
    });
  }
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  main(process.argv.slice(2), processOutput()).then((code) => {
    process.exitCode = code;
  }, fail);
}
