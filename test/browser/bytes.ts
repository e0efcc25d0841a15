/**
 * What a page costs on first load, measured from dist/ (no browser): the HTML, then what it
 * asks for before the reader does anything: stylesheets (and their @imports and fonts),
 * scripts (and the modules they import statically, and modulepreloads), preloaded fonts.
 * Each file is gzipped at level 9. Used by test/browser/budgets.test.ts and scripts/audit.ts.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';

export type AssetKind = 'html' | 'css' | 'js' | 'font';

export interface Asset {
  /** Path on the site, e.g. "/_astro/index.abc.js". */
  path: string;
  kind: AssetKind;
  raw: number;
  gzip: number;
}

export interface FirstLoad {
  page: string;
  assets: Asset[];
  /** Gzip bytes of everything. */
  total: number;
  /** Gzip bytes of the JavaScript alone. */
  js: number;
}

export const gzipSize = (buf: Buffer | string): number => gzipSync(buf, { level: 9 }).length;

export const kib = (bytes: number): string => (bytes / 1024).toFixed(1);

/** The dist/ file a site path maps to (directories to their index.html), or null. */
export function distFile(dist: string, basePath: string, sitePath: string): string | null {
  if (!sitePath.startsWith(basePath)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(sitePath.slice(basePath.length));
  } catch {
    return null;
  }
  const file = join(dist, rel);
  if (!file.startsWith(dist)) return null;
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = join(file, 'index.html');
  return existsSync(index) ? index : null;
}

const FONT = /\.(woff2?|ttf|otf|eot)(\?|#|$)/i;

/**
 * Measures the first load of the page at `pagePath` (under the base, e.g. "" or
 * "embed/prices/"). Throws when the page asks for a file of its own site that dist/ lacks.
 */
export function firstLoad(dist: string, basePath: string, pagePath: string): FirstLoad {
  const origin = 'http://site.invalid';
  const pageUrl = new URL(basePath + pagePath, origin);
  const htmlFile = distFile(dist, basePath, pageUrl.pathname);
  if (!htmlFile) throw new Error(`No page in dist/ for ${pageUrl.pathname}`);
  const assets = new Map<string, Asset>();
  const add = (path: string, kind: AssetKind, buf: Buffer) => {
    if (!assets.has(path)) assets.set(path, { path, kind, raw: buf.length, gzip: gzipSize(buf) });
  };
  const html = readFileSync(htmlFile);
  add(pageUrl.pathname, 'html', html);

  /** Resolves a reference from `from`; null for other origins (there should be none: CSP). */
  const resolveRef = (ref: string, from: URL): { path: string; file: string } | null => {
    const u = new URL(ref, from);
    if (u.origin !== origin) return null;
    const file = distFile(dist, basePath, u.pathname);
    if (!file) throw new Error(`${pageUrl.pathname} loads ${u.pathname}, which is not in dist/`);
    return { path: u.pathname, file };
  };

  const css = (ref: string, from: URL) => {
    const r = resolveRef(ref, from);
    if (!r || assets.has(r.path)) return;
    const text = readFileSync(r.file);
    add(r.path, 'css', text);
    const here = new URL(r.path, origin);
    const src = text.toString('utf8');
    for (const m of src.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)["']?\s*\)?/g))
      css(m[1]!, here);
    // Fonts declared by @font-face: counted as requested (a browser fetches those in use).
    for (const face of src.matchAll(/@font-face\s*{[^}]*}/g)) {
      for (const m of face[0].matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        if (m[1]!.startsWith('data:')) continue;
        font(m[1]!, here);
      }
    }
  };
  const font = (ref: string, from: URL) => {
    const r = resolveRef(ref, from);
    if (r && !assets.has(r.path)) add(r.path, 'font', readFileSync(r.file));
  };
  const js = (ref: string, from: URL) => {
    const r = resolveRef(ref, from);
    if (!r || assets.has(r.path)) return;
    const text = readFileSync(r.file);
    add(r.path, 'js', text);
    const here = new URL(r.path, origin);
    // Static imports and re-exports (not dynamic import(), which loads later).
    for (const m of text
      .toString('utf8')
      .matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g))
      js(m[1]!, here);
  };

  const { document } = parseHTML(html.toString('utf8'));
  for (const el of document.querySelectorAll('link[href], script[src]')) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'script') {
      js(el.getAttribute('src')!, pageUrl);
      continue;
    }
    const rel = (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const href = el.getAttribute('href')!;
    const as = (el.getAttribute('as') ?? '').toLowerCase();
    if (rel.includes('stylesheet') && !el.hasAttribute('disabled')) css(href, pageUrl);
    else if (rel.includes('modulepreload') || (rel.includes('preload') && as === 'script'))
      js(href, pageUrl);
    else if (rel.includes('preload') && as === 'style') css(href, pageUrl);
    else if (rel.includes('preload') && (as === 'font' || FONT.test(href))) font(href, pageUrl);
  }
  const list = [...assets.values()];
  return {
    page: pageUrl.pathname,
    assets: list,
    total: list.reduce((n, a) => n + a.gzip, 0),
    js: list.filter((a) => a.kind === 'js').reduce((n, a) => n + a.gzip, 0),
  };
}

/** One line per asset and a total line, for logs. */
export function describeLoad(load: FirstLoad): string {
  const lines = load.assets.map(
    (a) =>
      `  ${a.kind.padEnd(4)} ${kib(a.gzip).padStart(6)} KiB gzip (${kib(a.raw)} KiB raw)  ${a.path}`,
  );
  return [
    `first load of ${load.page}: ${kib(load.total)} KiB gzip total, ${kib(load.js)} KiB of it JavaScript`,
    ...lines,
  ].join('\n');
}
