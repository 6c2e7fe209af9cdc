import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archflow } from '../helpers/cli';

const BROKEN = 'examples/broken/references.arch.yaml';

describe('archflow lint', () => {
  it('exits 0 on the examples', () => {
    const r = archflow(['lint', 'examples/*.arch.yaml']);
    expect(r.stderr).toMatch(/^5 files checked: 0 errors, 0 warnings, 0 info/m);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('prints problems like a compiler (file:line:col severity code message) and exits 1 on errors', () => {
    const r = archflow(['lint', BROKEN]);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`${BROKEN}:21:9 error ref/unknown Unknown name 'wroker': no function of that name is declared. Did you mean 'worker'?`);
  });

  it('--format json prints 1-based positions', () => {
    const r = archflow(['lint', BROKEN, '--format', 'json']);
    expect(r.status).toBe(1);
    const problems = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(problems[0]).toEqual({
      file: BROKEN, code: 'ref/unknown', severity: 'error',
      message: "Unknown name 'wroker': no function of that name is declared. Did you mean 'worker'?",
      line: 21, column: 9, endLine: 21, endColumn: 15,
    });
    expect(problems.map((p) => Object.keys(p).sort().join(','))).toEqual(problems.map(() => 'code,column,endColumn,endLine,file,line,message,severity'));
  });

  it('--format sarif prints SARIF 2.1.0 with rules and regions', () => {
    const r = archflow(['lint', BROKEN, '--format', 'sarif']);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('archflow');
    expect(run.results).toHaveLength(6);
    expect(run.results[0]).toMatchObject({
      ruleId: 'ref/unknown', level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: BROKEN }, region: { startLine: 21, startColumn: 9, endLine: 21, endColumn: 15 } } }],
    });
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
  });

  it('exits 1 when any file has an error, even if others are clean', () => {
    const r = archflow(['lint', 'examples/orders.arch.yaml', BROKEN, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(new Set((JSON.parse(r.stdout) as { file: string }[]).map((p) => p.file))).toEqual(new Set([BROKEN]));
  });

  it('warnings alone exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-'));
    const file = join(dir, 'w.arch.yaml');
    writeFileSync(file, 'archflow: 1\nname: w\nrouters:\n  jobs:\n    type: queue\n    visibilityTimeout: 30\n    to: worker\nconsumers:\n  worker: { timeout: 10 }\n');
    const r = archflow(['lint', file, '--format', 'json', '--rule', 'sqs/visibility-timeout=warning']);
    const problems = JSON.parse(r.stdout) as { severity: string; code: string }[];
    expect(problems.some((p) => p.code === 'sqs/visibility-timeout' && p.severity === 'warning')).toBe(true);
    expect(problems.some((p) => p.severity === 'error')).toBe(false);
    expect(r.status).toBe(0);
  });

  it('a rule turned off on the command line is not reported', () => {
    const r = archflow(['lint', 'examples/broken/syntax.arch.yaml', '--rule', 'sqs/visibility-timeout=off', '--format', 'json']);
    expect((JSON.parse(r.stdout) as { code: string }[]).map((p) => p.code)).toEqual(['yaml/duplicate-key', 'yaml/syntax']);
  });

  it('lints every architecture file in a folder', () => {
    const r = archflow(['lint', 'examples/broken', '--format', 'json']);
    // Every file of the folder has problems: each is named.
    const named = new Set((JSON.parse(r.stdout) as { file: string }[]).map((p) => p.file.split('/').pop()));
    expect([...named].sort()).toEqual(readdirSync(resolve(__dirname, '../../examples/broken')).filter((f) => f.endsWith('.arch.yaml')).sort());
  });

  const usage: [string, string[], RegExp][] = [
    ['no files', ['lint'], /name at least one file/],
    ['an unknown format', ['lint', BROKEN, '--format', 'xml'], /--format must be text, json or sarif/],
    ['an unknown flag', ['lint', BROKEN, '--colour'], /^archflow lint: unknown option '--colour'$/m],
    ['a bad --rule', ['lint', BROKEN, '--rule', 'nope'], /--rule expects CODE=off\|error\|warning\|info/],
    ['an unknown command', ['lnt'], /unknown command 'lnt'/],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 on bad usage: ${name}`, () => {
      const r = archflow(args);
      expect(r.stderr).toMatch(message);
      expect(r.status).toBe(2);
    });
  }

  it('exits 2 on a missing file, and still reports the readable ones', () => {
    const r = archflow(['lint', 'does-not-exist.arch.yaml', BROKEN, '--format', 'json']);
    expect(r.stderr).toMatch(/does-not-exist\.arch\.yaml: no such file/);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(6);
    expect(r.status).toBe(2);
  });

  it('prints help and a version', () => {
    expect(archflow(['--help']).stdout).toMatch(/lint\s+Check architecture files/);
    expect(archflow(['lint', '--help']).stdout).toMatch(/^Usage: archflow lint/m);
    expect(archflow(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
