/**
 * What the two policy charts share (policy-timeline.ts, policy-usage.ts): the events as rows,
 * the period the usage data cover, and the drawing both place in px on a compressed time axis
 * (time-axis.ts): its line, its break markers and a frame with identity scales.
 *
 * The events are context beside the data, not a cause; the usage period is computed over every
 * counting method in the data, so a method added later widens it without a code change.
 */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { cssVar } from '../lib/palette.ts';
import type { PolicyEventRow } from '../pipeline/datasets.ts';
import type { Method, WeekPoint } from '../pipeline/derive/weeks.ts';
import { frame } from './theme.ts';
import type { TimeAxis } from './time-axis.ts';
import type { SiteData } from './types.ts';

export type Category = PolicyEventRow['category'];
export const CATEGORY_LABEL: Record<Category, string> = {
  'export-control': 'Export control',
  'chip-sales': 'Chip sales',
  'offshore-compute': 'Offshore compute',
  enforcement: 'Enforcement',
};
export const CATEGORY_COLOR: Record<Category, string> = {
  'export-control': cssVar('text'),
  'chip-sales': cssVar('accent'),
  'offshore-compute': cssVar('undisclosed'),
  enforcement: cssVar('rule'),
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

/** The events in date order (category breaks ties), numbered from 1 as both charts label them. */
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
export function usageWeeks(data: SiteData): Array<WeekPoint & { method: Method }> {
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

/** Whether a day falls within the usage period (both ends included). */
export const inUsage = (date: string, [u0, u1]: [string, string]): boolean =>
  date >= u0 && date <= u1;

/** Milliseconds since the epoch at the start (UTC) of an ISO day. */
export const ms = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
export const DAY = 864e5;

/** Where the usage period starts and ends on a time axis (px): from the start of its first day
 *  to the end of its last, so a one-week period has a width. */
export function usageExtent(axis: TimeAxis, [u0, u1]: [string, string]): [number, number] {
  return [axis.at(u0), axis.at(ms(u1) + DAY)];
}

/** The frame of a chart placed in px: no margins, and identity scales, since every mark is
 *  placed in px computed from the data. */
export function pxFrame(width: number, height: number): PlotOptions {
  return {
    ...frame(width, { height, marginTop: 0, marginRight: 0, marginBottom: 0, marginLeft: 0 }),
    x: { type: 'identity', axis: null },
    y: { type: 'identity', axis: null },
  };
}

/** The shaded usage period: a rect in the highlight colour (fainter where fillOpacity says). */
export function usageWindow(
  box: { x1: number; x2: number; y1: number; y2: number },
  fillOpacity?: number,
): Plot.Markish {
  return Plot.rect([box], {
    x1: 'x1',
    x2: 'x2',
    y1: 'y1',
    y2: 'y2',
    fill: cssVar('highlight'),
    ...(fillOpacity === undefined ? {} : { fillOpacity }),
    className: 'usage-window',
  });
}

/** The break marker: two short parallel strokes across an axis at a position. */
export function breakMarks(
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
export function axisLine(axis: TimeAxis, o: { vertical: boolean; across: number }): Plot.Markish[] {
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
