/**
 * Shared set-up for the browser suites: the built site (dist/) served on 127.0.0.1 under the
 * host's own runtime (Cloudflare Pages' workerd, src/publish/site/host.ts, with dist/_headers), one
 * Chromium per test file, the list of pages to check (embed pages discovered from
 * dist/embed/<id>/index.html), and a watcher that records console errors, failed requests
 * and requests that leave the site's origin.
 */
import { afterAll, beforeAll } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { startHost, type HostServer } from '../../src/publish/site/host.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist');
/** The base path the site was built with (BASE_PATH at build time; "/" by default). */
export const BASE_PATH = (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/');

export interface SitePage {
  /** Short name for test titles: "article", "methodology", "embed/<id>". */
  name: string;
  /** Path under the base, e.g. "" or "embed/weekly-tokens/". */
  path: string;
  kind: 'article' | 'methodology' | 'embed';
}

/** The article, the methodology page and every embed page present in dist/ right now. */
export function sitePages(): SitePage[] {
  const pages: SitePage[] = [
    { name: 'article', path: '', kind: 'article' },
    { name: 'methodology', path: 'methodology/', kind: 'methodology' },
  ];
  return [...pages, ...embedPages()];
}

export function embedPages(): SitePage[] {
  const dir = join(DIST, 'embed');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort()
    .map((id) => ({ name: `embed/${id}`, path: `embed/${id}/`, kind: 'embed' as const }));
}

export function assertBuilt(): void {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`No built site in ${DIST}: run "npm run build" first (npm test does).`);
}

export interface Site {
  browser: Browser;
  server: HostServer;
  url: (path: string) => string;
  /** A new context whose requests off the site's origin are blocked (and recorded by watch()). */
  context: (opts?: BrowserContextOptions) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

export async function openSite(): Promise<Site> {
  assertBuilt();
  const server = await startHost(DIST, { basePath: BASE_PATH });
  const browser = await launchChromium();
  const origin = server.origin;
  return {
    browser,
    server,
    url: (path) => new URL(path, server.url).toString(),
    context: async (opts = {}) => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
      ctx.setDefaultTimeout(30_000);
      ctx.setDefaultNavigationTimeout(60_000);
      // Nothing may leave the site: such requests are aborted here and reported by watch().
      await ctx.route(
        (u) => u.origin !== origin,
        (route) => route.abort('blockedbyclient'),
      );
      return ctx;
    },
    close: async () => {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

export interface Watcher {
  /** Every problem seen so far, one line each. */
  problems: string[];
}

/** Records console errors and warnings, uncaught exceptions, failed and off-origin requests. */
export function watch(page: Page, origin: string): Watcher {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      const loc = m.location();
      problems.push(
        `console.${m.type()}: ${m.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`,
      );
    }
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  // The page each request was made from: a request cut off because the tab moved on to
  // another page (a late favicon fetch, say) is not a failure of the site.
  const madeOn = new WeakMap<object, string>();
  page.on('request', (r) => {
    madeOn.set(r, page.url());
    const u = r.url();
    if (/^(data|blob|about):/.test(u)) return;
    if (new URL(u).origin !== origin) problems.push(`request leaves the site: ${r.method()} ${u}`);
  });
  page.on('requestfailed', (r) => {
    if (new URL(r.url()).origin !== origin) return; // already reported as leaving the site
    const error = r.failure()?.errorText ?? 'unknown';
    if (error === 'net::ERR_ABORTED' && madeOn.get(r) !== page.url()) return;
    problems.push(`request failed: ${r.url()} (${error})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { problems };
}

/**
 * Loads a page and waits until the enhancers have run (module scripts run before the load
 * event); with `idle`, also until the network has been quiet for 500 ms.
 */
export async function load(
  page: Page,
  url: string,
  opts: { js?: boolean; idle?: boolean } = {},
): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  if (opts.idle) await page.waitForLoadState('networkidle');
  if (opts.js !== false) {
    await page.waitForFunction(() => document.documentElement.classList.contains('js'));
    // The article's script marks its first scrolly step once it has run.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-scrolly]') === null ||
        document.querySelector('[data-step].is-active') !== null,
    );
  }
}

/**
 * Opens the site for the enclosing describe block (before its tests) and closes it after.
 * Returns a handle that is usable inside tests and hooks, once the site is open.
 */
export function useSite(): Site {
  let open: Site | undefined;
  beforeAll(async () => {
    open = await openSite();
  });
  afterAll(async () => {
    await open?.close();
  });
  const get = (): Site => {
    if (!open)
      throw new Error('useSite(): the site is not open yet (use it inside tests or hooks)');
    return open;
  };
  return {
    get browser() {
      return get().browser;
    },
    get server() {
      return get().server;
    },
    url: (path) => get().url(path),
    context: (opts) => get().context(opts),
    close: () => get().close(),
  };
}
