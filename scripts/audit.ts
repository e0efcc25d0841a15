/**
 * npm run audit: a measurement, not a pass/fail test. Serves dist/ on 127.0.0.1, runs
 * Lighthouse 13 (mobile, default config) against the article and one embed page in Debian's
 * Chromium, and prints the four category scores, LCP, TBT and CLS, every audit that cost
 * points, and the byte figures the budget tests check (gzip level 9, from dist/).
 *
 *   npm run audit                      # builds first, then measures
 *   AUDIT_EMBED=prices npm run audit   # pick the embed page (default: the first found)
 *   AUDIT_JSON=dir npm run audit       # also write each Lighthouse report as JSON
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { describeLoad, distFile, firstLoad, gzipSize, kib } from '../test/browser/bytes.ts';
import { BASE_PATH, DIST, ROOT, assertBuilt, embedPages } from '../test/browser/site.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, HOW_TO_INSTALL } from '../test/support/browser.ts';

assertBuilt();
if (!existsSync(CHROMIUM_PATH)) {
  console.error(HOW_TO_INSTALL);
  process.exit(1);
}
process.env.CHROME_PATH = CHROMIUM_PATH;

const budgets = JSON.parse(readFileSync(join(ROOT, 'budgets.json'), 'utf8')) as {
  article: { firstLoadGzipKiB: number; jsGzipKiB: number };
  embedPage: { firstLoadGzipKiB: number; jsGzipKiB: number };
  embedHostScriptGzipKiB: number;
};

const embeds = embedPages();
const embed = embeds.find((p) => p.path === `embed/${process.env.AUDIT_EMBED}/`) ?? embeds[0];
const targets = [
  { name: 'article', path: '' },
  ...(embed ? [{ name: embed.name, path: embed.path }] : []),
];

// --- Bytes -------------------------------------------------------------------------------
console.log('== Bytes (gzip -9 from dist/; KiB = 1024 bytes)');
for (const t of targets) {
  const load = firstLoad(DIST, BASE_PATH, t.path);
  const b = t.path === '' ? budgets.article : budgets.embedPage;
  console.log(describeLoad(load));
  console.log(
    `  budget: first load ${kib(load.total)} / ${b.firstLoadGzipKiB} KiB, JavaScript ${kib(load.js)} / ${b.jsGzipKiB} KiB`,
  );
}
const host = join(DIST, 'embed.js');
if (existsSync(host)) {
  const n = gzipSize(readFileSync(host));
  console.log(
    `embed host script /embed.js: ${n} bytes gzip (${kib(n)} / ${budgets.embedHostScriptGzipKiB} KiB)`,
  );
}
if (!embed) console.log('(no embed pages in dist/embed/: only the article is audited)');

// --- Lighthouse --------------------------------------------------------------------------
/**
 * dist/ served the way a static host or CDN serves it: text gzipped (level 9, when the
 * browser accepts it) and hashed assets cached. (astro preview and test/support's server
 * send everything uncompressed, which Lighthouse would count as the site's own cost.)
 */
async function serveLikeAHost(dir: string, basePath: string) {
  const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.csv': 'text/csv; charset=utf-8',
    '.txt': 'text/plain; charset=utf-8',
    '.xml': 'application/xml',
    '.woff2': 'font/woff2',
    '.ico': 'image/x-icon',
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = distFile(dir, basePath, path);
    if (!file || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    let body: Buffer = readFileSync(file);
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': path.includes('/_astro/')
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=300',
      Vary: 'Accept-Encoding',
    };
    if (
      /^(text\/|application\/(json|xml)|image\/svg)/.test(type) &&
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    ) {
      body = gzipSync(body, { level: 9 });
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const server = await serveLikeAHost(DIST, BASE_PATH);
const jsonDir = process.env.AUDIT_JSON;
if (jsonDir) mkdirSync(jsonDir, { recursive: true });

interface Row {
  page: string;
  performance: number;
  accessibility: number;
  'best-practices': number;
  seo: number;
  LCP: string;
  TBT: string;
  CLS: string;
}
const rows: Row[] = [];
try {
  for (const t of targets) {
    const url = new URL(t.path, server.url).toString();
    console.log(`\n== Lighthouse ${t.name}: ${url}`);
    // A fresh browser per run, as Lighthouse recommends.
    const chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM_PATH,
      chromeFlags: CHROMIUM_FLAGS,
      logLevel: 'silent',
    });
    let lhr;
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
      });
      if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
      lhr = result.lhr;
    } finally {
      await chrome.kill();
    }
    if (lhr.runtimeError)
      console.log(`  runtime error: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    for (const w of lhr.runWarnings) console.log(`  warning: ${w}`);
    if (jsonDir)
      writeFileSync(
        join(jsonDir, `${t.name.replace(/\W+/g, '-')}.json`),
        JSON.stringify(lhr, null, 1),
      );
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const audit = (id: string) => lhr.audits[id];
    const row: Row = {
      page: t.name,
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      seo: score('seo'),
      LCP: audit('largest-contentful-paint')?.displayValue ?? '?',
      TBT: audit('total-blocking-time')?.displayValue ?? '?',
      CLS: audit('cumulative-layout-shift')?.displayValue ?? '?',
    };
    rows.push(row);
    console.log(
      `  performance ${row.performance} · accessibility ${row.accessibility} · best-practices ${row['best-practices']} · SEO ${row.seo}`,
    );
    console.log(
      `  LCP ${row.LCP} · TBT ${row.TBT} · CLS ${row.CLS} · FCP ${audit('first-contentful-paint')?.displayValue} · SI ${audit('speed-index')?.displayValue}`,
    );
    // What cost points: every weighted audit in a category that did not pass.
    for (const [id, cat] of Object.entries(lhr.categories)) {
      for (const ref of cat.auditRefs) {
        const a = lhr.audits[ref.id];
        if (!a || ref.weight === 0 || a.score === null || a.score >= 1) continue;
        console.log(
          `  costs points (${id}): ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}, score ${Math.round(a.score * 100)}`,
        );
      }
    }
  }
} finally {
  await server.close();
}

console.log('\n== Summary (Lighthouse 13, mobile, default config)');
console.table(rows);
