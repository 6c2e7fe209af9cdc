import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/core/index';
import { PROBLEMS_DOC_PATH, RULES_DOC_PATH, renderProblemsDoc, renderRulesDoc, ruleAnchor } from '../../scripts/gen-rules-doc';

const ROOT = join(__dirname, '../..');

describe('docs/rules.md', () => {
  it('is up to date with the rule registry (run `npm run docs:rules`)', () => {
    expect(existsSync(RULES_DOC_PATH), 'docs/rules.md is missing: run `npm run docs:rules`').toBe(true);
    expect(readFileSync(RULES_DOC_PATH, 'utf8')).toBe(renderRulesDoc());
  });

  it('has the anchor the editor links each code to', () => {
    const doc = renderRulesDoc();
    for (const rule of RULES) expect(doc).toContain(`<a id="${ruleAnchor(rule.code)}"></a>\n\n### \`${rule.code}\``);
    expect(ruleAnchor('sqs/visibility-timeout')).toBe('sqsvisibilitytimeout');
  });

  it('shows what a rule says about itself', () => {
    const doc = renderRulesDoc([{
      code: 'demo/thing', severity: 'info', description: 'What | it checks.', why: 'Why it matters.',
      source: { title: 'A page', url: 'https://example.com/page' }, fix: 'Sets it.', check: () => undefined,
    }]);
    expect(doc).toContain('| [`demo/thing`](#demothing) | info | yes | What \\| it checks. |');
    expect(doc).toContain('### `demo/thing`\n\n**Severity:** info · **Quick fix:** yes\n\nWhat | it checks.\n\n**Why:** Why it matters.\n\n**Source:** [A page](https://example.com/page)\n\n**Quick fix:** Sets it.');
  });
});

describe('docs/problems.md', () => {
  it('is up to date with the problem-code registry (run `npm run docs:rules`)', () => {
    expect(existsSync(PROBLEMS_DOC_PATH), 'docs/problems.md is missing: run `npm run docs:rules`').toBe(true);
    expect(readFileSync(PROBLEMS_DOC_PATH, 'utf8')).toBe(renderProblemsDoc());
  });
});

describe('the rule registry', () => {
  it('has unique codes of the form <service>/<name>', () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+\/[a-z0-9-]+$/);
  });

  it('names each rule module and test table after its code', () => {
    for (const { code } of RULES) {
      const file = code.replace('/', '-');
      expect(existsSync(join(ROOT, 'server/src/core/rules', `${file}.ts`)), `rules/${file}.ts`).toBe(true);
      expect(existsSync(join(ROOT, 'test/unit/rules', `${file}.test.ts`)), `test/unit/rules/${file}.test.ts`).toBe(true);
    }
  });

  it('gives every rule a description, a reason and an https source', () => {
    for (const rule of RULES) {
      expect(rule.description.length, rule.code).toBeGreaterThan(10);
      expect(rule.why.length, rule.code).toBeGreaterThan(10);
      expect(rule.source.url, rule.code).toMatch(/^https:\/\//);
    }
  });
});
