/**
 * Live preview: `astro dev` (what `npm run dev` runs) on a temp copy of data/ (DATA_DIR, with the
 * generated datasets in OUT_DIR), the article open in Chromium. A saved CSV edit reaches the open
 * page without a restart; a bad CSV and a failed claim show the error overlay while the page keeps
 * the last good data; fixing the file clears it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { cleanupProjects, commandEnv, projectCopy, ROOT } from '../publish/project.ts';

const run = hasChromium() ? describe : describe.skip;

/**
 * The tests wait for events (the page showing the new figure, the overlay appearing), not for a
 * time: every wait in the browser has no timeout of its own, and only this bound, far above any
 * run on a loaded machine, stops a test that would otherwise hang. The tests pass with the CPUs
 * saturated (npm run test:dev-load runs them under a CPU hog).
 */
const LOAD_TIMEOUT_MS = 900_000;

/** A free port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(
  url: string,
  dev: { output: string; exited: boolean },
  ms = LOAD_TIMEOUT_MS,
): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (dev.exited) throw new Error(`the dev server exited:\n${dev.output}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
      dev.output += `\n[test] GET ${url}: HTTP ${r.status}\n${(await r.text()).slice(0, 2000)}\n`;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the dev server did not answer ${url} in ${ms / 1000} s:\n${dev.output}`);
}

// The outlets' latest week with both figures (28 September – 4 October 2026): China's share of
// the pair, CN / (CN + US), with the U.S. at 16.2T.
const LATEST = /The outlets’ sums give ([\d.]+%) for 28 September – 4 October 2026/;

run('npm run dev watches data/ and the copy document', { timeout: LOAD_TIMEOUT_MS }, () => {
  let server: ChildProcess | undefined;
  const dev = { output: '', exited: false };
  let browser: Browser;
  let page: Page;
  let csv: string;
  let original: string;
  let aml: string;
  let originalAml: string;

  /** The share in the "latest week" sentence, as the open page shows it now. */
  const latestShare = async () =>
    LATEST.exec(await page.locator('main, body').first().innerText())?.[1];
  const overlayText = () =>
    page.evaluate(() => {
      const el = document.querySelector('vite-error-overlay');
      return el ? (el.shadowRoot?.textContent ?? el.textContent ?? '') : null;
    });
  const save = (text: string) => writeFileSync(csv, text);
  const withCnTokens = (v: string) =>
    original.replace('2026-09-28,2026-10-04,CN,57460000000000,', `2026-09-28,2026-10-04,CN,${v},`);

  beforeAll(async () => {
    const p = projectCopy('editor-dev-');
    csv = join(p.data, 'weekly-tokens.csv');
    original = readFileSync(csv, 'utf8');
    // The copy's document, copied so the test never edits the real one.
    aml = join(p.data, '..', 'article.aml');
    originalAml = readFileSync(join(ROOT, 'src/story/article.aml'), 'utf8');
    writeFileSync(aml, originalAml);
    const port = await freePort();
    server = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/astro/bin/astro.mjs'),
        'dev',
        // Neither reads nor writes the project's dev-server lock (.astro/dev.json): a lock left by
        // an earlier run, or a live PID reused by another astro process, must not stop the test.
        '--ignore-lock',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
      ],
      {
        cwd: ROOT,
        env: commandEnv({ DATA_DIR: p.data, OUT_DIR: p.generated, ARTICLE_AML: aml }),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    server.stdout!.on('data', (d) => (dev.output += d));
    server.stderr!.on('data', (d) => (dev.output += d));
    server.once('exit', () => (dev.exited = true));
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(url, dev);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(0);
    await page.goto(url, { waitUntil: 'load', timeout: 0 });
  }, LOAD_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    if (server?.pid && !dev.exited) {
      process.kill(-server.pid, 'SIGTERM'); // the dev server and anything it started
      await new Promise((r) => setTimeout(r, 500));
    }
    cleanupProjects();
  });

  it('shows the data it started with', async () => {
    expect(await latestShare()).toBe('78.0%');
    expect(await overlayText()).toBeNull();
  });

  it('a saved CSV edit updates the open page without a restart', async () => {
    save(withCnTokens('60000000000000')); // 60 / (60 + 16.2) = 78.7%
    await page.waitForFunction(
      (re) => new RegExp(re).exec(document.body?.innerText ?? '')?.[1] === '78.7%',
      LATEST.source,
      { timeout: 0 },
    );
    expect(dev.output).toContain(
      'data/weekly-tokens.csv saved: datasets rebuilt, story and claims checked',
    );
    expect(dev.output).toMatch(
      /-> ".*The outlets’ sums give 78\.7% for 28 September – 4 October 2026/,
    );
  });

  it('a bad CSV shows the error overlay and the terminal message; the page keeps the last good data', async () => {
    save(withCnTokens('60T'));
    await page.waitForFunction(
      () => document.querySelector('vite-error-overlay') !== null,
      undefined,
      { timeout: 0 },
    );
    const text = await overlayText();
    expect(text).toContain('data/weekly-tokens.csv:44:4: column "tokens" got "60T"');
    expect(text).toContain('write the plain number 60000000000000');
    expect(dev.output).toContain('the data step failed; the page shows the last good data');
    // The page under the overlay, and a fresh load of it, still show the last good figure.
    expect(await latestShare()).toBe('78.7%');
    await page.reload({ waitUntil: 'load' });
    expect(await latestShare()).toBe('78.7%');
    await page.waitForFunction(
      () => document.querySelector('vite-error-overlay') !== null,
      undefined,
      { timeout: 0 },
    );
  });

  it('fixing the file clears the overlay and shows the new figure', async () => {
    save(withCnTokens('62000000000000')); // 62 / (62 + 16.2) = 79.3%
    await page.waitForFunction(
      (re) => new RegExp(re).exec(document.body?.innerText ?? '')?.[1] === '79.3%',
      LATEST.source,
      { timeout: 0 },
    );
    expect(await overlayText()).toBeNull();
  });

  it('a claim the new data breaks is shown in the overlay with the sentence to edit', async () => {
    // The U.S. ahead in the outlets' latest week: the sentence that says China leads it is false.
    save(withCnTokens('1000000000000'));
    await page.waitForFunction(
      () => document.querySelector('vite-error-overlay') !== null,
      undefined,
      { timeout: 0 },
    );
    const text = await overlayText();
    expect(text).toContain('Claim "latest-media-week-china-ahead" is false');
    expect(text).toContain('src/story/article.aml:');
    expect(await latestShare()).toBe('79.3%');
    save(original);
    await page.waitForFunction(
      (re) => new RegExp(re).exec(document.body?.innerText ?? '')?.[1] === '78.0%',
      LATEST.source,
      { timeout: 0 },
    );
    expect(await overlayText()).toBeNull();
  });

  it('a save of the copy document reaches the open page; a bad placeholder shows its line', async () => {
    const sentence = 'Chips are the backdrop.';
    const body = () => page.locator('main, body').first().innerText();
    expect(await body()).toContain(sentence);
    writeFileSync(aml, originalAml.replace(sentence, 'Chips are the background.'));
    await page.waitForFunction(
      () => (document.body?.innerText ?? '').includes('Chips are the background.'),
      undefined,
      { timeout: 90_000 },
    );
    // A misspelt placeholder: the overlay names the document's line and the nearest names.
    const bad = originalAml.replace('In {pegWeek}, the outlets’', 'In {pegWeak}, the outlets’');
    const line = bad.split('\n').findIndex((l) => l.includes('{pegWeak}')) + 1;
    writeFileSync(aml, bad);
    await page.waitForFunction(
      () => document.querySelector('vite-error-overlay') !== null,
      undefined,
      { timeout: 90_000 },
    );
    const text = await overlayText();
    expect(text).toContain(`src/story/article.aml:${line}: placeholder {pegWeak} has no figure`);
    expect(text).toContain('did you mean {pegWeek}?');
    writeFileSync(aml, originalAml);
    await page.waitForFunction((s) => (document.body?.innerText ?? '').includes(s), sentence, {
      timeout: 90_000,
    });
    expect(await overlayText()).toBeNull();
  });
});
