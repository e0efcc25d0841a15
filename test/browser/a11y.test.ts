// Accessibility in a real browser: axe finds nothing on any page (article, methodology,
// every embed page) in light and dark, at phone and desktop widths; every chart figure has
// a name, a description and a data table; headings never skip a level; the skip link
// moves focus to the main content.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ARTICLE_FILE, parseArticle } from '../../src/story/document.ts';
import { hasChromium } from '../support/browser.ts';
import { load, useSite, sitePages, watch } from './site.ts';

const pages = sitePages();

/** The charts the copy document places in the article (figure and scroller blocks). */
const articleCharts = new Set(
  parseArticle(
    readFileSync(new URL(`../../${ARTICLE_FILE}`, import.meta.url), 'utf8'),
  ).blocks.flatMap((b) => (b.type === 'figure' || b.type === 'scrolly' ? [b.chart] : [])),
);

/** One line per violated rule and element, readable in CI output. */
async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`,
    ),
  );
}

describe.skipIf(!hasChromium())('accessibility', () => {
  const site = useSite();

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [375, 1280]) {
      it(
        `axe: no violations on any page, ${colorScheme}, ${width}px`,
        { timeout: 180_000 },
        async () => {
          // One context and one tab for all pages of this theme and width.
          const ctx = await site.context({ colorScheme, viewport: { width, height: 900 } });
          try {
            const page = await ctx.newPage();
            const w = watch(page, site.server.origin);
            const found: string[] = [];
            for (const p of pages) {
              await load(page, site.url(p.path));
              const scheme = await page.evaluate(
                () => matchMedia('(prefers-color-scheme: dark)').matches,
              );
              expect(scheme, 'colour scheme emulated').toBe(colorScheme === 'dark');
              for (const v of await axe(page)) found.push(`${p.name}: ${v}`);
            }
            console.log(
              `axe ${colorScheme} ${width}px: ${pages.length} pages, ${found.length} violations`,
            );
            expect(found).toEqual([]);
            expect(w.problems).toEqual([]);
          } finally {
            await ctx.close();
          }
        },
      );
    }
  }

  describe('structure', () => {
    let page: Page;
    beforeAll(async () => {
      page = await (await site.context()).newPage();
    });

    it.each(pages.map((p) => [p.name, p] as const))(
      '%s: every chart figure has a name, a description and a data table',
      async (_n, p) => {
        await load(page, site.url(p.path));
        const figs = await page.$$eval('figure[data-chart]', (figs) => {
          const text = (ids: string | null) =>
            (ids ?? '')
              .split(/\s+/)
              .filter(Boolean)
              .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
              .join(' ')
              .trim();
          return figs.map((f) => {
            const body = f.querySelector('[data-chart-body]');
            // The scrolly's table sits after its steps, in the same section.
            const scope = f.closest('[data-scrolly]') ?? f;
            return {
              id: f.id,
              name: text(f.getAttribute('aria-labelledby')) || (f.getAttribute('aria-label') ?? ''),
              bodyName: text(body?.getAttribute('aria-labelledby') ?? null),
              description:
                text(f.getAttribute('aria-describedby')) ||
                text(body?.getAttribute('aria-describedby') ?? null),
              tableRows: scope.querySelector('table')?.querySelectorAll('tbody tr').length ?? 0,
              tableCaption: scope.querySelector('table caption')?.textContent?.trim() ?? '',
            };
          });
        });
        if (p.kind !== 'methodology')
          expect(figs.length, 'chart figures on the page').toBeGreaterThan(0);
        // Every chart the document places is on the page, and no other.
        if (p.kind === 'article')
          expect(new Set(figs.map((f) => f.id.replace(/^chart-/, '')))).toEqual(articleCharts);
        for (const f of figs) {
          expect(f.name, `${f.id}: accessible name`).not.toBe('');
          expect(f.bodyName, `${f.id}: chart name`).not.toBe('');
          expect(f.description, `${f.id}: accessible description`).not.toBe('');
          expect(f.tableRows, `${f.id}: data table rows`).toBeGreaterThan(0);
          expect(f.tableCaption, `${f.id}: data table caption`).not.toBe('');
        }
      },
    );

    it.each(pages.map((p) => [p.name, p] as const))(
      '%s: one h1, and headings never skip a level',
      async (_n, p) => {
        await load(page, site.url(p.path));
        const headings = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) =>
          hs.map((h) => ({
            level: Number(h.tagName[1]),
            text: h.textContent!.trim().slice(0, 60),
          })),
        );
        expect(headings[0]?.level, 'the first heading is an h1').toBe(1);
        expect(headings.filter((h) => h.level === 1).length, 'exactly one h1').toBe(1);
        const skips: string[] = [];
        for (let i = 1; i < headings.length; i++) {
          const prev = headings[i - 1]!;
          const h = headings[i]!;
          if (h.level > prev.level + 1)
            skips.push(`h${prev.level} "${prev.text}" -> h${h.level} "${h.text}"`);
        }
        expect(skips).toEqual([]);
        for (const h of headings) expect(h.text, 'heading has text').not.toBe('');
      },
    );

    it.each(pages.filter((p) => p.kind !== 'embed').map((p) => [p.name, p] as const))(
      '%s: the skip link is the first tab stop and moves focus to main',
      async (_n, p) => {
        const tab = await page.context().newPage();
        const w = watch(tab, site.server.origin);
        await load(tab, site.url(p.path));
        await tab.keyboard.press('Tab');
        const first = await tab.evaluate(() => ({
          cls: document.activeElement?.className,
          href: document.activeElement?.getAttribute('href'),
          visible: (document.activeElement?.getBoundingClientRect().top ?? -1) >= 0,
        }));
        expect(first.cls).toContain('skip-link');
        expect(first.visible, 'the focused skip link is on screen').toBe(true);
        const target = first.href!.slice(1);
        expect(await tab.evaluate((id) => document.getElementById(id)?.tagName, target)).toBe(
          'MAIN',
        );
        await tab.keyboard.press('Enter');
        await tab.waitForFunction((id) => location.hash === `#${id}`, target);
        // Focus is on main, or (main not being focusable) the next Tab lands inside it.
        let inMain = await tab.evaluate(() => document.activeElement?.tagName === 'MAIN');
        if (!inMain) {
          await tab.keyboard.press('Tab');
          inMain = await tab.evaluate(() =>
            document.querySelector('main')!.contains(document.activeElement),
          );
        }
        expect(inMain, 'focus moved into main').toBe(true);
        const problems = [...w.problems];
        await tab.close();
        expect(problems).toEqual([]);
      },
    );
  });
});
