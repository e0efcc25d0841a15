/**
 * Policy and compute events on a time axis (policy-timeline) and the usage series set
 * against them (policy-usage): context beside the data, not a cause.
 *
 * The timeline runs down the page, one label per line, so labels never stack however many
 * events there are; years with few events are compressed and marked as such (time-axis.ts).
 * The usage chart shows the whole timeline as a strip and the usage weeks on their own axis
 * below it, joined to the strip where they sit, so the short usage period is readable.
 */
import * as Plot from '@observablehq/plot';
import { formatDate, formatMonth, formatPercent, formatSmall, formatWeek } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import type { PolicyEventRow } from '../pipeline/datasets.ts';
import type { Method, WeekPoint } from '../pipeline/derive/weeks.ts';
import { CAPTURE_SOURCE, col, segments, uniq } from './common.ts';
import { ESTIMATE_LABEL, estimateDots, estimateOf } from './estimate.ts';
import { latestText, weekSeries } from './latest.ts';
import { API_SOURCE, apiCitation } from '../pipeline/derive/api.ts';
import { METHOD_COLOR, METHOD_DASH, METHOD_LABEL } from './share-by-method.ts';
import { segmentYears, timeAxis, type TimeAxis } from './time-axis.ts';
import {
  colorKey,
  dodge,
  FONT_SIZE,
  HALO,
  isNarrow,
  LABEL_SIZE,
  monthTick,
  monthTicks,
  STYLE,
  textWidth,
} from './theme.ts';
import type { ChartFactory, SiteData } from './types.ts';

type Category = PolicyEventRow['category'];
export const CATEGORY_LABEL: Record<Category, string> = {
  'export-control': 'Export control',
  'chip-sales': 'Chip sales',
  'offshore-compute': 'Offshore compute',
  enforcement: 'Enforcement',
};
const CATEGORY_COLOR: Record<Category, string> = {
  'export-control': cssVar('text'),
  'chip-sales': cssVar('accent'),
  'offshore-compute': cssVar('undisclosed'),
  enforcement: cssVar('rule'),
};
const CATEGORY_SYMBOL: Record<Category, string> = {
  'export-control': 'circle',
  'chip-sales': 'diamond',
  'offshore-compute': 'square',
  enforcement: 'triangle',
};

/** Short labels for the timeline (the table carries the full text); keyed by date and category.
 *  Events without one get the start of their text. */
const SHORT_LABELS: Record<string, string> = {
  '2022-10-07|export-control': 'U.S. chip export controls',
  '2023-10-17|export-control': 'Controls tightened',
  '2024-12-02|export-control': 'HBM and tool controls',
  '2025-01-15|export-control': 'AI Diffusion Rule',
  '2025-04-09|chip-sales': 'H20 needs a licence',
  '2025-05-13|export-control': 'Diffusion Rule dropped',
  '2025-06-01|offshore-compute': 'Data flown to Malaysia',
  '2025-07-14|export-control': 'Malaysia chip permits',
  '2025-07-14|chip-sales': 'H20 sales to resume',
  '2025-11-01|offshore-compute': 'Training offshore (FT)',
  '2025-12-08|chip-sales': 'H200 sales allowed',
  '2026-01-13|export-control': 'H200 case-by-case',
  '2026-03-03|chip-sales': 'H200 cap weighed',
  '2026-05-31|export-control': 'Rules reach subsidiaries',
};

export interface PolicyRow {
  n: number;
  date: string;
  date_label: string;
  category: Category;
  jurisdiction: string;
  label: string;
  event: string;
  source_ids: string;
}

function shortLabel(e: PolicyEventRow): string {
  const k = SHORT_LABELS[`${e.date}|${e.category}`];
  if (k) return k;
  const first = e.event.split(/[,;.]/)[0]!;
  return first.length > 26 ? `${first.slice(0, 25)}…` : first;
}

export function policyRows(data: SiteData): PolicyRow[] {
  return [...data.datasets['policy-events']]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.category < b.category ? -1 : 1))
    .map((e, i) => ({
      n: i + 1,
      date: e.date,
      date_label: e.date_label,
      category: e.category,
      jurisdiction: e.jurisdiction,
      label: shortLabel(e),
      event: e.event,
      source_ids: e.source_ids.join(';'),
    }));
}

/** Weeks of every counting method in the data (today's and any added later) that have a
 *  China share, each with the method it belongs to. */
function usageWeeks(data: SiteData): Array<WeekPoint & { method: Method }> {
  return (Object.entries(data.derived.weeks) as Array<[Method, WeekPoint[]]>).flatMap(([m, ws]) =>
    ws.filter((w) => w.cn_share !== null).map((w) => ({ ...w, method: m })),
  );
}

/** First day of a week: its start where known, else the day that stands for it. */
const weekFirstDay = (w: { week_start: string | null; week_end: string }) =>
  w.week_start ?? w.week_end;

/** The period the usage data cover, over all counting methods: first week to last week. */
export function usageSpan(data: SiteData): [string, string] {
  const ws = usageWeeks(data);
  if (ws.length === 0)
    throw new Error('policy charts: no usage weeks with a China share in the data');
  return [
    ws.map(weekFirstDay).sort()[0]!,
    ws
      .map((w) => w.week_end)
      .sort()
      .at(-1)!,
  ];
}

const dateText = (r: PolicyRow, precision: 'day' | 'month') =>
  precision === 'month' ? formatMonth(r.date) : formatDate(r.date);
const shortDate = (r: PolicyRow, precision: 'day' | 'month') =>
  precision === 'month' ? formatMonth(r.date).replace(/ \d{4}$/, '') : formatDate(r.date, 'short');
const ms = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const DAY = 864e5;

/** Identity scales: every mark below is placed in px, computed from the data. */
const PX = { x: { type: 'identity', axis: null }, y: { type: 'identity', axis: null } } as const;

/** The break marker: two short parallel strokes across an axis at a position. */
function breakMarks(
  at: readonly number[],
  o: { vertical: boolean; across: number; className?: string },
): Plot.Markish[] {
  const strokes = at.flatMap((p) =>
    [-2.5, 2.5].map((d) =>
      o.vertical
        ? { x1: o.across - 6, y1: p + d + 2, x2: o.across + 6, y2: p + d - 2 }
        : { x1: p + d - 2, y1: o.across + 6, x2: p + d + 2, y2: o.across - 6 },
    ),
  );
  const gaps = at.map((p) =>
    o.vertical
      ? { x1: o.across - 3, x2: o.across + 3, y1: p - 2.5, y2: p + 2.5 }
      : { x1: p - 2.5, x2: p + 2.5, y1: o.across - 3, y2: o.across + 3 },
  );
  return [
    Plot.rect(gaps, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: cssVar('bg') }),
    Plot.link(strokes, {
      x1: 'x1',
      y1: 'y1',
      x2: 'x2',
      y2: 'y2',
      stroke: cssVar('muted'),
      strokeWidth: 1.25,
      className: o.className ?? 'axis-break',
    }),
  ];
}

/** The axis line: solid where the scale is linear, dotted where years are compressed. */
function axisLine(axis: TimeAxis, o: { vertical: boolean; across: number }): Plot.Markish[] {
  const segs = axis.segments.map((s) =>
    o.vertical
      ? { x1: o.across, x2: o.across, y1: s.p0, y2: s.p1, compressed: s.compressed }
      : { x1: s.p0, x2: s.p1, y1: o.across, y2: o.across, compressed: s.compressed },
  );
  return [false, true].map((c) =>
    Plot.link(
      segs.filter((s) => s.compressed === c),
      {
        x1: 'x1',
        x2: 'x2',
        y1: 'y1',
        y2: 'y2',
        stroke: cssVar('rule'),
        strokeWidth: 1.5,
        strokeDasharray: c ? '1.5,3' : undefined,
        className: c ? 'time-axis compressed' : 'time-axis',
      },
    ),
  );
}

export const policyTimelineChart: ChartFactory = (data) => {
  const rows = policyRows(data);
  const precision = new Map(
    data.datasets['policy-events'].map((e) => [`${e.date}|${e.category}`, e.date_precision]),
  );
  const prec = (r: PolicyRow) => precision.get(`${r.date}|${r.category}`) ?? 'day';
  const when = (r: PolicyRow) => dateText(r, prec(r));
  const [u0, u1] = usageSpan(data);
  const counts = uniq(rows.map((r) => r.category)).map(
    (c) =>
      `${formatSmall(rows.filter((r) => r.category === c).length)} ${CATEGORY_LABEL[c].toLowerCase()}`,
  );
  const inWindow = rows.filter((r) => r.date >= u0 && r.date <= u1);
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;

  return {
    id: 'policy-timeline',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml; these are the figures they name.
    figures: {
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
    },
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
      const narrow = isNarrow(width);
      const rowH = LABEL_SIZE + 6;
      const top = 40;
      const bottom = 10;
      const axisX = narrow ? 58 : 64;
      const dateX = axisX + 20;
      const dateW = narrow
        ? 0
        : Math.max(...rows.map((r) => textWidth(shortDate(r, prec(r)), LABEL_SIZE))) + 10;
      const labelX = dateX + dateW;
      const axis = timeAxis({
        events: rows.map((r) => r.date),
        keep: [[u0, u1]],
        start: top,
        compressedYear: rowH * 2,
        gap: 14,
        // Room for every label at full scale, and at least three label lines per year.
        full: (n, days) => Math.max(n * rowH * 1.3, (days / 365) * rowH * 3),
      });
      const height = Math.ceil(axis.end + bottom);
      const ys = rows.map((r) => axis.at(r.date));
      const ly = dodge(ys, rowH, top + rowH / 2, axis.end - rowH / 4);
      const placed = rows.map((r, i) => ({
        ...r,
        y: ys[i]!,
        ly: ly[i]!,
        inWindow: r.date >= u0 && r.date <= u1,
        when: shortDate(r, prec(r)),
      }));
      type P = (typeof placed)[number];
      const tip = (r: PolicyRow) => `${r.n}. ${when(r)}: ${r.event}`;
      const cats = uniq(rows.map((r) => r.category));
      const compressed = axis.segments.filter((s) => s.compressed);
      const band = { y1: axis.at(u0), y2: axis.at(ms(u1) + DAY) };

      return {
        width,
        height,
        marginTop: 0,
        marginRight: 0,
        marginBottom: 0,
        marginLeft: 0,
        style: { ...STYLE },
        ...PX,
        symbol: { domain: cats, range: cats.map((c) => CATEGORY_SYMBOL[c]) },
        marks: [
          // The usage period: a band across the chart, named at its right end.
          Plot.rect([band], {
            x1: axisX - 12,
            x2: width,
            y1: 'y1',
            y2: 'y2',
            fill: cssVar('highlight'),
            className: 'usage-window',
          }),
          Plot.text(
            [
              narrow
                ? 'usage data'
                : `usage data, ${formatMonth(u0).replace(/ \d{4}$/, '')}–${formatMonth(u1)}`,
            ],
            {
              x: width - 2,
              y: band.y2,
              dy: -3,
              textAnchor: 'end',
              lineAnchor: 'bottom',
              fontSize: LABEL_SIZE,
              fill: cssVar('muted'),
              ...HALO,
              className: 'usage-window-label',
            },
          ),
          ...axisLine(axis, { vertical: true, across: axisX }),
          ...breakMarks(axis.breaks, { vertical: true, across: axisX }),
          // Years: a tick and a label at each 1 January; compressed stretches bracketed on the left.
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
          // Each event: a symbol on the axis, a leader line to its label.
          Plot.link(placed, {
            x1: axisX + 6,
            y1: 'y',
            x2: dateX - 4,
            y2: 'ly',
            stroke: cssVar('grid'),
            strokeWidth: 1,
          }),
          Plot.dot(placed, {
            x: axisX,
            y: 'y',
            symbol: 'category',
            fill: (d: P) => CATEGORY_COLOR[d.category],
            stroke: cssVar('bg'),
            r: 5,
            title: tip,
            className: 'event',
          }),
          ...(narrow
            ? []
            : [
                Plot.text(placed, {
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
          ...[false, true].map((w) =>
            Plot.text(
              placed.filter((d) => d.inWindow === w),
              {
                x: labelX,
                y: 'ly',
                text: (d: P) => `${d.n} ${d.label}`,
                textAnchor: 'start',
                fontSize: LABEL_SIZE,
                fontWeight: w ? '700' : '400',
                fill: (d: P) => CATEGORY_COLOR[d.category],
                ...HALO,
                className: 'event-label',
              },
            ),
          ),
          ...colorKey(
            cats.map((c) => ({ text: CATEGORY_LABEL[c], fill: CATEGORY_COLOR[c] })),
            { dy: 6, maxWidth: width - 8 },
          ),
        ],
      };
    },
  };
};

export interface UsageRow {
  method: Method;
  week_end: string;
  week_start: string | null;
  cn_share_pct: number;
  status: WeekPoint['status'];
  segment: string;
}

const methodLabel = (m: Method): string => METHOD_LABEL[m] ?? m;
const FALLBACK_COLORS = [cssVar('other'), cssVar('us'), cssVar('cn')];

export const policyUsageChart: ChartFactory = (data) => {
  const methods = uniq(usageWeeks(data).map((w) => w.method));
  const rows: UsageRow[] = methods.flatMap((m) => {
    const pts = data.derived.weeks[m].filter((w) => w.cn_share !== null);
    const seg = segments(
      pts.map((p) => p.week_end),
      9,
    );
    return pts.map((w, i) => ({
      method: m,
      week_end: w.week_end,
      week_start: w.week_start,
      cn_share_pct: Math.round(w.cn_share! * 10) / 10,
      status: w.status,
      segment: `${m}-${seg[i]}`,
    }));
  });
  // The one estimate rule (estimate.ts): secondary weeks are hollow too (they were not).
  const usageEstimate = (r: UsageRow) => estimateOf(r.method, r.status);
  const events = policyRows(data);
  const [u0, u1] = usageSpan(data);
  const before = events.filter((e) => e.date < u0);
  const inside = events.filter((e) => e.date >= u0 && e.date <= u1);
  const lastOf = (m: Method) => rows.filter((r) => r.method === m).at(-1)!;
  const usesApi = methods.includes('api');
  // The description quotes each count's latest point as every chart does (latest.ts): a
  // partial week is quoted as one, with the words that say so.
  const proseLabel = (m: Method) =>
    m === 'api' ? "OpenRouter's own data" : methodLabel(m).toLowerCase();
  const color = (m: Method) =>
    METHOD_COLOR[m] ?? FALLBACK_COLORS[methods.indexOf(m) % FALLBACK_COLORS.length]!;
  const weekText = (r: UsageRow) =>
    r.week_start ? formatWeek(r.week_start, r.week_end) : `the week to ${formatDate(r.week_end)}`;

  return {
    id: 'policy-usage',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml ([methodologyCharts]); these are the figures they
    // name.
    figures: {
      usageStartMonth: formatMonth(u0),
      usageBeforeCount: formatSmall(before.length),
      usageEventCount: formatSmall(events.length),
      usageMostWord: before.length * 2 > events.length ? 'most' : 'some',
      usageInsideCount: formatSmall(inside.length),
      usageFallVerb: inside.length === 1 ? 'falls' : 'fall',
      usageFrom: formatDate(u0),
      usageTo: formatDate(u1),
      usageLatestByCount: methods
        .map((m) => `${proseLabel(m)} ${latestText(weekSeries(data, m))}`)
        .join(', '),
    },
    ...(usesApi ? { citation: apiCitation(data.derived.api.as_of) } : {}),
    sourceIds: uniq([
      ...(usesApi ? [API_SOURCE] : []),
      ...data.derived.weeks.media.flatMap((w) => w.source_ids),
      ...(rows.length ? [CAPTURE_SOURCE] : []),
      ...events.flatMap((e) => e.source_ids.split(';')),
    ]),
    datasets: [
      'weekly-tokens',
      'captures-market-share',
      'captures-models',
      ...(usesApi ? (['api-daily-tokens'] as const) : []),
      'labs',
      'policy-events',
    ],
    rows,
    estimate: usageEstimate,
    columns: [
      col<UsageRow, 'method'>('method', 'method', (v) => methodLabel(v)),
      col<UsageRow, 'week_end'>('week_end', 'week_end', (v, r) => formatWeek(r.week_start, v)),
      col<UsageRow, 'cn_share_pct'>('cn_share_pct', 'cn_share_pct', (v) => formatPercent(v)),
      col<UsageRow, 'status'>('status', 'status'),
    ],
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      const left = 40;
      const right = 14;
      // The strip: the whole timeline, compressed years marked, the usage period shaded.
      const stripY = 34;
      const strip = timeAxis({
        events: events.map((e) => e.date),
        keep: [[u0, u1]],
        start: left,
        compressedYear: narrow ? 18 : 32,
        gap: 12,
        full: (_n, _d, fixedLength) => width - right - left - fixedLength,
      });
      const s0 = strip.at(u0);
      const s1 = strip.at(ms(u1) + DAY);
      // The usage panel, on its own axis.
      const panelTop = stripY + 56;
      const panelH = narrow ? 170 : 200;
      const panelBottom = panelTop + panelH;
      const pRight = width - (narrow ? 86 : 104);
      const d0 = ms(u0) - 3 * DAY;
      const d1 = ms(u1) + 4 * DAY;
      const px = (t: number) => left + ((t - d0) / (d1 - d0)) * (pRight - left);
      const xOf = (r: UsageRow) =>
        px(r.week_start ? ms(r.week_start) + 3.5 * DAY : ms(r.week_end) - 3 * DAY);
      const lo = Math.min(...rows.map((r) => r.cn_share_pct));
      const hi = Math.max(...rows.map((r) => r.cn_share_pct));
      const yDomain: [number, number] = [
        Math.min(30, Math.floor(lo / 10) * 10),
        Math.max(80, Math.ceil(hi / 10) * 10),
      ];
      const py = (v: number) =>
        panelBottom - ((v - yDomain[0]) / (yDomain[1] - yDomain[0])) * panelH;
      const yTicks: number[] = [];
      for (let v = yDomain[0]; v <= yDomain[1]; v += 10)
        if (!narrow || (v - yDomain[0]) % 20 === 0 || v === 50) yTicks.push(v);
      const months = monthTicks(new Date(d0), new Date(d1)).map((d) => ({
        x: px(d.getTime()),
        text: narrow ? monthTick(d).slice(0, 3) : monthTick(d),
      }));
      const pts = rows.map((r) => ({
        ...r,
        x: xOf(r),
        y: py(r.cn_share_pct),
      }));
      const tip = (r: UsageRow) => {
        const e = usageEstimate(r);
        return `${methodLabel(r.method)}, ${weekText(r)}: China ${formatPercent(r.cn_share_pct)}${e ? ` (${ESTIMATE_LABEL[e]})` : ''}`;
      };
      const evTip = (e: PolicyRow) => `${e.n}. ${formatDate(e.date)}: ${e.event}`;
      const insideRules = inside.map((e) => ({ ...e, x: px(ms(e.date)) }));
      const labelsY = dodge(
        methods.map((m) => py(lastOf(m).cn_share_pct)),
        LABEL_SIZE + 2,
        panelTop,
        panelBottom,
      );
      const beforeText = `${formatSmall(before.length)} of ${formatSmall(events.length)} events before the usage data`;
      const fitsBefore = textWidth(beforeText, LABEL_SIZE) < s0 - left;

      return {
        width,
        height: panelBottom + 26,
        marginTop: 0,
        marginRight: 0,
        marginBottom: 0,
        marginLeft: 0,
        style: { ...STYLE },
        ...PX,
        marks: [
          // Strip.
          Plot.rect([0], {
            x1: s0,
            x2: s1,
            y1: stripY - 10,
            y2: stripY + 10,
            fill: cssVar('highlight'),
            className: 'usage-window',
          }),
          ...axisLine(strip, { vertical: false, across: stripY }),
          ...breakMarks(strip.breaks, { vertical: false, across: stripY }),
          ...[false, true].map((italic) =>
            Plot.text(
              italic
                ? strip.segments
                    .filter((g) => g.compressed)
                    .map((g) => ({
                      x: (g.p0 + g.p1) / 2,
                      text: narrow
                        ? segmentYears(g).replace(/^(\d{4})–\d\d(\d\d)$/, '$1–$2')
                        : segmentYears(g),
                    }))
                : strip.years
                    .filter((y) => !y.compressed)
                    .map((y) => ({ x: y.p, text: String(y.year) })),
              {
                x: 'x',
                y: stripY + 12,
                text: 'text',
                lineAnchor: 'top',
                textAnchor: 'middle',
                fontSize: LABEL_SIZE,
                fill: cssVar('muted'),
                fontStyle: italic ? 'italic' : 'normal',
                className: 'year-label',
              },
            ),
          ),
          Plot.dot(events, {
            x: (e: PolicyRow) => strip.at(e.date),
            y: stripY,
            r: 3.5,
            fill: cssVar('text'),
            stroke: cssVar('bg'),
            className: 'event',
          }),
          // "N of M events before the usage data": a bracket over that part of the strip.
          Plot.link([0], {
            x1: left,
            x2: s0 - 3,
            y1: stripY - 14,
            y2: stripY - 14,
            stroke: cssVar('muted'),
            markerStart: 'tick-x',
            markerEnd: 'tick-x',
            className: 'before-bracket',
          } as Plot.LinkOptions),
          Plot.text([beforeText], {
            x: fitsBefore ? (left + s0) / 2 : left,
            y: stripY - 18,
            textAnchor: fitsBefore ? 'middle' : 'start',
            lineAnchor: 'bottom',
            fontSize: LABEL_SIZE,
            fontWeight: '600',
            fill: cssVar('text'),
            ...HALO,
            className: 'before-label',
          }),
          // The zoom: the shaded period on the strip opens into the panel below.
          Plot.link(
            [
              { x1: s0, x2: left, y1: stripY + 24, y2: panelTop },
              { x1: s1, x2: pRight, y1: stripY + 24, y2: panelTop },
            ],
            {
              x1: 'x1',
              x2: 'x2',
              y1: 'y1',
              y2: 'y2',
              stroke: cssVar('rule'),
              strokeWidth: 1,
              strokeDasharray: '2,3',
              className: 'zoom',
            },
          ),
          Plot.rect([0], {
            x1: left,
            x2: pRight,
            y1: panelTop,
            y2: panelBottom,
            fill: cssVar('highlight'),
            fillOpacity: 0.35,
            className: 'usage-window',
          }),
          // Panel: grid, axes, events inside the period, the series.
          Plot.link(
            yTicks.filter((v) => v !== 50),
            {
              x1: left,
              x2: pRight,
              y1: (v: number) => py(v),
              y2: (v: number) => py(v),
              stroke: cssVar('grid'),
            },
          ),
          Plot.link([50], {
            x1: left,
            x2: pRight,
            y1: py(50),
            y2: py(50),
            stroke: cssVar('rule'),
            strokeDasharray: '2,3',
          }),
          Plot.text(yTicks, {
            x: left - 6,
            y: (v: number) => py(v),
            text: (v: number) => formatPercent(v, 0),
            textAnchor: 'end',
            fontSize: FONT_SIZE,
            fill: cssVar('muted'),
          }),
          Plot.text(['even'], {
            x: left + 2,
            y: py(50),
            dy: -7,
            textAnchor: 'start',
            fontSize: LABEL_SIZE,
            fill: cssVar('muted'),
            ...HALO,
          }),
          Plot.text(months, {
            x: 'x',
            y: panelBottom + 6,
            text: 'text',
            lineAnchor: 'top',
            textAnchor: 'middle',
            fontSize: FONT_SIZE,
            fill: cssVar('muted'),
          }),
          Plot.link(insideRules, {
            x1: 'x',
            x2: 'x',
            y1: panelTop,
            y2: panelBottom,
            stroke: cssVar('rule'),
            strokeWidth: 1,
            className: 'event-rule',
          }),
          Plot.text(insideRules, {
            x: 'x',
            y: panelTop + 2,
            text: (e: PolicyRow) => String(e.n),
            lineAnchor: 'top',
            textAnchor: 'middle',
            fontSize: LABEL_SIZE,
            fontWeight: '700',
            fill: (e: PolicyRow) => CATEGORY_COLOR[e.category],
            ...HALO,
            title: evTip,
            className: 'event-number',
          }),
          ...methods.flatMap((m) => {
            const rs = pts.filter((p) => p.method === m);
            return [
              Plot.line(rs, {
                x: 'x',
                y: 'y',
                z: 'segment',
                stroke: color(m),
                strokeWidth: 2,
                strokeDasharray: METHOD_DASH[m] ?? undefined,
                className: `method-${m}`,
              }),
              ...estimateDots(rs, usageEstimate, color(m), {
                x: 'x',
                y: 'y',
                r: 3,
                title: tip,
                className: `method-${m}`,
              }),
            ];
          }),
          Plot.text(
            methods.map((m, i) => ({
              m,
              x: pts.filter((p) => p.method === m).at(-1)!.x,
              y: labelsY[i]!,
            })),
            {
              x: 'x',
              y: 'y',
              dx: 7,
              text: (d: { m: Method }) => methodLabel(d.m),
              textAnchor: 'start',
              fontSize: LABEL_SIZE,
              fontWeight: '600',
              fill: (d: { m: Method }) => color(d.m),
              ...HALO,
              className: 'direct-label',
            },
          ),
        ],
      };
    },
  };
};
