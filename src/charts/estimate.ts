/**
 * The one way every chart shows uncertainty (issue 24: the first edition used five symbols for
 * it: hollow dots, half-filled dots, dashed links, hollow triangles and words). A figure is
 * either reported (or counted from captures and OpenRouter's own data), or an estimate of one
 * of four kinds. Every kind is drawn the same way: the chart's own mark, hollow (filled with the
 * page background, outlined in the series colour). Lines are not dashed for an estimate: a
 * dash, where a chart uses one, tells one count from another (share-by-method, share-flip).
 * The kind is told in words wherever the figure is quoted, in tooltips, tables and texts.
 *
 * The kinds and their words are src/data/estimates.ts's; this module has the key that explains
 * them once (src/components/EstimateKey.astro: under the article's first chart, in full on the
 * methodology page, on embeds of charts with estimates) and the mark helpers the charts use.
 * test/charts/estimate.test.ts walks every chart's rows and drawing against it.
 */
import * as Plot from '@observablehq/plot';
import { cssVar } from '../lib/palette.ts';

// The kinds and their words live in the data layer (src/data/estimates.ts), below the story
// and the charts, which both quote them; the marks are drawn here.
export {
  ESTIMATES,
  type Estimate,
  estimateOf,
  ESTIMATE_WORDS,
  ESTIMATE_LABEL,
  ESTIMATE_DEFINITION,
  ESTIMATE_KEY,
} from '../data/estimates.ts';
import { ESTIMATE_KEY, type Estimate } from '../data/estimates.ts';

/** Class of the mark group that draws estimated figures (hollow), and of the one that draws
 *  reported figures (filled): the estimate test finds every mark by them. */
export const ESTIMATE_CLASS = 'estimate-mark';
export const REPORTED_CLASS = 'reported-mark';

/** The fill rule: an estimate is filled with the page background, a reported figure with its
 *  colour. The outline is always the colour. */
export const estimatedFill = (estimated: boolean, color: string): string =>
  estimated ? cssVar('bg') : color;

/** Outline width of a hollow mark, so that it reads at 12 px text sizes. */
export const ESTIMATE_STROKE_WIDTH = 1.5;

type Channel<T> = string | ((d: T) => string);

/**
 * The dots of a series, split by the estimate rule into two marks: reported figures filled,
 * estimates hollow, each group classed for the test. `color` is a colour or a per-row colour
 * (never a scale name: the fill must be a colour to be drawn hollow against).
 */
export function estimateDots<T>(
  rows: readonly T[],
  estimate: (d: T) => Estimate | null,
  color: Channel<T>,
  o: Plot.DotOptions & { className?: string } = {},
): Plot.Dot[] {
  const colorOf = (d: T) => (typeof color === 'function' ? color(d) : color);
  const cls = (c: string) => [o.className, c].filter(Boolean).join(' ');
  const common = { strokeWidth: ESTIMATE_STROKE_WIDTH, ...o, fillOpacity: 1 };
  return [
    Plot.dot(
      rows.filter((d) => estimate(d) === null),
      { ...common, stroke: colorOf, fill: colorOf, className: cls(REPORTED_CLASS) },
    ),
    Plot.dot(
      rows.filter((d) => estimate(d) !== null),
      {
        ...common,
        stroke: colorOf,
        fill: cssVar('bg'),
        className: cls(ESTIMATE_CLASS),
      },
    ),
  ];
}

/** Whether a chart plots any estimated row (its embed then shows the key). */
export function hasEstimates<R>(chart: {
  rows: readonly R[];
  estimate?: (row: R) => Estimate | null;
}): boolean {
  const of = chart.estimate;
  return of !== undefined && chart.rows.some((r) => of(r) !== null);
}

/** The compact key as one line of text (the dots count as a wide character and a space each):
 *  what the embed's height estimate measures (src/publish/share/embed.ts). */
export const ESTIMATE_KEY_TEXT = `● ${ESTIMATE_KEY.reported}  ○ ${ESTIMATE_KEY.estimated}: ${ESTIMATE_KEY.kinds}  What each means`;
