/**
 * The problems `parse` gives for what is wrong with a file's text itself: not text, too large, empty,
 * YAML syntax (the first 200 errors, then one that counts the rest), warnings, keys written twice (the
 * first 1,000, then a count), nesting past MAX_DEPTH (found by the value or where the reader was cut).
 * Each with its exact code, message, span and pointer, on the `yaml` path (`fastPath: false`) where the
 * fast path would not see it.
 */
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parse } from '../../server/src/core/parse/parse';
import { readYaml } from '../../server/src/core/parse/read-yaml';
import { toValue } from '../../server/src/core/parse/to-value';

const SLOW = { fastPath: false } as const;
const EMPTY = 'The architecture file is empty. Start with `archflow: 1` and a `name`, then add producers, routers and consumers.';
const TOO_DEEP = 'This value is nested more than 128 levels deep; Archflow reads YAML nested up to 128 levels. Flatten it.';
const TABS = 'Tabs are not allowed as indentation';
const twice = (key: string): string => `The key '${key}' is already set earlier in this map; a key may appear once. Remove or rename one of them.`;

describe('text that is not an architecture file', () => {
  it.each([
    ['a NUL byte in the text', 'a: 1\u0000b', 4, { start: 0, end: 5 }],
    ['a NUL byte first', '\u0000', 0, { start: 0, end: 1 }],
  ])('%s: file/binary up to the NUL byte, nothing read', (_name, text, offset, span) => {
    expect(parse(text)).toEqual({
      text, yaml: undefined, value: undefined,
      problems: [{ code: 'file/binary', severity: 'error', message: `This is not a text file (a NUL byte at offset ${offset}). Architecture files are UTF-8 YAML.`, span, pointer: [] }],
    });
  });

  it.each([
    // Just over the limit: in bytes, as "4.0 MB; up to 4.0 MB" would read.
    ['one long line: its first 200 characters', () => 'x'.repeat(MAX_FILE_BYTES + 1), '4,194,305 bytes', { start: 0, end: 200 }],
    ['lines: the first line', () => 'ab\n' + 'x'.repeat(MAX_FILE_BYTES), '4,194,307 bytes', { start: 0, end: 2 }],
    ['an empty first line: at its start', () => '\n' + 'x'.repeat(MAX_FILE_BYTES), '4,194,305 bytes', { start: 0, end: 0 }],
    // 2.2 million characters of two bytes each: fewer characters than the limit, more UTF-8 bytes.
    ['characters of several bytes: counted in UTF-8 bytes', () => 'é'.repeat(2_200_000), '4.2 MB', { start: 0, end: 200 }],
  ])('too large, %s', (_name, make, size, span) => {
    const text = make();
    const limit = size.endsWith('bytes') ? '4,194,304 bytes (4.0 MB)' : '4.0 MB';
    expect(parse(text)).toEqual({
      text, yaml: undefined, value: undefined,
      problems: [{ code: 'file/too-large', severity: 'error', message: `This file is ${size}; Archflow reads files up to ${limit}. Split it into several architectures.`, span, pointer: [] }],
    });
  });

  it('a text of 4 MB in characters of one byte is read', () => {
    expect(parse('x'.repeat(MAX_FILE_BYTES)).problems).toEqual([]);
  });
});

describe('the yaml path: problems of the text, exactly', () => {
  it.each([
    ['nothing', '', null, [{ code: 'file/empty', severity: 'warning', message: EMPTY, span: { start: 0, end: 0 }, pointer: [] }]],
    ['a null document', '~\n', null, [{ code: 'file/empty', severity: 'warning', message: EMPTY, span: { start: 0, end: 0 }, pointer: [] }]],
    ['a map', 'a: 1\n', { a: 1 }, []],
    // A warning and no value: the warning only (the file is not called empty besides).
    ['an unknown directive before an empty document', '%FOO bar\n---\n', null, [{ code: 'yaml/warning', severity: 'warning', message: 'Unknown directive %FOO', span: { start: 0, end: 8 }, pointer: [] }]],
    ['an unresolved tag', 'a: !foo 1\n', { a: '1' }, [{ code: 'yaml/warning', severity: 'warning', message: 'Unresolved tag: !foo', span: { start: 3, end: 7 }, pointer: [] }]],
    // yaml places this error at one offset: the span is widened to one character.
    ['an unclosed flow list', 'a: [1, 2\nb: 3\n', { a: [1, 2], b: 3 }, [{ code: 'yaml/syntax', severity: 'error', message: 'Flow sequence in block collection must be sufficiently indented and end with a ]', span: { start: 9, end: 10 }, pointer: [] }]],
    ['a map in a compact map', 'a: b: c\n', { a: { b: 'c' } }, [{ code: 'yaml/syntax', severity: 'error', message: 'Nested mappings are not allowed in compact mappings', span: { start: 3, end: 4 }, pointer: [] }]],
    // Found once, by the value (the parser's own check is off): one problem, not two.
    ['a key written twice', 'a: 1\na: 2\n', { a: 2 }, [{ code: 'yaml/duplicate-key', severity: 'error', message: twice('a'), span: { start: 5, end: 6 }, pointer: [] }]],
    ['a plain key with quotes in it written twice: named as written', `a"b": 1\na"b": 2\n`, { 'a"b"': 2 }, [{ code: 'yaml/duplicate-key', severity: 'error', message: twice('a"b"'), span: { start: 8, end: 12 }, pointer: [] }]],
    // YAML 1.2 limits an implicit key to 1,024 characters: an error (yaml's strict mode), not a warning.
    ['an implicit key of 1,100 characters', `${'k'.repeat(1100)}: 1\n`, { ['k'.repeat(1100)]: 1 }, [{ code: 'yaml/syntax', severity: 'error', message: 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key', span: { start: 0, end: 1100 }, pointer: [] }]],
    // The alias's own text, not the rest of its line.
    ['an alias to no anchor, a comment after it', 'a: *nope # c\n', { a: null }, [{ code: 'yaml/unknown-anchor', severity: 'error', message: 'Nothing is anchored as &nope before this alias: write `&nope` on the value it names, above it.', span: { start: 3, end: 8 }, pointer: [] }]],
    ['a quoted key written twice: named without its quotes', `"a b": 1\n'a b': 2\n`, { 'a b': 2 }, [{ code: 'yaml/duplicate-key', severity: 'error', message: twice('a b'), span: { start: 9, end: 14 }, pointer: [] }]],
  ])('%s', (_name, text, value, problems) => {
    const doc = parse(text, SLOW);
    expect(doc.problems).toEqual(problems);
    expect(doc.value).toEqual(value);
    expect(doc.yaml).toBeDefined();
  });

  it('a key of 60 characters written twice is named whole', () => {
    const key = 'k'.repeat(60);
    expect(parse(`${key}: 1\n${key}: 2\n`).problems.map((p) => p.message)).toEqual([twice(key)]);
  });

  it('a long key written twice is named by its first 60 characters', () => {
    const key = 'k'.repeat(61);
    expect(parse(`${key}: 1\n${key}: 2\n`).problems).toEqual([
      { code: 'yaml/duplicate-key', severity: 'error', message: twice('k'.repeat(60) + '…'), span: { start: 65, end: 126 }, pointer: [] },
    ]);
  });

  it('leaves the stack trace limit of errors as it found it', () => {
    const before = Error.stackTraceLimit;
    Error.stackTraceLimit = 7;
    try {
      parse('a: [1\n', SLOW);
      expect(Error.stackTraceLimit).toBe(7);
    } finally {
      Error.stackTraceLimit = before;
    }
  });
});

/** A map whose `n` lines are each indented by a tab: one YAML error per line. */
function tabIndented(n: number): string {
  let text = 'a:\n';
  for (let i = 0; i < n; i++) text += `\tb${i}: 1\n`;
  return text;
}

describe('many problems of one code', () => {
  it('200 YAML errors are all listed', () => {
    const problems = parse(tabIndented(200), SLOW).problems;
    expect(problems).toHaveLength(200);
    expect(problems[199]).toEqual({ code: 'yaml/syntax', severity: 'error', message: TABS, span: { start: 1684, end: 1685 }, pointer: [] });
  });

  it('201 YAML errors: the first 200, then one at the 201st that counts the rest', () => {
    const problems = parse(tabIndented(201), SLOW).problems;
    expect(problems).toHaveLength(201);
    expect(problems[199]!.message).toBe(TABS);
    expect(problems[200]).toEqual({ code: 'yaml/syntax', severity: 'error', pointer: [], span: { start: 1693, end: 1694 }, message: 'And 1 more YAML errors from here on, not listed: fix the ones above first.' });
  });

  it.each([
    [1000, 1000, 'The key'],
    [1001, 1001, 'And 1 more keys written twice in this file, not listed: Archflow lists 1,000 problems of one code (this is the first left out).'],
  ])('%i keys written again: %i problems, the last: %s…', (repeats, listed, last) => {
    const problems = parse('a: 1\n'.repeat(repeats + 1)).problems;
    expect(problems).toHaveLength(listed);
    expect(problems.every((p) => p.code === 'yaml/duplicate-key' && p.severity === 'error')).toBe(true);
    expect(problems[999]!.span).toEqual({ start: 5000, end: 5001 });
    expect(problems.at(-1)!.message.startsWith(last)).toBe(true);
    if (listed > 1000) expect(problems[1000]).toEqual({ code: 'yaml/duplicate-key', severity: 'error', pointer: [], span: { start: 5005, end: 5006 }, message: last });
  });
});

describe('aliases that expand past 1,000,000 nodes', () => {
  it('an alias bomb: one problem at the alias that passes the limit, and no value', () => {
    let text = 'l0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n';
    for (let i = 1; i < 8; i++) text += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
    const doc = parse(text, SLOW);
    expect(doc.problems).toEqual([{ code: 'yaml/alias-limit', severity: 'error', message: 'YAML aliases expand to too many nodes (more than 1,000,000); this looks like an alias bomb. Write the values out instead of nesting aliases.', span: { start: 319, end: 322 }, pointer: [] }]);
    expect(doc.value).toBeUndefined();
  });
});

describe('nesting past 128 levels: nothing of the document is analysed', () => {
  it.each([
    ['129 flow lists, found by the value', '['.repeat(129) + ']'.repeat(129), { start: 128, end: 129 }],
    ['140 flow lists, the reader cut short', '['.repeat(140) + ']'.repeat(140), { start: 128, end: 129 }],
    // Keys that are maps: the value stops at the first complex key; the too-deep map is found in the tree
    // the reader kept when it stopped (its parser stack past 136 entries).
    ['136 explicit keys nested, the reader cut short', '? '.repeat(136) + 'x', { start: 256, end: 257 }],
    // A complex key holding a map whose value nests too deep: values count one level deeper too.
    ['a map in a key, its value nested 140 lists deep, the reader cut short', '? {a: ' + '['.repeat(140) + 'x', { start: 132, end: 133 }],
    // A complex key holding two lists too deep, the second cut short: the first in the text is shown.
    ['two lists too deep in a key, the reader cut short in the second', '? [' + '['.repeat(130) + ']'.repeat(130) + ', ' + '['.repeat(140) + 'x', { start: 129, end: 130 }],
  ])('%s', (_name, text, span) => {
    expect(parse(text, SLOW)).toEqual({ text, yaml: undefined, value: undefined, problems: [{ code: 'yaml/too-deep', severity: 'error', message: TOO_DEEP, span, pointer: [] }] });
  });

  it('135 explicit keys nested fill the parser stack to its limit and are read whole (the first complex key is the problem)', () => {
    const text = '? '.repeat(135) + 'x';
    expect(readYaml(text, {}).cutAt).toBeUndefined();
    expect(parse(text, SLOW).problems.map((p) => [p.code, p.span])).toEqual([['yaml/complex-key', { start: 2, end: 271 }]]);
    expect(readYaml('? '.repeat(136) + 'x', {}).cutAt).toBe(271);
  });

  it('129 block maps: the too-deep one shown on its first line only', () => {
    let text = '';
    for (let i = 0; i < 129; i++) text += ' '.repeat(i) + 'k:\n';
    text += ' '.repeat(129) + 'v\n';
    expect(parse(text, SLOW).problems).toEqual([{ code: 'yaml/too-deep', severity: 'error', message: TOO_DEEP, span: { start: 8640, end: 8642 }, pointer: [] }]);
  });

  it('two lists too deep side by side: the value reports the first once, and is incomplete', () => {
    const deep = '['.repeat(130) + ']'.repeat(130);
    const text = `[${deep}, ${deep}]`;
    const converted = toValue(readYaml(text, {}).doc, text);
    expect(converted.problems).toEqual([{ code: 'yaml/too-deep', severity: 'error', message: TOO_DEEP, span: { start: 128, end: 129 }, pointer: [] }]);
    expect(converted.incomplete).toBe(true);
  });

  it('a document read whole has no cutAt at all', () => {
    expect(Object.keys(readYaml('a: 1\n', {}))).toEqual(['doc']);
  });
});
