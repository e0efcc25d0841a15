// npm run screenshots [-- path ...]: full-page PNGs of the built site at phone and desktop
// widths, light and dark, with and without JavaScript, into screenshots/ (not in git).
// Needs a running preview (npm run preview) and Debian's Chromium.
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:4321/';
const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['', 'methodology/'];
const out = 'screenshots';
await mkdir(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
for (const path of paths) {
  for (const width of [375, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      for (const js of [true, false]) {
        const ctx = await browser.newContext({
          viewport: { width, height: 900 },
          colorScheme: scheme,
          javaScriptEnabled: js,
        });
        const page = await ctx.newPage();
        await page.goto(new URL(path, base).toString(), { waitUntil: 'networkidle' });
        const name =
          `${path.replace(/\W+/g, '-') || 'index'}-${width}-${scheme}-${js ? 'js' : 'nojs'}.png`.replace(
            /^-/,
            '',
          );
        // Long pages are cut into screen-sized parts so each image stays legible.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const part = width < 600 ? 1300 : 1100;
        for (let i = 0; i * part < height; i++) {
          const file = `${out}/${name.replace('.png', `-${String(i + 1).padStart(2, '0')}.png`)}`;
          await page.screenshot({
            path: file,
            fullPage: true,
            clip: { x: 0, y: i * part, width, height: Math.min(part, height - i * part) },
          });
          console.log(file);
        }
        await ctx.close();
      }
    }
  }
}
await browser.close();
