import { describe, expect, it } from 'vitest';
import { analyze, schema } from '../../server/src/core/index';
import { RUNTIMES, RUNTIMES_BY_ID } from '../../server/src/core/facts/runtimes';

/** Runtime ids the format accepts (schemas/archflow.schema.json). */
const schemaRuntimes = ((schema.definitions as Record<string, { properties: Record<string, { enum?: string[] }> }>).function!.properties.runtime!.enum)!;

describe('the runtime lifecycle table', () => {
  it('has every runtime the format accepts, and no other', () => {
    expect(RUNTIMES.map((r) => r.id).sort()).toEqual([...schemaRuntimes].sort());
  });

  it('has ordered dates and supported successors', () => {
    for (const r of RUNTIMES) {
      for (const d of [r.deprecated, r.blockCreate, r.blockUpdate]) if (d) expect(d, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (r.blockCreate) expect(r.deprecated <= r.blockCreate, r.id).toBe(true);
      if (r.blockCreate && r.blockUpdate) expect(r.blockCreate <= r.blockUpdate, r.id).toBe(true);
      const successor = RUNTIMES_BY_ID.get(r.successor);
      expect(successor?.successor, `${r.id} → ${r.successor}`).toBe(r.successor);
    }
  });

  // From shared reference aws-limits.md §1.4, read on 2026-11-28.
  it('judges every runtime on 2026-11-28 as the reference says', () => {
    const blocked = ['nodejs14.x', 'nodejs12.x', 'nodejs10.x', 'python3.7', 'java8', 'ruby2.7', 'provided', 'go1.x'];
    // dotnet9 is not judged by its dates: it is container-image only (lambda/image-only-runtime).
    const deprecated = ['nodejs20.x', 'nodejs18.x', 'nodejs16.x', 'python3.10', 'python3.9', 'python3.8', 'dotnet8', 'dotnet6', 'ruby3.2', 'provided.al2'];
    const verdict = (runtime: string): string => {
      const text = `archflow: 1\nname: t\nconsumers:\n  f: { runtime: ${runtime} }\n`;
      const p = analyze(text, { today: new Date('2026-11-28T00:00:00Z'), only: ['lambda/runtime-lifecycle'] }).problems;
      return p.length === 0 ? 'fine' : p[0]!.severity;
    };
    for (const id of schemaRuntimes) {
      expect(verdict(id), id).toBe(blocked.includes(id) ? 'error' : deprecated.includes(id) ? 'warning' : 'fine');
    }
  });
});
