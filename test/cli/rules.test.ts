import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, RULES } from '../../server/src/core/index';
import { archflow } from '../helpers/cli';

describe('archflow rules', () => {
  it('--format json prints [{code, severity, description, source, docs, origin}] for every code, every rule among them', () => {
    const r = archflow(['rules', '--format', 'json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.map((x) => x.code)).toEqual(PROBLEM_CODES.map((x) => x.code));
    expect(list.filter((x) => x.origin === 'rule').map((x) => x.code)).toEqual(RULES.map((x) => x.code));
    for (const x of list) expect(Object.keys(x).sort()).toEqual(['code', 'description', 'docs', 'origin', 'severity', 'source']);
    expect(list.find((x) => x.code === 'lambda/memory-range')).toEqual({
      code: 'lambda/memory-range', severity: 'error', description: "A function's `memory` is within 128–10,240 MB.",
      source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
      docs: 'https://github.com/archflow/archflow/blob/main/docs/rules.md#lambdamemoryrange', origin: 'rule',
    });
    expect(list.find((x) => x.code === 'yaml/duplicate-key')).toEqual({
      code: 'yaml/duplicate-key', severity: 'error', description: 'A key appears twice in one map: YAML requires unique keys.',
      source: 'https://yaml.org/spec/1.2.2/', docs: 'https://github.com/archflow/archflow/blob/main/docs/problems.md#yamlduplicatekey', origin: 'format',
    });
    for (const family of ['file', 'yaml', 'schema', 'ref', 'name', 'codegen', 'deploy', 'import', 'internal']) {
      expect(list.some((x) => String(x.code).startsWith(`${family}/`)), family).toBe(true);
    }
  });

  it('prints a line per code as text', () => {
    const r = archflow(['rules']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(PROBLEM_CODES.length);
    expect(lines.find((l) => l.startsWith('sqs/dead-letter-queue '))).toMatch(/^sqs\/dead-letter-queue +warning +A queue consumed by a function has a dead-letter queue/);
    expect(lines.find((l) => l.startsWith('codegen/reserved-name '))).toMatch(/^codegen\/reserved-name +error +A function named like a shared module/);
    expect(r.stderr).toContain(`${PROBLEM_CODES.length} codes, ${RULES.length} of them lint rules.`);
  });

  it('rejects an unknown format', () => {
    const r = archflow(['rules', '--format', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format must be text or json');
  });
});

describe('archflow lint --limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archflow-limit-'));
  const file = join(dir, 'reserved.arch.yaml');
  writeFileSync(file, 'archflow: 1\nname: t\nconsumers:\n  a: { reservedConcurrency: 950 }\n');

  it('checks reserved concurrency against the default account concurrency', () => {
    const r = archflow(['lint', file, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).map((p: { code: string }) => p.code)).toContain('lambda/reserved-concurrency');
  });

  it('raises an adjustable quota', () => {
    const r = archflow(['lint', file, '--format', 'json', '--limit', 'accountConcurrency=3000']);
    expect(JSON.parse(r.stdout).map((p: { code: string }) => p.code)).not.toContain('lambda/reserved-concurrency');
    expect(r.status).toBe(0);
  });

  it('refuses quotas that are not adjustable and values that are not positive whole numbers', () => {
    const fixed = archflow(['lint', file, '--limit', 'lambdaMemoryMax=20000']);
    expect(fixed.status).toBe(2);
    expect(fixed.stderr).toContain("'lambdaMemoryMax' is not an adjustable quota");
    const bad = archflow(['lint', file, '--limit', 'accountConcurrency=lots']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--limit accountConcurrency expects a positive whole number, got 'lots'");
    const fraction = archflow(['lint', file, '--limit', 'snsFilterPoliciesPerTopic=2.5']);
    expect(fraction.status).toBe(2);
    expect(fraction.stderr).toContain("--limit snsFilterPoliciesPerTopic expects a positive whole number, got '2.5'");
  });
});
