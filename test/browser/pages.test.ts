// Every page loads cleanly in a real browser: no console errors or warnings, no uncaught
// exceptions, no failed requests (network error or HTTP >= 400), nothing fetched from
// another origin. Embed pages are found in dist/embed/<id>/index.html.
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { load, useSite, sitePages, watch } from './site.ts';

const pages = sitePages();

describe.skipIf(!hasChromium())('every page loads cleanly', () => {
  const site = useSite();

  for (const width of [375, 1280]) {
    it.each(pages.map((p) => [p.name, p] as const))(
      `%s at ${width}px: no console errors, failed or off-site requests`,
      async (_name, p) => {
        const ctx = await site.context({ viewport: { width, height: 900 } });
        try {
          const page = await ctx.newPage();
          const w = watch(page, site.server.origin);
          await load(page, site.url(p.path));
          // Scroll to the end so that anything loaded lazily is requested too.
          await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          await page.waitForLoadState('networkidle');
          const seen = await page.evaluate(() => performance.getEntriesByType('resource').length);
          expect(seen, 'the page requested its own assets').toBeGreaterThan(0);
          expect(w.problems).toEqual([]);
        } finally {
          await ctx.close();
        }
      },
    );
  }
});
