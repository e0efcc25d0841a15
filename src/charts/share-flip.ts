/**
 * The hero chart: China's share of the China + U.S. total over time, one line per count, with
 * the 50% line, so the reader sees who led when and where the lead changed hands. The most
 * complete count (OpenRouter's own data) is drawn strongest; the others lighter. Lead changes
 * are computed (lead-changes.ts) and marked on the 50% line; weeks known only from the outlets'
 * streak counts are drawn as one hollow band per run, on the side of the line that led. Values, latest
 * and ranges come from latest.ts, estimated points are hollow (theme.ts, estimatedFill).
 */
import * as Plot from '@observablehq/plot';
import { formatDate, formatPercent, MONTHS } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { PEG_WEEK_START } from '../lib/story-settings.ts';
import { API_SOURCE, apiCitation } from '../pipeline/derive/api.ts';
import { CAPTURE_SOURCE, col, listText, segments, uniq } from './common.ts';
import {
  leadChanges,
  leaderOfShare,
  startOf,
  type LeadChange,
  type LeadPeriod,
} from './lead-changes.ts';
import {
  daySeries,
  estimateWords,
  latestText,
  periodText,
  rangeText,
  weekSeries,
  type SeriesPoint,
} from './latest.ts';
import { ESTIMATE_CLASS, estimateDots } from './estimate.ts';
import {
  addDays,
  annotate,
  axisX,
  axisY,
  dayTick,
  endLabels,
  FONT_SIZE,
  frame,
  frameNote,
  gridY,
  isNarrow,
  LABEL_SIZE,
  monthTicks,
  shortMonthTick,
  textWidth,
  yRange,
  leadZones,
} from './theme.ts';
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
const FLIP_LONG: Record<FlipSeries, string> = {
  'api-day': "OpenRouter's own daily data",
  api: "OpenRouter's own data, by week",
  media: "the outlets' sums of the weekly leaderboard",
  authors: 'author shares from daily captures of the rankings page',
  models: 'the top nine models in daily captures of the rankings page',
};
const COLOR: Record<FlipSeries, string> = {
  'api-day': cssVar('text'),
  api: cssVar('text'),
  media: cssVar('accent'),
  authors: cssVar('muted'),
  models: cssVar('muted'),
};
const DASH: Partial<Record<FlipSeries, string>> = { models: '5,3' };
const SIDE_COLOR = { CN: cssVar('cn'), US: cssVar('us') } as const;
const SIDE_LABEL = { CN: 'China', US: 'U.S.' } as const;

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
const xOf = (r: { start: string | null; end: string }): Date =>
  r.start === r.end
    ? addDays(r.end, 0.5)
    : addDays(r.start ?? startOf({ start: null, end: r.end, leader: 'tie', estimate: null }), 3.5);

/** The named states a scrollytelling step can ask for (at most five). */
export const FLIP_STATES = ['all', 'peg', 'before', 'gaps', 'crossing'] as const;
type FlipState = (typeof FLIP_STATES)[number];

export interface FlipModel {
  rows: FlipRow[];
  series: Record<FlipSeries, SeriesPoint[]>;
  /** Weeks with no figure whose leader the outlets' streak counts imply. */
  implied: FlipRow[];
  changes: Record<Exclude<FlipSeries, 'api'>, LeadChange[]>;
}

/** Everything the chart draws, derived once: rows, series, implied weeks and lead changes. */
export function flipModel(data: Parameters<ChartFactory>[0]): FlipModel {
  const series: Record<FlipSeries, SeriesPoint[]> = {
    'api-day': daySeries(data),
    api: weekSeries(data, 'api'),
    media: weekSeries(data, 'media'),
    authors: weekSeries(data, 'authors'),
    models: weekSeries(data, 'models'),
  };
  const rows: FlipRow[] = FLIP_SERIES.flatMap((s) => {
    const pts = series[s];
    const seg = segments(
      pts.map((p) => p.end),
      s === 'api-day' ? 1 : 9,
    );
    return pts.map((p, i) => ({
      series: s,
      start: p.start,
      end: p.end,
      cn_share_pct: p.value,
      leader: leaderOfShare(p.value),
      estimate: p.estimate,
      segment: `${s}-${seg[i]}`,
    }));
  });
  const mediaWeeks = new Set(series.media.map((p) => p.start));
  const implied: FlipRow[] = data.derived.impliedLeads.weeks
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
  const periods = (s: FlipSeries): LeadPeriod[] =>
    rows
      .filter((r) => r.series === s)
      .map((r) => ({ start: r.start, end: r.end, leader: r.leader, estimate: r.estimate }));
  const mediaPeriods = [...periods('media'), ...implied.map((r) => ({ ...r }))].sort((a, b) =>
    a.end.localeCompare(b.end),
  );
  return {
    rows,
    series,
    implied,
    changes: {
      'api-day': leadChanges(periods('api-day')),
      media: leadChanges(mediaPeriods),
      authors: leadChanges(periods('authors')),
      models: leadChanges(periods('models')),
    },
  };
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

/** Ticks on week starts (Mondays, as the data's weeks) from `from` to `to`, every one, two or
 *  more weeks so that the widest day label ("22 February") has room at `plotWidth` px, and none
 *  so near the left edge that its label runs into the percent axis. Plot's own choice for a
 *  two-month view put weekly ticks 56 px apart under 75-px labels. */
export function weekTicks(from: Date, to: Date, plotWidth: number): Date[] {
  const day = 864e5;
  const first = new Date(Math.ceil(+from / day) * day);
  while (first.getUTCDay() !== 1) first.setUTCDate(first.getUTCDate() + 1);
  const mondays: Date[] = [];
  for (let t = +first; t <= +to; t += 7 * day) mondays.push(new Date(t));
  const widest = Math.max(0, ...mondays.map((d) => textWidth(dayTick(d), FONT_SIZE)));
  const pxPerDay = plotWidth / ((+to - +from) / day);
  const every = Math.max(1, Math.ceil((widest + 12) / (7 * pxPerDay)));
  // A label centred on a tick near the left edge would run under the percent axis's labels.
  const clear = mondays.filter((d) => ((+d - +from) / day) * pxPerDay >= widest / 2 - 4);
  return clear.filter((_d, i) => i % every === 0);
}

/** "21, 22 and 26 May 2026": days of one month, or full dates otherwise. */
function daysText(isos: readonly string[]): string {
  const months = uniq(isos.map((d) => d.slice(0, 7)));
  if (months.length === 1 && isos.length > 1)
    return `${listText(isos.slice(0, -1).map((d) => String(Number(d.slice(8)))))} and ${formatDate(isos.at(-1)!)}`.replace(
      / and (\d+) and /,
      ', $1 and ',
    );
  return listText(isos.map((d) => formatDate(d)));
}

/** "April": the month of a date ("" when there is none). */
const monthName = (iso: string | undefined): string =>
  iso ? (MONTHS[Number(iso.slice(5, 7)) - 1] ?? '') : '';

/** "Spring": the season (northern, by meteorological months) of a date. */
const seasonName = (iso: string | undefined): string =>
  iso
    ? (['Winter', 'Spring', 'Summer', 'Autumn'][Math.floor((Number(iso.slice(5, 7)) % 12) / 3)] ??
      '')
    : '';

export const shareFlipChart: ChartFactory = (data) => {
  const model = flipModel(data);
  const { rows, series, implied, changes } = model;
  const days = series['api-day'];
  const lastApiChange = changes['api-day'].at(-1);
  const usDays = days.filter((d) => d.value < 50).map((d) => d.end);
  const pegWeek = series.media.find((p) => p.start === PEG_WEEK_START);
  const impliedUs = implied.filter((r) => r.leader === 'US');

  // The words are in src/story/article.aml; these are the figures they name (the title and the
  // description's first sentence are bound there to the claim that China has led every day since).
  const figures: Record<string, string> = {
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
    flipImpliedUs: listText(
      impliedUs.map((r) => periodText({ start: r.start, end: r.end, value: 0, estimate: null })),
    ),
    flipPegWeek: pegWeek ? periodText(pegWeek) : '',
    // The period words of the state labels, from the dates they name.
    flipFirstMonth: monthName([...rows, ...implied].map((r) => r.start ?? r.end).sort()[0]),
    flipImpliedUsMonth: monthName(impliedUs[0]?.start ?? undefined),
    flipImpliedUsSeason: seasonName(impliedUs[0]?.start ?? undefined),
  };

  return {
    id: 'share-flip',
    title: '',
    subtitle: '',
    notes: [],
    figures,
    sourceIds: uniq([
      ...data.derived.weeks.media.flatMap((w) => w.source_ids),
      ...data.derived.impliedLeads.weeks.flatMap((w) => w.source_ids),
      CAPTURE_SOURCE,
      API_SOURCE,
    ]),
    citation: apiCitation(data.derived.api.as_of),
    datasets: [
      'weekly-tokens',
      'lead-streaks',
      'captures-market-share',
      'captures-models',
      'api-daily-tokens',
      'labs',
    ],
    rows: [...rows, ...implied],
    estimate: (r: FlipRow) => r.estimate,
    columns: [
      col<FlipRow, 'series'>('series', 'Count', (v) => FLIP_LABEL[v]),
      col<FlipRow, 'end'>('end', 'Period', (_v, r) =>
        periodText({ start: r.start, end: r.end, value: 0, estimate: null }),
      ),
      col<FlipRow, 'cn_share_pct'>('cn_share_pct', 'China’s share, %', (v) => formatPercent(v)),
      col<FlipRow, 'leader'>('leader', 'Ahead', (v) => (v === 'tie' ? 'Even' : SIDE_LABEL[v])),
      col<FlipRow, 'estimate'>('estimate', 'Estimated', (v) => v),
    ],
    description: '',
    // Labels in src/story/article.aml ([.states] of the share-flip scroller).
    states: FLIP_STATES.map((id) => ({ id, label: '' })),
    plot(width, state = 'all', size) {
      const st = (FLIP_STATES as readonly string[]).includes(state) ? (state as FlipState) : 'all';
      const narrow = isNarrow(width);
      const base = frame(width, {
        height: size?.height ?? (narrow ? 340 : 380),
        marginTop: 24,
        // Room for the longest end label (bold, so a little wider than the estimate).
        marginRight: Math.ceil(
          Math.max(...FLIP_SERIES.map((x) => textWidth(FLIP_LABEL[x], LABEL_SIZE))) * 1.1 + 12,
        ),
        marginLeft: 40,
        marginBottom: 30,
      });
      const marginX = Number(base.marginLeft) + Number(base.marginRight);
      const dated = [...rows, ...implied].map((r) => xOf(r).getTime());
      const allX0 = new Date(Math.min(...dated) - 4 * 864e5);
      const allX1 = new Date(Math.max(...dated) + 2 * 864e5);
      const peg = pegWeek ?? series.media.at(-1);
      const pegStart = peg?.start ?? PEG_WEEK_START;
      const crossFrom = days[0]?.start ?? pegStart;
      const domainX: Record<FlipState, [Date, Date]> = {
        all: [allX0, allX1],
        peg: [addDays(pegStart, -35), addDays(pegStart, 28)],
        before: [addDays(pegStart, -35), addDays(pegStart, 28)],
        gaps: [addDays(pegStart, 7), addDays(pegStart, 84)],
        crossing: [addDays(crossFrom, -3), addDays(crossFrom, 25)],
      };
      const [x0, x1] = domainX[st];
      const within = (r: { start: string | null; end: string }) => {
        const t = xOf(r).getTime();
        return t >= x0.getTime() && t <= x1.getTime();
      };
      const shown = rows.filter(within);
      const values = (shown.length ? shown : rows).map((r) => r.cn_share_pct!);
      const yDomain: [number, number] = [
        Math.min(40, Math.floor(Math.min(...values) / 10) * 10),
        Math.max(70, Math.ceil(Math.max(...values) / 10) * 10),
      ];
      const emphasis: Record<FlipState, FlipSeries[]> = {
        all: ['api', 'api-day'],
        peg: ['media'],
        before: ['media'],
        gaps: ['media', 'authors', 'models'],
        crossing: ['api-day'],
      };
      const strong = (s: FlipSeries) => emphasis[st].includes(s);
      const op = (s: FlipSeries) => (strong(s) ? 1 : st === 'all' ? 0.55 : 0.3);
      const tip = (r: FlipRow) =>
        `${FLIP_LABEL[r.series]}, ${periodText({ start: r.start, end: r.end, value: 0, estimate: null })}: ${r.cn_share_pct === null ? `${r.leader === 'US' ? 'U.S.' : 'China'} ahead, no figure` : `China ${formatPercent(r.cn_share_pct)}`}${estimateWords({ start: null, end: r.end, value: 0, estimate: r.estimate })}`;
      const tickEvery = (x1.getTime() - x0.getTime()) / 864e5 < 70;

      const marks: Plot.Markish[] = [
        ...leadZones(x0, x1, yDomain, 0.07),
        gridY({ ticks: 4 }),
        axisY({ ticks: 4, tickFormat: (v: number) => formatPercent(v, 0) }),
        tickEvery
          ? axisX({
              ticks: weekTicks(x0, x1, Number(base.width) - marginX),
              tickFormat: dayTick,
            })
          : axisX({ ticks: monthTicks(x0, x1, narrow ? 2 : 1), tickFormat: shortMonthTick }),
        Plot.ruleY([50], {
          stroke: cssVar('text'),
          strokeWidth: 1,
          strokeOpacity: 0.7,
          className: 'fifty-line',
        }),
        frameNote('▲ China ahead', 'top-left', {
          textAnchor: 'start',
          dx: 2,
          dy: 2,
          className: 'flip-label',
        }),
        frameNote('▼ U.S. ahead', 'bottom-left', {
          textAnchor: 'start',
          dx: 2,
          dy: -2,
          className: 'flip-label',
        }),
      ];

      // Lead changes: a bar on the 50% line over the days in which the lead changed hands, in
      // the colour of the side that took it.
      const changeRows = (Object.keys(changes) as (keyof typeof changes)[])
        .filter((s) => strong(s) || (st === 'all' && s === 'media'))
        .flatMap((s) => changes[s].map((c) => ({ s, c })))
        .filter((d) => within(d.c.before) && within(d.c.after));
      marks.push(
        Plot.ruleY(changeRows, {
          y: 50,
          x1: (d: { c: LeadChange }) => xOf(d.c.before),
          x2: (d: { c: LeadChange }) => xOf(d.c.after),
          stroke: (d: { c: LeadChange }) => SIDE_COLOR[d.c.leader],
          strokeWidth: 5,
          strokeLinecap: 'round',
          strokeOpacity: (d: { s: FlipSeries }) => (strong(d.s) ? 0.9 : 0.35),
          title: (d: { s: FlipSeries; c: LeadChange }) =>
            `${FLIP_LABEL[d.s]}: ${SIDE_LABEL[d.c.leader]} took the lead between ${periodText({ ...d.c.before, value: 0 })} and ${periodText({ ...d.c.after, value: 0 })}`,
          className: 'lead-change',
        }),
      );

      const order: FlipSeries[] = [...FLIP_SERIES].sort(
        (a, b) => Number(strong(a)) - Number(strong(b)),
      );
      for (const s of order) {
        const rs = rows.filter((r) => r.series === s && within(r));
        const daily = s === 'api-day';
        marks.push(
          Plot.line(rs, {
            x: xOf,
            y: 'cn_share_pct',
            z: 'segment',
            stroke: COLOR[s],
            strokeWidth: daily ? (st === 'crossing' ? 2 : 1) : strong(s) ? 2.75 : 1.75,
            strokeDasharray: DASH[s],
            strokeOpacity: daily && st !== 'crossing' ? 0.45 : op(s),
            className: `series-${s}`,
          }),
        );
        if (!daily || st === 'crossing')
          marks.push(
            ...estimateDots(rs, (r) => r.estimate, COLOR[s], {
              x: xOf,
              y: 'cn_share_pct',
              r: daily ? 2.5 : 3.5,
              strokeWidth: 1.75,
              opacity: op(s),
              title: tip,
              className: `series-${s}`,
            }),
          );
      }
      // Weeks with no figure whose leader the outlets' streak counts imply: one hollow band per
      // run of such weeks, just off the 50% line on the leader's side (hollow = estimate). A
      // mark per week made a busy row of triangles over the summer; the table lists each week.
      const runs = impliedRuns(implied.filter(within));
      for (const side of ['CN', 'US'] as const)
        marks.push(
          Plot.rect(
            runs.filter((r) => r.leader === side),
            {
              // Within the view: a run that starts before it is cut at its edge.
              x1: (r: ImpliedRun) => new Date(Math.max(+addDays(r.start, 0), +x0)),
              x2: (r: ImpliedRun) => new Date(Math.min(+addDays(r.end, 1), +x1)),
              y1: 50,
              y2: 50,
              // From 4 to 10 px off the line, on the side that led.
              insetTop: side === 'CN' ? -10 : 4,
              insetBottom: side === 'CN' ? 4 : -10,
              fill: cssVar('bg'),
              stroke: COLOR.media,
              strokeWidth: 1.5,
              opacity: op('media'),
              title: (r: ImpliedRun) =>
                `${FLIP_LABEL.media}: the streak counts imply ${SIDE_LABEL[r.leader]} ahead, ${periodText({ start: r.start, end: r.end, value: 0, estimate: null })} (${r.weeks} ${r.weeks === 1 ? 'week' : 'weeks'} with no figure)`,
              className: `implied ${ESTIMATE_CLASS}`,
            },
          ),
        );

      // Direct labels at the line ends within view (weekly series; the daily line is named in
      // the crossing state only).
      const labelled = FLIP_SERIES.filter((s) =>
        s === 'api-day' ? st === 'crossing' : s !== 'api' || st !== 'crossing',
      );
      const ends = labelled.flatMap((s) => {
        const rs = rows.filter((r) => r.series === s && within(r));
        const l = rs.at(-1);
        if (!l) return [];
        return [
          {
            x: x1,
            y: l.cn_share_pct!,
            text: s === 'api-day' ? FLIP_LABEL.api : FLIP_LABEL[s],
            fill: COLOR[s],
            fillOpacity: strong(s) ? 1 : 0.8,
          },
        ];
      });
      marks.push(
        endLabels(ends, { domain: yDomain, range: yRange(base) }, { className: 'flip-label' }),
      );

      // One annotation per state: what the step talks about.
      // Anchored away from the nearer edge, so a note never runs out of the frame.
      const mid = (x0.getTime() + x1.getTime()) / 2;
      const note = (text: string, at: Date, y: number, below = false) =>
        annotate([text], {
          x: at,
          y,
          dy: below ? LABEL_SIZE + 6 : -(LABEL_SIZE - 2),
          textAnchor: at.getTime() < mid ? 'start' : 'end',
          dx: at.getTime() < mid ? -4 : 4,
          fontWeight: '600',
          className: 'flip-label value-note',
        });
      // The latest change of the best count: a line under the frame's "China ahead" note,
      // ending at the right edge.
      if (st === 'all' && lastApiChange)
        marks.push(
          annotate(
            [
              `${SIDE_LABEL[lastApiChange.leader]} ahead since ${formatDate(lastApiChange.after.end, 'short')}`,
            ],
            {
              frameAnchor: 'top-right',
              textAnchor: 'end',
              dy: LABEL_SIZE * 2,
              fontWeight: '600',
              className: 'flip-label value-note',
            },
          ),
        );
      if ((st === 'peg' || st === 'before') && peg)
        marks.push(note(formatPercent(peg.value), xOf(peg), peg.value));
      // The week before the streak: the outlets' U.S.-led week in view (our back-calculation),
      // else a week their streak counts imply the U.S. led.
      if (st === 'before') {
        const usLed = series.media.find((p) => within(p) && p.value < 50);
        const us = impliedUs.filter(within)[0];
        if (usLed)
          marks.push(
            note(`U.S. ahead${usLed.estimate ? ' (estimate)' : ''}`, xOf(usLed), usLed.value),
          );
        else if (us) marks.push(note('U.S. ahead', xOf(us), 50, true));
      }
      if (st === 'gaps') {
        const us = impliedUs.filter(within)[0];
        if (us) marks.push(note('U.S. ahead', xOf(us), 50, true));
      }
      if (st === 'crossing' && usDays.length) {
        const inView = usDays.filter((d) => within({ start: d, end: d }));
        if (inView.length)
          marks.push(
            note(
              `U.S. ahead ${daysText(inView).replace(/ \d{4}$/, '')}`,
              xOf({ start: inView[0]!, end: inView[0]! }),
              Math.min(...days.filter((d) => inView.includes(d.end)).map((d) => d.value)),
              true,
            ),
          );
      }
      return {
        ...base,
        x: { type: 'utc', domain: [x0, x1] },
        y: { domain: yDomain },
        marks,
      };
    },
  };
};
