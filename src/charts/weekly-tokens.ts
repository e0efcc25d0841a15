/** China vs U.S. weekly tokens, summed from the weekly leaderboard by the media. */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import {
  formatChange,
  formatPercent,
  formatSmall,
  formatTokens,
  formatWeek,
} from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';
import {
  addDays,
  annotate,
  axisX,
  axisY,
  day,
  endLabels,
  frame,
  gridY,
  HALO,
  isNarrow,
  LABEL_SIZE,
  monthTick,
  monthTicks,
  niceDomain,
  shortMonthTick,
  ORIGIN_LABEL,
  originScale,
  ruleY,
  textWidth,
  yRange,
} from './theme.ts';
import { col, uniq } from './common.ts';
import { ESTIMATE_KEY, ESTIMATE_LABEL, ESTIMATES, estimateDots } from './estimate.ts';
import type { ChartFactory } from './types.ts';
import {
  mid,
  seriesOf,
  shortWeek,
  weekEstimate,
  weeklyFigures,
  weeklyModel,
  type GapRun,
  type MediaWeek,
  type WeeklyModel,
  type WeeklyTokensRow,
} from './weekly-tokens-model.ts';

export type { WeeklyTokensRow } from './weekly-tokens-model.ts';

/** The drawing's size at a width: frame, y domain, px per week, and which side of the peg's
 *  points its value labels take (left near the right edge). */
interface Layout {
  width: number;
  narrow: boolean;
  base: PlotOptions;
  yDomain: [number, number];
  weekPx: number;
  /** The peg's mid-week in px from the left edge of the drawing. */
  pegX: number;
  valueSide: 1 | -1;
}

function layoutOf(model: WeeklyModel, width: number, height?: number): Layout {
  const narrow = isNarrow(width);
  const base = frame(width, {
    height: height ?? 350,
    marginTop: 30,
    marginRight: narrow ? 46 : 52,
    marginLeft: 40,
    // Room under the axis for the key: four rows on phones, where it wraps.
    marginBottom: narrow ? 88 : 50,
  });
  const span = model.x1.getTime() - model.x0.getTime();
  const plotW = width - base.marginLeft! - base.marginRight!;
  const pegX = base.marginLeft! + ((mid(model.peg).getTime() - model.x0.getTime()) / span) * plotW;
  return {
    width,
    narrow,
    base,
    yDomain: niceDomain(0, model.yMax),
    weekPx: plotW / (span / (7 * 864e5)),
    pegX,
    valueSide: pegX > width - 90 ? -1 : 1,
  };
}

/** A week's highlight band (the peg, the week before). */
const weekBand = (ws: string, className: string, opacity = 1): Plot.Rect =>
  Plot.rectX([ws], {
    x1: (d: string) => day(d),
    x2: (d: string) => addDays(d, 7),
    fill: cssVar('highlight'),
    fillOpacity: opacity,
    className,
  });

/** The bands behind the lines: weeks with no figure (grey, in every state, so gaps stay
 *  visible), the peg's week, and in the 'before' step the week before it. */
function bandMarks(model: WeeklyModel, state: string): Plot.Markish[] {
  const emphGaps = state === 'gaps';
  return [
    Plot.rectX(model.gapRuns, {
      x1: (g: GapRun) => day(g.start),
      x2: (g: GapRun) => addDays(g.start, 7 * g.weeks),
      fill: cssVar('grid'),
      fillOpacity: emphGaps ? 1 : 0.6,
      className: emphGaps ? 'gap-band is-emphasis' : 'gap-band',
    }),
    weekBand(
      model.peg.week_start,
      state === 'peg' ? 'peg-band is-emphasis' : 'peg-band',
      state === 'before' || state === 'gaps' ? 0.6 : 1,
    ),
    ...(state === 'before' && model.before
      ? [weekBand(model.before.week_start, 'before-band is-emphasis')]
      : []),
  ];
}

/** A point's tooltip: side, week, tokens and the kind of estimate where it is one. */
function tip(r: WeeklyTokensRow): string {
  const kind = weekEstimate(r);
  return `${ORIGIN_LABEL[r.origin]}, ${formatWeek(r.week_start, r.week_end)}: ${formatTokens(r.tokens, 'long')}${kind ? ` (${ESTIMATE_LABEL[kind]})` : ''}`;
}

/** Grid, axes, each week's China–U.S. rule, the two lines and their dots (hollow estimates). */
function seriesMarks(model: WeeklyModel, layout: Layout): Plot.Markish[] {
  const ticks = layout.narrow ? 4 : 5;
  return [
    gridY({ ticks }),
    axisY({ ticks, tickFormat: (v: number) => formatTokens(v) }),
    // Every other month, in short, on phones: nine full names ran together at 375 px.
    axisX({
      ticks: monthTicks(model.x0, model.x1, layout.narrow ? 2 : 1),
      tickFormat: layout.narrow ? shortMonthTick : monthTick,
    }),
    ruleY([0]),
    Plot.ruleX(model.pairs, {
      x: 'x',
      y1: 'y1',
      y2: 'y2',
      stroke: cssVar('rule'),
      strokeOpacity: 0.7,
      strokeWidth: 1.5,
      className: 'week-gap',
    }),
    Plot.link(model.links, {
      x1: 'x1',
      y1: 'y1',
      x2: 'x2',
      y2: 'y2',
      stroke: 'origin',
      strokeWidth: 2,
      className: 'series-line',
    }),
    ...estimateDots(
      model.rows.filter((r) => r.tokens !== null),
      weekEstimate,
      (r) => originColor(r.origin),
      { x: mid, y: 'tokens', r: 3.5, title: tip },
    ),
  ];
}

/** The gaps, named in their bands: "no figures, N weeks" at the foot where a run is wider than
 *  the words; rotated, from the top, where it is narrower (at the foot they sat on the spring
 *  weeks' lines, which the autumn's volumes press to the bottom), except in a week the
 *  implied-lead note already names. */
function gapNotes(model: WeeklyModel, layout: Layout, emphGaps: boolean): Plot.Markish[] {
  const rotated = (g: GapRun) => g.weeks * layout.weekPx < textWidth('no figures', LABEL_SIZE) + 6;
  const implied = new Set(model.impliedUs);
  const named = (g: GapRun) =>
    Array.from({ length: g.weeks }, (_, i) => addDays(g.start, 7 * i)).some((d) =>
      implied.has(d.toISOString().slice(0, 10)),
    );
  const gapLabel = (g: GapRun) =>
    !rotated(g) && g.weeks > 1 ? `no figures,\n${formatSmall(g.weeks)} weeks` : 'no figure';
  const common = {
    x: (g: GapRun) => addDays(g.start, 3.5 * g.weeks),
    y: layout.yDomain[0],
    dy: -6,
    text: gapLabel,
    fill: emphGaps ? cssVar('text') : cssVar('muted'),
    fontWeight: emphGaps ? '600' : '400',
    className: emphGaps ? 'gap-note is-emphasis' : 'gap-note',
  };
  return [
    annotate(
      model.gapRuns.filter((g) => rotated(g) && !named(g)),
      { ...common, y: layout.yDomain[1], dy: 2, rotate: -90, textAnchor: 'end' },
    ),
    annotate(
      model.gapRuns.filter((g) => !rotated(g)),
      { ...common, textAnchor: 'middle', lineAnchor: 'bottom' },
    ),
  ];
}

/** Weeks the streak statements imply the U.S. led: named in the U.S. colour, never as a figure. */
function impliedNotes(model: WeeklyModel, layout: Layout, emphGaps: boolean): Plot.Text {
  return annotate(model.impliedUs, {
    x: (w: string) => addDays(w, 3.5),
    y: layout.yDomain[1],
    dy: 2,
    rotate: -90,
    textAnchor: 'end',
    text: () => 'U.S. led (implied)',
    fill: originColor('US'),
    fontWeight: '600',
    className: emphGaps ? 'implied-lead is-emphasis' : 'implied-lead',
  });
}

/** Where the peg's name goes above the chart: from its week's start, middle or end by where
 *  the week falls, moved in where that would run past an edge of the drawing (at 375 px it ran
 *  off the right). */
function pegLabelAt(
  label: string,
  model: WeeklyModel,
  layout: Layout,
): { x: Date; textAnchor: 'start' | 'middle' | 'end' } {
  const { peg, x0, x1 } = model;
  const { pegX, width, base } = layout;
  const anchor = pegX > width * 0.66 ? 'end' : pegX < width * 0.33 ? 'start' : 'middle';
  const x = addDays(peg.week_start, anchor === 'start' ? 0 : anchor === 'end' ? 7 : 3.5);
  const plotW = width - base.marginLeft! - base.marginRight!;
  const px = (d: Date) => base.marginLeft! + ((+d - +x0) / (+x1 - +x0)) * plotW;
  // Bold text runs about a tenth wider than the theme's estimate.
  const w = textWidth(label, LABEL_SIZE) * 1.1;
  const left = anchor === 'start' ? px(x) : anchor === 'end' ? px(x) - w : px(x) - w / 2;
  if (left >= 2 && left + w <= width - 2) return { x, textAnchor: anchor };
  const clamped = Math.max(2, Math.min(left, width - 2 - w));
  const date = new Date(+x0 + ((clamped - base.marginLeft!) / plotW) * (+x1 - +x0));
  return { x: date, textAnchor: 'start' };
}

/** The news peg named above the chart, its two values beside their points, and the lines' end
 *  labels. */
function pegMarks(model: WeeklyModel, layout: Layout): Plot.Markish[] {
  const { peg } = model;
  const label = `${shortWeek(peg.week_start, peg.week_end)}: the news peg, China ${formatPercent(peg.cn_share)}`;
  return [
    Plot.text([label], {
      ...pegLabelAt(label, model, layout),
      frameAnchor: 'top',
      dy: -8,
      lineAnchor: 'bottom',
      fontSize: LABEL_SIZE,
      fontWeight: '600',
      fill: cssVar('text'),
      ...HALO,
      className: 'peg-label',
    }),
    Plot.text(pegValues(model, layout), {
      x: mid(peg),
      y: 'y',
      text: (d: { v: number }) => formatTokens(d.v),
      textAnchor: 'middle',
      fill: (d: { o: string }) => originColor(d.o),
      fontSize: LABEL_SIZE,
      fontWeight: '700',
      ...HALO,
      className: 'peg-value',
    }),
    endLabels(
      (['CN', 'US'] as const).map((o) => {
        const l = seriesOf(model.rows, o).at(-1)!;
        return { x: mid(l), y: l.tokens!, text: ORIGIN_LABEL[o]!, fill: originColor(o) };
      }),
      { domain: layout.yDomain, range: yRange(layout.base) },
    ),
  ];
}

/** The peg's two values, China's over the U.S.'s, stacked above every point within three
 *  weeks of the peg: beside their points they sat on each other and on the neighbouring
 *  weeks' lines, which the autumn's volumes press to the bottom (seen at 375 px). */
function pegValues(model: WeeklyModel, layout: Layout): { o: string; v: number; y: number }[] {
  const { peg } = model;
  const near = model.rows.filter(
    (r) => r.tokens !== null && Math.abs(+mid(r) - +mid(peg)) <= 21 * 864e5,
  );
  const top = Math.max(peg.cn!, peg.us!, ...near.map((r) => r.tokens!));
  const [d0, d1] = layout.yDomain;
  const [r0, r1] = yRange(layout.base) as [number, number];
  const perPx = (d1 - d0) / Math.abs(r0 - r1);
  return [
    { o: 'CN', v: peg.cn!, y: top + (LABEL_SIZE * 2 + 4) * perPx },
    { o: 'US', v: peg.us!, y: top + (LABEL_SIZE + 2) * perPx },
  ];
}

interface KeyItem {
  text: string;
  dot: { fill: string; symbol?: string; stroke?: string };
}

/** The key's entries: only the kinds of value the chart shows, with the shared estimate key's
 *  symbols and words (estimate.ts). */
function keyItemsOf(model: WeeklyModel): KeyItem[] {
  const items: KeyItem[] = [];
  if (model.rows.some((r) => r.status === 'reported'))
    items.push({ text: 'reported', dot: { fill: cssVar('text') } });
  const kinds = ESTIMATES.filter((k) => model.rows.some((r) => weekEstimate(r) === k));
  if (kinds.length)
    items.push({
      text: `${ESTIMATE_KEY.estimated.toLowerCase()} (${kinds.map((k) => ESTIMATE_LABEL[k]).join(', ')})`,
      dot: { fill: cssVar('bg') },
    });
  if (model.gapRuns.length > 0)
    items.push({
      text: 'no figure',
      dot: { fill: cssVar('grid'), symbol: 'square', stroke: cssVar('grid') },
    });
  return items;
}

/** The key, under the axis: left to right, wrapping to a second line under the first where
 *  the width runs out. */
function keyMarks(model: WeeklyModel, layout: Layout): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  let kx = 6;
  let ky = layout.narrow ? 31 : 36;
  const room = layout.width - layout.base.marginLeft!;
  for (const item of keyItemsOf(model)) {
    // An entry wider than the drawing breaks before its parenthesis (it ran off at 360 px).
    const it =
      8 + textWidth(item.text, LABEL_SIZE) + 6 > room
        ? { ...item, text: item.text.replace(' (', '\n(') }
        : item;
    const lines = it.text.split('\n');
    const w = 8 + Math.max(...lines.map((l) => textWidth(l, LABEL_SIZE))) + 16;
    if (kx > 6 && kx + w - 16 > room) {
      kx = 6;
      ky += 16;
    }
    marks.push(
      Plot.dot([0], {
        frameAnchor: 'bottom-left',
        dx: kx,
        dy: ky,
        r: it.dot.symbol === 'square' ? 5 : 3.5,
        symbol: it.dot.symbol ?? 'circle',
        fill: it.dot.fill,
        stroke: it.dot.stroke ?? cssVar('text'),
        strokeWidth: 1.5,
        className: 'key',
      }),
      Plot.text([it.text], {
        frameAnchor: 'bottom-left',
        dx: kx + 8,
        // A two-line entry hangs from its first line, level with its symbol.
        dy: lines.length > 1 ? ky - LABEL_SIZE * 0.6 : ky,
        lineAnchor: lines.length > 1 ? 'top' : 'middle',
        textAnchor: 'start',
        fontSize: LABEL_SIZE,
        fill: cssVar('muted'),
        className: 'key',
      }),
    );
    kx += w;
    // The entry after a two-line one starts a row under both lines.
    if (lines.length > 1) {
      ky += 16 * (lines.length - 1);
      kx = room;
    }
  }
  return marks;
}

/** The week's gap between China and the U.S., named: the peg's in the peg step (to the right,
 *  between its two value labels), the week before's beside it (to the left) in the next step. */
function weekGapMarks(model: WeeklyModel, layout: Layout, state: string): Plot.Markish[] {
  const { peg, before } = model;
  const weeks: MediaWeek[] =
    state === 'peg' ? [peg] : state === 'before' && before ? [before, peg] : [];
  const gaps = weeks
    .filter((w) => w.cn !== null && w.us !== null)
    .map((w) => ({
      x: addDays(w.week_start, 3.5),
      y1: Math.min(w.cn!, w.us!),
      y2: Math.max(w.cn!, w.us!),
      y: (w.cn! + w.us!) / 2,
      text: `gap ${formatTokens(Math.abs(w.cn! - w.us!))}`,
      right: w === peg,
    }));
  if (!gaps.length) return [];
  return [
    Plot.ruleX(gaps, {
      x: 'x',
      y1: 'y1',
      y2: 'y2',
      stroke: cssVar('text'),
      strokeWidth: 2.5,
      className: 'week-gap is-emphasis',
    }),
    ...[true, false].map((right) =>
      annotate(
        gaps.filter((g) => g.right === right),
        {
          x: 'x',
          y: 'y',
          text: 'text',
          dx: right ? layout.valueSide * 7 : -7,
          textAnchor: right && layout.valueSide > 0 ? 'start' : 'end',
          fontWeight: '700',
          className: 'gap-value is-emphasis',
        },
      ),
    ),
  ];
}

/** The 'before' step's note on the week before the peg: how its figures were worked out. */
function beforeNote(before: MediaWeek, layout: Layout): Plot.Text {
  return annotate(
    [
      `${shortWeek(before.week_start, before.week_end)}: back-calculated\nfrom the next week's\nreported changes\nChina ${formatTokens(before.cn)}, U.S. ${formatTokens(before.us)}`,
    ],
    {
      x: addDays(before.week_start, 3.5),
      y: layout.yDomain[1],
      dy: 2,
      lineAnchor: 'top',
      textAnchor: layout.narrow ? 'middle' : 'end',
      dx: layout.narrow ? 0 : -4,
      className: 'before-note is-emphasis',
    },
  );
}

/** The data table's columns, each cell in words. */
const COLUMNS = [
  col<WeeklyTokensRow, 'week_start'>('week_start', 'week', (v, r) => formatWeek(v, r.week_end)),
  col<WeeklyTokensRow, 'origin'>('origin', 'origin', (v) => ORIGIN_LABEL[v] ?? v),
  col<WeeklyTokensRow, 'tokens'>('tokens', 'tokens', (v) => formatTokens(v, 'long')),
  col<WeeklyTokensRow, 'status'>('status', 'status', (v) =>
    v === 'missing'
      ? 'no figure'
      : v === 'derived'
        ? 'back-calculated'
        : v === 'secondary'
          ? 'secondary source'
          : 'reported',
  ),
  col<WeeklyTokensRow, 'implied_leader'>(
    'implied_leader',
    'implied_leader',
    (v) => `${ORIGIN_LABEL[v] ?? v} ahead, implied by the outlets' streak counts`,
  ),
  col<WeeklyTokensRow, 'wow_change_pct'>('wow_change_pct', 'wow_change_pct', (v) =>
    formatChange(v),
  ),
  col<WeeklyTokensRow, 'formula'>('formula', 'formula'),
  col<WeeklyTokensRow, 'source_ids'>('source_ids', 'source_ids'),
];

export const weeklyTokensChart: ChartFactory = (data) => {
  const model = weeklyModel(data);
  return {
    id: 'weekly-tokens',
    // Its words are in the document's [methodologyCharts] (src/story/article.aml); its title
    // keeps the scope the fact-check asked for (FACT-CHECK-2, error 7).
    title: '',
    subtitle: '',
    figures: weeklyFigures(model, data),
    notes: [],
    sourceIds: uniq(model.raw.filter((r) => r.origin !== 'all').flatMap((r) => r.source_ids)),
    datasets: ['weekly-tokens'],
    rows: model.rows,
    estimate: weekEstimate,
    columns: COLUMNS,
    description: '',
    // Labels in src/story/article.aml ([.states] of weekly-tokens in [methodologyCharts]).
    states: [
      { id: 'all', label: '' },
      { id: 'peg', label: '' },
      { id: 'before', label: '' },
      { id: 'gaps', label: '' },
    ],
    plot(width, state = 'all', size) {
      const layout = layoutOf(model, width, size?.height);
      const emphGaps = state === 'gaps';
      const marks: Plot.Markish[] = [
        ...bandMarks(model, state),
        ...seriesMarks(model, layout),
        ...gapNotes(model, layout, emphGaps),
        // Not in the peg and week-before steps, whose notes sit in the same corner.
        ...(state === 'all' || emphGaps ? [impliedNotes(model, layout, emphGaps)] : []),
        ...pegMarks(model, layout),
        ...keyMarks(model, layout),
        ...weekGapMarks(model, layout, state),
        ...(state === 'before' && model.before ? [beforeNote(model.before, layout)] : []),
      ];
      return {
        ...layout.base,
        x: { type: 'utc', domain: [model.x0, model.x1] },
        y: { domain: layout.yDomain },
        color: originScale(),
        marks,
      };
    },
  };
};
