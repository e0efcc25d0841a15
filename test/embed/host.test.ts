/**
 * The embed in a host page on another origin: the host script sizes each frame to its
 * content at phone and desktop widths, ignores forged and malformed messages, and the
 * snippet without the script shows the chart at its fallback height.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ElementHandle, Frame, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { startHost, type HostServer } from '../../src/publish/site/host.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { DIST, snippetFor } from './helpers.ts';

const CHARTS = ['weekly-tokens', 'prices'] as const;
const run = hasChromium();

const hostPage = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>
<style>body{margin:0;padding:16px;font-family:sans-serif}.col{max-width:680px;margin:0 auto}</style>
<script>window.__msgs=[];addEventListener('message',function(e){window.__msgs.push({origin:e.origin,data:e.data})});</script>
</head><body><div class="col"><h1>A host article</h1><p>Some text before the charts.</p>${body}<p>The end.</p></div></body></html>`;

describe.runIf(run)('embed on a host page of another origin', () => {
  let site: HostServer;
  let host: StaticServer;
  let evil: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    site = await startHost(DIST);
    const withScript = CHARTS.map((id) => snippetFor(id, site.origin).html).join(
      '\n<p>Between the charts.</p>\n',
    );
    const noScript = CHARTS.map((id) =>
      snippetFor(id, site.origin).html.replace(/\n?<script[^>]*><\/script>/, ''),
    ).join('\n');
    const empty = mkdtempSync(`${tmpdir()}/host-`);
    host = await serveStatic(empty, {
      extra: { '/host.html': hostPage(withScript), '/noscript.html': hostPage(noScript) },
    });
    writeFileSync(`${empty}/x`, '');
    // A third origin whose page claims to be one of our charts.
    evil = await serveStatic(empty, {
      extra: {
        '/evil.html': `<!doctype html><script>parent.postMessage({type:'tokenflip:embed-height',version:1,chart:'weekly-tokens',height:987},'*');parent.postMessage({evil:1},'*');</script>`,
      },
    });
    expect(new URL(host.origin).port).not.toBe(new URL(site.origin).port);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([site?.close(), host?.close(), evil?.close()]);
  });

  const frames = async (page: Page) => {
    const out: Array<{ el: ElementHandle<HTMLIFrameElement>; frame: Frame; id: string }> = [];
    for (const id of CHARTS) {
      const el = (await page.$(
        `iframe[data-tokenflip-embed="${id}"]`,
      )) as ElementHandle<HTMLIFrameElement>;
      await el.scrollIntoViewIfNeeded();
      const frame = await el.contentFrame();
      if (!frame) throw new Error(`no frame for ${id}`);
      await frame.waitForSelector('[data-embed-root]');
      out.push({ el, frame, id });
    }
    return out;
  };
  const contentHeight = (f: Frame) =>
    f.evaluate(() => {
      const root = document.querySelector('[data-embed-root]')!;
      const de = document.documentElement;
      return {
        content: root.getBoundingClientRect().bottom + window.scrollY,
        scroll: de.scrollHeight,
        client: de.clientHeight,
      };
    });
  const frameHeight = (el: ElementHandle<HTMLIFrameElement>) =>
    el.evaluate((e) => e.getBoundingClientRect().height);

  /** Waits until every frame's height matches its content (the host script has run). */
  const settle = async (page: Page, fs: Awaited<ReturnType<typeof frames>>) => {
    for (const { el, frame } of fs) {
      await expect
        .poll(
          async () => Math.abs((await frameHeight(el)) - (await contentHeight(frame)).content),
          { timeout: 10_000 },
        )
        .toBeLessThanOrEqual(2);
    }
    await page.waitForTimeout(300);
  };

  for (const width of [375, 1280]) {
    it(`sizes each frame to its content at ${width} px, with no inner scrollbar`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors: string[] = [];
      page.on(
        'console',
        (m) => m.type() === 'error' && !m.text().includes('status of 404') && errors.push(m.text()),
      );
      // The host server has no favicon; anything else missing is an error.
      page.on(
        'response',
        (r) =>
          r.status() >= 400 &&
          !r.url().endsWith('/favicon.ico') &&
          errors.push(`${r.status()} ${r.url()}`),
      );
      await page.goto(`${host.origin}/host.html`);
      const fs = await frames(page);
      await settle(page, fs);
      for (const { el, frame, id } of fs) {
        const h = await frameHeight(el);
        const c = await contentHeight(frame);
        console.log(
          `${width}px ${id}: frame ${h}px, content ${c.content.toFixed(1)}px, scrollHeight ${c.scroll}, clientHeight ${c.client}`,
        );
        expect(Math.abs(h - c.content)).toBeLessThanOrEqual(2);
        expect(c.scroll).toBeLessThanOrEqual(c.client + 1);
        // The frame really is on another origin than the host.
        expect(new URL(frame.url()).origin).toBe(site.origin);
      }
      // In a frame the script sizes, the notes-and-data panel is there; opening it and its
      // data table grows the frame (ResizeObserver -> message -> host script).
      const { el, frame } = fs[0]!;
      await expect.poll(() => frame.locator('[data-embed-more] > summary').isVisible()).toBe(true);
      const before = await frameHeight(el);
      await frame.click('[data-embed-more] > summary');
      await frame.click('details.data-table > summary');
      await expect.poll(() => frameHeight(el), { timeout: 5000 }).toBeGreaterThan(before + 50);
      expect(
        Math.abs((await frameHeight(el)) - (await contentHeight(frame)).content),
      ).toBeLessThanOrEqual(2);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('ignores messages of the wrong shape, from the wrong window or from another origin', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${host.origin}/host.html`);
    const fs = await frames(page);
    await settle(page, fs);
    const heights = async () => Promise.all(fs.map((f) => frameHeight(f.el)));
    const start = await heights();

    // From our own frame, but malformed: wrong version, type, chart id, height type or range.
    await fs[0]!.frame.evaluate(() => {
      const p = window.parent;
      const base = { type: 'tokenflip:embed-height', version: 1, chart: 'weekly-tokens' };
      p.postMessage({ ...base, version: 2, height: 900 }, '*');
      p.postMessage({ ...base, type: 'tokenflip:other', height: 900 }, '*');
      p.postMessage({ ...base, chart: 'prices', height: 900 }, '*');
      p.postMessage({ ...base, height: '900' }, '*');
      p.postMessage({ ...base, height: Number.POSITIVE_INFINITY }, '*');
      p.postMessage({ ...base, height: Number.NaN }, '*');
      p.postMessage({ ...base, height: -10 }, '*');
      p.postMessage({ ...base, height: 1e7 }, '*');
      p.postMessage(JSON.stringify({ ...base, height: 900 }), '*');
      p.postMessage({ 'datawrapper-height': { 'weekly-tokens': 900 } }, '*');
      p.postMessage(null, '*');
    });
    // From the host window itself (not a frame), well-formed.
    await page.evaluate(() =>
      window.postMessage(
        { type: 'tokenflip:embed-height', version: 1, chart: 'weekly-tokens', height: 900 },
        '*',
      ),
    );
    await page.waitForTimeout(500);
    expect(await heights()).toEqual(start);

    // Our frame navigated to another origin, posting a well-formed message: wrong origin.
    await fs[0]!.frame.goto(`${evil.origin}/evil.html`);
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            (window as unknown as { __msgs: Array<{ data: { evil?: number } }> }).__msgs.some(
              (m) => m.data?.evil === 1,
            ),
          ),
        { timeout: 5000 },
      )
      .toBe(true);
    const forged = await page.evaluate(
      (o) =>
        (
          window as unknown as { __msgs: Array<{ origin: string; data: { height?: number } }> }
        ).__msgs.filter((m) => m.origin === o && m.data?.height === 987).length,
      evil.origin,
    );
    expect(forged).toBe(1);
    await page.waitForTimeout(300);
    expect(await heights()).toEqual(start);
    await page.close();
  });

  for (const width of [375, 1280]) {
    it(`without the host script the frame keeps its fallback height and shows the chart (${width} px)`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${host.origin}/noscript.html`);
      const fs = await frames(page);
      await page.waitForTimeout(500);
      for (const { el, frame, id } of fs) {
        const fallback = snippetFor(id, site.origin).fallback;
        expect(await frameHeight(el)).toBe(fallback);
        const svgBottom = await frame.evaluate(() => {
          const svg = [...document.querySelectorAll('.chart svg')].find(
            (s) => s.getClientRects().length > 0,
          )!;
          return svg.getBoundingClientRect().bottom;
        });
        console.log(
          `no script, ${width}px ${id}: fallback ${fallback}px, chart ends at ${svgBottom.toFixed(0)}px`,
        );
        expect(svgBottom).toBeLessThanOrEqual(fallback);
      }
      await page.close();
    });
  }
});
