/**
 * The chart drawings a page shows inline, and the ones it leaves out of its first load.
 *
 * Why: the article inlined every chart at two widths, every state of the scroller and of the
 * method switch (576 KiB of HTML, 80 KiB gzip first load against a 60 KB goal). A page now
 * inlines one drawing per chart (the phone width, which is also what a reader without
 * JavaScript sees at any width) and leaves a placeholder for the others: an empty <svg> with
 * the drawing's viewBox (so the page does not jump when it arrives) and data-src, the address
 * of the drawing as a static file under svg/ that src/client/lazy-svg.ts fetches when it is
 * about to be seen. The files are written by src/pages/svg/[file].ts from the same function, so
 * a placeholder and its file cannot disagree.
 */
import { renderSvg } from '../../charts/render.ts';
import type { AnyChart } from '../../charts/types.ts';
import { withBase } from '../../lib/site.ts';
import { SCROLLY_SIZE, WIDTHS } from '../../lib/widths.ts';

/** The drawings a chart has on the article: phone, desktop, and the scroller's own desktop
 *  and phone drawings (SCROLLY_SIZE). */
export type SvgVariant = 'narrow' | 'wide' | 'tall' | 'tall-narrow';

/** Folder under the base that holds the lazily loaded drawings. */
export const SVG_DIR = 'svg/';

const SIZES: Record<SvgVariant, { width: number; height?: number }> = {
  narrow: { width: WIDTHS.narrow },
  wide: { width: WIDTHS.wide },
  tall: SCROLLY_SIZE.wide,
  'tall-narrow': SCROLLY_SIZE.narrow,
};

/** File name (under SVG_DIR) of a chart's drawing: "<chart>[.<state>].<variant>.svg". */
export const svgFileName = (chartId: string, variant: SvgVariant, state?: string): string =>
  `${[chartId, state, variant].filter(Boolean).join('.')}.svg`;

/** The site path a page's placeholder fetches. */
export const svgFilePath = (chartId: string, variant: SvgVariant, state?: string): string =>
  withBase(SVG_DIR + svgFileName(chartId, variant, state));

/**
 * A drawing as a page inlines it: hidden from assistive tech (the figure's title, description
 * and data table carry the chart), without what makes a standalone file accessible (its
 * <title>/<desc>, roles and group labels, the namespace).
 */
export function inlineSvg(chart: AnyChart, width: number, state?: string, height?: number): string {
  return renderSvg(chart, width, state, { height })
    .replace(
      /^<svg([^>]*)>(?:<title>[\s\S]*?<\/title><desc>[\s\S]*?<\/desc>)?/,
      (_m, attrs: string) =>
        `<svg aria-hidden="true" focusable="false"${attrs.replace(/ (aria-hidden|role|xmlns)="[^"]*"/g, '')}>`,
    )
    .replace(/<g ([^>]*)>/g, (_m, attrs: string) => {
      const kept = attrs.replace(/\s*(role|aria-label)="[^"]*"/g, '').trim();
      return kept ? `<g ${kept}>` : '<g>';
    });
}

/** A variant's drawing as inlined (see inlineSvg). */
export const variantSvg = (chart: AnyChart, variant: SvgVariant, state?: string): string => {
  const { width, height } = SIZES[variant];
  return inlineSvg(chart, width, state, height);
};

/**
 * The file under svg/: the inline drawing with the SVG namespace put back, so that the file
 * also opens on its own. The page inserts it as HTML, where the namespace changes nothing.
 */
export const svgFile = (chart: AnyChart, variant: SvgVariant, state?: string): string =>
  variantSvg(chart, variant, state).replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ');

/** The placeholder's inner markup: an empty drawing of the same proportions. */
export function placeholderSvg(chart: AnyChart, variant: SvgVariant, state?: string): string {
  const svg = variantSvg(chart, variant, state);
  const vb = /^<svg[^>]*\sviewBox="([^"]+)"/.exec(svg)?.[1];
  if (!vb) throw new Error(`chart ${chart.id}: its ${variant} drawing has no viewBox`);
  return `<svg aria-hidden="true" focusable="false" viewBox="${vb}"></svg>`;
}

/** Every lazily loaded drawing the site may ask for: each chart, each of its states, each variant. */
export function svgFiles(
  charts: readonly AnyChart[],
): Array<{ name: string; chart: AnyChart; variant: SvgVariant; state?: string }> {
  return charts.flatMap((chart) => {
    const states: Array<string | undefined> = [undefined, ...(chart.states ?? []).map((s) => s.id)];
    const variants: SvgVariant[] = chart.states?.length
      ? ['narrow', 'wide', 'tall', 'tall-narrow']
      : ['wide'];
    return states.flatMap((state) =>
      variants.map((variant) => ({
        name: svgFileName(chart.id, variant, state),
        chart,
        variant,
        state,
      })),
    );
  });
}
