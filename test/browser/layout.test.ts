import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { useSite, sitePages } from './site.ts';

const pages = sitePages();

describe.skipIf(!hasChromium())('layout from 320 to 1440 px', () => {
  const site = useSite();

  for (const width of [320, 1440]) {
    it(`no page scrolls sideways at ${width}px (wide tables scroll inside their own box)`, async () => {
      const ctx = await site.context({ viewport: { width, height: 800 } });
      try {
        const page = await ctx.newPage();
        const wide: string[] = [];
        for (const p of pages) {
          await page.goto(site.url(p.path), { waitUntil: 'load' });
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scrollWidth > width) wide.push(`${p.name}: ${scrollWidth}px`);
        }
        expect(wide).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  }

  it('the article measure stays readable at 1440px: body text lines are at most ~75 characters', async () => {
    const ctx = await site.context({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await ctx.newPage();
      await page.goto(site.url(''), { waitUntil: 'load' });
      const perLine = await page.evaluate(() => {
        const p = document.querySelector('.prose p') as HTMLElement;
        const style = getComputedStyle(p);
        const probe = document.createElement('span');
        probe.style.font = style.font;
        probe.textContent = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);
        document.body.append(probe);
        const charWidth = probe.getBoundingClientRect().width / 104;
        probe.remove();
        return p.getBoundingClientRect().width / charWidth;
      });
      expect(perLine).toBeGreaterThan(55);
      expect(perLine).toBeLessThan(80);
    } finally {
      await ctx.close();
    }
  });
});
