/** Shared by the embed suites: the built site on one origin, host pages on another. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = `${ROOT}dist`;

/** The chart ids, in article order, as the build wrote them (one embed page each). */
export function builtChartIds(dist = DIST): string[] {
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  return [...html.matchAll(/<figure[^>]*\bdata-chart="([^"]+)"/g)]
    .map((m) => m[1]!)
    .filter((v, i, a) => a.indexOf(v) === i);
}

/** The embed snippet of a chart from its oEmbed document, pointed at the test server. */
export function snippetFor(
  id: string,
  siteOrigin: string,
  dist = DIST,
): { html: string; fallback: number } {
  const doc = JSON.parse(readFileSync(`${dist}/embed/${id}/oembed.json`, 'utf8')) as {
    html: string;
    height: number;
    provider_url: string;
  };
  const built = new URL(doc.provider_url).origin;
  return { html: doc.html.replaceAll(built, siteOrigin), fallback: doc.height };
}

/** PNG width and height from the IHDR chunk, after checking the signature. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((b, i) => buf[i] === b)) throw new Error('not a PNG (bad signature)');
  if (buf.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG (no IHDR first)');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/**
 * Copies the project into a temporary folder (sources, data and config; node_modules linked,
 * never dist or generated data), lets `mutate` edit the copy's data/, then builds the datasets
 * and the site there. Returns the copy's folder: its site is in `<dir>/dist`. The real dist/
 * and src/data/generated/ are never touched.
 */
export function buildProjectCopy(
  prefix: string,
  mutate: (dataDir: string) => void,
  env: Record<string, string> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const p of [
    'src',
    'public',
    'scripts',
    'data',
    'astro.config.mjs',
    'package.json',
    'tsconfig.json',
  ]) {
    cpSync(join(ROOT, p), join(dir, p), {
      recursive: true,
      filter: (s) => !s.includes('/src/data/generated'),
    });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  mutate(join(dir, 'data'));
  const runEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env };
  for (const args of [['scripts/build-data.ts'], ['node_modules/astro/bin/astro.mjs', 'build']]) {
    const r = spawnSync(process.execPath, args, { cwd: dir, env: runEnv, encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(`${args.join(' ')} failed in ${dir}:\n${r.stdout}\n${r.stderr}`);
  }
  return dir;
}

/** Every file under a folder whose name ends with `ext`, as absolute paths. */
export const filesUnder = (dir: string, ext: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f));

/**
 * A host page (another site's article) around some HTML: a column, text before and after, and a
 * log of the messages the page receives (window.__msgs). `csp` adds a Content-Security-Policy
 * meta tag, e.g. "script-src 'self'" to refuse third-party scripts as some hosts do.
 */
export function hostPage(body: string, opts: { csp?: string } = {}): string {
  const csp = opts.csp ? `<meta http-equiv="Content-Security-Policy" content="${opts.csp}">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${csp}
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title><link rel="icon" href="data:,">
<style>body{margin:0;padding:10px;font-family:Georgia,serif}</style>
</head><body><h1>A host article</h1><p>Some text before the charts.</p>${body}<p>The end.</p></body></html>`;
}
