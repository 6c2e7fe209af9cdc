import { describe, expect, it } from 'vitest';
import { isScalar, type YAMLMap } from 'yaml';
import { fastParse } from '../../server/src/core/parse/fast-yaml';
import { nodeRanges, sameAsYaml, slow } from '../helpers/yaml-compare';

// The value after a block key's colon or a list item's dash (fast-yaml.ts `blockValue` and `plainBlockValue`):
// an alias, an anchor, an empty value, a nested block, a scalar or a flow collection, and what may follow it
// on its line. 'fast': the fast path reads it and builds what yaml builds; 'bail': it leaves the text to yaml.
describe('the fast YAML path, on the value of a block key or list item', () => {
  it.each([
    // An alias: only spaces and a comment may follow it on its line, and nothing more indented below it.
    ['an alias, the last value of a text with no final line break', 'a: &x 1\nb: *x', 'fast'],
    ['an alias followed by a comment', 'a: &x 1\nb: *x  # c\n', 'fast'],
    ['an alias followed by a word (yaml: unexpected scalar)', 'a: &x 1\nb: *x y\n', 'bail'],
    ['an alias followed by `#` with no space: yaml reads the name `x#c`, which no anchor has', 'a: &x 1\nb: *x#c\n', 'bail'],
    ['an alias with a more indented line under it (yaml: bad indentation)', 'a: &x 1\nb: *x\n  c: 1\n', 'bail'],
    ['an alias in a list followed by a word', 'a: &x 1\nb:\n  - *x y\n', 'bail'],
    // An anchor: a space, then the value it names on the same line; anything else is yaml's.
    ['an anchor before a comment and a nested map', 'a: &x # c\n  b: 1\n', 'bail'],
    ['an anchor before a comment with no value', 'a: &x # c\nb: 1\n', 'bail'],
    ['an anchor whose name goes on past what the fast path reads (yaml: the anchor `x+1` on null)', 'a: &x+1\n', 'bail'],
    ['an anchor on `~` (null)', 'a: &x ~\n', 'bail'],
    ['an anchor on an empty value', 'a: &x\nb: 1\n', 'bail'],
    ['an anchor on a scalar, with spaces and a comment after it', 'a: &x   v   # c\nb: *x\n', 'fast'],
    // A value right after the colon of a quoted key (no space between): an error in yaml.
    ['a plain value right after a quoted key\'s colon', '"a":x\n', 'bail'],
    ['a plain value right after a single-quoted key\'s colon', "'a':x\n", 'bail'],
    ['an alias right after a quoted key\'s colon', 'a: &x 1\n"b":*x\n', 'bail'],
    ['an anchor right after a quoted key\'s colon', '"a":&x 1\n', 'bail'],
    ['`#` right after a quoted key\'s colon (not a comment)', '"a":#c\n', 'bail'],
    // An empty value, then a nested block on the next lines.
    ['a list under a key, its only item empty, at the end of a text with no final line break', 'a:\n  -', 'fast'],
    ['a list at the key\'s column, its only item empty, no final line break', 'a:\n-', 'fast'],
    ['an empty list item followed by a line break', 'a:\n  -\nb: 1\n', 'fast'],
    ['a nested map whose first key is double-quoted', 'a:\n  "b": 1\n', 'bail'],
    ['a nested map whose first key is single-quoted', "a:\n  'b': 1\n", 'bail'],
    ['a flow map on the line under its key', 'a:\n  {b: 1}\n', 'bail'],
    ['a flow list on the line under its key', 'a:\n  [1]\n', 'bail'],
    // A plain scalar: `-`, `?` and `:` start one when a non-space follows, whatever it is (the flow indicators too).
    ['a plain scalar starting with `-[`', 'a: -[x]\n', 'fast'],
    ['a plain scalar starting with `-,` and `?}`', 'a: -,x\nb: ?}\n', 'fast'],
    // After a quoted scalar or a flow collection: a comment needs a space before its `#`.
    ['a quoted scalar followed by `#` with no space (yaml: missing character)', 'a: "x"#c\n', 'bail'],
    ['a flow list followed by `#` with no space', 'a: [1]#c\n', 'bail'],
    ['a quoted scalar followed by a comment', 'a: "x" #c\n', 'fast'],
  ])('%s: %j', (_name, text, expected) => {
    expect(sameAsYaml(text)).toBe(expected);
  });
});

// The range yaml gives an empty value, all three numbers: it starts and ends where the value would be, and its
// `range[2]` runs over an inline comment and its line break, and over the comment lines under it (indented past
// the key, or at the end of the text) up to the next content. The fast path sets the same.
describe('the fast YAML path, on the range of an empty value', () => {
  const nullRange = (doc: { contents: unknown }, key: number): number[] => {
    const value = (doc.contents as YAMLMap).items[key]!.value;
    expect(isScalar(value) && value.value === null, 'an empty value').toBe(true);
    return (value as unknown as { range: number[] }).range;
  };
  it.each([
    ['nothing after the colon, a key on the next line', 'a:\nb: 1\n', 0, [2, 2, 2]],
    ['spaces after the colon', 'a:  \nb: 1\n', 0, [4, 4, 4]],
    ['nothing after the colon, at the end of the text', 'a:', 0, [2, 2, 2]],
    ['a comment before the key', '# c\na:\nb: 1\n', 0, [6, 6, 6]],
    ['an empty line after it', 'a:\n\nb: 1\n', 0, [2, 2, 2]],
    ['an inline comment', 'a: # c\nb: 1\n', 0, [3, 3, 7]],
    ['an inline comment at the end of a text with no final line break', 'a: # c', 0, [3, 3, 6]],
    ['an indented comment line under it', 'a:\n  # c\nb: 1\n', 0, [2, 2, 9]],
    ['two indented comment lines under it', 'a:\n  # c\n  # d\nb: 1\n', 0, [2, 2, 15]],
    ['an empty line, then an indented comment line', 'a:\n\n  # c\nb: 1\n', 0, [2, 2, 10]],
    ['an inline comment and an indented comment line', 'a: #c\n  # d\nb: 1\n', 0, [3, 3, 12]],
    ['an indented comment line at the end of the text', 'a:\n  # c\n', 0, [2, 2, 9]],
    ['an indented comment line at the end of a text with no final line break', 'a:\n  # c', 0, [2, 2, 8]],
    ['a comment line at column 0 at the end of the text', 'a:\n# c\n', 0, [2, 2, 7]],
    ['the second key, after an indented comment line', 'a: 1\nb:\n  # c\nd: 1\n', 1, [7, 7, 14]],
  ])('%s: %j', (_name, text, key, range) => {
    expect(sameAsYaml(text)).toBe('fast');
    expect(nullRange(slow(text), key)).toEqual(range);
    expect(nullRange(fastParse(text)!.doc, key)).toEqual(range);
  });
});

// Flow maps and lists (fast-yaml.ts `flow`, `flowValue`, `flowScalar`, `skip`): a key's colon and what may follow
// it, empty values, keys written again, aliases and anchors inside, and the line breaks a flow collection spans.
describe('the fast YAML path, in flow collections', () => {
  it.each([
    ['a value right after a quoted key\'s colon', 'a: {"a":b}\n', 'fast'],
    ['a value right after a single-quoted key\'s colon, then a plain key', "a: {'a':b, c: d}\n", 'fast'],
    ['an empty value, its colon right before the brace', 'a: {a:}\n', 'fast'],
    ['an empty value before a comma', 'a: {a: , b: 1}\n', 'fast'],
    ['a plain key with a colon inside', 'a: {a:b}\n', 'fast'],
    ['a plain item with a colon inside', 'a: [a:b]\n', 'fast'],
    ['a key, then its colon on the next line', 'a: {a\n  : 1}\n', 'fast'],
    ['a key with no value, then a key with one', 'a: {b, c: 1}\n', 'fast'],
    ['a key written twice with no value', 'a: {b, b}\n', 'fast'],
    ['a key written twice, empty then with a value', 'a: {b: , b: 1}\n', 'fast'],
    ['a key written twice with values', 'a: {b: 1, b: 2}\n', 'fast'],
    ['a key written twice, with a value then empty', 'a: {b: 1, b: }\n', 'fast'],
    ['`#` followed by a space, with no space before it, in a plain item', 'a: [a# b]\n', 'fast'],
    ['a merged key written again, empty', 'a: &x {p: 1}\nb: {<<: *x, p: }\n', 'fast'],
    ['a merged key written again, with no value', 'a: &x {p: 1}\nb: {<<: *x, p}\n', 'fast'],
    ['a merged key written again, twice', 'a: &x {p: 1}\nb: {<<: *x, p: 2, p: 3}\n', 'fast'],
    ['a comma at the end of a line, the bracket at the key\'s column', 'a: [1,\n]\n', 'fast'],
    ['the bracket on its own line at the nested key\'s column', 'b:\n  c: [1\n  ]\n', 'fast'],
    ['a space before a comma', 'a: [1 ,2]\n', 'fast'],
    ['aliases before a comma, a bracket, a brace and a line break', 'a: &x 1\nb: [*x,*x]\nc: {k: *x}\nd: [*x\n  ]\n', 'fast'],
    ['an anchor in a list, then its alias', 'a: [&y 1, *y]\n', 'fast'],
    ['an anchor in a map before a nested list', 'a: {k: &y [1], m: *y}\n', 'fast'],
    ['a key\'s colon at the end of a line, its value on the next', 'a: {b:\n  1}\n', 'fast'],
    ['a quoted key, a space, then its colon right before the value', 'a: {"a" :b}\n', 'fast'],
    ['`#` with no space before it, in a plain item', 'a: [a#b]\n', 'fast'],
    ['a plain item, then its comma on the next line', 'a: [a\n  , b]\n', 'fast'],
    ['a plain value, then the brace on the next line', 'a: {k: v\n  }\n', 'fast'],
    ['an empty line between two items', 'a: [1,\n\n  2]\n', 'fast'],
    ['the brace at the key\'s column', 'a: {b: 1\n}\n', 'fast'],
    ['the bracket at the key\'s column, after an item', 'a: [1\n]\n', 'fast'],
    ['200 empty lists side by side (their depth is given back)', `a: [${Array(200).fill('[]').join(', ')}]\n`, 'fast'],
    ['a merge key with an empty value', 'a: {<<: }\n', 'bail'],
    ['an anchor before a line break', 'a: [&x\n  1]\n', 'bail'],
    ['an anchor before a space and the bracket', 'a: [&x ]\n', 'bail'],
    ['an anchor before a space and the brace', 'a: {k: &x }\n', 'bail'],
    ['an alias inside the list its anchor names', 'a: [&x [*x]]\n', 'bail'],
    ['an empty key', 'a: {: 1}\n', 'bail'],
    ['a dash alone (yaml: a block list in a flow one)', 'a: [-]\n', 'bail'],
    ['a question mark alone', 'a: [?]\n', 'bail'],
    ['an item at the key\'s column (yaml: bad indentation)', 'a: [1,\nb]\n', 'bail'],
    ['a comment after a quoted item', 'a: ["a" # c\n  ]\n', 'bail'],
    ['a comment line between two items', 'a: [1,\n  # c\n  2]\n', 'bail'],
    ['a comment after a plain item', 'a: [a #c\n  ]\n', 'bail'],
    ['a key, then a colon with no space after it on the next line', 'a: {a\n  :b}\n', 'bail'],
    ['an item ending with a colon, continued on the next line', 'a: [a:\n  b]\n', 'bail'],
    ['a merge key with no value', 'a: {<<}\n', 'bail'],
    ['a quoted `"<<"` key', 'a: &x {p: 1}\nb: {"<<": *x}\n', 'bail'],
    ['a `__proto__` key', 'a: {__proto__: 1}\n', 'bail'],
    ['a `: ` in a list item (a pair in a list)', 'a: [a: 1]\n', 'bail'],
    ['an alias followed by `#`', 'a: &x 1\nb: [*x#]\n', 'bail'],
    ['an alias followed by `:`', 'a: &x 1\nb: [*x:1]\n', 'bail'],
    ['an alias as a key', 'a: &x 1\nb: {*x : 1}\n', 'bail'],
    ['an anchor right before the bracket', 'a: [&x]\n', 'bail'],
    ['an anchor before a comma', 'a: [&x ,1]\n', 'bail'],
    ['an anchor on an alias (yaml: an alias cannot have properties)', 'a: &y 1\nb: [&x *y]\n', 'bail'],
    ['two anchors on one value', 'a: [&x &y 1]\n', 'bail'],
    ['two commas in a row', 'a: [1, , 2]\n', 'bail'],
    ['a comma first', 'a: [, 1]\n', 'bail'],
    ['a comment inside', 'a: [a # c\n  ]\n', 'bail'],
    ['a plain item continued on the next line', 'a: [a\n  b]\n', 'bail'],
    ['a list not closed at the end of the text', 'a: [1,', 'bail'],
    ['the bracket left of the nested key\'s column (yaml: bad indentation)', 'b:\n  c: [1\n ]\n', 'bail'],
    ['a value not followed by a comma', 'a: {b: 1 c: 2}\n', 'bail'],
  ])('%s: %j', (_name, text, expected) => {
    expect(sameAsYaml(text)).toBe(expected);
  });
});

// Every node's range in a flow collection, all three numbers (`range[2]`: after the spaces and line breaks that
// follow the node), as yaml sets them; the comparison of sameAsYaml reads only the first two.
describe('the fast YAML path, on the ranges of the nodes in flow collections', () => {
  it.each([
    ['scalars with spaces before the commas and the bracket', 'a: [1, 2 , x ]\n'],
    ['a map with an empty value and a nested list', 'a: {b: 1 , c: [x, y] , d: }\n'],
    ['aliases before a space, a comma and a brace', 'a: &x 1\nb: [*x , *x]\nc: {k: *x }\n'],
    ['anchors on a scalar and a list', 'a: [&y 1 , &z [2] ]\n'],
    ['keys with no value and an empty value', 'a: {b, c: , d}\n'],
    ['items on their own lines', 'a: [\n  1,\n  2\n]\n'],
    ['quoted items', 'a: [ "q" , \'s\' ]\n'],
    ['quoted keys with values right after their colons', 'a: {"k":v, \'j\': w}\n'],
    ['a plain item of two words, the bracket on the next line', 'a: [a b , c\n  ]\n'],
    ['nested collections', 'a: {b: [1], c: {d: 2}}\n'],
  ])('%s: %j', (_name, text) => {
    expect(sameAsYaml(text)).toBe('fast');
    expect(nodeRanges(fastParse(text)!.doc.contents)).toEqual(nodeRanges(slow(text).contents));
  });
});
