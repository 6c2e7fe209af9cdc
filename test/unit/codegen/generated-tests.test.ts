/**
 * The tests Archflow writes into a generated project have teeth: they pass with the handlers it
 * writes, and fail for an API handler that answers nothing, answers 404 or throws, for a queue
 * consumer that reports a failed batch item, and for a function that does not send what the
 * architecture says it sends (nothing, the wrong target, the wrong detail-type). Runs the project's own `npm test` (node:test through
 * tsx) in a temporary folder whose node_modules is this repository's (it has tsx and the Lambda types).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateText, ROOT } from '../../helpers/codegen';

// 'placer' sends to a bus and a queue: the project needs the EventBridge and SQS clients, which this
// repository has (its deploy code uses them); the tests send nothing to AWS (a recording transport).
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
  orders: { type: event-bus }
  audit: { type: queue, to: auditor }
consumers:
  reader: {}
  placer: { emits: [{ to: orders, event: OrderPlaced }, audit] }
  worker: {}
  auditor: {}
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
const failed = (output: string): string[] => [...output.matchAll(/^not ok \d+ - (.*)$/gm)].map((m) => m[1]!).filter((t) => !t.includes(' # TODO ')).sort();
/** The names of the TODO tests, with their reasons. */
const todo = (output: string): string[] => [...output.matchAll(/^(?:not )?ok \d+ - (.* # TODO .*)$/gm)].map((m) => m[1]!).sort();

describe("the generated project's own tests", () => {
  it('are one per function, a case per trigger', () => {
    expect([...project.files.keys()].filter((p) => p.startsWith('src/generated/tests/')).sort()).toEqual([
      'src/generated/tests/auditor.test.ts', 'src/generated/tests/hooked.test.ts', 'src/generated/tests/placer.test.ts', 'src/generated/tests/reader.test.ts', 'src/generated/tests/worker.test.ts',
    ]);
  });

  it("pass with the handlers Archflow writes, listing a scaffold's declared emits as TODO with what to do", async () => {
    const r = await npmTest();
    expect(failed(r.output), r.output).toEqual([]);
    expect(r.output).toMatch(/^# pass 5$/m);
    expect(r.output).toMatch(/^# todo 2$/m);
    expect(todo(r.output)).toEqual([
      "placer sends OrderPlaced to event bus 'orders' # TODO src/handlers/placer.ts does not send it yet: call putOrderPlacedToOrders(…) there, then delete its `export const scaffold` line",
      "placer sends a message to queue 'audit' # TODO src/handlers/placer.ts does not send it yet: call sendToAudit(…) there, then delete its `export const scaffold` line",
    ]);
    expect(r.output).toContain("the handler never sent OrderPlaced to event bus 'orders' (putEvent to 'orders', source 'shop', detailType 'OrderPlaced') while handling its samples; it sent nothing");
    expect(r.status).toBe(0);
  }, 120_000);

  const placer = (sends: string): string => `import { type PlacerHandler } from '../generated/placer';
import { putEvent, sendMessage } from '../generated/runtime';
import { putOrderPlacedToOrders, sendToAudit } from '../generated/placer';
export const handler: PlacerHandler = async () => {
${sends}
  return { statusCode: 201, body: '{}' };
};
`;

  it('pass for a handler that sends every declared emit (through the generated helpers)', async () => {
    const r = await npmTest({ placer: placer("  await putOrderPlacedToOrders({ orderId: 'o-1' });\n  await sendToAudit({ orderId: 'o-1' });\n  void putEvent; void sendMessage;") });
    expect(failed(r.output), r.output).toEqual([]);
    expect(r.output).toMatch(/^# pass 7$/m);
    expect(r.output).toMatch(/^# todo 0$/m);
    expect(r.status).toBe(0);
  }, 120_000);

  it('fail for an emitting handler that sends nothing', async () => {
    const r = await npmTest({ placer: placer('  void putEvent; void sendMessage; void putOrderPlacedToOrders; void sendToAudit;') });
    expect(failed(r.output)).toEqual(["placer sends OrderPlaced to event bus 'orders'", "placer sends a message to queue 'audit'"]);
    expect(r.output).toContain("the handler never sent a message to queue 'audit' (sendMessage to 'audit') while handling its samples; it sent nothing");
    expect(r.status).not.toBe(0);
  }, 120_000);

  it('fail for an emitting handler that sends to the wrong target or with the wrong detail-type', async () => {
    const r = await npmTest({
      placer: placer("  await putEvent('ORDERS_BUS_NAME', 'shop', 'OrderCreated', { orderId: 'o-1' });\n  await sendMessage('ORDERS_BUS_NAME', { orderId: 'o-1' });\n  void putOrderPlacedToOrders; void sendToAudit;"),
    });
    expect(failed(r.output)).toEqual(["placer sends OrderPlaced to event bus 'orders'", "placer sends a message to queue 'audit'"]);
    const sent = "it sent putEvent to 'orders' (source 'shop', detail-type 'OrderCreated'), sendMessage to 'orders'";
    expect(r.output).toContain(`the handler never sent OrderPlaced to event bus 'orders' (putEvent to 'orders', source 'shop', detailType 'OrderPlaced') while handling its samples; ${sent}`);
    expect(r.output).toContain(`the handler never sent a message to queue 'audit' (sendMessage to 'audit') while handling its samples; ${sent}`);
    expect(r.status).not.toBe(0);
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
    // Its emit checks run it too: they fail with the same error.
    expect(failed(r.output)).toEqual([
      "placer handles a sample from route 'POST /orders' of HTTP API 'api'", "placer sends OrderPlaced to event bus 'orders'", "placer sends a message to queue 'audit'",
    ]);
    expect(r.output).toContain('boom');
    expect(r.status).not.toBe(0);
  }, 120_000);

  it('fail for a queue consumer that reports a failed batch item', async () => {
    const r = await npmTest({ worker: "export const handler = async () => ({ batchItemFailures: [{ itemIdentifier: 'x' }] });\n" });
    expect(failed(r.output)).toEqual(["worker handles a sample from queue 'jobs'"]);
    expect(r.status).not.toBe(0);
  }, 120_000);
});
