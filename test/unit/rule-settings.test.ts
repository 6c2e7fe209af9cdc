import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADJUSTABLE_LIMITS, analyze, DEFAULT_LIMITS, type AnalyzeOptions } from '../../server/src/core/index';

const TODAY = new Date('2026-11-28T00:00:00Z');

/** Two problems of two rules: memory above the maximum (error) and a deprecated runtime (warning). */
const TEXT = `archflow: 1
name: t
consumers:
  worker:
    memory: 20000
    runtime: nodejs20.x
`;

/** The rules these tests use (others, such as graph rules about untriggered functions, are left out). */
const ONLY = ['lambda/memory-range', 'lambda/runtime-lifecycle', 'lambda/reserved-concurrency'];

const problems = (text: string, options: AnalyzeOptions = {}): string[] =>
  analyze(text, { today: TODAY, only: ONLY, ...options }).problems.map((p) => `${text.slice(0, p.span.start).split('\n').length} ${p.severity} ${p.code}`);

describe('rule settings', () => {
  it('default severities', () => {
    expect(problems(TEXT)).toEqual(['5 error lambda/memory-range', '6 warning lambda/runtime-lifecycle']);
  });

  it('a rule can be turned off', () => {
    expect(problems(TEXT, { rules: { 'lambda/memory-range': 'off' } })).toEqual(['6 warning lambda/runtime-lifecycle']);
  });

  it('a rule can get another severity, including one that reports with several', () => {
    expect(problems(TEXT, { rules: { 'lambda/memory-range': 'info', 'lambda/runtime-lifecycle': 'error' } }))
      .toEqual(['5 info lambda/memory-range', '6 error lambda/runtime-lifecycle']);
    const blocked = TEXT.replace('nodejs20.x', 'nodejs14.x');
    expect(problems(blocked)).toContain('6 error lambda/runtime-lifecycle');
    expect(problems(blocked, { rules: { 'lambda/runtime-lifecycle': 'warning' } })).toContain('6 warning lambda/runtime-lifecycle');
  });

  it('settings of unknown codes change nothing', () => {
    expect(problems(TEXT, { rules: { 'no/such-rule': 'off' } })).toEqual(['5 error lambda/memory-range', '6 warning lambda/runtime-lifecycle']);
  });
});

describe('# archflow-disable-next-line', () => {
  it('silences the named rule on the next line only', () => {
    const text = TEXT.replace('    memory: 20000\n', '    # archflow-disable-next-line lambda/memory-range\n    memory: 20000\n');
    expect(problems(text)).toEqual(['7 warning lambda/runtime-lifecycle']);
  });

  it('does not silence other rules on that line', () => {
    const text = TEXT.replace('    memory: 20000\n', '    # archflow-disable-next-line lambda/runtime-lifecycle\n    memory: 20000\n');
    expect(problems(text)).toEqual(['6 error lambda/memory-range', '7 warning lambda/runtime-lifecycle']);
  });

  it('takes several codes, separated by spaces or commas', () => {
    const text = `archflow: 1
name: t
consumers:
  # archflow-disable-next-line lambda/memory-range, lambda/runtime-lifecycle
  worker: { memory: 20000, runtime: nodejs20.x }
`;
    expect(problems(text)).toEqual([]);
  });

  it('without a code silences every rule on the next line', () => {
    const text = `archflow: 1
name: t
consumers:
  worker: { memory: 20000, runtime: nodejs20.x } # archflow-disable-next-line
  other: { memory: 20000, runtime: nodejs20.x }
  third: { memory: 20000 }
`;
    expect(problems(text)).toEqual(['4 error lambda/memory-range', '4 warning lambda/runtime-lifecycle', '6 error lambda/memory-range']);
  });
});

describe('limits', () => {
  const reserved = `archflow: 1
name: t
consumers:
  a: { reservedConcurrency: 950 }
`;
  it('the account concurrency defaults to 1,000', () => {
    expect(DEFAULT_LIMITS.accountConcurrency).toBe(1000);
    expect(problems(reserved)).toEqual(['4 error lambda/reserved-concurrency']);
  });
  it('an adjustable quota can be raised', () => {
    expect(problems(reserved, { limits: { accountConcurrency: 3000 } })).toEqual([]);
    expect(analyze(reserved, { today: TODAY, only: ONLY, limits: { accountConcurrency: 1020 } }).problems[0]?.message)
      .toBe("The reserved concurrency of function 'a' is 950; an account concurrency of 1,020 must keep 100 unreserved, so at most 920 can be reserved.");
  });
});

describe('VS Code settings (package.json contributes.configuration)', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { type: string; default: unknown; markdownDescription?: string; additionalProperties?: { enum?: string[] } }> } };
  };
  const properties = pkg.contributes.configuration.properties;

  it('archflow.rules maps codes to off, error, warning or info', () => {
    const rules = properties['archflow.rules']!;
    expect(rules.type).toBe('object');
    expect(rules.default).toEqual({});
    expect(rules.additionalProperties?.enum).toEqual(['off', 'error', 'warning', 'info']);
    expect(rules.markdownDescription).toContain('archflow-disable-next-line');
  });

  it('every adjustable quota has a setting with the AWS default', () => {
    for (const key of ADJUSTABLE_LIMITS) {
      const setting = properties[`archflow.limits.${key}`];
      expect(setting, key).toBeDefined();
      expect(setting!.default, key).toBe(DEFAULT_LIMITS[key]);
      expect(setting!.markdownDescription, key).toBeTruthy();
    }
    expect(Object.keys(properties).filter((k) => k.startsWith('archflow.limits.')).sort()).toEqual(ADJUSTABLE_LIMITS.map((k) => `archflow.limits.${k}`).sort());
  });
});
