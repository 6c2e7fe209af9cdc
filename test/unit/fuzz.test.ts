import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core/index';

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
