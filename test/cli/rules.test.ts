import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/core/index';
import { archflow } from '../helpers/cli';

describe('archflow rules', () => {
  it('--format json prints [{code, severity, description, source}] for every rule', () => {
    const r = archflow(['rules', '--format', 'json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.map((x) => x.code)).toEqual(RULES.map((x) => x.code));
    for (const x of list) expect(Object.keys(x).sort()).toEqual(['code', 'description', 'severity', 'source']);
    expect(list.find((x) => x.code === 'lambda/memory-range')).toEqual({
      code: 'lambda/memory-range', severity: 'error', description: "A function's `memory` is within 128–10,240 MB.",
      source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    });
  });

  it('prints a line per rule as text', () => {
    const r = archflow(['rules']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(RULES.length);
    expect(lines.find((l) => l.startsWith('sqs/dead-letter-queue '))).toMatch(/^sqs\/dead-letter-queue +warning +A queue consumed by a function has a dead-letter queue/);
    expect(r.stderr).toContain(`${RULES.length} rules`);
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

  it('refuses quotas that are not adjustable and values that are not positive numbers', () => {
    const fixed = archflow(['lint', file, '--limit', 'lambdaMemoryMax=20000']);
    expect(fixed.status).toBe(2);
    expect(fixed.stderr).toContain("'lambdaMemoryMax' is not an adjustable quota");
    const bad = archflow(['lint', file, '--limit', 'accountConcurrency=lots']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--limit accountConcurrency expects a positive number, got 'lots'");
  });
});
