/**
 * `archflow simulate --handlers`, end to end, as a user runs it: `archflow generate`, the handlers
 * written (test/fixtures/simulate/handlers/<architecture>/, copied over the generated stubs), the
 * project type-checked and built, then the scenarios run against the built handlers — the examples'
 * shipped scenarios through the project's own `npm run simulate`, and handlers that throw or never end.
 * Needs the built CLI (`npm run build`) and npm (the project's dependencies, installed once per set).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { archflowAsync, CLI, ROOT } from '../helpers/cli';
import { linkInstall, runIn } from '../helpers/project-install';

const work = mkdtempSync(join(tmpdir(), 'archflow-simulate-handlers-'));

/** `archflow` on the PATH, as a user who installed it has it: the project's `simulate` script calls it. */
const bin = join(work, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'archflow'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };

/** Generates the project of an architecture, puts the test's handlers in, installs, type-checks and builds it. */
async function project(arch: string, handlers: string): Promise<string> {
  const out = join(work, handlers);
  const generated = await archflowAsync(['generate', arch, '--out', out]);
  expect(generated.stderr).toBe('');
  expect(generated.status).toBe(0);
  // The handlers the scenarios need written; the others stay the generated stubs.
  const dir = join(ROOT, 'test/fixtures/simulate/handlers', handlers);
  for (const f of existsSync(dir) ? readdirSync(dir) : []) copyFileSync(join(dir, f), join(out, 'src/handlers', f));
  await linkInstall(out);
  await runIn(out, 'npm', ['run', 'typecheck']);
  return out;
}

interface RunJson {
  scenario: string;
  passed: boolean;
  expectations: { expectation: string; ok: boolean; detail: string }[];
  nodes: { id: string; invocations: number; failed: number; timeouts: number; succeeded: number; deadLetters: number; deadLettered: number }[];
  timeline: { t: number; type: string; node: string; detail?: string }[];
}

describe('archflow simulate --handlers', () => {
  const shipped = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.scenario.yaml')).map((f) => f.replace(/\.scenario\.yaml$/, ''));

  for (const example of shipped) {
    it(`examples/${example}: the shipped scenarios hold with the project's built handlers (npm run simulate)`, async () => {
      const out = await project(`examples/${example}.arch.yaml`, example);
      const pkg = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
      expect(pkg.scripts.simulate).toMatch(new RegExp(`^npm run build && archflow simulate (\\.\\./)+\\S*examples/${example}\\.arch\\.yaml --handlers \\.$`));
      const text = await runIn(out, 'npm', ['run', 'simulate', '--', '--timeline', '0'], env);
      const scenarios = Object.keys((parse(readFileSync(join(ROOT, `examples/${example}.scenario.yaml`), 'utf8')) as { scenarios: object }).scenarios).length;
      expect(text).toMatch(/built \d+ functions? into dist\//);
      expect(text).not.toContain('✗');
      expect(text.match(/^All \d+ expectations? hold\.$/gm)).toHaveLength(scenarios);
      if (scenarios > 1) expect(text).toContain(`${scenarios} scenarios run: every expectation holds.`);
    }, 600_000);
  }

  it('a handler that throws or hangs fails its invocation, its messages dead-lettered after maxReceiveCount receives; its batchItemFailures are honoured as Lambda does', async () => {
    const out = await project('test/fixtures/simulate/jobs.arch.yaml', 'jobs');
    await runIn(out, 'npm', ['run', 'build']);
    const r = await archflowAsync(['simulate', 'test/fixtures/simulate/jobs.scenario.yaml', '--handlers', out, '--format', 'json', '--timeline', 'all'], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [poison, stuck, partial, bogus] = JSON.parse(r.stdout) as RunJson[];
    expect(poison!.scenario).toBe('poison');
    expect(poison!.passed).toBe(true);
    const work = poison!.nodes.find((n) => n.id === 'work')!;
    // 4 good jobs once, 2 poison jobs 3 times each (maxReceiveCount 3), then moved on the 4th receive.
    expect({ invocations: work.invocations, failed: work.failed, succeeded: work.succeeded }).toEqual({ invocations: 10, failed: 6, succeeded: 4 });
    expect(poison!.nodes.find((n) => n.id === 'jobs-dlq')!.deadLetters).toBe(2);
    const fails = poison!.timeline.filter((e) => e.type === 'fail').map((e) => `${e.t} ${e.detail}`);
    expect(fails).toEqual([
      '100 error: cannot do poison job bad-0', '1100 error: cannot do poison job bad-1',
      '30100 error: cannot do poison job bad-0', '31100 error: cannot do poison job bad-1',
      '60100 error: cannot do poison job bad-0', '61100 error: cannot do poison job bad-1',
    ]);
    expect(poison!.timeline.filter((e) => e.type === 'dead-letter').map((e) => `${e.t} ${e.node} ${e.detail}`)).toEqual([
      '90000 jobs received 3 times (maxReceiveCount 3)', '91000 jobs received 3 times (maxReceiveCount 3)',
    ]);

    // A handler that spins forever is stopped at its function's timeout (1 s) on each receive, then dead-lettered; the other job is done.
    expect(stuck!.scenario).toBe('stuck');
    expect(stuck!.passed).toBe(true);
    expect(stuck!.nodes.find((n) => n.id === 'stuck')).toMatchObject({ invocations: 3, timeouts: 2, succeeded: 1 });
    expect(stuck!.timeline.filter((e) => e.type === 'timeout').map((e) => `${e.t} ${e.detail}`)).toEqual(['1000 after 1 s', '11000 after 1 s']);
    expect(stuck!.nodes.find((n) => n.id === 'slow-dlq')!.deadLetters).toBe(1);

    // batchItemFailures: only the reported record comes back; an identifier that is no record's fails the whole batch.
    expect([partial!.scenario, partial!.passed, bogus!.scenario, bogus!.passed]).toEqual(['partial', true, 'bogus', true]);
    expect(partial!.timeline.filter((e) => e.type === 'fail').map((e) => `${e.t} ${e.detail}`)).toEqual(['5100 1 of 3 records reported failed', '40100 1 of 1 records reported failed']);
    expect(bogus!.timeline.filter((e) => e.type === 'fail').map((e) => `${e.t} ${e.detail}`)).toEqual([
      '5100 error: batchItemFailures names \'not-a-message-id\', not a record of the batch: Lambda fails the whole batch',
      '40100 error: batchItemFailures names \'not-a-message-id\', not a record of the batch: Lambda fails the whole batch',
    ]);
    expect(bogus!.nodes.find((n) => n.id === 'reports-dlq')!.deadLetters).toBe(3);
  }, 600_000);

  it('refuses a folder that is not a generated project, and a project that is not built', async () => {
    const none = await archflowAsync(['simulate', 'test/fixtures/simulate/jobs.scenario.yaml', '--handlers', work]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(`archflow simulate: --handlers: ${work} is not a generated project: it has no .archflow/manifest.json (archflow generate <file> --out ${work})\n`);
    const out = join(work, 'unbuilt');
    expect((await archflowAsync(['generate', 'test/fixtures/simulate/jobs.arch.yaml', '--out', out])).status).toBe(0);
    const unbuilt = await archflowAsync(['simulate', 'test/fixtures/simulate/jobs.scenario.yaml', '--handlers', out]);
    expect(unbuilt.status).toBe(2);
    expect(unbuilt.stderr).toBe(`archflow simulate: --handlers: functions 'work', 'stuck', 'report' are not built: run \`npm run build\` in ${out}\n`);
  }, 120_000);
});
