/** China's share of China + U.S. by counting method: the reader's method switch. */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { formatPercent, formatSmall, formatTokens, formatWeek } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { API_SOURCE, apiCitation } from '../pipeline/derive/api.ts';
import { METHODS, type Method, type WeekPoint } from '../pipeline/derive/weeks.ts';
import { CAPTURE_SOURCE, col, segments, uniq } from './common.ts';
import {
  ESTIMATE_CLASS,
  ESTIMATE_LABEL,
  ESTIMATE_STROKE_WIDTH,
  estimateDots,
  estimatedFill,
} from './estimate.ts';
import {
  estimateOf,
  estimateWords,
  roundShare,
  latestOf,
  latestText,
  periodText,
  periodWithEstimate,
  rangeOf,
  weekSeries,
} from './latest.ts';
import {
  addDays,
  annotate,
  axisX,
  axisY,
  endLabels,
  frame,
  frameNote,
  gridY,
  isNarrow,
  monthTick,
  monthTicks,
  shortMonthTick,
  yRange,
  leadZones,
} from './theme.ts';
import type { Derived } from '../pipeline/derive/index.ts';
import type { ChartFactory, SiteData } from './types.ts';

export interface ShareRow {
  method: Method;
  week_start: string | null;
  week_end: string;
  cn_tokens: number | null;
  us_tokens: number | null;
  cn_share_pct: number;
  status: WeekPoint['status'];
  /** Drawn hollow: the week is incomplete or back-calculated. */
  hollow: boolean;
  segment: string;
}

export const METHOD_LABEL: Record<Method, string> = {
  api: 'OpenRouter',
  media: 'Media sums',
  authors: 'Author shares',
  models: 'Top-9 models',
};
const METHOD_LONG: Record<Method, string> = {
  api: "OpenRouter's own daily data (top 50 models plus all others)",
  media: 'leaderboard sums reported by Chinese media',
  authors: 'top-9 authors in daily captures of the rankings page',
  models: 'top-9 models in daily captures of the rankings page',
};
export const METHOD_COLOR: Record<Method, string> = {
  api: cssVar('text'),
  media: cssVar('accent'),
  authors: cssVar('muted'),
  models: cssVar('muted'),
};
export const METHOD_DASH: Record<Method, string | undefined> = {
  api: undefined,
  media: undefined,
  authors: undefined,
  models: '5,3',
};

/** The readout under the method switch for a state: the latest point of that count, as the
 *  end label and the description give it (latest.ts). */
export function methodReadout(data: SiteData, state: string): string {
  if (!(METHODS as readonly string[]).includes(state))
    return `All ${formatSmall(METHODS.length)} counts, side by side.`;
  const p = latestOf(weekSeries(data, state as Method));
  const who = p.value > 50 ? 'China ahead' : p.value < 50 ? 'the U.S. ahead' : 'no leader';
  return `Latest week counted this way: China ${formatPercent(p.value)} of China + U.S. in ${periodText(p)}${estimateWords(p)}, ${who}.`;
}

const METHODS_DRAWN = ['api', 'media', 'authors', 'models'] as const;

/** Every count's weeks with a share, one row each; a gap of more than 9 days starts a new line
 *  segment, so that weeks with no figure stay visible as breaks. */
function shareRows(data: SiteData): ShareRow[] {
  return METHODS_DRAWN.flatMap((m) => {
    const pts = data.derived.weeks[m].filter((w) => w.cn_share !== null);
    const seg = segments(
      pts.map((p) => p.week_end),
      9,
    );
    return pts.map((w, i) => ({
      method: m,
      week_start: w.week_start,
      week_end: w.week_end,
      cn_tokens: w.cn,
      us_tokens: w.us,
      cn_share_pct: roundShare(w.cn_share!),
      status: w.status,
      hollow: estimateOf(m, w.status) !== null,
      segment: `${m}-${seg[i]}`,
    }));
  });
}

type ImpliedWeek = Derived['impliedLeads']['weeks'][number];

/** Media weeks with no figure that the outlets' own streak counts imply the U.S. led: drawn as a
 *  hollow marker under "even", never as a share (no figure was published). */
function impliedUsWeeks(data: SiteData, rows: readonly ShareRow[]): ImpliedWeek[] {
  return data.derived.impliedLeads.weeks.filter(
    (w) =>
      w.leader === 'US' &&
      w.basis === 'before-streak' &&
      !rows.some((r) => r.method === 'media' && r.week_start === w.week_start),
  );
}

const rowEstimate = (r: ShareRow) => estimateOf(r.method, r.status);
/** A row's kind of estimate in brackets for its tooltip, or nothing for a counted week. */
const estimateTip = (r: ShareRow) => {
  const e = rowEstimate(r);
  return e ? ` (${ESTIMATE_LABEL[e]})` : '';
};

/** The figures the words in src/story/article.aml name. Latest, range and lowest come from the
 *  one definition (latest.ts): the title, the readouts (methodAnswer), the end labels and the
 *  description cannot disagree. The title is bound there to the claim that every count has
 *  China ahead in its latest week. */
function methodFigures(data: SiteData): Record<string, string> {
  return {
    methodCount: formatSmall(METHODS_DRAWN.length),
    // One sentence pair per count: its range, its latest week and the weeks China was ahead.
    methodRanges: METHODS_DRAWN.map((m) => {
      const rs = weekSeries(data, m);
      const ahead = rs.filter((r) => r.value > 50).length;
      const { min, max } = rangeOf(rs);
      return `By ${METHOD_LONG[m]}, China's share of the China–U.S. total ranged from ${formatPercent(min.value)} (${periodWithEstimate(min)}) to ${formatPercent(max.value)} (${periodWithEstimate(max)}); latest ${latestText(rs)}. China was ahead in ${ahead === rs.length ? `all ${formatSmall(ahead)}` : `${formatSmall(ahead)} of ${formatSmall(rs.length)}`} weeks.`;
    }).join(' '),
  };
}

/** The data table's columns, each cell in words. */
const COLUMNS = [
  col<ShareRow, 'method'>('method', 'method', (v) => METHOD_LABEL[v]),
  col<ShareRow, 'week_end'>('week_end', 'week_end', (v, r) => formatWeek(r.week_start, v)),
  col<ShareRow, 'cn_tokens'>('cn_tokens', 'cn_tokens', (v) => formatTokens(v)),
  col<ShareRow, 'us_tokens'>('us_tokens', 'us_tokens', (v) => formatTokens(v)),
  col<ShareRow, 'cn_share_pct'>('cn_share_pct', 'cn_share_pct', (v) => formatPercent(v)),
  col<ShareRow, 'status'>('status', 'status'),
];

/** Where a week is drawn: mid-week, or three days before the end of a week with no start. */
const weekX = (r: ShareRow): Date =>
  r.week_start ? addDays(r.week_start, 3.5) : addDays(r.week_end, -3);

/** The drawing's frame at a width and its scales' domains: shares rounded out to tens (at least
 *  30%–80%), dates padded by four days each side. */
interface Layout {
  narrow: boolean;
  base: PlotOptions;
  yDomain: [number, number];
  x0: Date;
  x1: Date;
}

function layoutOf(rows: readonly ShareRow[], width: number): Layout {
  const narrow = isNarrow(width);
  const base = frame(width, {
    height: narrow ? 300 : 340,
    marginRight: narrow ? 88 : 100,
    marginLeft: 40,
    marginTop: 20,
  });
  const lo = Math.min(...rows.map((r) => r.cn_share_pct));
  const hi = Math.max(...rows.map((r) => r.cn_share_pct));
  const dates = rows.map((r) => weekX(r).getTime());
  return {
    narrow,
    base,
    yDomain: [Math.min(30, Math.floor(lo / 10) * 10), Math.max(80, Math.ceil(hi / 10) * 10)],
    x0: new Date(Math.min(...dates) - 4 * 864e5),
    x1: new Date(Math.max(...dates) + 4 * 864e5),
  };
}

/** How a count is drawn in a state: full where it is shown or all are, faded otherwise. */
const opacityIn = (state: string, m: Method): number => (state === 'all' || state === m ? 1 : 0.2);
const classIn = (state: string, m: Method): string =>
  `method-${m}${state === m ? ' is-emphasis' : state !== 'all' ? ' is-faded' : ''}`;

/** The ground under the lines: lead tints, grid, axes, the 50% rule and its words. */
function frameMarks(layout: Layout): Plot.Markish[] {
  const { x0, x1, yDomain, narrow } = layout;
  return [
    // Which side of even a week falls on, at a glance: a faint tint of the leader's colour.
    ...leadZones(x0, x1, yDomain, 0.06),
    gridY({ ticks: 5 }),
    axisY({ ticks: 5, tickFormat: (v: number) => formatPercent(v, 0) }),
    axisX({
      ticks: monthTicks(x0, x1, narrow ? 2 : 1),
      tickFormat: narrow ? shortMonthTick : monthTick,
    }),
    Plot.ruleY([50], { stroke: cssVar('rule'), strokeDasharray: '2,3' }),
    annotate(['even'], {
      x: x0,
      y: 50,
      textAnchor: 'start',
      dy: -7,
      dx: 2,
      fill: cssVar('muted'),
    }),
    frameNote('▲ China ahead', 'top-left', { textAnchor: 'start', dx: 2, dy: 2 }),
    frameNote('▼ U.S. ahead', 'bottom-left', { textAnchor: 'start', dx: 2, dy: -2 }),
  ];
}

/** A point's tooltip: count, week, China's share and the kind of estimate where it is one. */
const tip = (r: ShareRow) =>
  `${METHOD_LABEL[r.method]}, ${formatWeek(r.week_start, r.week_end)}: China ${formatPercent(r.cn_share_pct)}${estimateTip(r)}`;

/** One count's line (broken at gaps) and its dots, hollow where a week is an estimate. */
function methodMarks(rows: readonly ShareRow[], m: Method, state: string): Plot.Markish[] {
  const rs = rows.filter((r) => r.method === m);
  return [
    Plot.line(rs, {
      x: weekX,
      y: 'cn_share_pct',
      z: 'segment',
      stroke: METHOD_COLOR[m],
      strokeWidth: state === m ? 3 : 2,
      strokeDasharray: METHOD_DASH[m],
      strokeOpacity: opacityIn(state, m),
      className: classIn(state, m),
    }),
    ...estimateDots(rs, rowEstimate, METHOD_COLOR[m], {
      x: weekX,
      y: 'cn_share_pct',
      r: 3.5,
      strokeWidth: 1.75,
      strokeOpacity: opacityIn(state, m),
      opacity: opacityIn(state, m),
      title: tip,
      className: classIn(state, m),
    }),
  ];
}

/** The media weeks the streak counts imply the U.S. led: hollow triangles under "even". */
function impliedMarks(impliedUs: readonly ImpliedWeek[], state: string): Plot.Dot {
  return Plot.dot(impliedUs, {
    x: (w: ImpliedWeek) => addDays(w.week_start, 3.5),
    y: 46,
    symbol: 'triangle',
    rotate: 180,
    r: 4.5,
    fill: estimatedFill(true, METHOD_COLOR.media),
    stroke: METHOD_COLOR.media,
    strokeWidth: ESTIMATE_STROKE_WIDTH,
    strokeOpacity: opacityIn(state, 'media'),
    title: (w: ImpliedWeek) =>
      `Media sums, ${formatWeek(w.week_start, w.week_end)}: no figure; the U.S. ahead (${ESTIMATE_LABEL.implied} by the outlets' streak counts)`,
    className: `${classIn(state, 'media')} ${ESTIMATE_CLASS}`,
  });
}

/** Each count's latest row (its line end). */
const latestRow = (rows: readonly ShareRow[], m: Method): ShareRow =>
  rows.filter((r) => r.method === m).at(-1)!;

/** The counts' names at their line ends, kept apart vertically. */
function nameMarks(rows: readonly ShareRow[], layout: Layout, state: string): Plot.Text {
  return endLabels(
    METHODS_DRAWN.map((m) => {
      const l = latestRow(rows, m);
      return {
        x: weekX(l),
        y: l.cn_share_pct,
        text: METHOD_LABEL[m],
        fill: METHOD_COLOR[m],
        fillOpacity: opacityIn(state, m),
      };
    }),
    { domain: layout.yDomain, range: yRange(layout.base) },
  );
}

/** In a one-count state, that count's latest share above (or under) its last point. */
function latestValueNote(rows: readonly ShareRow[], m: Method): Plot.Text {
  const l = latestRow(rows, m);
  return annotate([formatPercent(l.cn_share_pct)], {
    x: weekX(l),
    y: l.cn_share_pct,
    dy: l.cn_share_pct >= 50 ? -12 : 14,
    textAnchor: 'middle',
    fontWeight: '600',
    className: 'value-note is-emphasis',
  });
}

/** The order the counts are drawn in: the emphasised one last, on top. */
const drawOrder = (state: string): readonly Method[] =>
  state === 'all'
    ? (['models', 'authors', 'media', 'api'] as const)
    : [...METHODS_DRAWN].sort((a, b) => (a === state ? 1 : 0) - (b === state ? 1 : 0));

export const shareByMethodChart: ChartFactory = (data) => {
  const rows = shareRows(data);
  const impliedUs = impliedUsWeeks(data, rows);
  return {
    id: 'share-by-method',
    title: '',
    subtitle: '',
    notes: [],
    figures: methodFigures(data),
    sourceIds: uniq([
      ...data.derived.weeks.media.flatMap((w) => w.source_ids),
      CAPTURE_SOURCE,
      API_SOURCE,
    ]),
    citation: apiCitation(data.derived.api.as_of),
    datasets: [
      'weekly-tokens',
      'captures-market-share',
      'captures-models',
      'api-daily-tokens',
      'labs',
    ],
    rows,
    estimate: rowEstimate,
    columns: COLUMNS,
    description: '',
    // Labels in src/story/article.aml ([.states] of the share-by-method graphic).
    states: [
      { id: 'all', label: '' },
      { id: 'api', label: '' },
      { id: 'media', label: '' },
      { id: 'authors', label: '' },
      { id: 'models', label: '' },
    ],
    plot(width, state = 'all') {
      const layout = layoutOf(rows, width);
      const marks: Plot.Markish[] = [
        ...frameMarks(layout),
        ...drawOrder(state).flatMap((m) => methodMarks(rows, m, state)),
        impliedMarks(impliedUs, state),
        nameMarks(rows, layout, state),
        ...(state !== 'all' ? [latestValueNote(rows, state as Method)] : []),
      ];
      const { base, x0, x1, yDomain } = layout;
      return { ...base, x: { type: 'utc', domain: [x0, x1] }, y: { domain: yDomain }, marks };
    },
  };
};
