import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewToHost } from '../../webview/src/protocol';
import { ARTIFACTS, diagramMessage, launchChromium, serveWebview, WebviewPage } from '../helpers/webview-page';

const EXAMPLES = resolve(__dirname, '../../examples');
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.arch.yaml')).sort();
const ORDERS = readFileSync(join(EXAMPLES, 'orders.arch.yaml'), 'utf8');

/** Counts of what the webview drew. */
async function drawn(view: WebviewPage) {
  return view.page.evaluate(() => ({
    nodes: [...document.querySelectorAll<SVGGElement>('#viewport g.af-node[data-node-id]')].map((g) => g.dataset.nodeId!),
    edges: [...document.querySelectorAll<SVGGElement>('#viewport g.af-edge[data-edge-id]')].map((g) => g.dataset.edgeId!),
    labels: [...document.querySelectorAll('#viewport g.af-edge-label text')].map((t) => t.textContent),
    badges: [...document.querySelectorAll<SVGGElement>('#viewport g.af-badge')].map((b) => ({
      node: (b.closest('[data-node-id]') as SVGGElement).dataset.nodeId, severity: b.dataset.severity, count: b.dataset.count,
      text: b.textContent,
    })),
    lanes: [...document.querySelectorAll('#viewport .af-lane-title')].map((t) => t.firstChild?.textContent),
  }));
}

/** The centre of an element on the screen. */
async function centreOf(view: WebviewPage, selector: string): Promise<{ x: number; y: number }> {
  const box = await view.page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('diagram webview in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveWebview>>;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveWebview();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says ready first, and keeps what it shows for a reload', async () => {
    const view = await WebviewPage.open(browser, server.url);
    expect((await view.posted())[0]).toEqual({ type: 'ready' });
    await view.send(await diagramMessage('file:///ws/orders.arch.yaml', ORDERS));
    await view.page.waitForSelector('g.af-node');
    expect(await view.page.evaluate(() => (window as unknown as { __state: unknown }).__state)).toEqual({ uri: 'file:///ws/orders.arch.yaml' });
    await view.page.close();
  });

  describe.each(examples)('%s', (file) => {
    it('renders the right nodes, edges, labels and lanes, and looks right (screenshots)', async () => {
      const text = readFileSync(join(EXAMPLES, file), 'utf8');
      const message = await diagramMessage(`file:///ws/${file}`, text);
      for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        const view = await WebviewPage.open(browser, server.url, theme === 'light' ? 'vscode-light' : theme === 'dark' ? 'vscode-dark' : 'vscode-high-contrast');
        await view.send({ type: 'theme', kind: theme });
        await view.send(message);
        await view.page.waitForSelector('g.af-node');
        const d = await drawn(view);
        expect(d.nodes.sort()).toEqual(message.diagram.nodes.map((n) => n.id).sort());
        expect(d.edges.sort()).toEqual(message.diagram.edges.map((e) => e.id).sort());
        expect(d.labels.sort()).toEqual(message.diagram.edges.filter((e) => e.label).map((e) => e.label).sort());
        expect(d.lanes).toEqual(message.diagram.lanes.map((l) => l.title.toUpperCase()));
        // A badge on exactly the nodes with problems (the examples lint clean: usually none).
        expect(d.badges.map((b) => `${b.node} ${b.severity} ${b.count}`).sort()).toEqual(
          message.diagram.nodes.filter((n) => n.problems.count > 0).map((n) => `${n.id} ${n.problems.worst} ${n.problems.count}`).sort());
        await view.page.screenshot({ path: join(ARTIFACTS, `${file.replace(/\.arch\.yaml$/, '')}-${theme}.png`) });
        await view.page.close();
      }
    });
  });

  it('badges the nodes with problems with their count and worst severity', async () => {
    // billing's visibility timeout (20 s) is below chargeCard's timeout (25 s): an error on both.
    const text = ORDERS.replace('visibilityTimeout: 150 ', 'visibilityTimeout: 20  ');
    const message = await diagramMessage('file:///ws/orders.arch.yaml', text);
    const expected = message.diagram.nodes.filter((n) => n.problems.count > 0).map((n) => ({
      node: n.id, severity: n.problems.worst, count: String(n.problems.count), text: String(n.problems.count),
    }));
    expect(expected.map((b) => b.node)).toEqual(expect.arrayContaining(['billing', 'chargeCard']));
    const view = await WebviewPage.open(browser, server.url);
    await view.send(message);
    await view.page.waitForSelector('g.af-badge');
    const d = await drawn(view);
    expect(d.badges.sort((a, b) => a.node!.localeCompare(b.node!))).toEqual(expected.sort((a, b) => a.node.localeCompare(b.node)));
    expect(d.badges.find((b) => b.node === 'billing')!.severity).toBe('error');
    // One shared tooltip follows the pointer (no <title> per element): resting on billing shows its settings and problems.
    const box = await centreOf(view, 'g.af-node[data-node-id="billing"] .af-node-box');
    await view.page.mouse.move(box.x, box.y);
    await view.page.locator('#af-tooltip').waitFor({ state: 'visible' });
    const tooltip = await view.page.locator('#af-tooltip').textContent();
    expect(tooltip).toContain('billing — ');
    expect(tooltip).toContain('visibility timeout: 20 s');
    expect(tooltip).toContain('error sqs/visibility-timeout');
    expect(await view.page.locator('g.af-node > title, g.af-edge > title, g.af-edge-label > title, g.af-proxy > title').count()).toBe(0);
    // The node keeps its accessible name.
    expect(await view.page.locator('g.af-node[data-node-id="billing"]').getAttribute('aria-label')).toContain('billing — ');
    // Leaving the node hides it.
    await view.page.mouse.move(2, 2);
    await view.page.locator('#af-tooltip').waitFor({ state: 'hidden' });
    await view.page.screenshot({ path: join(ARTIFACTS, 'orders-with-problems.png') });
    await view.page.close();
  });

  it('posts reveal with the source range when a node or an edge is clicked', async () => {
    const message = await diagramMessage('file:///ws/orders.arch.yaml', ORDERS);
    const view = await WebviewPage.open(browser, server.url);
    await view.send(message);
    await view.page.waitForSelector('g.af-node');
    const node = await centreOf(view, 'g.af-node[data-node-id="billing"] .af-node-box');
    const isReveal = (m: ViewToHost) => m.type === 'reveal';
    expect(await view.after(() => view.page.mouse.click(node.x, node.y), isReveal)).toEqual({ type: 'reveal', id: 'billing', range: message.sources.billing!.range });
    // The billing name in the text: line and characters of `billing:` under routers.
    const line = ORDERS.split('\n').findIndex((l) => l === '  billing:');
    expect(message.sources.billing!.range).toEqual({ start: { line, character: 2 }, end: { line, character: 9 } });
    // An edge, through its label.
    const edge = message.diagram.edges.find((e) => e.from === 'billing' && e.to === 'chargeCard')!;
    const label = await centreOf(view, `g.af-edge-label[data-edge-id="${edge.id}"] rect`);
    expect(await view.after(() => view.page.mouse.click(label.x, label.y), isReveal)).toEqual({ type: 'reveal', id: edge.id, range: message.sources[edge.id]!.range });
    expect(await view.page.locator(`g.af-edge[data-edge-id="${edge.id}"]`).getAttribute('class')).toContain('af-selected');
    // A drag pans instead of clicking.
    const before = await view.page.locator('#viewport svg').getAttribute('data-view');
    const count = (await view.posted()).length;
    await view.page.mouse.move(node.x, node.y);
    await view.page.mouse.down();
    await view.page.mouse.move(node.x + 120, node.y + 60, { steps: 5 });
    await view.page.mouse.up();
    expect(await view.page.locator('#viewport svg').getAttribute('data-view')).not.toBe(before);
    expect((await view.posted()).slice(count).filter((m) => m.type === 'reveal')).toEqual([]);
    await view.page.close();
  });

  it('highlights the node under the editor cursor (select) and the nodes matching a search', async () => {
    const view = await WebviewPage.open(browser, server.url);
    await view.send(await diagramMessage('file:///ws/orders.arch.yaml', ORDERS));
    await view.page.waitForSelector('g.af-node');
    await view.send({ type: 'select', id: 'audit' });
    await view.page.waitForSelector('g.af-node.af-selected');
    expect(await view.page.$$eval('.af-selected', (els) => els.map((e) => (e as SVGGElement).dataset.nodeId))).toEqual(['audit']);
    await view.send({ type: 'select', id: null });
    await view.page.waitForFunction(() => document.querySelectorAll('.af-selected').length === 0);

    await view.page.locator('#search input').fill('dlq');
    await view.page.waitForFunction(() => document.querySelectorAll('g.af-node.af-match').length > 0);
    const matched = await view.page.$$eval('g.af-node.af-match', (els) => els.map((e) => (e as SVGGElement).dataset.nodeId).sort());
    expect(matched).toEqual(['alerts-dlq', 'audit-dlq', 'billing-dlq', 'events-dlq']);
    expect(await view.page.locator('g.af-node.af-dimmed').count()).toBe(15 - 4);
    expect(await view.page.locator('#matches').textContent()).toBe('4 matches');
    await view.page.screenshot({ path: join(ARTIFACTS, 'orders-search.png') });
    await view.page.locator('#search input').fill('');
    await view.page.waitForFunction(() => document.querySelectorAll('.af-dimmed, .af-match').length === 0);
    await view.page.close();
  });

  it('zooms and fits', async () => {
    const view = await WebviewPage.open(browser, server.url);
    await view.send(await diagramMessage('file:///ws/orders.arch.yaml', ORDERS));
    await view.page.waitForSelector('g.af-node');
    const width = async () => Number((await view.page.locator('#viewport svg').getAttribute('data-view'))!.split(' ')[2]);
    const fitted = await width();
    await view.page.locator('#zoom-in').click();
    expect(await width()).toBeCloseTo(fitted / 1.25, 3);
    await view.page.locator('#zoom-out').click();
    await view.page.locator('#zoom-out').click();
    expect(await width()).toBeGreaterThan(fitted);
    await view.page.locator('#fit').click();
    expect(await width()).toBeCloseTo(fitted, 3);
    await view.page.close();
  });

  it('switches colours with the theme, and prefers the editor theme variables', async () => {
    const view = await WebviewPage.open(browser, server.url);
    await view.send(await diagramMessage('file:///ws/orders.arch.yaml', ORDERS));
    await view.page.waitForSelector('g.af-node');
    const colours = () => view.page.evaluate(() => ({
      background: getComputedStyle(document.querySelector('#viewport .af-bg')!).fill,
      title: getComputedStyle(document.querySelector('#viewport .af-node-title')!).fill,
    }));
    await view.send({ type: 'theme', kind: 'light' });
    await view.page.waitForFunction(() => document.querySelector('#viewport svg')!.classList.contains('af-light'));
    expect(await colours()).toEqual({ background: 'rgb(255, 255, 255)', title: 'rgb(31, 31, 31)' });
    await view.send({ type: 'theme', kind: 'dark' });
    await view.page.waitForFunction(() => document.querySelector('#viewport svg')!.classList.contains('af-dark'));
    expect(await colours()).toEqual({ background: 'rgb(31, 31, 31)', title: 'rgb(204, 204, 204)' });
    await view.send({ type: 'theme', kind: 'high-contrast' });
    await view.page.waitForFunction(() => document.querySelector('#viewport svg')!.classList.contains('af-high-contrast'));
    expect(await colours()).toEqual({ background: 'rgb(0, 0, 0)', title: 'rgb(255, 255, 255)' });
    // In VS Code the theme's own variables win over the fallbacks.
    await view.page.evaluate(() => document.documentElement.style.setProperty('--vscode-editor-background', '#102030'));
    expect((await colours()).background).toBe('rgb(16, 32, 48)');
    await view.page.close();
  });

  it('exports a valid SVG with every node, and a PNG', async () => {
    const message = await diagramMessage('file:///ws/orders.arch.yaml', ORDERS);
    const view = await WebviewPage.open(browser, server.url, 'vscode-dark');
    await view.send({ type: 'theme', kind: 'dark' });
    await view.send(message);
    await view.page.waitForSelector('g.af-node');
    const isExport = (m: ViewToHost) => m.type === 'export';
    const svg = (await view.after(() => view.page.locator('#export-svg').click(), isExport)) as Extract<ViewToHost, { type: 'export' }>;
    expect(svg.format).toBe('svg');
    const parsed = await view.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.localName,
        ns: doc.documentElement.namespaceURI,
        nodes: [...doc.querySelectorAll('[data-node-id]')].map((e) => e.getAttribute('data-node-id')),
      };
    }, svg.data);
    expect(parsed.error).toBeNull();
    expect([parsed.root, parsed.ns]).toEqual(['svg', 'http://www.w3.org/2000/svg']);
    expect(parsed.nodes.sort()).toEqual(message.diagram.nodes.map((n) => n.id).sort());
    // Stand-alone: its own stylesheet with the theme's colours resolved, no editor variables.
    expect(svg.data).toContain('<style>');
    expect(svg.data).not.toContain('var(--vscode-');
    expect(svg.data).toContain('--af-background: #1f1f1f;');

    const png = (await view.after(() => view.page.locator('#export-png').click(), isExport)) as Extract<ViewToHost, { type: 'export' }>;
    expect(png.format).toBe('png');
    const bytes = Buffer.from(png.data, 'base64');
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    expect(w).toBe(Math.round(message.diagram.width * 2));
    expect(h).toBeGreaterThan(message.diagram.height * 2);
    await view.page.close();
  });

  it('rejects malformed messages with an error and keeps working', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const error = await view.after(
      () => view.send({ type: 'diagram', uri: 'x', version: 1, diagram: { nodes: 'not a list' }, sources: {} }),
      (m) => m.type === 'error',
    );
    expect((error as Extract<ViewToHost, { type: 'error' }>).message).toContain('ignored a malformed message');
    await view.send({ type: 'explode' });
    await view.send(await diagramMessage('file:///ws/orders.arch.yaml', ORDERS));
    await view.page.waitForSelector('g.af-node');
    expect(await view.page.locator('g.af-node').count()).toBe(15);
    await view.page.close();
  });

  it('shows a banner over a stale diagram', async () => {
    const message = await diagramMessage('file:///ws/orders.arch.yaml', ORDERS);
    const view = await WebviewPage.open(browser, server.url);
    await view.send({ ...message, diagram: { ...message.diagram, stale: true } });
    await view.page.waitForSelector('#banner:not([hidden])');
    expect(await view.page.locator('#banner').textContent()).toContain('last valid diagram');
    await view.page.close();
  });

  it('says above the drawing why it shows less than the file (a budget reached), as text', async () => {
    const message = await diagramMessage('file:///ws/orders.arch.yaml', ORDERS);
    const view = await WebviewPage.open(browser, server.url);
    const notice = 'This architecture has 97,777 elements; a diagram shows at most 2,000: <b>here</b> the first 2,000.';
    await view.send({ ...message, diagram: { ...message.diagram, notice } });
    await view.page.waitForSelector('#banner:not([hidden])');
    expect(await view.page.locator('#banner').textContent()).toBe(notice);
    expect(await view.page.locator('#banner b').count()).toBe(0);
    // The drawing itself does not repeat it (the banner says it).
    expect(await view.page.locator('#viewport .af-notice').count()).toBe(0);
    await view.page.close();
  });
});
