/** Tool-call share by origin over the daily captures. */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { formatDate, formatPercent, formatSmall } from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';
import { CAPTURE_SOURCE, col, daysBetween, round1, segments, setAsideNote } from './common.ts';
import { percentAxisY, timeScales } from './plot-parts.ts';
import {
  addDays,
  axisX,
  day,
  endLabels,
  frame,
  gridY,
  isNarrow,
  LABEL_SIZE,
  monthTick,
  monthTicks,
  ruleY,
  textWidth,
  yRange,
} from './theme.ts';
import type { ChartColumn, ChartFactory, SiteData } from './types.ts';

export interface ToolCallRow {
  snapshot_date: string;
  fetched_at_utc: string;
  cn_pct: number;
  us_pct: number;
  /** Other-origin listed models plus everything outside the top nine. */
  other_unlisted_pct: number;
  /** Median of each share over the captures within three days either side (smooths resets). */
  cn_median_pct: number;
  us_median_pct: number;
  other_unlisted_median_pct: number;
  segment: number;
}

/** Half-width (days) of the rolling-median window. */
export const MEDIAN_HALF_WINDOW_DAYS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const SERIES = [
  { key: 'cn_pct', median: 'cn_median_pct', label: 'China', fill: originColor('CN') },
  { key: 'us_pct', median: 'us_median_pct', label: 'U.S.', fill: originColor('US') },
  {
    key: 'other_unlisted_pct',
    median: 'other_unlisted_median_pct',
    label: 'Other and unlisted',
    fill: cssVar('muted'),
  },
] as const;

type Capture = SiteData['derived']['toolCalls'][number];
type Series = (typeof SERIES)[number];

/** The rows drawn: each capture's three shares and their rolling medians, with a new segment
 *  after a gap of more than two and a half days (lines break where captures are missing). */
function rowsOf(captures: readonly Capture[]): ToolCallRow[] {
  const segment = segments(
    captures.map((t) => t.fetched_at_utc),
    2.5,
  );
  const withRest = captures.map((t) => ({ ...t, rest: round1(t.other_pct + t.unlisted_pct) }));
  return withRest.map((t, i) => {
    const near = withRest.filter(
      (u) => Math.abs(daysBetween(t.snapshot_date, u.snapshot_date)) <= MEDIAN_HALF_WINDOW_DAYS,
    );
    return {
      snapshot_date: t.snapshot_date,
      fetched_at_utc: t.fetched_at_utc,
      cn_pct: t.cn_pct,
      us_pct: t.us_pct,
      other_unlisted_pct: t.rest,
      cn_median_pct: round1(median(near.map((u) => u.cn_pct))),
      us_median_pct: round1(median(near.map((u) => u.us_pct))),
      other_unlisted_median_pct: round1(median(near.map((u) => u.rest))),
      segment: segment[i]!,
    };
  });
}

/** How many captures each side led (a tie counts for neither). */
const aheadCounts = (rows: readonly ToolCallRow[]) => ({
  cnAhead: rows.filter((r) => r.cn_pct > r.us_pct).length,
  usAhead: rows.filter((r) => r.us_pct > r.cn_pct).length,
});

/** The figures the words in src/story/article.aml ([methodologyCharts]) name. The title's
 *  "neither side held" is bound there to tool-calls-did-not-lean (the same LEAN_RATIO rule). */
function figuresOf(rows: readonly ToolCallRow[], data: SiteData): Record<string, string> {
  const { cnAhead, usAhead } = aheadCounts(rows);
  const med = (k: 'cn_pct' | 'us_pct') => median(rows.map((r) => r[k]));
  const mean = (k: 'cn_pct' | 'us_pct') => rows.reduce((s, r) => s + r[k], 0) / rows.length;
  const last = rows[rows.length - 1]!;
  const cnMax = rows.reduce((a, b) => (b.cn_pct > a.cn_pct ? b : a));
  const drawn = new Set(rows.map((r) => r.fetched_at_utc));
  return {
    toolsCount: formatSmall(rows.length),
    toolsCnAhead: formatSmall(cnAhead),
    toolsUsAhead: formatSmall(usAhead),
    // How many models the panel lists: the deepest rank in the captures drawn.
    toolsTopN: formatSmall(
      Math.max(
        ...data.datasets['captures-tool-calls']
          .filter((r) => drawn.has(r.fetched_at_utc))
          .map((r) => r.rank),
      ),
    ),
    toolsHalfWindow: formatSmall(MEDIAN_HALF_WINDOW_DAYS),
    toolsSetAside: setAsideNote(data.derived.captureVerdicts, 'tool_calls', 'tool-call'),
    toolsFirst: formatDate(rows[0]!.snapshot_date),
    toolsLast: formatDate(last.snapshot_date),
    toolsCnMedian: formatPercent(med('cn_pct')),
    toolsCnMean: formatPercent(mean('cn_pct')),
    toolsUsMedian: formatPercent(med('us_pct')),
    toolsUsMean: formatPercent(mean('us_pct')),
    toolsCnMax: formatPercent(cnMax.cn_pct),
    toolsCnMaxDay: formatDate(cnMax.snapshot_date),
    toolsLastCn: formatPercent(last.cn_pct),
    toolsLastUs: formatPercent(last.us_pct),
  };
}

const COLUMNS: ChartColumn<ToolCallRow>[] = [
  col<ToolCallRow, 'snapshot_date'>('snapshot_date', 'capture', (v) => formatDate(v)),
  col<ToolCallRow, 'cn_pct'>('cn_pct', 'cn_pct', (v) => formatPercent(v)),
  col<ToolCallRow, 'us_pct'>('us_pct', 'us_pct', (v) => formatPercent(v)),
  col<ToolCallRow, 'other_unlisted_pct'>('other_unlisted_pct', 'other_unlisted_pct', (v) =>
    formatPercent(v),
  ),
];

const x = (r: ToolCallRow) => day(r.snapshot_date);
const Y_DOMAIN: [number, number] = [0, 100];

/** A capture's three shares in words: the tooltip of its square in the leader strip. */
const tipOf = (r: ToolCallRow) =>
  `${formatDate(r.snapshot_date)}: China ${formatPercent(r.cn_pct)}, U.S. ${formatPercent(r.us_pct)}, other and unlisted ${formatPercent(r.other_unlisted_pct)}`;

/** Who led each capture (the title's count): a square per capture under the axis, in the
 *  leader's colour, with "ahead" before the strip. */
function leaderStrip(rows: readonly ToolCallRow[], narrow: boolean): Plot.Markish[] {
  return [
    Plot.dot(rows, {
      // Each square carries its capture's three shares: one tooltip stop per capture.
      x,
      frameAnchor: 'bottom',
      dy: 15,
      symbol: 'square',
      r: narrow ? 2.5 : 3,
      fill: (r: ToolCallRow) => (r.cn_pct > r.us_pct ? originColor('CN') : originColor('US')),
      title: tipOf,
      className: 'leader-strip',
    }),
    Plot.text(['ahead'], {
      frameAnchor: 'bottom-left',
      dx: -6,
      dy: 15,
      textAnchor: 'end',
      fontSize: LABEL_SIZE,
      fill: cssVar('muted'),
    }),
  ];
}

/** The strip's count after it ("China 26 of 44", the side that led at least half), on two
 *  lines where the right margin is too narrow for one. */
function leadCount(rows: readonly ToolCallRow[], marginRight: number): Plot.Text {
  const { cnAhead } = aheadCounts(rows);
  const cnLed = cnAhead * 2 >= rows.length;
  const text = cnLed
    ? `China ${formatSmall(cnAhead)} of ${formatSmall(rows.length)}`
    : `U.S. ${formatSmall(rows.length - cnAhead)} of ${formatSmall(rows.length)}`;
  return Plot.text(
    [textWidth(text, LABEL_SIZE) + 8 <= marginRight ? text : text.replace(' ', '\n')],
    {
      frameAnchor: 'bottom-right',
      dx: 6,
      dy: 15,
      textAnchor: 'start',
      lineAnchor: 'middle',
      fontSize: LABEL_SIZE,
      fontWeight: '600',
      fill: originColor(cnLed ? 'CN' : 'US'),
      className: 'lead-count',
    },
  );
}

/** Every capture's share as a small solid dot, under each series' median line (one mark per
 *  series, so each colour is written once; the page carries every point). Solid, not faint: a
 *  capture is a counted figure, and faint or hollow marks are this site's sign of an estimate
 *  (estimate.ts); the line, the derived value, is told by its width and the chart's note. */
function seriesMarks(rows: readonly ToolCallRow[]): Plot.Markish[] {
  return [
    ...SERIES.map((s) =>
      Plot.dot(rows, {
        x,
        y: s.key,
        r: 1.5,
        fill: s.fill,
        className: 'capture-dot',
      }),
    ),
    ...SERIES.map((s) =>
      Plot.line(rows, {
        x,
        y: s.median,
        z: 'segment',
        stroke: s.fill,
        strokeWidth: s.key === 'other_unlisted_pct' ? 1.5 : 2.5,
        curve: 'monotone-x',
        className: 'series-line',
      }),
    ),
  ];
}

/** Each series named at its median line's end ("Other" on phones). */
function seriesLabels(last: ToolCallRow, narrow: boolean, base: PlotOptions): Plot.Markish {
  const text = (s: Series) => (narrow && s.key === 'other_unlisted_pct' ? 'Other' : s.label);
  return endLabels(
    SERIES.map((s) => ({ x: x(last), y: last[s.median], text: text(s), fill: s.fill })),
    { domain: Y_DOMAIN, range: yRange(base) },
  );
}

export const toolCallsChart: ChartFactory = (data) => {
  const rows = rowsOf(data.derived.toolCalls);
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  return {
    id: 'tool-calls',
    title: '',
    subtitle: '',
    notes: [],
    figures: figuresOf(rows, data),
    sourceIds: [CAPTURE_SOURCE],
    datasets: ['captures-tool-calls', 'labs'],
    rows,
    columns: COLUMNS,
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      const base = frame(width, {
        height: narrow ? 300 : 340,
        marginRight: narrow ? 76 : 120,
        marginLeft: 44,
        marginBottom: 48,
      });
      const x0 = addDays(first.snapshot_date, -1);
      const x1 = addDays(last.snapshot_date, 1);
      return {
        ...base,
        ...timeScales(x0, x1, Y_DOMAIN),
        marks: [
          gridY({ ticks: 4 }),
          percentAxisY(4),
          axisX({ ticks: monthTicks(x0, x1), tickFormat: monthTick, tickPadding: 28 }),
          ruleY([0]),
          ...leaderStrip(rows, narrow),
          leadCount(rows, base.marginRight!),
          ...seriesMarks(rows),
          seriesLabels(last, narrow, base),
        ],
      };
    },
  };
};
