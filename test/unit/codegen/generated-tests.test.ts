/**
 * The tests Archflow writes into a generated project have teeth: they pass with the handler stubs it
 * writes, and fail for a handler that does nothing, answers 404, throws, or never sends what the
 * architecture says it sends. Runs the project's own `npm test` (node:test through tsx) in a
 * temporary folder whose node_modules is this repository's (it has tsx and the SDK clients used).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateText, ROOT } from '../../helpers/codegen';

const ARCH = `archflow: 1
name: teeth
events:
  OrderPlaced:
    source: shop
    schema: { type: object, required: [orderId], properties: { orderId: { type: string } } }
producers:
  api:
    type: http-api
    routes:
      GET /orders: reader
      POST /orders: { function: placer, event: OrderPlaced }
routers:
  jobs: { type: queue, visibilityTimeout: 60, to: { function: worker, reportFailures: true } }
  news: { type: topic }
  bus: { type: event-bus }
consumers:
  reader: {}
  placer: { emits: [{ to: jobs, event: OrderPlaced }] }
  worker: { emits: [news, { to: bus, event: OrderPlaced }] }
`;

const project = generateText(ARCH);
const dir = mkdtempSync(join(tmpdir(), 'archflow-teeth-'));
for (const [path, content] of project.files) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}
symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
const stubs = new Map([...project.files].filter(([path]) => path.startsWith('src/handlers/')));

/** Runs the project's `npm test` with some handlers replaced; the stubs otherwise. */
function npmTest(handlers: Record<string, string> = {}): { status: number | null; output: string } {
  for (const [path, content] of stubs) writeFileSync(join(dir, path), content);
  for (const [fn, code] of Object.entries(handlers)) writeFileSync(join(dir, `src/handlers/${fn}.ts`), code);
  const r = spawnSync('npm', ['test'], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.error) throw r.error;
  return { status: r.status, output: r.stdout + r.stderr };
}

/** The names of the failed tests in node:test's output. */
const failed = (output: string): string[] => [...output.matchAll(/^not ok \d+ - (.*)$/gm)].map((m) => m[1]!).sort();

describe("the generated project's own tests", () => {
  it('the generated tests: each handler on its samples, and what each emitting function sends', () => {
    expect([...project.files.keys()].filter((p) => p.startsWith('src/generated/tests/'))).toEqual([
      'src/generated/tests/placer.test.ts', 'src/generated/tests/reader.test.ts', 'src/generated/tests/worker.test.ts',
    ]);
    expect(project.files.get('src/generated/tests/worker.test.ts')).toContain(`test("worker sends to topic 'news', event bus 'bus', as the architecture says"`);
  });

  it('pass with the handlers Archflow writes, which type-check strictly with them', () => {
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', dir], { encoding: 'utf8', timeout: 120_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const r = npmTest();
    expect(failed(r.output), r.output).toEqual([]);
    expect(r.output).toMatch(/^# pass 5$/m);
    expect(r.status).toBe(0);
  }, 120_000);

  it('fail for an API handler that answers nothing, and for one that answers 404', () => {
    const nothing = npmTest({ reader: 'export const handler = async (): Promise<void> => {};\n' });
    expect(failed(nothing.output)).toEqual(["reader handles a sample from route 'GET /orders' of HTTP API 'api'"]);
    expect(nothing.output).toContain('the handler answered nothing: API Gateway needs a response to the request');
    expect(nothing.status).not.toBe(0);
    const notFound = npmTest({ reader: "export const handler = async () => ({ statusCode: 404, body: 'not found' });\n" });
    expect(failed(notFound.output)).toEqual(["reader handles a sample from route 'GET /orders' of HTTP API 'api'"]);
    expect(notFound.output).toContain('status 404: the route expects a 2xx answer');
    expect(notFound.status).not.toBe(0);
  }, 120_000);

  it('fail for a handler that throws', () => {
    const r = npmTest({ placer: "export const handler = async (): Promise<never> => { throw new Error('boom'); };\n" });
    expect(failed(r.output)).toEqual(["placer handles a sample from route 'POST /orders' of HTTP API 'api'", "placer sends to queue 'jobs', as the architecture says"]);
    expect(r.status).not.toBe(0);
  }, 120_000);

  it('fail for a handler that does nothing when the architecture says it sends', () => {
    const r = npmTest({ worker: 'export const handler = async () => ({ batchItemFailures: [] });\n' });
    expect(failed(r.output)).toEqual(["worker sends to topic 'news', event bus 'bus', as the architecture says"]);
    expect(r.output).toContain("'worker' sent nothing to topic 'news', which the architecture says it sends to");
    expect(r.status).not.toBe(0);
  }, 120_000);

  it('fail for a handler that reports a failed batch item', () => {
    const r = npmTest({ worker: "export const handler = async () => ({ batchItemFailures: [{ itemIdentifier: 'x' }] });\n" });
    expect(failed(r.output)).toContain("worker handles a sample from queue 'jobs'");
    expect(r.status).not.toBe(0);
  }, 120_000);
});
