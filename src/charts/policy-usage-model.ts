/**
 * The usage chart's model and geometry (policy-usage.ts draws it): the weeks of every counting
 * method with a China share, the policy events around them, and where the strip, the panel
 * and each week sit in px at a width.
 */
import { cssVar } from '../lib/palette.ts';
import type { Method, WeekPoint } from '../pipeline/derive/weeks.ts';
import { uniq } from './common.ts';
import { type Estimate, estimateOf } from './estimate.ts';
import {
  DAY,
  inUsage,
  ms,
  policyRows,
  type PolicyRow,
  usageExtent,
  usageSpan,
  usageWeeks,
} from './policy-parts.ts';
import { METHOD_COLOR, METHOD_LABEL } from './share-by-method.ts';
import { segmentedWeeks } from './share-by-method-model.ts';
import { timeAxis, type TimeAxis } from './time-axis.ts';
import { FONT_SIZE, isNarrow, monthTick, monthTicks, textWidth } from './theme.ts';
import type { SiteData } from './types.ts';

/** One week of one counting method: China's share of the pair (%, to a tenth), and the line
 *  segment it belongs to. */
export interface UsageRow {
  method: Method;
  week_end: string;
  week_start: string | null;
  cn_share_pct: number;
  status: WeekPoint['status'];
  segment: string;
}

/** A counting method's name; its id where it has none (a method added later). */
export const methodLabel = (m: Method): string => METHOD_LABEL[m] ?? m;
/** Colours for methods added later, which have none of their own. */
const FALLBACK_COLORS = [cssVar('other'), cssVar('us'), cssVar('cn')];

/** The weeks of each counting method, the events and the usage period they are set against. */
export interface UsageModel {
  methods: Method[];
  rows: UsageRow[];
  events: PolicyRow[];
  /** First and last day of the usage data. */
  span: [string, string];
  /** Events before the usage data, and within it. */
  before: PolicyRow[];
  inside: PolicyRow[];
  estimate: (r: UsageRow) => Estimate | null;
  color: (m: Method) => string;
}

/** The weeks with a China share of every counting method in the data, one line segment per
 *  run of weeks without a gap of more than nine days, and the events around them. */
export function usageModel(data: SiteData): UsageModel {
  const methods = uniq(usageWeeks(data).map((w) => w.method));
  const rows: UsageRow[] = methods.flatMap((m) => {
    const { pts, seg } = segmentedWeeks(data, m);
    return pts.map((w, i) => ({
      method: m,
      week_end: w.week_end,
      week_start: w.week_start,
      cn_share_pct: Math.round(w.cn_share! * 10) / 10,
      status: w.status,
      segment: `${m}-${seg[i]}`,
    }));
  });
  const events = policyRows(data);
  const span = usageSpan(data);
  return {
    methods,
    rows,
    events,
    span,
    before: events.filter((e) => e.date < span[0]),
    inside: events.filter((e) => inUsage(e.date, span)),
    // The one estimate rule (estimate.ts): secondary weeks are hollow too (they were not).
    estimate: (r) => estimateOf(r.method, r.status),
    color: (m) => METHOD_COLOR[m] ?? FALLBACK_COLORS[methods.indexOf(m) % FALLBACK_COLORS.length]!,
  };
}

/** The strip at the top: the whole timeline, compressed years marked, the usage period from
 *  s0 to s1 (px). */
export interface StripLayout {
  width: number;
  narrow: boolean;
  left: number;
  y: number;
  axis: TimeAxis;
  s0: number;
  s1: number;
}

export function stripLayout({ events, span }: UsageModel, width: number): StripLayout {
  const narrow = isNarrow(width);
  const left = 40;
  const right = 14;
  const axis = timeAxis({
    events: events.map((e) => e.date),
    keep: [span],
    start: left,
    compressedYear: narrow ? 18 : 32,
    gap: 12,
    full: (_n, _d, fixedLength) => width - right - left - fixedLength,
  });
  const [s0, s1] = usageExtent(axis, span);
  return { width, narrow, left, y: 34, axis, s0, s1 };
}

/** The usage panel below the strip, on its own axes: x from a few days before the first week
 *  to a few after the last, y in per cent of the pair in steps of ten, 30–80 at least. */
export interface PanelLayout {
  narrow: boolean;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** x of a time (ms) and y of a share (%). */
  px: (t: number) => number;
  py: (v: number) => number;
  yTicks: number[];
  months: Array<{ x: number; text: string }>;
  points: Array<UsageRow & { x: number; y: number }>;
}

export function panelLayout({ rows, span }: UsageModel, strip: StripLayout): PanelLayout {
  const { narrow, left } = strip;
  const top = strip.y + 56;
  const height = narrow ? 170 : 200;
  const bottom = top + height;
  const right = strip.width - (narrow ? 86 : 104);
  const d0 = ms(span[0]) - 3 * DAY;
  const d1 = ms(span[1]) + 4 * DAY;
  const px = (t: number) => left + ((t - d0) / (d1 - d0)) * (right - left);
  // A week sits at its middle; a week known by its last day only, three days before it.
  const xOf = (r: UsageRow) =>
    px(r.week_start ? ms(r.week_start) + 3.5 * DAY : ms(r.week_end) - 3 * DAY);
  const [y0, y1] = shareDomain(rows);
  const py = (v: number) => bottom - ((v - y0) / (y1 - y0)) * height;
  const yTicks: number[] = [];
  for (let v = y0; v <= y1; v += 10) if (!narrow || (v - y0) % 20 === 0 || v === 50) yTicks.push(v);
  const allMonths = monthTicks(new Date(d0), new Date(d1)).map((d) => ({
    x: px(d.getTime()),
    text: narrow ? monthTick(d).slice(0, 3) : monthTick(d),
  }));
  // Every other month where a month is narrower than its name ("MarApr" ran together at 320).
  const step = (allMonths[1]?.x ?? Infinity) - (allMonths[0]?.x ?? 0);
  const widest = Math.max(...allMonths.map((m) => textWidth(m.text, FONT_SIZE)));
  const months = step < widest + 6 ? allMonths.filter((_, i) => i % 2 === 0) : allMonths;
  const points = rows.map((r) => ({ ...r, x: xOf(r), y: py(r.cn_share_pct) }));
  return { narrow, top, bottom, left, right, px, py, yTicks, months, points };
}

/** The panel's share axis: 30–80% at least, widened to the tens around the data. */
function shareDomain(rows: readonly UsageRow[]): [number, number] {
  const lo = Math.min(...rows.map((r) => r.cn_share_pct));
  const hi = Math.max(...rows.map((r) => r.cn_share_pct));
  return [Math.min(30, Math.floor(lo / 10) * 10), Math.max(80, Math.ceil(hi / 10) * 10)];
}
