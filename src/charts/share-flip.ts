/**
 * The hero chart: China's share of the China + U.S. total over time, one line per count, with
 * the 50% line, so the reader sees who led when and where the lead changed hands. The most
 * complete count (OpenRouter's own data) is drawn strongest; the others lighter. Lead changes
 * are computed (lead-changes.ts) and marked on the 50% line; weeks known only from the outlets'
 * streak counts are drawn as one hollow band per run, on the side of the line that led. Values, latest
 * and ranges come from latest.ts, estimated points are hollow (theme.ts, estimatedFill).
 * What it draws is derived in share-flip-model.ts; the week ticks and the phone's key (the
 * counts named above the plot, so the plot takes the width) are in share-flip-parts.ts.
 */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { formatDate, formatPercent } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { PEG_WEEK_START } from '../lib/story-settings.ts';
import { API_SOURCE, apiCitation } from '../pipeline/derive/api.ts';
import { CAPTURE_SOURCE, col, uniq } from './common.ts';
import type { LeadChange } from './lead-changes.ts';
import { estimateWords, periodText, type SeriesPoint } from '../data/latest.ts';
import { ESTIMATE_CLASS, estimateDots } from './estimate.ts';
import {
  COLOR,
  DASH,
  daysText,
  FLIP_LABEL,
  FLIP_SERIES,
  FLIP_STATES,
  factsOf,
  figuresOf,
  flipModel,
  periodOf,
  impliedRuns,
  SIDE_COLOR,
  SIDE_LABEL,
  xOf,
  type FlipFacts,
  type FlipRow,
  type FlipSeries,
  type FlipState,
  type ImpliedRun,
} from './share-flip-model.ts';
import {
  KEY_ROW,
  keyLayout,
  keyMark,
  weekTicks,
  type KeyItem,
  type NamedCount,
} from './share-flip-parts.ts';
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

/** The data table's columns: count, period, share, who was ahead, and the kind of estimate. */
const COLUMNS = [
  col<FlipRow, 'series'>('series', 'Count', (v) => FLIP_LABEL[v]),
  col<FlipRow, 'end'>('end', 'Period', (_v, r) => periodOf(r)),
  col<FlipRow, 'cn_share_pct'>('cn_share_pct', 'China’s share, %', (v) => formatPercent(v)),
  col<FlipRow, 'leader'>('leader', 'Ahead', (v) => (v === 'tie' ? 'Even' : SIDE_LABEL[v])),
  col<FlipRow, 'estimate'>('estimate', 'Estimated', (v) => v),
];

export const shareFlipChart: ChartFactory = (data) => {
  const facts = factsOf(flipModel(data));
  return {
    id: 'share-flip',
    // The words are in src/story/article.aml.
    title: '',
    subtitle: '',
    notes: [],
    figures: figuresOf(facts),
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
    rows: [...facts.rows, ...facts.implied],
    estimate: (r: FlipRow) => r.estimate,
    columns: COLUMNS,
    description: '',
    // Labels in src/story/article.aml ([.states] of the share-flip scroller).
    states: FLIP_STATES.map((id) => ({ id, label: '' })),
    plot(width, state = 'all', size) {
      const view = viewOf(facts, width, state, size?.height);
      return {
        ...view.base,
        x: { type: 'utc', domain: [view.x0, view.x1] },
        y: { domain: view.yDomain },
        marks: [
          ...frameMarks(view),
          changeMarks(facts, view),
          ...seriesMarks(facts.rows, view),
          ...impliedMarks(facts.implied, view),
          labelMarks(view),
          ...stateNotes(facts, view),
        ],
      };
    },
  };
};

/** What one state shows: the frame, the days and shares in view, and the counts it stresses. */
interface FlipView {
  state: FlipState;
  narrow: boolean;
  base: PlotOptions;
  x0: Date;
  x1: Date;
  yDomain: [number, number];
  /** Whether a point (or period) falls within the view's days. */
  within: (r: { start: string | null; end: string }) => boolean;
  /** Whether a count is the one this state talks about (drawn strongest). */
  strong: (s: FlipSeries) => boolean;
  /** A count's opacity: full when stressed, lighter in the overview, faint in a step. */
  op: (s: FlipSeries) => number;
  /** The outlets' peg week (else their latest), which the spring steps centre on. */
  peg: SeriesPoint | undefined;
  /** The counts named in this view, each with its last point in view. */
  named: NamedCount[];
  /** Phones: the key above the plot that names them (empty on wider drawings, which label
   *  the line ends). */
  key: KeyItem[];
}

/** The counts each state draws strongest. */
const EMPHASIS: Record<FlipState, FlipSeries[]> = {
  all: ['api', 'api-day'],
  peg: ['media'],
  before: ['media'],
  gaps: ['media', 'authors', 'models'],
  crossing: ['api-day'],
};

/** Width, height and margins: on a phone, room above the plot for the key's rows; wider,
 *  room on the right for the longest end label (bold, so a little wider than the estimate). */
const frameOf = (width: number, height: number | undefined, keyRows: number): PlotOptions =>
  frame(width, {
    height: height ?? (isNarrow(width) ? 340 : 380),
    marginTop: 24 + keyRows * KEY_ROW,
    marginRight: isNarrow(width)
      ? 12
      : Math.ceil(
          Math.max(...FLIP_SERIES.map((x) => textWidth(FLIP_LABEL[x], LABEL_SIZE))) * 1.1 + 12,
        ),
    marginLeft: 40,
    marginBottom: 30,
  });

/** The counts named in a view: each weekly count with a point in view (the daily line is
 *  named, as "OpenRouter", in the crossing state only, where it stands in for the weekly line). */
function namedCounts(
  rows: readonly FlipRow[],
  state: FlipState,
  within: FlipView['within'],
): NamedCount[] {
  const labelled = FLIP_SERIES.filter((s) =>
    s === 'api-day' ? state === 'crossing' : s !== 'api' || state !== 'crossing',
  );
  return labelled.flatMap((s) => {
    const last = rows.filter((r) => r.series === s && within(r)).at(-1);
    const text = s === 'api-day' ? FLIP_LABEL.api : FLIP_LABEL[s];
    return last ? [{ series: s, text, last }] : [];
  });
}

/** The days each state shows: everything, the spring weeks around the peg, the weeks after
 *  it, and the first four weeks of OpenRouter's daily data. */
function domainsX(facts: FlipFacts, peg: SeriesPoint | undefined): Record<FlipState, [Date, Date]> {
  const dated = [...facts.rows, ...facts.implied].map((r) => xOf(r).getTime());
  const pegStart = peg?.start ?? PEG_WEEK_START;
  const crossFrom = facts.days[0]?.start ?? pegStart;
  return {
    all: [new Date(Math.min(...dated) - 4 * 864e5), new Date(Math.max(...dated) + 2 * 864e5)],
    peg: [addDays(pegStart, -35), addDays(pegStart, 28)],
    before: [addDays(pegStart, -35), addDays(pegStart, 28)],
    gaps: [addDays(pegStart, 7), addDays(pegStart, 84)],
    crossing: [addDays(crossFrom, -3), addDays(crossFrom, 25)],
  };
}

/** The state's view (an unknown state shows everything). */
function viewOf(facts: FlipFacts, width: number, state: string, height?: number): FlipView {
  const st = (FLIP_STATES as readonly string[]).includes(state) ? (state as FlipState) : 'all';
  const peg = facts.pegWeek ?? facts.series.media.at(-1);
  const [x0, x1] = domainsX(facts, peg)[st];
  const within = (r: { start: string | null; end: string }) => {
    const t = xOf(r).getTime();
    return t >= x0.getTime() && t <= x1.getTime();
  };
  const shown = facts.rows.filter(within);
  const values = (shown.length ? shown : facts.rows).map((r) => r.cn_share_pct!);
  const strong = (s: FlipSeries) => EMPHASIS[st].includes(s);
  const named = namedCounts(facts.rows, st, within);
  const key = isNarrow(width) ? keyLayout(named, width, strong) : [];
  return {
    state: st,
    narrow: isNarrow(width),
    base: frameOf(width, height, key.length ? key.at(-1)!.row + 1 : 0),
    x0,
    x1,
    yDomain: [
      Math.min(40, Math.floor(Math.min(...values) / 10) * 10),
      Math.max(70, Math.ceil(Math.max(...values) / 10) * 10),
    ],
    within,
    strong,
    op: (s) => (strong(s) ? 1 : st === 'all' ? 0.55 : 0.3),
    peg,
    named,
    key,
  };
}

/** The frame: lead tints, grid, axes (week ticks in a view under ten weeks, else months), the
 *  50% line, and the "China ahead" / "U.S. ahead" notes at its corners. */
function frameMarks(view: FlipView): Plot.Markish[] {
  const { x0, x1, yDomain, base } = view;
  const plotWidth = Number(base.width) - Number(base.marginLeft) - Number(base.marginRight);
  const weekly = (x1.getTime() - x0.getTime()) / 864e5 < 70;
  const tickFormat = weekly ? dayTick : shortMonthTick;
  // Month ticks every other month where a month has less room than its widest label needs.
  const pxPerMonth = (plotWidth * 30.44 * 864e5) / (+x1 - +x0);
  const ticks = weekly ? weekTicks(x0, x1, plotWidth) : monthTicks(x0, x1, pxPerMonth < 48 ? 2 : 1);
  // A label centred on a tick near the right edge must not run out of the drawing (on a
  // phone the plot reaches nearly to it).
  const room = plotWidth + Number(base.marginRight);
  const fits = (t: Date) =>
    ((+t - +x0) / (+x1 - +x0)) * plotWidth + textWidth(tickFormat(t), FONT_SIZE) / 2 <= room;
  return [
    ...leadZones(x0, x1, yDomain, 0.07),
    gridY({ ticks: 4 }),
    axisY({ ticks: 4, tickFormat: (v: number) => formatPercent(v, 0) }),
    axisX({ ticks: ticks.filter(fits), tickFormat }),
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
}

/** Lead changes: a bar on the 50% line over the days in which the lead changed hands, in the
 *  colour of the side that took it (the stressed counts', and the outlets' in the overview). */
function changeMarks(facts: FlipFacts, view: FlipView): Plot.Markish {
  const { changes } = facts;
  const { strong, state, within } = view;
  const changeRows = (Object.keys(changes) as (keyof typeof changes)[])
    .filter((s) => strong(s) || (state === 'all' && s === 'media'))
    .flatMap((s) => changes[s].map((c) => ({ s, c })))
    .filter((d) => within(d.c.before) && within(d.c.after));
  return Plot.ruleY(changeRows, {
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
  });
}

/** A point's tooltip: count, period, China's share (or who the streaks say led) and estimate. */
const pointTip = (r: FlipRow): string =>
  `${FLIP_LABEL[r.series]}, ${periodOf(r)}: ${r.cn_share_pct === null ? `${r.leader === 'US' ? 'U.S.' : 'China'} ahead, no figure` : `China ${formatPercent(r.cn_share_pct)}`}${estimateWords({ start: null, end: r.end, value: 0, estimate: r.estimate })}`;

/** One line per count (the stressed ones drawn last, on top), with a dot per point (hollow
 *  for an estimate); the daily line is thin and has dots only when the view is its month. */
function seriesMarks(rows: readonly FlipRow[], view: FlipView): Plot.Markish[] {
  const { state, strong, op, within } = view;
  const order = [...FLIP_SERIES].sort((a, b) => Number(strong(a)) - Number(strong(b)));
  return order.flatMap((s) => {
    const rs = rows.filter((r) => r.series === s && within(r));
    const daily = s === 'api-day';
    const line = Plot.line(rs, {
      x: xOf,
      y: 'cn_share_pct',
      z: 'segment',
      stroke: COLOR[s],
      strokeWidth: daily ? (state === 'crossing' ? 2 : 1) : strong(s) ? 2.75 : 1.75,
      strokeDasharray: DASH[s],
      strokeOpacity: daily && state !== 'crossing' ? 0.45 : op(s),
      className: `series-${s}`,
    });
    if (daily && state !== 'crossing') return [line];
    return [
      line,
      ...estimateDots(rs, (r) => r.estimate, COLOR[s], {
        x: xOf,
        y: 'cn_share_pct',
        r: daily ? 2.5 : 3.5,
        strokeWidth: 1.75,
        opacity: op(s),
        title: pointTip,
        className: `series-${s}`,
      }),
    ];
  });
}

/** Weeks with no figure whose leader the outlets' streak counts imply: one hollow band per run
 *  of such weeks, 4 to 10 px off the 50% line on the leader's side (hollow = estimate), cut at
 *  the view's edges. A mark per week made a busy row of triangles over the summer; the table
 *  lists each week. */
function impliedMarks(implied: readonly FlipRow[], view: FlipView): Plot.Markish[] {
  const { x0, x1, op } = view;
  const runs = impliedRuns(implied.filter(view.within));
  return (['CN', 'US'] as const).map((side) =>
    Plot.rect(
      runs.filter((r) => r.leader === side),
      {
        x1: (r: ImpliedRun) => new Date(Math.max(+addDays(r.start, 0), +x0)),
        x2: (r: ImpliedRun) => new Date(Math.min(+addDays(r.end, 1), +x1)),
        y1: 50,
        y2: 50,
        insetTop: side === 'CN' ? -10 : 4,
        insetBottom: side === 'CN' ? 4 : -10,
        fill: cssVar('bg'),
        stroke: COLOR.media,
        strokeWidth: 1.5,
        opacity: op('media'),
        title: (r: ImpliedRun) =>
          `${FLIP_LABEL.media}: the streak counts imply ${SIDE_LABEL[r.leader]} ahead, ${periodOf(r)} (${r.weeks} ${r.weeks === 1 ? 'week' : 'weeks'} with no figure)`,
        className: `implied ${ESTIMATE_CLASS}`,
      },
    ),
  );
}

/** Wider drawings: direct labels at the line ends within view, in the right margin. Phones:
 *  the key above the plot, so that the plot takes the width the labels took. */
function labelMarks(view: FlipView): Plot.Markish {
  const { strong, x1, yDomain, base } = view;
  if (view.key.length) return keyMark(view.key);
  const ends = view.named.map(({ series, text, last }) => ({
    x: x1,
    y: last.cn_share_pct!,
    text,
    fill: COLOR[series],
    fillOpacity: strong(series) ? 1 : 0.8,
  }));
  return endLabels(ends, { domain: yDomain, range: yRange(base) }, { className: 'flip-label' });
}

/** A bold note at a point, anchored away from the nearer edge so it never runs out of the
 *  frame; above the point, or below it. */
function pointNote(view: FlipView, text: string, at: Date, y: number, below = false): Plot.Markish {
  const left = at.getTime() < (view.x0.getTime() + view.x1.getTime()) / 2;
  return annotate([text], {
    x: at,
    y,
    dy: below ? LABEL_SIZE + 6 : -(LABEL_SIZE - 2),
    textAnchor: left ? 'start' : 'end',
    dx: left ? -4 : 4,
    fontWeight: '600',
    className: 'flip-label value-note',
  });
}

/** The overview's note: the best count's latest change. Wide, under the frame's "China ahead"
 *  note at the right edge; on a phone, where the lines run to that edge, under it at the left. */
const ledSinceNote = (change: LeadChange, narrow: boolean): Plot.Markish =>
  annotate([`${SIDE_LABEL[change.leader]} ahead since ${formatDate(change.after.end, 'short')}`], {
    frameAnchor: narrow ? 'top-left' : 'top-right',
    textAnchor: narrow ? 'start' : 'end',
    dx: narrow ? 2 : 0,
    dy: narrow ? LABEL_SIZE + 6 : LABEL_SIZE * 2,
    fontWeight: '600',
    className: 'flip-label value-note',
  });

/** The U.S.-led days of OpenRouter's daily data in view, noted under the lowest of them. */
function usDaysNote(facts: FlipFacts, view: FlipView): Plot.Markish[] {
  const inView = facts.usDays.filter((d) => view.within({ start: d, end: d }));
  if (!inView.length) return [];
  const lowest = Math.min(...facts.days.filter((d) => inView.includes(d.end)).map((d) => d.value));
  return [
    pointNote(
      view,
      `U.S. ahead ${daysText(inView).replace(/ \d{4}$/, '')}`,
      xOf({ start: inView[0]!, end: inView[0]! }),
      lowest,
      true,
    ),
  ];
}

/** One annotation per state: what the step talks about. */
function stateNotes(facts: FlipFacts, view: FlipView): Plot.Markish[] {
  const { state, peg, within } = view;
  const notes: Plot.Markish[] = [];
  if (state === 'all' && facts.lastApiChange)
    notes.push(ledSinceNote(facts.lastApiChange, view.narrow));
  if ((state === 'peg' || state === 'before') && peg)
    notes.push(pointNote(view, formatPercent(peg.value), xOf(peg), peg.value));
  const usImplied = facts.impliedUs.filter(within)[0];
  // The week before the streak: the outlets' U.S.-led week in view (our back-calculation),
  // else a week their streak counts imply the U.S. led.
  if (state === 'before') {
    const usLed = facts.series.media.find((p) => within(p) && p.value < 50);
    if (usLed)
      notes.push(
        pointNote(
          view,
          `U.S. ahead${usLed.estimate ? ' (estimate)' : ''}`,
          xOf(usLed),
          usLed.value,
        ),
      );
    else if (usImplied) notes.push(pointNote(view, 'U.S. ahead', xOf(usImplied), 50, true));
  }
  if (state === 'gaps' && usImplied)
    notes.push(pointNote(view, 'U.S. ahead', xOf(usImplied), 50, true));
  if (state === 'crossing') notes.push(...usDaysNote(facts, view));
  return notes;
}
