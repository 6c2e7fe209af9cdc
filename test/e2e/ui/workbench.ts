/**
 * Driving the code-server workbench with Playwright: open it, open files, run commands, take
 * screenshots. Selectors are VS Code's own (see ../shared/reference/real-vscode-host.md).
 * The runner (test/e2e/main.ts) sets ARCHFLOW_E2E_URL, ARCHFLOW_E2E_WORKSPACE and ARCHFLOW_E2E_RUN.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, type RunDirs } from '../harness';

/** An open workbench window. */
export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
  readonly workspace: string;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the UI suite through scripts/e2e.mjs`);
  return value;
}

/** Opens the workspace in a fresh Chromium and waits for the workbench and its explorer. */
export async function openWorkbench(): Promise<Workbench> {
  const run = env('ARCHFLOW_E2E_RUN');
  const dirs = { root: run, home: join(run, 'home'), tmp: join(run, 'tmp') } as RunDirs;
  const workspace = env('ARCHFLOW_E2E_WORKSPACE');
  const browser = await launchChromium(dirs);
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${env('ARCHFLOW_E2E_URL')}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  return { browser, page, workspace };
}

/** The quick input box (command palette, quick open, quick picks, input boxes). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget input');
}

/** Opens a file of the workspace (path relative to it) and waits for its editor to be active. */
export async function openFile(page: Page, relative: string): Promise<void> {
  await openByPath(page, join(env('ARCHFLOW_E2E_WORKSPACE'), relative));
}

/**
 * Opens a file by its absolute path through "File: Open File..." (VS Code's own path dialog, with
 * `files.simpleDialog.enable`): no search index involved, so files created during the test open as
 * surely as the others. Opens in the active editor group.
 */
export async function openByPath(page: Page, path: string): Promise<void> {
  const name = path.split('/').pop()!;
  // The dialog lists a folder asynchronously and now and then misses the typed path (seen in CI: the
  // row never appeared in 20 s, after a notification had focus). Close it and type again, twice at most.
  for (let attempt = 1; ; attempt++) {
    try {
      await typeIntoOpenDialog(page, path, name);
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }
  }
  // The active group shows the file: its tab, and its folder in the breadcrumbs (two files may share a name).
  const group = page.locator('.editor-group-container.active');
  await group.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 20_000 });
  const folder = dirname(relative(env('ARCHFLOW_E2E_WORKSPACE'), path));
  if (folder !== '.') {
    await group.locator('.breadcrumbs-control .monaco-breadcrumb-item', { hasText: new RegExp(`^${basename(folder)}$`) }).first().waitFor({ timeout: 20_000 });
  }
  await activeEditor(page).locator('.view-lines').waitFor({ timeout: 20_000 });
}

/** One try of "File: Open File...": the folder, then the file, then OK. Throws when a step times out. */
async function typeIntoOpenDialog(page: Page, path: string, name: string): Promise<void> {
  await page.keyboard.press('Control+O'); // File: Open File... (the palette lists two commands of that name)
  await page.locator('.quick-input-widget', { hasText: 'Open File' }).waitFor({ timeout: 20_000 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  // First into the folder (the dialog lists it), then the file, then OK opens the path as typed.
  await quickInput(page).fill(path.slice(0, path.length - name.length));
  await row.waitFor({ timeout: 10_000 });
  await quickInput(page).fill(path);
  await row.waitFor({ timeout: 10_000 });
  await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click({ timeout: 10_000 });
}

/** The text editor of the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** The visible text of the active editor (Monaco renders spaces as no-break spaces). */
export async function editorText(page: Page): Promise<string> {
  return (await activeEditor(page).locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/**
 * Waits until the visible text of the active editor matches (Monaco fills its lines a moment after
 * the tab becomes active) and returns that text; fails with the last text seen after 20 s.
 */
export async function waitForEditorText(page: Page, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 20_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await editorText(page).catch(() => '');
    if (pattern.test(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`the active editor never showed ${pattern} in 20 s; it showed:\n${text.slice(0, 500)}`);
}

/** Runs a command from the palette by its title ("Archflow: New Architecture"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).fill(`>${title}`);
  // Click the row whose label is exactly the title (the focused row may still be another one).
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
  await row.waitFor({ timeout: 20_000 });
  // The list re-renders while the palette filters; a row that never settles is clicked without the stability wait.
  await row.click({ timeout: 5_000 }).catch(() => row.click({ force: true, timeout: 10_000 }));
}

/** Saves a screenshot of the whole window to test-results/e2e/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.mouse.move(1, page.viewportSize()!.height / 2); // no hover tooltip in the picture
  await page.screenshot({ path });
  return path;
}

/** The page inside the (first) webview panel: VS Code nests it in two iframes. */
export function diagramFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
}

/** A status bar item by its text. */
export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.statusbar-item', { hasText: text }).first();
}
