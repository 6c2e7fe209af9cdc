import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { LspClient } from '../helpers/lsp-client';
import { startMoto, type Moto } from '../helpers/moto';

let moto: Moto;
let work: string;
let client: LspClient;
const asked: string[] = [];
/** The answer to the next question about replacing files (`Replace`, or none). */
let replace: 'Replace' | null = null;
const states: Record<string, string>[] = [];

beforeAll(async () => {
  moto = await startMoto();
  work = mkdtempSync(join(tmpdir(), 'archflow-lsp-deploy-'));
  // The server deploys with the environment it was started with, as an editor would start it.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
  client = new LspClient();
  client.connection.onRequest('window/showMessageRequest', (p: { message: string; actions: { title: string }[] }) => {
    asked.push(p.message);
    return p.actions.find((a) => a.title === 'Deploy' || a.title === replace) ?? null;
  });
  client.connection.onNotification('arch/deployStatus', (p: { nodes: Record<string, string> }) => {
    states.push(p.nodes);
  });
  await client.initialize({ window: { workDoneProgress: true } });
  client.connection.onRequest('window/workDoneProgress/create', () => null);
});
afterAll(async () => {
  await client?.shutdown();
  await moto?.stop();
});

describe('deploy through the language server (any LSP client)', () => {
  /**
   * The analytics example, opened and deployed once (by whichever test needs it first), with the
   * question asked and the last node states of that deploy: the tests that use it leave it as it was.
   */
  let analytics: Promise<{ uri: string; outcome: { status: string; message: string; outputs?: Record<string, string> }; question?: string; last?: Record<string, string> }> | undefined;
  const deployedAnalytics = (): NonNullable<typeof analytics> => (analytics ??= (async () => {
    const file = join(work, 'analytics.arch.yaml');
    copyFileSync(resolve(ROOT, 'examples/analytics.arch.yaml'), file);
    const uri = pathToFileURL(file).href;
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, (await import('node:fs')).readFileSync(file, 'utf8'));
    await opened;
    const outcome = await client.request<{ status: string; message: string; outputs?: Record<string, string> }>('arch/deploy', { textDocument: { uri }, endpoint: moto.endpoint });
    return { uri, outcome, question: asked.at(-1), last: states.at(-1) };
  })());

  it('asks with the change summary, deploys, reports node states and returns the outputs', async () => {
    const { uri, outcome, question, last } = await deployedAnalytics();
    expect(outcome.message).toBe('Deployed analytics.');
    expect(outcome.status).toBe('deployed');
    expect(Object.keys(outcome.outputs ?? {})).toContain('AggregateFunctionName');
    expect(question).toMatch(/^Create stack analytics: \d+ to add, 0 to modify\. Deploy\?$/);
    expect(Object.values(last!).every((s) => s === 'done')).toBe(true);
    expect(Object.keys(last!).sort()).toEqual(['aggregate', 'clicks', 'failed-records', 'metrics', 'nightly', 'publishMetrics', 'refreshDashboard', 'rollup', 'tracker', 'updates']);

    const outputs = await client.request<{ outputs: Record<string, string> | null }>('arch/stackOutputs', { textDocument: { uri }, endpoint: moto.endpoint });
    expect(outputs.outputs).toEqual(outcome.outputs);
  });

  it('asks before replacing an edited generated file: declining deploys nothing, accepting replaces it', async () => {
    const { uri, outcome } = await deployedAnalytics();
    expect(outcome.status).toBe('deployed');
    const edited = join(work, '.archflow', 'analytics', 'src', 'generated', 'aggregate.ts');
    writeFileSync(edited, (await import('node:fs')).readFileSync(edited, 'utf8') + '// my change\n');
    asked.length = 0;
    replace = null;
    const declined = await client.request<{ status: string; message: string }>('arch/deploy', { textDocument: { uri }, endpoint: moto.endpoint });
    expect(declined.status).toBe('error');
    expect(declined.message).toBe(`Not deployed: 1 file of the generated project in ${join(work, '.archflow', 'analytics')} is not Archflow's to replace: src/generated/aggregate.ts (it was edited since Archflow generated it). Move your changes to src/handlers/ (never overwritten), or allow the replacement.`);
    expect(asked).toEqual([`1 file in ${join(work, '.archflow', 'analytics')} is not Archflow's to replace. Replace it?\n\nsrc/generated/aggregate.ts: it was edited since Archflow generated it\n\nPut your code in src/handlers/: Archflow never overwrites it.`]);
    expect((await import('node:fs')).readFileSync(edited, 'utf8')).toMatch(/\/\/ my change\n$/);
    replace = 'Replace';
    const accepted = await client.request<{ status: string; message: string }>('arch/deploy', { textDocument: { uri }, endpoint: moto.endpoint });
    expect(accepted).toMatchObject({ status: 'no-changes', message: 'analytics is up to date: no changes.' });
    expect((await import('node:fs')).readFileSync(edited, 'utf8')).not.toContain('// my change');
    replace = null;
  });

  it('puts a failed resource on the line of its node, and a later deploy clears it', async () => {
    const file = join(work, 'failing.arch.yaml');
    const text = 'archflow: 1\nname: failing\nregion: us-east-1\nproducers:\n  tick: { type: schedule, schedule: rate(1 hour), to: worker }\nconsumers:\n  worker:\n    timeout: 10\n    role: arn:aws:iam::123456789012:role/does-not-exist\n';
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, text);
    await opened;
    // Published when the deploy fails: wait as long as the deploy may take (a generate, npm install and build first).
    const published = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'deploy/failed'), 300_000);
    const outcome = await client.request<{ status: string; message: string }>('arch/deploy', { textDocument: { uri }, endpoint: moto.endpoint });
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe('Deploy failed: WorkerFunction (AWS::Lambda::Function): The role defined for the function cannot be assumed by Lambda.');
    const failed = (await published).diagnostics.find((d) => d.code === 'deploy/failed')!;
    expect(failed.range).toEqual({ start: { line: 6, character: 2 }, end: { line: 6, character: 8 } });
    expect(states.at(-1)?.worker).toBe('failed');
  });

  it('the editor\'s rename of a deployed table adds previousName; a rename without it asks about the data loss on its own, and declining changes nothing', async () => {
    const file = join(work, 'store.arch.yaml');
    const text = 'archflow: 1\nname: store\nregion: us-east-1\nproducers:\n  orders: { type: table, partitionKey: id }\n';
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, text);
    await opened;
    expect(await client.request<{ status: string }>('arch/deploy', { textDocument: { uri }, endpoint: moto.endpoint })).toMatchObject({ status: 'deployed' });

    // F2 on the deployed table: the edit keeps its identity.
    const edit = await client.request<{ changes?: Record<string, { newText: string; range: { start: { line: number; character: number } } }[]> }>('textDocument/rename', { textDocument: { uri }, position: { line: 4, character: 3 }, newName: 'purchases' });
    const texts = edit.changes?.[uri]?.map((e) => e.newText) ?? [];
    expect(texts).toContain('purchases');
    expect(texts.filter((t) => t.includes('previousName: orders'))).toHaveLength(1);

    // The same rename typed by hand: the changes are approved ('Deploy'), the data loss is not.
    await client.change(uri, 2, [{ text: text.replace('  orders:', '  purchases:') }]);
    asked.length = 0;
    const declined = await client.request<{ status: string; message: string }>('arch/deploy', { textDocument: { uri }, endpoint: moto.endpoint });
    expect(asked).toEqual([
      'Update stack store: 1 to add, 0 to modify, 1 to REMOVE (OrdersTable). 1 resource holding data leaves the stack (OrdersTable). Deploy?',
      'This deploy of store loses data.\n\n• table OrdersTable leaves the stack: it is kept in your account with its data, but nothing uses it any more\n\nTo keep a renamed node\'s data, rename it with the editor (it adds `previousName`) or write `previousName: <old name>` yourself.',
    ]);
    expect(declined).toEqual({ status: 'cancelled', stack: 'store', message: 'Deploy cancelled (data loss not approved): nothing was changed or uploaded.' });
  });

  it('refuses a file with errors without touching AWS', async () => {
    const uri = pathToFileURL(join(work, 'broken.arch.yaml')).href;
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, 'archflow: 1\nname: broken\nrouters:\n  q: { type: queue, to: nobody }\n');
    await opened;
    const outcome = await client.request<{ status: string; message: string }>('arch/deploy', { textDocument: { uri }, endpoint: moto.endpoint });
    expect(outcome).toMatchObject({ status: 'error', message: 'Fix the 1 error in the file first.' });
  });
});
