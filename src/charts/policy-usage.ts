/**
 * The usage series set against the policy events (policy-usage): context beside the data, not
 * a cause. The events themselves are drawn by policy-timeline.ts; what both share is
 * policy-parts.ts.
 *
 * The chart shows the whole timeline as a strip and the usage weeks on their own axis below
 * it, joined to the strip where they sit, so the short usage period is readable.
 */
import * as Plot from '@observablehq/plot';
import { formatDate, formatMonth, formatPercent, formatSmall, formatWeek } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import type { Method } from '../pipeline/derive/weeks.ts';
import { API_SOURCE, apiCitation } from '../pipeline/derive/api.ts';
import { CAPTURE_SOURCE, col, uniq } from './common.ts';
import { ESTIMATE_LABEL, estimateDots } from './estimate.ts';
import { latestText, weekSeries } from '../data/latest.ts';
import {
  axisLine,
  breakMarks,
  CATEGORY_COLOR,
  ms,
  type PolicyRow,
  pxFrame,
  usageWindow,
} from './policy-parts.ts';
import {
  methodLabel,
  type PanelLayout,
  panelLayout,
  type StripLayout,
  stripLayout,
  type UsageModel,
  usageModel,
  type UsageRow,
} from './policy-usage-model.ts';
import { panelLabels } from './policy-usage-labels.ts';
import { METHOD_DASH } from './share-by-method.ts';
import { segmentYears } from './time-axis.ts';
import { FONT_SIZE, HALO, LABEL_SIZE, textWidth } from './theme.ts';
import type { ChartFactory, SiteData } from './types.ts';

export const policyUsageChart: ChartFactory = (data) => {
  const model = usageModel(data);
  const { methods, rows, events } = model;
  const usesApi = methods.includes('api');
  return {
    id: 'policy-usage',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml ([methodologyCharts]); these are the figures they
    // name.
    figures: usageFigures(data, model),
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
    estimate: model.estimate,
    columns: [
      col<UsageRow, 'method'>('method', 'method', (v) => methodLabel(v)),
      col<UsageRow, 'week_end'>('week_end', 'week_end', (v, r) => formatWeek(r.week_start, v)),
      col<UsageRow, 'cn_share_pct'>('cn_share_pct', 'cn_share_pct', (v) => formatPercent(v)),
      col<UsageRow, 'status'>('status', 'status'),
    ],
    description: '',
    plot(width) {
      const strip = stripLayout(model, width);
      const panel = panelLayout(model, strip);
      return {
        ...pxFrame(width, panel.bottom + 26),
        marks: [
          ...stripMarks(model, strip),
          ...beforeMarks(model, strip),
          ...zoomMarks(strip, panel),
          ...panelAxisMarks(panel),
          ...insideEventMarks(model, panel),
          ...seriesMarks(model, panel),
          ...panelLabels(model, panel, width),
        ],
      };
    },
  };
};

/** A counting method as the words name it. */
const proseLabel = (m: Method) =>
  m === 'api' ? "OpenRouter's own data" : methodLabel(m).toLowerCase();

/** The figures the chart's words name: how many events fall before and within the usage
 *  period, and each count's latest point. */
function usageFigures(data: SiteData, model: UsageModel): Record<string, string> {
  const { methods, events, before, inside } = model;
  const [u0, u1] = model.span;
  return {
    usageStartMonth: formatMonth(u0),
    usageBeforeCount: formatSmall(before.length),
    usageEventCount: formatSmall(events.length),
    usageMostWord: before.length * 2 > events.length ? 'most' : 'some',
    usageInsideCount: formatSmall(inside.length),
    usageFallVerb: inside.length === 1 ? 'falls' : 'fall',
    usageFrom: formatDate(u0),
    usageTo: formatDate(u1),
    // Each count's latest point as every chart quotes it (latest.ts): a partial week is quoted
    // as one, with the words that say so.
    usageLatestByCount: methods
      .map((m) => `${proseLabel(m)} ${latestText(weekSeries(data, m))}`)
      .join(', '),
  };
}

/** The strip: the usage period shaded, the axis with its breaks, the years (compressed ones
 *  as a range in italics) and a dot for each event. */
function stripMarks({ events }: UsageModel, strip: StripLayout): Plot.Markish[] {
  const { narrow, axis, y, s0, s1 } = strip;
  const compressed = axis.segments
    .filter((g) => g.compressed)
    .map((g) => ({
      x: (g.p0 + g.p1) / 2,
      text: narrow ? segmentYears(g).replace(/^(\d{4})–\d\d(\d\d)$/, '$1–$2') : segmentYears(g),
    }));
  // A year's label is left out where it would run into a compressed range's ("2022–242025" at
  // 360 px): the range already says where the axis stands.
  const half = (t: { text: string }) => textWidth(t.text, LABEL_SIZE) / 2 + 3;
  const years = axis.years
    .filter((yr) => !yr.compressed)
    .map((yr) => ({ x: yr.p, text: String(yr.year) }))
    .filter((yr) => compressed.every((c) => Math.abs(c.x - yr.x) >= half(c) + half(yr)));
  const yearLabels = (italic: boolean) => (italic ? compressed : years);
  return [
    usageWindow({ x1: s0, x2: s1, y1: y - 10, y2: y + 10 }),
    ...axisLine(axis, { vertical: false, across: y }),
    ...breakMarks(axis.breaks, { vertical: false, across: y }),
    ...[false, true].map((italic) =>
      Plot.text(yearLabels(italic), {
        x: 'x',
        y: y + 12,
        text: 'text',
        lineAnchor: 'top',
        textAnchor: 'middle',
        fontSize: LABEL_SIZE,
        fill: cssVar('muted'),
        fontStyle: italic ? 'italic' : 'normal',
        className: 'year-label',
      }),
    ),
    Plot.dot(events, {
      x: (e: PolicyRow) => axis.at(e.date),
      y,
      r: 3.5,
      fill: cssVar('text'),
      stroke: cssVar('bg'),
      className: 'event',
    }),
  ];
}

/** "N of M events before the usage data": a bracket over that part of the strip, the words
 *  centred over it where they fit, else from its left end. */
function beforeMarks({ before, events }: UsageModel, strip: StripLayout): Plot.Markish[] {
  const { left, y, s0 } = strip;
  // The words end "before the data" where "before the usage data" would leave the drawing.
  const counted = `${formatSmall(before.length)} of ${formatSmall(events.length)} events before the`;
  const beforeText =
    textWidth(`${counted} usage data`, LABEL_SIZE) * 1.1 < strip.width - left
      ? `${counted} usage data`
      : `${counted} data`;
  const fitsBefore = textWidth(beforeText, LABEL_SIZE) < s0 - left;
  return [
    Plot.link([0], {
      x1: left,
      x2: s0 - 3,
      y1: y - 14,
      y2: y - 14,
      stroke: cssVar('muted'),
      markerStart: 'tick-x',
      markerEnd: 'tick-x',
      className: 'before-bracket',
    } as Plot.LinkOptions),
    Plot.text([beforeText], {
      x: fitsBefore ? (left + s0) / 2 : left,
      y: y - 18,
      textAnchor: fitsBefore ? 'middle' : 'start',
      lineAnchor: 'bottom',
      fontSize: LABEL_SIZE,
      fontWeight: '600',
      fill: cssVar('text'),
      ...HALO,
      className: 'before-label',
    }),
  ];
}

/** The zoom: the shaded period on the strip opens into the panel below, shaded fainter. */
function zoomMarks(strip: StripLayout, panel: PanelLayout): Plot.Markish[] {
  const { s0, s1, y } = strip;
  const { left, right, top, bottom } = panel;
  return [
    Plot.link(
      [
        { x1: s0, x2: left, y1: y + 24, y2: top },
        { x1: s1, x2: right, y1: y + 24, y2: top },
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
    usageWindow({ x1: left, x2: right, y1: top, y2: bottom }, 0.35),
  ];
}

/** The panel's grid and axes: a gridline per tick, 50% dashed ("even" is placed with the
 *  names, policy-usage-labels.ts), months below. */
function panelAxisMarks({ left, right, bottom, py, yTicks, months }: PanelLayout): Plot.Markish[] {
  return [
    Plot.link(
      yTicks.filter((v) => v !== 50),
      {
        x1: left,
        x2: right,
        y1: (v: number) => py(v),
        y2: (v: number) => py(v),
        stroke: cssVar('grid'),
      },
    ),
    Plot.link([50], {
      x1: left,
      x2: right,
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
    Plot.text(months, {
      x: 'x',
      y: bottom + 6,
      text: 'text',
      lineAnchor: 'top',
      textAnchor: 'middle',
      fontSize: FONT_SIZE,
      fill: cssVar('muted'),
    }),
  ];
}

/** The events within the usage period: a rule across the panel at each, numbered at its top
 *  as on the timeline. */
function insideEventMarks({ inside }: UsageModel, panel: PanelLayout): Plot.Markish[] {
  const insideRules = inside.map((e) => ({ ...e, x: panel.px(ms(e.date)) }));
  return [
    // The rule starts under its number.
    Plot.link(insideRules, {
      x1: 'x',
      x2: 'x',
      y1: panel.top + LABEL_SIZE + 4,
      y2: panel.bottom,
      stroke: cssVar('rule'),
      strokeWidth: 1,
      className: 'event-rule',
    }),
    Plot.text(insideRules, {
      x: 'x',
      y: panel.top + 2,
      text: (e: PolicyRow) => String(e.n),
      lineAnchor: 'top',
      textAnchor: 'middle',
      fontSize: LABEL_SIZE,
      fontWeight: '700',
      fill: (e: PolicyRow) => CATEGORY_COLOR[e.category],
      ...HALO,
      title: (e: PolicyRow) => `${e.n}. ${formatDate(e.date)}: ${e.event}`,
      className: 'event-number',
    }),
  ];
}

/** A week in words: its dates, or the day it ends where only that is known. */
const weekText = (r: UsageRow) =>
  r.week_start ? formatWeek(r.week_start, r.week_end) : `the week to ${formatDate(r.week_end)}`;

/** Each method's line (broken at gaps) and its weekly dots, hollow where estimated. */
function seriesMarks({ methods, estimate, color }: UsageModel, panel: PanelLayout): Plot.Markish[] {
  const tip = (r: UsageRow) => {
    const e = estimate(r);
    return `${methodLabel(r.method)}, ${weekText(r)}: China ${formatPercent(r.cn_share_pct)}${e ? ` (${ESTIMATE_LABEL[e]})` : ''}`;
  };
  return methods.flatMap((m) => {
    const rs = panel.points.filter((p) => p.method === m);
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
      ...estimateDots(rs, estimate, color(m), {
        x: 'x',
        y: 'y',
        r: 3,
        title: tip,
        className: `method-${m}`,
      }),
    ];
  });
}
