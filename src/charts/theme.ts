/**
 * The one house chart theme: sizes, margins, gridlines, axes, annotation text and direct labels.
 * Every chart builds its Plot options through these helpers, so all charts look alike and
 * re-theme through the palette's CSS custom properties (never hex here).
 */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { utcMonth } from 'd3-time';
import { dayOf, isoDate } from '../lib/days.ts';
import { formatDate, formatMonth, formatUsd } from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';

/** Chart text size in SVG units (px at the drawn width). 13, not 12: the phone drawing (360
 *  wide) is scaled to a column of about 343 px at a 375 px screen, so 13 shows as 12.4 px, the
 *  house minimum of 12 on screen (test/browser/design.test.ts measures it). */
export const FONT_SIZE = 13;
/** Annotation and direct-label size (px): the same floor as every chart text. */
export const LABEL_SIZE = 13;
/** Below this width a chart uses its narrow layout (fewer ticks, shorter labels). */
export const NARROW = 480;
export const isNarrow = (width: number): boolean => width < NARROW;

/** Plot's `style` option: the page supplies colour and font. */
export const STYLE = {
  background: 'transparent',
  color: 'currentColor',
  fontFamily: 'inherit',
  fontSize: `${FONT_SIZE}px`,
  overflow: 'visible',
} as const;

export const ORIGINS = ['CN', 'US', 'other', 'undisclosed'] as const;
export const ORIGIN_LABEL: Record<string, string> = {
  CN: 'China',
  US: 'U.S.',
  other: 'Other',
  undisclosed: 'Undisclosed',
};

/** The colour scale of origins (ordinal: CN, US, other, undisclosed). */
export function originScale(): NonNullable<PlotOptions['color']> {
  return { type: 'ordinal', domain: [...ORIGINS], range: ORIGINS.map(originColor) };
}

export interface FrameOptions {
  height: number;
  marginTop?: number;
  marginRight?: number;
  marginBottom?: number;
  marginLeft?: number;
}

/** Width, height, margins and style of every chart. */
export function frame(width: number, o: FrameOptions): PlotOptions {
  return {
    width,
    height: o.height,
    marginTop: o.marginTop ?? 24,
    marginRight: o.marginRight ?? 16,
    marginBottom: o.marginBottom ?? 28,
    marginLeft: o.marginLeft ?? 44,
    style: { ...STYLE },
  };
}

/** Approximate width (px) of a text at a font size: Plot's own estimate is similar, and the
 *  page font is a system sans; used to size margins and to keep labels apart. */
export function textWidth(s: string, size = FONT_SIZE): number {
  let w = 0;
  for (const ch of s)
    w += /[mwMW@]/.test(ch)
      ? 0.88
      : /[A-Z0-9$%■●○→]/.test(ch)
        ? 0.68
        : /[ijl.,:;'|!() ]/.test(ch)
          ? 0.32
          : 0.58;
  return Math.ceil(w * size);
}

/** Left margin that fits the longest of some labels (plus tick padding). */
export function marginFor(labels: readonly string[], size = FONT_SIZE, min = 40): number {
  return Math.max(min, ...labels.map((l) => textWidth(l, size) + 12));
}

const gridStyle = { stroke: cssVar('grid'), strokeOpacity: 1, strokeWidth: 1 } as const;
export const gridX = (o: Plot.GridXOptions = {}) => Plot.gridX({ ...gridStyle, ...o });
export const gridY = (o: Plot.GridYOptions = {}) => Plot.gridY({ ...gridStyle, ...o });

/** Axes: muted text, no tick lines, house-formatted labels (pass tickFormat). */
export const axisX = (o: Plot.AxisXOptions = {}) =>
  Plot.axisX({ color: cssVar('muted'), tickSize: 0, tickPadding: 6, label: null, ...o });
export const axisY = (o: Plot.AxisYOptions = {}) =>
  Plot.axisY({ color: cssVar('muted'), tickSize: 0, tickPadding: 6, label: null, ...o });

/** A zero or reference rule in the rule colour. */
export const ruleY = (data: readonly number[], o: Plot.RuleYOptions = {}) =>
  Plot.ruleY(data, { stroke: cssVar('rule'), strokeWidth: 1, ...o });
export const ruleX = (data: readonly unknown[], o: Plot.RuleXOptions = {}) =>
  Plot.ruleX(data, { stroke: cssVar('rule'), strokeWidth: 1, ...o });

/** The halo that keeps annotation text legible over lines and bands. */
export const HALO = { stroke: cssVar('bg'), strokeWidth: 3, paintOrder: 'stroke' } as const;

/** Annotation text: smaller, in the text colour, with a background halo. */
export function annotate<T>(
  data: Plot.Data,
  o: Plot.TextOptions & { className?: string } = {},
): Plot.Text {
  return Plot.text(data as T[], { fontSize: LABEL_SIZE, fill: cssVar('text'), ...HALO, ...o });
}

/** A muted, frame-anchored note inside the plot (a key, "China ahead" ...). */
export function frameNote(
  text: string,
  frameAnchor: Plot.FrameAnchor,
  o: Plot.TextOptions = {},
): Plot.Text {
  return Plot.text([text], {
    frameAnchor,
    fontSize: LABEL_SIZE,
    fill: cssVar('muted'),
    ...HALO,
    ...o,
  });
}

/** Moves positions (px) apart until neighbours are at least `gap` apart, staying within
 *  [min, max] where possible; keeps the order. Used for direct labels. */
export function dodge(
  px: readonly number[],
  gap: number,
  min = -Infinity,
  max = Infinity,
): number[] {
  const order = px.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = order.map(([v]) => v);
  for (let pass = 0; pass < 50; pass++) {
    let moved = false;
    for (let i = 1; i < out.length; i++) {
      const d = out[i]! - out[i - 1]!;
      if (d < gap - 1e-6) {
        const push = (gap - d) / 2;
        out[i - 1]! -= push;
        out[i]! += push;
        moved = true;
      }
    }
    if (out.length) {
      if (out[0]! < min) {
        const s = min - out[0]!;
        for (let i = 0; i < out.length; i++) out[i]! += s;
      }
      if (out[out.length - 1]! > max) {
        const s = out[out.length - 1]! - max;
        for (let i = 0; i < out.length; i++) out[i]! -= s;
      }
    }
    if (!moved) break;
  }
  const res = new Array<number>(px.length);
  order.forEach(([, i], k) => {
    res[i] = out[k]!;
  });
  return res;
}

export interface EndLabel {
  x: Date | number;
  y: number;
  text: string;
  fill: string;
  className?: string;
  fillOpacity?: number;
}

/**
 * Direct labels at line ends (instead of a legend): each label sits right of its line's last
 * point, nudged vertically so that no two overlap. `y` maps values to px (the chart's y scale).
 */
export function endLabels(
  items: readonly EndLabel[],
  y: { domain: [number, number]; range: [number, number]; type?: 'linear' | 'log' },
  o: {
    dx?: number;
    gap?: number;
    fontWeight?: string;
    className?: string;
    textAnchor?: 'start' | 'end';
  } = {},
): Plot.Text {
  const scale = Plot.scale({ y: { type: y.type ?? 'linear', domain: y.domain, range: y.range } });
  const px = items.map((d) => scale.apply(d.y) as number);
  const lo = Math.min(...y.range);
  const hi = Math.max(...y.range);
  const placed = dodge(px, o.gap ?? LABEL_SIZE + 2, lo, hi);
  const data = items.map((d, i) => ({ ...d, py: scale.invert!(placed[i]!) as number }));
  return Plot.text(data, {
    x: 'x',
    y: 'py',
    text: 'text',
    fill: (d: EndLabel) => d.fill,
    fillOpacity: (d: EndLabel) => d.fillOpacity ?? 1,
    textAnchor: o.textAnchor ?? 'start',
    dx: o.dx ?? 7,
    fontSize: LABEL_SIZE,
    fontWeight: o.fontWeight ?? '600',
    ...HALO,
    className: o.className ?? 'direct-label',
  });
}

/** A Date at UTC midnight of an ISO date. */
export const day = dayOf;
const DAY_MS = 864e5;
/** A position on a time axis some days after UTC midnight of an ISO date, as a Date. Days may
 *  be fractional (3.5 is mid-week), which is why this is not utcDay.offset (it floors them). */
export const addDays = (iso: string, days: number): Date => new Date(+day(iso) + days * DAY_MS);
const isoOf = isoDate;

/** Tick format for day ticks: "9 March". */
export const dayTick = (d: Date | number): string => formatDate(isoOf(d), 'short');
/** Tick format for month ticks: "March" (the year is in the subtitle). */
export const monthTick = (d: Date | number): string => formatMonth(isoOf(d)).replace(/ \d{4}$/, '');

/** Short month names for ticks where an axis has no room for the full name (the full names of
 *  September and October ran into each other at 680 px, July into September at 360 px). */
const SHORT_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'June',
  'July',
  'Aug',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
];
/** Tick format for month ticks on a narrow axis: "Sept". */
export const shortMonthTick = (d: Date | number): string =>
  SHORT_MONTHS[new Date(d).getUTCMonth()]!;
/** Tick format for dollars: whole amounts without cents ("$5", "$30"), others as formatUsd
 *  ("$0.30"): "$0.00 $5.00 $10.00" ran together on session-cost at 360 px. */
export const usdTick = (v: number): string =>
  Number.isInteger(v) ? `${v < 0 ? '−' : ''}$${Math.abs(v)}` : formatUsd(v);
/** Tick format for day ticks set close together: "24 Aug" ("24 August7 September" ran together
 *  on api-origins at 680 px). */
export const shortDayTick = (d: Date | number): string =>
  `${new Date(d).getUTCDate()} ${shortMonthTick(d)}`;

/** First-of-month ticks between two dates (inclusive), every `step` months. */
export function monthTicks(from: Date, to: Date, step = 1): Date[] {
  // The first of from's month when from falls on the 1st (at any hour), else the next month's.
  const first = utcMonth.offset(utcMonth.floor(from), from.getUTCDate() > 1 ? 1 : 0);
  return utcMonth.range(first, new Date(+to + 1)).filter((_, i) => i % step === 0);
}

/** The two tints of a share-of-the-pair chart: China's colour above the 50% line, the U.S.'s
 *  below, across [x0, x1] (which side of even a point falls on, at a glance). */
export function leadZones(
  x0: Date,
  x1: Date,
  yDomain: readonly [number, number],
  opacity: number,
): Plot.Markish[] {
  const zone = (y1: number, y2: number, side: 'cn' | 'us') =>
    Plot.rectY([0], {
      x1: x0,
      x2: x1,
      y1,
      y2,
      fill: cssVar(side),
      fillOpacity: opacity,
      className: 'lead-zone',
    });
  return [zone(50, yDomain[1], 'cn'), zone(yDomain[0], 50, 'us')];
}

/** A "nice" linear domain covering [lo, hi] (round tick values at both ends). */
export function niceDomain(lo: number, hi: number): [number, number] {
  const d = Plot.scale({ y: { type: 'linear', domain: [lo, hi], nice: true } }).domain as number[];
  return [d[0]!, d[1]!];
}

/** The y range (px, bottom to top) of a frame, for endLabels(). */
export const yRange = (o: PlotOptions): [number, number] => [
  o.height! - (o.marginBottom ?? 0),
  o.marginTop ?? 0,
];

/** A colour key drawn inside the frame ("■ China  ■ U.S."), left to right from the top-left
 *  corner; used where direct labels cannot name every series. With `maxWidth` (px from where the
 *  key starts), an item that would end beyond it starts a second line 14 px lower. */
export function colorKey(
  items: readonly { text: string; fill: string }[],
  o: { dy?: number; dx?: number; frameAnchor?: Plot.FrameAnchor; maxWidth?: number } = {},
): Plot.Markish[] {
  const x0 = o.dx ?? 2;
  let dx = x0;
  let dy = o.dy ?? 2;
  return items.map((it) => {
    const w = Math.ceil(textWidth(`■ ${it.text}`, LABEL_SIZE) * 1.08);
    if (o.maxWidth !== undefined && dx > x0 && dx + w > x0 + o.maxWidth) {
      dx = x0;
      dy += 14;
    }
    const m = Plot.text([`■ ${it.text}`], {
      frameAnchor: o.frameAnchor ?? 'top-left',
      textAnchor: 'start',
      dx,
      dy,
      fill: it.fill,
      fontSize: LABEL_SIZE,
      fontWeight: '600',
      ...HALO,
      className: 'color-key',
    });
    dx += w + 14;
    return m;
  });
}

/** The key of the origins present in some rows. */
export function originKey(
  origins: Iterable<string>,
  o: Parameters<typeof colorKey>[1] = {},
): Plot.Markish[] {
  const present = new Set(origins);
  return colorKey(
    ORIGINS.filter((x) => present.has(x)).map((x) => ({
      text: ORIGIN_LABEL[x]!,
      fill: originColor(x),
    })),
    o,
  );
}

/** The uncertainty rule lives in estimate.ts; re-exported for the charts that import it here. */
export { ESTIMATE_KEY, estimatedFill } from './estimate.ts';
