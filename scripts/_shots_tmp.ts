import { chromium } from 'playwright-core';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
for (const width of [375, 1280])
  for (const scheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({
      viewport: { width, height: width === 375 ? 740 : 800 },
      colorScheme: scheme,
      deviceScaleFactor: 1,
    });
    const page = await ctx.newPage();
    await page.goto('http://127.0.0.1:4391/', { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/edshots/first-${width}-${scheme}.png` });
    if (scheme === 'light') {
      // Scroll through the steps: one shot per step.
      const steps = await page.$$('[data-step]');
      for (let i = 0; i < steps.length; i++) {
        await steps[i]!.scrollIntoViewIfNeeded();
        await page.waitForTimeout(600);
        await page.screenshot({ path: `/tmp/edshots/step${i + 1}-${width}.png` });
      }
    }
    await ctx.close();
  }
await browser.close();
