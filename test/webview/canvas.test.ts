/**
 * A big diagram drawn on demand (the flows near the view only), and what must still reach every
 * node: reveal from the source, Tab, the minimap, search, badges, export, a keyboard connection to a
 * node off screen. The connect handle without a `<title>`; the keyboard connection's preview routed
 * around the nodes; the choice of words placed clear of the palette, the two nodes and the settings
 * panel. In Chromium, against the real language server where the text changes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchitecture } from '../../scripts/bench/lib/generate.mjs';
import { flowGroups } from '../../renderer/src/svg';
import type { Drawing, ViewToHost } from '../../webview/src/protocol';
import { DiagramHost } from '../helpers/diagram-host';
import { ARTIFACTS, diagramMessage, launchChromium, serveWebview, WebviewPage } from '../helpers/webview-page';

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

type Box = { x: number; y: number; width: number; height: number };
const meets = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The ids of the nodes in the DOM, and the view's world rectangle (`data-view`). */
async function drawnState(view: WebviewPage): Promise<{ drawn: string[]; view: Box; elements: number }> {
  return view.page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('#viewport svg')!;
    const [x, y, width, height] = svg.dataset.view!.split(' ').map(Number) as [number, number, number, number];
    return {
      drawn: [...svg.querySelectorAll<SVGGElement>('g.af-node[data-node-id]')].map((g) => g.dataset.nodeId!),
      view: { x, y, width, height },
      elements: document.getElementsByTagName('*').length,
    };
  });
}

/**
 * Every node in view is drawn, and nothing is drawn whose flow is more than two screens away (one
 * screen of margin when drawn, two before it is taken out again).
 */
function expectDrawnNearView(d: Drawing, state: { drawn: string[]; view: Box }): void {
  const drawn = new Set(state.drawn);
  const inView = d.nodes.filter((n) => meets(n, state.view)).map((n) => n.id);
  expect(inView.length).toBeGreaterThan(0);
  expect(inView.filter((id) => !drawn.has(id))).toEqual([]);
  const band = { x: -1e9, width: 2e9, y: state.view.y - 2 * state.view.height, height: 5 * state.view.height };
  const far = d.nodes.filter((n) => drawn.has(n.id)).filter((n) => {
    const f = d.flows!.find((flow) => n.y >= flow.y && n.y <= flow.y + flow.height)!;
    return !meets({ x: 0, y: f.y, width: 1, height: f.height }, band);
  });
  expect(far.map((n) => n.id)).toEqual([]);
}

/** Is the node drawn and its box inside the viewport on screen? */
async function onScreen(view: WebviewPage, id: string): Promise<boolean> {
  return view.page.evaluate((id) => {
    const box = document.querySelector(`g.af-node[data-node-id="${CSS.escape(id)}"] .af-node-box`)?.getBoundingClientRect();
    const port = document.querySelector('#viewport')!.getBoundingClientRect();
    return !!box && box.width > 0 && box.left >= port.left - 0.5 && box.right <= port.right + 0.5 && box.top >= port.top - 0.5 && box.bottom <= port.bottom + 0.5;
  }, id);
}

const activeNode = (view: WebviewPage): Promise<string | undefined> =>
  view.page.evaluate(() => (document.activeElement as SVGGElement | null)?.closest?.<SVGGElement>('g.af-node')?.dataset.nodeId);

describe('a big diagram is drawn on demand', () => {
  it('draws only the flows near the view, and draws the rest as the view reaches them (wheel, minimap, zoom, collapse)', async () => {
    const view = await WebviewPage.open(browser, server.url, 'vscode-light', { width: 1200, height: 800 });
    try {
      const message = await diagramMessage('file:///ws/big.arch.yaml', generateArchitecture(300));
      const d = message.diagram;
      expect(d.flows!.length).toBeGreaterThan(50);
      await view.send(message);
      await view.page.waitForSelector('g.af-node');
      const first = await drawnState(view);
      expectDrawnNearView(d, first);
      // A small part of the diagram is in the DOM (drawn whole, it is every node and edge).
      expect(first.drawn.length).toBeLessThan(d.nodes.length / 4);
      // The wheel scrolls down ten screens: what comes into view is drawn, what went far is taken out.
      await view.page.mouse.move(600, 500);
      for (let i = 0; i < 40; i++) await view.page.mouse.wheel(0, 200);
      const scrolled = await drawnState(view);
      expect(scrolled.view.y).toBeGreaterThan(first.view.y + 6 * first.view.height);
      expectDrawnNearView(d, scrolled);
      // (expectDrawnNearView: the flows left more than two screens behind are out of the DOM.)
      expect(first.drawn.filter((id) => !scrolled.drawn.includes(id)).length).toBeGreaterThan(0);
      expect(scrolled.drawn.length).toBeLessThan(d.nodes.length / 4);
      // The minimap: a click at its bottom shows the end of the diagram.
      const minimap = (await view.page.locator('#minimap canvas').boundingBox())!;
      await view.page.mouse.click(minimap.x + minimap.width / 2, minimap.y + minimap.height - 2);
      const end = await drawnState(view);
      expect(end.view.y + end.view.height).toBeGreaterThan(d.height - end.view.height);
      expectDrawnNearView(d, end);
      // Zoomed out (the overview): more is in view, and drawn.
      for (let i = 0; i < 3; i++) await view.page.locator('#zoom-out').click();
      const zoomed = await drawnState(view);
      expect(zoomed.view.height).toBeGreaterThan(end.view.height * 1.5);
      expectDrawnNearView(d, zoomed);
      // Collapsing a flow on screen moves the rows below up: the flows that come into view are drawn.
      await view.page.locator('#fit').click();
      const top = await drawnState(view);
      const header = view.page.locator(`[data-flow-toggle="${d.flows![0]!.id}"]`);
      await header.click();
      const after = await view.page.evaluate(() => [...document.querySelectorAll<SVGGElement>('#viewport g.af-node[data-node-id]')]
        .filter((g) => g.getBoundingClientRect().bottom < document.querySelector('#viewport')!.getBoundingClientRect().bottom).map((g) => g.dataset.nodeId!));
      const firstFlowNodes = new Set(flowGroups(d)[0]!.nodes.map((n) => n.id));
      expect(after.some((id) => firstFlowNodes.has(id))).toBe(false);
      // The nodes shown now reach further down the diagram than before the collapse.
      const lowest = (ids: string[]) => Math.max(...ids.map((id) => d.nodes.find((n) => n.id === id)!.y));
      expect(lowest(after)).toBeGreaterThan(Math.min(lowest(top.drawn), top.view.y + top.view.height) - 1);
      await view.page.screenshot({ path: join(ARTIFACTS, 'canvas-on-demand.png') });
    } finally {
      await view.page.close();
    }
  });

  it('reaches every node: reveal from the source, Tab through all of them, search, badges and the export', async () => {
    const view = await WebviewPage.open(browser, server.url, 'vscode-light', { width: 1200, height: 800 });
    try {
      const message = await diagramMessage('file:///ws/big.arch.yaml', generateArchitecture(300));
      const d = message.diagram;
      const order = flowGroups(d).flatMap((g) => g.nodes.map((n) => n.id));
      expect(order).toHaveLength(d.nodes.length);
      await view.send(message);
      await view.page.waitForSelector('g.af-node');
      const last = order[order.length - 1]!;
      expect((await drawnState(view)).drawn).not.toContain(last);
      // The editor's cursor on the last node (reveal from the source): drawn, selected, on screen.
      await view.send({ type: 'select', id: last });
      expect(await onScreen(view, last)).toBe(true);
      expect(await view.page.locator(`g.af-node.af-selected[data-node-id="${last}"]`).count()).toBe(1);
      // Its badge, when it has problems: the farthest node with problems is drawn with it.
      const troubled = [...order].reverse().map((id) => d.nodes.find((n) => n.id === id)!).find((n) => n.problems.worst);
      expect(troubled).toBeDefined();
      await view.send({ type: 'select', id: order[0] });
      expect((await drawnState(view)).drawn).not.toContain(troubled!.id);
      await view.send({ type: 'select', id: troubled!.id });
      expect(await view.page.locator(`g.af-node[data-node-id="${troubled!.id}"] .af-badge`).getAttribute('data-count')).toBe(String(troubled!.problems.count));
      // Tab from the first node goes through every node in the diagram's order, each drawn and shown when reached.
      await view.send({ type: 'select', id: order[0] });
      await view.page.locator(`g.af-node[data-node-id="${order[0]}"]`).focus();
      const visited = [await activeNode(view)];
      const offScreen: string[] = [];
      for (let i = 1; i < order.length; i++) {
        await view.page.keyboard.press('Tab');
        const id = await activeNode(view);
        visited.push(id);
        if (i % 25 === 0 && !(await onScreen(view, id!))) offScreen.push(id!);
      }
      expect(visited).toEqual(order);
      expect(offScreen).toEqual([]);
      // Each is a button named after its node (what a screen reader reads as the focus arrives).
      expect(await view.page.evaluate(() => {
        const g = document.activeElement as SVGGElement;
        return [g.getAttribute('role'), g.getAttribute('aria-label')?.split(' — ')[0]];
      })).toEqual(['button', last]);
      // In Chromium's accessibility tree (what a screen reader gets), as a button with that name.
      const cdp = await view.page.context().newCDPSession(view.page);
      const { nodes: ax } = await cdp.send('Accessibility.getFullAXTree') as { nodes: { role?: { value?: string }; name?: { value?: string }; ignored?: boolean }[] };
      await cdp.detach();
      expect(ax.filter((n) => !n.ignored && n.role?.value === 'button' && n.name?.value?.startsWith(`${last} — `)).length).toBe(1);
      // Shift+Tab and the arrows go back and forth the same way.
      await view.page.keyboard.press('Shift+Tab');
      expect(await activeNode(view)).toBe(order[order.length - 2]);
      await view.page.keyboard.press('ArrowLeft');
      expect(await activeNode(view)).toBe(order[order.length - 3]);
      await view.page.keyboard.press('ArrowRight');
      expect(await activeNode(view)).toBe(order[order.length - 2]);
      // Search: the match off screen is counted, and Enter draws it and brings it into view.
      await view.send({ type: 'select', id: order[0] });
      const wanted = order[Math.floor(order.length * 0.8)]!;
      expect((await drawnState(view)).drawn).not.toContain(wanted);
      await view.page.locator('#search input').fill(wanted);
      expect(await view.page.locator('#matches').textContent()).toBe('1 match');
      await view.page.locator('#search input').press('Enter');
      expect(await onScreen(view, wanted)).toBe(true);
      expect(await view.page.locator(`g.af-node.af-match[data-node-id="${wanted}"]`).count()).toBe(1);
      // The export holds the whole diagram, drawn or not.
      const exported = await view.after(() => view.page.locator('#export-svg').click(), (m) => m.type === 'export') as Extract<ViewToHost, { type: 'export' }>;
      const ids = [...exported.data.matchAll(/<g class="af-node [^"]*" data-node-id="([^"]+)"/g)].map((m) => m[1]).sort();
      expect(ids).toEqual([...order].sort());
    } finally {
      await view.page.close();
    }
  });

  it('connects from the keyboard to a node off screen: the candidate is drawn, outlined and brought into view', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => String(i + 1).padStart(2, '0'));
    const text = ['archflow: 1', 'name: rows', 'routers:', '  q00:', '    type: queue',
      ...rows.flatMap((i) => [`  q${i}:`, '    type: queue', `    to: w${i}`]),
      'consumers:', ...rows.flatMap((i) => [`  w${i}:`, '    timeout: 3']), ''].join('\n');
    const view = await WebviewPage.open(browser, server.url, 'vscode-light', { width: 1200, height: 700 });
    const host = await DiagramHost.start(view, 'file:///ws/rows.arch.yaml', text);
    try {
      await view.page.waitForSelector('g.af-node[data-node-id="q00"]');
      // The function drawn farthest from q00, not in the DOM.
      const far = await view.page.evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>('#viewport svg')!;
        return svg.querySelectorAll('g.af-node').length;
      });
      expect(far).toBeLessThan(81);
      const target = 'w40';
      expect((await drawnState(view)).drawn).not.toContain(target);
      await view.page.locator('g.af-node[data-node-id="q00"]').focus();
      await view.page.keyboard.press('c');
      const candidate = (): Promise<string | undefined> => view.page.evaluate(() => (document.querySelector('.af-connect-line') as SVGElement | null)?.dataset.to);
      for (let i = 0; i < 81 && (await candidate()) !== target; i++) await view.page.keyboard.press('ArrowRight');
      expect(await candidate()).toBe(target);
      expect(await onScreen(view, target)).toBe(true);
      expect(await view.page.locator(`g.af-node.af-connect-target[data-node-id="${target}"]`).count()).toBe(1);
      const r = await host.gesture(() => view.page.keyboard.press('Enter'));
      expect(r).toMatchObject({ applied: true, message: "queue 'q00' → function 'w40' (consumer (to))" });
      expect(host.text).toBe(text.replace('  q00:\n    type: queue\n', '  q00:\n    type: queue\n    to: w40\n'));
    } finally {
      await host.stop();
      await view.page.close();
    }
  });
});

describe('the connect handle', () => {
  it('has no <title>: the shared tooltip shows its text, and it keeps its accessible name', async () => {
    const view = await WebviewPage.open(browser, server.url);
    try {
      const message = await diagramMessage('file:///ws/big.arch.yaml', generateArchitecture(60));
      await view.send(message);
      await view.page.waitForSelector('g.af-node .af-connect-handle');
      const handles = await view.page.locator('.af-connect-handle').count();
      expect(handles).toBe(await view.page.locator('g.af-node').count());
      expect(await view.page.locator('.af-connect-handle title, .af-connect-handle > *').count()).toBe(0);
      const id = await view.page.locator('g.af-node').first().getAttribute('data-node-id');
      const handle = view.page.locator(`g.af-node[data-node-id="${id}"] .af-connect-handle`);
      const text = `Drag to another node to connect '${id}' to it (or focus the node and press C)`;
      expect(await handle.getAttribute('aria-label')).toBe(text);
      const box = (await view.page.locator(`g.af-node[data-node-id="${id}"] .af-node-box`).boundingBox())!;
      await view.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const h = (await handle.boundingBox())!;
      await view.page.mouse.move(h.x + h.width / 2, h.y + h.height / 2, { steps: 3 });
      await view.page.waitForSelector('#af-tooltip:not([hidden])');
      expect(await view.page.locator('#af-tooltip').textContent()).toBe(text);
    } finally {
      await view.page.close();
    }
  });
});

/** A queue and its future consumer, a FIFO pair, a bucket (the shape of editing.test.ts's shop). */
const SHOP = `# A shop
archflow: 1
name: shop
producers:
  api:
    type: http-api
    routes:
      POST /orders: intake
      GET /orders: lookup
      DELETE /orders: cancel
routers:
  jobs:
    type: queue
    visibilityTimeout: 60   # 6 × the worker's timeout
    to: worker
  audit:
    type: queue
    visibilityTimeout: 60
    to: worker
consumers:
  intake:
    timeout: 10
  lookup:
    timeout: 10
  cancel:
    timeout: 10
  worker:
    timeout: 10
  other:
    timeout: 10
`;

describe('a connection from the keyboard', () => {
  it('routes its preview around the other nodes and brings each candidate into view', async () => {
    const view = await WebviewPage.open(browser, server.url, 'vscode-light', { width: 700, height: 500 });
    const host = await DiagramHost.start(view, 'file:///ws/shop.arch.yaml', SHOP);
    try {
      await view.page.waitForSelector('g.af-node[data-node-id="intake"]');
      await view.page.locator('g.af-node[data-node-id="api"]').focus();
      await view.page.keyboard.press('c');
      const count = await view.page.locator('g.af-node').count();
      let straightCrossed = 0;
      for (let i = 0; i < count - 1; i++) {
        const seen = await view.page.evaluate(() => {
          const path = document.querySelector<SVGPathElement>('path.af-connect-line')!;
          const m = path.getScreenCTM()!;
          const pts = [...path.getAttribute('d')!.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map(([, x, y]) => new DOMPoint(Number(x), Number(y)).matrixTransform(m));
          const to = path.dataset.to!;
          const boxes = [...document.querySelectorAll<SVGGElement>('g.af-node[data-node-id]')].map((g) => {
            const r = g.querySelector('.af-node-box')!.getBoundingClientRect();
            return { id: g.dataset.nodeId!, x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2 };
          });
          const port = document.querySelector('#viewport')!.getBoundingClientRect();
          const target = boxes.find((b) => b.id === to)!;
          return { to, pts: pts.map((p) => ({ x: p.x, y: p.y })), boxes, port: { x: port.x, y: port.y, width: port.width, height: port.height }, target };
        });
        const others = seen.boxes.filter((b) => b.id !== 'api' && b.id !== seen.to);
        const segment = (a: { x: number; y: number }, b: { x: number; y: number }): Box =>
          ({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.max(0.5, Math.abs(a.x - b.x)), height: Math.max(0.5, Math.abs(a.y - b.y)) });
        // Every segment is level or upright, and crosses no other node.
        for (let k = 1; k < seen.pts.length; k++) {
          const a = seen.pts[k - 1]!;
          const b = seen.pts[k]!;
          expect(Math.abs(a.x - b.x) < 0.01 || Math.abs(a.y - b.y) < 0.01, `${seen.to}: a slanted segment`).toBe(true);
          expect(others.filter((o) => meets(segment(a, b), o)).map((o) => o.id), `the line to ${seen.to}`).toEqual([]);
        }
        // It starts at the source's right side and ends at the candidate's side.
        const end = seen.pts[seen.pts.length - 1]!;
        expect(Math.min(Math.abs(end.x - (seen.target.x - 1)), Math.abs(end.x - (seen.target.x + seen.target.width + 1)))).toBeLessThan(1.5);
        // The straight line would have gone through a node (a line sampled along its length).
        const a = seen.pts[0]!;
        const straight = Array.from({ length: 50 }, (_, s) => ({ x: a.x + (end.x - a.x) * (s / 49), y: a.y + (end.y - a.y) * (s / 49) }));
        if (others.some((o) => straight.some((p) => meets({ ...p, width: 0.5, height: 0.5 }, o)))) straightCrossed++;
        // The candidate is on screen.
        expect(meets(seen.target, seen.port) && seen.target.x >= seen.port.x - 1 && seen.target.x + seen.target.width <= seen.port.x + seen.port.width + 1
          && seen.target.y >= seen.port.y - 1 && seen.target.y + seen.target.height <= seen.port.y + seen.port.height + 1, `${seen.to} on screen`).toBe(true);
        await view.page.keyboard.press('ArrowRight');
      }
      expect(straightCrossed).toBeGreaterThan(0);
      await view.page.keyboard.press('Escape');
      await view.page.screenshot({ path: join(ARTIFACTS, 'canvas-route.png') });
      expect(host.text).toBe(SHOP);
    } finally {
      await host.stop();
      await view.page.close();
    }
  });

  it('asks which word clear of the palette, the two nodes and the settings panel; Escape closes it', async () => {
    const view = await WebviewPage.open(browser, server.url, 'vscode-light', { width: 1000, height: 700 });
    const host = await DiagramHost.start(view, 'file:///ws/shop.arch.yaml', SHOP);
    host.serveSettings();
    try {
      await view.page.waitForSelector('g.af-node[data-node-id="other"]');
      // The palette wraps to a second row at this width.
      const palette = (await view.page.locator('#af-palette').boundingBox())!;
      const button = (await view.page.locator('#af-palette vscode-button').first().boundingBox())!;
      expect(palette.height).toBeGreaterThan(button.height * 1.8);
      // The settings panel of the queue is open.
      await view.page.locator('g.af-node[data-node-id="audit"] .af-node-box').click();
      await view.page.waitForSelector('#af-settings:not([hidden])');
      await view.page.waitForTimeout(100);
      await view.page.locator('g.af-node[data-node-id="other"]').focus();
      const ask = await host.gesture(async () => {
        await view.page.keyboard.press('c');
        for (let i = 0; i < 10 && (await view.page.evaluate(() => (document.querySelector('.af-connect-line') as SVGElement | null)?.dataset.to)) !== 'jobs'; i++) {
          await view.page.keyboard.press('ArrowRight');
        }
        await view.page.keyboard.press('Enter');
      });
      expect(ask.choices?.map((c) => c.word)).toEqual(['emits', 'onFailure']);
      await view.page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset?.word === 'emits');
      const rect = async (selector: string): Promise<Box> => (await view.page.locator(selector).boundingBox())!;
      const dialog = await rect('#af-confirm');
      const avoid = {
        palette: await rect('#af-palette'),
        status: await rect('#af-edit-status'),
        settings: await rect('#af-settings'),
        other: await rect('g.af-node[data-node-id="other"] .af-node-box'),
        jobs: await rect('g.af-node[data-node-id="jobs"] .af-node-box'),
      };
      expect(Object.entries(avoid).filter(([, r]) => meets(dialog, r)).map(([k]) => k)).toEqual([]);
      // Inside the window.
      expect(dialog.x).toBeGreaterThanOrEqual(0);
      expect(dialog.y + dialog.height).toBeLessThanOrEqual(700);
      await view.page.screenshot({ path: join(ARTIFACTS, 'canvas-choice.png') });
      await view.page.keyboard.press('Escape');
      expect(await view.page.locator('#af-confirm').isHidden()).toBe(true);
      expect(host.text).toBe(SHOP);
    } finally {
      await host.stop();
      await view.page.close();
    }
  });
});
