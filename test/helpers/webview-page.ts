import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/core/index';
import { buildDiagramModel, layoutDiagram, toDrawing } from '../../server/src/core/layout/index';
import { createElkRunner } from '../../server/src/core/layout/elk-runner';
import type { ElementSource, HostToView, ViewToHost } from '../../webview/src/protocol';

const ROOT = resolve(__dirname, '../..');
/** Debian's Chromium (`apt-get install -y chromium`). */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SCRIPT = join(ROOT, 'webview/out/main.js');
/** Where screenshots go (gitignored). */
export const ARTIFACTS = join(ROOT, 'test-results/webview');

/** Chromium flags for this machine (see the shared reference on running a real VS Code host). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Starts Chromium, or fails with what to do when it is missing. Never skips. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: the webview tests need it. Install it with \`apt-get update && apt-get install -y chromium\` (or set CHROMIUM).`);
  }
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` before the webview tests`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/** Serves the webview page (the real template, filled as the host fills it) and its script. */
export async function serveWebview(): Promise<{ url: string; close(): Promise<void> }> {
  const template = readFileSync(join(ROOT, 'webview/index.html'), 'utf8');
  let origin = '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      const nonce = randomBytes(16).toString('base64');
      const values: Record<string, string> = { cspSource: origin, nonce, scriptUri: `${origin}/webview/out/main.js`, title: 'Diagram: test' };
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(template.replace(/\{\{(\w+)\}\}/g, (m, key: string) => values[key] ?? m));
    } else if (req.url === '/webview/out/main.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(SCRIPT));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Installed before the page's scripts: the API VS Code gives a webview, recording what it posts. */
function fakeVsCodeApi(): void {
  const w = window as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
  w.__posted = [];
  w.__state = undefined;
  w.acquireVsCodeApi = () => ({
    postMessage: (m: unknown) => w.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => w.__state,
    setState: (s: unknown) => (w.__state = s),
  });
}

/** A webview page driven like the host drives it. */
export class WebviewPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string, bodyClass = 'vscode-light', viewport = { width: 1600, height: 900 }): Promise<WebviewPage> {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // tsx (scripts/diagram-screenshots.ts) keeps function names with esbuild's `__name` helper, which
    // the functions sent to the page then call: the page gets a no-op one.
    await page.addInitScript('window.__name = (f) => f;');
    await page.addInitScript(fakeVsCodeApi);
    await page.addInitScript((cls: string) => document.addEventListener('DOMContentLoaded', () => document.body.classList.add(cls)), bodyClass);
    await page.goto(url);
    const view = new WebviewPage(page);
    await view.nextPosted((m) => m.type === 'ready', 0);
    if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
    return view;
  }

  /** Sends a message as the host does (`webview.postMessage`). */
  async send(message: HostToView | Record<string, unknown>): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  /** Everything the webview posted so far. */
  posted(): Promise<ViewToHost[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: ViewToHost[] }).__posted);
  }

  /** Does `action`, then waits for the first message it made the webview post that matches `accept`. */
  async after(action: () => Promise<unknown>, accept: (m: ViewToHost) => boolean): Promise<ViewToHost> {
    const from = (await this.posted()).length;
    await action();
    return this.nextPosted(accept, from);
  }

  /** Waits for a posted message matching `accept` at or after index `from`. */
  async nextPosted(accept: (m: ViewToHost) => boolean, from?: number): Promise<ViewToHost> {
    let seen = from ?? (await this.posted()).length;
    for (;;) {
      const all = (await (await this.page.waitForFunction(
        (n) => {
          const p = (window as unknown as { __posted: unknown[] }).__posted;
          return p.length > n ? p : undefined;
        },
        seen,
        { timeout: 15_000 },
      )).jsonValue()) as ViewToHost[];
      const hit = all.slice(seen).find(accept);
      if (hit) return hit;
      seen = all.length;
    }
  }
}

/** The message the host sends for an architecture file: the core's diagram, ranges as LSP positions. */
export async function diagramMessage(uri: string, text: string, version = 1): Promise<Extract<HostToView, { type: 'diagram' }>> {
  const analysis = analyze(text);
  const model = buildDiagramModel(analysis);
  const diagram = await layoutDiagram(model, createElkRunner());
  const doc = TextDocument.create(uri, 'archflow', version, text);
  const range = (s: { start: number; end: number }) => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });
  const sources: Record<string, ElementSource> = {};
  for (const el of [...model.nodes, ...model.edges]) sources[el.id] = { range: range(el.span), extent: range(el.extent) };
  return { type: 'diagram', uri, version, diagram: toDrawing(diagram), sources };
}
