/**
 * Embeds without our script: a host page on another origin whose CSP allows scripts from
 * itself only (script-src 'self'), so embed.js is refused, as on hosts that block third-party
 * scripts. Each of the 12 snippets keeps its fixed fallback height; at 320, 375, 768 and
 * 1280 px the frame must show the whole compact layout (nothing below the frame's bottom),
 * with the chart and the credit line (licence) in view, and chart text no smaller than about
 * 11 px on screen. The fallback height is one number, stated alike by the oEmbed document,
 * the snippet and the embed code's text.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ElementHandle, Frame, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { startHost, type HostServer } from '../../src/publish/site/host.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { DIST, builtChartIds, hostPage, snippetFor } from './helpers.ts';

const run = hasChromium();
const ids = builtChartIds();
/** Chart text on screen, at least (px): 12 px axis labels and 11 px direct labels, drawn no
 *  smaller than 0.92 of their size in a 300 px frame, and at full size from 360 px up. */
const MIN_TEXT_PX = 10;

describe('one fallback height per chart', () => {
  it('the oEmbed height, the snippet and the embed code (embed page and article) state the same number', () => {
    const snippets = (file: string) => {
      const { document } = parseHTML(readFileSync(file, 'utf8'));
      // (linkedom keeps a textarea's character references as written: decode them as a browser does)
      const decode = (t: string) =>
        t.replace(
          /&(lt|gt|quot|#39|amp);/g,
          (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!,
        );
      return {
        document,
        codes: [...document.querySelectorAll('textarea[data-embed-snippet]')].map((t) =>
          decode(t.textContent ?? ''),
        ),
      };
    };
    const article = snippets(`${DIST}/index.html`).codes;
    for (const id of ids) {
      const doc = JSON.parse(readFileSync(`${DIST}/embed/${id}/oembed.json`, 'utf8')) as {
        html: string;
        height: number;
      };
      expect(doc.html, id).toContain(` height="${doc.height}" `);
      const embed = snippets(`${DIST}/embed/${id}/index.html`);
      expect(embed.codes, id).toEqual([doc.html]);
      expect(embed.document.querySelector('[data-embed-code] label')?.textContent, id).toContain(
        `the frame is ${doc.height} px tall`,
      );
      const inArticle = article.filter((c) => c.includes(`data-tokenflip-embed="${id}"`));
      expect(inArticle, `${id}: the article's embed code`).toEqual([doc.html]);
    }
  });
});

describe.runIf(run)('embeds without the host script, on a host with a strict CSP', () => {
  let site: HostServer;
  let host: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    site = await startHost(DIST);
    const body = ids
      .map((id) => `<p>Before the chart ${id}.</p>\n${snippetFor(id, site.origin).html}`)
      .join('\n');
    host = await serveStatic(mkdtempSync(`${tmpdir()}/host-`), {
      extra: { '/strict.html': hostPage(body, { csp: "script-src 'self'" }) },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([site?.close(), host?.close()]);
  });

  const open = async (
    page: Page,
    id: string,
  ): Promise<{ el: ElementHandle<HTMLIFrameElement>; frame: Frame }> => {
    const el = (await page.$(
      `iframe[data-tokenflip-embed="${id}"]`,
    )) as ElementHandle<HTMLIFrameElement>;
    await el.scrollIntoViewIfNeeded();
    const frame = await el.contentFrame();
    if (!frame) throw new Error(`no frame for ${id}`);
    await frame.waitForSelector('[data-embed-root]');
    await frame.waitForLoadState('load');
    await frame.evaluate(() => document.fonts.ready.then(() => undefined));
    return { el, frame };
  };

  for (const width of [320, 375, 768, 1280]) {
    it(`at ${width} px every frame shows its whole chart, source and credit line`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/.test(m.text()) && m.text().includes('embed.js'))
          refused.push(m.text());
      });
      await page.goto(`${host.origin}/strict.html`);
      const rows: string[] = [];
      for (const id of ids) {
        const { el, frame } = await open(page, id);
        const fallback = snippetFor(id, site.origin).fallback;
        const box = await el.evaluate((e) => ({
          w: e.getBoundingClientRect().width,
          h: e.getBoundingClientRect().height,
        }));
        expect(box.h, `${id}: the frame keeps its fallback height`).toBe(fallback);
        expect(box.w, `${id}: frame width`).toBeGreaterThanOrEqual(300);
        const m = await frame.evaluate(() => {
          const bottom = (sel: string) => {
            const e = document.querySelector(sel);
            if (
              !e ||
              e.getClientRects().length === 0 ||
              getComputedStyle(e).visibility === 'hidden'
            )
              return -1;
            return e.getBoundingClientRect().bottom + window.scrollY;
          };
          const svg = [...document.querySelectorAll<SVGSVGElement>('[data-chart-body] svg')].find(
            (s) => s.getClientRects().length > 0,
          );
          let minText = Number.POSITIVE_INFINITY;
          if (svg) {
            const k = svg.getScreenCTM()!.a;
            for (const t of svg.querySelectorAll('text'))
              if (t.getClientRects().length > 0)
                minText = Math.min(minText, parseFloat(getComputedStyle(t).fontSize) * k);
          }
          const de = document.documentElement;
          return {
            content:
              document.querySelector('[data-embed-root]')!.getBoundingClientRect().bottom +
              window.scrollY,
            scroll: de.scrollHeight,
            client: de.clientHeight,
            chart: svg ? svg.getBoundingClientRect().bottom + window.scrollY : -1,
            credit: bottom('[data-embed-attribution]'),
            licence:
              (document.querySelector('[data-embed-attribution]') as HTMLElement | null)
                ?.innerText ?? '',
            more: bottom('[data-embed-more]'),
            minText,
          };
        });
        const clip = Math.max(0, Math.ceil(m.content - box.h));
        rows.push(
          `${id}: frame ${box.w}x${box.h}, content ${Math.ceil(m.content)}, clip ${clip}, min chart text ${m.minText.toFixed(1)} px`,
        );
        expect(m.content, `${id}: content height within the frame`).toBeLessThanOrEqual(box.h);
        expect(m.scroll, `${id}: nothing to scroll inside the frame`).toBeLessThanOrEqual(m.client);
        expect(m.chart, `${id}: chart shown`).toBeGreaterThan(0);
        expect(m.chart).toBeLessThanOrEqual(box.h);
        expect(m.credit, `${id}: credit line shown`).toBeGreaterThan(m.chart);
        expect(m.credit).toBeLessThanOrEqual(box.h);
        expect(m.licence).toContain('CC BY 4.0');
        // The notes-and-data panel needs a frame that grows: a fixed frame links to the article.
        expect(m.more, `${id}: no panel in a fixed frame`).toBe(-1);
        expect(m.minText, `${id}: chart text on screen`).toBeGreaterThanOrEqual(MIN_TEXT_PX);
      }
      console.log(`no script, strict host CSP, ${width} px viewport:\n  ${rows.join('\n  ')}`);
      // The host really refused our script: this is the case without it.
      expect(await page.evaluate(() => 'tokenflipEmbed' in window)).toBe(false);
      await page.close();
    });
  }
});
