/**
 * Where share-by-method's words go (issue 24). The counts from the rankings-page captures end
 * in May, in the middle of the other lines, so a name at each line's end lands on other lines
 * (at 375 px "Top-9 models" and "Author shares" sat on them). Each label here takes the first
 * spot beside its own line that is clear of every line, point and label drawn (label-space.ts);
 * a count with no such spot is named in a key above the plot instead, with its line's colour and
 * dash, and the plot moves down to make room. The drawing is in share-by-method.ts.
 */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { formatPercent } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import type { Method } from '../pipeline/derive/weeks.ts';
import {
  labelWidth,
  seriesObstacles,
  spotsAround,
  takeSpot,
  type Box,
  type Obstacles,
  type Spot,
} from './label-space.ts';
import {
  drawOrder,
  latestRow,
  METHOD_COLOR,
  METHOD_DASH,
  METHOD_LABEL,
  METHODS_DRAWN,
  opacityIn,
  weekX,
  type ImpliedWeek,
  type ShareRow,
} from './share-by-method-model.ts';
import { addDays, annotate, frame, isNarrow, LABEL_SIZE, textWidth, yRange } from './theme.ts';

/** The drawing's frame at a width and its scales' domains: shares rounded out to tens (at least
 *  30%–80%), dates padded by four days each side; `keyRows` rows of key above the plot. */
export interface Layout {
  narrow: boolean;
  base: PlotOptions;
  yDomain: [number, number];
  x0: Date;
  x1: Date;
}

/** Height of a row of the key above the plot (px). */
const KEY_ROW = 20;

export function layoutOf(rows: readonly ShareRow[], width: number, keyRows = 0): Layout {
  const narrow = isNarrow(width);
  const base = frame(width, {
    height: (narrow ? 300 : 340) + keyRows * KEY_ROW,
    marginRight: narrow ? 88 : 100,
    marginLeft: 40,
    marginTop: 20 + keyRows * KEY_ROW,
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

export const CHINA_AHEAD = '▲ China ahead';
export const US_AHEAD = '▼ U.S. ahead';

/** Data to px as Plot will draw them: the plot's x and y scales at this layout. */
function pxScales(layout: Layout) {
  const { base, x0, x1, yDomain } = layout;
  return {
    x: Plot.scale({
      x: {
        type: 'utc',
        domain: [x0, x1],
        range: [base.marginLeft!, base.width! - base.marginRight!],
      },
    }),
    y: Plot.scale({ y: { type: 'linear', domain: yDomain, range: yRange(base) } }),
  };
}
type Scales = ReturnType<typeof pxScales>;
const pxX = (s: Scales, d: Date): number => s.x.apply(d) as number;
const pxY = (s: Scales, v: number): number => s.y.apply(v) as number;

/** The px points of one count's line, in date order. */
function pointsOf(rows: readonly ShareRow[], m: Method, s: Scales) {
  return rows
    .filter((r) => r.method === m)
    .map((r) => ({ x: pxX(s, weekX(r)), y: pxY(s, r.cn_share_pct), segment: r.segment }));
}

/** What the in-plot labels must stay clear of, in px: every count's line and dots (faded ones
 *  too: they are drawn), the implied weeks' triangles and the two frame notes. */
function drawnObstacles(
  rows: readonly ShareRow[],
  impliedUs: readonly ImpliedWeek[],
  layout: Layout,
  s: Scales,
): Obstacles {
  const o: Obstacles = {
    ...seriesObstacles(
      METHODS_DRAWN.map((m) => pointsOf(rows, m, s)),
      5,
    ),
    boxes: [],
  };
  for (const w of impliedUs)
    o.points.push({ x: pxX(s, addDays(w.week_start, 3.5)), y: pxY(s, 46), r: 6 });
  const { marginLeft: left, marginTop: top, marginBottom: bottom, height } = layout.base;
  // The frame notes: '▲ China ahead' hangs from the top, '▼ U.S. ahead' stands on the bottom.
  const note = (text: string, baseline: number): Box => ({
    x0: left! + 2,
    x1: left! + 2 + textWidth(text, LABEL_SIZE),
    y0: baseline - 0.8 * LABEL_SIZE,
    y1: baseline + 0.2 * LABEL_SIZE,
  });
  o.boxes.push(
    note(CHINA_AHEAD, top! + 2 + 0.71 * LABEL_SIZE),
    note(US_AHEAD, height! - bottom! - 2),
  );
  return o;
}

/** A label drawn inside the plot at a spot in px. */
export interface InPlotLabel {
  text: string;
  spot: Spot;
  fill: string;
  fillOpacity: number;
  fontWeight: string;
  className: string;
}

/** Candidate spots for the words 'even' on the 50% rule: above it at the left end (where the
 *  lines start), at the right end, then along it, above and under. */
function evenSpots(layout: Layout, s: Scales): Spot[] {
  const y50 = pxY(s, 50);
  const left = pxX(s, layout.x0) + 2;
  const right = pxX(s, layout.x1) - 2;
  const along: Spot[] = [];
  for (let x = left + 12; x < right - 30; x += 12)
    along.push({ x, y: y50 - 7, anchor: 'start' }, { x, y: y50 + 8, anchor: 'start' });
  return [
    { x: left, y: y50 - 7, anchor: 'start' },
    { x: right, y: y50 - 7, anchor: 'end' },
    ...along,
  ];
}

/** In a one-count state, that count's latest value: above its last point (under it where the
 *  value is below even), then the other side, then around the point. */
function valueSpots(rows: readonly ShareRow[], m: Method, s: Scales): Spot[] {
  const last = pointsOf(rows, m, s).at(-1)!;
  const value = latestRow(rows, m).cn_share_pct;
  const [above, under] = [last.y - 12, last.y + 14];
  return [
    { x: last.x, y: value >= 50 ? above : under, anchor: 'middle' },
    { x: last.x, y: value >= 50 ? under : above, anchor: 'middle' },
    ...spotsAround(last.x, last.y),
  ];
}

/** The latest value of a count in words, as the value note and the key give it. */
const latestValue = (rows: readonly ShareRow[], m: Method): string =>
  formatPercent(latestRow(rows, m).cn_share_pct);

interface Placement {
  labels: InPlotLabel[];
  /** Counts whose name (or, in its own state, latest value) found no free spot. */
  unplaced: Method[];
}

/**
 * The labels inside the plot, each at the first candidate spot clear of the lines, the points
 * and the labels placed before it: in a one-count state that count's latest value, then each
 * count's name beside its own line (at its end where that is free, else beside an earlier
 * point), then 'even'. Counts in `keyed` are named in the key instead.
 */
function placeInPlot(
  rows: readonly ShareRow[],
  impliedUs: readonly ImpliedWeek[],
  layout: Layout,
  state: string,
  keyed: ReadonlySet<Method>,
): Placement {
  const s = pxScales(layout);
  const obstacles = drawnObstacles(rows, impliedUs, layout, s);
  const { base } = layout;
  const bounds: Box = {
    x0: base.marginLeft!,
    x1: base.width! - 2,
    y0: base.marginTop! - 4,
    y1: base.height! - base.marginBottom!,
  };
  const out: Placement = { labels: [], unplaced: [] };
  const place = (label: Omit<InPlotLabel, 'spot'>, candidates: Spot[]): boolean => {
    const spot = takeSpot(label.text, Number(label.fontWeight), candidates, obstacles, bounds);
    if (!spot) return false;
    out.labels.push({ ...label, spot });
    return true;
  };
  const style = { fillOpacity: 1, fontWeight: '600' };
  if (state !== 'all' && !keyed.has(state as Method)) {
    const m = state as Method;
    const text = latestValue(rows, m);
    const note = { ...style, text, fill: cssVar('text'), className: 'value-note is-emphasis' };
    if (!place(note, valueSpots(rows, m, s))) out.unplaced.push(m);
  }
  // The shown count first, then the others from the top of the drawing down.
  for (const m of [...drawOrder(state)].reverse()) {
    if (keyed.has(m) || out.unplaced.includes(m)) continue;
    const name = {
      ...style,
      text: METHOD_LABEL[m],
      fill: METHOD_COLOR[m],
      className: 'direct-label',
    };
    const spots = pointsOf(rows, m, s)
      .reverse()
      .flatMap((p) => spotsAround(p.x, p.y));
    if (!place({ ...name, fillOpacity: opacityIn(state, m) }, spots)) out.unplaced.push(m);
  }
  const even = { text: 'even', fill: cssVar('muted'), fillOpacity: 1, fontWeight: '400' };
  const evenAt = evenSpots(layout, s);
  if (!place({ ...even, className: 'even-label' }, evenAt))
    out.labels.push({ ...even, className: 'even-label', spot: evenAt[0]! });
  return out;
}

/** An entry of the key above the plot: a stretch of the count's line and its name. */
export interface KeyItem {
  method: Method;
  text: string;
  /** Left end of the line swatch and the row's vertical middle, in px. */
  x: number;
  y: number;
}

const SWATCH = 18;

/** The key's entries for the counts in `keyed`, in the drawing's order, wrapped into rows. In a
 *  one-count state the shown count's entry carries its latest value. */
function keyItems(
  rows: readonly ShareRow[],
  keyed: ReadonlySet<Method>,
  state: string,
  width: number,
): KeyItem[] {
  const items: KeyItem[] = [];
  let x = 2;
  let row = 0;
  for (const m of METHODS_DRAWN.filter((k) => keyed.has(k))) {
    const text =
      m === state ? `${METHOD_LABEL[m]}, latest ${latestValue(rows, m)}` : METHOD_LABEL[m];
    const w = SWATCH + 5 + labelWidth(text, 600);
    if (x > 2 && x + w > width - 2) {
      x = 2;
      row++;
    }
    items.push({ method: m, text, x, y: KEY_ROW / 2 + row * KEY_ROW });
    x += w + 14;
  }
  return items;
}

export interface Labels {
  layout: Layout;
  inPlot: InPlotLabel[];
  key: KeyItem[];
  /** Rows of key this state needs (the layout may reserve more). */
  keyRows: number;
}

/** The layout and every label of a state at a width: counts whose words find no free spot in
 *  the plot move to the key, one pass at a time, until every label has its place. The key takes
 *  at least `minKeyRows` rows (its entries next to the plot), so that every state of the chart
 *  can have one height. */
export function placeLabels(
  rows: readonly ShareRow[],
  impliedUs: readonly ImpliedWeek[],
  width: number,
  state: string,
  minKeyRows = 0,
): Labels {
  const keyed = new Set<Method>();
  for (;;) {
    const items = keyItems(rows, keyed, state, width);
    const used = items.length ? Math.round((items.at(-1)!.y - KEY_ROW / 2) / KEY_ROW) + 1 : 0;
    const keyRows = Math.max(used, minKeyRows);
    const key = items.map((k) => ({ ...k, y: k.y + (keyRows - used) * KEY_ROW }));
    const layout = layoutOf(rows, width, keyRows);
    const placed = placeInPlot(rows, impliedUs, layout, state, keyed);
    if (!placed.unplaced.length) return { layout, inPlot: placed.labels, key, keyRows: used };
    for (const m of placed.unplaced) keyed.add(m);
  }
}

/** The labels as marks, positioned through the chart's own scales: the in-plot labels, and the
 *  key's line swatches and names above the plot. */
export function labelMarks(labels: Labels, state: string): Plot.Markish[] {
  const s = pxScales(labels.layout);
  const x = (px: number) => s.x.invert!(px) as Date;
  const y = (px: number) => s.y.invert!(px) as number;
  return [
    ...labels.inPlot.map((l) =>
      annotate([l.text], {
        x: x(l.spot.x),
        y: y(l.spot.y),
        textAnchor: l.spot.anchor,
        fill: l.fill,
        fillOpacity: l.fillOpacity,
        fontWeight: l.fontWeight,
        className: l.className,
      }),
    ),
    ...labels.key.flatMap((k) => [
      Plot.link([k], {
        x1: x(k.x),
        x2: x(k.x + SWATCH),
        y1: y(k.y),
        y2: y(k.y),
        stroke: METHOD_COLOR[k.method],
        strokeWidth: 2,
        strokeDasharray: METHOD_DASH[k.method],
        strokeOpacity: opacityIn(state, k.method),
        className: 'method-key',
      }),
      annotate([k.text], {
        x: x(k.x + SWATCH + 5),
        y: y(k.y),
        textAnchor: 'start',
        fill: METHOD_COLOR[k.method],
        fillOpacity: opacityIn(state, k.method),
        fontWeight: '600',
        className: 'method-key',
      }),
    ]),
  ];
}
