/**
 * Import → generate → cfn-lint for every template of the serverless-patterns corpus, with the built
 * CLI (`npm run build` first): `archflow import <template> -o x.arch.yaml`, `archflow generate
 * x.arch.yaml --force`, then cfn-lint on every generated template.json (errors fail; warnings,
 * such as a deprecated runtime the template chose, do not). cfn-lint must be installed: without it
 * the test fails.
 *
 * `--force`: generate refuses files with errors, and imported designs may have real ones
 * (sfn-log-export schedules `cron(5, 0, 1, *, ?, *)`, which EventBridge rejects).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli';
import { cfnLint, type CfnLintFinding } from '../helpers/codegen';

const run = promisify(execFile);
const corpus = resolve(ROOT, '../shared/corpus/serverless-patterns/public');
const patterns = readdirSync(corpus).sort();
const work = mkdtempSync(join(tmpdir(), 'archflow-import-generate-'));

/** Runs tasks with at most `n` at a time. */
async function pool<T>(items: readonly T[], n: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  }));
}

const failures = new Map<string, string>();
let findings: CfnLintFinding[] = [];

describe('import → generate → cfn-lint (serverless-patterns corpus)', () => {
  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the CLI tests`);
    await pool(patterns, 6, async (pattern) => {
      const arch = join(work, `${pattern}.arch.yaml`);
      try {
        await run(process.execPath, [CLI, 'import', join(corpus, pattern, 'template.yaml'), '-o', arch]);
        await run(process.execPath, [CLI, 'generate', arch, '--out', join(work, pattern), '--force']);
      } catch (err) {
        const e = err as { stderr?: string; message: string };
        failures.set(pattern, e.stderr || e.message);
      }
    });
    const templates = patterns.map((p) => join(work, p, 'template.json')).filter((f) => existsSync(f));
    findings = cfnLint(templates);
  }, 300_000);

  it('covers the 42 templates', () => {
    expect(patterns).toHaveLength(42);
  });

  for (const pattern of patterns) {
    it(`${pattern}: imports, generates, and cfn-lint finds no error`, () => {
      expect(failures.get(pattern)).toBeUndefined();
      const template = join(work, pattern, 'template.json');
      expect(existsSync(template)).toBe(true);
      const errors = findings.filter((f) => resolve(f.Filename) === resolve(template) && f.Level === 'Error');
      expect(errors.map((f) => `${f.Rule.Id} line ${f.Location.Start.LineNumber}: ${f.Message}`)).toEqual([]);
    });
  }
});
