import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { activeEditor, diagramFrame, openFile, openWorkbench, runCommand, screenshot, statusBarItem, type Workbench } from '../ui/workbench';

/**
 * Restricted Mode (issue "No file can freeze, crash or trick Archflow"): a folder nobody trusted, in
 * code-server with workspace trust on. Checking and the diagram work; Generate Project says it needs
 * trust, offers to manage it, and writes nothing. The runner (test/e2e/main.ts) starts this server.
 */
describe('Restricted Mode (code-server with workspace trust, an untrusted folder)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-restricted-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
  });

  after(async () => {
    await wb?.browser.close();
  });

  it('opens the folder in Restricted Mode and draws the diagram', async () => {
    const { page } = wb;
    await statusBarItem(page, 'Restricted Mode').waitFor({ timeout: 30_000 });
    await openFile(page, 'orders.arch.yaml');
    await runCommand(page, 'Archflow: Open Diagram');
    await diagramFrame(page).locator('[data-node-id="chargeCard"]').waitFor({ timeout: 60_000 });
    await screenshot(page, 'restricted-diagram');
  });

  it('refuses Generate Project with a message that says why, offers Manage Workspace Trust, and writes nothing', async () => {
    const { page, workspace } = wb;
    await page.locator('.tabs-container .tab[data-resource-name="orders.arch.yaml"]').first().click();
    await runCommand(page, 'Archflow: Generate Project');
    // The warning, in the notification center (the toast may already have gone).
    await runCommand(page, 'Notifications: Show Notifications');
    const item = page.locator('.notifications-center .notification-list-item', { hasText: /Archflow: Generate Project needs a trusted workspace: it writes a project with build scripts into your workspace\./ });
    await item.waitFor({ timeout: 30_000 });
    await item.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'restricted-generate');
    assert.equal(existsSync(join(workspace, '.archflow')), false, 'nothing generated');
  });

  it('underlines the problems of a broken example', async () => {
    const { page } = wb;
    await openFile(page, 'broken/graph.arch.yaml');
    const errors = activeEditor(page).locator('.squiggly-error');
    await errors.first().waitFor({ timeout: 60_000 });
    assert.ok(await errors.count() > 0);
    await screenshot(page, 'restricted-squiggles');
  });
});
