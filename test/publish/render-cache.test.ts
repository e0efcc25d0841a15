/**
 * The render cache: a PNG from the cache is byte for byte the PNG a fresh render makes; the key
 * follows everything the render depends on (SVG text, zoom, font bytes); a cut-off entry is never
 * served; old entries are pruned.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CJK_FONT_FILE,
  cardSvg,
  chartImage,
  fonts,
  svgToPng,
} from '../../src/publish/images/images.ts';
import {
  isWholePng,
  pruneRenderCache,
  renderCacheDir,
  renderCacheStats,
} from '../../src/publish/images/render-cache.ts';
import { charts } from '../../src/publish/site/site-data.ts';

const dirs: string[] = [];
const cacheDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'render-cache-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const entries = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

describe('render cache', () => {
  it('a hit is byte for byte the PNG a fresh render makes (a chart download at 2x and a social card)', () => {
    const dir = cacheDir();
    const stats = renderCacheStats();
    for (const [svg, zoom] of [
      [chartImage(charts[0]!, 'dark').svg, 2],
      [cardSvg({ kicker: 'Test', title: 'A card', body: 'Some text', footer: 'Footer' }), 1],
    ] as const) {
      const fresh = svgToPng(svg, zoom, { cacheDir: null });
      const misses = stats.misses;
      const first = svgToPng(svg, zoom, { cacheDir: dir });
      expect(stats.misses).toBe(misses + 1);
      const hits = stats.hits;
      const second = svgToPng(svg, zoom, { cacheDir: dir });
      expect(stats.hits).toBe(hits + 1);
      expect(first.equals(fresh)).toBe(true);
      expect(second.equals(fresh)).toBe(true);
      expect(isWholePng(second)).toBe(true);
    }
    expect(entries(dir)).toHaveLength(2);
  });

  it('the key follows the SVG text, the zoom and the font bytes', () => {
    const dir = cacheDir();
    const svg = chartImage(charts[0]!, 'light').svg;
    svgToPng(svg, 1, { cacheDir: dir });
    svgToPng(svg, 2, { cacheDir: dir });
    svgToPng(svg.replace('</svg>', '<rect width="1" height="1"/></svg>'), 1, { cacheDir: dir });
    expect(entries(dir)).toHaveLength(3);
    // A render made with other fonts is never served for the shipped ones: Chinese text is
    // drawn only with the CJK fallback.
    const cjk =
      '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" fill="#fff"/><text x="4" y="30" font-size="28">中文</text></svg>';
    const latinOnly = fonts().filter((f) => !f.endsWith(CJK_FONT_FILE.split('/').pop()!));
    const withoutCjk = svgToPng(cjk, 1, { cacheDir: dir, fontFiles: latinOnly });
    const shipped = svgToPng(cjk, 1, { cacheDir: dir });
    expect(entries(dir)).toHaveLength(5);
    expect(withoutCjk.equals(shipped)).toBe(false);
    expect(shipped.equals(svgToPng(cjk, 1, { cacheDir: null }))).toBe(true);
  });

  it('a cut-off entry is rendered again, never served', () => {
    const dir = cacheDir();
    const svg = chartImage(charts[1]!, 'light').svg;
    const fresh = svgToPng(svg, 1, { cacheDir: dir });
    const [entry] = entries(dir);
    writeFileSync(entry!, readFileSync(entry!).subarray(0, 1000));
    const stats = renderCacheStats();
    const misses = stats.misses;
    expect(svgToPng(svg, 1, { cacheDir: dir }).equals(fresh)).toBe(true);
    expect(stats.misses).toBe(misses + 1);
    expect(readFileSync(entry!).equals(fresh)).toBe(true);
  });

  it('lives in .cache/renders/ unless RENDER_CACHE_DIR says otherwise (off: no cache); old entries are pruned', () => {
    expect(renderCacheDir({}, '/p')).toBe('/p/.cache/renders');
    expect(renderCacheDir({ RENDER_CACHE_DIR: 'x/y' }, '/p')).toBe('/p/x/y');
    expect(renderCacheDir({ RENDER_CACHE_DIR: 'off' }, '/p')).toBeNull();
    const dir = cacheDir();
    svgToPng(cardSvg({ kicker: 'A', title: 'Old', footer: 'f' }), 1, { cacheDir: dir });
    svgToPng(cardSvg({ kicker: 'A', title: 'New', footer: 'f' }), 1, { cacheDir: dir });
    const [old] = entries(dir);
    const longAgo = new Date(Date.now() - 40 * 864e5);
    utimesSync(old!, longAgo, longAgo);
    expect(pruneRenderCache(dir, 30)).toBe(1);
    expect(entries(dir)).toHaveLength(1);
  });
});
