// What the pages leave out of their first load and fetch later (src/publish/share/chart-svg.ts,
// src/publish/share/source-panel.ts): every placeholder names a file dist/ has, of the same
// proportions; every state the scroller and the method switch may ask for exists at every
// width; each figure inlines exactly one drawing for phones; and in a browser the drawings
// arrive (with their tooltips), the source lists fill, and without JavaScript every figure
// shows a readable chart at 375 and 1280 px.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { distFile } from './bytes.ts';
import { BASE_PATH, DIST, assertBuilt, load, useSite, watch } from './site.ts';

assertBuilt();

const pages = ['', 'methodology/'];
const parse = (path: string) =>
  parseHTML(readFileSync(distFile(DIST, BASE_PATH, BASE_PATH + path)!, 'utf8')).document;
const viewBox = (svg: string) => /^<svg[^>]*\sviewBox="([^"]+)"/.exec(svg)?.[1] ?? null;

describe('lazily loaded drawings and panels in dist/', () => {
  it.each(pages)('/%s: every placeholder names a file of dist/ with the same viewBox', (path) => {
    const document = parse(path);
    const holders = [...document.querySelectorAll('[data-src]')];
    expect(holders.length, 'placeholders on the page').toBeGreaterThan(0);
    const problems: string[] = [];
    for (const el of holders) {
      const src = el.getAttribute('data-src')!;
      const file = distFile(DIST, BASE_PATH, src);
      if (!file) {
        problems.push(`${src}: not in dist/`);
        continue;
      }
      const text = readFileSync(file, 'utf8');
      if (el.hasAttribute('data-chart-svg')) {
        const want = viewBox(el.innerHTML.trim());
        expect(want, `${src}: the placeholder has a viewBox`).not.toBeNull();
        if (viewBox(text) !== want) problems.push(`${src}: viewBox ${viewBox(text)}, page ${want}`);
        if (!/<svg [^>]*aria-hidden="true"/.test(text)) problems.push(`${src}: not aria-hidden`);
        if (!/<title>/.test(text) && !/<text/.test(text)) problems.push(`${src}: no marks`);
      } else {
        const { items } = JSON.parse(text) as { items: string[] };
        const stated = Number(/draws on (\d+) sources?/.exec(el.textContent ?? '')?.[1]);
        if (items.length !== stated)
          problems.push(`${src}: ${items.length} sources, page says ${stated}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('each article figure inlines one drawing for phones; the first screen inlines both', () => {
    const document = parse('');
    const figures = [...document.querySelectorAll('figure[data-chart]')];
    expect(figures.length).toBeGreaterThanOrEqual(8);
    for (const f of figures) {
      const id = f.getAttribute('data-chart');
      const drawn = [...f.querySelectorAll('[data-chart-body] > [data-chart-svg]')];
      const inline = drawn.filter((d) => !d.hasAttribute('data-src'));
      const narrow = inline.filter((d) => d.getAttribute('data-chart-svg') === 'narrow');
      expect(narrow.length, `${id}: the phone drawing inline`).toBe(1);
      expect(narrow[0]!.querySelectorAll('*').length, `${id}: with marks`).toBeGreaterThan(10);
      expect(inline.length, `${id}: inline drawings`).toBe(
        f.classList.contains('scrolly-graphic') ? 2 : 1,
      );
    }
  });

  it('every later state of the scroller and the method switch has its files at both widths', () => {
    const document = parse('');
    const states = [
      ...document.querySelectorAll('[data-state-svg], template[data-state-template]'),
    ].map((el) => el.getAttribute('data-state-svg') ?? el.getAttribute('data-state-template'));
    expect(states.length).toBeGreaterThan(3);
    for (const el of document.querySelectorAll('[data-state-svg], template[data-state-template]')) {
      const html = el.innerHTML;
      const srcs = [...html.matchAll(/data-chart-svg="(narrow|wide)" data-src="([^"]+)"/g)];
      expect(srcs.map((m) => m[1]).sort(), `${el.outerHTML.slice(0, 60)}: both widths`).toEqual([
        'narrow',
        'wide',
      ]);
      for (const m of srcs)
        expect(existsSync(join(DIST, m[2]!.slice(BASE_PATH.length))), m[2]).toBe(true);
    }
  });
});

describe.skipIf(!hasChromium())('lazily loaded drawings in a browser', () => {
  const site = useSite();

  for (const width of [375, 1280]) {
    it(`without JavaScript every figure shows a drawing at least 300 px wide (${width}px)`, async () => {
      const ctx = await site.context({
        javaScriptEnabled: false,
        viewport: { width, height: 900 },
      });
      try {
        const page = await ctx.newPage();
        const w = watch(page, site.server.origin);
        await load(page, site.url(''), { js: false });
        const figs = await page.$$eval('figure[data-chart]', (fs) =>
          fs.map((f) => {
            const shown = [...f.querySelectorAll('[data-chart-body] svg')].filter(
              (s) => s.getClientRects().length > 0,
            );
            return {
              id: f.getAttribute('data-chart'),
              widths: shown.map((s) => Math.round(s.getBoundingClientRect().width)),
              marks: shown.map((s) => s.querySelectorAll('*').length),
            };
          }),
        );
        for (const f of figs) {
          expect(f.widths.length, `${f.id}: one drawing shown`).toBe(1);
          expect(f.widths[0], `${f.id}: drawing width`).toBeGreaterThanOrEqual(300);
          expect(f.marks[0], `${f.id}: a drawing, not a placeholder`).toBeGreaterThan(10);
        }
        expect(w.problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  }

  it('at 1280 px a figure scrolled to gets its desktop drawing, with tooltips; a source list fills when opened', async () => {
    const ctx = await site.context({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      const w = watch(page, site.server.origin);
      const fetched: string[] = [];
      page.on('response', (r) => fetched.push(new URL(r.url()).pathname));
      await load(page, site.url(''));
      const last = page.locator('figure[data-chart]').last();
      const id = await last.getAttribute('data-chart');
      const wide = `#chart-${id} [data-chart-body] > [data-chart-svg="wide"]`;
      expect(await page.$eval(wide, (e) => e.hasAttribute('data-src')), 'not loaded at first').toBe(
        true,
      );
      await last.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (sel) => !document.querySelector(sel)?.hasAttribute('data-src'),
        wide,
      );
      const tips = await page.$eval(wide, (e) => e.querySelectorAll('[data-tip]').length);
      expect(tips, `${id}: the fetched drawing's marks carry tooltips`).toBeGreaterThan(0);
      expect(fetched.filter((p) => p.includes('/svg/')).length).toBeGreaterThan(0);
      // The phone drawings of figures are never fetched on a desktop.
      expect(fetched.filter((p) => /\.narrow\.svg$/.test(p))).toEqual([]);

      await page.locator(`#chart-${id} details.tool-sources summary`).click();
      await page.waitForFunction(
        (i) => !document.querySelector(`#chart-${i} .source-detail`)?.hasAttribute('data-src'),
        id,
      );
      const items = await page.$$eval(`#chart-${id} .source-detail li`, (lis) =>
        lis.map((li) => (li as HTMLElement).innerText),
      );
      expect(items.length).toBeGreaterThan(0);
      for (const t of items)
        expect(t).toMatch(
          /, (primary|secondary|repost|aggregator|capture|our own classification)\.$/,
        );
      expect(w.problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
