/**
 * Server-side rendering of a chart to an SVG string: Plot with a linkedom document, then a
 * post-processing pass that makes the output accessible, standalone-valid and byte-stable
 * (the same input gives the same bytes on every run).
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { PALETTE, resolveColors, type Theme } from '../lib/palette.ts';
import type { AnyChart } from './types.ts';

export interface RenderOptions {
  /** Resolve var(--c-*) colours to one theme's concrete values (standalone files). */
  theme?: Theme;
  /** A height (px) to draw at, for charts that can change theirs (see Chart.plot). */
  height?: number;
}

const escapeText = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Attributes whose numbers are coordinates (rounded: see roundNumber). */
const COORD_ATTRS =
  /\s(d|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|transform|points|viewBox|dx|dy)="([^"]*)"/g;

/** Whole pixels from 10 px up, one decimal below (radii, offsets, small sizes): the inline
 *  SVGs are scaled to their column anyway, and the page's weight is mostly these digits. */
function roundNumber(s: string): string {
  const x = Number(s);
  const n = Math.abs(x) >= 10 ? Math.round(x) : Math.round(x * 10) / 10;
  return Object.is(n, -0) ? '0' : String(n);
}

/** Rounds every decimal number in coordinate attributes (see roundNumber); lengths in em
 *  (text baselines) are left alone. */
export function roundCoordinates(svg: string): string {
  return svg.replace(COORD_ATTRS, (_m, name: string, value: string) => {
    const v = value.replace(/-?\d*\.?\d+(?:e[-+]?\d+)?(em)?/gi, (num: string, em?: string) =>
      em ? num : roundNumber(num),
    );
    return ` ${name}="${v}"`;
  });
}

/** Renders a chart at a width (and state) to an SVG string. */
export function renderSvg(
  chart: AnyChart,
  width: number,
  state?: string,
  opts: RenderOptions = {},
): string {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  const node = Plot.plot({
    ...chart.plot(width, state, opts.height ? { height: opts.height } : undefined),
    document,
  } as Plot.PlotOptions) as unknown as Element;
  const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg');
  if (!svg) throw new Error(`chart ${chart.id}: Plot returned no <svg>`);

  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('data-chart', chart.id);
  if (state) svg.setAttribute('data-state', state);
  for (const g of svg.querySelectorAll('g[aria-label]')) g.setAttribute('role', 'group');

  let out = svg.outerHTML;
  if (out.includes('xlink:'))
    out = out.replace('<svg ', '<svg xmlns:xlink="http://www.w3.org/1999/xlink" ');

  // Plot's class names ("plot-d6a7b5") become one stable class per chart.
  out = out.replace(/\bplot-[0-9a-f]{6}\b/g, `plot-${chart.id}`);

  // Generated ids (clip paths, patterns) become stable ids in order of appearance.
  const ids = new Map<string, string>();
  out = out.replace(/\sid="([^"]+)"/g, (_m, id: string) => {
    const stable = `${chart.id}-${state ?? 'default'}-${ids.size + 1}`;
    ids.set(id, stable);
    return ` id="${stable}"`;
  });
  for (const [from, to] of ids)
    out = out.replaceAll(`#${from})`, `#${to})`).replaceAll(`"#${from}"`, `"#${to}"`);

  out = roundCoordinates(out);

  // Accessible name and description, first children of the root.
  out = out.replace(
    /^(<svg[^>]*>)/,
    (open: string) =>
      `${open}<title>${escapeText(chart.title)}</title><desc>${escapeText(chart.description)}</desc>`,
  );

  if (opts.theme) {
    out = resolveColors(out, opts.theme);
    out = out.replace(/color:\s*currentColor/, () => `color:${PALETTE[opts.theme!].text}`);
    out = out.replace('fill="currentColor"', `fill="${PALETTE[opts.theme].text}"`);
  }
  return out;
}
