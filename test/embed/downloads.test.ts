/**
 * Every download link of every chart (in the article and on its embed page), every dataset
 * link of the methodology page and every social image resolves to a file that parses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { DOMParser } from 'linkedom';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { startHost, type HostServer } from '../../src/publish/site/host.ts';
import { DIST, builtChartIds, pngSize } from './helpers.ts';

const run = hasChromium();

describe.runIf(run)('downloads, oEmbed and social images', () => {
  let site: HostServer;
  let browser: Browser;
  const ids = builtChartIds();
  const get = async (url: string) => {
    const r = await fetch(url);
    expect(r.status, url).toBe(200);
    return Buffer.from(await r.arrayBuffer());
  };

  beforeAll(async () => {
    site = await startHost(DIST);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const toolLinks = async (path: string) => {
    const page = await browser.newPage();
    await page.goto(`${site.url}${path}`);
    const links = await page.$$eval('[data-figure-tools]', (tools) =>
      tools.map((t) => ({
        chart:
          t.closest('[data-chart]')?.getAttribute('data-chart') ??
          t
            .closest('section[data-scrolly]')
            ?.querySelector('figure[data-chart]')
            ?.getAttribute('data-chart') ??
          '',
        hrefs: [...t.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
      })),
    );
    await page.close();
    return links;
  };

  const checkFile = async (url: string, chart: string) => {
    const buf = await get(url);
    const path = new URL(url).pathname;
    if (path.endsWith('.csv')) {
      const text = buf.toString('utf8');
      const parsed = Papa.parse<Record<string, string>>(text, {
        header: true,
        skipEmptyLines: true,
      });
      expect(parsed.errors, url).toEqual([]);
      // The header is the chart's columns, in order, as the JSON download names them.
      const json = JSON.parse((await get(url.replace(/\.csv$/, '.json'))).toString('utf8')) as {
        columns: Array<{ name: string }>;
        rows: unknown[];
      };
      expect(parsed.meta.fields, url).toEqual(json.columns.map((c) => c.name));
      expect(parsed.data.length, url).toBe(json.rows.length);
      expect(parsed.data.length).toBeGreaterThan(0);
    } else if (path.endsWith('.metadata.json')) {
      const m = JSON.parse(buf.toString('utf8'));
      expect(m.chart).toBe(chart);
      expect(m.licence.name).toBe('CC BY 4.0');
      expect(m.sources.length).toBeGreaterThan(0);
      for (const s of m.sources)
        expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'title', 'publisher', 'url']));
      expect(m.provenance.datasets.length).toBeGreaterThan(0);
      for (const d of m.provenance.datasets) expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m.citation).toContain(`#chart-${chart}`);
    } else if (path.endsWith('.json')) {
      const j = JSON.parse(buf.toString('utf8'));
      if (path.endsWith('oembed.json')) {
        expect(j).toMatchObject({ type: 'rich', version: '1.0' });
        expect(j.html).toContain(`data-tokenflip-embed="${chart}"`);
        expect(j.height).toBeGreaterThan(100);
      } else expect(j.chart).toBe(chart);
    } else if (path.endsWith('.svg')) {
      const doc = new DOMParser().parseFromString(buf.toString('utf8'), 'image/svg+xml');
      expect(doc.documentElement.tagName.toLowerCase(), url).toBe('svg');
      expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    } else if (path.endsWith('.png')) {
      const { width, height } = pngSize(buf);
      // Chart images are drawn at 2x the SVG's size.
      const svg = (await get(url.replace(/\.png$/, '.svg'))).toString('utf8');
      const w = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)![1]);
      const h = Number(/<svg[^>]*\sheight="(\d+)"/.exec(svg)![1]);
      expect({ width, height }, url).toEqual({ width: w * 2, height: h * 2 });
    } else if (path.endsWith('/')) {
      expect(buf.toString('utf8')).toContain(`data-embed-root="${chart}"`);
    } else throw new Error(`unexpected link ${url}`);
  };

  it('every chart of the article has a tool row whose links all resolve and parse', async () => {
    const rows = await toolLinks('');
    expect(rows.map((r) => r.chart).sort()).toEqual([...ids].sort());
    let n = 0;
    for (const { chart, hrefs } of rows) {
      const kinds = hrefs.map((h) => new URL(h).pathname.replace(/^.*?(\.[a-z.]+|\/)$/, '$1'));
      expect(kinds, chart).toEqual(
        expect.arrayContaining([
          '.csv',
          '.json',
          '.light.svg',
          '.dark.svg',
          '.light.png',
          '.dark.png',
          '.metadata.json',
          '/',
          '.json',
        ]),
      );
      for (const h of hrefs) {
        await checkFile(h, chart);
        n++;
      }
    }
    console.log(`${n} chart download links checked for ${rows.length} charts`);
  });

  // The host's runtime answers a request in tens of milliseconds, not one: the files of each
  // embed are fetched at once, and the test has time for 13 pages and their ~130 files.
  it(
    'each embed page has its downloads, the oEmbed discovery link and a link back',
    {
      timeout: 240_000,
    },
    async () => {
      for (const id of ids) {
        const rows = await toolLinks(`embed/${id}/`);
        expect(rows.length).toBe(1);
        await Promise.all(rows[0]!.hrefs.map((h) => checkFile(h, id)));
        const page = await browser.newPage();
        await page.goto(`${site.url}embed/${id}/`);
        const oembed = await page.getAttribute(
          'link[rel="alternate"][type="application/json+oembed"]',
          'href',
        );
        expect(oembed).toMatch(new RegExp(`/embed/${id}/oembed\\.json$`));
        await checkFile(new URL(new URL(oembed!).pathname, site.origin).href, id);
        expect(await page.getAttribute('meta[name="robots"]', 'content')).toBe('noindex');
        expect(new URL((await page.getAttribute('link[rel="canonical"]', 'href'))!).pathname).toBe(
          '/',
        );
        expect(await page.getAttribute('[data-embed-article]', 'href')).toBe(`/#chart-${id}`);
        expect(await page.locator('h1').count()).toBe(1);
        await page.close();
      }
    },
  );

  it('the methodology page links every dataset as CSV and JSON, with provenance', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}methodology/`);
    const hrefs = await page.$$eval('#downloads ~ .download-list a[href]', (as) =>
      as.map((a) => (a as HTMLAnchorElement).href),
    );
    await page.close();
    expect(hrefs.length).toBeGreaterThanOrEqual(2 * 7);
    for (const h of hrefs) {
      const buf = await get(h);
      if (h.endsWith('.csv')) {
        const p = Papa.parse(buf.toString('utf8'), { header: true, skipEmptyLines: true });
        expect(p.errors, h).toEqual([]);
        expect(p.meta.fields!.length).toBeGreaterThan(1);
        const j = JSON.parse((await get(h.replace(/\.csv$/, '.json'))).toString('utf8'));
        expect(p.data.length, h).toBe(j.rows.length);
        expect(j.provenance.rows).toBe(j.rows.length);
        expect(j.provenance.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(j.provenance.built_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      } else JSON.parse(buf.toString('utf8'));
    }
  });

  it('every page has a 1200x630 social image with alt text', async () => {
    const page = await browser.newPage();
    for (const path of ['', 'methodology/', ...ids.map((id) => `embed/${id}/`)]) {
      await page.goto(`${site.url}${path}`);
      const img = await page.getAttribute('meta[property="og:image"]', 'content');
      const alt = await page.getAttribute('meta[property="og:image:alt"]', 'content');
      expect(img, path).toBeTruthy();
      expect(alt!.length, path).toBeGreaterThan(10);
      expect(await page.getAttribute('meta[name="twitter:card"]', 'content')).toBe(
        'summary_large_image',
      );
      const buf = await get(new URL(new URL(img!).pathname, site.origin).href);
      expect(pngSize(buf), path).toEqual({ width: 1200, height: 630 });
      if (path === '') console.log(`article card: ${buf.length} bytes`);
    }
    await page.close();
  });
});
