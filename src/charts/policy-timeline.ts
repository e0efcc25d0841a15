/**
 * Policy and compute events on a time axis (policy-timeline): context beside the data, not a
 * cause. The usage series set against them is policy-usage.ts; what both share is
 * policy-parts.ts.
 *
 * The timeline runs down the page, one label per line, so labels never stack however many
 * events there are; years with few events are compressed and marked as such (time-axis.ts).
 */
import * as Plot from '@observablehq/plot';
import { formatDate, formatMonth, formatSmall } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import type { PolicyEventRow } from '../pipeline/datasets.ts';
import { col, uniq } from './common.ts';
import {
  axisLine,
  breakMarks,
  type Category,
  CATEGORY_COLOR,
  CATEGORY_LABEL,
  policyRows,
  inUsage,
  type PolicyRow,
  pxFrame,
  usageExtent,
  usageSpan,
  usageWindow,
} from './policy-parts.ts';
import { segmentYears, timeAxis, type TimeAxis } from './time-axis.ts';
import { colorKey, dodge, HALO, isNarrow, LABEL_SIZE, textWidth } from './theme.ts';
import type { ChartFactory, SiteData } from './types.ts';

const CATEGORY_SYMBOL: Record<Category, string> = {
  'export-control': 'circle',
  'chip-sales': 'diamond',
  'offshore-compute': 'square',
  enforcement: 'triangle',
};

type Precision = PolicyEventRow['date_precision'];

/** How precisely each event's date is known (a day, or only its month), as the source says. */
function precisionOf(data: SiteData): (r: PolicyRow) => Precision {
  const precision = new Map(
    data.datasets['policy-events'].map((e) => [`${e.date}|${e.category}`, e.date_precision]),
  );
  return (r) => precision.get(`${r.date}|${r.category}`) ?? 'day';
}

const dateText = (r: PolicyRow, precision: Precision) =>
  precision === 'month' ? formatMonth(r.date) : formatDate(r.date);
const shortDate = (r: PolicyRow, precision: Precision) =>
  precision === 'month' ? formatMonth(r.date).replace(/ \d{4}$/, '') : formatDate(r.date, 'short');

/** The events and the usage period, as the table, the figures and the drawing read them. */
interface TimelineModel {
  rows: PolicyRow[];
  precision: (r: PolicyRow) => Precision;
  /** An event's date in words, as precise as it is known. */
  when: (r: PolicyRow) => string;
  /** First and last day of the usage data. */
  span: [string, string];
}

export const policyTimelineChart: ChartFactory = (data) => {
  const precision = precisionOf(data);
  const model: TimelineModel = {
    rows: policyRows(data),
    precision,
    when: (r) => dateText(r, precision(r)),
    span: usageSpan(data),
  };
  const { rows, when } = model;
  return {
    id: 'policy-timeline',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml; these are the figures they name.
    figures: timelineFigures(model),
    sourceIds: uniq(rows.flatMap((r) => r.source_ids.split(';'))),
    datasets: ['policy-events'],
    rows,
    columns: [
      col<PolicyRow, 'n'>('n', 'n', (v) => String(v)),
      col<PolicyRow, 'date'>('date', 'date', (_v, r) => when(r)),
      col<PolicyRow, 'category'>('category', 'category', (v) => CATEGORY_LABEL[v]),
      col<PolicyRow, 'jurisdiction'>('jurisdiction', 'jurisdiction'),
      col<PolicyRow, 'event'>('event', 'event'),
      col<PolicyRow, 'source_ids'>('source_ids', 'source_ids'),
    ],
    description: '',
    plot(width) {
      const layout = timelineLayout(model, width);
      const cats = uniq(rows.map((r) => r.category));
      return {
        ...pxFrame(width, layout.height),
        symbol: { domain: cats, range: cats.map((c) => CATEGORY_SYMBOL[c]) },
        marks: [
          ...usageBandMarks(layout, model.span),
          ...yearMarks(layout.axis, layout.axisX),
          ...compressedMarks(layout.axis),
          ...eventMarks(layout, (r) => `${r.n}. ${when(r)}: ${r.event}`),
          ...colorKey(
            cats.map((c) => ({ text: CATEGORY_LABEL[c], fill: CATEGORY_COLOR[c] })),
            { dy: 6, maxWidth: width - 8 },
          ),
        ],
      };
    },
  };
};

/** The figures the timeline's words name: first and last event, counts by category, and the
 *  events within the usage period. */
function timelineFigures({ rows, when, span }: TimelineModel): Record<string, string> {
  const [u0, u1] = span;
  const counts = uniq(rows.map((r) => r.category)).map(
    (c) =>
      `${formatSmall(rows.filter((r) => r.category === c).length)} ${CATEGORY_LABEL[c].toLowerCase()}`,
  );
  const inWindow = rows.filter((r) => inUsage(r.date, span));
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  return {
    timelineFirstWhen: when(first),
    timelineFirstLabel: first.label,
    timelineLastWhen: when(last),
    timelineLastLabel: last.label,
    timelineCounts: counts.join(', '),
    timelineInWindowCount: formatSmall(inWindow.length),
    timelineFallVerb: inWindow.length === 1 ? 'falls' : 'fall',
    timelineUsageFrom: formatDate(u0),
    timelineUsageTo: formatDate(u1),
    timelineInWindow: inWindow.map((r) => `${r.label} (${when(r)})`).join('; ') || 'none',
  };
}

/** An event placed on the drawing: y of its point on the axis, ly of its label line. */
type PlacedEvent = PolicyRow & { y: number; ly: number; inWindow: boolean; when: string };

/** Where everything sits, in px, at one width. */
interface TimelineLayout {
  width: number;
  narrow: boolean;
  axis: TimeAxis;
  /** x of the time axis, of the date column and of the labels. */
  axisX: number;
  dateX: number;
  labelX: number;
  height: number;
  events: PlacedEvent[];
}

/** Lays the timeline out: the time axis down the page with room for every label at full
 *  scale, each event's point on it and its label line, nudged apart so labels never stack. */
function timelineLayout({ rows, precision, span }: TimelineModel, width: number): TimelineLayout {
  const narrow = isNarrow(width);
  const rowH = LABEL_SIZE + 6;
  const top = 40;
  const bottom = 10;
  const axisX = narrow ? 58 : 64;
  const dateX = axisX + 20;
  const dateW = narrow
    ? 0
    : Math.max(...rows.map((r) => textWidth(shortDate(r, precision(r)), LABEL_SIZE))) + 10;
  const axis = timeAxis({
    events: rows.map((r) => r.date),
    keep: [span],
    start: top,
    compressedYear: rowH * 2,
    gap: 14,
    // Room for every label at full scale, and at least three label lines per year.
    full: (n, days) => Math.max(n * rowH * 1.3, (days / 365) * rowH * 3),
  });
  const ys = rows.map((r) => axis.at(r.date));
  const ly = dodge(ys, rowH, top + rowH / 2, axis.end - rowH / 4);
  const events = rows.map((r, i) => ({
    ...r,
    y: ys[i]!,
    ly: ly[i]!,
    inWindow: inUsage(r.date, span),
    when: shortDate(r, precision(r)),
  }));
  const height = Math.ceil(axis.end + bottom);
  return { width, narrow, axis, axisX, dateX, labelX: dateX + dateW, height, events };
}

/** The usage period: a band across the chart, named at its right end. */
function usageBandMarks(
  { width, narrow, axis, axisX }: TimelineLayout,
  span: [string, string],
): Plot.Markish[] {
  const [u0, u1] = span;
  const [y1, y2] = usageExtent(axis, span);
  const name = narrow
    ? 'usage data'
    : `usage data, ${formatMonth(u0).replace(/ \d{4}$/, '')}–${formatMonth(u1)}`;
  return [
    usageWindow({ x1: axisX - 12, x2: width, y1, y2 }),
    Plot.text([name], {
      x: width - 2,
      y: y2,
      dy: -3,
      textAnchor: 'end',
      lineAnchor: 'bottom',
      fontSize: LABEL_SIZE,
      fill: cssVar('muted'),
      ...HALO,
      className: 'usage-window-label',
    }),
  ];
}

/** The axis with its breaks, and a tick and a label at each 1 January (compressed years in
 *  italics). */
function yearMarks(axis: TimeAxis, axisX: number): Plot.Markish[] {
  return [
    ...axisLine(axis, { vertical: true, across: axisX }),
    ...breakMarks(axis.breaks, { vertical: true, across: axisX }),
    Plot.link(axis.years, {
      x1: axisX - 4,
      x2: axisX,
      y1: 'p',
      y2: 'p',
      stroke: cssVar('rule'),
    }),
    ...[false, true].map((c) =>
      Plot.text(
        axis.years.filter((y) => y.compressed === c),
        {
          x: axisX - 10,
          y: 'p',
          text: (d: { year: number }) => String(d.year),
          textAnchor: 'end',
          fontSize: LABEL_SIZE,
          fill: cssVar('muted'),
          fontStyle: c ? 'italic' : 'normal',
          className: 'year-label',
        },
      ),
    ),
  ];
}

/** Compressed stretches bracketed on the left and named ("2023–24 compressed" where it fits). */
function compressedMarks(axis: TimeAxis): Plot.Markish[] {
  const compressed = axis.segments.filter((s) => s.compressed);
  return [
    Plot.link(compressed, {
      x1: 14,
      x2: 14,
      y1: (s: { p0: number }) => s.p0,
      y2: (s: { p1: number }) => s.p1,
      stroke: cssVar('muted'),
      strokeDasharray: '1.5,3',
    }),
    Plot.text(compressed, {
      x: 9,
      y: (s: { p0: number; p1: number }) => (s.p0 + s.p1) / 2,
      rotate: -90,
      textAnchor: 'middle',
      fontSize: LABEL_SIZE,
      fill: cssVar('muted'),
      ...HALO,
      text: (s: Parameters<typeof segmentYears>[0]) =>
        s.p1 - s.p0 > textWidth(`${segmentYears(s)} compressed`, LABEL_SIZE) + 8
          ? `${segmentYears(s)} compressed`
          : 'compressed',
      className: 'compressed-label',
    }),
  ];
}

/** Each event: a symbol on the axis, a leader line to its label line, its date (wide only)
 *  and its number and label, bold within the usage period. */
function eventMarks(
  { narrow, axisX, dateX, labelX, events }: TimelineLayout,
  tip: (r: PolicyRow) => string,
): Plot.Markish[] {
  return [
    Plot.link(events, {
      x1: axisX + 6,
      y1: 'y',
      x2: dateX - 4,
      y2: 'ly',
      stroke: cssVar('grid'),
      strokeWidth: 1,
    }),
    Plot.dot(events, {
      x: axisX,
      y: 'y',
      symbol: 'category',
      fill: (d: PlacedEvent) => CATEGORY_COLOR[d.category],
      stroke: cssVar('bg'),
      r: 5,
      title: tip,
      className: 'event',
    }),
    ...(narrow
      ? []
      : [
          Plot.text(events, {
            x: dateX,
            y: 'ly',
            text: 'when',
            textAnchor: 'start',
            fontSize: LABEL_SIZE,
            fill: cssVar('muted'),
            ...HALO,
            className: 'event-date',
          }),
        ]),
    ...[false, true].map((bold) =>
      Plot.text(
        events.filter((d) => d.inWindow === bold),
        {
          x: labelX,
          y: 'ly',
          text: (d: PlacedEvent) => `${d.n} ${d.label}`,
          textAnchor: 'start',
          fontSize: LABEL_SIZE,
          fontWeight: bold ? '700' : '400',
          fill: (d: PlacedEvent) => CATEGORY_COLOR[d.category],
          ...HALO,
          className: 'event-label',
        },
      ),
    ),
  ];
}
