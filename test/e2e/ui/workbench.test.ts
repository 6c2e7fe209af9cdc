import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { parse } from 'yaml';
import { activeEditor, diagramFrame, openByPath, openFile, openWorkbench, quickInput, runCommand, screenshot, statusBarItem, waitForEditorText, type Workbench } from './workbench';

/** The `# expect: <line> <code>` comments of a broken example. */
function expected(file: string): { line: number; code: string }[] {
  return [...readFileSync(file, 'utf8').matchAll(/^# expect: (\d+) (\S+)\s*$/gm)].map((m) => ({ line: Number(m[1]), code: m[2]! }));
}

describe('the workbench (code-server, Chromium)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  afterEach(async function () {
    // A failed test leaves a picture of the window behind.
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });

  after(async () => {
    await wb?.browser.close();
  });

  it('underlines the problems of a broken example', async () => {
    const { page } = wb;
    await openFile(page, 'broken/graph.arch.yaml');
    const errors = activeEditor(page).locator('.squiggly-error');
    await errors.first().waitFor({ timeout: 30_000 });
    assert.ok(await errors.count() > 0);
    await screenshot(page, 'squiggles');
  });

  it('lists them in the Problems panel with their codes, and counts them in the status bar', async () => {
    const { page, workspace } = wb;
    const wanted = expected(join(workspace, 'broken', 'graph.arch.yaml'));
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    // One row for the file, one per problem.
    await rows.nth(wanted.length).waitFor({ timeout: 30_000 });
    const text = (await rows.allInnerTexts()).join('\n');
    for (const { code } of wanted) assert.ok(text.includes(code), `the Problems panel shows ${code}:\n${text}`);
    const status = page.locator('.statusbar-item', { hasText: 'Archflow' }).first();
    await status.waitFor({ timeout: 10_000 });
    assert.match(await status.getAttribute('aria-label') ?? await status.innerText(), /[1-9]/);
    // Clicking a problem takes the editor to it.
    const worst = wanted.find((w) => w.code === 'graph/payload-size') ?? wanted[0]!;
    await rows.filter({ hasText: worst.code }).first().click();
    await statusBarItem(page, `Ln ${worst.line},`).waitFor({ timeout: 10_000 });
    await screenshot(page, 'problems');
  });

  it('creates a new architecture from the palette: pick a shape, name it, and it opens', async () => {
    const { page, workspace } = wb;
    await runCommand(page, 'Archflow: New Architecture');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'File processing' }).first().waitFor({ timeout: 20_000 });
    await quickInput(page).fill('File processing');
    await quickInput(page).press('Enter');
    // The name box proposes a name; type another.
    await page.locator('.quick-input-widget', { hasText: 'Name of the architecture' }).waitFor({ timeout: 20_000 });
    await quickInput(page).fill('uploads');
    await quickInput(page).press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'uploads.arch.yaml' }).waitFor({ timeout: 20_000 });
    assert.ok(existsSync(join(workspace, 'uploads.arch.yaml')));
    await waitForEditorText(page, /name:\s+uploads/);
    await screenshot(page, 'new-architecture');
  });

  it('opens the diagram of an example beside it, with every node of the file', async () => {
    const { page, workspace } = wb;
    // Room for the diagram: no panel, no side bar.
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
    await openFile(page, 'orders.arch.yaml');
    await runCommand(page, 'Archflow: Open Diagram');
    const doc = parse(readFileSync(join(workspace, 'orders.arch.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
    const declared = ['producers', 'routers', 'consumers'].flatMap((section) => Object.keys(doc[section] ?? {}));
    const frame = diagramFrame(page);
    await frame.locator('[data-node-id="chargeCard"]').waitFor({ timeout: 30_000 });
    const shown = await frame.locator('[data-node-id]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-node-id')))]);
    assert.deepEqual(shown.sort(), [...declared].sort());
    assert.ok(await frame.locator('[data-edge-id]').count() > 0, 'edges are drawn');
    // Give the picture most of the width (drag the sash between the editor groups), then fit it.
    const sash = page.locator('.part.editor .monaco-sash.vertical').first();
    const box = await sash.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x - 350, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    await frame.locator('#fit').click();
    await screenshot(page, 'diagram');
  });

  it('clicking a node in the diagram selects its name in the editor', async () => {
    const { page, workspace } = wb;
    const lines = readFileSync(join(workspace, 'orders.arch.yaml'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l === '  billing:') + 1;
    assert.ok(line > 0);
    // The name `billing` is selected: from column 3 to 10, where the cursor ends.
    const expected = `Ln ${line}, Col 10 (7 selected)`;
    await diagramFrame(page).locator('[data-node-id="billing"]').first().click();
    // The status bar shows the selection of the active editor: "Ln 78, Col 3 (7 selected)".
    // The status bar shows the active editor's selection: "Ln 75, Col 10 (7 selected)".
    await statusBarItem(page, expected).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.tabs-container .tab.active[data-resource-name="orders.arch.yaml"]').count(), 1, 'the editor is active');
    await screenshot(page, 'diagram-click');
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('sends a test event from the bus: the diagram lights the path hop by hop and lists the timeline', async () => {
    const { page } = wb;
    const frame = diagramFrame(page);
    // A click on the bus offers Send test event beside it; the panel opens with the catalog's OrderPlaced.
    // (The node's group, as the test above clicks billing: its title text covers the box's centre.)
    await frame.locator('[data-node-id="orderBus"]').first().click();
    await frame.locator('#af-sim-from:not([hidden])').click();
    await frame.locator('#af-sim[data-state="ready"]').waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#af-sim .af-sim-title').textContent(), 'Test event from orderBus');
    assert.match(await frame.locator('#af-sim-payload').evaluate((e) => (e as HTMLElement & { value: string }).value), /"event": "OrderPlaced"/);
    await frame.locator('#af-sim-send').click();
    // While it plays, part of the path is lit; at the end, all of it, with the counts on the nodes.
    await frame.locator('#af-sim[data-state="playing"], #af-sim[data-state="done"]').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'test-event-playing');
    await frame.locator('#af-sim[data-state="done"]').waitFor({ timeout: 20_000 });
    await frame.locator('g.af-edge.af-sim-lit[data-edge-id="/routers/orderBus/rules/placed/to/0/queue"]').waitFor({ timeout: 5_000 });
    const lit = await frame.locator('g.af-node.af-sim-lit').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')).sort());
    assert.deepEqual(lit, ['alerts', 'billing', 'chargeCard', 'orderBus', 'pager', 'sendReceipt']);
    assert.equal(await frame.locator('[data-node-id="billing"] g.af-sim-counts').textContent(), '1 in · 1 ok · depth 1');
    // The timeline, and a delivery's payload one click away.
    const rows = frame.locator('#af-sim-timeline tbody tr');
    assert.equal(await rows.count(), 14);
    await rows.filter({ hasText: 'orderBus → billing' }).first().click();
    assert.match((await frame.locator('#af-sim pre.af-sim-payload').textContent()) ?? '', /"detail-type": "OrderPlaced"/);
    await screenshot(page, 'test-event');
    await frame.locator('#af-sim-close').click();
    await frame.locator('#af-sim').waitFor({ state: 'hidden', timeout: 5_000 });
  });

  it('generates the project from the palette into .archflow/orders/, says where, and ticks the walkthrough step', async () => {
    const { page, workspace } = wb;
    await runCommand(page, 'View: Close All Editors');
    // The walkthrough: the diagram step is done (a diagram was opened above), the generate step not yet.
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await quickInput(page).fill('Get started with Archflow');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Archflow' }).first().click();
    const step = (id: string): Locator => page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);
    await step('generate').waitFor({ timeout: 20_000 });
    // Done above, before the walkthrough was ever shown: a new architecture, a diagram opened.
    for (const done of ['new-architecture', 'diagram']) {
      await page.locator(`button.getting-started-step[data-step-id$="#${done}"][aria-checked="true"]`).waitFor({ timeout: 20_000 });
    }
    assert.equal(await step('generate').getAttribute('aria-checked'), 'false', 'nothing generated yet');
    await screenshot(page, 'walkthrough-before');

    await openFile(page, 'orders.arch.yaml');
    await runCommand(page, 'Archflow: Generate Project');
    // No question: the folder is the file's `output:`, else .archflow/<name>/ beside it, as for the CLI and deploy.
    // The summary arrives as a notification once every file is written (in the notification center
    // when the toast is not shown).
    await runCommand(page, 'Notifications: Show Notifications');
    await page.locator('.notifications-center .notification-list-item', { hasText: /Generated 'orders' in \.archflow\/orders .*ignored by git/ }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    const project = join(workspace, '.archflow', 'orders');
    for (const f of ['template.json', 'src/handlers/chargeCard.ts', 'src/generated/events.ts']) assert.ok(existsSync(join(project, f)), f);
    assert.match(readFileSync(join(workspace, '.archflow', '.gitignore'), 'utf8'), /^\*$/m);
    await openByPath(page, join(project, 'src/handlers/chargeCard.ts'));
    await runCommand(page, 'File: Reveal Active File in Explorer View');
    await waitForEditorText(page, /This file is yours/);
    // The generated file with the handler's typed input is there too.
    assert.match(readFileSync(join(project, 'src/generated/chargeCard.ts'), 'utf8'), /Generated by Archflow[\s\S]*ChargeCardHandler/);
    await screenshot(page, 'generated');

    await page.locator('.tabs-container .tab', { hasText: /Walkthrough|Archflow|Welcome/ }).first().click();
    await page.locator('button.getting-started-step[data-step-id$="#generate"][aria-checked="true"]').waitFor({ timeout: 20_000 });
    await screenshot(page, 'walkthrough-after');
  });
});
