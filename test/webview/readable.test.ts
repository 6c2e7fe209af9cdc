import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchitecture } from '../../scripts/bench/lib/generate.mjs';
import { MIN_TEXT_PX } from '../../webview/src/readable';
import { ARTIFACTS, diagramMessage, launchChromium, serveWebview, WebviewPage } from '../helpers/webview-page';

const ORDERS = readFileSync(join(resolve(__dirname, '../../examples'), 'orders.arch.yaml'), 'utf8');
const SYNTHETIC = generateArchitecture(150);

/** Every text drawn and on screen, with its size on screen: its font size × the zoom (the text's screen transform). */
async function shownText(view: WebviewPage) {
  return view.page.evaluate(() => {
    const port = document.querySelector('#viewport')!.getBoundingClientRect();
    return [...document.querySelectorAll<SVGTextElement>('#viewport svg text')].flatMap((t) => {
      const r = t.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return []; // not drawn (the overview, a culled or collapsed flow)
      if (r.right < port.left || r.left > port.right || r.bottom < port.top || r.top > port.bottom) return [];
      const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM()!.a;
      return [{ text: t.textContent ?? '', px }];
    });
  });
}

const svgScale = (view: WebviewPage) => view.page.evaluate(() => document.querySelector<SVGSVGElement>('#viewport svg')!.getScreenCTM()!.a);

describe('the diagram is readable at any width (Chromium)', () => {
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

  describe.each([600, 1600])('a panel %i px wide', (width) => {
    it.each([['orders', ORDERS], ['synthetic-150', SYNTHETIC]])(`%s: no text on screen below ${MIN_TEXT_PX} px`, async (name, text) => {
      const view = await WebviewPage.open(browser, server.url, 'vscode-light', { width, height: 800 });
      await view.send(await diagramMessage(`file:///ws/${name}.arch.yaml`, text));
      await view.page.waitForSelector('g.af-node');
      const shown = await shownText(view);
      // Names of nodes are on screen, and every text on screen is at least the minimum.
      expect(shown.length).toBeGreaterThan(5);
      const small = shown.filter((t) => t.px < MIN_TEXT_PX - 0.01);
      expect(small, JSON.stringify(small.slice(0, 5))).toEqual([]);
      expect(Math.min(...shown.map((t) => t.px))).toBeGreaterThanOrEqual(MIN_TEXT_PX - 0.01);
      // Too big for the panel: shown from its top left, the rest reached through the minimap.
      const box = await view.page.evaluate(() => document.querySelector<SVGSVGElement>('#viewport svg')!.viewBox.baseVal.width);
      const minimapShown = await view.page.locator('#minimap').isVisible();
      const content = await view.page.evaluate(() => {
        const d = document.querySelector('#viewport svg g.af-lanes')!.getBoundingClientRect();
        return d.height;
      });
      if (content > 800) expect(minimapShown).toBe(true);
      expect(box).toBeGreaterThan(0);
      await view.page.screenshot({ path: join(ARTIFACTS, `readable-${name}-${width}.png`) });
      await view.page.close();
    });
  });

  it('zoomed out below the readable size, shows an overview without text; Fit comes back to readable text', async () => {
    const view = await WebviewPage.open(browser, server.url, 'vscode-light', { width: 600, height: 800 });
    const message = await diagramMessage('file:///ws/synthetic.arch.yaml', SYNTHETIC);
    const SYNTHETIC_NODES = message.diagram.nodes;
    await view.send(message);
    await view.page.waitForSelector('g.af-node');
    expect(await svgScale(view)).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 6; i++) await view.page.locator('#zoom-out').click();
    expect(await svgScale(view)).toBeLessThan(0.5);
    expect(await view.page.locator('#viewport svg.af-overview').count()).toBe(1);
    expect(await shownText(view)).toEqual([]);
    // The boxes are still there, smaller: every node in view is drawn (the flows far from the view are
    // drawn when it gets there: canvas.test.ts).
    const inView = await view.page.evaluate(() => {
      const [x, y, w, h] = document.querySelector<SVGSVGElement>('#viewport svg')!.dataset.view!.split(' ').map(Number) as [number, number, number, number];
      return { x, y, w, h, drawn: [...document.querySelectorAll<SVGGElement>('#viewport g.af-node')].map((g) => g.dataset.nodeId!) };
    });
    const shownNodes = SYNTHETIC_NODES.filter((n) => n.x < inView.x + inView.w && n.x + n.width > inView.x && n.y < inView.y + inView.h && n.y + n.height > inView.y);
    expect(shownNodes.length).toBeGreaterThan(20);
    expect(shownNodes.map((n) => n.id).filter((id) => !inView.drawn.includes(id))).toEqual([]);
    await view.page.screenshot({ path: join(ARTIFACTS, 'readable-overview-600.png') });
    await view.page.locator('#fit').click();
    expect(await view.page.locator('#viewport svg.af-overview').count()).toBe(0);
    const shown = await shownText(view);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.every((t) => t.px >= MIN_TEXT_PX - 0.01)).toBe(true);
    await view.page.close();
  });

  it('collapses a flow to its header when the header is clicked, moving the flows below up, and expands it again', async () => {
    const message = await diagramMessage('file:///ws/synthetic.arch.yaml', SYNTHETIC);
    const flows = message.diagram.flows!;
    expect(flows.length).toBeGreaterThan(3);
    const [first, second] = [flows[0]!, flows[1]!];
    const inFirst = message.diagram.nodes.filter((n) => n.y >= first.y && n.y <= first.y + first.height).map((n) => n.id);
    const view = await WebviewPage.open(browser, server.url, 'vscode-light', { width: 1600, height: 900 });
    await view.send(message);
    await view.page.waitForSelector('g.af-node');
    const headerTop = async (id: string) => (await view.page.locator(`[data-flow-toggle="${id}"] rect`).boundingBox())!.y;
    const before = await headerTop(second.id);
    const scale = await svgScale(view);
    await view.page.locator(`[data-flow-toggle="${first.id}"] text`).click();
    await view.page.waitForSelector(`g.af-flow[data-flow-id="${first.id}"][data-collapsed="true"]`);
    for (const id of inFirst) expect(await view.page.locator(`g.af-node[data-node-id="${id}"]`).count(), id).toBe(0);
    expect(await view.page.locator(`[data-flow-toggle="${first.id}"] text`).textContent()).toBe(`▸ ${first.title} · ${first.nodes} nodes`);
    expect(before - (await headerTop(second.id))).toBeCloseTo((first.height - first.header) * scale, 0);
    await view.page.screenshot({ path: join(ARTIFACTS, 'readable-collapsed.png') });
    // No click went to the editor.
    expect((await view.posted()).filter((m) => m.type === 'reveal')).toEqual([]);
    await view.page.locator(`[data-flow-toggle="${first.id}"] text`).click();
    await view.page.waitForSelector(`g.af-flow[data-flow-id="${first.id}"]:not([data-collapsed])`);
    for (const id of inFirst) expect(await view.page.locator(`g.af-node[data-node-id="${id}"]`).count(), id).toBe(1);
    expect(await headerTop(second.id)).toBeCloseTo(before, 0);
    // The editor's cursor on a node of a collapsed flow expands it and shows the node selected.
    await view.page.locator(`[data-flow-toggle="${first.id}"] text`).click();
    await view.page.waitForSelector(`g.af-flow[data-flow-id="${first.id}"][data-collapsed="true"]`);
    await view.send({ type: 'select', id: inFirst[0]! });
    await view.page.waitForSelector(`g.af-node.af-selected[data-node-id="${inFirst[0]}"]`);
    expect(await view.page.locator(`g.af-flow[data-flow-id="${first.id}"][data-collapsed]`).count()).toBe(0);
    expect(await view.page.locator(`g.af-node[data-node-id="${inFirst[0]}"]`).isVisible()).toBe(true);
    await view.page.close();
  });

  it('moves the view where the minimap is clicked, and a copy of an emit target selects its node', async () => {
    const message = await diagramMessage('file:///ws/orders.arch.yaml', ORDERS);
    const view = await WebviewPage.open(browser, server.url, 'vscode-light', { width: 600, height: 700 });
    await view.send(message);
    await view.page.waitForSelector('g.af-node');
    const minimap = view.page.locator('#minimap canvas');
    await minimap.waitFor({ state: 'visible' });
    const viewBox = () => view.page.locator('#viewport svg').getAttribute('data-view').then((v) => v!.split(' ').map(Number));
    const [x0, y0] = await viewBox();
    const box = (await minimap.boundingBox())!;
    await view.page.mouse.click(box.x + box.width - 3, box.y + box.height - 3);
    const [x1, y1] = await viewBox();
    expect(x1! + y1!).toBeGreaterThan(x0! + y0!);
    // The bottom right of the drawing is now in view: the outline moved there too.
    const outline = (await view.page.locator('#minimap .view').boundingBox())!;
    expect(outline.x + outline.width).toBeGreaterThan(box.x + box.width / 2);

    const proxy = message.diagram.proxies![0]!;
    await view.page.locator('#fit').click();
    const target = view.page.locator(`g.af-proxy[data-proxy-id="${proxy.id}"] rect`);
    await target.scrollIntoViewIfNeeded().catch(() => undefined);
    const reveal = await view.after(() => view.page.evaluate((id) => {
      // Show the copy (it may be off screen at a readable zoom), then click it.
      const el = document.querySelector(`g.af-proxy[data-proxy-id="${CSS.escape(id)}"] rect`)!;
      const r = el.getBoundingClientRect();
      el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: r.x + 2, clientY: r.y + 2, button: 0 }));
      el.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, clientX: r.x + 2, clientY: r.y + 2, button: 0 }));
    }, proxy.id), (m) => m.type === 'reveal');
    expect(reveal).toEqual({ type: 'reveal', id: proxy.of, range: message.sources[proxy.of]!.range });
    await view.page.close();
  });
});
