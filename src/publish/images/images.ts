/**
 * Build-time images: a chart as a standalone picture (title, subtitle, chart, source line;
 * SVG and PNG, light and dark) and the 1200x630 social cards. PNGs are rendered by resvg with
 * the fonts shipped in the `source-sans` package plus a CJK fallback subset committed in
 * src/publish/images/fonts/ (made by `npm run fonts:cjk`, see cjk-font.ts), and no system fonts, so
 * every machine makes the same bytes and Chinese names are drawn, not dropped.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { renderSvg } from '../../charts/render.ts';
import { textWidth } from '../../charts/theme.ts';
import type { AnyChart } from '../../charts/types.ts';
import { escapeHtml } from '../../lib/escape.ts';
import { PALETTE, type Theme } from '../../lib/palette.ts';
import { sourcesById, story } from '../site/site-data.ts';
import { CJK_CHAR } from './cjk-font.ts';
import { cachedPng, renderCacheDir, renderKey } from './render-cache.ts';
import { chartSourceSummary } from '../share/sources.ts';
import { SITE } from '../../lib/site.ts';
import { WIDTHS } from '../../lib/widths.ts';

export const FONT_FAMILY = 'Source Sans 3';
/** The CJK fallback (a subset of Noto Sans CJK SC with the characters of data/). */
export const CJK_FONT_FAMILY = 'Noto Sans CJK SC';
export const CJK_FONT_FILE = 'src/publish/images/fonts/noto-sans-cjk-sc-subset.otf';
const FONT_STACK = `'${FONT_FAMILY}', '${CJK_FONT_FAMILY}', system-ui, sans-serif`;

let fontFiles: string[] | undefined;
/** The font files resvg renders with (resolved from the project root, where node_modules is). */
export function fonts(): string[] {
  if (!fontFiles) {
    const require = createRequire(join(process.cwd(), 'package.json'));
    fontFiles = [
      ...['Regular', 'Semibold', 'Bold'].map((w) =>
        require.resolve(`source-sans/TTF/SourceSans3-${w}.ttf`),
      ),
      join(process.cwd(), CJK_FONT_FILE),
    ];
  }
  return fontFiles;
}

/**
 * Renders an SVG string to PNG bytes at a zoom factor (fonts: the shipped files only; a test
 * may pass others). Glyphs missing from Source Sans 3 fall back to the CJK subset. A render
 * whose SVG, options, fonts and resvg version were rendered before comes from the
 * content-addressed cache (render-cache.ts), byte for byte the same; `cacheDir` overrides the
 * folder (null: no cache).
 */
export function svgToPng(
  svg: string,
  zoom = 1,
  opts: { fontFiles?: string[]; cacheDir?: string | null } = {},
): Buffer {
  const fontFiles = opts.fontFiles ?? fonts();
  const options = {
    fitTo: zoom === 1 ? { mode: 'original' as const } : { mode: 'zoom' as const, value: zoom },
    font: {
      loadSystemFonts: false,
      fontFiles,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
      serifFamily: FONT_FAMILY,
    },
    shapeRendering: 2 as const,
    textRendering: 1 as const,
  };
  // The key hashes the fonts' bytes, not their paths (which differ between machines).
  const key = renderKey(
    svg,
    { ...options, font: { ...options.font, fontFiles: undefined } },
    fontFiles,
  );
  const dir = opts.cacheDir === undefined ? renderCacheDir() : opts.cacheDir;
  return cachedPng(dir, key, () => Buffer.from(new Resvg(svg, options).render().asPng()));
}

/** Estimated width: the charts' estimate, scaled to Source Sans (narrower than system sans);
 *  CJK characters are a full em wide. */
const measure = (s: string, size: number) =>
  textWidth(s, size) * 0.92 + [...s.matchAll(CJK_CHAR)].length * size * 0.45;

/** Greedy word wrap by estimated width; the last allowed line ends in an ellipsis if cut. */
export function wrap(text: string, maxWidth: number, size: number, maxLines = Infinity): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && measure(next, size) > maxWidth) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.includes(' ') && measure(`${last} …`, size) > maxWidth)
    last = last.slice(0, last.lastIndexOf(' '));
  kept[maxLines - 1] = `${last.replace(/[,;:.\s]+$/, '')} …`;
  return kept;
}

/** The chart's source line, as under the chart on the page ("Sources: NBD, 36Kr, CGTN and 4
 *  more; …"), with `max` publishers named (cards have room for fewer). A source that requires
 *  its own citation line (OpenRouter's Data API) gets it, leading, in every image. */
export function sourceSummary(chart: AnyChart, max = 3): string {
  const { text } = chartSourceSummary(chart, sourcesById, max);
  return text ? `${text}.` : '';
}

const text = (x: number, y: number, s: string, attrs: string) =>
  `<text x="${x}" y="${y}" ${attrs}>${escapeHtml(s)}</text>`;

/** The chart's own SVG with concrete colours, its root attributes kept for nesting. */
function chartSvg(
  chart: AnyChart,
  width: number,
  theme: Theme,
): { svg: string; width: number; height: number } {
  const svg = renderSvg(chart, width, undefined, { theme });
  const vb = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  const w = vb ? Number(vb[1]) : width;
  const h = vb ? Number(vb[2]) : Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 400);
  // Drop the root's title/desc: the composed image has its own.
  return {
    svg: svg.replace(/<title>[\s\S]*?<\/title><desc>[\s\S]*?<\/desc>/, ''),
    width: w,
    height: h,
  };
}

/** Places an SVG document inside another at (x, y), scaled to width `w`. */
function nest(svg: string, x: number, y: number, w: number, h: number): string {
  return svg.replace(/^<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs.replace(/\s(x|y|width|height)="[^"]*"/g, '');
    return `<svg${kept} x="${x}" y="${y}" width="${w}" height="${h}">`;
  });
}

export interface ChartImage {
  svg: string;
  width: number;
  height: number;
}

/**
 * A chart as a standalone picture: title, subtitle, the chart at its desktop width, notes'
 * first line skipped (the metadata carries them), source, site and licence. Concrete colours
 * of one theme on a background rect, so it reads the same anywhere it is pasted.
 */
export function chartImage(chart: AnyChart, theme: Theme): ChartImage {
  const c = PALETTE[theme];
  const pad = 24;
  const inner = WIDTHS.wide;
  const width = inner + pad * 2;
  const parts: string[] = [];
  let y = pad;
  for (const line of wrap(chart.title, inner, 20)) {
    y += 24;
    parts.push(text(pad, y, line, `font-size="20" font-weight="700" fill="${c.text}"`));
  }
  y += 6;
  for (const line of wrap(chart.subtitle, inner, 14)) {
    y += 19;
    parts.push(text(pad, y, line, `font-size="14" fill="${c.muted}"`));
  }
  y += 14;
  const ch = chartSvg(chart, inner, theme);
  parts.push(nest(ch.svg, pad, y, inner, ch.height));
  y += ch.height + 10;
  const src = sourceSummary(chart);
  for (const line of wrap(src, inner, 12)) {
    y += 16;
    parts.push(text(pad, y, line, `font-size="12" fill="${c.muted}"`));
  }
  y += 16;
  parts.push(
    text(
      pad,
      y,
      `${SITE.name} · ${SITE.licence} · data through ${story.facts.dataThrough}`,
      `font-size="12" fill="${c.muted}"`,
    ),
  );
  const height = Math.ceil(y + pad);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_STACK}" role="img">`,
    `<title>${escapeHtml(chart.title)}</title><desc>${escapeHtml(chart.description)}</desc>`,
    `<rect width="100%" height="100%" fill="${c.bg}"/>`,
    ...parts,
    '</svg>',
  ].join('');
  return { svg, width, height };
}

export const CARD = { width: 1200, height: 630 } as const;

export interface CardInput {
  kicker: string;
  title: string;
  /** The chart drawn on the card; a text card without it. */
  chart?: AnyChart;
  /** Body text for a text card. */
  body?: string;
  footer: string;
}

const CARD_PAD = 56;
const CARD_INNER = CARD.width - CARD_PAD * 2;

/** A 1200x630 social card (light theme): kicker, title, the chart or a text, footer. */
export function cardSvg(input: CardInput): string {
  const parts: string[] = [];
  const y = cardHead(input, parts);
  const footerY = CARD.height - CARD_PAD + 16;
  if (input.chart) parts.push(cardChart(input.chart, y + 22, footerY - 36));
  else if (input.body) cardBody(input.body, y, parts);
  cardFooter(input.footer, footerY, parts);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD.width}" height="${CARD.height}" viewBox="0 0 ${CARD.width} ${CARD.height}" font-family="${FONT_STACK}">`,
    ...parts,
    '</svg>',
  ].join('');
}

/** The background, the two-colour bar, the kicker and the title; returns the title's last baseline. */
function cardHead(input: CardInput, parts: string[]): number {
  const c = PALETTE.light;
  const pad = CARD_PAD;
  parts.push(`<rect width="100%" height="100%" fill="${c.bg}"/>`);
  parts.push(
    `<rect x="0" y="0" width="${CARD.width}" height="10" fill="${c.cn}"/><rect x="${CARD.width / 2}" y="0" width="${CARD.width / 2}" height="10" fill="${c.us}"/>`,
  );
  let y = pad + 12;
  parts.push(
    text(
      pad,
      y,
      input.kicker.toUpperCase(),
      `font-size="20" font-weight="700" letter-spacing="2" fill="${c.cn}"`,
    ),
  );
  y += 14;
  const titleSize = input.chart ? 34 : 52;
  const titleLines = wrap(input.title, CARD_INNER, titleSize, input.chart ? 2 : 4);
  for (const line of titleLines) {
    y += titleSize * 1.18;
    parts.push(text(pad, y, line, `font-size="${titleSize}" font-weight="700" fill="${c.text}"`));
  }
  return y;
}

/** The chart, scaled to fit between the title and the footer, centred. */
function cardChart(chart: AnyChart, top: number, bottom: number): string {
  const inner = CARD_INNER;
  const ch = chartSvg(chart, WIDTHS.wide, 'light');
  const scale = Math.min((bottom - top) / ch.height, inner / ch.width);
  const w = Math.round(ch.width * scale);
  const h = Math.round(ch.height * scale);
  return nest(
    ch.svg.replace(/viewBox="[^"]*"/, `viewBox="0 0 ${ch.width} ${ch.height}"`),
    CARD_PAD + Math.round((inner - w) / 2),
    top,
    w,
    h,
  );
}

/** A text card's body: up to five lines under the title. */
function cardBody(body: string, titleY: number, parts: string[]): void {
  let y = titleY + 24;
  for (const line of wrap(body, CARD_INNER, 28, 5)) {
    y += 38;
    parts.push(text(CARD_PAD, y, line, `font-size="28" fill="${PALETTE.light.muted}"`));
  }
}

/** A rule, the footer line (one line, cut to fit) and the site's name at the right. */
function cardFooter(footerText: string, footerY: number, parts: string[]): void {
  const c = PALETTE.light;
  const pad = CARD_PAD;
  parts.push(
    `<line x1="${pad}" x2="${CARD.width - pad}" y1="${footerY - 26}" y2="${footerY - 26}" stroke="${c.grid}" stroke-width="2"/>`,
  );
  const footer = wrap(footerText, CARD_INNER - 260, 20, 1)[0] ?? '';
  parts.push(text(pad, footerY, footer, `font-size="20" fill="${c.muted}"`));
  parts.push(
    text(
      CARD.width - pad,
      footerY,
      SITE.name,
      `font-size="22" font-weight="700" text-anchor="end" fill="${c.text}"`,
    ),
  );
}

/** The card of a chart: its title, the chart and its sources. */
export function chartCard(chart: AnyChart): string {
  return cardSvg({ kicker: SITE.name, title: chart.title, chart, footer: sourceSummary(chart, 2) });
}
