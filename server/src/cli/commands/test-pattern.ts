import { readFileSync } from 'node:fs';
import { compilePattern } from '../../core/eventbridge/pattern';
import { pointerToString } from '../../core/span';
import { parseCommandArgs } from '../help';
import { readText, UsageError } from '../io';
import type { Command } from '../command';

/** Inline JSON (`{…}`, `[…]`, `"…"`), `-` for standard input, or a file path. */
function readJsonArgument(flag: string, value: string): { text: string } | { error: string } {
  const trimmed = value.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) return { text: value };
  if (value === '-') {
    try {
      return { text: readFileSync(0, 'utf8') };
    } catch (err) {
      return { error: `${flag} -: cannot read standard input (${(err as Error).message})` };
    }
  }
  const read = readText(value);
  return 'error' in read ? { error: `${flag} ${value}: ${read.error}` } : read;
}

/**
 * `archflow test-pattern`: EventBridge's TestEventPattern, offline. Prints `match` or `no-match` (exit 0), or
 * `invalid pattern: <reason>` for each of AWS's objections (exit 1). Bad usage or unreadable input: exit 2.
 */
export const testPattern: Command = {
  usage: 'archflow test-pattern --pattern <file|json|-> --event <file|json|->',
  summary: 'Test an EventBridge event pattern against an event, as TestEventPattern does.',
  options: [
    { name: 'pattern', short: 'p', type: 'string', value: 'file|json|-', defaultText: 'none (required)', description: 'The event pattern: a file, inline JSON, or - for standard input.' },
    { name: 'event', short: 'e', type: 'string', value: 'file|json|-', defaultText: 'none (required)', description: 'The event: a file, inline JSON, or - for standard input.' },
  ],
  examples: [
    { command: 'archflow test-pattern --pattern pattern.json --event event.json', what: 'Prints match or no-match.' },
    { command: 'archflow test-pattern -p \'{"source":["shop.orders"]}\' -e \'{"source":"shop.orders","detail-type":"OrderPlaced","detail":{}}\'', what: 'Inline JSON.' },
    { command: 'cat event.json | archflow test-pattern -p pattern.json -e -', what: 'The event from standard input.' },
  ],
  exitCodes: '0 match or no-match, 1 invalid pattern (AWS\'s reason printed), 2 bad usage, an unreadable file, or an event that is not a JSON object',
  run(argv, out) {
    const { values: v } = parseCommandArgs(this, argv, false);
    const values = v as { pattern?: string; event?: string };
    if (values.pattern === undefined) throw new UsageError('--pattern is required');
    if (values.event === undefined) throw new UsageError('--event is required');
    if (values.pattern === '-' && values.event === '-') throw new UsageError('only one of --pattern and --event can read standard input');
    const patternArg = readJsonArgument('--pattern', values.pattern);
    const eventArg = readJsonArgument('--event', values.event);
    let unreadable = false;
    for (const a of [patternArg, eventArg]) {
      if ('error' in a) {
        out.err(`archflow test-pattern: ${a.error}`);
        unreadable = true;
      }
    }
    if (unreadable || 'error' in patternArg || 'error' in eventArg) return 2;
    let event: unknown;
    try {
      event = JSON.parse(eventArg.text);
    } catch (err) {
      out.err(`archflow test-pattern: the event is not valid JSON (${(err as Error).message})`);
      return 2;
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      out.err('archflow test-pattern: the event must be a JSON object');
      return 2;
    }
    const compiled = compilePattern(patternArg.text);
    if (compiled.errors.length > 0) {
      for (const e of compiled.errors) out.log(`invalid pattern: ${e.reason}${e.at.length > 0 ? ` (at ${pointerToString(e.at)})` : ''}`);
      return 1;
    }
    out.log(compiled.match(event) ? 'match' : 'no-match');
    return 0;
  },
};
