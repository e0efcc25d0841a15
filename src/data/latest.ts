/**
 * The one definition of "latest", "range" and "Data through" (FACT-CHECK-2, errors 4, 5 and 9:
 * a title gave a range over reported weeks only, a readout skipped partial weeks, an end label
 * did not, and the byline stopped short of what the charts plot). Every chart title, readout,
 * end label and description, the story's figures and the byline take these values from here,
 * so two of them cannot disagree; test/charts/agreement.test.ts walks every chart to check.
 *
 * - latest: the last point a series plots, whatever its status; where it is estimated the
 *   text says so (latestText).
 * - range: the lowest and highest points the series plots, estimated ones included (the chart
 *   shows them, so a range that left them out would contradict the drawing).
 * - Data through: the last day covered by any usage point a chart plots (OpenRouter's daily
 *   data, the outlets' weeks, the rankings-page captures), estimated ones included.
 *
 * What counts as estimated, and its words, are estimates.ts's (how it is drawn,
 * src/charts/estimate.ts's). It is in the data layer, below the charts and the story that
 * both quote it (issue 18: no copy figure computed by chart code).
 */
import { formatDate, formatPercent, formatWeek } from '../lib/format.ts';
import type { Method } from '../pipeline/derive/weeks.ts';
import { ESTIMATE_WORDS, estimateOf, type Estimate } from './estimates.ts';
import type { SiteData } from './site-data.ts';

export { estimateOf, type Estimate } from './estimates.ts';

/** One plotted point of a share series (percent of China + U.S.). */
export interface SeriesPoint {
  /** First day the point covers (null: a capture week known only by its end). */
  start: string | null;
  /** Last day the point covers. */
  end: string;
  /** China's share of China + U.S., percent, rounded to one decimal as every text shows it. */
  value: number;
  /** Null: a reported (or counted) figure; otherwise why it is an estimate. */
  estimate: Estimate | null;
}

/** Rounds a share as every text prints it (one decimal), so compared values are the shown ones. */
export const roundShare = (x: number): number => Math.round(x * 10) / 10;

/** The plotted weekly share points of one counting method, in date order. */
export function weekSeries(data: SiteData, method: Method): SeriesPoint[] {
  return data.derived.weeks[method]
    .filter((w) => w.cn_share !== null)
    .map((w) => ({
      start: w.week_start,
      end: w.week_end,
      value: roundShare(w.cn_share!),
      estimate: estimateOf(method, w.status),
    }));
}

/** OpenRouter's own daily share points (every day of the Data API, each day whole). */
export function daySeries(data: SiteData): SeriesPoint[] {
  return data.derived.api.days
    .filter((d) => d.cn + d.us > 0)
    .map((d) => ({
      start: d.date,
      end: d.date,
      value: roundShare((100 * d.cn) / (d.cn + d.us)),
      estimate: null,
    }));
}

/** The latest point of a series: its last plotted point. Throws on an empty series (a chart
 *  that quotes a latest value of nothing is a bug, not a blank). */
export function latestOf(points: readonly SeriesPoint[]): SeriesPoint {
  const p = points.at(-1);
  if (!p) throw new Error('latestOf: the series has no point');
  return p;
}

/** The lowest and highest plotted points (the first of equal values). */
export function rangeOf(points: readonly SeriesPoint[]): { min: SeriesPoint; max: SeriesPoint } {
  if (points.length === 0) throw new Error('rangeOf: the series has no point');
  let min = points[0]!;
  let max = points[0]!;
  for (const p of points) {
    if (p.value < min.value) min = p;
    if (p.value > max.value) max = p;
  }
  return { min, max };
}

/** "53.6%–82.8%": the range as a title or subtitle prints it. */
export function rangeText(points: readonly SeriesPoint[], digits = 1): string {
  const { min, max } = rangeOf(points);
  return `${formatPercent(min.value, digits)}–${formatPercent(max.value, digits)}`;
}

/** When a point was: "9–15 March 2026", "the week to 28 March 2026" or "21 May 2026". */
export function periodText(p: SeriesPoint): string {
  if (p.start === p.end) return formatDate(p.end);
  return p.start ? formatWeek(p.start, p.end) : `the week to ${formatDate(p.end)}`;
}

/** The words that mark an estimated point where it is quoted ("" for a reported one). */
export const estimateWords = (p: SeriesPoint): string =>
  p.estimate ? ` (${ESTIMATE_WORDS[p.estimate]})` : '';

/** "2–8 March 2026, back-calculated": a period with its estimate, for use inside brackets. */
export const periodWithEstimate = (p: SeriesPoint): string =>
  p.estimate ? `${periodText(p)}, ${ESTIMATE_WORDS[p.estimate]}` : periodText(p);

/** "63.4% in 22–28 June 2026 (part of the week)": the latest value as every text quotes it. */
export function latestText(points: readonly SeriesPoint[]): string {
  const p = latestOf(points);
  return `${formatPercent(p.value)} in ${periodText(p)}${estimateWords(p)}`;
}

/** The last day (ISO) of any usage point the charts plot: the byline's "Data through". */
export function dataThroughIso(data: SiteData): string | null {
  const days = [
    ...data.derived.api.days.map((d) => d.date),
    ...(['media', 'authors', 'models'] as const).flatMap((m) =>
      data.derived.weeks[m].filter((w) => w.cn !== null || w.us !== null).map((w) => w.week_end),
    ),
    ...data.datasets['captures-market-share'].map((r) => r.snapshot_date),
  ].sort();
  return days.at(-1) ?? null;
}

/** "28 June 2026": Data through, in words. */
export const dataThroughText = (data: SiteData): string => formatDate(dataThroughIso(data));
