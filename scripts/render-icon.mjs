// Renders client/media/icon.svg to client/media/icon.png (128 × 128, transparent corners) with
// Debian's Chromium. Run after editing the SVG: `node scripts/render-icon.mjs`.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('../client/media/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: new URL('../client/media/icon.png', import.meta.url).pathname, omitBackground: true });
} finally {
  await browser.close();
}
console.log('wrote client/media/icon.png');
