/**
 * Exact spans of locate, pathAt and locateExtent through what people write beyond plain maps:
 * aliases, merge keys (own keys first, then the sources in order), big sections, lists, multi-line
 * flow values and keys with no value. Each expected span is the offset of a piece of the fixture.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../server/src/core/parse/parse';
import { findPair, isMergeKey, locate, locateExtent, pathAt, resolve } from '../../server/src/core/parse/locate';

/** The span of the `n`-th (from 0) occurrence of `piece` in `text`. */
function spanOf(text: string, piece: string, n = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(piece, at + 1);
    if (at < 0) throw new Error(`fixture: occurrence ${n} of ${JSON.stringify(piece)} not found`);
  }
  return { start: at, end: at + piece.length };
}

const MERGED = `defaults: &defaults
  timeout: 3
  memory: 256
more: &more
  memory: 512
  runtime: nodejs22.x
own:
  <<: [*defaults, *more]
  memory: 1024
targets: &targets
  - pager
  - audit
router:
  to: *targets
`;

describe('locate through aliases and merge keys', () => {
  const doc = parse(MERGED);

  it('parses the fixture without problems', () => {
    expect(doc.problems).toEqual([]);
  });

  it('an own key wins over a merged one, and is shown where it is written', () => {
    expect(locate(doc.yaml, MERGED, ['own', 'memory'])).toEqual(spanOf(MERGED, '1024'));
    expect(resolve(doc.yaml!, ['own', 'memory']).via).toBeUndefined();
  });

  it('a key brought in by the first merge source is shown on that alias', () => {
    expect(locate(doc.yaml, MERGED, ['own', 'timeout'])).toEqual(spanOf(MERGED, '*defaults'));
    expect(locate(doc.yaml, MERGED, ['own', 'timeout'], 'key')).toEqual(spanOf(MERGED, '*defaults'));
  });

  it('a key only the second source has is shown on the second alias', () => {
    expect(locate(doc.yaml, MERGED, ['own', 'runtime'])).toEqual(spanOf(MERGED, '*more'));
    const found = resolve(doc.yaml!, ['own', 'runtime']);
    expect(found.depth).toBe(2);
    expect(String((found.node as { value?: unknown }).value)).toBe('nodejs22.x');
  });

  it('the first source wins over the second for a key both have', () => {
    const yaml = `a: &a\n  memory: 1\nb: &b\n  memory: 2\nc:\n  <<: [*a, *b]\n`;
    const found = resolve(parse(yaml).yaml!, ['c', 'memory']);
    expect((found.node as { value?: unknown }).value).toBe(1);
    expect(locate(parse(yaml).yaml, yaml, ['c', 'memory'])).toEqual(spanOf(yaml, '*a'));
  });

  it('a list taken by an alias is shown on the alias, with the items it names', () => {
    expect(locate(doc.yaml, MERGED, ['router', 'to', 1])).toEqual(spanOf(MERGED, '*targets'));
    const found = resolve(doc.yaml!, ['router', 'to', 1]);
    expect(found.depth).toBe(3);
    expect((found.node as { value?: unknown }).value).toBe('audit');
    expect(found.via?.source).toBe('targets');
  });

  it('a key missing from the map and every source lands on the key of the map', () => {
    expect(locate(doc.yaml, MERGED, ['own', 'handler'])).toEqual(spanOf(MERGED, 'own'));
    expect(resolve(doc.yaml!, ['own', 'handler']).depth).toBe(1);
  });

  it('a merge source that is not a map brings nothing in', () => {
    const yaml = `list: &list [1, 2]\nm:\n  <<: *list\n  a: 1\n`;
    const found = resolve(parse(yaml).yaml!, ['m', 'b']);
    expect(found.depth).toBe(1);
    expect(found.via).toBeUndefined();
  });

  it('a quoted "<<" is an ordinary key, not a merge', () => {
    const yaml = `d: &d\n  x: 1\nm:\n  "<<": *d\n`;
    expect(resolve(parse(yaml).yaml!, ['m', 'x']).depth).toBe(1);
    expect(resolve(parse(yaml).yaml!, ['m', '<<', 'x']).depth).toBe(3);
  });

  it('isMergeKey: a plain untagged `<<` only', () => {
    const keys = (yaml: string): unknown => (parse(yaml).yaml!.contents as { items: { key: unknown }[] }).items[0]!.key;
    expect(isMergeKey(keys('<<: 1\n'))).toBe(true);
    expect(isMergeKey(keys('"<<": 1\n'))).toBe(false);
    expect(isMergeKey(keys("'<<': 1\n"))).toBe(false);
    expect(isMergeKey(keys('!!str <<: 1\n'))).toBe(false);
    expect(isMergeKey(keys('<: 1\n'))).toBe(false);
    expect(isMergeKey('<<')).toBe(false);
  });

  it('an alias names the last node anchored with its name before it', () => {
    const yaml = `a: &x\n  k: 1\nb: *x\nc: &x\n  k: 2\nd: *x\n`;
    const d = parse(yaml).yaml!;
    expect((resolve(d, ['b', 'k']).node as { value?: unknown }).value).toBe(1);
    expect((resolve(d, ['d', 'k']).node as { value?: unknown }).value).toBe(2);
    expect(resolve(d, ['d', 'k']).via?.range?.[0]).toBe(spanOf(yaml, '*x', 1).start);
  });

  it('an alias with no anchor before it leads nowhere', () => {
    const yaml = `b: *x\nc: &x\n  k: 1\n`;
    const found = resolve(parse(yaml).yaml!, ['b', 'k']);
    expect(found.depth).toBe(1);
    expect(found.node).toBeNull();
  });
});

describe('locate: spans of values, keys and lists', () => {
  const YAML_TEXT = `routers:
  jobs:
    type: queue
    empty:
    to: { function: a,
      batchSize: 10 }
    list:
      - - x
        - y
      - z
`;
  const doc = parse(YAML_TEXT);

  it('no document: the start of the file', () => {
    expect(locate(undefined, 'x', ['a'])).toEqual({ start: 0, end: 0 });
    expect(pathAt(undefined, 3)).toEqual({ pointer: [], onKey: false, node: null });
    expect(locateExtent(undefined, ['a'])).toBeUndefined();
  });

  it('a key with no value, asked for by key', () => {
    expect(locate(doc.yaml, YAML_TEXT, ['routers', 'jobs', 'empty'], 'key')).toEqual(spanOf(YAML_TEXT, 'empty'));
    expect(resolve(doc.yaml!, ['routers', 'jobs', 'empty']).depth).toBe(3);
  });

  it('a flow map written on two lines is shown on its first line', () => {
    const start = YAML_TEXT.indexOf('{ function');
    expect(locate(doc.yaml, YAML_TEXT, ['routers', 'jobs', 'to'])).toEqual({ start, end: YAML_TEXT.indexOf('\n', start) });
  });

  it('a list item that is itself a block list is shown on its first line', () => {
    const start = YAML_TEXT.indexOf('- x');
    expect(locate(doc.yaml, YAML_TEXT, ['routers', 'jobs', 'list', 0])).toEqual({ start, end: YAML_TEXT.indexOf('\n', start) });
  });

  it('a list item asked for by key has no key: its value', () => {
    expect(locate(doc.yaml, YAML_TEXT, ['routers', 'jobs', 'list', 1], 'key')).toEqual({ start: YAML_TEXT.indexOf('- z') + 2, end: YAML_TEXT.indexOf('- z') + 3 });
    expect(locate(doc.yaml, YAML_TEXT, ['routers', 'jobs', 'list', 0, 1])).toEqual({ start: YAML_TEXT.indexOf('- y') + 2, end: YAML_TEXT.indexOf('- y') + 3 });
  });

  it('list indexes may be written as text; other text and indexes past the end stop the walk', () => {
    expect(resolve(doc.yaml!, ['routers', 'jobs', 'list', '1']).depth).toBe(4);
    expect((resolve(doc.yaml!, ['routers', 'jobs', 'list', '1']).node as { value?: unknown }).value).toBe('z');
    expect(resolve(doc.yaml!, ['routers', 'jobs', 'list', '0.5']).depth).toBe(3);
    expect(resolve(doc.yaml!, ['routers', 'jobs', 'list', 2]).depth).toBe(3);
    expect(resolve(doc.yaml!, ['routers', 'jobs', 'type', 'x']).depth).toBe(3);
    // A missing list item lands on the key of the list.
    expect(locate(doc.yaml, YAML_TEXT, ['routers', 'jobs', 'list', 7])).toEqual(spanOf(YAML_TEXT, 'list'));
    expect(resolve(doc.yaml!, ['routers', 'jobs', 'list', 0, 1]).pair).toBeUndefined();
  });

  it('a pointer that finds nothing at the top lands on the first line of the document', () => {
    expect(locate(doc.yaml, YAML_TEXT, ['producers'])).toEqual({ start: 0, end: YAML_TEXT.indexOf('\n') });
    const list = `- a\n- b\n`;
    expect(locate(parse(list).yaml, list, [5])).toEqual({ start: 0, end: 3 });
    expect(locate(parse('').yaml, '', ['a'])).toEqual({ start: 0, end: 0 });
  });

  it('the key of a scalar value', () => {
    expect(locate(doc.yaml, YAML_TEXT, ['routers', 'jobs', 'type'], 'key')).toEqual(spanOf(YAML_TEXT, 'type'));
    expect(locate(doc.yaml, YAML_TEXT, ['routers', 'jobs', 'type'])).toEqual(spanOf(YAML_TEXT, 'queue'));
  });

  it('a null key is found by the empty segment; a collection key by none', () => {
    const yaml = `~: a\n? [k]\n: b\n`;
    const d = parse(yaml).yaml!;
    expect((resolve(d, ['']).node as { value?: unknown }).value).toBe('a');
    expect(resolve(d, ['k']).depth).toBe(0);
    expect(resolve(d, ['[ k ]']).depth).toBe(0);
  });
});

describe('sections of 16 entries and more (looked up through an index)', () => {
  const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
  const text = `base: &base\n  inherited: yes\n  k3: from-base\nbig:\n  <<: *base\n${keys.map((k) => `  ${k}: v-${k}\n`).join('')}  k5: again\n`;
  const doc = parse(text, { fastPath: false });

  it('finds every key, the first of a repeated one, and merged keys', () => {
    for (const k of keys) expect(locate(doc.yaml, text, ['big', k])).toEqual(spanOf(text, `v-${k}`));
    // k5 is written twice (a duplicate-key problem): the first one counts, as in the value.
    expect(locate(doc.yaml, text, ['big', 'k5'], 'key')).toEqual(spanOf(text, 'k5'));
    expect(locate(doc.yaml, text, ['big', 'inherited'])).toEqual(spanOf(text, '*base'));
    expect(locate(doc.yaml, text, ['big', 'k3'])).toEqual(spanOf(text, 'v-k3'));
    expect(locate(doc.yaml, text, ['big', 'nothing'])).toEqual(spanOf(text, 'big'));
  });

  it('sees entries added to the tree after the first lookup', async () => {
    const yaml = await import('yaml');
    const map = (doc.yaml!.contents as InstanceType<typeof yaml.YAMLMap>).items[1]!.value as InstanceType<typeof yaml.YAMLMap>;
    expect(findPair(map, 'added')).toBeUndefined();
    map.items.push(new yaml.Pair(new yaml.Scalar('added'), new yaml.Scalar(1)));
    expect(findPair(map, 'added')?.value).toMatchObject({ value: 1 });
    expect(findPair(map, 'k0')?.key).toMatchObject({ value: 'k0' });
    expect(findPair(new yaml.Scalar('x'), 'x')).toBeUndefined();
  });
});

describe('pathAt and locateExtent', () => {
  const text = `a:\n  b: [x, y]\n  c:\n    - d: 1\n? [k]\n: z\n`;
  const doc = parse(text);

  it('an offset on a key, a value, a list item and between items', () => {
    expect(pathAt(doc.yaml, text.indexOf('b:'))).toMatchObject({ pointer: ['a', 'b'], onKey: true });
    expect(pathAt(doc.yaml, text.indexOf('y'))).toMatchObject({ pointer: ['a', 'b', 1], onKey: false });
    expect(pathAt(doc.yaml, text.indexOf('d:') + 1)).toMatchObject({ pointer: ['a', 'c', 0, 'd'], onKey: true });
    expect(pathAt(doc.yaml, text.indexOf('1'))).toMatchObject({ pointer: ['a', 'c', 0, 'd'], onKey: false });
    // The end of a scalar still belongs to it.
    expect(pathAt(doc.yaml, text.indexOf('x') + 1)).toMatchObject({ pointer: ['a', 'b', 0], onKey: false });
    // Between the items of a flow list: the list itself.
    const between = pathAt(doc.yaml, text.indexOf(', y') + 1);
    expect(between.pointer).toEqual(['a', 'b']);
    expect(between.node).toMatchObject({ flow: true });
    // A collection used as a key has no pointer.
    expect(pathAt(doc.yaml, text.indexOf('[k]') + 1).pointer).toEqual([]);
    expect(pathAt(doc.yaml, text.indexOf(': z') + 2).pointer).toEqual([]);
  });

  it('the extent of an entry runs from its key to the end of its value', () => {
    expect(locateExtent(doc.yaml, ['a', 'b'])).toEqual({ start: text.indexOf('b:'), end: text.indexOf(']') + 1 });
    expect(locateExtent(doc.yaml, ['a', 'c', 0])).toEqual({ start: text.indexOf('d:'), end: text.indexOf('1') + 2 });
    expect(locateExtent(doc.yaml, ['a', 'b', 1])).toEqual(spanOf(text, 'y'));
    expect(locateExtent(doc.yaml, ['a', 'nothing'])).toBeUndefined();
    expect(locateExtent(doc.yaml, ['a', 'b', 5])).toBeUndefined();
    const empty = `a:\n  b:\n`;
    expect(locateExtent(parse(empty).yaml, ['a', 'b'])).toEqual({ start: empty.indexOf('b'), end: empty.indexOf('b') + 2 });
  });
});

describe('edges of the walks (each case once told a changed program apart)', () => {
  it('finds an anchor that is the first item of a list, past a key with no value', () => {
    const yaml = `list:\n  - &x\n    k: 1\n  - 2\n? lonely\nb: *x\n`;
    const d = parse(yaml).yaml!;
    expect((resolve(d, ['b', 'k']).node as { value?: unknown }).value).toBe(1);
    expect(resolve(d, ['b', 'k']).depth).toBe(2);
  });

  it('a map that merges itself stops: the key is not found, nothing throws', () => {
    const yaml = `a: &a\n  <<: *a\n  x: 1\n`;
    const doc = parse(yaml);
    expect(doc.problems.map((p) => p.code)).toEqual(['yaml/alias-cycle']);
    expect(resolve(doc.yaml!, ['a', 'y']).depth).toBe(1);
    expect(resolve(doc.yaml!, ['a', 'x']).depth).toBe(2);
  });

  it('follows a chain of 33 merges, the deepest it follows', () => {
    const chain = (n: number) => ['m0: &m0\n  k: deep\n', ...Array.from({ length: n }, (_, i) => `m${i + 1}: &m${i + 1}\n  <<: *m${i}\n`)].join('');
    const at33 = parse(chain(33));
    expect((resolve(at33.yaml!, ['m33', 'k']).node as { value?: unknown }).value).toBe('deep');
    expect(resolve(parse(chain(34)).yaml!, ['m34', 'k']).depth).toBe(1);
  });

  it('a big section does not look inside its own entries for a missing key', () => {
    const text = `big:\n  child: { deep: 1 }\n${Array.from({ length: 20 }, (_, i) => `  k${i}: ${i}\n`).join('')}`;
    const d = parse(text).yaml!;
    expect(resolve(d, ['big', 'deep']).depth).toBe(1);
    expect(resolve(d, ['big', 'child', 'deep']).depth).toBe(3);
  });

  it('a value on the last line of a file with no final newline', () => {
    const text = 'a: 1\nb: 2';
    expect(locate(parse(text).yaml, text, ['b'])).toEqual({ start: 8, end: 9 });
  });

  it('a missing key inside a flow map lands on the key of the map, not on the map', () => {
    const text = 'to: { function: a }\n';
    expect(locate(parse(text).yaml, text, ['to', 'queue'])).toEqual({ start: 0, end: 2 });
  });

  it('an offset on a comment inside a map is in the map, not on a key', () => {
    const text = `a:\n  b: 1\n  # note\n  c: 2\nl:\n  - x\n  # between\n  - y\n`;
    const doc = parse(text);
    expect(pathAt(doc.yaml, text.indexOf('note'))).toMatchObject({ pointer: ['a'], onKey: false });
    expect(pathAt(doc.yaml, text.indexOf('between'))).toMatchObject({ pointer: ['l'], onKey: false });
  });

  it('a document of comments only has no extent', () => {
    expect(locateExtent(parse('# only\n').yaml, [])).toBeUndefined();
  });
});
