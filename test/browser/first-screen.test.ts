// The point of the story in the first screen, and the sticky graphic at 200% zoom, measured in
// Chromium (getBoundingClientRect): at 375x740 and 1280x800, light and dark, the hero chart's
// 50% line and its lead-change marks are inside the first viewport without scrolling; at 200%
// zoom (a viewport half as wide and tall at deviceScaleFactor 2, the same layout as the full
// size zoomed) every visible text of the scroller's charts renders at 12 CSS px or more, each
// drawing fits the screen, and each step fits with its figure beside it; and on common phone,
// tablet and laptop screens every text of the hero's sticky graphic, in the head's state and
// in each step's, renders at 12 CSS px or more (a drawing scaled to fit a column or a band of
// the screen's height shrinks its text with it).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { load, useSite } from './site.ts';

interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Boxes (viewport px) of the visible elements matching a selector inside the hero scroller. */
const heroBoxes = (page: Page, sel: string): Promise<Rect[]> =>
  page.$$eval(`.scrolly-graphic [data-chart-body] ${sel}`, (els) =>
    els
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      }),
  );

describe.skipIf(!hasChromium())('the flip in the first screen', () => {
  const site = useSite();
  for (const [width, height] of [
    [375, 740],
    [1280, 800],
  ] as const)
    for (const colorScheme of ['light', 'dark'] as const)
      it(`at ${width}x${height} (${colorScheme}) the hero's 50% line and lead changes are on screen before any scroll`, async () => {
        const ctx = await site.context({ viewport: { width, height }, colorScheme });
        try {
          const page = await ctx.newPage();
          await load(page, site.url(''));
          expect(await page.evaluate(() => scrollY)).toBe(0);
          // Nothing sticks out sideways (the masthead's toggle stays on its row at 375 px).
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth),
          ).toBeLessThanOrEqual(width);
          const fifty = await heroBoxes(page, 'g.fifty-line line');
          const changes = await heroBoxes(page, 'g.lead-change line');
          expect(fifty).toHaveLength(1);
          expect(changes.length).toBeGreaterThanOrEqual(2);
          for (const r of [...fifty, ...changes]) {
            expect(r.top).toBeGreaterThanOrEqual(0);
            expect(r.bottom, `${width}x${height}: a mark at ${r.bottom} px`).toBeLessThanOrEqual(
              height,
            );
            expect(r.left).toBeGreaterThanOrEqual(0);
            expect(r.right).toBeLessThanOrEqual(width);
          }
        } finally {
          await ctx.close();
        }
      });
});

describe.skipIf(!hasChromium())('the scroller at 200% zoom', () => {
  const site = useSite();
  // 1280x800 and 1920x1080 screens at 200%.
  for (const [width, height] of [
    [640, 400],
    [960, 540],
  ] as const)
    it(`at ${width * 2}x${height * 2} zoomed to 200% the chart text stays at 12 px or more and each step fits with its figure`, async () => {
      const ctx = await site.context({ viewport: { width, height }, deviceScaleFactor: 2 });
      try {
        const page = await ctx.newPage();
        await load(page, site.url(''));
        // The steps' drawings are fetched as they near the viewport (src/client/lazy-svg.ts):
        // bring each into view, then wait until no shown drawing is still a placeholder.
        for (const fig of await page.locator('.scrolly .step-figure').all())
          await fig.scrollIntoViewIfNeeded();
        // (Only the steps' own figures: the graphic at the top may hold a later state's
        // placeholder, off screen, until the reader scrolls back to it.)
        await page.waitForFunction(() =>
          [...document.querySelectorAll('.scrolly .step-figure .chart [data-src]')].every(
            (e) => e.getClientRects().length === 0,
          ),
        );
        const m = await page.$eval('.scrolly', (section) => {
          const visible = (e: Element) => e.getClientRects().length > 0;
          const texts = [...section.querySelectorAll('.chart svg text')]
            .filter((e) => visible(e) && e.textContent)
            .map((e) => {
              const svg = (e as SVGGraphicsElement).ownerSVGElement!;
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              return { text: e.textContent!, px: parseFloat(getComputedStyle(e).fontSize) * scale };
            });
          const size = (e: Element) => {
            const r = e.getBoundingClientRect();
            return { height: r.height, right: r.right };
          };
          return {
            texts,
            charts: [...section.querySelectorAll('.chart svg')].filter(visible).map(size),
            steps: [...section.querySelectorAll('.step')].map(size),
            shownFigures: [...section.querySelectorAll('.step-figure')].filter(visible).length,
          };
        });
        // Every step after the first has its own figure on screen (no sticky graphic).
        expect(m.shownFigures).toBeGreaterThanOrEqual(3);
        expect(m.texts.length).toBeGreaterThan(20);
        const smallest = m.texts.reduce((a, b) => (b.px < a.px ? b : a));
        expect(smallest.px, `"${smallest.text}"`).toBeGreaterThanOrEqual(12);
        // The whole of each drawing fits the screen, and each step fits with its figure beside it.
        for (const c of m.charts) {
          expect(c.height).toBeLessThanOrEqual(height);
          expect(c.right).toBeLessThanOrEqual(width);
        }
        for (const s of m.steps) {
          expect(s.height).toBeLessThanOrEqual(height);
          expect(s.right).toBeLessThanOrEqual(width);
        }
      } finally {
        await ctx.close();
      }
    });
});

/** Every visible text of the hero's drawing (the sticky graphic, in whatever state it shows):
 *  its words and its size on screen (the computed font size times the drawing's scale). */
const heroTexts = (page: Page) =>
  page.$$eval('.scrolly-graphic [data-chart-body] svg', (svgs) =>
    svgs
      .filter((svg) => svg.getClientRects().length > 0 && svg.querySelector('text'))
      .flatMap((svg) => {
        // A drawing kept in proportion inside a wider or taller box is scaled by the smaller.
        const box = svg.getBoundingClientRect();
        const { width, height } = (svg as SVGSVGElement).viewBox.baseVal;
        const scale = Math.min(box.width / width, box.height / height);
        return [...svg.querySelectorAll('text')]
          .filter((t) => t.getClientRects().length > 0 && t.textContent)
          .map((t) => ({
            state: svg.dataset.state ?? '',
            text: t.textContent!,
            px: parseFloat(getComputedStyle(t).fontSize) * scale,
          }));
      }),
  );

describe.skipIf(!hasChromium())('the hero’s text on common screens', () => {
  const site = useSite();
  // Phones, tablets and laptops in common use (CSS px), each at least 600 px tall, so each
  // shows the sticky graphic: the head's state first, then each step's as the reader scrolls.
  for (const [width, height] of [
    [320, 640],
    [375, 740],
    [390, 844],
    [768, 1024],
    [1024, 768],
    [1280, 800],
    [1366, 768],
    [1440, 900],
    [1920, 1080],
  ] as const)
    it(`at ${width}x${height} every text of the hero, in every step, renders at 12 px or more`, async () => {
      const ctx = await site.context({ viewport: { width, height }, reducedMotion: 'reduce' });
      try {
        const page = await ctx.newPage();
        await load(page, site.url(''));
        const seen = await heroTexts(page);
        const steps = await page.locator('.scrolly [data-step]').all();
        for (const step of steps) {
          const state = await step.getAttribute('data-state');
          await step.evaluate((e) => e.scrollIntoView({ block: 'center' }));
          // The step's drawing is fetched, then swapped into the sticky graphic.
          await page.waitForFunction(
            (s) =>
              [...document.querySelectorAll('.scrolly-graphic [data-chart-body] svg')].some(
                (svg) =>
                  svg.getClientRects().length > 0 &&
                  (svg as SVGElement).dataset.state === s &&
                  svg.querySelector('text'),
              ),
            state,
          );
          seen.push(...(await heroTexts(page)));
        }
        // The head's state and each later step's were all measured.
        const states = new Set(seen.map((t) => t.state));
        expect(states.size).toBe(
          new Set(await Promise.all(steps.map((s) => s.getAttribute('data-state')))).size,
        );
        const smallest = seen.reduce((a, b) => (b.px < a.px ? b : a));
        expect(
          smallest.px,
          `${width}x${height}: "${smallest.text}" (state ${smallest.state}) at ${smallest.px.toFixed(1)} px`,
        ).toBeGreaterThanOrEqual(12);
      } finally {
        await ctx.close();
      }
    });
});
