/**
 * What each command accepts, declared once: the option table is what the parser accepts *and* what
 * `archflow help <command>` prints (every option, its value, its default), so the two cannot drift.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './io';
import { PLAIN, type Style } from './style';

/** One option of a command. */
export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** The value's placeholder in help, e.g. `text|json|sarif` or `DIR`. */
  readonly value?: string;
  /** The parser's default (also printed). */
  readonly default?: string | boolean | readonly string[];
  /** The default in words, when it is not a constant (printed instead of `default`). */
  readonly defaultText?: string;
  readonly description: string;
}

/** Everything `archflow help <command>` prints, and what the parser accepts. */
export interface CommandSpec {
  /** One line: `archflow lint <files…> [options]`. */
  readonly usage: string;
  /** What the command does, one sentence. */
  readonly summary: string;
  /** The positional arguments. */
  readonly args?: readonly { readonly name: string; readonly description: string }[];
  readonly options: readonly OptionSpec[];
  readonly examples: readonly { readonly command: string; readonly what: string }[];
  /** Exit codes other than the common `2 bad usage`. */
  readonly exitCodes: string;
  /** More lines after the options (lists of accepted names, notes). */
  readonly notes?: readonly string[];
}

type ParseOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/**
 * Parses `argv` with the command's option table. Unknown options, missing values and (unless
 * allowed) positionals throw: the CLI prints the message with the usage line and exits with 2.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[], allowPositionals = true): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  const options: ParseOptions = {};
  for (const o of spec.options) {
    options[o.name] = {
      type: o.type,
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.default !== undefined ? { default: (Array.isArray(o.default) ? [...o.default] : o.default) as string | boolean | string[] } : {}),
    };
  }
  const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
}

/** Throws a usage error unless exactly one positional was given; returns it. */
export function onePositional(positionals: readonly string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`name ${what}`);
  if (positionals.length > 1) throw new UsageError(`name exactly one ${what.replace(/^(an?|one) /, '')}, not ${positionals.length} (${positionals.join(', ')})`);
  return positionals[0]!;
}

/** Help text is wrapped at this width, whatever the terminal: the same in a terminal, a pipe and the docs. */
const WIDTH = 100;

/** Wraps `text` at WIDTH, every line indented by `indent` spaces. */
function wrap(text: string, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(' '.repeat(indent) + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(' '.repeat(indent) + line);
  return lines;
}

const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', type: 'boolean', description: 'Show this help.' };

function optionLabel(o: OptionSpec): string {
  const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}`;
  return o.type === 'string' ? `${flag} <${o.value ?? 'VALUE'}>` : flag;
}

function defaultLabel(o: OptionSpec): string | undefined {
  if (o.defaultText) return o.defaultText;
  if (o.type === 'boolean') return undefined;
  if (Array.isArray(o.default)) return o.default.length ? o.default.join(', ') : undefined;
  return typeof o.default === 'string' ? o.default : undefined;
}

/** `archflow help <command>`: usage, arguments, every option with its default, examples, exit codes. */
export function formatCommandHelp(name: string, spec: CommandSpec, style: Style = PLAIN): string {
  const lines: string[] = [`${style.bold(`archflow ${name}`)} — ${spec.summary}`, '', `${style.bold('Usage:')} ${spec.usage}`];
  if (spec.args?.length) {
    lines.push('', style.bold('Arguments:'));
    const width = Math.max(...spec.args.map((a) => a.name.length));
    for (const a of spec.args) lines.push(...wrap(a.description, width + 4).map((l, i) => (i === 0 ? `  ${a.name.padEnd(width)}  ${l.trimStart()}` : l)));
  }
  lines.push('', style.bold('Options:'));
  const options = [...spec.options, HELP_OPTION];
  for (const o of options) {
    const d = defaultLabel(o);
    lines.push(`  ${optionLabel(o)}`);
    for (const l of wrap(`${o.description}${o.multiple ? ' Repeatable.' : ''}`, 8)) lines.push(l);
    if (d !== undefined) for (const l of wrap(`Default: ${d}.`, 8)) lines.push(style.dim(l));
  }
  if (spec.notes?.length) lines.push('', ...spec.notes.flatMap((n) => (n.startsWith(' ') ? [n] : wrap(n, 0))));
  lines.push('', style.bold('Examples:'));
  for (const e of spec.examples) lines.push(`  ${e.command}`, `      ${style.dim(e.what)}`);
  lines.push('', ...wrap(`${style.bold('Exit codes:')} ${spec.exitCodes}.`, 0));
  return lines.join('\n');
}

/** `archflow help`: every command with its summary. */
export function formatOverview(commands: Readonly<Record<string, CommandSpec>>, version: string, style: Style = PLAIN): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    `${style.bold('archflow')} ${version} — design, check, draw, generate and deploy serverless architectures on AWS from one *.arch.yaml file.`,
    '',
    `${style.bold('Usage:')} archflow <command> [options]`,
    '',
    style.bold('Commands:'),
    ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`),
    '',
    style.bold('Options:'),
    '  -h, --help     Show this help; `archflow help <command>` or `archflow <command> --help` for a command\'s options.',
    '  -v, --version  Print the version.',
    '',
    `${style.bold('Exit codes:')} 0 success, 1 problems found or the operation failed, 2 bad usage or unreadable files.`,
    'Colours only on a terminal; NO_COLOR=1 turns them off. Docs: https://github.com/archflow/archflow#readme',
  ].join('\n');
}
