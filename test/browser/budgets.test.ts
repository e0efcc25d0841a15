// Deterministic checks on the built site (no browser): the article's first-load bytes and
// its JavaScript against budgets.json (gzip level 9), the embed host script's size, every
// internal link and #fragment in every page resolving, and every source URL in the data
// being a well-formed http(s) URL.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { describeLoad, distFile, firstLoad, gzipSize, kib } from './bytes.ts';
import { BASE_PATH, DIST, ROOT, assertBuilt, embedPages } from './site.ts';

interface Budgets {
  article: { firstLoadGzipKiB: number; jsGzipKiB: number };
  embedPage: { firstLoadGzipKiB: number; jsGzipKiB: number };
  embedHostScriptGzipKiB: number;
}
const budgets = JSON.parse(readFileSync(join(ROOT, 'budgets.json'), 'utf8')) as Budgets;

assertBuilt();

describe('byte budgets (gzip -9, KiB = 1024 bytes; budgets.json)', () => {
  it('the article: first load (HTML + CSS + JS + fonts) and JavaScript within budget', () => {
    const load = firstLoad(DIST, BASE_PATH, '');
    console.log(describeLoad(load));
    console.log(
      `budget: first load ${kib(load.total)} / ${budgets.article.firstLoadGzipKiB} KiB, JavaScript ${kib(load.js)} / ${budgets.article.jsGzipKiB} KiB`,
    );
    expect(load.assets.some((a) => a.kind === 'css')).toBe(true);
    expect(load.total / 1024, 'article first load, KiB gzip').toBeLessThanOrEqual(
      budgets.article.firstLoadGzipKiB,
    );
    expect(load.js / 1024, 'article JavaScript, KiB gzip').toBeLessThanOrEqual(
      budgets.article.jsGzipKiB,
    );
  });

  it.each(embedPages().map((p) => [p.name, p] as const))(
    '%s: first load within the embed budget',
    (_n, p) => {
      const load = firstLoad(DIST, BASE_PATH, p.path);
      console.log(
        `${p.name}: first load ${kib(load.total)} / ${budgets.embedPage.firstLoadGzipKiB} KiB, JavaScript ${kib(load.js)} / ${budgets.embedPage.jsGzipKiB} KiB`,
      );
      expect(load.total / 1024, `${p.name} first load, KiB gzip`).toBeLessThanOrEqual(
        budgets.embedPage.firstLoadGzipKiB,
      );
      expect(load.js / 1024, `${p.name} JavaScript, KiB gzip`).toBeLessThanOrEqual(
        budgets.embedPage.jsGzipKiB,
      );
    },
  );

  const hostScript = [join(DIST, 'embed.js'), join(ROOT, 'public', 'embed.js')].find((f) =>
    existsSync(f),
  );
  it.skipIf(!hostScript)('the embed host script (embed.js) is at most the budget', () => {
    const bytes = gzipSize(readFileSync(hostScript!));
    console.log(
      `embed host script ${relative(ROOT, hostScript!)}: ${bytes} bytes gzip (${kib(bytes)} / ${budgets.embedHostScriptGzipKiB} KiB)`,
    );
    expect(bytes / 1024, 'embed.js, KiB gzip').toBeLessThanOrEqual(budgets.embedHostScriptGzipKiB);
  });
});

/** Every .html file under dist/, as site paths ("/", "/methodology/", ...). */
function htmlPages(): Array<{ path: string; file: string }> {
  const out: Array<{ path: string; file: string }> = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.html')) {
        const rel = relative(DIST, full).split('\\').join('/');
        out.push({ path: BASE_PATH + rel.replace(/(^|\/)index\.html$/, '$1'), file: full });
      }
    }
  };
  walk(DIST);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

describe('links', () => {
  const pages = htmlPages();
  // The site's own absolute URLs (canonical, og:url, og:image, oEmbed) use SITE_URL.
  const canonical = parseHTML(readFileSync(join(DIST, 'index.html'), 'utf8'))
    .document.querySelector('link[rel="canonical"]')
    ?.getAttribute('href');
  const siteOrigin = canonical ? new URL(canonical).origin : null;
  const local = 'http://site.invalid';
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let s = ids.get(file);
    if (!s) {
      const { document } = parseHTML(readFileSync(file, 'utf8'));
      s = new Set([...document.querySelectorAll('[id]')].map((e) => e.getAttribute('id')!));
      for (const a of document.querySelectorAll('a[name]')) s.add(a.getAttribute('name')!);
      ids.set(file, s);
    }
    return s;
  };

  it('the built site has pages to check', () => {
    expect(pages.map((p) => p.path)).toContain(BASE_PATH);
    console.log(`link check: ${pages.length} HTML pages in dist/`);
  });

  it.each(pages.map((p) => [p.path, p] as const))(
    '%s: every internal link and #fragment resolves',
    (_p, page) => {
      const { document } = parseHTML(readFileSync(page.file, 'utf8'));
      const here = new URL(page.path, local);
      const broken: string[] = [];
      let checked = 0;
      const refs: Array<{ attr: string; value: string }> = [];
      for (const el of document.querySelectorAll('[href], [src], [srcset], [xlink\\:href]')) {
        for (const attr of ['href', 'src', 'xlink:href']) {
          const v = el.getAttribute(attr);
          if (v !== null) refs.push({ attr: `<${el.tagName.toLowerCase()} ${attr}>`, value: v });
        }
        const srcset = el.getAttribute('srcset');
        if (srcset)
          for (const part of srcset.split(','))
            refs.push({
              attr: `<${el.tagName.toLowerCase()} srcset>`,
              value: part.trim().split(/\s+/)[0]!,
            });
      }
      for (const m of document.querySelectorAll(
        'meta[property="og:image"], meta[property="og:url"], meta[name="twitter:image"]',
      )) {
        refs.push({
          attr: `<meta ${m.getAttribute('property') ?? m.getAttribute('name')}>`,
          value: m.getAttribute('content') ?? '',
        });
      }
      for (const { attr, value } of refs) {
        if (value === '') {
          broken.push(`${attr} is empty`);
          continue;
        }
        let u: URL;
        try {
          u = new URL(value, here);
        } catch {
          broken.push(`${attr} "${value}" is not a URL`);
          continue;
        }
        if (siteOrigin && u.origin === siteOrigin)
          u = new URL(u.pathname + u.search + u.hash, local);
        if (u.origin !== local) {
          if (!['http:', 'https:', 'mailto:'].includes(u.protocol))
            broken.push(`${attr} "${value}": unexpected scheme ${u.protocol}`);
          continue;
        }
        checked++;
        const file = distFile(DIST, BASE_PATH, u.pathname);
        if (!file) {
          broken.push(`${attr} "${value}" -> ${u.pathname} is not in dist/`);
          continue;
        }
        const fragment = decodeURIComponent(u.hash.slice(1));
        if (fragment && file.endsWith('.html') && !idsOf(file).has(fragment))
          broken.push(`${attr} "${value}": no id "${fragment}" in ${relative(DIST, file)}`);
      }
      expect(checked, 'internal references checked').toBeGreaterThan(0);
      expect(broken).toEqual([]);
    },
  );
});

describe('source URLs in the data', () => {
  const file = join(ROOT, 'src/data/generated/datasets.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    sources?: Array<{ id: string; url: string }>;
  };

  /** Every value under a key named url, or ending in _url / Url, anywhere in the data. */
  const urlFields = (v: unknown, path: string, out: Array<{ path: string; value: unknown }>) => {
    if (Array.isArray(v)) v.forEach((x, i) => urlFields(x, `${path}[${i}]`, out));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (/^url$|_url$|Url$/.test(k)) out.push({ path: `${path}.${k}`, value: x });
        else urlFields(x, `${path}.${k}`, out);
      }
    }
    return out;
  };

  it('every source has a well-formed http(s) URL, and so does every url field', () => {
    expect(data.sources?.length ?? 0, 'sources in the data').toBeGreaterThan(0);
    // Only the desk's own judgement (kind "desk") has no URL.
    for (const s of data.sources!)
      expect(
        typeof s.url === 'string' || (s as { kind?: string }).kind === 'desk',
        `source ${s.id}: url`,
      ).toBe(true);
    const fields = urlFields(data, 'datasets', []).filter(
      (f) => f.value !== null && f.value !== '',
    );
    const bad: string[] = [];
    for (const { path, value } of fields) {
      if (typeof value !== 'string') {
        bad.push(`${path}: not a string`);
        continue;
      }
      let u: URL | null = null;
      try {
        u = new URL(value);
      } catch {
        /* reported below */
      }
      const ok =
        u !== null &&
        (u.protocol === 'https:' || u.protocol === 'http:') &&
        value === value.trim() &&
        !/\s/.test(value) &&
        /^[^.]+(\.[^.]+)+$/.test(u.hostname) &&
        !u.username &&
        !u.password;
      if (!ok) bad.push(`${path}: "${value}"`);
    }
    console.log(
      `source URLs: ${fields.length} url fields checked (${data.sources!.length} sources)`,
    );
    expect(bad).toEqual([]);
  });
});
