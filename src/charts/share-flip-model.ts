/**
 * What the hero chart (share-flip.ts) draws, derived once from the data: one row per point of
 * each count, the weeks known only from the outlets' streak counts (joined into runs), the lead
 * changes of each count (lead-changes.ts), and the figures the chart's copy names. Kept
 * apart from the drawing so that the chart's file reads as what it draws, and so the tests can
 * check the flip on the data without rendering.
 */
import { formatDate, MONTHS } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { PEG_WEEK_START } from '../lib/story-settings.ts';
import { listText, segments, uniq } from './common.ts';
import {
  leadChanges,
  leaderOfShare,
  startOf,
  type LeadChange,
  type LeadPeriod,
} from './lead-changes.ts';
import {
  daySeries,
  latestText,
  periodText,
  rangeText,
  weekSeries,
  type SeriesPoint,
} from '../data/latest.ts';
import { addDays } from './theme.ts';
import type { ChartFactory } from './types.ts';

/** The counts the chart draws: OpenRouter's daily and weekly data, then the lighter three. */
export const FLIP_SERIES = ['api-day', 'api', 'media', 'authors', 'models'] as const;
export type FlipSeries = (typeof FLIP_SERIES)[number];

export const FLIP_LABEL: Record<FlipSeries, string> = {
  'api-day': 'OpenRouter, daily',
  api: 'OpenRouter',
  media: 'Outlets’ sums',
  authors: 'Authors',
  models: 'Top-9 models',
};
export const FLIP_LONG: Record<FlipSeries, string> = {
  'api-day': "OpenRouter's own daily data",
  api: "OpenRouter's own data, by week",
  media: "the outlets' sums of the weekly leaderboard",
  authors: 'author shares from daily captures of the rankings page',
  models: 'the top nine models in daily captures of the rankings page',
};
export const COLOR: Record<FlipSeries, string> = {
  'api-day': cssVar('text'),
  api: cssVar('text'),
  media: cssVar('accent'),
  authors: cssVar('muted'),
  models: cssVar('muted'),
};
export const DASH: Partial<Record<FlipSeries, string>> = { models: '5,3' };
export const SIDE_COLOR = { CN: cssVar('cn'), US: cssVar('us') } as const;
export const SIDE_LABEL = { CN: 'China', US: 'U.S.' } as const;

export interface FlipRow {
  series: FlipSeries;
  start: string | null;
  end: string;
  cn_share_pct: number | null;
  leader: 'CN' | 'US' | 'tie';
  estimate: SeriesPoint['estimate'];
  segment: string;
}

/** A week's midpoint (a day's noon) on the time axis. */
export const xOf = (r: { start: string | null; end: string }): Date =>
  r.start === r.end
    ? addDays(r.end, 0.5)
    : addDays(r.start ?? startOf({ start: null, end: r.end, leader: 'tie', estimate: null }), 3.5);

/** The named states a scrollytelling step can ask for (at most five). */
export const FLIP_STATES = ['all', 'peg', 'before', 'gaps', 'crossing'] as const;
export type FlipState = (typeof FLIP_STATES)[number];

export interface FlipModel {
  rows: FlipRow[];
  series: Record<FlipSeries, SeriesPoint[]>;
  /** Weeks with no figure whose leader the outlets' streak counts imply. */
  implied: FlipRow[];
  changes: Record<Exclude<FlipSeries, 'api'>, LeadChange[]>;
}

type SiteData = Parameters<ChartFactory>[0];

/** Each count's points: OpenRouter's days and weeks, the outlets', authors' and models' weeks. */
const seriesOf = (data: SiteData): Record<FlipSeries, SeriesPoint[]> => ({
  'api-day': daySeries(data),
  api: weekSeries(data, 'api'),
  media: weekSeries(data, 'media'),
  authors: weekSeries(data, 'authors'),
  models: weekSeries(data, 'models'),
});

/** One row per point, with its leader and its line segment (a gap of more than a day for the
 *  daily count, or more than nine days for a weekly one, breaks the line). */
function rowsOf(series: Record<FlipSeries, SeriesPoint[]>): FlipRow[] {
  return FLIP_SERIES.flatMap((name) => {
    const points = series[name];
    const segment = segments(
      points.map((p) => p.end),
      name === 'api-day' ? 1 : 9,
    );
    return points.map((p, i) => ({
      series: name,
      start: p.start,
      end: p.end,
      cn_share_pct: p.value,
      leader: leaderOfShare(p.value),
      estimate: p.estimate,
      segment: `${name}-${segment[i]}`,
    }));
  });
}

/** The weeks with no outlet figure whose leader the streak counts imply. */
function impliedOf(data: SiteData, media: readonly SeriesPoint[]): FlipRow[] {
  const mediaWeeks = new Set(media.map((p) => p.start));
  return data.derived.impliedLeads.weeks
    .filter((w) => !mediaWeeks.has(w.week_start))
    .map((w) => ({
      series: 'media',
      start: w.week_start,
      end: w.week_end,
      cn_share_pct: null,
      leader: w.leader,
      estimate: 'implied',
      segment: 'implied',
    }));
}

/** Each count's lead changes; the outlets' count reads its implied weeks too, in date order. */
function changesOf(rows: readonly FlipRow[], implied: readonly FlipRow[]): FlipModel['changes'] {
  const periods = (name: FlipSeries): LeadPeriod[] =>
    rows
      .filter((r) => r.series === name)
      .map((r) => ({ start: r.start, end: r.end, leader: r.leader, estimate: r.estimate }));
  const mediaPeriods = [...periods('media'), ...implied.map((r) => ({ ...r }))].sort((a, b) =>
    a.end.localeCompare(b.end),
  );
  return {
    'api-day': leadChanges(periods('api-day')),
    media: leadChanges(mediaPeriods),
    authors: leadChanges(periods('authors')),
    models: leadChanges(periods('models')),
  };
}

/** Everything the chart draws, derived once: rows, series, implied weeks and lead changes. */
export function flipModel(data: SiteData): FlipModel {
  const series = seriesOf(data);
  const rows = rowsOf(series);
  const implied = impliedOf(data, series.media);
  return { rows, series, implied, changes: changesOf(rows, implied) };
}

/** A run of consecutive implied weeks with the same leader (first week's start, last week's end). */
export interface ImpliedRun {
  leader: 'CN' | 'US';
  start: string;
  end: string;
  weeks: number;
}

/** Joins implied weeks (in date order) into runs: a week that starts the day after the run's
 *  last week ends, with the same leader, extends it; anything else starts a new run. */
export function impliedRuns(weeks: readonly FlipRow[]): ImpliedRun[] {
  const runs: ImpliedRun[] = [];
  for (const w of [...weeks].sort((a, b) => a.end.localeCompare(b.end))) {
    if (w.leader === 'tie' || !w.start) continue;
    const last = runs.at(-1);
    if (last && last.leader === w.leader && +addDays(last.end, 1) === +addDays(w.start, 0)) {
      last.end = w.end;
      last.weeks += 1;
    } else runs.push({ leader: w.leader, start: w.start, end: w.end, weeks: 1 });
  }
  return runs;
}

/** "21, 22 and 26 May 2026": days of one month, or full dates otherwise. */
export function daysText(isos: readonly string[]): string {
  const months = uniq(isos.map((d) => d.slice(0, 7)));
  if (months.length === 1 && isos.length > 1)
    return `${listText(isos.slice(0, -1).map((d) => String(Number(d.slice(8)))))} and ${formatDate(isos.at(-1)!)}`.replace(
      / and (\d+) and /,
      ', $1 and ',
    );
  return listText(isos.map((d) => formatDate(d)));
}

/** "April": the month of a date ("" when there is none). */
export const monthName = (iso: string | undefined): string =>
  iso ? (MONTHS[Number(iso.slice(5, 7)) - 1] ?? '') : '';

/** "Spring": the season (northern, by meteorological months) of a date. */
export const seasonName = (iso: string | undefined): string =>
  iso
    ? (['Winter', 'Spring', 'Summer', 'Autumn'][Math.floor((Number(iso.slice(5, 7)) % 12) / 3)] ??
      '')
    : '';

/** The model with the facts the copy and the notes name: the daily count's latest change and
 *  U.S.-led days, the outlets' peg week, and the weeks the streak counts imply the U.S. led. */
export interface FlipFacts extends FlipModel {
  days: SeriesPoint[];
  lastApiChange: LeadChange | undefined;
  usDays: string[];
  pegWeek: SeriesPoint | undefined;
  impliedUs: FlipRow[];
}

export function factsOf(model: FlipModel): FlipFacts {
  const days = model.series['api-day'];
  return {
    ...model,
    days,
    lastApiChange: model.changes['api-day'].at(-1),
    usDays: days.filter((d) => d.value < 50).map((d) => d.end),
    pegWeek: model.series.media.find((p) => p.start === PEG_WEEK_START),
    impliedUs: model.implied.filter((r) => r.leader === 'US'),
  };
}

/** A period's words ("23 February – 1 March 2026") with no value attached. */
export const periodOf = (r: { start: string | null; end: string }): string =>
  periodText({ start: r.start, end: r.end, value: 0, estimate: null });

/** The figures the words in src/story/article.aml name (the title and the description's first
 *  sentence are bound there to the claim that China has led every day since). */
export function figuresOf(facts: FlipFacts): Record<string, string> {
  const { rows, series, implied, days, lastApiChange, usDays, pegWeek, impliedUs } = facts;
  return {
    flipLedSince: lastApiChange ? formatDate(lastApiChange.after.end, 'short') : '',
    flipLastChangeDay: lastApiChange ? formatDate(lastApiChange.after.end) : '',
    flipLastChangeSide: lastApiChange ? SIDE_LABEL[lastApiChange.leader] : '',
    flipUsDays: usDays.length ? daysText(usDays) : '',
    flipLatestDay: days.length ? latestText(days) : '',
    // One sentence per count: its range and its latest point.
    flipCountRanges: (['api', 'media', 'authors', 'models'] as const)
      .filter((s) => series[s].length)
      .map((s) => `By ${FLIP_LONG[s]}: ${rangeText(series[s])}, latest ${latestText(series[s])}.`)
      .join(' '),
    flipImpliedUs: listText(impliedUs.map(periodOf)),
    flipPegWeek: pegWeek ? periodText(pegWeek) : '',
    // The period words of the state labels, from the dates they name.
    flipFirstMonth: monthName([...rows, ...implied].map((r) => r.start ?? r.end).sort()[0]),
    flipImpliedUsMonth: monthName(impliedUs[0]?.start ?? undefined),
    flipImpliedUsSeason: seasonName(impliedUs[0]?.start ?? undefined),
  };
}
