/**
 * Driving the code-server workbench with Playwright: open it, open files, run commands, take
 * screenshots. Selectors are VS Code's own (see ../shared/reference/real-vscode-host.md).
 * The runner (test/e2e/main.ts) sets ARCHFLOW_E2E_URL, ARCHFLOW_E2E_WORKSPACE and ARCHFLOW_E2E_RUN.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${env('ARCHFLOW_E2E_URL')}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  return { browser, page, workspace };
}

/** The quick input box (command palette, quick open, quick picks, input boxes). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget input');
}

/** Opens a file of the workspace through Quick Open and waits for its editor to be active. */
export async function openFile(page: Page, relative: string): Promise<void> {
  const name = relative.split('/').pop()!;
  await page.keyboard.press('F1');
  await quickInput(page).fill(relative);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 20_000 });
  await activeEditor(page).locator('.view-lines').waitFor({ timeout: 20_000 });
}

/** The text editor of the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Runs a command from the palette by its title ("Archflow: New Architecture"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
}

/** Saves a screenshot of the whole window to test-results/e2e/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
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
