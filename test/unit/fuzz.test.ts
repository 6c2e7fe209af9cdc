import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { complete } from '../../server/src/core/features/complete';
import { definition } from '../../server/src/core/features/definition';
import { foldingRanges } from '../../server/src/core/features/folding';
import { hover } from '../../server/src/core/features/hover';
import { references } from '../../server/src/core/features/references';
import { selectionRanges } from '../../server/src/core/features/selection';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { analyze } from '../../server/src/core/index';
import { parse } from '../../server/src/core/parse/parse';

const EXAMPLES = resolve(__dirname, '../../examples');
// Files of a realistic size (the quota fixtures with hundreds of rules are tested on their own).
const texts = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.arch.yaml')).map((f) => readFileSync(join(EXAMPLES, f), 'utf8')),
  ...readdirSync(join(EXAMPLES, 'broken')).filter((f) => f.endsWith('.arch.yaml')).map((f) => readFileSync(join(EXAMPLES, 'broken', f), 'utf8')),
].filter((t) => t.length < 8000);

function checkSound(text: string): void {
  const a = analyze(text);
  for (const p of a.problems) {
    if (!(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length)) {
      throw new Error(`span out of bounds: ${JSON.stringify(p)}`);
    }
  }
}

const yamlChars = fc.constantFrom(...'abc: -[]{}#&*!|>\'"%@`,?\n\t 0123456789.~'.split(''));
const words = ['archflow', 'name', 'routers', 'producers', 'consumers', 'events', 'type', 'queue', 'topic', 'event-bus', 'stream',
  'to', 'emits', 'function', 'rules', 'pattern', 'deadLetter', 'fifo', 'http-api', 'routes', 'bucket', 'schedule', 'table', 'external'];

/** A random but YAML-shaped value made of the format's own words. */
const shaped: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...words), fc.integer(), fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...words), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('analyze never throws (fuzzed)', { timeout: 180_000 }, () => {
  it('on random characters', () => {
    fc.assert(fc.property(fc.string({ unit: yamlChars, maxLength: 300 }), (t) => checkSound(t)), { numRuns: 400 });
  });

  it('on random unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (t) => checkSound(t)), { numRuns: 200 });
  });

  it('on YAML-shaped documents made of the format\'s words', () => {
    fc.assert(fc.property(shaped, (v) => checkSound(JSON.stringify(v))), { numRuns: 400 });
  });

  it('on mutations of the examples (deleted, duplicated and inserted slices)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.nat(), fc.nat(), fc.string({ unit: yamlChars, maxLength: 12 }), fc.constantFrom('delete', 'insert', 'duplicate', 'truncate'),
        (which, a, b, insert, op) => {
          const t = texts[which]!;
          const i = a % (t.length + 1);
          const j = Math.min(t.length, i + (b % 40));
          const mutated = op === 'delete' ? t.slice(0, i) + t.slice(j)
            : op === 'insert' ? t.slice(0, i) + insert + t.slice(i)
              : op === 'duplicate' ? t.slice(0, j) + t.slice(i, j) + t.slice(j)
                : t.slice(0, i);
          checkSound(mutated);
        }),
      { numRuns: 600 },
    );
  });

  it('keeps analysing every example after each of its lines is removed', () => {
    for (const t of texts) {
      const lines = t.split('\n');
      for (let i = 0; i < lines.length; i++) expect(() => checkSound([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'))).not.toThrow();
    }
  });
});

/**
 * Pathological structures (the issue "No file can freeze, crash or trick Archflow"): deep nesting,
 * collections as keys, huge flows, alias chains and merges, alone and spliced into the examples. A
 * bounded count per run, on a new seed each run (fast-check prints the seed of a failure: add the
 * input to test/fixtures/hostile/). Time is the bench's business ("worst input"), not this test's.
 */
describe('analyze and the editor features on pathological structures (fuzzed)', { timeout: 180_000 }, () => {
  const deepFlow = (n: number, closed: boolean): string => `${'['.repeat(n)}${closed ? ']'.repeat(n) : ''}`;
  const deepMapKeys = (n: number): string => `${'{'.repeat(n)}${'}'.repeat(n)}`;
  const deepBlock = (n: number, indent: string): string => Array.from({ length: n }, (_, i) => `${indent}${' '.repeat(i)}k${i}:`).join('\n');
  const deepList = (n: number): string => Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}- `).join('\n') + 'x';
  const hugeFlow = (n: number): string => `[${Array.from({ length: n }, (_, i) => `v${i}`).join(', ')}]`;
  const aliasChain = (n: number): string => ['x-0: &a0 [x, x]', ...Array.from({ length: n }, (_, i) => `x-${i + 1}: &a${i + 1} [*a${i}, *a${i}, *a${i}]`)].join('\n');

  /** A pathological piece of YAML, as a value after `key: ` or as whole lines. */
  const piece = fc.oneof(
    // `depth`: the nesting of the deepest collection, the top-level map being 1.
    fc.record({ n: fc.integer({ min: 100, max: 3000 }), closed: fc.boolean() }).map(({ n, closed }) => ({ value: deepFlow(n, closed), depth: n + 1 })),
    // Maps as keys: refused as keys (yaml/complex-key) or, nested deep enough to stop reading, as too deep.
    fc.integer({ min: 2, max: 300 }).map((n) => ({ value: deepMapKeys(n), depth: 0, codes: ['yaml/complex-key', 'yaml/too-deep'] })),
    fc.integer({ min: 100, max: 400 }).map((n) => ({ lines: deepBlock(n, ''), depth: n })),
    fc.integer({ min: 50, max: 200 }).map((n) => ({ lines: `x-list:\n${deepList(n)}`, depth: n + 1 })),
    fc.integer({ min: 1, max: 50_000 }).map((n) => ({ value: hugeFlow(n), depth: 1 })),
    fc.integer({ min: 1, max: 20 }).map((n) => ({ lines: aliasChain(n), depth: 1 })),
    fc.constantFrom(
      { lines: '? [a, b]\n: 1', depth: 1 },
      { lines: 'x-m: &m { memory: 512 }\nx-n: { <<: [*m, *m], <<: *m }', depth: 1 },
      { lines: 'x-c: &c [1, *c]', depth: 1 },
      { lines: 'x-bad: { <<: [1, *nothing] }', depth: 1 },
      { value: '*undefined', depth: 0 },
    ),
  );

  const featuresAt = (text: string, offsets: number[]): void => {
    const a = analyze(text);
    for (const p of a.problems) {
      if (!(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length)) throw new Error(`span out of bounds: ${JSON.stringify(p)}`);
    }
    for (const o of offsets) {
      const offset = Math.min(text.length, o);
      hover(a, offset);
      complete(a, offset);
      definition(a, offset);
      references(a, offset, true);
      selectionRanges(a, offset);
    }
    documentSymbols(a);
    foldingRanges(a);
  };

  it('alone: a located problem when nested too deep, and every feature answers', () => {
    fc.assert(
      fc.property(piece, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (p, offsets) => {
        const text = 'value' in p ? `archflow: 1\nname: fuzz\nx-v: ${p.value}\n` : `archflow: 1\nname: fuzz\n${p.lines}\n`;
        featuresAt(text, offsets);
        // Past 128 levels it is refused, located.
        const codes = analyze(text).problems.map((x) => x.code);
        if (p.depth > 128) expect(codes).toContain('yaml/too-deep');
        if ('codes' in p && p.codes) expect(codes.some((c) => p.codes!.includes(c)), codes.join(', ')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('spliced into the examples at any line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.nat(), piece, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (which, line, p, offsets) => {
        const lines = texts[which]!.split('\n');
        const at = line % (lines.length + 1);
        const inserted = 'value' in p ? `x-v: ${p.value}` : p.lines;
        featuresAt([...lines.slice(0, at), inserted, ...lines.slice(at)].join('\n'), offsets);
      }),
      { numRuns: 60 },
    );
  });

  it('anchors, aliases and merge keys build the value the yaml package builds with merge on', () => {
    const scalar = fc.constantFrom('1', 'x', 'true', '~', '"q"');
    const doc = fc.array(fc.tuple(fc.constantFrom('k1', 'k2', 'k3'), scalar, fc.constantFrom(...[0, 1, 2, 3]), fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }).map((rows) => {
      const out: string[] = [];
      const defined: string[] = [];
      rows.forEach(([key, value, shape, s1, s2], i) => {
        const anchor = `a${i}`;
        const sources = defined.length ? [...new Set([defined[s1 % defined.length]!, defined[s2 % defined.length]!])] : [];
        const merge = sources.length === 0 ? '' : shape % 2 ? `<<: *${sources[0]}, ` : `<<: [${sources.map((s) => `*${s}`).join(', ')}], `;
        out.push(`m${i}: &${anchor} { ${shape > 1 ? merge : ''}${key}: ${value}${shape <= 1 ? `, ${merge.replace(/, $/, '')}` : ''} }`.replace(/, }/, ' }'));
        if (!defined.includes(anchor)) defined.push(anchor);
      });
      return out.join('\n') + '\n';
    });
    fc.assert(
      fc.property(doc, (text) => {
        const reference = parseDocument(text, { merge: true, uniqueKeys: false });
        if (reference.errors.length) return;
        expect(parse(text).value).toEqual(reference.toJS({ maxAliasCount: -1 }));
      }),
      { numRuns: 300 },
    );
  });
});
