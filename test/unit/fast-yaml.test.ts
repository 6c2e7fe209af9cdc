import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { generateArchitecture } from '../../scripts/bench/lib/generate.mjs';
import { fastParse } from '../../server/src/core/parse/fast-yaml';
import { parse } from '../../server/src/core/parse/parse';
import { contentEnd, treeDifferences } from '../helpers/yaml-compare';

const ROOT = join(__dirname, '../..');

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, ext));
    else if (ext.test(name)) out.push(path);
  }
  return out;
}

/** The same parse as parse.ts, through the `yaml` package. */
function slow(text: string) {
  return parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error', keepSourceTokens: false, lineCounter: new LineCounter() });
}

/** Where the fast path answers, it answers exactly what `yaml` answers: no error, the same tree and value. */
function sameAsYaml(text: string): 'fast' | 'bail' {
  const fast = fastParse(text);
  if (!fast) return 'bail';
  const reference = slow(text);
  expect(reference.errors.map((e) => e.message), `the fast path accepted text yaml rejects: ${JSON.stringify(text)}`).toEqual([]);
  expect(treeDifferences(fast.doc.contents, reference.contents, '$', text), text).toEqual([]);
  expect(isDeepStrictEqual(fast.value, reference.toJS()), `values differ:\n${text}\n${JSON.stringify(fast.value)}\n${JSON.stringify(reference.toJS())}`).toBe(true);
  expect([fast.doc.range[0], contentEnd(text, fast.doc.range[1])]).toEqual([reference.range[0], contentEnd(text, reference.range[1])]);
  // Duplicate keys: as many as yaml's own check reports, each marked on the key itself (yaml marks
  // one character at or before it).
  const strict = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: false });
  const reported = strict.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]).sort((a, b) => a - b);
  const ours = fast.duplicates.map((d) => d.start).sort((a, b) => a - b);
  expect(ours.length, text).toBe(reported.length);
  ours.forEach((start, i) => expect(reported[i]!).toBeLessThanOrEqual(start));
  return 'fast';
}

const examples = files(join(ROOT, 'examples'), /\.ya?ml$/).map((f) => readFileSync(f, 'utf8'));
const CORPUS = join(ROOT, '../shared/corpus');
const corpusFiles = files(CORPUS, /\.ya?ml$/).sort();

describe('the fast YAML path', () => {
  it('takes every example and generated architecture, and builds what yaml builds', () => {
    for (const text of [...examples.filter((t) => !t.includes('\t')), generateArchitecture(20), generateArchitecture(300)]) {
      const broken = /yaml\/(syntax|duplicate-key)/.test(text);
      if (!broken) expect(sameAsYaml(text)).toBe('fast');
    }
  });

  it('agrees with yaml on the corpus file it reads, and leaves the 43 others (CloudFormation tags, block scalars) to yaml', () => {
    expect(corpusFiles).toHaveLength(44);
    const answered = corpusFiles.filter((f) => sameAsYaml(readFileSync(f, 'utf8')) === 'fast').map((f) => f.slice(CORPUS.length + 1));
    expect(answered).toEqual(['serverless-patterns/public/eventbridge-scheduled-lambda/template.yaml']);
  });

  it('agrees with yaml on the shapes people write', () => {
    const cases = [
      'a:  # c\nb: 1\n', 'a:\n  b: 1\n  # t\n\nc: 2\n', 'a:\n  b: 1\n\n# t\nc: 2', 'a: {\n  b: 1,\n}\n', 'a: [x,\n  y\n  ]\n',
      'a: { b: , c: 1 }\n', 'a: { b }\n', '# lead\na: 1\n', 'a: 1 # c', 'a:\n- x\n- y\nb: 1\n', 'x:\n  - a: 1\n    b:\n  - c\n',
      "a: 'it''s'\n", 'a: -1\nb: [-2, .5, 0x1F, 0o17, 1e3, ~, TRUE, "x", .inf, -.Inf, .NaN, 1.50]\n', 'a:   \nb: 1\n',
      'a:\n  b:\n    c: 1\n    # t\nd: 1\n', 'POST /orders/{id}: x\n"quoted key": 1\n\'single\': 2\n', 'a: { "b":1, c: [1, [2, {d: e}]] }\n',
      'a: http://x.y/z?q=1#frag\nb: a#b\nc: -x\nd: ?x\ne: :x\n', 'a:\n  -   b: 1\n      c: 2\n', 'a: []\nb: {}\nc: [ ]\n', '1: a\ntrue: b\nnull: c\n~: d\n',
      'a:\n\n\n  b: 1\n\n\n', 'a: b   \n', 'a: x y  z\n', 'a: [a b, c  d ]\n', 'a:\n  - [1, 2]\n  - {x: 1}\n  - "s"\n  -\n  - # c\n    b\n',
    ];
    // It reads all of them but one (an empty list item followed by a comment), which it leaves to yaml.
    expect(cases.filter((text) => sameAsYaml(text) === 'bail')).toEqual(['a:\n  - [1, 2]\n  - {x: 1}\n  - "s"\n  -\n  - # c\n    b\n']);
  });

  it('leaves what it does not read to yaml', () => {
    for (const text of [
      'a: &x 1\nb: *x\n', 'a: !Ref b\n', 'a: |\n  text\n', 'a: >\n  text\n', 'a: b\n  continued\n', 'a: "esc\\n"\n', 'a:\tb\n', 'a: b\r\nc: d\r\n',
      '---\na: 1\n', 'a: 1\n---\nb: 2\n', '%YAML 1.2\n---\na: 1\n', '- a\n- b\n', 'a: [unclosed\n', 'a: b: c\n', '? a\n: b\n', 'a: {b: 1 # c\n}\n',
      'a:\n  b: 1\n   c: 2\n', '__proto__: 1\n', '<<: {a: 1}\n', '',
    ]) {
      expect(fastParse(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  // 3,000 mutations in six seeded batches (deterministic, and each batch well inside the test timeout on a
  // loaded machine): the fast path answers exactly this many of each batch, and agrees with yaml on each.
  const alphabet = [' ', '  ', '\n', ':', ': ', '- ', '#', '{', '}', '[', ']', ',', '"', "'", 'a', 'x1', '-', '?', '&', '*', '!', '|', '>', '~', '0', '.5', 'true'];
  const sources = [...examples, generateArchitecture(12)];
  const BATCHES: readonly (readonly [seed: number, fast: number])[] = [[20260401, 236], [20260402, 257], [20260403, 231], [20260404, 234], [20260405, 220], [20260406, 237]];
  for (const [seed, expected] of BATCHES) {
    it(`agrees with yaml on 500 mutations of the examples (seed ${seed}), answering ${expected} itself`, () => {
      let fast = 0;
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: sources.length - 1 }),
          fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...alphabet), fc.nat({ max: 6 })), { minLength: 1, maxLength: 4 }),
          (which, edits) => {
            let text = sources[which]!;
            for (const [pos, kind, insert, len] of edits) {
              const at = pos % (text.length + 1);
              if (kind === 0) text = text.slice(0, at) + insert + text.slice(at);
              else if (kind === 1) text = text.slice(0, at) + text.slice(at + len);
              else if (kind === 2) {
                // Delete or duplicate a whole line.
                const start = text.lastIndexOf('\n', at - 1) + 1;
                const end = text.indexOf('\n', at);
                const line = text.slice(start, end < 0 ? text.length : end + 1);
                text = len % 2 ? text.slice(0, start) + text.slice(start + line.length) : text.slice(0, start) + line + text.slice(start);
              } else {
                // Re-indent a line.
                const start = text.lastIndexOf('\n', at - 1) + 1;
                text = len % 2 ? text.slice(0, start) + ' '.repeat(len) + text.slice(start) : text.slice(0, start) + text.slice(start).replace(/^ {1,2}/, '');
              }
            }
            if (sameAsYaml(text) === 'fast') fast++;
          },
        ),
        { numRuns: 500, seed },
      );
      expect(fast).toBe(expected);
    });
  }

  it('is what parse() uses, with the same problems as yaml for duplicate keys', () => {
    const text = 'archflow: 1\nname: t\nconsumers:\n  a: {}\n  a: { timeout: 3 }\n';
    expect(fastParse(text)).toBeDefined();
    expect(parse(text).problems.map((p) => [p.code, p.span])).toEqual([['yaml/duplicate-key', { start: 41, end: 42 }]]);
  });
});
