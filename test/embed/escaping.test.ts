/**
 * Security of the built HTML: one CSP everywhere, no inline script or event handler, a
 * headers file that lets only embeds be framed; and markup in the data (a lab name, a model
 * name, a source's title and publisher) shows as text everywhere it is rendered. For the
 * latter the whole site is built from a mutated copy of data/ in a temporary folder.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CSP_META } from '../../src/publish/site/csp.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { startHost, type HostServer } from '../../src/publish/site/host.ts';
import { DIST, buildProjectCopy, filesUnder } from './helpers.ts';

const htmlFiles = (dir: string): string[] => filesUnder(dir, '.html');

describe('CSP and scripts in the built HTML', () => {
  const files = htmlFiles(DIST);
  it('every page carries the one CSP, loads scripts only from files and has no inline handlers', () => {
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const { document } = parseHTML(readFileSync(f, 'utf8'));
      expect(
        document
          .querySelector('meta[http-equiv="Content-Security-Policy"]')
          ?.getAttribute('content'),
        f,
      ).toBe(CSP_META);
      for (const s of document.querySelectorAll('script')) {
        const type = s.getAttribute('type');
        if (type === 'application/json') continue;
        expect(s.getAttribute('src'), `inline script in ${f}`).toBeTruthy();
        expect(s.textContent?.trim(), f).toBe('');
      }
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes)
          expect(a.name.startsWith('on'), `${f}: <${el.tagName} ${a.name}>`).toBe(false);
        if (el.hasAttribute('href'))
          expect(el.getAttribute('href')!.trim().toLowerCase().startsWith('javascript:'), f).toBe(
            false,
          );
      }
    }
    expect(CSP_META).toContain("script-src 'self'");
    expect(CSP_META).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('dist/_headers frames embeds anywhere and other pages only on the site', () => {
    const headers = readFileSync(join(DIST, '_headers'), 'utf8');
    const rule = (path: string) =>
      headers.split(/\n(?=\/)/).find((b) => b.startsWith(`${path}\n`)) ?? '';
    expect(rule('/')).toContain("frame-ancestors 'self'");
    expect(rule('/')).toContain('X-Frame-Options: SAMEORIGIN');
    expect(rule('/methodology/')).toContain("frame-ancestors 'self'");
    const embed = rule('/embed/prices/');
    expect(embed).toContain('Content-Security-Policy: ');
    expect(embed).toContain('frame-ancestors *');
    expect(embed).not.toContain('X-Frame-Options');
    // One CSP header per page: rules never overlap.
    expect(rule('/*')).not.toContain('Content-Security-Policy');
  });
});

const IMG = '<img src=x onerror=alert(1)>';
const BOLD = '<b>x</b>';

/** Markup in a lab name, a model name and a source's title and publisher. */
function addMarkup(dataDir: string): void {
  const edit = (file: string, key: string, id: string, col: string, f: (v: string) => string) => {
    const path = join(dataDir, file);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    const row = parsed.data.find((r) => r[key] === id);
    if (!row) throw new Error(`${file}: no row ${key}=${id}`);
    row[col] = f(row[col]!);
    writeFileSync(
      path,
      `${Papa.unparse(parsed.data, { columns: parsed.meta.fields, newline: '\n' })}\n`,
    );
  };
  edit('labs.csv', 'slug', 'xiaomi', 'lab', (v) => `${v}${IMG}`);
  edit('model-prices.csv', 'model_id', 'moonshotai/kimi-k2.5', 'model', (v) => `${v} ${BOLD}`);
  // The cheapest paid model: session-cost's title names it (the iframe title of its embed code).
  edit('model-prices.csv', 'model_id', 'stepfun/step-3.5-flash', 'model', (v) => `${v}${IMG}`);
  edit('sources.csv', 'id', 'nbd-2026-02-27', 'title', (v) => `${IMG}${BOLD} ${v}`);
  edit('sources.csv', 'id', 'nbd-2026-02-27', 'publisher', (v) => `${v} ${BOLD}`);
}

describe.runIf(hasChromium())('markup in the data is shown as text', () => {
  let dir: string;
  let site: HostServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = buildProjectCopy('xss-site-', addMarkup);
    site = await startHost(join(dir, 'dist'));
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a page, failing on any dialog, and checks no injected element exists. */
  const open = async (path: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => {
      throw new Error(`a dialog opened on ${path}: ${d.message()}`);
    });
    await page.goto(`${site.url}${path}`);
    expect(await page.locator('img[src="x"]').count(), path).toBe(0);
    expect(await page.locator('b', { hasText: /^x$/ }).count(), path).toBe(0);
    return page;
  };
  const text = (page: Page, sel: string) =>
    page.locator(sel).evaluateAll((els) => els.map((e) => e.textContent ?? '').join('\n'));

  it('no page of the mutated build has an injected element (parsed HTML, every page)', () => {
    const files = htmlFiles(join(dir, 'dist'));
    expect(files.length).toBeGreaterThan(3);
    let seen = 0;
    for (const f of files) {
      const { document } = parseHTML(readFileSync(f, 'utf8'));
      expect(document.querySelectorAll('img[src="x"], [onerror]').length, f).toBe(0);
      expect(
        [...document.querySelectorAll('b')].filter((b) => b.textContent === 'x').length,
        f,
      ).toBe(0);
      // The markup survives as text (and in attribute values, where "<" is inert).
      if (
        (document.body?.textContent ?? '').includes(IMG) ||
        (document.body?.textContent ?? '').includes(BOLD)
      )
        seen++;
    }
    expect(seen).toBeGreaterThan(2);
  });

  it('on the methodology page, which shows the charts the article no longer does: charts, tables, descriptions, source lines and tooltips', async () => {
    const page = await open('methodology/');
    const body = await page.locator('body').innerText();
    expect(body).toContain(`Xiaomi (MiMo)${IMG}`);
    expect(await text(page, '#chart-author-shares .description p')).toContain(IMG);
    expect(await text(page, '#chart-prices table')).toContain(`Kimi K2.5 ${BOLD}`);
    expect(await text(page, '.figure-source')).toContain(BOLD);
    // The SVG labels are text nodes (the desktop drawing is fetched when scrolled to).
    await page.locator('#chart-author-shares [data-chart-body]').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => !document.querySelector('#chart-author-shares .svg-wide')?.hasAttribute('data-src'),
    );
    expect(await text(page, '#chart-author-shares .svg-wide svg text')).toContain(IMG);
    // A tooltip with a lab name: shown as text, no element inside.
    const mark = page.locator('#chart-author-shares .svg-wide [data-tip*="onerror"]').first();
    await mark.scrollIntoViewIfNeeded();
    await mark.hover({ force: true });
    const tip = page.locator('#chart-author-shares .tooltip');
    await expect.poll(() => tip.textContent()).toContain(IMG);
    expect(await tip.evaluate((t) => t.children.length)).toBe(0);
    await page.close();
  });

  it('on the embed pages and in their embed code', async () => {
    for (const id of ['author-shares', 'session-cost', 'prices', 'weekly-tokens']) {
      const page = await open(`embed/${id}/`);
      const all = await page.locator('body').innerText();
      if (id === 'author-shares') expect(all).toContain(IMG);
      if (id === 'session-cost') {
        // The embed code a reader copies: one iframe whose title is the text, nothing injected.
        const code = await page.locator('textarea[data-embed-snippet]').inputValue();
        const { document } = parseHTML(`<!doctype html><html><body>${code}</body></html>`);
        expect(document.querySelectorAll('img').length).toBe(0);
        expect(document.querySelector('iframe')?.getAttribute('title')).toContain(IMG);
      }
      if (id === 'prices') expect(await text(page, 'table')).toContain(BOLD);
      if (id === 'weekly-tokens') expect(await text(page, '.figure-source')).toContain(BOLD);
      await page.close();
    }
  });

  it('on the methodology page (source titles)', async () => {
    const page = await open('methodology/');
    expect(await text(page, '#source-nbd-2026-02-27')).toContain(`${IMG}${BOLD}`);
    await page.close();
  });
});
