/**
 * The screenshots of docs/diagram.md's "Editing by drawing", made from the real webview in Debian's
 * Chromium against the real language server (the webview tests' harness: test/helpers/). Run after
 * `node scripts/build.mjs`:
 *
 *     npx tsx scripts/diagram-screenshots.ts
 *
 * Writes docs/images/diagram-*.png (light theme, 1,000 px wide) and fails when one is over 150 kB.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { DiagramHost } from '../test/helpers/diagram-host';
import { launchChromium, serveWebview, WebviewPage } from '../test/helpers/webview-page';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'docs/images');
const ORDERS = readFileSync(join(ROOT, 'examples/orders.arch.yaml'), 'utf8');
const LIMIT = 150 * 1024;
const SIZE = { width: 1000, height: 560 };

/** Half of the orders example: functions, the bus and the catalog, not yet connected. */
const HALF = `archflow: 1
name: orders
events:
  OrderPlaced: { source: shop.orders }
  OrderPaid: { source: shop.payments }
  PaymentFailed: { source: shop.payments }
producers:
  checkout:
    type: http-api
    routes:
      POST /orders: placeOrder
routers:
  orderBus:
    type: event-bus
  billing:
    type: queue
consumers:
  placeOrder: {}
  chargeCard: {}
`;

/** A shop with problems the badges offer to fix. */
const SHOP = `archflow: 1
name: shop
routers:
  jobs.fifo:
    type: queue
    fifo: true
    to: worker
consumers:
  worker:
    timeout: 10
`;

const written: string[] = [];

async function shot(page: Page, name: string): Promise<void> {
  const path = join(OUT, name);
  await page.waitForTimeout(150);
  await page.screenshot({ path });
  const size = statSync(path).size;
  written.push(`${name} ${(size / 1024).toFixed(1)} kB`);
  if (size > LIMIT) throw new Error(`${name} is ${size} bytes, over ${LIMIT}: make the view smaller`);
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  const server = await serveWebview();
  const session = async (uri: string, text: string, act: (view: WebviewPage, host: DiagramHost) => Promise<void>): Promise<void> => {
    const view = await WebviewPage.open(browser, server.url, 'vscode-light', SIZE);
    const host = await DiagramHost.start(view, uri, text);
    host.serveSettings();
    try {
      await act(view, host);
    } finally {
      await host.stop();
      await view.page.close();
    }
  };
  try {
    // Add: a kind dropped from the palette asks for its name.
    await session('file:///ws/orders.arch.yaml', HALF, async (view) => {
      const { page } = view;
      await page.waitForSelector('g.af-node[data-node-id="billing"]');
      const button = (await page.locator('#af-palette vscode-button[data-kind="function"]').boundingBox())!;
      await page.mouse.move(button.x + button.width / 2, button.y + button.height / 2);
      await page.mouse.down();
      await page.mouse.move(620, 300, { steps: 5 });
      await page.mouse.up();
      await page.locator('#af-name input').fill('sendReceipt');
      await shot(page, 'diagram-add.png');
    });
    // Connect: a function → bus pair has several words; the choice, and the keyboard's candidate.
    await session('file:///ws/orders.arch.yaml', HALF, async (view, host) => {
      const { page } = view;
      await page.waitForSelector('g.af-node[data-node-id="chargeCard"]');
      await host.gesture(async () => {
        await page.locator('g.af-node[data-node-id="chargeCard"]').focus();
        await page.keyboard.press('c');
        while (!(await page.locator('g.af-node.af-connect-target[data-node-id="orderBus"]').count())) await page.keyboard.press('ArrowRight');
        await shot(page, 'diagram-keyboard-connect.png');
        await page.keyboard.press('Enter');
      });
      await page.waitForSelector('#af-confirm:not([hidden]) .af-choice');
      await shot(page, 'diagram-connect-choice.png');
    });
    // The panels: a rule (its name, pattern and the target's dead-letter queue), an event, the file.
    await session('file:///ws/orders.arch.yaml', ORDERS, async (view) => {
      const { page } = view;
      await page.waitForSelector('g.af-node[data-node-id="orderBus"]');
      const label = page.locator('g.af-edge-label[data-edge-id="/routers/orderBus/rules/paid/to/0/function"]');
      await label.click();
      await page.waitForSelector('#af-settings:not([hidden]) .af-field[data-key="pattern"]');
      await shot(page, 'diagram-settings-rule.png');
      await page.locator('#af-architecture').click();
      await page.waitForSelector('#af-settings .af-link[data-target="event:OrderPlaced"]');
      await shot(page, 'diagram-architecture.png');
      await page.locator('#af-settings .af-link[data-target="event:PaymentFailed"]').click();
      await page.waitForFunction(() => document.querySelector('#af-settings h2')?.textContent?.includes("event 'PaymentFailed'"));
      await shot(page, 'diagram-settings-event.png');
    });
    // Quick fixes from a badge.
    await session('file:///ws/shop.arch.yaml', SHOP, async (view) => {
      const { page } = view;
      await page.locator('g.af-node[data-node-id="jobs.fifo"] g.af-badge').click();
      await page.waitForSelector('#af-settings:not([hidden]) .af-fix');
      await shot(page, 'diagram-settings-fixes.png');
    });
  } finally {
    await browser.close();
    await server.close();
  }
  for (const w of written) console.log(w);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
