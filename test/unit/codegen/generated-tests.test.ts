/**
 * The tests Archflow writes into a generated project have teeth: they pass with the handlers it
 * writes, and fail for an API handler that answers nothing, answers 404 or throws, and for a queue
 * consumer that reports a failed batch item. Runs the project's own `npm test` (node:test through
 * tsx) in a temporary folder whose node_modules is this repository's (it has tsx and the Lambda types).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateText, ROOT } from '../../helpers/codegen';

// No function sends anything: the project needs no AWS SDK client, only what this repository has.
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
consumers:
  reader: {}
  placer: {}
  worker: {}
  hooked: { url: { auth: iam } }
`;

const project = generateText(ARCH);
const dir = mkdtempSync(join(tmpdir(), 'archflow-teeth-'));
for (const [path, content] of project.files) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}
symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
const stubs = new Map([...project.files].filter(([path]) => path.startsWith('src/handlers/')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the project's `npm test` with some handlers replaced; the written ones otherwise. Asynchronous:
 * a blocked worker would miss vitest's own calls while the project's tests run.
 */
async function npmTest(handlers: Record<string, string> = {}): Promise<{ status: number | null; output: string }> {
  for (const [path, content] of stubs) writeFileSync(join(dir, path), content);
  for (const [fn, code] of Object.entries(handlers)) writeFileSync(join(dir, `src/handlers/${fn}.ts`), code);
  return new Promise((done, fail) => {
    const child = spawn('npm', ['test'], { cwd: dir, timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('close', (status) => done({ status, output }));
  });
}

/** The names of the failed tests in node:test's output. */
const failed = (output: string): string[] => [...output.matchAll(/^not ok \d+ - (.*)$/gm)].map((m) => m[1]!).sort();

describe("the generated project's own tests", () => {
  it('are one per function, a case per trigger', () => {
    expect([...project.files.keys()].filter((p) => p.startsWith('src/generated/tests/')).sort()).toEqual([
      'src/generated/tests/hooked.test.ts', 'src/generated/tests/placer.test.ts', 'src/generated/tests/reader.test.ts', 'src/generated/tests/worker.test.ts',
    ]);
  });

  it('pass with the handlers Archflow writes', async () => {
    const r = await npmTest();
    expect(failed(r.output), r.output).toEqual([]);
    expect(r.output).toMatch(/^# pass 4$/m);
    expect(r.status).toBe(0);
  }, 120_000);

  it('fail for an API handler that answers nothing, and for one that answers 404', async () => {
    const nothing = await npmTest({ reader: 'export const handler = async (): Promise<void> => {};\n' });
    expect(failed(nothing.output)).toEqual(["reader handles a sample from route 'GET /orders' of HTTP API 'api'"]);
    expect(nothing.output).toContain('the handler answered nothing: the caller needs a response to its request');
    expect(nothing.status).not.toBe(0);
    const notFound = await npmTest({ reader: "export const handler = async () => ({ statusCode: 404, body: 'not found' });\n" });
    expect(failed(notFound.output)).toEqual(["reader handles a sample from route 'GET /orders' of HTTP API 'api'"]);
    expect(notFound.output).toContain('status 404: the route expects a 2xx answer');
    expect(notFound.status).not.toBe(0);
  }, 120_000);

  it('fail for a function URL handler that answers a 3xx', async () => {
    const r = await npmTest({ hooked: "export const handler = async () => ({ statusCode: 302, headers: { location: '/' } });\n" });
    expect(failed(r.output)).toEqual(['hooked handles a sample from its function URL']);
    expect(r.status).not.toBe(0);
  }, 120_000);

  it('fail for a handler that throws', async () => {
    const r = await npmTest({ placer: "export const handler = async (): Promise<never> => { throw new Error('boom'); };\n" });
    expect(failed(r.output)).toEqual(["placer handles a sample from route 'POST /orders' of HTTP API 'api'"]);
    expect(r.output).toContain('boom');
    expect(r.status).not.toBe(0);
  }, 120_000);

  it('fail for a queue consumer that reports a failed batch item', async () => {
    const r = await npmTest({ worker: "export const handler = async () => ({ batchItemFailures: [{ itemIdentifier: 'x' }] });\n" });
    expect(failed(r.output)).toEqual(["worker handles a sample from queue 'jobs'"]);
    expect(r.status).not.toBe(0);
  }, 120_000);
});
