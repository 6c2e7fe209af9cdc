/**
 * The orders example built from an empty file with the diagram's gestures only — palette, connect
 * (drag, or from the keyboard), the word picked where a pair has several, the settings panels of
 * nodes, connections, catalog events and the file, rename — in Debian's Chromium against the real
 * language server; and the gestures added for it (keyboard connect, Escape on the delete preview,
 * a new node brought into view, the docked settings panel).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ORDERS_GESTURES, type OrdersGesture } from '../fixtures/orders-gestures';
import { DiagramHost } from '../helpers/diagram-host';
import { ARTIFACTS, launchChromium, serveWebview, WebviewPage } from '../helpers/webview-page';
import type { DiagramEditResult } from '../../server/src/protocol';

const EXAMPLE = readFileSync(join(__dirname, '../../examples/orders.arch.yaml'), 'utf8');

let browser: Browser;
let server: Awaited<ReturnType<typeof serveWebview>>;

beforeAll(async () => {
  browser = await launchChromium();
  server = await serveWebview();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The diagram's gestures, driven as a person does them. */
class Hand {
  constructor(readonly view: WebviewPage, readonly host: DiagramHost) {}

  get page() {
    return this.view.page;
  }

  async add(kind: string, name: string): Promise<DiagramEditResult> {
    const button = (await this.page.locator(`#af-palette vscode-button[data-kind="${kind}"]`).boundingBox())!;
    const viewport = (await this.page.locator('#viewport').boundingBox())!;
    await this.page.mouse.move(button.x + button.width / 2, button.y + button.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(viewport.x + 60, viewport.y + 60, { steps: 4 });
    await this.page.mouse.up();
    await this.page.locator('#af-name input').fill(name);
    const r = await this.host.gesture(() => this.page.locator('#af-name input').press('Enter'));
    await this.page.waitForSelector(`g.af-node[data-node-id="${name}"]`);
    return r;
  }

  /**
   * Finds a node with the search box (Enter brings the first match into view: a flow far out of view
   * is not drawn, so not focusable), then focuses it as Tab does.
   */
  async focus(id: string): Promise<void> {
    const search = this.page.locator('#search input');
    await search.fill(id);
    await search.press('Enter');
    await search.fill('');
    await this.page.locator(`g.af-node[data-node-id="${id}"]`).focus();
    await this.page.waitForFunction((n) => (document.activeElement as SVGElement | null)?.dataset?.nodeId === n, id);
  }

  /** C on the focused source, arrows to the target, Enter; the word picked when the server asks. */
  async connect(from: string, to: string, word?: string): Promise<DiagramEditResult> {
    await this.focus(from);
    await this.page.keyboard.press('c');
    for (let i = 0; i < 40 && !(await this.page.locator(`g.af-node.af-connect-target[data-node-id="${to}"]`).count()); i++) {
      await this.page.keyboard.press('ArrowRight');
    }
    let r = await this.host.gesture(() => this.page.keyboard.press('Enter'));
    if (r.choices) {
      expect(word, `${from} → ${to} asks: ${r.choices.map((c) => c.word).join(', ')}`).toBeDefined();
      await this.page.waitForSelector('#af-confirm:not([hidden]) .af-choice');
      r = await this.host.gesture(() => this.page.locator(`#af-confirm .af-choice[data-word="${word}"]`).click());
    }
    return r;
  }

  /** Opens the panel of what a setting belongs to, and waits for its field. */
  async openPanel(g: Extract<OrdersGesture, { kind: 'set' }>): Promise<void> {
    if (g.on === 'architecture' || g.on === 'event') {
      await this.page.locator('#af-architecture').click();
      if (g.on === 'event') {
        await this.page.locator(`#af-settings .af-link[data-target="event:${g.id}"]`).click();
        await this.page.waitForFunction((id) => document.querySelector('#af-settings h2')?.textContent?.includes(`event '${id}'`), g.id);
      }
    } else if (g.on === 'node') {
      await this.focus(g.id);
      await this.page.keyboard.press('Enter');
      await this.page.waitForFunction((id) => document.querySelector('#af-settings:not([hidden]) h2')?.textContent?.includes(`'${id}'`), g.id);
    } else if (g.on === 'edge') {
      const edge = this.page.locator(`#viewport g.af-edge[data-from="${g.from}"][data-to="${g.to}"]`).nth(g.nth ?? 0);
      const id = await edge.getAttribute('data-edge-id');
      // Its source in view (the view pans to a focused node), then a click on the connection: the first point along its line where it is what the pointer hits.
      await this.focus(g.from);
      const at = await this.page.evaluate((edgeId) => {
        const path = document.querySelector<SVGPathElement>(`#viewport g.af-edge[data-edge-id="${CSS.escape(edgeId!)}"] path.af-edge-hit`)!;
        const m = path.getScreenCTM()!;
        const length = path.getTotalLength();
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
          const p = new DOMPoint(path.getPointAtLength(length * t).x, path.getPointAtLength(length * t).y).matrixTransform(m);
          const hit = document.elementFromPoint(p.x, p.y)?.closest<SVGElement>('[data-edge-id]');
          if (hit?.dataset.edgeId === edgeId) return { x: p.x, y: p.y };
        }
        return undefined;
      }, id);
      if (!at) await this.page.screenshot({ path: join(ARTIFACTS, 'orders-edge-miss.png') });
      if (!at) throw new Error(`connection ${g.from} → ${g.to} is not where a pointer can click it`);
      await this.page.mouse.click(at.x, at.y);
      await this.page.waitForFunction((e) => document.querySelector('#af-settings:not([hidden]) h2')?.textContent?.includes(`'${e.from}' → `) && document.querySelector('#af-settings h2')?.textContent?.includes(`'${e.to}'`), { from: g.from, to: g.to });
      expect(id).toBeTruthy();
    }
    await this.page.locator(`#af-settings .af-field[data-key="${g.key}"]`).waitFor();
  }

  async set(g: Extract<OrdersGesture, { kind: 'set' }>): Promise<DiagramEditResult> {
    await this.openPanel(g);
    const box = this.page.locator(`#af-settings .af-field[data-key="${g.key}"]`);
    const multiline = (await box.locator('vscode-textarea').count()) > 0;
    const input = box.locator(multiline ? 'textarea' : 'input');
    await input.fill(g.value);
    return this.host.gesture(() => input.press(multiline ? 'Control+Enter' : 'Enter'));
  }

  async addEvent(name: string): Promise<DiagramEditResult> {
    await this.page.locator('#af-architecture').click();
    const field = this.page.locator('#af-new-event input');
    await field.fill(name);
    const r = await this.host.gesture(() => field.press('Enter'));
    await this.page.locator(`#af-settings .af-link[data-target="event:${name}"]`).waitFor();
    return r;
  }

  async rename(id: string, to: string): Promise<DiagramEditResult> {
    await this.focus(id);
    await this.page.keyboard.press('F2');
    await this.page.locator('#af-name input').fill(to);
    return this.host.gesture(() => this.page.locator('#af-name input').press('Enter'));
  }
}

describe('the orders example from an empty file, with the diagram only', () => {
  it('builds a text that lints clean and parses to the same document as examples/orders.arch.yaml', { timeout: 400_000 }, async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, 'file:///ws/orders.arch.yaml', '');
    host.serveSettings();
    const hand = new Hand(view, host);
    try {
      for (const g of ORDERS_GESTURES) {
        const r = g.kind === 'add' ? await hand.add(g.nodeKind, g.name)
          : g.kind === 'event' ? await hand.addEvent(g.name)
          : g.kind === 'connect' ? await hand.connect(g.from, g.to, g.word)
          : g.kind === 'rename' ? await hand.rename(g.id, g.to)
          : await hand.set(g);
        expect(r.applied, `${JSON.stringify(g)}: ${r.message}`).toBe(true);
      }
      expect((await host.diagnostics()).diagnostics).toEqual([]);
      // Structurally the example: names, kinds, settings, edges. Comments, key order and flow or
      // block style differ (the JSON Schemas are block lines here, flow maps in the example).
      expect(parseYaml(host.text)).toEqual(parseYaml(EXAMPLE));
      expect(await view.page.locator('g.af-badge').count()).toBe(0);
    } finally {
      await host.stop();
      await view.page.close();
    }
  });
});

/** A queue and its future consumer, a FIFO pair, a bucket (the shape of editing.test.ts's shop). */
const SHOP = `# A shop
archflow: 1
name: shop
producers:
  uploads:
    type: bucket
routers:
  jobs:
    type: queue
    visibilityTimeout: 60   # 6 × the worker's timeout
consumers:
  worker:
    timeout: 10
  other:
    timeout: 10
`;
const URI = 'file:///ws/shop.arch.yaml';

/** The view's visible world rectangle (`data-view`: x y width height). */
const viewOf = async (view: WebviewPage): Promise<number[]> =>
  (await view.page.locator('#viewport svg').getAttribute('data-view'))!.split(' ').map(Number);

describe('the gestures added for building from the diagram', () => {
  it('connects from the keyboard: C on a focused node, arrows to a candidate, Escape cancels, Enter connects', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, SHOP);
    try {
      await view.page.waitForSelector('g.af-node[data-node-id="jobs"]');
      // Tab reaches the nodes (they are focusable buttons named after the node).
      expect(await view.page.locator('g.af-node[data-node-id="jobs"]').getAttribute('tabindex')).toBe('0');
      expect(await view.page.locator('g.af-node[data-node-id="jobs"]').getAttribute('aria-label')).toMatch(/^jobs — SQS queue/);
      await view.page.locator('g.af-node[data-node-id="jobs"]').focus();
      const target = (): Promise<string[]> => view.page.$$eval('g.af-node.af-connect-target', (els) => els.map((e) => (e as SVGGElement).dataset.nodeId!));
      await view.page.keyboard.press('c');
      // The candidates: the other nodes left to right (top to bottom in a column), from the source on, wrapping.
      const boxes = await view.page.$$eval('g.af-node[data-node-id] .af-node-box', (els) => els.map((e) => {
        const r = e.getBoundingClientRect();
        return { id: (e.closest('g.af-node') as SVGGElement).dataset.nodeId!, x: Math.round(r.x), y: Math.round(r.y) };
      }));
      const jobs = boxes.find((b) => b.id === 'jobs')!;
      const order = boxes.filter((b) => b.id !== 'jobs').sort((a, b) => (a.x - b.x) || (a.y - b.y));
      const expected = [...order.filter((b) => b.x > jobs.x || (b.x === jobs.x && b.y > jobs.y)), ...order.filter((b) => !(b.x > jobs.x || (b.x === jobs.x && b.y > jobs.y)))].map((b) => b.id);
      expect(expected).toHaveLength(3);
      const seen = [(await target())[0]];
      await view.page.keyboard.press('ArrowRight');
      seen.push((await target())[0]);
      await view.page.keyboard.press('Tab');
      seen.push((await target())[0]);
      await view.page.keyboard.press('ArrowDown');
      seen.push((await target())[0]);
      expect(seen).toEqual([...expected, expected[0]]);
      await view.page.keyboard.press('ArrowLeft');
      expect(await target()).toEqual([expected[2]]);
      await view.page.keyboard.press('Shift+Tab');
      expect(await target()).toEqual([expected[1]]);
      expect(await view.page.locator('#af-edit-status').textContent()).toBe(`Connect 'jobs' to '${expected[1]}'? Arrows or Tab: another node · Enter: connect · Escape: cancel`);
      const posted = (await view.posted()).length;
      await view.page.keyboard.press('Escape');
      expect(await target()).toEqual([]);
      expect(await view.page.locator('.af-connect-line').count()).toBe(0);
      expect(await view.page.locator('#af-edit-status').textContent()).toBe('Connection cancelled.');
      expect((await view.posted()).slice(posted).filter((m) => m.type === 'edit')).toEqual([]);
      await view.page.keyboard.press('c');
      while (!(await target()).includes('worker')) await view.page.keyboard.press('ArrowRight');
      const r = await host.gesture(() => view.page.keyboard.press('Enter'));
      expect(r).toMatchObject({ applied: true, message: "queue 'jobs' → function 'worker' (consumer (to))" });
      expect(host.text).toBe(SHOP.replace("    visibilityTimeout: 60   # 6 × the worker's timeout\n", "    visibilityTimeout: 60   # 6 × the worker's timeout\n    to: worker\n"));
      // A function's connection to a queue has two words: the choice, focused, Escape closes it.
      const ask = await host.gesture(async () => {
        await view.page.locator('g.af-node[data-node-id="other"]').focus();
        await view.page.keyboard.press('c');
        while (!(await target()).includes('jobs')) await view.page.keyboard.press('ArrowRight');
        await view.page.keyboard.press('Enter');
      });
      expect(ask).toEqual({ applied: false, message: "Connect function 'other' to queue 'jobs' as", problems: [], choices: [
        { word: 'emits', label: 'emits (sends to it)' }, { word: 'onFailure', label: 'failure destination (async.onFailure)' },
      ] });
      await view.page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset?.word === 'emits');
      expect(await view.page.locator('#af-confirm .af-choice').allTextContents()).toEqual(['emits (sends to it)', 'failure destination (async.onFailure)']);
      const failure = await host.gesture(() => view.page.locator('#af-confirm .af-choice[data-word="onFailure"]').click());
      expect(failure).toMatchObject({ applied: true, message: "function 'other' → queue 'jobs' (failure destination)" });
      expect(host.text).toContain('  other:\n    timeout: 10\n    async: { onFailure: jobs }\n');
    } finally {
      await host.stop();
      await view.page.close();
    }
  });

  it('closes the delete preview with Escape, changing nothing, the focus back on the diagram', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, SHOP);
    try {
      await view.page.locator('g.af-node[data-node-id="jobs"] .af-node-box').click();
      await view.page.waitForSelector('g.af-node.af-selected[data-node-id="jobs"]');
      await host.gesture(() => view.page.keyboard.press('Delete'));
      await view.page.waitForFunction(() => document.activeElement?.id === 'af-confirm-ok');
      await view.page.keyboard.press('Escape');
      expect(await view.page.locator('#af-confirm').isHidden()).toBe(true);
      expect(await view.page.evaluate(() => document.querySelector('#af-confirm')!.contains(document.activeElement))).toBe(false);
      expect(host.text).toBe(SHOP);
      // Escape with the focus elsewhere (the preview opened, then a click on the search box) closes it too.
      await host.gesture(() => view.page.keyboard.press('Delete'));
      await view.page.waitForSelector('#af-confirm:not([hidden])');
      await view.page.locator('#search input').focus();
      await view.page.keyboard.press('Escape');
      expect(await view.page.locator('#af-confirm').isHidden()).toBe(true);
      // Delete previews again at once: the closed preview took no key.
      const again = await host.gesture(() => view.page.locator('g.af-node[data-node-id="jobs"] .af-node-box').click().then(() => view.page.keyboard.press('Delete')));
      expect(again).toMatchObject({ applied: false, message: "delete queue 'jobs'" });
      expect(host.version).toBe(1);
    } finally {
      await host.stop();
      await view.page.close();
    }
  });

  it('brings a new node out of view into view with the least pan, keeping the zoom; a node in view moves nothing', async () => {
    // Twelve queue → function flows: taller than the panel.
    const many = `archflow: 1\nname: many\nrouters:\n${Array.from({ length: 12 }, (_, i) => `  q${i}:\n    type: queue\n    to: f${i}\n`).join('')}consumers:\n${Array.from({ length: 12 }, (_, i) => `  f${i}: {}\n`).join('')}`;
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, many);
    const hand = new Hand(view, host);
    try {
      await view.page.waitForSelector('g.af-node[data-node-id="f0"]');
      await view.page.locator('#zoom-in').click();
      const before = await viewOf(view);
      expect((await hand.add('function', 'zz')).applied).toBe(true);
      const after = await viewOf(view);
      const node = (await view.page.locator('g.af-node[data-node-id="zz"] .af-node-box').boundingBox())!;
      const port = (await view.page.locator('#viewport').boundingBox())!;
      // In view, whole.
      expect(node.x >= port.x && node.y >= port.y && node.x + node.width <= port.x + port.width && node.y + node.height <= port.y + port.height).toBe(true);
      // The zoom kept (the visible width the same), the view moved down only, no further than needed.
      expect(after[2]).toBeCloseTo(before[2]!, 5);
      expect(after[0]).toBeCloseTo(before[0]!, 5);
      expect(after[1]).toBeGreaterThan(before[1]!);
      expect(node.y + node.height).toBeGreaterThan(port.y + port.height - 40);
      // A second node added where the view already is: nothing moves.
      const small = 'archflow: 1\nname: s\nrouters:\n  q:\n    type: queue\n';
      const view2 = await WebviewPage.open(browser, server.url);
      const host2 = await DiagramHost.start(view2, 'file:///ws/s.arch.yaml', small);
      try {
        await view2.page.waitForSelector('g.af-node[data-node-id="q"]');
        const still = await viewOf(view2);
        expect((await new Hand(view2, host2).add('function', 'f')).applied).toBe(true);
        expect((await viewOf(view2)).slice(0, 3)).toEqual(still.slice(0, 3));
      } finally {
        await host2.stop();
        await view2.page.close();
      }
    } finally {
      await host.stop();
      await view.page.close();
    }
  });

  it('docks the settings panel: the diagram gives it its room, no node is under it, the selected one stays in view', async () => {
    const view = await WebviewPage.open(browser, server.url, 'vscode-light', { width: 900, height: 700 });
    const host = await DiagramHost.start(view, URI, SHOP);
    host.serveSettings();
    try {
      await view.page.waitForSelector('g.af-node[data-node-id="worker"]');
      const wide = (await view.page.locator('#viewport').boundingBox())!;
      await view.page.locator('g.af-node[data-node-id="worker"] .af-node-box').click();
      await view.page.waitForSelector('#af-settings:not([hidden])');
      const panel = (await view.page.locator('#af-settings').boundingBox())!;
      await view.page.waitForFunction((w) => document.querySelector('#viewport')!.getBoundingClientRect().width < w, wide.width);
      const port = (await view.page.locator('#viewport').boundingBox())!;
      expect(port.x + port.width).toBeLessThanOrEqual(panel.x + 0.5);
      expect(port.width).toBeCloseTo(wide.width - 320, 0);
      // The selected node, whole, in the diagram's area (it was at the right edge, now under the panel's place).
      await view.page.waitForFunction(() => {
        const n = document.querySelector('g.af-node[data-node-id="worker"] .af-node-box')!.getBoundingClientRect();
        const p = document.querySelector('#viewport')!.getBoundingClientRect();
        return n.left >= p.left && n.right <= p.right && n.top >= p.top && n.bottom <= p.bottom;
      });
      // No node's visible part is covered by the panel: what the pointer hits at a node is the node.
      const covered = await view.page.$$eval('g.af-node[data-node-id] .af-node-box', (boxes) => boxes.flatMap((b) => {
        const r = b.getBoundingClientRect();
        const p = document.querySelector('#viewport')!.getBoundingClientRect();
        const x = Math.min(Math.max(r.left + r.width / 2, p.left + 1), p.right - 1);
        const y = Math.min(Math.max(r.top + r.height / 2, p.top + 1), p.bottom - 1);
        if (r.right < p.left || r.left > p.right || r.bottom < p.top || r.top > p.bottom) return [];
        return document.elementFromPoint(x, y)?.closest('#af-settings') ? [(b.closest('g.af-node') as SVGGElement).dataset.nodeId] : [];
      }));
      expect(covered).toEqual([]);
      // Closed: the diagram has the whole width again.
      await view.page.locator('#af-settings-close').click();
      await view.page.waitForFunction((w) => document.querySelector('#viewport')!.getBoundingClientRect().width === w, wide.width);
    } finally {
      await host.stop();
      await view.page.close();
    }
  });
});
