import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core/index';
import { buildDiagramModel, layoutDiagram, warmUpGraphs } from '../../server/src/core/layout/index';
import { createElkRunner } from '../../server/src/core/layout/elk-runner';
import { createWorkerRunner, type WorkerRunner } from '../../server/src/layout/layout-runner';
import { WARM_UP_ROUNDS } from '../../server/src/layout/layout-worker';
import type { DiagramResult } from '../../server/src/protocol';
import { LspClient } from '../helpers/lsp-client';

/** The layout worker the language server runs (built with the server). */
const WORKER = resolve(__dirname, '../../server/out/layout-worker.js');
const ORDERS = readFileSync(resolve(__dirname, '../../examples/orders.arch.yaml'), 'utf8');
const ALL_WARM_UP_GRAPHS = WARM_UP_ROUNDS * warmUpGraphs().length;

describe('the pool of layout workers', () => {
  let pool: WorkerRunner | undefined;
  afterEach(async () => {
    await pool?.dispose();
    pool = undefined;
  });

  it('starts no worker before it is asked to; a worker started by a layout lays it out without warming up', async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first`);
    pool = createWorkerRunner(WORKER, 1);
    expect(pool.workers).toEqual({ running: 0, warming: 0, practised: 0 });
    const model = buildDiagramModel(analyze(ORDERS));
    const laidOut = await layoutDiagram(model, pool.run);
    expect(laidOut).toEqual(await layoutDiagram(model, createElkRunner()));
    await pool.start(); // the worker is there already: it does not practise
    expect(pool.workers).toEqual({ running: 1, warming: 0, practised: 0 });
  });

  it('warms up when started, and a layout asked for at once stops the warm-up and gets the same drawing', { timeout: 120_000 }, async () => {
    pool = createWorkerRunner(WORKER, 1);
    await pool.start();
    // Whole rounds of the warm-up graphs: all of them, or as many as its CPU budget allowed.
    const { practised } = pool.workers;
    expect(pool.workers).toEqual({ running: 1, warming: 1, practised });
    expect(practised % warmUpGraphs().length).toBe(0);
    expect(practised).toBeGreaterThanOrEqual(2 * warmUpGraphs().length);
    expect(practised).toBeLessThanOrEqual(ALL_WARM_UP_GRAPHS);
    await pool.dispose();

    pool = createWorkerRunner(WORKER, 1);
    const warming = pool.start();
    const model = buildDiagramModel(analyze(ORDERS));
    const laidOut = await layoutDiagram(model, pool.run);
    await warming;
    expect(pool.workers.warming).toBe(1);
    expect(pool.workers.practised).toBeLessThan(ALL_WARM_UP_GRAPHS);
    expect(laidOut).toEqual(await layoutDiagram(model, createElkRunner()));
  });
});

describe('the language server\'s layout workers', () => {
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.shutdown();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A server whose log (`window/logMessage`) is kept. */
  const server = async (initializationOptions?: unknown): Promise<{ client: LspClient; log: string[] }> => {
    const client = new LspClient();
    clients.push(client);
    const log: string[] = [];
    client.connection.onNotification('window/logMessage', (p: { message: string }) => {
      log.push(p.message);
    });
    await client.initialize({}, null, initializationOptions);
    return { client, log };
  };
  const STARTED = 'archflow: a diagram was opened; starting the layout workers';

  it('starts them when a diagram is opened, not when an architecture is read', async () => {
    const { client, log } = await server();
    const uri = 'file:///ws/orders.arch.yaml';
    await client.openAnalysed(uri, ORDERS);
    await client.openAnalysed('file:///ws/other.arch.yaml', ORDERS.replace('name: orders', 'name: other'));
    // A request the server answers after it has handled the notifications above.
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    expect(log).not.toContain(STARTED);
    const r = await client.request<DiagramResult | null>('arch/diagram', { textDocument: { uri } });
    expect(r?.diagram.nodes.length).toBeGreaterThan(0);
    expect(log.filter((m) => m === STARTED)).toHaveLength(1);
    await client.request('arch/diagram', { textDocument: { uri: 'file:///ws/other.arch.yaml' } });
    expect(log.filter((m) => m === STARTED)).toHaveLength(1);
  });

  it('keeps the layouts of flow shapes in the folder the client gives, for the next session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-layout-cache-'));
    dirs.push(dir);
    const uri = 'file:///ws/orders.arch.yaml';
    const first = await server({ layoutCache: dir });
    await first.client.openAnalysed(uri, ORDERS);
    const before = await first.client.request<DiagramResult>('arch/diagram', { textDocument: { uri } });
    await first.client.shutdown(); // writes the store
    const stored = JSON.parse(readFileSync(join(dir, 'layout-shapes.json'), 'utf8')) as { shapes: unknown[] };
    expect(stored.shapes.length).toBeGreaterThan(0);

    const second = await server({ layoutCache: dir });
    await second.client.openAnalysed(uri, ORDERS);
    const after = await second.client.request<DiagramResult>('arch/diagram', { textDocument: { uri } });
    expect(after.diagram).toEqual(before.diagram);
  });
});
