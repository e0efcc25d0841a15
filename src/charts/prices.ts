/**
 * Input and output list prices per million tokens by model and origin, log scale. Shape tells
 * input (a square) from output (a circle), so that fill can follow the estimate rule of every
 * chart (estimate.ts): a second-hand price, quoted by a third party, is drawn hollow. The rows
 * and the figures are in prices-model.ts.
 */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { formatMultiple, formatPrice, formatUsd } from '../lib/format.ts';
import { cssVar, originColor } from '../lib/palette.ts';
import { col, uniq } from './common.ts';
import { ESTIMATE_LABEL, estimateDots } from './estimate.ts';
import { pricedModels } from './price-models.ts';
import {
  figuresOf,
  type Picks,
  picksOf,
  priceEstimate,
  type PriceRow,
  rowsOf,
} from './prices-model.ts';
import {
  axisX,
  frame,
  frameNote,
  gridX,
  HALO,
  isNarrow,
  LABEL_SIZE,
  marginFor,
  ORIGIN_LABEL,
  originKey,
  originScale,
  usdTick,
} from './theme.ts';
import type { ChartColumn, ChartFactory } from './types.ts';

/** Width (px) of the "free" lane left of the log axis: 0 has no place on a log scale. */
export const FREE_LANE = 52;

/** The table's and download's columns; the multiple is of the reference model's output price. */
function columnsOf(ref: PriceRow | undefined): ChartColumn<PriceRow>[] {
  return [
    col<PriceRow, 'model'>('model', 'model'),
    col<PriceRow, 'origin'>('origin', 'origin', (v) => ORIGIN_LABEL[v] ?? v),
    col<PriceRow, 'input_usd_per_mtok'>('input_usd_per_mtok', 'input_usd_per_mtok', (v) =>
      formatPrice(v),
    ),
    col<PriceRow, 'output_usd_per_mtok'>('output_usd_per_mtok', 'output_usd_per_mtok', (v) =>
      formatPrice(v),
    ),
    col<PriceRow, 'blended_usd_per_mtok'>('blended_usd_per_mtok', 'blended_usd_per_mtok', (v) =>
      formatPrice(v),
    ),
    {
      ...col<PriceRow, 'output_x_ref'>(
        'output_x_ref',
        `output_x_${ref ? ref.model_id.replace(/^.*\//, '') : 'ref'}`,
        (v) => formatMultiple(v),
      ),
      heading: `Output price, × ${ref ? ref.label : 'reference'}`,
    },
    col<PriceRow, 'status'>('status', 'status'),
  ];
}

/** A row's label on the y axis: the short form on phones. */
type RowLabel = (r: PriceRow) => string;

/** The glyphs' key: shape tells input from output, fill tells reported from second-hand. */
const GLYPH_KEY = ['■ input  ● output  | blended', '□ ○ second-hand'] as const;

/** Rows of key above the plot (origins, then the glyphs): on phones the glyphs' key takes two
 *  rows, since one would run past the frame's left edge in the page's font. */
const keyRowsOf = (narrow: boolean): number => (narrow ? 3 : 2);

/** Height of the cheap rule's label above one line: on phones it takes two lines ("Grok 4.1
 *  Fast," / "blended $0.23/M"), since one would run past the frame's right edge at 320 px. */
const labelLiftOf = (narrow: boolean): number => (narrow ? 15 : 0);

const priceTip = (r: PriceRow): string =>
  `${r.label} (${ORIGIN_LABEL[r.origin]}): ${formatPrice(r.input_usd_per_mtok)} input, ${formatPrice(r.output_usd_per_mtok)} output, ${formatPrice(r.blended_usd_per_mtok)} blended per million tokens${r.status === 'secondary' ? ` (${ESTIMATE_LABEL.secondary})` : ''}`;

/** The log domain (from below the cheapest input price to a half-decade above the dearest
 *  output price) and its ticks, every other one on phones. */
function xDomainOf(paid: readonly PriceRow[], narrow: boolean) {
  const lo = Math.min(...paid.map((r) => r.input_usd_per_mtok));
  const hi = Math.max(...paid.map((r) => r.output_usd_per_mtok));
  const domain: [number, number] = [
    lo / 1.4,
    Math.pow(10, Math.ceil(Math.log10(hi * 1.1) * 2) / 2),
  ];
  const ticks = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100]
    .filter((t) => t >= domain[0] && t <= domain[1])
    .filter((t, i) => !narrow || i % 2 === 0 || t === 1);
  return { domain, ticks };
}

/** The model names: on phones above each row (right of the free lane), else a y axis. */
function rowLabelMarks(rows: readonly PriceRow[], lab: RowLabel, narrow: boolean): Plot.Markish {
  if (!narrow)
    return Plot.axisY({ color: cssVar('text'), tickSize: 0, tickPadding: 6, label: null });
  return Plot.text(rows, {
    y: lab,
    text: lab,
    frameAnchor: 'left',
    textAnchor: 'start',
    dx: FREE_LANE,
    dy: -13,
    fontSize: LABEL_SIZE,
    fill: cssVar('text'),
    ...HALO,
    className: 'row-label',
  });
}

/** Each paid model's prices: a link from input to output, the input price (a square), the
 *  output price (a circle) and the blended price (a tick). Fill tells reported from second-hand
 *  (the estimate rule, estimate.ts): both glyphs of a second-hand price are hollow. */
function priceMarks(paid: readonly PriceRow[], lab: RowLabel, narrow: boolean): Plot.Markish[] {
  const color = (r: PriceRow) => originColor(r.origin);
  return [
    Plot.link(paid, {
      y: lab,
      x1: 'input_usd_per_mtok',
      x2: 'output_usd_per_mtok',
      stroke: 'origin',
      strokeWidth: 2,
      strokeOpacity: 0.6,
    }),
    ...estimateDots(paid, priceEstimate, color, {
      y: lab,
      x: 'input_usd_per_mtok',
      r: 3.5,
      symbol: 'square',
      title: priceTip,
      className: 'price-input',
    }),
    ...estimateDots(paid, priceEstimate, color, {
      y: lab,
      x: 'output_usd_per_mtok',
      r: 4.5,
      title: priceTip,
      className: 'price-output',
    }),
    Plot.tickX(paid, {
      y: lab,
      x: 'blended_usd_per_mtok',
      stroke: 'origin',
      strokeWidth: 2,
      inset: narrow ? 5 : 2,
      className: 'price-blended',
    }),
  ];
}

/** The title's comparisons, drawn: the cheapest U.S. model's blended price as a rule against
 *  every model's blended tick, and the output prices of the dearest U.S. model and the
 *  reference model, labelled above their dot (near the right edge) or beside it. */
function comparisonMarks(
  picks: Picks,
  lab: RowLabel,
  domainHigh: number,
  narrow: boolean,
): Plot.Markish[] {
  const { dearUS, ref, cheapUS } = picks;
  const valued = [dearUS, ...(ref && ref !== dearUS ? [ref] : [])];
  const cheapText = `${cheapUS.model},${narrow ? '\n' : ' '}blended ${formatPrice(cheapUS.blended_usd_per_mtok)}`;
  return [
    Plot.ruleX([cheapUS.blended_usd_per_mtok], {
      stroke: cssVar('rule'),
      strokeDasharray: '2,3',
      className: 'cheap-rule is-emphasis',
    }),
    Plot.text([cheapText], {
      x: cheapUS.blended_usd_per_mtok,
      frameAnchor: 'top',
      dy: -4,
      dx: -3,
      textAnchor: 'start',
      lineAnchor: 'bottom',
      fontSize: LABEL_SIZE,
      fontWeight: '600',
      fill: cssVar('text'),
      ...HALO,
      className: 'cheap-label',
    }),
    ...[true, false].map((above) =>
      Plot.text(
        valued.filter((r) => r.output_usd_per_mtok > domainHigh / 4 === above),
        {
          y: lab,
          x: 'output_usd_per_mtok',
          text: (r: PriceRow) => formatUsd(r.output_usd_per_mtok),
          dy: above ? -11 : 0,
          dx: above ? 0 : 8,
          lineAnchor: above ? 'bottom' : 'middle',
          textAnchor: above ? 'middle' : 'start',
          fontSize: LABEL_SIZE,
          fontWeight: '700',
          fill: (r: PriceRow) => originColor(r.origin),
          ...HALO,
          className: 'value-label',
        },
      ),
    ),
  ];
}

/** Free models in the lane left of the log axis (0 has no place on it): a diamond and "free". */
function freeMarks(free: readonly PriceRow[], lab: RowLabel): Plot.Markish[] {
  return [
    ...estimateDots(free, priceEstimate, (r) => originColor(r.origin), {
      y: lab,
      frameAnchor: 'left',
      dx: 8,
      r: 4,
      symbol: 'diamond',
      title: priceTip,
      className: 'price-free is-emphasis',
    }),
    Plot.text(free, {
      y: lab,
      frameAnchor: 'left',
      dx: 15,
      text: () => 'free',
      textAnchor: 'start',
      fontSize: LABEL_SIZE,
      fontWeight: '600',
      fill: cssVar('text'),
      ...HALO,
      className: 'price-free',
    }),
  ];
}

/** The keys above the plot: the free lane's heading, the glyphs, and the origins' colours, a
 *  row of 24 px each above the row of the free lane's heading. */
function keyMarks(rows: readonly PriceRow[], marginLeft: number, narrow: boolean): Plot.Markish[] {
  const glyphLines = narrow ? [...GLYPH_KEY] : [GLYPH_KEY.join('  ')];
  const originDy = -30 - labelLiftOf(narrow) - 24 * glyphLines.length;
  return [
    frameNote('free', 'top-left', {
      dx: 4,
      dy: -4,
      textAnchor: 'start',
      lineAnchor: 'bottom',
      fontWeight: '600',
    }),
    ...glyphLines.map((line, i) =>
      frameNote(line, 'top-right', { dy: originDy + 24 * (i + 1), textAnchor: 'end' }),
    ),
    ...originKey(
      rows.map((r) => r.origin),
      { dy: originDy, dx: 4 - marginLeft },
    ),
  ];
}

/** The chart at a width: a row per model on a log price axis, the free lane at its left. */
function pricesPlot(rows: readonly PriceRow[], picks: Picks, width: number): PlotOptions {
  const narrow = isNarrow(width);
  const lab: RowLabel = (r) => (narrow ? r.short_label : r.label);
  const labels = rows.map(lab);
  const marginLeft = narrow ? 8 : marginFor(labels);
  const { domain, ticks } = xDomainOf(picks.paid, narrow);
  const base = frame(width, {
    height: rows.length * (narrow ? 34 : 22) + 24 + 24 * keyRowsOf(narrow) + labelLiftOf(narrow),
    marginLeft,
    marginRight: 20,
    marginTop: 10 + 24 * keyRowsOf(narrow) + labelLiftOf(narrow),
    marginBottom: 26,
  });
  return {
    ...base,
    x: { type: 'log', domain, insetLeft: FREE_LANE },
    y: { domain: labels, padding: 0.3, align: narrow ? 1 : 0.5, axis: null },
    color: originScale(),
    marks: [
      Plot.ruleX([domain[0]], {
        dx: -6,
        stroke: cssVar('rule'),
        strokeDasharray: '2,3',
        className: 'free-lane',
      }),
      gridX({ ticks }),
      axisX({ ticks, tickFormat: usdTick }),
      rowLabelMarks(rows, lab, narrow),
      ...priceMarks(picks.paid, lab, narrow),
      ...comparisonMarks(picks, lab, domain[1], narrow),
      ...freeMarks(picks.free, lab),
      ...keyMarks(rows, marginLeft, narrow),
    ],
  };
}

export const pricesChart: ChartFactory = (data) => {
  const models = pricedModels(data);
  const rows = rowsOf(data, models);
  const picks = picksOf(rows);
  return {
    id: 'prices',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml ([methodologyCharts]); these are the figures they name.
    figures: figuresOf(rows, picks),
    sourceIds: uniq(models.flatMap((p) => p.source_ids)),
    datasets: ['model-prices', 'labs'],
    rows,
    columns: columnsOf(picks.ref),
    estimate: priceEstimate,
    description: '',
    plot: (width) => pricesPlot(rows, picks, width),
  };
};
