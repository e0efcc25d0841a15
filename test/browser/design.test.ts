// The article's layout, measured in Chromium (getBoundingClientRect), not looked at:
// the scrollytelling graphic owns the screen on desktop and leaves no tall gap on phones, the
// steps unroll without JavaScript; under every chart one short source line and one toolbar
// row whose panels open below it; axe finds nothing with every panel open.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { load, useSite, watch } from './site.ts';

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
}

const box = (page: Page, sel: string): Promise<Box> =>
  page.$eval(sel, (e) => {
    const r = e.getBoundingClientRect();
    return {
      top: r.top,
      bottom: r.bottom,
      left: r.left,
      right: r.right,
      width: r.width,
      height: r.height,
    };
  });

describe.skipIf(!hasChromium())(
  'design: scrollytelling, source lines and the chart toolbar',
  () => {
    const site = useSite();

    it('at 1280 px the sticky graphic fills the screen less the masthead, and at least 60% of its width', async () => {
      const ctx = await site.context({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await ctx.newPage();
        const w = watch(page, site.server.origin);
        await load(page, site.url(''));
        const masthead = await box(page, '.masthead');
        const steps = await page.locator('[data-scrolly] [data-step]').count();
        expect(steps).toBeGreaterThan(1);
        for (let i = 0; i < steps; i++) {
          await page.evaluate(
            (i) =>
              document
                .querySelector(`[data-scrolly] [data-step="${i}"]`)!
                .scrollIntoView({ block: 'center' }),
            i,
          );
          await page.waitForFunction(
            (i) =>
              document
                .querySelector(`[data-scrolly] [data-step="${i}"]`)!
                .classList.contains('is-active'),
            i,
          );
          const g = await box(page, '[data-scrolly] .scrolly-graphic');
          const chart = await box(page, '[data-scrolly] .scrolly-graphic [data-chart-body]');
          const svg = await page.$eval('[data-scrolly] .scrolly-graphic [data-chart-body]', (b) => {
            const s = [...b.querySelectorAll('svg')].find((x) => x.getClientRects().length > 0)!;
            return s.getBoundingClientRect().height;
          });
          const where = `step ${i + 1}: graphic ${Math.round(g.top)}–${Math.round(g.bottom)} × ${Math.round(g.width)} px`;
          expect(g.top, where).toBeGreaterThanOrEqual(0);
          expect(g.bottom, where).toBeLessThanOrEqual(900 + 0.5);
          expect(g.height, where).toBeGreaterThanOrEqual(900 - masthead.height - 1);
          expect(g.width / 1280, where).toBeGreaterThanOrEqual(0.6);
          // The chart itself takes most of it (not a band across the top).
          expect(chart.height / g.height, where).toBeGreaterThan(0.6);
          expect(svg / g.height, where).toBeGreaterThan(0.6);
          // The step being read sits beside the graphic, not under it.
          const step = await box(page, `[data-scrolly] [data-step="${i}"] .step-body`);
          expect(step.left, where).toBeGreaterThanOrEqual(g.right);
        }
        expect(w.problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    });

    for (const height of [667, 740, 900]) {
      it(`at 375×${height} px the first step follows the graphic with no gap over a quarter of the screen`, async () => {
        const ctx = await site.context({ viewport: { width: 375, height } });
        try {
          const page = await ctx.newPage();
          await load(page, site.url(''));
          // The moment the graphic reaches the top of the screen.
          await page.evaluate(() =>
            window.scrollTo(
              0,
              document.querySelector('[data-scrolly]')!.getBoundingClientRect().top +
                window.scrollY,
            ),
          );
          await page.waitForFunction(
            () =>
              Math.abs(
                document.querySelector('[data-scrolly] .scrolly-graphic')!.getBoundingClientRect()
                  .top,
              ) < 1,
          );
          const g = await box(page, '[data-scrolly] .scrolly-graphic');
          const first = await box(page, '[data-scrolly] [data-step="0"] .step-body');
          const gap = first.top - g.bottom;
          expect(gap, `gap ${Math.round(gap)} px`).toBeGreaterThanOrEqual(0);
          expect(gap, `gap ${Math.round(gap)} px`).toBeLessThanOrEqual(height / 4);
          // The first step can be read without scrolling (it starts on screen).
          expect(first.top).toBeLessThan(height);
        } finally {
          await ctx.close();
        }
      });
    }

    for (const width of [375, 1280]) {
      it(`after the last step the graphic lets go: the chart's notes and toolbar are not under it (${width} px)`, async () => {
        const ctx = await site.context({ viewport: { width, height: 800 } });
        try {
          const page = await ctx.newPage();
          await load(page, site.url(''));
          for (const sel of [
            '[data-scrolly] .scrolly-after .figure-notes',
            '[data-scrolly] .scrolly-after .figure-toolbar',
          ]) {
            await page.evaluate(
              (s) => document.querySelector(s)!.scrollIntoView({ block: 'center' }),
              sel,
            );
            const covered = await page.evaluate((s) => {
              const r = document.querySelector(s)!.getBoundingClientRect();
              const at = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
              return at?.closest('.scrolly-graphic') !== null;
            }, sel);
            expect(covered, `${sel} covered by the sticky graphic`).toBe(false);
          }
        } finally {
          await ctx.close();
        }
      });

      it(`without JavaScript the steps unroll in reading order, each with its chart (${width} px)`, async () => {
        const ctx = await site.context({
          javaScriptEnabled: false,
          viewport: { width, height: 900 },
        });
        try {
          const page = await ctx.newPage();
          await load(page, site.url(''), { js: false });
          const layout = await page.evaluate(() => {
            const g = document.querySelector('[data-scrolly] .scrolly-graphic')!;
            const steps = [...document.querySelectorAll('[data-scrolly] [data-step]')].map((s) => {
              const r = s.getBoundingClientRect();
              return { top: r.top + scrollY, bottom: r.bottom + scrollY };
            });
            return {
              position: getComputedStyle(g).position,
              graphicBottom: g.getBoundingClientRect().bottom + scrollY,
              steps,
            };
          });
          expect(layout.position).toBe('static');
          expect(layout.steps[0]!.top).toBeGreaterThanOrEqual(layout.graphicBottom - 1);
          for (let i = 1; i < layout.steps.length; i++)
            expect(layout.steps[i]!.top, `step ${i + 1} after step ${i}`).toBeGreaterThanOrEqual(
              layout.steps[i - 1]!.bottom - 1,
            );
        } finally {
          await ctx.close();
        }
      });
    }

    for (const width of [375, 1280]) {
      it(`under every chart: a short source line and one toolbar row (${width} px)`, async () => {
        const ctx = await site.context({ viewport: { width, height: 900 } });
        try {
          const page = await ctx.newPage();
          await load(page, site.url(''));
          const figs = await page.$$eval(
            'figure[data-chart]:not(.scrolly-graphic), [data-scrolly]',
            (els) =>
              els.map((f) => {
                const scope = f.matches('[data-scrolly]') ? f.querySelector('.scrolly-after')! : f;
                const line = scope.querySelector('.figure-source') as HTMLElement | null;
                const lh = line ? parseFloat(getComputedStyle(line).lineHeight) : 0;
                const svg = [
                  ...(f.querySelector('[data-chart-body]')?.querySelectorAll('svg') ?? []),
                ].find((s) => s.getClientRects().length > 0);
                const tops = [...scope.querySelectorAll('.figure-toolbar summary')].map((s) =>
                  Math.round(s.getBoundingClientRect().top),
                );
                return {
                  id:
                    f.getAttribute('data-chart') ??
                    f.querySelector('figure')?.getAttribute('data-chart') ??
                    '?',
                  text: line?.innerText ?? '',
                  lines: line ? Math.round(line.getBoundingClientRect().height / lh) : 0,
                  lineH: line?.getBoundingClientRect().height ?? 0,
                  chartH: svg?.getBoundingClientRect().height ?? 0,
                  tops,
                  summaries: [...scope.querySelectorAll('.figure-toolbar summary')].map((s) =>
                    (s as HTMLElement).innerText.trim(),
                  ),
                };
              }),
          );
          expect(figs.length).toBeGreaterThanOrEqual(8);
          for (const f of figs) {
            expect(f.text, `${f.id}: source line`).toMatch(/^Sources?: \S/);
            expect(f.text, `${f.id}: no space before punctuation`).not.toMatch(/\s[;.,:]/);
            expect(f.text, `${f.id}: ends with a full stop`).toMatch(/\.$/);
            expect(f.lines, `${f.id}: source line in at most three lines`).toBeLessThanOrEqual(3);
            expect(f.lineH, `${f.id}: the source line is small beside the chart`).toBeLessThan(
              f.chartH / 4,
            );
            expect(f.summaries, `${f.id}: toolbar`).toEqual([
              'Sources',
              'Table',
              'Description',
              'Download',
              'Embed',
            ]);
            expect(new Set(f.tops).size, `${f.id}: toolbar in one row (${f.tops.join(', ')})`).toBe(
              1,
            );
          }
        } finally {
          await ctx.close();
        }
      });
    }

    it('a toolbar panel opens below the row, across its width; "N more" opens the full source list', async () => {
      const ctx = await site.context({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await ctx.newPage();
        const w = watch(page, site.server.origin);
        await load(page, site.url(''));
        const fig = '#chart-share-by-method';
        const row = await box(page, `${fig} .figure-toolbar`);
        for (const name of ['Table', 'Download', 'Sources']) {
          await page.locator(`${fig} .figure-toolbar summary`, { hasText: name }).click();
          const summaries = await page.$$eval(`${fig} .figure-toolbar summary`, (s) =>
            s.map((x) => Math.round(x.getBoundingClientRect().top)),
          );
          expect(new Set(summaries).size, `${name}: the buttons stay in one row`).toBe(1);
          const panel = await page.$eval(
            `${fig} .figure-toolbar details[open] .tool-panel`,
            (p) => {
              const r = p.getBoundingClientRect();
              return { top: r.top, width: r.width };
            },
          );
          const rowBottom = await page.$eval(
            `${fig} .figure-toolbar summary`,
            (s) => s.getBoundingClientRect().bottom,
          );
          expect(panel.top, `${name}: panel below the buttons`).toBeGreaterThanOrEqual(
            rowBottom - 1,
          );
          expect(panel.width / row.width, `${name}: panel spans the row`).toBeGreaterThan(0.9);
          await page.locator(`${fig} .figure-toolbar summary`, { hasText: name }).click();
        }
        // "and N more" in the source line is a link that opens the full list.
        const more = page.locator(`${fig} .figure-source a[href^="#"]`);
        await expect.poll(() => more.count()).toBe(1);
        await more.click();
        await page.waitForFunction(
          (f) => document.querySelector(`${f} details.tool-sources`)?.hasAttribute('open'),
          fig,
        );
        // The list is fetched when the panel opens (src/publish/share/source-panel.ts).
        await page.waitForFunction((f) => {
          const list = document.querySelector(`${f} .source-detail`);
          return list !== null && !list.hasAttribute('data-src');
        }, fig);
        const items = await page.$$eval(`${fig} .source-detail li`, (lis) =>
          lis.map((li) => (li as HTMLElement).innerText),
        );
        const named = await page.$eval(
          `${fig} .figure-source`,
          (p) =>
            Number(/and (\d+) more/.exec((p as HTMLElement).innerText)?.[1] ?? 0) +
            p.querySelectorAll('a[href^="http"]').length,
        );
        expect(items.length).toBeGreaterThanOrEqual(named);
        for (const t of items)
          expect(t).toMatch(
            /, (undated|\d{1,2} [A-Z][a-z]+ \d{4}), (primary|secondary|repost|aggregator|capture|our own classification)\.$/,
          );
        const data = await page.$eval(`${fig} .provenance`, (p) => (p as HTMLElement).innerText);
        expect(data).toMatch(/^Data: data\/\S+\.csv, [\d,]+ rows, sha256 [0-9a-f]{12}/);
        expect(data).toMatch(/Built \d{1,2} [A-Z][a-z]+ \d{4}\. Every source, with notes\.$/);
        expect(w.problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    });

    for (const [colorScheme, width] of [
      ['light', 1280],
      ['dark', 375],
    ] as const) {
      it(
        `axe: no violations with every toolbar panel open (${colorScheme}, ${width} px)`,
        { timeout: 120_000 },
        async () => {
          const ctx = await site.context({ colorScheme, viewport: { width, height: 900 } });
          try {
            const page = await ctx.newPage();
            await load(page, site.url(''));
            await page.evaluate(() =>
              document
                .querySelectorAll('.figure-toolbar details')
                .forEach((d) => d.setAttribute('open', '')),
            );
            const result = await new AxeBuilder({ page }).include('.figure-toolbar').analyze();
            const found = result.violations.flatMap((v) =>
              v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`),
            );
            expect(found).toEqual([]);
            // The description each chart points to is there to be read, open or closed.
            const described = await page.$$eval('[data-chart-body][aria-describedby]', (bs) =>
              bs.map(
                (b) =>
                  document.getElementById(b.getAttribute('aria-describedby')!)?.textContent?.trim()
                    .length ?? 0,
              ),
            );
            expect(described.length).toBeGreaterThanOrEqual(8);
            for (const n of described) expect(n).toBeGreaterThan(20);
          } finally {
            await ctx.close();
          }
        },
      );
    }
  },
);

describe.skipIf(!hasChromium())('chart text size on a phone', () => {
  const site = useSite();
  it('at 375 px no visible chart text on the article renders below 12 px', async () => {
    const ctx = await site.context({ viewport: { width: 375, height: 800 } });
    try {
      const page = await ctx.newPage();
      await load(page, site.url(''));
      const sizes = await page.$$eval('.chart svg text', (els) =>
        els
          .filter((e) => (e as SVGGraphicsElement).getClientRects().length > 0 && e.textContent)
          .map((e) => {
            const svg = (e as SVGGraphicsElement).ownerSVGElement!;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width || 1;
            return {
              text: e.textContent!,
              px: parseFloat(getComputedStyle(e).fontSize) * scale,
            };
          }),
      );
      expect(sizes.length).toBeGreaterThan(50);
      const smallest = sizes.reduce((a, b) => (b.px < a.px ? b : a));
      expect(smallest.px, `"${smallest.text}"`).toBeGreaterThanOrEqual(12);
    } finally {
      await ctx.close();
    }
  });
});
