/**
 * Embeds: the URLs, the snippet, its fallback height and the oEmbed document of a chart.
 * The height protocol is shared with the embed page (src/client/embed-page.ts) and the host
 * script (public/embed.js, which repeats these constants: it is hand-written ES5).
 */
import { renderSvg } from '../charts/render.ts';
import type { Chart } from '../charts/types.ts';
import { escapeHtml } from '../lib/escape.ts';
import { SITE, absoluteUrl, withBase } from '../lib/site.ts';

/** The versioned message an embed page posts to its host whenever its height changes. */
export const EMBED_MESSAGE = { type: 'tokenflip:embed-height', version: 1 } as const;
/** Attribute that marks our iframes on a host page (its value is the chart id). */
export const EMBED_ATTR = 'data-tokenflip-embed';
/** Width the snippet's fallback height is computed for (a typical article column). */
export const FALLBACK_WIDTH = 640;

export const embedPath = (id: string): string => `embed/${id}/`;
export const embedUrl = (id: string): string => absoluteUrl(embedPath(id));
export const oembedPath = (id: string): string => `embed/${id}/oembed.json`;
/** Where the chart sits in the article. */
export const articleChartUrl = (id: string): string => `${absoluteUrl('')}#chart-${id}`;
export const hostScriptUrl = (): string => absoluteUrl('embed.js');
export const articleChartHref = (id: string): string => `${withBase('')}#chart-${id}`;

/** Lines a text takes at a width, by an average glyph width (generous: a fallback must not cut). */
function lines(text: string, width: number, charPx: number): number {
  return Math.max(1, Math.ceil((text.length * charPx) / width));
}

/**
 * A fixed height (px) for the iframe when the host script is absent, for an embed
 * FALLBACK_WIDTH wide: the chart's desktop SVG scaled to the column, plus title, subtitle,
 * notes, source line and the rows of controls under it, rounded up to 10 px.
 */
export function fallbackHeight(chart: Chart<any>): number {
  const inner = FALLBACK_WIDTH - 32;
  const svg = renderSvg(chart, 680);
  const vb = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  const chartH = vb ? (Number(vb[2]) * inner) / Number(vb[1]) : 400;
  let h = 16; // top padding
  h += lines(chart.title, inner, 10) * 27;
  h += lines(chart.subtitle, inner, 8) * 21 + 12;
  h += chartH;
  h += chart.notes.reduce((s, n) => s + lines(n, inner - 20, 7) * 19, chart.notes.length ? 12 : 0);
  h += 3 * 19 + 8; // source and provenance line
  h += 2 * 44 + 24; // data table and description <details>
  h += 2 * 24 + 90; // tools row (may wrap), link back and bottom padding
  return Math.ceil(h / 10) * 10;
}

/** The embed code: an iframe that works alone at its fallback height, and the sizing script. */
export function embedSnippet(chart: Chart<any>): string {
  const iframe =
    `<iframe src="${escapeHtml(embedUrl(chart.id))}" title="${escapeHtml(chart.title)}" ` +
    `width="100%" height="${fallbackHeight(chart)}" loading="lazy" style="width:100%;min-width:100%;border:0" ` +
    `${EMBED_ATTR}="${escapeHtml(chart.id)}"></iframe>`;
  return `${iframe}\n<script async src="${escapeHtml(hostScriptUrl())}"></script>`;
}

/** The oEmbed 1.0 document of a chart (type rich). */
export function oembed(chart: Chart<any>): Record<string, string | number> {
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
