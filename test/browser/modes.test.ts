// The article without JavaScript, with reduced motion, and printed: every chart is there as
// SVG, the story's steps unroll, nothing moves when the reader asked for less motion, and the
// printout carries every figure and the sources.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { embedPages, load, useSite, watch } from './site.ts';

interface FigureReport {
  id: string;
  /** Visible SVGs in the figure, with their rendered size. */
  svgs: Array<{ w: number; h: number }>;
}

/** Every figure on the page and the SVGs the reader can see in it. */
const figures = (page: Page): Promise<FigureReport[]> =>
  page.$$eval('figure', (figs) =>
    figs.map((f) => ({
      id: f.id || f.getAttribute('data-chart') || '(no id)',
      svgs: [...f.querySelectorAll('svg')]
        .filter((s) => s.getClientRects().length > 0 && getComputedStyle(s).visibility !== 'hidden')
        .map((s) => ({ w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height })),
    })),
  );

/** Each step's own figure: shown (non-zero size, not display:none) with a visible SVG. */
const stepFigures = (page: Page) =>
  page.$$eval('[data-step] [data-state-svg]', (els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      const svg = [...e.querySelectorAll('svg')].find((s) => s.getClientRects().length > 0);
      return {
        state: (e as HTMLElement).dataset.stateSvg,
        shown: r.width > 0 && r.height > 0,
        svg: svg ? svg.getBoundingClientRect().height : 0,
      };
    }),
  );

describe.skipIf(!hasChromium())('without JavaScript, with reduced motion, in print', () => {
  const site = useSite();

  for (const width of [375, 1280]) {
    it(`without JavaScript every chart is a visible SVG and the steps unroll (${width}px)`, async () => {
      const ctx = await site.context({
        javaScriptEnabled: false,
        viewport: { width, height: 900 },
      });
      try {
        const page = await ctx.newPage();
        const w = watch(page, site.server.origin);
        await load(page, site.url(''), { js: false });
        expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(
          false,
        );
        const figs = await figures(page);
        const total = figs.reduce((n, f) => n + f.svgs.length, 0);
        console.log(`no-JS ${width}px: ${figs.length} figures, ${total} visible SVGs in figures`);
        // The second edition's article has 8 figures (the others are on the methodology page).
        expect(total).toBeGreaterThanOrEqual(8);
        for (const f of figs) {
          expect(f.svgs.length, `${f.id}: a visible SVG`).toBeGreaterThan(0);
          for (const s of f.svgs) expect(s.w > 0 && s.h > 0, `${f.id}: SVG has a size`).toBe(true);
        }
        // The steps unroll as text after the graphic's first state; a later state is not
        // in the page without a script to fetch it (src/publish/share/chart-svg.ts), so its step
        // shows no empty box.
        const steps = await stepFigures(page);
        expect(steps.length).toBeGreaterThan(0);
        for (const s of steps) expect(s.shown, `step figure ${s.state} hidden`).toBe(false);
        const stepText = await page.$$eval('[data-step] .step-body', (els) =>
          els.map((e) =>
            e.getClientRects().length > 0 ? (e as HTMLElement).innerText.trim() : '',
          ),
        );
        expect(stepText.length).toBeGreaterThanOrEqual(steps.length);
        for (const t of stepText) expect(t.length, 'a step reads as text').toBeGreaterThan(20);
        // The controls that need a script stay hidden.
        expect(
          await page
            .locator('[data-method-control], [data-calculator], [data-step-nav]')
            .evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).length),
        ).toBe(0);
        expect(w.problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  }

  it('without JavaScript every embed page shows its chart as SVG', async (t) => {
    const embeds = embedPages();
    if (embeds.length === 0) t.skip();
    const ctx = await site.context({ javaScriptEnabled: false });
    try {
      for (const p of embeds) {
        const page = await ctx.newPage();
        await load(page, site.url(p.path), { js: false });
        const figs = await figures(page);
        expect(figs.length, `${p.name}: a figure`).toBeGreaterThan(0);
        for (const f of figs)
          expect(
            f.svgs.filter((s) => s.w > 0 && s.h > 0).length,
            `${p.name} ${f.id}: a visible SVG`,
          ).toBeGreaterThan(0);
        await page.close();
      }
    } finally {
      await ctx.close();
    }
  });

  it('with prefers-reduced-motion: reduce, switching step or method neither animates nor transitions', async () => {
    const motion = async (reduce: boolean) => {
      const ctx = await site.context({ reducedMotion: reduce ? 'reduce' : 'no-preference' });
      try {
        const page = await ctx.newPage();
        const w = watch(page, site.server.origin);
        await load(page, site.url(''));
        await page.locator('[data-scrolly] [data-goto="2"]').click();
        await page.waitForFunction(() =>
          document.querySelector('[data-scrolly] [data-step="2"]')?.classList.contains('is-active'),
        );
        await page
          .locator('#chart-share-by-method button[data-state]:not([aria-pressed="true"])')
          .first()
          .click();
        await page.waitForFunction(
          () =>
            document.querySelector('#chart-share-by-method')?.getAttribute('data-state') !== null,
        );
        const styles = await page.evaluate(() => {
          const css = (sel: string) => {
            const s = getComputedStyle(document.querySelector(sel)!);
            return {
              animation: s.animationName,
              transition: s.transitionDuration,
              classes: document.querySelector(sel)!.className,
            };
          };
          return {
            scrollyChart: css('[data-scrolly] .scrolly-graphic [data-chart-body]'),
            methodChart: css('#chart-share-by-method [data-chart-body]'),
            progress: css('[data-step-progress]'),
          };
        });
        expect(w.problems).toEqual([]);
        return styles;
      } finally {
        await ctx.close();
      }
    };
    const reduced = await motion(true);
    for (const [name, s] of Object.entries(reduced)) {
      expect(s.animation, `${name}: animation-name`).toBe('none');
      expect(
        s.transition.split(',').every((d) => parseFloat(d) === 0),
        `${name}: transition-duration ${s.transition}`,
      ).toBe(true);
    }
    // Control: without the preference the swapped chart fades in and the bar slides, so the
    // check above measures something.
    const normal = await motion(false);
    expect(normal.scrollyChart.animation).not.toBe('none');
    expect(normal.progress.transition).not.toBe('0s');
  });

  it('print shows every figure with its SVG, the unrolled steps and the sources', async () => {
    const ctx = await site.context();
    try {
      const page = await ctx.newPage();
      const w = watch(page, site.server.origin);
      await load(page, site.url(''));
      // The reader goes through the story's steps (each fetches its state), then prints.
      const stepCount = await page.locator('[data-scrolly] [data-goto]').count();
      for (let i = 1; i < stepCount; i++) {
        await page.locator(`[data-scrolly] [data-goto="${i}"]`).click();
        await page.waitForFunction(
          (i) =>
            document.querySelector(
              `[data-step="${i}"] [data-state-svg] .chart > [data-chart-svg]:not([data-src])`,
            ) !== null,
          i,
        );
      }
      await page.emulateMedia({ media: 'print' });
      const figs = await figures(page);
      expect(figs.length).toBeGreaterThanOrEqual(8);
      for (const f of figs) {
        expect(f.svgs.length, `print: ${f.id} SVG displayed`).toBeGreaterThan(0);
        for (const s of f.svgs)
          expect(s.w > 0 && s.h > 0, `print: ${f.id} SVG has a size`).toBe(true);
      }
      const steps = await stepFigures(page);
      expect(steps.length).toBeGreaterThan(0);
      for (const s of steps)
        expect(s.shown && s.svg > 0, `print: step figure ${s.state}`).toBe(true);
      // Every figure's source line (the scrolly's sits after its steps).
      const sourceLines = await page.$$eval('.figure-source', (els) =>
        els.map((e) => ({
          shown: e.getClientRects().length > 0,
          text: (e as HTMLElement).innerText.trim(),
        })),
      );
      const chartCount = await page.locator('figure[data-chart]').count();
      const shownSources = sourceLines.filter((s) => s.shown && /^Sources?:/.test(s.text));
      expect(shownSources.length, 'print: a visible source line per chart').toBeGreaterThanOrEqual(
        chartCount,
      );
      // Links in the source lines print their address.
      const after = await page.$eval(
        '.figure-source a[href^="http"]',
        (a) => getComputedStyle(a, '::after').content,
      );
      expect(after).toContain('http');
      // Nothing interactive is printed.
      expect(
        await page
          .locator('.skip-link, .step-nav, [data-method-control], .theme-toggle')
          .evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).length),
      ).toBe(0);

      await load(page, site.url('methodology/'));
      await page.emulateMedia({ media: 'print' });
      const list = page.locator('.source-list');
      expect(await list.isVisible()).toBe(true);
      const items = await list
        .locator('li')
        .evaluateAll((lis) =>
          lis.map(
            (li) =>
              li.getClientRects().length > 0 && (li as HTMLElement).innerText.trim().length > 0,
          ),
        );
      expect(items.length).toBeGreaterThan(5);
      expect(items.every(Boolean), 'print: every source listed').toBe(true);
      expect(w.problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
