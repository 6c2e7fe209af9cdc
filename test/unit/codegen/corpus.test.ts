import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTemplate } from '../../../server/src/core/import/import-template';
import { cfnLint, generateText, ROOT, validateResources, WITHOUT_SCHEMA } from '../../helpers/codegen';

/** The real SAM templates of the corpus, read in place. */
const PATTERNS = join(ROOT, '../shared/corpus/serverless-patterns/public');

/** Every corpus template the importer turns into an architecture, and that architecture. */
const imported = readdirSync(PATTERNS).sort().flatMap((pattern) => {
  const file = ['template.yaml', 'template.yml', 'template.json'].map((f) => join(PATTERNS, pattern, f)).find((f) => existsSync(f));
  if (!file) return [];
  const r = importTemplate(readFileSync(file, 'utf8'), file);
  return r.problems.length === 0 && r.yaml ? [{ pattern, yaml: r.yaml }] : [];
});

describe('generating from imported corpus templates', () => {
  it('the importer turns all 42 templates of the corpus into architectures', () => {
    expect(imported.map((i) => i.pattern)).toEqual(readdirSync(PATTERNS).sort());
    expect(imported).toHaveLength(42);
  });

  it('every generated template passes cfn-lint with no error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-corpus-'));
    const files = imported.map(({ pattern, yaml }) => {
      const file = join(dir, `${pattern}.json`);
      writeFileSync(file, generateText(yaml).files.get('template.json')!);
      return file;
    });
    const errors = cfnLint(files).filter((f) => f.Level === 'Error');
    expect(errors.map((f) => `${f.Filename}:${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message}`)).toEqual([]);
  }, 180_000);

  it('every generated resource validates against its official schema (all but the types the schemas lack)', () => {
    const results = imported.map(({ pattern, yaml }) => ({ pattern, ...validateResources(generateText(yaml).template) }));
    expect(results.flatMap((r) => r.errors.map((e) => `${r.pattern}: ${e}`))).toEqual([]);
    expect([...new Set(results.flatMap((r) => r.withoutSchema))].filter((t) => !WITHOUT_SCHEMA.includes(t))).toEqual([]);
  });
});
