/**
 * Embeds: the URLs, the snippet, its fallback height and the oEmbed document of a chart.
 * The height protocol (src/lib/embed-protocol.ts) is shared with the embed page
 * (src/client/embed-page.ts) and the host script (public/embed.js, checked against it by a test).
 *
 * An embed page has two layouts. Compact (the default): title, subtitle, controls, the chart,
 * a short source line and the credit line with the licence and a link to the chart in the
 * article; this is what a frame of fixed height shows, and fallbackHeight() is the height that
 * shows it whole at any width from MIN_FRAME_WIDTH. Sized: once the host script answers the
 * page's height message (the frame will follow its content), a <details> with notes, every
 * source, the data table, the description, downloads and the embed code joins the page.
 */
import { ESTIMATE_KEY_TEXT, hasEstimates } from '../../charts/estimate.ts';
import { renderSvg } from '../../charts/render.ts';
import type { AnyChart } from '../../charts/types.ts';
import { EMBED_ATTR } from '../../lib/embed-protocol.ts';
import { escapeHtml } from '../../lib/escape.ts';
import { chartSourceSummary, type SourceSummary } from './sources.ts';
import { SITE, absoluteUrl, withBase } from '../../lib/site.ts';
import { article, methodAnswer, sourcesById } from '../site/site-data.ts';

/** The narrowest frame the compact layout is designed and tested for (px). */
export const MIN_FRAME_WIDTH = 300;
/** Width the oEmbed document states (a typical article column); the height holds at any width. */
export const FALLBACK_WIDTH = 640;

/**
 * The chart's SVG renderings on an embed page, by the width of the chart's box: under 680 px
 * a 320 px rendering, so that chart text is never drawn much below its size in a narrow frame
 * (12 px axis text stays above 11 px in a 300 px frame, where the article's 360 px phone
 * rendering would draw it at 10); from 680 px the article's desktop one. Each is shown at most
 * MAX_UPSCALE times its width, so wider frames do not blow the chart up (two renderings, not
 * three: embed pages stay within their byte budget).
 */
export const EMBED_WIDTHS = { xs: 320, wide: 680 } as const;
export const MAX_UPSCALE = 1.25;

export const embedPath = (id: string): string => `embed/${id}/`;
export const embedUrl = (id: string): string => absoluteUrl(embedPath(id));
export const oembedPath = (id: string): string => `embed/${id}/oembed.json`;
/** The fragment of the chart's place in the article, or none when the article does not show
 *  it (a chart kept for embeds and downloads only, e.g. weekly-tokens after the hero chart
 *  took its place in the scroller): the link then opens the article at its top. */
const chartFragment = (id: string): string =>
  article.blocks.some((b) => 'chart' in b && (b.chart as { id?: string } | undefined)?.id === id)
    ? `#chart-${id}`
    : '';
/** Where the chart sits in the article. */
export const articleChartUrl = (id: string): string => `${absoluteUrl('')}${chartFragment(id)}`;
export const hostScriptUrl = (): string => absoluteUrl('embed.js');
export const articleChartHref = (id: string): string => `${withBase('')}${chartFragment(id)}`;

/** The controls a chart has under its title in the article (and on its embed page). */
export function chartControls(id: string): 'method' | 'calculator' | undefined {
  const b = article.blocks.find((x) => x.type === 'figure' && x.chart.id === id);
  return b?.type === 'figure' ? b.controls : undefined;
}

/** Sources of a chart in the order cited, each once. */
export const chartSources = (chart: AnyChart) =>
  [...new Set(chart.sourceIds)].map((id) => sourcesById.get(id)).filter((s) => s !== undefined);

/** How many publishers the compact source line names before "and N more". */
export const SOURCE_LINE_NAMES = 2;

/** The compact source line of an embed: the article's short line, naming fewer publishers. */
export const embedSourceSummary = (chart: AnyChart): SourceSummary =>
  chartSourceSummary(chart, sourcesById, SOURCE_LINE_NAMES);

/** The compact source line as plain text (what the page shows, for the height estimate). */
export function sourceLineText(chart: AnyChart): string {
  const { text } = embedSourceSummary(chart);
  return text ? `${text}.` : '';
}

/** The credit line (plain text): site, publisher, licence, and the link to notes and data. */
export const CREDIT_TEXT = `${SITE.name} · ${SITE.publisher} · ${SITE.licence} · Notes, sources and data ↗`;

// ---------------------------------------------------------------------------------------------
// The height of the compact layout. The numbers below are those of src/styles/embed-page.css
// (keep the two in step; test/embed/fallback.test.ts measures the real page in Chromium).

/** px at the reader's default font size (1rem = 16px). */
const L = {
  padX: 12,
  padTop: 12,
  padBottom: 12,
  /** The text column's widest (56rem). */
  maxText: 896,
  /** Under this frame width the chart also takes the side padding but 2 px. */
  bleedBelow: 400,
  bleed: 10,
  title: { size: 18, line: 22.5, after: 4, bold: true },
  subtitle: { size: 14, line: 19.6, after: 8, bold: false },
  buttons: { size: 13, line: 15.6, height: 36, padX: 12, padY: 4, border: 1, gap: 6, after: 8 },
  calculator: { row: 66, gap: 8, colMin: 224, colGap: 16, after: 8 },
  calcBars: { caption: 19.6 + 8, row: 17, gap: 4 },
  small: { size: 13, line: 18.85, bold: false },
  sourceBefore: 8,
  creditBefore: 2,
} as const;

/**
 * Widths of glyphs in em, by class: the widths of DejaVu Sans (the widest common system-ui
 * font; Linux) rounded up, so the estimate wraps no later than a browser does. Bold is 10% wider.
 * Anything outside ASCII (CJK names, arrows, ×) counts 1 em.
 */
const GLYPH_EM: number[] = Array.from({ length: 127 }, (_, code) => {
  const ch = String.fromCharCode(code);
  if (/[\s.,:;'|!il]/.test(ch)) return 0.34;
  if (/[frtjI()[\]{}"\-/]/.test(ch)) return 0.46;
  if (/[mwMW@%]/.test(ch)) return 1.02;
  if (/[A-Z0-9#$&?+=<>~_^*]/.test(ch)) return 0.8;
  return 0.66;
});

function textWidth(s: string, size: number, bold: boolean): number {
  let em = 0;
  for (let i = 0; i < s.length; i++) em += GLYPH_EM[s.charCodeAt(i)] ?? 1;
  return em * size * (bold ? 1.1 : 1);
}

const wordCache = new Map<string, number[]>();
/** The widths (px) of a text's words at a size, computed once per text. */
function wordWidths(text: string, size: number, bold: boolean): number[] {
  const key = `${size}${bold ? 'b' : ''}\u0000${text}`;
  let w = wordCache.get(key);
  if (!w) {
    w = text
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => textWidth(word, size, bold));
    wordCache.set(key, w);
  }
  return w;
}

/** Lines a text takes in a box `width` px wide: greedy wrapping at spaces, like a browser;
 *  a word wider than the line is broken (the page sets overflow-wrap: break-word). */
export function lineCount(text: string, width: number, size: number, bold = false): number {
  const space = textWidth(' ', size, bold);
  let lines = 1;
  let x = 0;
  for (const w of wordWidths(text, size, bold)) {
    if (w > width) {
      lines += (x > 0 ? 1 : 0) + Math.ceil(w / width) - 1;
      x = w % width;
      continue;
    }
    const need = x === 0 ? w : x + space + w;
    if (need <= width) x = need;
    else {
      lines++;
      x = w;
    }
  }
  return lines;
}

const textHeight = (
  text: string,
  width: number,
  t: { size: number; line: number; bold: boolean },
) => lineCount(text, width, t.size, t.bold) * t.line;

/** The aspect ratios (height / width) of a chart's renderings, the tallest over its states. */
function aspects(chart: AnyChart): Record<keyof typeof EMBED_WIDTHS, number> {
  const states = chart.states?.length ? chart.states.map((s) => s.id) : [undefined];
  const out = {} as Record<keyof typeof EMBED_WIDTHS, number>;
  for (const [name, w] of Object.entries(EMBED_WIDTHS) as Array<
    [keyof typeof EMBED_WIDTHS, number]
  >) {
    out[name] = Math.max(
      ...states.map((st) => {
        const vb = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(renderSvg(chart, w, st));
        if (!vb) throw new Error(`chart ${chart.id}: no viewBox at ${w} px`);
        return Number(vb[2]) / Number(vb[1]);
      }),
    );
  }
  return out;
}

/** Height (px) of the chart's box when it is `box` px wide (which rendering, at what size). */
function chartHeight(box: number, ratio: Record<keyof typeof EMBED_WIDTHS, number>): number {
  const variant = box >= EMBED_WIDTHS.wide ? 'wide' : 'xs';
  const shown = Math.min(box, EMBED_WIDTHS[variant] * MAX_UPSCALE);
  return shown * ratio[variant];
}

/** The estimated height (px) of a chart's compact embed page in a frame `frame` px wide. */
export function compactHeight(chart: AnyChart, frame: number, ratio = aspects(chart)): number {
  const text = Math.min(frame, L.maxText) - 2 * L.padX;
  const box = frame < L.bleedBelow ? text + 2 * L.bleed : text;
  let h = L.padTop;
  h += textHeight(chart.title, text, L.title) + L.title.after;
  h += textHeight(chart.subtitle, text, L.subtitle) + L.subtitle.after;
  const controls = chartControls(chart.id);
  let chartH = chartHeight(box, ratio);
  if (controls === 'method') {
    // Buttons wrap onto rows; a label wider than the column wraps inside its button.
    const b = L.buttons;
    const rows: number[] = [];
    let x = 0;
    for (const s of chart.states ?? []) {
      const inner = text - 2 * (b.padX + b.border);
      const lines = lineCount(s.label, inner, b.size, true);
      const w = Math.min(text, textWidth(s.label, b.size, true) + 2 * (b.padX + b.border));
      const bh = Math.max(b.height, lines * b.line + 2 * (b.padY + b.border));
      if (rows.length > 0 && x + b.gap + w <= text) {
        x += b.gap + w;
        rows[rows.length - 1] = Math.max(rows.at(-1)!, bh);
      } else {
        rows.push(bh);
        x = w;
      }
    }
    h += rows.reduce((a, r) => a + r, 0) + (rows.length - 1) * b.gap + b.after;
    h +=
      Math.max(
        ...(chart.states ?? []).map((s) => textHeight(methodAnswer(s.id), text, L.subtitle)),
      ) + L.subtitle.after;
  } else if (controls === 'calculator') {
    const c = L.calculator;
    const rows = text >= 2 * c.colMin + c.colGap ? 1 : 2;
    h += rows * c.row + (rows - 1) * c.gap + c.after;
    // Once the reader moves a slider, bars (one per model) replace the chart.
    const bars = L.calcBars.caption + chart.rows.length * (L.calcBars.row + L.calcBars.gap);
    chartH = Math.max(chartH, bars);
  }
  h += chartH;
  // The shared key of reported vs estimated marks, where the chart plots an estimate.
  if (hasEstimates(chart)) h += L.sourceBefore + textHeight(ESTIMATE_KEY_TEXT, text, L.small);
  h += L.sourceBefore + textHeight(sourceLineText(chart), text, L.small);
  h += L.creditBefore + textHeight(CREDIT_TEXT, text, L.small);
  return h + L.padBottom;
}

/** Frame widths the fallback height is checked at: every 2 px from 300 px to the text column's
 *  widest (beyond it the text column and the chart no longer grow, so neither does the page). */
const FRAME_WIDTHS = Array.from(
  { length: (L.maxText - MIN_FRAME_WIDTH) / 2 + 1 },
  (_, i) => MIN_FRAME_WIDTH + 2 * i,
);

const fallbackCache = new Map<string, number>();

/**
 * The iframe's height (px) when no script sizes it: the tallest the compact layout gets at any
 * frame width from MIN_FRAME_WIDTH up, plus 4% for fonts wider
 * than the estimate's, rounded up to 10 px. The one number the snippet, the oEmbed document
 * and the embed code's text all state.
 */
export function fallbackHeight(chart: AnyChart): number {
  const cached = fallbackCache.get(chart.id);
  if (cached !== undefined) return cached;
  const ratio = aspects(chart);
  const tallest = Math.max(...FRAME_WIDTHS.map((w) => compactHeight(chart, w, ratio)));
  const h = Math.ceil((tallest * 1.04) / 10) * 10;
  fallbackCache.set(chart.id, h);
  return h;
}

/** The embed code: an iframe that works alone at its fallback height, and the sizing script. */
export function embedSnippet(chart: AnyChart): string {
  const iframe =
    `<iframe src="${escapeHtml(embedUrl(chart.id))}" title="${escapeHtml(chart.title)}" ` +
    `width="100%" height="${fallbackHeight(chart)}" loading="lazy" style="width:100%;min-width:100%;border:0" ` +
    `${EMBED_ATTR}="${escapeHtml(chart.id)}"></iframe>`;
  return `${iframe}\n<script async src="${escapeHtml(hostScriptUrl())}"></script>`;
}

/** The oEmbed 1.0 document of a chart (type rich). */
export function oembed(chart: AnyChart): Record<string, string | number> {
  return {
    type: 'rich',
    version: '1.0',
    title: chart.title,
    provider_name: SITE.name,
    provider_url: absoluteUrl(''),
    author_name: SITE.publisher,
    author_url: absoluteUrl(''),
    html: embedSnippet(chart),
    width: FALLBACK_WIDTH,
    height: fallbackHeight(chart),
    thumbnail_url: absoluteUrl(`og/${chart.id}.png`),
    thumbnail_width: 1200,
    thumbnail_height: 630,
    cache_age: 86400,
  };
}
