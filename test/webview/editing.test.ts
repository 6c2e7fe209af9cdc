import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagramHost } from '../helpers/diagram-host';
import { ARTIFACTS, launchChromium, serveWebview, WebviewPage } from '../helpers/webview-page';

/** The start of a shop, with comments that every gesture must keep. */
const SHOP = `# A shop (comments stay where they are)
archflow: 1
name: shop
producers:
  uploads:
    type: bucket
routers:
  jobs:
    type: queue
    visibilityTimeout: 60   # 6 × the worker's timeout
  jobs.fifo:
    type: queue
    fifo: true
    to: worker
  news.fifo:
    type: topic
    fifo: true
    to: jobs.fifo
consumers:
  worker:
    timeout: 10
`;

const URI = 'file:///ws/shop.arch.yaml';

/** The codes of the current diagnostics, sorted. */
async function codes(host: DiagramHost): Promise<string[]> {
  return (await host.diagnostics()).diagnostics.map((d) => `${String(d.code)} ${String(d.message).slice(0, 40)}`).sort();
}

/** Drags from a node's connect handle to the centre of another node. */
async function dragConnect(view: WebviewPage, from: string, to: string): Promise<void> {
  const box = await view.page.locator(`g.af-node[data-node-id="${from}"] .af-node-box`).boundingBox();
  if (!box) throw new Error(`${from} is not drawn`);
  await view.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const handle = await view.page.locator(`g.af-node[data-node-id="${from}"] .af-connect-handle`).boundingBox();
  const target = await view.page.locator(`g.af-node[data-node-id="${to}"] .af-node-box`).boundingBox();
  if (!handle || !target) throw new Error('handle or target not visible');
  await view.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await view.page.mouse.down();
  await view.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await view.page.mouse.up();
}

const edgeIds = (view: WebviewPage): Promise<string[]> =>
  view.page.$$eval('#viewport g.af-edge[data-edge-id]', (els) => els.map((e) => (e as SVGGElement).dataset.edgeId!).sort());

// One Chromium and one webview server for the whole file; each test opens its own page and host.
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

describe('editing the architecture by drawing, against the real language server', () => {

  it('connects a queue to its consumer with `to`, and the diagram and diagnostics follow', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, SHOP);
    try {
      await view.page.waitForSelector('g.af-node[data-node-id="jobs"]');
      const diagnostics = await codes(host);
      const before = await edgeIds(view);
      const result = await host.gesture(() => dragConnect(view, 'jobs', 'worker'));
      expect(result).toMatchObject({ applied: true, message: "queue 'jobs' → function 'worker' (consumer (to))" });
      expect(host.text).toBe(SHOP.replace('    visibilityTimeout: 60   # 6 × the worker\'s timeout\n', '    visibilityTimeout: 60   # 6 × the worker\'s timeout\n    to: worker\n'));
      expect(host.labels).toEqual(["Diagram: queue 'jobs' → function 'worker' (consumer (to))"]);
      // What the new reference brings: the queue's consumer has no dead-letter queue and no partial batch responses.
      expect((await codes(host)).filter((c) => !diagnostics.includes(c))).toEqual([
        "esm/partial-batch-response 'worker' reads queue 'jobs' without part",
        "sqs/dead-letter-queue Queue 'jobs' is consumed by 'worker' but",
      ]);
      await view.page.waitForFunction((n) => document.querySelectorAll('#viewport g.af-edge[data-edge-id]').length === n + 1, before.length);
      expect(await view.page.locator('#af-edit-status').textContent()).toContain("queue 'jobs' → function 'worker'");
      await view.page.screenshot({ path: join(ARTIFACTS, 'edit-connect.png') });
    } finally {
      await host.stop();
      await view.page.close();
    }
  });

  it('refuses a pair AWS does not allow, with the rule\'s reason, and leaves the text alone', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, SHOP);
    try {
      await view.page.waitForSelector('g.af-node[data-node-id="news.fifo"]');
      const diagnostics = await codes(host);
      const result = await host.gesture(() => dragConnect(view, 'news.fifo', 'worker'));
      const reason = "FIFO topic 'news.fifo' cannot deliver to function 'worker': only SQS queues subscribe to FIFO topics. Subscribe a FIFO queue and let 'worker' consume it.";
      expect(result).toEqual({ applied: false, message: reason, problems: [] });
      expect(host.text).toBe(SHOP);
      expect(host.version).toBe(1);
      expect(await codes(host)).toEqual(diagnostics);
      expect(await view.page.locator('#af-edit-status').textContent()).toBe(`Not changed: ${reason}`);
      const bucket = await host.gesture(() => dragConnect(view, 'uploads', 'jobs.fifo'));
      expect(bucket.message).toBe("Bucket 'uploads' cannot notify FIFO queue 'jobs.fifo': S3 event notifications support only standard queues and topics. Notify a standard queue, or route the events through EventBridge.");
      expect(host.text).toBe(SHOP);
      await view.page.screenshot({ path: join(ARTIFACTS, 'edit-connect-refused.png') });
    } finally {
      await host.stop();
      await view.page.close();
    }
  });

  it('adds a node dropped from the palette, asking for its name (checked as typed)', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, SHOP);
    try {
      await view.page.waitForSelector('g.af-node');
      const button = await view.page.locator('#af-palette vscode-button[data-kind="topic"]').boundingBox();
      const viewport = await view.page.locator('#viewport').boundingBox();
      if (!button || !viewport) throw new Error('palette or viewport not visible');
      await view.page.mouse.move(button.x + button.width / 2, button.y + button.height / 2);
      await view.page.mouse.down();
      await view.page.mouse.move(viewport.x + 300, viewport.y + 200, { steps: 6 });
      await view.page.mouse.up();
      await view.page.waitForSelector('#af-name-form:not([hidden])');
      expect(await view.page.locator('#af-name-form .af-name-title').textContent()).toBe('New topic: its name');
      const field = view.page.locator('#af-name input');
      expect(await field.inputValue()).toBe('alerts');
      await field.fill('jobs');
      expect(await view.page.locator('#af-name-form .af-name-problem').textContent()).toBe("'jobs' is already a node of this file.");
      await field.fill('9 alerts');
      expect(await view.page.locator('#af-name-form .af-name-problem').textContent()).toBe(
        "'9 alerts' is not a valid name: names start with a letter and use letters, digits, '_', '.' and '-' (at most 64 characters).");
      await view.page.keyboard.press('Enter');
      expect(await view.page.locator('#af-name-form').isHidden()).toBe(false);
      await field.fill('alerts');
      const result = await host.gesture(() => view.page.keyboard.press('Enter'));
      expect(result).toMatchObject({ applied: true, message: "add topic 'alerts'" });
      expect(host.text).toBe(SHOP.replace('    to: jobs.fifo\n', '    to: jobs.fifo\n  alerts:\n    type: topic\n'));
      await view.page.waitForSelector('g.af-node[data-node-id="alerts"]');
      expect(await codes(host)).toEqual(expect.arrayContaining([expect.stringMatching(/^graph\/|^sns\//)]));
      await view.page.screenshot({ path: join(ARTIFACTS, 'edit-add.png') });
    } finally {
      await host.stop();
      await view.page.close();
    }
  });
});

describe('delete with a preview, and rename in place', () => {
  it('deletes a node after previewing every line that changes; Cancel changes nothing', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, SHOP);
    try {
      await view.page.locator('g.af-node[data-node-id="jobs.fifo"] .af-node-box').click();
      await view.page.waitForSelector('g.af-node.af-selected[data-node-id="jobs.fifo"]');
      // The first answer is the preview: nothing is applied.
      const preview = await host.gesture(() => view.page.keyboard.press('Delete'));
      expect(preview).toEqual({
        applied: false, message: "delete queue 'jobs.fifo'", problems: [],
        preview: [
          { line: 11, before: '  jobs.fifo:' }, { line: 12, before: '    type: queue' }, { line: 13, before: '    fifo: true' },
          { line: 14, before: '    to: worker' }, { line: 18, before: '    to: jobs.fifo' },
        ],
      });
      expect(host.version).toBe(1);
      await view.page.waitForSelector('#af-confirm:not([hidden])');
      expect(await view.page.locator('#af-confirm .af-confirm-title').textContent()).toBe("Delete queue 'jobs.fifo': 5 lines change");
      expect(await view.page.locator('#af-confirm li').allTextContents()).toEqual([
        '11: jobs.fifo:', '12: type: queue', '13: fifo: true', '14: to: worker', '18: to: jobs.fifo',
      ]);
      await view.page.screenshot({ path: join(ARTIFACTS, 'edit-delete-preview.png') });
      await view.page.locator('#af-confirm-cancel').click();
      expect(await view.page.locator('#af-confirm').isHidden()).toBe(true);
      expect(host.text).toBe(SHOP);

      await host.gesture(() => view.page.keyboard.press('Delete'));
      const result = await host.gesture(() => view.page.locator('#af-confirm-ok').click());
      expect(result).toMatchObject({ applied: true, message: "delete queue 'jobs.fifo'" });
      expect(host.text).toBe(SHOP.replace('  jobs.fifo:\n    type: queue\n    fifo: true\n    to: worker\n', '').replace('    to: jobs.fifo\n', ''));
      await view.page.waitForFunction(() => !document.querySelector('g.af-node[data-node-id="jobs.fifo"]'));
      expect((await host.diagnostics()).diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    } finally {
      await host.stop();
      await view.page.close();
    }
  });

  it('gives the keys back to the diagram the moment a dialog closes: Delete right after Cancel previews again', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, SHOP);
    try {
      await view.page.locator('g.af-node[data-node-id="jobs.fifo"] .af-node-box').click();
      await view.page.waitForSelector('g.af-node.af-selected[data-node-id="jobs.fifo"]');
      await host.gesture(() => view.page.keyboard.press('Delete'));
      // The preview's Delete button has the focus (Enter confirms).
      await view.page.waitForFunction(() => document.activeElement?.id === 'af-confirm-ok');
      // Cancel, then Delete before the browser's next frame (a busy page, a quick hand): the key goes
      // where the focus is at that moment, as the browser sends it.
      const after = await view.page.evaluate(() => {
        const posted = (window as unknown as { __posted: { type: string }[] }).__posted;
        const from = posted.length;
        (document.querySelector('#af-confirm-cancel') as HTMLElement).click();
        const target = document.activeElement ?? document.body;
        target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, composed: true }));
        return { hidden: (document.querySelector('#af-confirm') as HTMLElement).hidden, posted: posted.slice(from) };
      });
      expect(after).toEqual({
        hidden: true,
        posted: [{ type: 'edit', version: 1, gesture: { kind: 'delete', id: 'jobs.fifo', confirmed: false } }],
      });
      expect(host.text).toBe(SHOP);

      // The same for the name form: closed with Escape, F2 at once opens it again on the selection.
      const renamed = await view.page.evaluate(() => {
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F2' }));
        return (document.querySelector('#af-name-form') as HTMLElement).hidden;
      });
      expect(renamed).toBe(false);
      await view.page.waitForFunction(() => document.activeElement?.id === 'af-name');
      const reopened = await view.page.evaluate(() => {
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
        const closed = (document.querySelector('#af-name-form') as HTMLElement).hidden;
        (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: 'F2', bubbles: true, composed: true }));
        return { closed, open: !(document.querySelector('#af-name-form') as HTMLElement).hidden };
      });
      expect(reopened).toEqual({ closed: true, open: true });
    } finally {
      await host.stop();
      await view.page.close();
    }
  });

  it('renames a node in place (double-click) everywhere it is written', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, SHOP);
    try {
      await view.page.locator('g.af-node[data-node-id="worker"] .af-node-box').dblclick();
      await view.page.waitForSelector('#af-name-form:not([hidden])');
      expect(await view.page.locator('#af-name-form .af-name-title').textContent()).toBe("Rename 'worker' everywhere it is written");
      const field = view.page.locator('#af-name input');
      expect(await field.inputValue()).toBe('worker');
      await field.fill('jobs');
      expect(await view.page.locator('#af-name-form .af-name-problem').textContent()).toBe("'jobs' is already a node of this file.");
      await field.fill('fulfil');
      const result = await host.gesture(() => view.page.keyboard.press('Enter'));
      expect(result).toMatchObject({ applied: true, message: "rename function 'worker' to 'fulfil'" });
      expect(host.text).toBe(SHOP.replace('    to: worker\n', '    to: fulfil\n').replace('  worker:\n', '  fulfil:\n'));
      await view.page.waitForSelector('g.af-node[data-node-id="fulfil"]');
      await view.page.screenshot({ path: join(ARTIFACTS, 'edit-rename.png') });
    } finally {
      await host.stop();
      await view.page.close();
    }
  });
});

describe('the settings panel', () => {
  it('shows a node\'s key settings with the schema\'s limits, lints a value while it is typed, and writes it on Enter', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, SHOP);
    host.serveSettings();
    try {
      await view.page.locator('g.af-node[data-node-id="jobs.fifo"] .af-node-box').click();
      await view.page.waitForSelector('#af-settings:not([hidden])');
      expect(await view.page.locator('#af-settings h2').textContent()).toContain("Settings of queue 'jobs.fifo'");
      expect(await view.page.locator('#af-settings label').allTextContents()).toEqual([
        'Visibility timeout (seconds)', 'Retention (seconds)', 'Delivery delay (seconds)', 'Long-polling wait (seconds)',
        'Largest message (bytes)', 'Batch size (consumer) (messages)', 'Report partial batch failures (consumer)', 'Description',
      ]);
      const field = view.page.locator('#af-settings .af-field[data-key="visibilityTimeout"]');
      expect(await field.locator('.af-hint').textContent()).toMatch(/^AWS: 0–43,200 s — How long a received message stays hidden\./);
      // The default (30 s) is below 6 × worker's 10 s: not written, the warning is the node's.
      expect(await view.page.locator('#af-settings .af-node-problems li').allTextContents()).toContain(
        "sqs/visibility-timeout: The visibility timeout 30 s (the default) of queue 'jobs.fifo' is below 6 × the timeout of its consumer 'worker' (6 × 10 s = 60 s): retried batches can be processed twice.");
      // Typed, not yet written: the panel shows what the value would give.
      await field.locator('input').fill('5');
      await view.page.waitForFunction(() => /visibility timeout 5 s/.test(document.querySelector('#af-settings .af-field[data-key="visibilityTimeout"] .af-field-problems')?.textContent ?? ''));
      expect(await field.locator('.af-field-problems li').allTextContents()).toEqual([
        "sqs/visibility-timeout: The visibility timeout 5 s of queue 'jobs.fifo' is below the timeout of its consumer 'worker' (10 s): Lambda rejects the event source mapping. Use at least 60 s (6 × 10 s).",
      ]);
      expect(host.version).toBe(1);
      await view.page.screenshot({ path: join(ARTIFACTS, 'edit-settings.png') });
      await field.locator('input').fill('60');
      const result = await host.gesture(() => field.locator('input').press('Enter'));
      expect(result).toMatchObject({ applied: true, message: "visibilityTimeout of queue 'jobs.fifo' = 60" });
      expect(host.text).toBe(SHOP.replace('    fifo: true\n    to: worker\n', '    fifo: true\n    to: worker\n    visibilityTimeout: 60\n'));
      expect((await host.diagnostics()).diagnostics.filter((d) => d.code === 'sqs/visibility-timeout')).toEqual([]);
      await view.page.waitForFunction(() => document.querySelector('#af-settings .af-field[data-key="visibilityTimeout"] .af-field-problems')?.textContent === '');
      // The consumer's batch size: a bare `to: worker` becomes `{ function: worker, batchSize: 5 }`.
      const batch = view.page.locator('#af-settings .af-field[data-key="to/batchSize"] input');
      await batch.fill('5');
      await host.gesture(() => batch.press('Enter'));
      expect(host.text).toContain('    to: { function: worker, batchSize: 5 }\n');
    } finally {
      await host.stop();
      await view.page.close();
    }
  });

  it('offers a node\'s quick fixes from its badge (the editor\'s code actions) and applies one', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, URI, SHOP);
    host.serveSettings();
    try {
      const badge = view.page.locator('g.af-node[data-node-id="jobs.fifo"] g.af-badge');
      await badge.click();
      await view.page.waitForSelector('#af-settings:not([hidden]) .af-fix');
      expect(await view.page.locator('#af-settings .af-fix').allTextContents()).toEqual([
        "Add dead-letter queue 'jobs-dlq.fifo'", 'Set visibilityTimeout to 60', 'Report partial batch failures',
      ]);
      await view.page.waitForFunction(() => document.activeElement?.classList.contains('af-fix'));
      expect(await view.page.evaluate(() => document.activeElement?.textContent)).toBe("Add dead-letter queue 'jobs-dlq.fifo'");
      // The same fix the editor offers for the diagnostic.
      const diagnostic = (await host.diagnostics()).diagnostics.find((d) => d.code === 'sqs/visibility-timeout')!;
      const actions = await host.client.request<{ title: string }[]>('textDocument/codeAction', {
        textDocument: { uri: URI }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] },
      });
      expect(actions.map((a) => a.title)).toContain('Set visibilityTimeout to 60');
      await view.page.screenshot({ path: join(ARTIFACTS, 'edit-quick-fix.png') });
      const result = await host.gesture(() => view.page.locator('#af-settings .af-fix', { hasText: 'Set visibilityTimeout to 60' }).click());
      expect(result).toMatchObject({ applied: true, message: 'Set visibilityTimeout to 60 (sqs/visibility-timeout)' });
      expect(host.text).toBe(SHOP.replace('    fifo: true\n    to: worker\n', '    fifo: true\n    to: worker\n    visibilityTimeout: 60\n'));
      expect((await host.diagnostics()).diagnostics.map((d) => d.code)).not.toContain('sqs/visibility-timeout');
      await view.page.waitForFunction(() => [...document.querySelectorAll('#af-settings .af-fix')].every((b) => b.textContent !== 'Set visibilityTimeout to 60'));
    } finally {
      await host.stop();
      await view.page.close();
    }
  });
});

describe('from an empty file, using only the diagram', () => {
  it('builds an API → function → queue (with its dead-letter queue) → function architecture that lints clean', async () => {
    const view = await WebviewPage.open(browser, server.url);
    const host = await DiagramHost.start(view, 'file:///ws/orders.arch.yaml', '');
    host.serveSettings();
    try {
      const add = async (kind: string, name: string): Promise<void> => {
        const button = (await view.page.locator(`#af-palette vscode-button[data-kind="${kind}"]`).boundingBox())!;
        const viewport = (await view.page.locator('#viewport').boundingBox())!;
        await view.page.mouse.move(button.x + button.width / 2, button.y + button.height / 2);
        await view.page.mouse.down();
        await view.page.mouse.move(viewport.x + 40, viewport.y + 40, { steps: 4 });
        await view.page.mouse.up();
        await view.page.locator('#af-name input').fill(name);
        const r = await host.gesture(() => view.page.locator('#af-name input').press('Enter'));
        expect(r.applied, r.message).toBe(true);
        await view.page.waitForSelector(`g.af-node[data-node-id="${name}"]`);
      };
      const connect = async (from: string, to: string, word?: string): Promise<void> => {
        // The first diagram (empty) was fitted: show the whole new one.
        await view.page.locator('#fit').click();
        let r = await host.gesture(() => dragConnect(view, from, to));
        // A function's connection asks which word: an `emits` entry or the failure destination.
        if (word) {
          expect(r.choices?.map((c) => c.word)).toEqual(['emits', 'onFailure']);
          r = await host.gesture(() => view.page.locator(`#af-confirm .af-choice[data-word="${word}"]`).click());
        }
        expect(r.applied, r.message).toBe(true);
      };
      await add('http-api', 'checkout');
      await add('function', 'placeOrder');
      await add('queue', 'billing');
      await add('queue', 'billing-dlq');
      await add('function', 'chargeCard');
      await connect('checkout', 'placeOrder');
      await connect('placeOrder', 'billing', 'emits');
      await connect('billing', 'chargeCard');
      await connect('billing', 'billing-dlq');
      // chargeCard's timeout from the settings panel.
      await view.page.locator('g.af-node[data-node-id="chargeCard"] .af-node-box').click();
      const timeout = view.page.locator('#af-settings .af-field[data-key="timeout"] input');
      await timeout.waitFor();
      await timeout.fill('25');
      expect((await host.gesture(() => timeout.press('Enter'))).applied).toBe(true);
      // Every remaining problem fixed from the badges.
      for (let i = 0; i < 6; i++) {
        const badge = view.page.locator('g.af-node g.af-badge').first();
        if ((await view.page.locator('g.af-node g.af-badge').count()) === 0) break;
        await badge.click();
        const fix = view.page.locator('#af-settings .af-fix').first();
        await fix.waitFor();
        expect((await host.gesture(() => fix.click())).applied).toBe(true);
      }
      expect(host.text).toBe(`archflow: 1
name: orders
producers:
  checkout:
    type: http-api
    routes:
      POST /placeOrder: placeOrder
routers:
  billing:
    type: queue
    to: { function: chargeCard, reportFailures: true }
    deadLetter: { queue: billing-dlq }
    visibilityTimeout: 150
  billing-dlq:
    type: queue
    retention: 14d
consumers:
  placeOrder:
    emits: [{ to: billing }]
  chargeCard:
    timeout: 25
`);
      expect((await host.diagnostics()).diagnostics).toEqual([]);
      expect(await view.page.locator('g.af-badge').count()).toBe(0);
      await view.page.screenshot({ path: join(ARTIFACTS, 'edit-from-empty.png') });
    } finally {
      await host.stop();
      await view.page.close();
    }
  });
});
