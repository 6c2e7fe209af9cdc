import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activeEditor, openFile, openWorkbench, quickInput, runCommand, screenshot, type Workbench } from './workbench';

/** The `# expect: <line> <code>` comments of a broken example. */
function expected(file: string): { line: number; code: string }[] {
  return [...readFileSync(file, 'utf8').matchAll(/^# expect: (\d+) (\S+)\s*$/gm)].map((m) => ({ line: Number(m[1]), code: m[2]! }));
}

describe('the workbench (code-server, Chromium)', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });

  after(async () => {
    await wb?.browser.close();
  });

  it('underlines the problems of a broken example', async () => {
    const { page } = wb;
    await openFile(page, 'broken/references.arch.yaml');
    const errors = activeEditor(page).locator('.squiggly-error');
    await errors.first().waitFor({ timeout: 30_000 });
    assert.ok(await errors.count() > 0);
    await screenshot(page, 'squiggles');
  });

  it('lists them in the Problems panel with their codes, and counts them in the status bar', async () => {
    const { page, workspace } = wb;
    const wanted = expected(join(workspace, 'broken', 'references.arch.yaml'));
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    // One row for the file, one per problem.
    await rows.nth(wanted.length).waitFor({ timeout: 30_000 });
    const text = (await rows.allInnerTexts()).join('\n');
    for (const { code } of wanted) assert.ok(text.includes(code), `the Problems panel shows ${code}:\n${text}`);
    const status = page.locator('.statusbar-item', { hasText: 'Archflow' }).first();
    await status.waitFor({ timeout: 10_000 });
    assert.match(await status.getAttribute('aria-label') ?? await status.innerText(), /[1-9]/);
    await screenshot(page, 'problems');
  });

  it('creates a new architecture from the palette: pick a shape, name it, and it opens', async () => {
    const { page, workspace } = wb;
    await runCommand(page, 'Archflow: New Architecture');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'File processing' }).first().waitFor({ timeout: 20_000 });
    await quickInput(page).fill('File processing');
    await page.keyboard.press('Enter');
    // The name box proposes a name; type another.
    await page.locator('.quick-input-widget', { hasText: 'Name of the architecture' }).waitFor({ timeout: 20_000 });
    await quickInput(page).fill('uploads');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'uploads.arch.yaml' }).waitFor({ timeout: 20_000 });
    assert.ok(existsSync(join(workspace, 'uploads.arch.yaml')));
    assert.match(await activeEditor(page).locator('.view-lines').innerText(), /name:\s+uploads/);
    await screenshot(page, 'new-architecture');
  });
});
