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
