/**
 * Two halves. First, dist/_headers read as a file, the way a host that matches paths literally would (exact paths, plus
 * `*` splats as Netlify and Cloudflare Pages define them): every path that serves a page gets
 * exactly one Content-Security-Policy with the right frame-ancestors, in both its "/x/" and
 * "/x/index.html" forms and under a base path; downloads and social images get a policy that
 * runs nothing; scripts, styles and oEmbed documents can be read from any origin (sandboxed
 * frames have the origin "null"). These checks of the file itself stay (test/support/headers-file.ts):
 * they cover every path each page is served under, and a base path, without a build or a runtime
 * per case. Second, the same file as the host applies it: Cloudflare Pages' local runtime
 * (wrangler pages dev, src/publish/site/host.ts) serves dist/, and its response headers are checked,
 * including its own defaults (caching, CORS) and what our rules change in them. Then in Chromium,
 * under that runtime: the SVG downloads still render as images.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  DOWNLOAD_CSP,
  IMMUTABLE_CACHE,
  REVALIDATE_CACHE,
  cspHeader,
  headersFile,
} from '../../src/publish/site/csp.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import {
  type HeaderRule,
  headersFor,
  parseHeadersFile,
  rulesSetting,
} from '../support/headers-file.ts';
import { startHost, type HostServer } from '../../src/publish/site/host.ts';
import { DIST, builtChartIds, filesUnder } from './helpers.ts';

/** The request paths that serve each built HTML page: "/x/" and "/x/index.html". */
function pagePaths(dist: string, base: string): Array<{ path: string; embed: boolean }> {
  return filesUnder(dist, 'index.html').flatMap((f) => {
    const dir = relative(dist, f).replace(/index\.html$/, '');
    const embed = dir.startsWith('embed/');
    return [
      { path: `${base}${dir}`, embed },
      { path: `${base}${dir}index.html`, embed },
    ];
  });
}

function checkPages(rules: HeaderRule[], paths: Array<{ path: string; embed: boolean }>): void {
  expect(paths.length).toBeGreaterThanOrEqual(2 * 14);
  for (const { path, embed } of paths) {
    expect(
      rulesSetting(rules, path, 'Content-Security-Policy'),
      `${path}: rules setting a CSP`,
    ).toBe(1);
    const h = headersFor(rules, path);
    expect(h['content-security-policy'], path).toContain("script-src 'self'");
    expect(h['content-security-policy'], path).toContain(
      embed ? 'frame-ancestors *' : "frame-ancestors 'self'",
    );
    if (embed) expect(h['x-frame-options'], path).toBeUndefined();
    else expect(h['x-frame-options'], path).toBe('SAMEORIGIN');
    expect(h['x-content-type-options'], path).toBe('nosniff');
  }
}

/** Every chart with an embed page in dist/ (the article's, and any kept for embeds only). */
const embedIds = (): string[] =>
  readdirSync(join(DIST, 'embed'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

describe('dist/_headers on a host that matches paths literally', () => {
  const text = readFileSync(join(DIST, '_headers'), 'utf8');
  const rules = parseHeadersFile(text);

  it('every path that serves a page gets one CSP, with frame-ancestors * only on embeds', () => {
    checkPages(rules, pagePaths(DIST, '/'));
  });

  it('downloads and social images get a policy that runs nothing', () => {
    // Nothing loads (default-src 'none'), nothing runs (sandbox, no script source).
    expect(DOWNLOAD_CSP).toMatch(/^default-src 'none';/);
    expect(DOWNLOAD_CSP.split(/;\s*/)).toContain('sandbox');
    expect(DOWNLOAD_CSP).not.toMatch(/script|allow-/);
    const files = [
      ...filesUnder(join(DIST, 'downloads'), ''),
      ...filesUnder(join(DIST, 'og'), ''),
    ].filter((f) => /\.\w+$/.test(f));
    expect(files.length).toBeGreaterThan(12 * 7);
    for (const f of files) {
      const path = `/${relative(DIST, f)}`;
      expect(rulesSetting(rules, path, 'Content-Security-Policy'), path).toBe(1);
      expect(headersFor(rules, path)['content-security-policy'], path).toBe(DOWNLOAD_CSP);
    }
  });

  it('scripts, styles and oEmbed documents may be read from any origin (sandboxed frames are "null")', () => {
    const assets = filesUnder(join(DIST, '_astro'), '').filter((f) => /\.(js|css)$/.test(f));
    expect(assets.some((f) => f.endsWith('.js'))).toBe(true);
    for (const f of assets)
      expect(headersFor(rules, `/${relative(DIST, f)}`)['access-control-allow-origin'], f).toBe(
        '*',
      );
    for (const id of builtChartIds())
      expect(headersFor(rules, `/embed/${id}/oembed.json`)['access-control-allow-origin'], id).toBe(
        '*',
      );
    // Pages themselves are not opened up to cross-origin reads beyond the embeds.
    expect(headersFor(rules, '/')['access-control-allow-origin']).toBeUndefined();
    expect(headersFor(rules, '/methodology/')['access-control-allow-origin']).toBeUndefined();
  });

  it('stays within what Cloudflare Pages reads (100 rules, 2,000 characters a line)', () => {
    console.log(
      `_headers: ${rules.length} rules, longest line ${Math.max(...text.split('\n').map((l) => l.length))} characters`,
    );
    expect(rules.length).toBeLessThanOrEqual(100);
    for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(2000);
  });

  it('under a base path every rule sits under the base, and the same checks hold', () => {
    const pages = [
      '',
      'methodology/',
      ...embedIds().map((id) => `embed/${id}/`),
      ...embedIds().map((id) => `embed/${id}/oembed.json`),
    ];
    const based = parseHeadersFile(headersFile(pages, '/graphics/flip/'));
    for (const r of based) expect(r.path.startsWith('/graphics/flip/'), r.path).toBe(true);
    checkPages(based, pagePaths(DIST, '/graphics/flip/'));
    expect(
      headersFor(based, '/graphics/flip/downloads/charts/prices.light.svg')[
        'content-security-policy'
      ],
    ).toBe(DOWNLOAD_CSP);
    expect(headersFor(based, '/graphics/flip/_astro/x.js')['access-control-allow-origin']).toBe(
      '*',
    );
    expect(
      headersFor(based, '/graphics/flip/embed/prices/oembed.json')['access-control-allow-origin'],
    ).toBe('*');
    // Nothing outside the base is claimed.
    expect(headersFor(based, '/')).toEqual({});
  });
});

/** The headers the host's runtime sent for a path (lower-cased names), minus the per-response ones. */
async function served(site: HostServer, path: string): Promise<Record<string, string>> {
  const r = await fetch(new URL(path, site.url));
  await r.arrayBuffer();
  const out: Record<string, string> = { status: String(r.status) };
  r.headers.forEach((v, k) => {
    if (!['date', 'etag', 'x-server-env'].includes(k)) out[k] = v;
  });
  return out;
}

describe("dist/_headers as Cloudflare Pages' runtime applies it (wrangler pages dev)", () => {
  let site: HostServer;
  beforeAll(async () => {
    site = await startHost(DIST);
  });
  afterAll(async () => {
    await site?.close();
  });

  it('reads every rule of the file', () => {
    const rules = parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8'));
    expect(site.log()).toContain(`Parsed ${rules.length} valid header rules.`);
    expect(site.log()).not.toMatch(/invalid header rule|Ignoring/i);
  });

  it('pages: their own CSP, framing rule, revalidation, and no cross-origin reads', async () => {
    for (const { path, embed } of pagePaths(DIST, '/').filter((p) => !p.path.endsWith('.html'))) {
      const h = await served(site, path);
      expect(h.status, path).toBe('200');
      expect(h['content-security-policy'], path).toBe(cspHeader(embed));
      expect(h['cache-control'], path).toBe(REVALIDATE_CACHE);
      expect(h['x-content-type-options'], path).toBe('nosniff');
      expect(h['x-frame-options'], path).toBe(embed ? undefined : 'SAMEORIGIN');
      // Cloudflare Pages sends this on every file unless a rule drops it.
      expect(h['access-control-allow-origin'], path).toBe(embed ? '*' : undefined);
    }
  });

  it('hashed assets are immutable and readable from any origin; downloads run nothing', async () => {
    const asset = filesUnder(join(DIST, '_astro'), '').find((f) => f.endsWith('.js'))!;
    const js = await served(site, `/${relative(DIST, asset)}`);
    expect(js['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(js['access-control-allow-origin']).toBe('*');
    expect(js['content-security-policy']).toBeUndefined();
    const id = builtChartIds()[0]!;
    for (const f of [`${id}.csv`, `${id}.light.svg`, `${id}.dark.png`]) {
      const h = await served(site, `/downloads/charts/${f}`);
      expect(h.status, f).toBe('200');
      expect(h['content-security-policy'], f).toBe(DOWNLOAD_CSP);
      expect(h['cache-control'], f).toBe(REVALIDATE_CACHE);
    }
    const oembed = await served(site, `/embed/${id}/oembed.json`);
    expect(oembed['access-control-allow-origin']).toBe('*');
    expect((await served(site, '/feed.xml'))['content-type']).toBe(
      'application/atom+xml; charset=utf-8',
    );
  });

  it('an unknown address is a 404 (with 404.html), and /x/index.html redirects to /x/', async () => {
    const missing = await served(site, '/no-such-page/');
    expect(missing.status).toBe('404');
    const r = await fetch(new URL('/methodology/index.html', site.url), { redirect: 'manual' });
    expect(r.status).toBe(308);
    expect(r.headers.get('location')).toBe('/methodology/');
  });

  it('prints the headers it sent for a page, an embed, a download and an asset', async () => {
    const asset = filesUnder(join(DIST, '_astro'), '').find((f) => f.endsWith('.js'))!;
    const id = builtChartIds()[0]!;
    for (const path of [
      '/',
      `/embed/${id}/`,
      `/downloads/charts/${id}.light.svg`,
      `/${relative(DIST, asset)}`,
      '/feed.xml',
    ]) {
      const h = await served(site, path);
      console.log(
        `${path}\n${Object.entries(h)
          .map(([k, v]) => `  ${k}: ${v}`)
          .join('\n')}`,
      );
      expect(h.status).toBe('200');
    }
  });
});

describe.runIf(hasChromium())('downloads under their policy in Chromium', () => {
  let site: HostServer;
  let browser: Browser;
  beforeAll(async () => {
    site = await startHost(DIST);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('the server sends the policy, and every SVG download still renders as an image', async () => {
    const ids = builtChartIds();
    const r = await fetch(`${site.url}downloads/charts/${ids[0]}.light.svg`);
    expect(r.headers.get('content-security-policy')).toBe(DOWNLOAD_CSP);
    const page = await browser.newPage();
    await page.goto(`${site.url}`);
    const sizes = await page.evaluate(
      (srcs) =>
        Promise.all(
          srcs.map(
            (src) =>
              new Promise<{ src: string; w: number; h: number }>((resolve) => {
                const img = new Image();
                img.onload = () => resolve({ src, w: img.naturalWidth, h: img.naturalHeight });
                img.onerror = () => resolve({ src, w: 0, h: 0 });
                img.src = src;
              }),
          ),
        ),
      ids.flatMap((id) =>
        ['light', 'dark'].map((t) => `${site.url}downloads/charts/${id}.${t}.svg`),
      ),
    );
    for (const s of sizes) expect(s.w > 100 && s.h > 50, `${s.src}: ${s.w}x${s.h}`).toBe(true);
    // Opened on its own, the SVG is drawn too (its marks have a size), with nothing refused.
    const refused: string[] = [];
    page.on('console', (m) => refused.push(m.text()));
    await page.goto(`${site.url}downloads/charts/${ids[0]}.light.svg`);
    const marks = await page.evaluate(
      () =>
        [...document.querySelectorAll('path, circle, rect')].filter(
          (e) => e.getBoundingClientRect().width > 0,
        ).length,
    );
    expect(marks).toBeGreaterThan(5);
    expect(refused).toEqual([]);
    await page.close();
  });
});
