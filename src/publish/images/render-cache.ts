/**
 * A content-addressed cache for PNG renders (chart images and social cards). A PNG is a pure
 * function of its SVG text, the render options, the resvg version and the bytes of the font
 * files; the cache key is a sha256 of exactly those, so a hit is the PNG a fresh render would
 * make (test/publish/render-cache.test.ts checks byte for byte). A build after one new day of
 * data re-renders only the images whose SVG changed.
 *
 * - Folder: RENDER_CACHE_DIR, else .cache/renders/ under the project root (in .gitignore; not
 *   under node_modules/, which `npm ci` wipes, so a CI cache can keep it). RENDER_CACHE_DIR=off
 *   turns the cache off.
 * - Entries are written to a temp file and renamed, so a reader never sees half a file; an entry
 *   that is not a whole PNG (signature and IEND chunk) is ignored and rendered again.
 * - Cache trouble (a read-only folder, a full disk) never fails a build: it renders instead.
 * - The update command prunes entries older than PRUNE_DAYS (pruneRenderCache).
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';

export const CACHE_DIR_ENV = 'RENDER_CACHE_DIR';
export const DEFAULT_CACHE_DIR = '.cache/renders';
/** Bump when the way a render is made changes in a way the key does not see. */
const KEY_VERSION = 'png-1';
export const PRUNE_DAYS = 30;

/** Hits and misses of this process (shared by every copy of this module: Astro bundles its own). */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Time spent rendering misses, ms. */
  renderMs: number;
}

const STATS_KEY = Symbol.for('token-flip.render-cache.stats');
export function renderCacheStats(): CacheStats {
  const g = globalThis as unknown as Record<symbol, CacheStats | undefined>;
  return (g[STATS_KEY] ??= { hits: 0, misses: 0, renderMs: 0 });
}

/** The cache folder for this process, or null when RENDER_CACHE_DIR=off. */
export function renderCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  root = process.cwd(),
): string | null {
  const v = env[CACHE_DIR_ENV]?.trim();
  if (v === 'off') return null;
  if (!v) return join(root, DEFAULT_CACHE_DIR);
  return isAbsolute(v) ? v : resolve(root, v);
}

const fileHashes = new Map<string, string>();
function fileHash(path: string): string {
  let h = fileHashes.get(path);
  if (h === undefined) {
    h = createHash('sha256').update(readFileSync(path)).digest('hex');
    fileHashes.set(path, h);
  }
  return h;
}

let resvgVersion: string | undefined;
/** The installed @resvg/resvg-js version (its native renderer ships with it). */
export function rendererVersion(): string {
  if (resvgVersion === undefined) {
    const require = createRequire(join(process.cwd(), 'package.json'));
    resvgVersion = (
      JSON.parse(readFileSync(require.resolve('@resvg/resvg-js/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  }
  return resvgVersion;
}

/** The key of one render: sha256 of the renderer version, options, font bytes and SVG text. */
export function renderKey(svg: string, options: unknown, fontFiles: readonly string[]): string {
  const h = createHash('sha256');
  h.update(`${KEY_VERSION}\0resvg ${rendererVersion()}\0${JSON.stringify(options)}\0`);
  for (const f of fontFiles) h.update(`font ${fileHash(f)}\0`);
  h.update(svg);
  return h.digest('hex');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** A whole PNG: its signature first and its IEND chunk last (a cut-off file has no IEND). */
export const isWholePng = (b: Buffer): boolean =>
  b.length > PNG_SIGNATURE.length + PNG_END.length &&
  b.subarray(0, 8).equals(PNG_SIGNATURE) &&
  b.subarray(-12).equals(PNG_END);

const entryPath = (dir: string, key: string) => join(dir, key.slice(0, 2), `${key}.png`);

/**
 * The PNG for a key: from the cache when a whole entry is there, else rendered (and stored).
 * `dir` null renders without the cache.
 */
export function cachedPng(dir: string | null, key: string, render: () => Buffer): Buffer {
  const stats = renderCacheStats();
  const path = dir === null ? null : entryPath(dir, key);
  if (path !== null) {
    try {
      const b = readFileSync(path);
      if (isWholePng(b)) {
        stats.hits++;
        return b;
      }
    } catch {
      // not cached yet
    }
  }
  const started = performance.now();
  const png = render();
  stats.misses++;
  stats.renderMs += performance.now() - started;
  if (path !== null) {
    const tmp = `${path}.tmp-${process.pid}`;
    try {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(tmp, png);
      renameSync(tmp, path);
    } catch {
      rmSync(tmp, { force: true });
    }
  }
  return png;
}

/** Removes entries not written for `days` days; returns how many. */
export function pruneRenderCache(dir: string | null, days = PRUNE_DAYS, now = Date.now()): number {
  if (dir === null || !existsSync(dir)) return 0;
  let removed = 0;
  for (const sub of readdirSync(dir)) {
    const d = join(dir, sub);
    if (!statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (now - statSync(p).mtimeMs > days * 864e5) {
        rmSync(p, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
