/**
 * The one way every chart shows uncertainty (issue 24: the first edition used five symbols for
 * it: hollow dots, half-filled dots, dashed links, hollow triangles and words). A figure is
 * either reported (or counted from captures and OpenRouter's own data), or an estimate of one
 * of four kinds. Every kind is drawn the same way: the chart's own mark, hollow (filled with the
 * page background, outlined in the series colour). Lines are not dashed for an estimate: a
 * dash, where a chart uses one, tells one count from another (share-by-method, share-flip).
 * The kind is told in words wherever the figure is quoted, in tooltips, tables and texts.
 *
 * This module is the source of truth for the kinds, their words, the key that explains them
 * once (src/components/EstimateKey.astro: under the article's first chart, in full on the
 * methodology page, on embeds of charts with estimates) and the mark helpers the charts use.
 * test/charts/estimate.test.ts walks every chart's rows and drawing against it.
 */
import * as Plot from '@observablehq/plot';
import { cssVar } from '../lib/palette.ts';
import type { Method, WeekPoint } from '../pipeline/derive/weeks.ts';

export const ESTIMATES = ['back-calculated', 'secondary', 'partial', 'implied'] as const;
/** Why a figure is not a reported one: shown in words wherever the figure is quoted. */
export type Estimate = (typeof ESTIMATES)[number];

/** The estimate kind of a week of a counting method (null: reported or counted). Captures
 *  assembled into weeks are counted, not estimated; media weeks with a side worked back from
 *  reported changes are back-calculated. */
export function estimateOf(method: Method, status: WeekPoint['status']): Estimate | null {
  if (status === 'partial') return 'partial';
  if (status === 'secondary') return 'secondary';
  if (status === 'derived' && method === 'media') return 'back-calculated';
  return null;
}

/** The kind in words where a figure is quoted in a sentence: "63.4% (part of the week)". */
export const ESTIMATE_WORDS: Record<Estimate, string> = {
  'back-calculated': 'back-calculated',
  secondary: 'from a secondary report',
  partial: 'part of the week',
  implied: 'implied by streak counts',
};

/** The kind as a short label: charts' own keys, tooltips and data tables. */
export const ESTIMATE_LABEL: Record<Estimate, string> = {
  'back-calculated': 'back-calculated',
  secondary: 'secondary source',
  partial: 'part of a week',
  implied: 'implied',
};

/** The kind explained in full (the methodology page's key). */
export const ESTIMATE_DEFINITION: Record<Estimate, string> = {
  'back-calculated':
    'worked back by us from a reported week and its reported change on the week before; no outlet printed the figure.',
  secondary:
    'known only from a relay or aggregator whose original we could not read; the figure may be right, but it is second-hand.',
  partial:
    'a week with days missing: OpenRouter’s data for part of a week, or a week of rankings-page captures whose last usable capture came well before the weekly reset.',
  implied:
    'a week with no figure whose leader the outlets’ own “Nth week in a row” statements imply; drawn as a mark on the side that led, never as a value.',
};

/** The words of the shared key: one symbol, two states. */
export const ESTIMATE_KEY = {
  reported: 'Reported or counted',
  estimated: 'Estimated',
  kinds: 'back-calculated, second-hand, part of a week, or implied',
} as const;

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
