import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core/index';
import { generateArchitecture } from '../../scripts/bench/lib/generate.mjs';

describe('the synthetic architecture (tests and benchmark)', () => {
  for (const n of [20, 45, 150, 400]) {
    it(`of ${n} nodes has ${n} nodes and no errors`, () => {
      const a = analyze(generateArchitecture(n));
      expect(a.graph.nodes.size).toBe(n);
      expect(a.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.message}`)).toEqual([]);
    });
  }

  it('is deterministic', () => expect(generateArchitecture(60)).toBe(generateArchitecture(60)));
});
