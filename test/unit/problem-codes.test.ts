import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, codeAnchor, docsUrl, PROBLEM_CODES, PROBLEM_CODES_BY_CODE, RULES } from '../../server/src/core/index';

const ROOT = join(__dirname, '../..');
const SOURCES = join(ROOT, 'server/src');

const tsFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));

/** Families of the codes that are not rules: a string literal of one of these anywhere in the sources is a code. */
const FAMILIES = ['file', 'yaml', 'schema', 'ref', 'name', 'codegen', 'deploy', 'import', 'scenario', 'internal'];

/** Every problem code the server's sources can report, with where. */
function reportedCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const family = new RegExp(`'((?:${FAMILIES.join('|')})/[a-z][a-z0-9-]*)'`, 'g');
  const assigned = /\bcode:\s*'([a-z0-9]+\/[a-z0-9-]+)'/g;
  for (const file of tsFiles(SOURCES)) {
    if (file.endsWith('problem-codes.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const re of [family, assigned]) for (const m of text.matchAll(re)) found.set(m[1]!, relative(ROOT, file));
  }
  return found;
}

describe('the problem-code registry', () => {
  it('has every code the code base reports', () => {
    const missing = [...reportedCodes()].filter(([code]) => !PROBLEM_CODES_BY_CODE.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing, 'add them to server/src/core/problem-codes.ts, then run `npm run docs:rules`').toEqual([]);
  });

  it('registers every rule automatically, and every code once, with a description, an https source and a docs anchor', () => {
    expect(PROBLEM_CODES.filter((c) => c.origin === 'rule').map((c) => c.code)).toEqual(RULES.map((r) => r.code));
    const codes = PROBLEM_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of PROBLEM_CODES) {
      expect(c.code, c.code).toMatch(/^[a-z0-9]+\/[a-z0-9-]+$/);
      expect(c.description.length, c.code).toBeGreaterThan(10);
      expect(c.source.url, c.code).toMatch(/^https:\/\//);
      expect(c.docs, c.code).toBe(`${c.origin === 'rule' ? 'rules' : 'problems'}.md#${codeAnchor(c.code)}`);
    }
  });

  it('has no code the code base no longer reports (rules apart)', () => {
    const reported = reportedCodes();
    expect(PROBLEM_CODES.filter((c) => c.origin !== 'rule' && !reported.has(c.code)).map((c) => c.code)).toEqual([]);
  });

  it('links every code to its section of the generated docs', () => {
    const pages = { 'rules.md': readFileSync(join(ROOT, 'docs/rules.md'), 'utf8'), 'problems.md': readFileSync(join(ROOT, 'docs/problems.md'), 'utf8') };
    for (const c of PROBLEM_CODES) {
      const [page, anchor] = c.docs.split('#') as [keyof typeof pages, string];
      expect(pages[page], c.code).toContain(`<a id="${anchor}"></a>`);
      expect(docsUrl(c.code)).toBe(`https://github.com/archflow/archflow/blob/main/docs/${c.docs}`);
    }
    expect(docsUrl('nobody/knows')).toBeUndefined();
  });

  it('knows the codes of a file with every kind of problem', () => {
    const a = analyze('archflow: 1\nname: t\nname: u\nrouters: { q: { type: queue, to: nobody, colour: red } }\n');
    expect(a.problems.length).toBeGreaterThan(0);
    for (const p of a.problems) expect(PROBLEM_CODES_BY_CODE.has(p.code), p.code).toBe(true);
  });
});
