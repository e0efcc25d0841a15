/** Tool-call share by origin over the daily captures. */
import * as Plot from '@observablehq/plot';
import { formatDate, formatPercent, formatSmall } from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';
import { CAPTURE_SOURCE, col, daysBetween, segments, setAsideNote } from './common.ts';
import {
  addDays,
  axisX,
  axisY,
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
import type { ChartFactory } from './types.ts';

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

export const toolCallsChart: ChartFactory = (data) => {
  const src = data.derived.toolCalls;
  const seg = segments(
    src.map((t) => t.fetched_at_utc),
    2.5,
  );
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const base = src.map((t) => ({ ...t, rest: r1(t.other_pct + t.unlisted_pct) }));
  const rows: ToolCallRow[] = base.map((t, i) => {
    const near = base.filter(
      (u) => Math.abs(daysBetween(t.snapshot_date, u.snapshot_date)) <= MEDIAN_HALF_WINDOW_DAYS,
    );
    return {
      snapshot_date: t.snapshot_date,
      fetched_at_utc: t.fetched_at_utc,
      cn_pct: t.cn_pct,
      us_pct: t.us_pct,
      other_unlisted_pct: t.rest,
      cn_median_pct: r1(median(near.map((u) => u.cn_pct))),
      us_median_pct: r1(median(near.map((u) => u.us_pct))),
      other_unlisted_median_pct: r1(median(near.map((u) => u.rest))),
      segment: seg[i]!,
    };
  });
  const cnAhead = rows.filter((r) => r.cn_pct > r.us_pct).length;
  const usAhead = rows.filter((r) => r.us_pct > r.cn_pct).length;
  const med = (k: 'cn_pct' | 'us_pct') => median(rows.map((r) => r[k]));
  const mean = (k: 'cn_pct' | 'us_pct') => rows.reduce((s, r) => s + r[k], 0) / rows.length;
  const last = rows[rows.length - 1]!;
  const first = rows[0]!;
  const cnMax = rows.reduce((a, b) => (b.cn_pct > a.cn_pct ? b : a));
  const used = new Set(src.map((t) => t.fetched_at_utc));

  return {
    id: 'tool-calls',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml ([methodologyCharts]); these are the figures they
    // name. The title's "neither side held" is bound there to tool-calls-did-not-lean (the same
    // LEAN_RATIO rule).
    figures: {
      toolsCount: formatSmall(rows.length),
      toolsCnAhead: formatSmall(cnAhead),
      toolsUsAhead: formatSmall(usAhead),
      // How many models the panel lists: the deepest rank in the captures drawn.
      toolsTopN: formatSmall(
        Math.max(
          ...data.datasets['captures-tool-calls']
            .filter((r) => used.has(r.fetched_at_utc))
            .map((r) => r.rank),
        ),
      ),
      toolsHalfWindow: formatSmall(MEDIAN_HALF_WINDOW_DAYS),
      toolsSetAside: setAsideNote(data.derived.captureVerdicts, 'tool_calls', 'tool-call'),
      toolsFirst: formatDate(first.snapshot_date),
      toolsLast: formatDate(last.snapshot_date),
      toolsCnMedian: formatPercent(med('cn_pct')),
      toolsCnMean: formatPercent(mean('cn_pct')),
      toolsUsMedian: formatPercent(med('us_pct')),
      toolsUsMean: formatPercent(mean('us_pct')),
      toolsCnMax: formatPercent(cnMax.cn_pct),
      toolsCnMaxDay: formatDate(cnMax.snapshot_date),
      toolsLastCn: formatPercent(last.cn_pct),
      toolsLastUs: formatPercent(last.us_pct),
    },
    sourceIds: [CAPTURE_SOURCE],
    datasets: ['captures-tool-calls', 'labs'],
    rows,
    columns: [
      col<ToolCallRow, 'snapshot_date'>('snapshot_date', 'capture', (v) => formatDate(v)),
      col<ToolCallRow, 'cn_pct'>('cn_pct', 'cn_pct', (v) => formatPercent(v)),
      col<ToolCallRow, 'us_pct'>('us_pct', 'us_pct', (v) => formatPercent(v)),
      col<ToolCallRow, 'other_unlisted_pct'>('other_unlisted_pct', 'other_unlisted_pct', (v) =>
        formatPercent(v),
      ),
    ],
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      const base = frame(width, {
        height: narrow ? 300 : 340,
        marginRight: narrow ? 76 : 120,
        marginLeft: 44,
        marginBottom: 48,
      });
      const x = (r: ToolCallRow) => day(r.snapshot_date);
      const x0 = addDays(first.snapshot_date, -1);
      const x1 = addDays(last.snapshot_date, 1);
      const yDomain: [number, number] = [0, 100];
      const leadText =
        cnAhead * 2 >= rows.length
          ? `China ${formatSmall(cnAhead)} of ${formatSmall(rows.length)}`
          : `U.S. ${formatSmall(rows.length - cnAhead)} of ${formatSmall(rows.length)}`;
      const tip = (r: ToolCallRow) =>
        `${formatDate(r.snapshot_date)}: China ${formatPercent(r.cn_pct)}, U.S. ${formatPercent(r.us_pct)}, other and unlisted ${formatPercent(r.other_unlisted_pct)}`;
      return {
        ...base,
        x: { type: 'utc', domain: [x0, x1] },
        y: { domain: yDomain },
        marks: [
          gridY({ ticks: 4 }),
          axisY({ ticks: 4, tickFormat: (v: number) => formatPercent(v, 0) }),
          axisX({ ticks: monthTicks(x0, x1), tickFormat: monthTick, tickPadding: 28 }),
          ruleY([0]),
          // Who led each capture (the title's count): a square per capture, in the leader's colour.
          Plot.dot(rows, {
            // Each square carries its capture's three shares: one tooltip stop per capture.
            x,
            frameAnchor: 'bottom',
            dy: 15,
            symbol: 'square',
            r: narrow ? 2.5 : 3,
            fill: (r: ToolCallRow) => (r.cn_pct > r.us_pct ? originColor('CN') : originColor('US')),
            title: tip,
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
          Plot.text(
            [
              textWidth(leadText, LABEL_SIZE) + 8 <= base.marginRight!
                ? leadText
                : leadText.replace(' ', '\n'),
            ],
            {
              frameAnchor: 'bottom-right',
              dx: 6,
              dy: 15,
              textAnchor: 'start',
              lineAnchor: 'middle',
              fontSize: LABEL_SIZE,
              fontWeight: '600',
              fill: originColor(cnAhead * 2 >= rows.length ? 'CN' : 'US'),
              className: 'lead-count',
            },
          ),
          // One mark per series, so each colour is written once (the page carries every point).
          ...SERIES.map((s) =>
            Plot.dot(rows, {
              x,
              y: s.key,
              r: 2,
              fill: s.fill,
              fillOpacity: 0.45,
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
          endLabels(
            SERIES.map((s) => ({
              x: x(last),
              y: last[s.median],
              text: narrow && s.key === 'other_unlisted_pct' ? 'Other' : s.label,
              fill: s.fill,
            })),
            { domain: yDomain, range: yRange(base) },
          ),
        ],
      };
    },
  };
};
