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

describe('aliases and merge keys: problems and values, exactly', () => {
  const MERGE_ANY = 'A merge key `<<` takes a map or a list of maps, usually aliases such as `*defaults`.';
  const cycle = (name: string): string => `The alias *${name} is inside the value it names; YAML with a cycle cannot be read as data.`;
  const complex = (what: string): string => `A map key must be text, a number or a boolean; this key is ${what}, which Archflow does not read. The entry is left out.`;
  const error = (code: string, message: string, start: number, end: number) => ({ code, severity: 'error', message, span: { start, end }, pointer: [] });
  it.each([
    ['an alias inside the list it names', 'a: &x [1, *x]\n', { a: [1, null] }, [error('yaml/alias-cycle', cycle('x'), 10, 12)]],
    ['an alias inside the map it names', 'a: &x\n  b: *x\n', { a: { b: null } }, [error('yaml/alias-cycle', cycle('x'), 11, 13)]],
    ['a merge of the map it is in', 'm: &m\n  <<: *m\n', { m: {} }, [error('yaml/alias-cycle', cycle('m'), 12, 14)]],
    ['a merge of an alias to no anchor', 'm:\n  <<: *nope\n', { m: {} }, [error('yaml/unknown-anchor', 'Nothing is anchored as &nope before this alias: write `&nope` on the value it names, above it.', 9, 14)]],
    ['a merge of an alias to a scalar: the other keys kept', 's: &s 5\nm:\n  <<: *s\n  k: 1\n', { s: 5, m: { k: 1 } }, [error('yaml/merge', 'A merge key `<<` takes maps; *s names a scalar.', 17, 19)]],
    ['a merge of an alias to a list', 's: &s [1]\nm:\n  <<: *s\n', { s: [1], m: {} }, [error('yaml/merge', 'A merge key `<<` takes maps; *s names a list.', 19, 21)]],
    ['a merge of a number', 'm:\n  <<: 5\n', { m: {} }, [error('yaml/merge', MERGE_ANY, 9, 10)]],
    ['a merge of nothing: at the merge key, the other keys kept', 'm:\n  <<:\n  k: 1\n', { m: { k: 1 } }, [error('yaml/merge', MERGE_ANY, 8, 9)]],
    ['a merge of a list with a number in it: the maps merged, the number reported', 'a: &a {x: 1}\nm:\n  <<: [*a, 3]\n', { a: { x: 1 }, m: { x: 1 } }, [error('yaml/merge', MERGE_ANY, 27, 28)]],
    // YAML's merge: the map's own keys win, then the sources in their order.
    ['a merge of two maps: own keys first, then the first source', 'a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nm:\n  <<: [*a, *b]\n  x: 0\n', { a: { x: 1, y: 1 }, b: { y: 2, z: 2 }, m: { x: 0, y: 1, z: 2 } }, []],
    ['a merge of a map written in place', 'm:\n  <<: {x: 1}\n  y: 2\n', { m: { x: 1, y: 2 } }, []],
    ['a quoted `<<` is a key like any other', 'm:\n  "<<": 1\n', { m: { '<<': 1 } }, []],
    ['a tagged `<<` is a key like any other', 'm:\n  !!str <<: 1\n', { m: { '<<': 1 } }, []],
    ['a key that is a map: left out, the rest read', '? {a: 1}\n: 1\nb: 2\n', { b: 2 }, [error('yaml/complex-key', complex('a map'), 2, 8)]],
    ['a key that is a list', '? [a]\n: 1\nb: 2\n', { b: 2 }, [error('yaml/complex-key', complex('a list'), 2, 5)]],
    ['a key that is an alias to a list', 'x: &x [1]\n*x : 1\n', { x: [1] }, [error('yaml/complex-key', complex('an alias to a collection'), 10, 12)]],
    ['a key that is an alias to text: that text', 'x: &x k\n*x : 1\n', { x: 'k', k: 1 }, []],
    ['a key that is an alias to null: the empty key', 'x: &x ~\n*x : 1\n', { x: null, '': 1 }, []],
    ['an empty key in a flow map', '{: 1}\n', { '': 1 }, []],
    ['an empty explicit key', '? \n: 1\n', { '': 1 }, []],
    ['a pair in a flow list: a map of one entry', 'a: [k: 1, b]\n', { a: [{ k: 1 }, 'b'] }, []],
    // yaml keeps the entries of !!pairs and !!omap as pairs in a list: each a map of one entry.
    ['!!pairs: a list of maps of one entry', 'a: !!pairs [k: 1, j: 2]\n', { a: [{ k: 1 }, { j: 2 }] }, []],
    ['!!omap: a list of maps of one entry', 'a: !!omap\n  - k: 1\n  - j: 2\n', { a: [{ k: 1 }, { j: 2 }] }, []],
  ])('%s', (_name, text, value, problems) => {
    const doc = parse(text, SLOW);
    expect(doc.problems).toEqual(problems);
    expect(doc.value).toEqual(value);
  });

  // The map of a pair in a list is a level of its own: 127 lists and it are 128 levels, 128 lists and it 129.
  it.each([
    [127, []],
    [128, [error('yaml/too-deep', TOO_DEEP, 128, 129)]],
  ])('a pair in %i nested lists', (n, problems) => {
    expect(parse('['.repeat(n) + 'k: 1' + ']'.repeat(n), SLOW).problems).toEqual(problems);
  });

  // A list of !!pairs and the map of each pair: 126 lists and them are 128 levels (the pair's map was not counted before).
  it.each([
    [126, '!!pairs [k: 1]', []],
    // At the pair's key, as for a map written in the list (`[k: 1]`).
    [127, '!!pairs [k: 1]', [error('yaml/too-deep', TOO_DEEP, 136, 137)]],
    // A list as the pair's value: a level below the pair's map.
    [125, '!!pairs [k: [1]]', []],
    [126, '!!pairs [k: [1]]', [error('yaml/too-deep', TOO_DEEP, 138, 139)]],
  ])('%i nested lists around %s', (n, inner, problems) => {
    expect(parse('['.repeat(n) + inner + ']'.repeat(n), SLOW).problems).toEqual(problems);
  });

  it('keys from a merge, and a key set again after it, are ordinary properties: enumerable, writable, configurable', () => {
    const value = parse('d: &d {x: 1, __proto__: 2}\nm: {<<: *d, y: 1, y: 2}\n', SLOW).value as { m: Record<string, number> };
    const plain = { value: 1, writable: true, enumerable: true, configurable: true };
    expect(Object.getOwnPropertyDescriptor(value.m, 'x')).toEqual(plain);
    expect(Object.getOwnPropertyDescriptor(value.m, '__proto__')).toEqual({ ...plain, value: 2 });
    expect(Object.getOwnPropertyDescriptor(value.m, 'y')).toEqual({ ...plain, value: 2 });
    expect(Object.getPrototypeOf(value.m)).toBe(Object.prototype);
  });

  const lists = (n: number, inner: string): string => '['.repeat(n) + inner + ']'.repeat(n);
  // The root map, `m` lists, then what the alias names: 128 levels in all are read, as the same text written out.
  it.each([
    ['a list', 1, lists(1, '')],
    ['10 lists', 10, lists(10, '')],
    ['60 lists', 60, lists(60, '')],
    ['a map of a map of a list', 3, '{x: {y: [1]}}'],
    // The deepest item first: a list's or a map's levels are those of its deepest item, not its last.
    ['a list whose first item is the deepest', 3, '[[[1]], 1]'],
    ['a map whose first value is the deepest', 3, '{x: [[1]], y: 1}'],
    // A merge key brings the levels of the map it merges: of the deepest source, not the last.
    ['a map that merges a deep map, then one a level less deep', 3, '{<<: [*d, *s]}', 'd: &d {x: [[1]]}\ns: &s {y: [1]}\n'],
    ['a map with a deep value, then a merge of a shallow map', 4, '{x: [[[1]]], <<: *s}', 's: &s {y: [1]}\n'],
  ])('an alias to %s counts the levels of what it names: up to 128 read, one more reported once, at the first alias', (_name, height, anchored, before = '') => {
    const m = 128 - 1 - height;
    const fits = parse(`${before}a: &a ${anchored}\nb: ${lists(m, '*a')}\n`, SLOW);
    expect(fits.problems).toEqual([]);
    expect(fits.value).toEqual(parse(`${before}a: ${anchored}\nb: ${lists(m, anchored)}\n`, SLOW).value);
    const text = `${before}a: &a ${anchored}\nb: ${lists(m + 1, '*a, *a')}\n`;
    const first = text.indexOf('*a');
    expect(parse(text, SLOW)).toMatchObject({
      value: undefined,
      problems: [error('yaml/too-deep', `With what *a names, this value is nested more than 128 levels deep; Archflow reads YAML nested up to 128 levels.`, first, first + 2)],
    });
    // The same levels written out are too deep as well.
    expect(parse(`${before}a: ${anchored}\nb: ${lists(m + 1, anchored)}\n`, SLOW).problems.map((p) => p.code)).toEqual(['yaml/too-deep']);
  });

  it.each([
    [1000, []],
    [1001, [error('yaml/alias-limit', 'YAML aliases expand to too many nodes (more than 1,000,000); this looks like an alias bomb. Write the values out instead of nesting aliases.', 6010, 6012)]],
  ])('%i aliases to a list of 999 items (1,000 nodes each): the limit is 1,000,000 nodes', (aliases, problems) => {
    const text = `a: &a [${Array(999).fill('1').join(',')}]\nb: [${Array(aliases).fill('*a').join(', ')}]\n`;
    const doc = parse(text, SLOW);
    expect(doc.problems).toEqual(problems);
    if (problems.length) expect(doc.value).toBeUndefined();
    else expect((doc.value as { b: number[][] }).b.map((l) => l.length)).toEqual(Array(aliases).fill(999));
  });

  // d: 1,001 nodes (a map and a list of 999); m merges d: 1,002; m's merge counts d once (1,001), each *m 1,002:
  // 997 aliases make 999,995 nodes, 998 make 1,000,997.
  it.each([
    [997, []],
    [998, [error('yaml/alias-limit', 'YAML aliases expand to too many nodes (more than 1,000,000); this looks like an alias bomb. Write the values out instead of nesting aliases.', 6018, 6020)]],
  ])('%i aliases to a map that merges a map of 1,001 nodes: what a merge brings counts toward the limit', (aliases, problems) => {
    const text = `d: &d {x: [${Array(999).fill('1').join(',')}]}\nm: &m {<<: *d}\nb: [${Array(aliases).fill('*m').join(', ')}]\n`;
    expect(parse(text, SLOW).problems).toEqual(problems);
  });

  it('two aliases past 128 levels side by side: toValue reports the first once, and the value is incomplete', () => {
    const text = `a: &a [1]\nb: ${'['.repeat(127)}*a, *a${']'.repeat(127)}\n`;
    const converted = toValue(readYaml(text, {}).doc, text);
    const first = text.indexOf('*a');
    expect(converted.problems).toEqual([error('yaml/too-deep', 'With what *a names, this value is nested more than 128 levels deep; Archflow reads YAML nested up to 128 levels.', first, first + 2)]);
    expect(converted.incomplete).toBe(true);
  });

  it('past the limit no alias is expanded any more: toValue gives null for each, the value marked incomplete', () => {
    const text = `a: &a [${Array(999).fill('1').join(',')}]\nb: [${Array(1002).fill('*a').join(', ')}]\n`;
    const converted = toValue(readYaml(text, {}).doc, text);
    expect(converted.problems.map((p) => p.code)).toEqual(['yaml/alias-limit']);
    expect(converted.incomplete).toBe(true);
    expect((converted.value as { b: (number[] | null)[] }).b.map((l) => l?.length ?? null)).toEqual([...Array(1000).fill(999), null, null]);
  });
});
