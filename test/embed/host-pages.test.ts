/**
 * Our embeds where newsrooms put them, in Chromium, with the site served as a host serving
 * dist/_headers would (CORS, CSP, frame-ancestors): a page with every embed (13 charts) and embed.js
 * logs nothing to the console (the script never posts to a frame that has not loaded our page);
 * embed.js arriving late still sizes the frames; frames sandboxed as WordPress does for oEmbed
 * providers (sandbox="allow-scripts", origin "null") run their scripts: sizing, tooltips and
 * the method switch work; a link inside an embed opens a new tab, never inside the frame; and
 * pasting the article's address into an oEmbed consumer yields the lead chart.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ElementHandle, Frame, Page } from 'playwright-core';
import { ARTICLE_CARD_CHART } from '../../src/lib/story-settings.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { startHost, type HostServer } from '../../src/publish/site/host.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { DIST, builtChartIds, filesUnder, hostPage, snippetFor } from './helpers.ts';

const run = hasChromium();
const ids = builtChartIds();
const withoutScript = (html: string) => html.replace(/\n?<script[^>]*><\/script>/, '');

describe('links inside embeds', () => {
  it('every link on every embed page opens a new tab, without a handle on the frame', () => {
    const pages = filesUnder(`${DIST}/embed`, 'index.html');
    // Every chart of the article has an embed page; a chart the article no longer shows (the
    // weekly totals, replaced in the scroller by the hero chart) keeps its page, so embeds
    // already published elsewhere keep working.
    for (const id of ids)
      expect(
        pages.some((p) => p.includes(`/embed/${id}/`)),
        id,
      ).toBe(true);
    let n = 0;
    for (const f of pages) {
      const { document } = parseHTML(readFileSync(f, 'utf8'));
      for (const a of document.querySelectorAll('a[href]')) {
        n++;
        expect(a.getAttribute('target'), `${f}: ${a.outerHTML.slice(0, 120)}`).toBe('_blank');
        expect(
          (a.getAttribute('rel') ?? '').split(/\s+/),
          `${f}: ${a.outerHTML.slice(0, 120)}`,
        ).toContain('noopener');
      }
    }
    console.log(`${n} links on ${pages.length} embed pages open a new tab`);
    expect(n).toBeGreaterThan(ids.length * 5);
  });
});

describe.runIf(run)('embeds on host pages of another origin', () => {
  let site: HostServer;
  let host: StaticServer;
  let browser: Browser;
  const extra: Record<string, string> = {};

  beforeAll(async () => {
    site = await startHost(DIST);
    const snip = (id: string) => snippetFor(id, site.origin).html;
    extra['/twelve.html'] = hostPage(
      ids.map((id) => `<p>About ${id}.</p>\n${snip(id)}`).join('\n'),
    );
    extra['/fixed.html'] = hostPage(
      ids
        .slice(0, 3)
        .map((id) => withoutScript(snip(id)))
        .join('\n'),
    );
    // The sizing script arrives two seconds after the frames.
    extra['/late.html'] = hostPage(
      `${['weekly-tokens', 'prices'].map((id) => withoutScript(snip(id))).join('\n')}
<script>setTimeout(function () { var s = document.createElement('script'); s.src = '${site.origin}/embed.js'; document.body.appendChild(s); }, 2000);</script>`,
    );
    // As WordPress frames an oEmbed provider it does not trust.
    extra['/sandboxed.html'] = hostPage(
      ['share-by-method', 'prices']
        .map((id) => snip(id).replace('<iframe ', '<iframe sandbox="allow-scripts" '))
        .join('\n'),
    );
    host = await serveStatic(mkdtempSync(`${tmpdir()}/host-`), { extra });
    expect(host.origin).not.toBe(site.origin);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([site?.close(), host?.close()]);
  });

  const frameOf = async (
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
    return { el, frame };
  };
  const frameHeight = (el: ElementHandle<HTMLIFrameElement>) =>
    el.evaluate((e) => e.getBoundingClientRect().height);
  const contentHeight = (f: Frame) =>
    f.evaluate(
      () =>
        document.querySelector('[data-embed-root]')!.getBoundingClientRect().bottom +
        window.scrollY,
    );
  /** Waits until the host script has sized the frame to its content and told it so. */
  const sized = async (el: ElementHandle<HTMLIFrameElement>, frame: Frame, timeout = 10_000) => {
    await expect
      .poll(async () => Math.abs((await frameHeight(el)) - (await contentHeight(frame))), {
        timeout,
      })
      .toBeLessThanOrEqual(2);
    await expect
      .poll(
        () => frame.evaluate(() => document.documentElement.classList.contains('embed-expanded')),
        { timeout },
      )
      .toBe(true);
  };

  for (const width of [375, 1280]) {
    it(`a page with every chart embedded and embed.js logs no console message (${width} px)`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const messages: string[] = [];
      page.on('console', (m) => messages.push(`${m.type()}: ${m.text()} (${m.location().url})`));
      page.on('pageerror', (e) => messages.push(`uncaught: ${e.message}`));
      await page.goto(`${host.origin}/twelve.html`);
      for (const id of ids) {
        const { el, frame } = await frameOf(page, id);
        await sized(el, frame);
      }
      // Resize the window: the frames report new heights and are sized again.
      await page.setViewportSize({ width: width === 375 ? 700 : 900, height: 900 });
      for (const id of ids) {
        const { el, frame } = await frameOf(page, id);
        await sized(el, frame);
      }
      await page.waitForTimeout(1000);
      const fromScript = messages.filter((m) => m.includes('/embed.js'));
      console.log(
        `${ids.length}-embed host page at ${width} px: ${messages.length} console messages, ${fromScript.length} from embed.js`,
      );
      expect(fromScript).toEqual([]);
      expect(messages).toEqual([]);
      await page.close();
    });
  }

  it('embed.js that arrives after the frames loaded still sizes them', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    await page.goto(`${host.origin}/late.html`);
    const frames = await Promise.all(['weekly-tokens', 'prices'].map((id) => frameOf(page, id)));
    for (const { frame } of frames) await frame.waitForLoadState('load');
    expect(
      await page.evaluate(() => 'tokenflipEmbed' in window),
      'the script is not there yet',
    ).toBe(false);
    for (const { el, frame } of frames) await sized(el, frame, 15_000);
    expect(messages).toEqual([]);
    await page.close();
  });

  it('in frames sandboxed with allow-scripts only, the page sizes itself, shows tooltips and switches method', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    await page.goto(`${host.origin}/sandboxed.html`);
    for (const id of ['share-by-method', 'prices']) {
      const { el, frame } = await frameOf(page, id);
      expect(await frame.evaluate(() => self.origin), `${id}: the frame's origin is opaque`).toBe(
        'null',
      );
      await sized(el, frame);
      // Tooltips: hovering a mark shows its text.
      const mark = frame
        .locator('[data-chart-body] [data-chart-svg] svg [data-tip]')
        .filter({ visible: true })
        .first();
      await mark.hover({ force: true });
      await expect
        .poll(() =>
          frame
            .locator('.tooltip')
            .evaluate((t) => ((t as HTMLElement).hidden ? '' : (t.textContent ?? ''))),
        )
        .not.toBe('');
    }
    // The method switch swaps the chart and says the answer.
    const { el, frame } = await frameOf(page, 'share-by-method');
    const buttons = frame.locator('[data-method-control] button');
    expect(await buttons.count()).toBeGreaterThan(1);
    const target = await buttons.nth(1).getAttribute('data-state');
    await buttons.nth(1).click();
    await expect
      .poll(() =>
        frame.evaluate(() =>
          document.querySelector('figure[data-chart]')!.getAttribute('data-state'),
        ),
      )
      .toBe(target);
    const shown = await frame.evaluate(() =>
      [...document.querySelectorAll('[data-chart-body] svg')]
        .find((s) => s.getClientRects().length > 0)
        ?.getAttribute('data-state'),
    );
    expect(shown).toBe(target);
    await expect
      .poll(async () => Math.abs((await frameHeight(el)) - (await contentHeight(frame))))
      .toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a link inside an embed opens a new tab and the frame keeps the chart', async () => {
    const ctx = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${host.origin}/fixed.html`);
    const id = ids[0]!;
    const { frame } = await frameOf(page, id);
    const before = frame.url();
    const [tab] = await Promise.all([
      ctx.waitForEvent('page'),
      frame.click('[data-embed-article]'),
    ]);
    await tab!.waitForLoadState('domcontentloaded');
    expect(tab!.url()).toBe(`${site.url}#chart-${id}`);
    expect(await tab!.evaluate(() => window.opener)).toBeNull();
    expect(frame.url()).toBe(before);
    expect(await frame.locator('[data-chart-body] svg').filter({ visible: true }).count()).toBe(1);
    // A source link too.
    const [src] = await Promise.all([
      ctx.waitForEvent('page'),
      frame.click('[data-source-line] a >> nth=0'),
    ]);
    expect(src!.url()).not.toBe('about:blank');
    expect(frame.url()).toBe(before);
    await ctx.close();
  });

  it("pasting the article's address into an oEmbed consumer embeds the lead chart", async () => {
    // The consumer: fetch the article, find its oEmbed discovery link, fetch the document.
    const html = await (await fetch(site.url)).text();
    const { document } = parseHTML(html);
    const link = document.querySelector('link[rel="alternate"][type="application/json+oembed"]');
    expect(link, 'the article advertises an oEmbed document').not.toBeNull();
    const built = new URL(link!.getAttribute('href')!);
    const res = await fetch(new URL(built.pathname, site.origin), {
      headers: { Origin: host.origin },
    });
    expect(res.status).toBe(200);
    expect(
      res.headers.get('access-control-allow-origin'),
      'readable from a CMS in the browser',
    ).toBe('*');
    const doc = (await res.json()) as {
      type: string;
      version: string;
      html: string;
      height: number;
      title: string;
    };
    expect(doc).toMatchObject({ type: 'rich', version: '1.0' });
    expect(doc.html).toContain(`data-tokenflip-embed="${ARTICLE_CARD_CHART}"`);
    // It inserts the html into its page (the document names the built origin: point it here).
    extra['/consumer.html'] = hostPage(doc.html.replaceAll(built.origin, site.origin));
    const page = await browser.newPage({ viewport: { width: 700, height: 900 } });
    await page.goto(`${host.origin}/consumer.html`);
    const { el, frame } = await frameOf(page, ARTICLE_CARD_CHART);
    expect(await frame.locator('[data-chart-body] svg').filter({ visible: true }).count()).toBe(1);
    expect(await frame.locator('h1').textContent()).toBe(doc.title);
    await sized(el, frame);
    await page.close();
  });
});
