import { describe, expect, it } from 'vitest';
import { isScalar, type YAMLMap } from 'yaml';
import { fastParse } from '../../server/src/core/parse/fast-yaml';
import { sameAsYaml, slow } from '../helpers/yaml-compare';

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
