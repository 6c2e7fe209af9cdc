import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core/index';
import { filesNextTo } from '../../server/src/project/referenced-files';
import { EXAMPLE_FILES, exampleFiles } from '../helpers/examples';

const EXAMPLES = resolve(__dirname, '../../examples');
const TODAY = new Date('2026-11-28T00:00:00Z');

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('examples lint clean', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.arch.yaml'));
  it('are the examples the repository names', () => expect(exampleFiles()).toEqual(EXAMPLE_FILES));
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(EXAMPLES, file), 'utf8');
      // The definition files it names are read next to it, as the CLI and the editor do.
      const problems = analyze(text, { today: TODAY, files: filesNextTo(join(EXAMPLES, file)) }).problems;
      expect(problems.map((p) => `${lineOf(text, p.span.start)} ${p.code} ${p.message}`)).toEqual([]);
    });
  }
});

/**
 * A broken example documents every error and warning it yields, and every problem of the codes it
 * names; advice (`info`) of other codes is not what it demonstrates and is left out.
 */
describe('every broken example yields exactly its documented problems', () => {
  const dir = join(EXAMPLES, 'broken');
  const files = readdirSync(dir).filter((f) => f.endsWith('.arch.yaml'));
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const expected = [...text.matchAll(/^# expect: (\d+) (\S+)\s*$/gm)].map((m) => `${m[1]} ${m[2]}`);
      expect(expected.length, `${file} documents no problem`).toBeGreaterThan(0);
      const named = new Set(expected.map((e) => e.split(' ')[1]));
      const actual = analyze(text, { today: TODAY }).problems
        .filter((p) => p.severity !== 'info' || named.has(p.code))
        .map((p) => `${lineOf(text, p.span.start)} ${p.code}`);
      expect(actual.sort()).toEqual(expected.sort());
    });
  }
});
