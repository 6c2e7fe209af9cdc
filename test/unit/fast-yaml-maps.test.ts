import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { fastParse } from '../../server/src/core/parse/fast-yaml';
import { nodeRanges, sameAsYaml } from '../helpers/yaml-compare';

/**
 * The fast path's block maps, document, duplicate keys, block lists, keys in list items, quoted scalars
 * and the start of flow collections (fast-yaml.ts `duplicate`, `document`, `blockMap`, `finishBlock`,
 * `badStart`, `blockSeq`, `isKeyAt`, `quoted`, `flow`): each row is a text the fast path must read itself
 * ('fast': it answers, and what it answers is what yaml answers) or must leave to yaml ('bail'). The rows
 * come from the mutants that survived the mutation runs (docs/testing.md, "Survivors of
 * parse/fast-yaml.ts lines 299–418" and "… lines 541–680").
 */

/** `n` block maps, one in the other (one more space each), the innermost holding `1`: `n` levels with the root. */
const nestedMaps = (n: number): string => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:${i === n - 1 ? ' 1' : ''}\n`).join('');

describe('the fast YAML path: block maps, the document, duplicate keys', () => {
  it.each([
    // duplicate(): a key is a duplicate when its type and text repeat an earlier key's, not its text alone.
    ['the int key 1 and the string key "1": not duplicates', '1: a\n"1": b\n', 'fast'],
    ['the int key 1, the string "1", then 1 again: one duplicate, the third key', '1: a\n"1": b\n1: c\n', 'fast'],
    ['true and "true", null and "null": not duplicates', 'true: a\n"true": b\nnull: c\n"null": d\n', 'fast'],
    // document(): document markers and directives at the start of a line are left to yaml; elsewhere they are text.
    ['a document start marker before the first key', '--- a: 1\n', 'bail'],
    ['a document end marker after the map', 'a: 1\n... # end\n', 'bail'],
    ['three dashes glued to a key: a key', '---x: 1\n', 'fast'],
    ['three dots glued to a key: a key', '...x: 1\n', 'fast'],
    ['three dashes and a space inside a value', 'a: x--- y\n', 'fast'],
    ['three dots at the end of a value', 'a: b...\n', 'fast'],
    ['a map whose first key is indented (yaml reads it; the fast path wants column 0)', '  a: 1\n', 'bail'],
    ['a map whose first key is indented after a comment', '# c\n  a: 1\n  b: 2\n', 'bail'],
    // blockMap(): what a key line must be.
    ['a quoted scalar alone: a document that is a scalar, not a key', '"a"\n', 'bail'],
    ['a quoted scalar on the line after a key: an error in yaml', 'a: 1\n"b"\n', 'bail'],
    ['a plain scalar alone: a document that is a scalar', 'abc\n', 'bail'],
    ['a key whose text starts with a dash then a bracket', '-[a]: 1\n', 'fast'],
    ['a second key whose text starts with a dash then a brace', 'a: 1\n-{x}: 2\n', 'fast'],
    ['a key whose text starts with a colon then a comma', ':,x: 1\n', 'fast'],
    ['a comment before the colon: the line is a scalar and a comment', 'a #b: 1\n', 'bail'],
    ['a hash without a space before it is part of the key', 'a#b: 1\n', 'fast'],
    ['a space before the colon of a key', 'a : 1\n', 'bail'],
    ['spaces before the colon of a nested key', 'a:\n  b   : 1\n', 'bail'],
  ])('%s: %j', (_name, text, expected) => {
    expect(sameAsYaml(text)).toBe(expected);
  });

  // blockMap() counts each map as a level (the root is the first); past MAX_DEPTH (128) the text is left to
  // yaml, where to-value.ts reports yaml/too-deep.
  it.each([
    ['128 block maps, one in the other', nestedMaps(128), 'fast'],
    ['129 block maps, one in the other', nestedMaps(129), 'bail'],
    ['128 block maps with a key after the deepest', `${nestedMaps(128)}z: 2\n`, 'fast'],
  ])('%s', (_name, text, expected) => {
    expect(sameAsYaml(text)).toBe(expected);
  });

  // finishBlock(): a block map or list ends (`range[2]`) after its last value, or, when a comment line
  // indented at least as much follows before the next content, at that content (or the end of the text), as
  // yaml sets it. sameAsYaml compares collections' ends up to trailing comments, so `range[2]` is compared here.
  it.each([
    ['a comment line as indented as the nested map, then a key', 'a:\n  b: 1\n  # t\nc: 2\n'],
    ['a comment line less indented than the nested map', 'a:\n  b: 1\n# t\nc: 2\n'],
    ['a blank line after the nested map', 'a:\n  b: 1\n\nc: 2\n'],
    ['a line of spaces as indented as the nested map (not a comment)', 'a:\n  b: 1\n  \nc: 2\n'],
    ['a blank line after a list at column 0', 'a:\n- 1\n\nc: 2\n'],
    ['a blank line at the end of the text, after the root map', 'a: 1\n\n'],
    ['a blank line, an indented comment, a blank line', 'a:\n  b: 1\n\n  # t\n\nc: 2\n'],
    ['an indented comment line at the end of the text', 'a:\n  b: 1\n  # t\n'],
    ['an indented comment line at the end of the text, no line break', 'a:\n  b: 1\n  # t'],
    ['two indented comment lines at the end of the text', 'a:\n  b: 1\n  # t\n  # u\n'],
    ['a nested list, then an indented comment line', 'a:\n  - 1\n  # t\nc: 2\n'],
    ['a nested list, a blank line, an indented comment, a blank line at the end', 'a:\n  - 1\n\n  # t\n\n'],
    ['a map in a map, then a comment indented as the middle one', 'a:\n  b:\n    c: 1\n  # t\nd: 1\n'],
    ['a comment line between keys, the last value empty', 'a:\n  x: 1\n  # t\n  b:\nc: 1\n'],
    ['a comment line before the only key, its value empty', 'a:\n  # t\n  b:\nc: 1\n'],
    ['an empty value, then an indented comment line at the end', 'a:\n  b:\n  # t'],
  ])('%s: %j', (_name, text) => {
    expect(sameAsYaml(text)).toBe('fast');
    expect(nodeRanges(fastParse(text)!.doc.contents)).toEqual(nodeRanges(parseDocument(text).contents));
  });
});

/** The root key `a` holding `n - 1` block lists, one in the other, the innermost holding `1`: `n` levels. */
const nestedLists = (n: number): string => `a:\n${Array.from({ length: n - 1 }, (_, i) => `${' '.repeat(2 * i)}-${i === n - 2 ? ' 1' : ''}\n`).join('')}`;

describe('the fast YAML path: block lists, keys in list items, quoted scalars, flow collections', () => {
  // blockSeq() and flow() count each list as a level, as blockMap() counts maps.
  it.each([
    ['128 levels: the root and 127 block lists', nestedLists(128), 'fast'],
    ['129 levels: the root and 128 block lists', nestedLists(129), 'bail'],
    ['128 levels: the root and 127 flow lists', `a: ${'['.repeat(127)}1${']'.repeat(127)}\n`, 'fast'],
    ['129 levels: the root and 128 flow lists', `a: ${'['.repeat(128)}1${']'.repeat(128)}\n`, 'bail'],
  ])('%s', (_name, text, expected) => {
    expect(sameAsYaml(text)).toBe(expected);
  });

  it.each([
    // blockSeq(): what an item is, and where the list ends.
    ['a list item that is a dash and a space, then another', 'a:\n- - x\n', 'bail'],
    ['a list item that is a dash, then another dash at the end of the line', 'a:\n- -\n', 'bail'],
    ['an empty item after an item, at the end', 'a:\n- 1\n-\n', 'fast'],
    ['a key at the column of a list\'s dashes, with a dash and a space at that column', 'a:\n  - 1\nb - c: 2\n', 'fast'],
    ['a key at the column of the dashes, with a space after its first character', 'a:\n- 1\nx y: 2\n', 'fast'],
    ['a key starting with a dash at the column of the dashes', 'a:\n- 1\n-x: 2\n', 'fast'],
    ['an empty item at the end of the text, no line break', 'a:\n- 1\n-', 'fast'],
    ['an empty item, then another item', 'a:\n-\n- 2\n', 'fast'],
    ['an item continued on a more indented line', 'a:\n- x\n  y\n', 'bail'],
    ['a dash less indented than the first ends the list', 'a:\n  - 1\n - 2\n', 'bail'],
    // isKeyAt(): a list item is a map when it starts with a key.
    ['an item with a comment that has a colon in it', 'a:\n- a #b: 1\n', 'fast'],
    ['an item that is a map with a quoted key, and a second key', 'a:\n  - "a": 1\n    b: 2\n', 'fast'],
    ['an item that is a map with a single-quoted key', "a:\n  - 'a': 1\n", 'fast'],
    ['a quoted item, not a key', 'a:\n- "x"\n', 'fast'],
    ['a quoted item, a space, then a colon', 'a:\n  - "a" : 1\n', 'bail'],
    ['an item that is a map whose key starts with a dash and a bracket', 'a:\n- -[a]: 1\n', 'fast'],
    ['an item that is a map whose key has a hash in it', 'a:\n- a#b: 1\n', 'fast'],
    ['a nested key with a hash and a space in it', 'a:\n  b# c: 1\n', 'fast'],
    ['a second key with a hash and a space in it', 'a: 1\nb# c: 2\n', 'fast'],
    ['a dash at the end of the text: not a plain scalar', 'a: -', 'bail'],
    ['a dash before a line break: not a plain scalar', 'a: -\nb: 1\n', 'bail'],
    ['a quoted item whose closing quote is on the next line', 'a:\n  - "a\n  b": 1\n', 'bail'],
    ['an item whose key starts with a dash', 'a:\n- -a: 1\n', 'fast'],
    ['items with a colon inside, at the end, and after a quoted key', 'a:\n- a:b\n- a:\n- "x":\n', 'fast'],
    // quoted(): one line, `''` in single quotes, no escapes.
    ["single quotes holding a quote, text and a quote, nothing", "a: ''''\nb: 'a'''\nc: ''\n", 'fast'],
    ['double quotes holding a single quote, single quotes holding double quotes', `a: "it's"\nb: 'say "hi"'\n`, 'fast'],
    ['an escape in double quotes', 'a: "x\\"y"\n', 'bail'],
    ['an escape at the end of double quotes', 'a: "x\\\\"\n', 'bail'],
    ['an unclosed double quote', 'a: "x\n', 'bail'],
    ['an unclosed single quote', "a: 'x\n", 'bail'],
    // (quoted() without its test of a missing closing quote reads `''` at offset 0 again and again here.)
    ['an unclosed single quote at the start of the text', "'a: 1\n", 'bail'],
    ['an unclosed double quote at the start of the text', '"a: 1\n', 'bail'],
    ['text after the closing quote', "a: 'x'y\n", 'bail'],
    // flow(): commas and keys.
    ['a flow map key, its colon on the next line', 'a: {b\n  : 1, c\n  : 2}\n', 'fast'],
    ['an empty quoted key in a flow map', 'a: {"": 1}\n', 'fast'],
    ['a trailing comma in a flow list and a flow map', 'a: [1, ]\nb: {a: 1, }\n', 'fast'],
    ['two commas in a row', 'a: [1,,2]\n', 'bail'],
    ['a comma first', 'a: [,1]\n', 'bail'],
    ['a comma alone in a flow map', 'a: {,}\n', 'bail'],
    ['a flow map key with a colon and no space: one plain key', 'a: {a:1}\n', 'fast'],
    ['a flow map key with a colon before the closing brace', 'a: {a:}\n', 'fast'],
    ['a quoted flow map key and a colon with no space (JSON)', 'a: {"a":1}\n', 'fast'],
    ['a quoted merge key in a flow map', 'a: &x {b: 1}\nc: {"<<": *x}\n', 'bail'],
    ['a __proto__ key in a flow map', 'a: {__proto__: 1}\n', 'bail'],
  ])('%s: %j', (_name, text, expected) => {
    expect(sameAsYaml(text)).toBe(expected);
  });
});
