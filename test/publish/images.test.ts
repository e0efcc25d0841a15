// Chinese names in exported images: drawn from the committed CJK fallback subset, never
// dropped, with no system font. Every CJK character of data/ must be in the subset
// (`npm run fonts:cjk` remakes it); a chart image whose source line names Chinese publishers
// shows them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { cjkChars } from '../../src/publish/images/cjk-font.ts';
import {
  CJK_FONT_FILE,
  chartImage,
  FONT_FAMILY,
  fonts,
  svgToPng,
} from '../../src/publish/images/images.ts';
import { charts, sourcesById } from '../../src/publish/site/site-data.ts';

/** Pixels (RGBA) of an SVG rendered with some font files and no system fonts. */
function render(
  svg: string,
  fontFiles: string[],
): { pixels: Buffer; width: number; height: number } {
  const img = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT_FAMILY },
  }).render();
  return { pixels: Buffer.from(img.pixels), width: img.width, height: img.height };
}

/** Dark pixels (text on white) in rows y0..y1. */
function ink(
  img: { pixels: Buffer; width: number; height: number },
  y0 = 0,
  y1 = img.height,
): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      if (img.pixels[i + 3]! > 0 && img.pixels[i]! < 160) n++;
    }
  }
  return n;
}

const latinOnly = () => fonts().filter((f) => !f.endsWith(CJK_FONT_FILE.split('/').pop()!));
const glyphSvg = (ch: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#fff"/><text x="4" y="30" font-size="28" fill="#000">${ch}</text></svg>`;

describe('CJK in exported images', () => {
  it('the fallback subset is committed and small', () => {
    expect(existsSync(CJK_FONT_FILE)).toBe(true);
    const kib = statSync(CJK_FONT_FILE).size / 1024;
    console.log(`${CJK_FONT_FILE}: ${kib.toFixed(1)} KiB`);
    expect(kib).toBeLessThan(200);
  });

  it('draws every CJK character of data/ as its own glyph (not the missing-glyph box), thanks to the fallback', () => {
    const csvs = ['data', 'data/captures'].flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => join(d, f)),
    );
    const chars = cjkChars(...csvs.map((f) => readFileSync(f, 'utf8')));
    expect(chars.length).toBeGreaterThan(0);
    // Without the fallback every character is the same missing-glyph box.
    const tofu = render(glyphSvg(chars[0]!), latinOnly()).pixels;
    expect(chars.every((ch) => render(glyphSvg(ch), latinOnly()).pixels.equals(tofu))).toBe(true);
    const drawn = chars.map((ch) => ({ ch, img: render(glyphSvg(ch), fonts()) }));
    const missing = drawn
      .filter((d) => ink(d.img) === 0 || d.img.pixels.equals(tofu))
      .map((d) => d.ch);
    expect(
      missing,
      `characters of data/ missing from ${CJK_FONT_FILE}: run npm run fonts:cjk`,
    ).toEqual([]);
    // Each its own shape.
    expect(new Set(drawn.map((d) => d.img.pixels.toString('base64'))).size).toBe(chars.length);
  });

  it('a chart image whose source line names Chinese publishers draws them', () => {
    const band = (publisher: string, files: string[]) => {
      const id = 'test-cjk-publisher';
      sourcesById.set(id, {
        id,
        title: `${publisher} report`,
        publisher,
        published: '2026-02-27',
        url: 'https://example.org/',
        accessed: '2026-11-28',
        kind: 'primary',
        note: null,
      } as never);
      try {
        const chart = { ...charts.find((c) => c.id === 'top-models')!, sourceIds: [id] };
        const { svg } = chartImage(chart, 'light');
        const line = /<text x="\d+" y="([\d.]+)"[^>]*>(Source: [^<]*)<\/text>/.exec(svg);
        expect(line?.[2], 'the name is in the image, not dropped').toBe(`Source: ${publisher}.`);
        const img = render(svg, files);
        const y = Number(line![1]);
        const rows = img.pixels.subarray((y - 14) * img.width * 4, (y + 4) * img.width * 4);
        return { svg, rows, ink: ink(img, y - 14, y + 4) };
      } finally {
        sourcesById.delete(id);
      }
    };
    // Publisher names from the data itself (every character is in the subset).
    const a = band('每日经济新闻', fonts());
    const b = band('经济日报新闻', fonts());
    expect(a.ink).toBeGreaterThan(100);
    // Different Chinese names draw differently: glyphs, not missing-glyph boxes...
    expect(a.rows.equals(b.rows)).toBe(false);
    // ...which is what the same two names give without the fallback.
    expect(
      band('每日经济新闻', latinOnly()).rows.equals(band('经济日报新闻', latinOnly()).rows),
    ).toBe(true);
    // The PNG the site ships is made with the fallback.
    expect(svgToPng(a.svg).equals(svgToPng(a.svg, 1, { fontFiles: latinOnly() }))).toBe(false);
  });
});
