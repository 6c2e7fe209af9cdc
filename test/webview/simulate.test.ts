/**
 * "Send test event" in the diagram webview, in Debian's Chromium, against the real language server
 * (over stdio): the test plays the extension host, forwarding what the webview posts to the server's
 * `arch/testEventSamples` and `arch/sendTestEvent` and posting the answers back, as diagram-panel.ts
 * does. It asserts what the user sees: the button on the node, the sample payload, the path lit hop by
 * hop with counts and depths, the timeline rows and a delivery's payload.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagramResult, TestEventSamplesResult, TestEventTrace } from '../../server/src/protocol';
import type { ViewToHost } from '../../webview/src/protocol';
import { LspClient } from '../helpers/lsp-client';
import { ARTIFACTS, launchChromium, serveWebview, WebviewPage } from '../helpers/webview-page';

const ORDERS = readFileSync(resolve(__dirname, '../../examples/orders.arch.yaml'), 'utf8');
const URI = 'file:///ws/orders.arch.yaml';

describe('Send test event in the diagram webview', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveWebview>>;
  let lsp: LspClient;
  let diagram: DiagramResult;

  beforeAll(async () => {
    lsp = new LspClient();
    await lsp.initialize({});
    await lsp.openAnalysed(URI, ORDERS);
    // The laid-out diagram (a provisional one first while the layout runs).
    for (let i = 0; i < 50; i++) {
      diagram = (await lsp.request<DiagramResult | null>('arch/diagram', { textDocument: { uri: URI } }))!;
      if (!diagram.diagram.provisional) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchChromium();
    server = await serveWebview();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await lsp?.shutdown();
  });

  /** Plays the host for one message the webview posts: asks the server, posts the answer back. */
  async function relay(view: WebviewPage, action: () => Promise<unknown>, type: 'testEventSamples' | 'sendTestEvent'): Promise<ViewToHost> {
    const m = await view.after(action, (x) => x.type === type);
    if (m.type === 'testEventSamples') {
      const r = await lsp.request<TestEventSamplesResult>('arch/testEventSamples', { textDocument: { uri: URI }, node: m.node });
      await view.send({ type: 'testEventSamples', node: m.node, samples: r.samples, problems: r.problems });
    } else if (m.type === 'sendTestEvent') {
      const r = await lsp.request<TestEventTrace | { problems: string[] }>('arch/sendTestEvent', { textDocument: { uri: URI }, node: m.node, payload: m.payload });
      await view.send('problems' in r ? { type: 'testEventProblems', node: m.node, problems: r.problems } : { type: 'testEventTrace', node: m.node, trace: r });
    }
    return m;
  }

  it('sends an edited catalog sample from the bus, lights the path hop by hop and lists the timeline', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const page = view.page;
    await view.send({ type: 'diagram', uri: diagram.uri, version: diagram.version, diagram: diagram.diagram, sources: diagram.sources });
    await page.waitForSelector('g.af-node[data-node-id="orderBus"]');

    // A click on the bus offers the button beside it; a click on it opens the panel with the catalog's samples.
    const box = (await page.locator('g.af-node[data-node-id="orderBus"] .af-node-box').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('#af-sim-from:not([hidden])');
    expect(await page.locator('#af-sim-from').getAttribute('aria-label')).toBe('Send test event from orderBus');
    await relay(view, () => page.locator('#af-sim-from').click(), 'testEventSamples');
    await page.waitForSelector('#af-sim[data-state="ready"]');
    expect(await page.locator('#af-sim .af-sim-title').textContent()).toBe('Test event from orderBus');
    expect(await page.locator('#af-sim-sample vscode-option').allTextContents()).toEqual(['OrderPlaced', 'OrderPaid', 'PaymentFailed']);
    const sample = JSON.parse(await page.locator('#af-sim-payload').evaluate((e) => (e as HTMLElement & { value: string }).value));
    expect(sample).toMatchObject({ event: 'OrderPlaced', detail: { orderId: expect.any(String), total: 0 } });

    // Edit the payload, send it; watch the timeline grow one row at a time.
    const edited = { event: 'OrderPlaced', detail: { ...sample.detail, orderId: 'o-42', total: 12 } };
    await page.locator('#af-sim-payload textarea').fill(JSON.stringify(edited));
    await page.evaluate(() => {
      const w = window as unknown as { __rows: number[] };
      w.__rows = [];
      const body = document.querySelector('#af-sim-timeline tbody')!;
      new MutationObserver(() => w.__rows.push(body.children.length)).observe(body, { childList: true });
    });
    const sent = await relay(view, () => page.locator('#af-sim-send').click(), 'sendTestEvent');
    expect(sent).toEqual({ type: 'sendTestEvent', node: 'orderBus', payload: edited });
    await page.waitForSelector('#af-sim[data-state="done"]', { timeout: 20_000 });
    const trace = await lsp.request<TestEventTrace>('arch/sendTestEvent', { textDocument: { uri: URI }, node: 'orderBus', payload: edited });

    // Hop by hop: each step of the animation added one row.
    const grew = await page.evaluate(() => (window as unknown as { __rows: number[] }).__rows);
    expect(grew.filter((n) => n > 0)).toEqual(trace.events.map((_, i) => i + 1));

    // The lit path: exactly the edges the run travelled, and the nodes it reached.
    const lit = await page.$$eval('g.af-edge.af-sim-lit', (els) => els.map((e) => (e as SVGGElement).dataset.edgeId!).sort());
    expect(lit).toEqual([...new Set(trace.events.flatMap((e) => (e.edge ? [e.edge] : [])))].filter((id) => diagram.diagram.edges.some((d) => d.id === id)).sort());
    expect(lit).toContain('/routers/orderBus/rules/placed/to/0/queue');
    const litNodes = await page.$$eval('g.af-node.af-sim-lit', (els) => els.map((e) => (e as SVGGElement).dataset.nodeId!).sort());
    expect(litNodes).toEqual(['alerts', 'billing', 'chargeCard', 'orderBus', 'pager', 'sendReceipt']);
    // Counts and queue depths on the nodes.
    const badges = Object.fromEntries(await page.$$eval('g.af-node g.af-sim-counts', (els) => els.map((e) => [(e.closest('[data-node-id]') as SVGGElement).dataset.nodeId!, e.textContent])));
    expect(badges).toEqual({
      orderBus: '3 in · 3 ok', billing: '1 in · 1 ok · depth 1', alerts: '1 in · 1 ok', chargeCard: '1 in · 1 ok', sendReceipt: '1 in · 1 ok', pager: '1 in · 1 ok',
    });

    // The timeline: one row per event, in time order, with node, outcome and detail.
    const rows = await page.$$eval('#af-sim-timeline tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.length).toBe(trace.events.length);
    expect(rows[0]).toEqual(['+0.000 s', 'orderBus', 'sent', 'event OrderPlaced']);
    expect(rows).toContainEqual(['+0.000 s', 'orderBus → billing', 'delivered', '']);
    expect(rows).toContainEqual(['+0.100 s', 'chargeCard', 'succeeded', '']);
    expect(rows).toContainEqual(['+0.100 s', 'alerts → audit', 'filtered out', 'the filter policy does not match']);
    expect(rows.map((r) => r[0])).toEqual([...rows.map((r) => r[0])].sort());
    expect(await page.locator('#af-sim .af-sim-summary').textContent()).toBe(`event OrderPlaced: ${trace.events.length} events over 0.200 s of virtual time.`);

    // A delivery's payload is one click away.
    await page.locator('#af-sim-timeline tbody tr', { hasText: 'orderBus → billing' }).click();
    const shown = JSON.parse((await page.locator('#af-sim pre.af-sim-payload').textContent())!);
    expect(shown).toMatchObject({ source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { orderId: 'o-42', total: 12 } });
    await page.screenshot({ path: join(ARTIFACTS, 'orders-test-event.png') });

    // A payload the bus does not take says why, and lights nothing new.
    await page.locator('#af-sim-payload textarea').fill('{ "event": "OrderPlacd" }');
    await relay(view, () => page.locator('#af-sim-send').click(), 'sendTestEvent');
    await page.waitForFunction(() => document.querySelector('#af-sim .af-sim-problems')?.textContent !== '');
    expect(await page.locator('#af-sim .af-sim-problems').textContent()).toBe("event: 'OrderPlacd' is not in the catalog (`events`). Did you mean 'OrderPlaced'?");
    // Not JSON: said in the panel, nothing posted.
    const before = (await view.posted()).length;
    await page.locator('#af-sim-payload textarea').fill('{ nope');
    await page.locator('#af-sim-send').click();
    await page.waitForFunction(() => document.querySelector('#af-sim .af-sim-problems')?.textContent?.startsWith('The payload is not JSON'));
    expect((await view.posted()).slice(before).filter((m) => m.type === 'sendTestEvent')).toEqual([]);

    // The click on the bus also asked for its settings: with the panel docked at the right, the test
    // event panel gives it its room as the diagram does, and nothing of it is under the settings.
    const settings = await lsp.request('arch/nodeSettings', { textDocument: { uri: URI }, id: 'orderBus' });
    await view.send({ type: 'settings', settings } as Parameters<WebviewPage['send']>[0]);
    await page.waitForSelector('#af-settings:not([hidden])');
    const panel = (await page.locator('#af-settings').boundingBox())!;
    const sim = (await page.locator('#af-sim').boundingBox())!;
    expect(sim.x + sim.width).toBeLessThanOrEqual(panel.x + 0.5);
    expect(await page.locator('#af-sim-close').evaluate((b) => {
      const r = b.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest('#af-sim-close') === b;
    })).toBe(true);

    // Close clears the path.
    await page.locator('#af-sim-close').click();
    await page.waitForFunction(() => document.querySelectorAll('.af-sim-lit, g.af-sim-counts').length === 0);
    expect(await page.locator('#af-sim').isHidden()).toBe(true);
    await page.close();
  });

  it('opens from the context menu of a queue, and a new drawing keeps the lit path', async () => {
    const view = await WebviewPage.open(browser, server.url, 'vscode-dark');
    const page = view.page;
    const message = { type: 'diagram', uri: diagram.uri, version: diagram.version, diagram: diagram.diagram, sources: diagram.sources };
    await view.send(message);
    await page.waitForSelector('g.af-node[data-node-id="billing"]');
    const box = (await page.locator('g.af-node[data-node-id="billing"] .af-node-box').boundingBox())!;
    await relay(view, () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' }), 'testEventSamples');
    await page.waitForSelector('#af-sim[data-state="ready"]');
    // A bus rule feeds the queue: the EventBridge event the rule delivers, as the message body.
    expect(await page.locator('#af-sim-sample vscode-option').allTextContents()).toEqual(['OrderPlaced (EventBridge event)']);
    expect(JSON.parse(await page.locator('#af-sim-payload').evaluate((e) => (e as HTMLElement & { value: string }).value))).toMatchObject({
      body: { source: 'shop.orders', 'detail-type': 'OrderPlaced' },
    });
    await relay(view, () => page.locator('#af-sim-send').click(), 'sendTestEvent');
    await page.waitForSelector('#af-sim[data-state="done"]', { timeout: 20_000 });
    const lit = async () => page.$$eval('g.af-node.af-sim-lit', (els) => els.map((e) => (e as SVGGElement).dataset.nodeId!).sort());
    expect(await lit()).toEqual(['alerts', 'billing', 'chargeCard', 'orderBus', 'pager', 'sendReceipt']);
    // The host sends the diagram again (an edit elsewhere): the path and the counts are drawn again.
    await view.send(message);
    await page.waitForFunction(() => document.querySelectorAll('g.af-sim-counts').length === 6);
    expect(await lit()).toEqual(['alerts', 'billing', 'chargeCard', 'orderBus', 'pager', 'sendReceipt']);
    await page.screenshot({ path: join(ARTIFACTS, 'orders-test-event-queue-dark.png') });
    await page.close();
  });
});
