/**
 * Where the tokens went, by price: for China's and the U.S.'s models, each whole week's tokens
 * split by the blended list price of the model that served them (derived.why.priceMix). It shows
 * whether China's tokens are cheaper tokens, and the U.S.'s cheap end; unpriced tokens keep their
 * own band so nothing is silently dropped. Prices are one dated snapshot, after the usage.
 */
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import {
  formatDate,
  formatMonth,
  formatPercent,
  formatPrice,
  formatTokens,
  formatWeek,
} from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { API_SOURCE, apiCitation } from '../pipeline/derive/api.ts';
import {
  BAND_EDGES,
  PRICE_BANDS,
  type PriceBand,
  type PriceMix,
  type PriceWeek,
} from '../pipeline/derive/price-mix.ts';
import { col } from './common.ts';
import { axisX, FONT_SIZE, frame, gridX, isNarrow, marginFor, textWidth } from './theme.ts';
import type { ChartColumn, ChartFactory } from './types.ts';

const low = formatPrice(BAND_EDGES.low);
const high = formatPrice(BAND_EDGES.high);
/** Bands left to right, cheapest first; unpriced last, in the highlight colour. */
export const BAND_STYLE: Record<
  PriceBand,
  { label: string; short: string; fill: string; op: number }
> = {
  free: { label: 'Free variant', short: 'Free', fill: cssVar('text'), op: 0.12 },
  'under-0.5': { label: `Under ${low}`, short: `<${low}`, fill: cssVar('text'), op: 0.35 },
  '0.5-to-3': { label: `${low}–${high}`, short: `${low}–${high}`, fill: cssVar('text'), op: 0.6 },
  'over-3': { label: `Over ${high}`, short: `>${high}`, fill: cssVar('text'), op: 0.88 },
  unpriced: { label: 'Unpriced', short: 'Unpriced', fill: cssVar('highlight'), op: 1 },
};

export interface PriceBandRow {
  week_start: string;
  week_end: string;
  origin: 'CN' | 'US';
  tokens: number;
  free_pct: number;
  under_0_5_pct: number;
  from_0_5_to_3_pct: number;
  over_3_pct: number;
  unpriced_pct: number;
  median_usd_per_mtok: number | null;
  mean_usd_per_mtok: number | null;
}

const KEY: Record<PriceBand, keyof PriceBandRow> = {
  free: 'free_pct',
  'under-0.5': 'under_0_5_pct',
  '0.5-to-3': 'from_0_5_to_3_pct',
  'over-3': 'over_3_pct',
  unpriced: 'unpriced_pct',
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const cheap = (r: PriceBandRow) => r.free_pct + r.under_0_5_pct;
const side = (o: 'CN' | 'US') => (o === 'CN' ? 'China' : 'U.S.');

/** One row per whole week (7 days) and side, China or the U.S., with its band shares rounded to
 *  one decimal. */
function rowsOf(mix: PriceMix): PriceBandRow[] {
  const whole = (w: PriceWeek) => w.days === 7 && (w.origin === 'CN' || w.origin === 'US');
  return mix.weeks.filter(whole).map((w) => ({
    week_start: w.week_start,
    week_end: w.week_end,
    origin: w.origin as 'CN' | 'US',
    tokens: w.tokens,
    free_pct: r1(w.band_pct.free),
    under_0_5_pct: r1(w.band_pct['under-0.5']),
    from_0_5_to_3_pct: r1(w.band_pct['0.5-to-3']),
    over_3_pct: r1(w.band_pct['over-3']),
    unpriced_pct: r1(w.band_pct.unpriced),
    median_usd_per_mtok: w.median_blended,
    mean_usd_per_mtok: w.mean_blended,
  }));
}

/** A side's week in words: every band's share and the token-weighted median price. */
const describe = (r: PriceBandRow): string =>
  `${side(r.origin)}: ${PRICE_BANDS.map((b) => `${BAND_STYLE[b].label.replace(/^[A-Z]/, (c) => c.toLowerCase())} ${formatPercent(r[KEY[b]] as number)}`).join(', ')}; token-weighted median ${formatPrice(r.median_usd_per_mtok)}`;

/** The figures the words in src/story/article.aml name: "Under $0.50/M: China 65%, U.S. 63%, up
 *  from 29% in May" (the U.S.'s first whole week). None when there is one week or no pair. */
function figuresOf(rows: readonly PriceBandRow[], mix: PriceMix): Record<string, string> {
  const lastStart = rows.at(-1)?.week_start;
  const cn = rows.find((r) => r.week_start === lastStart && r.origin === 'CN');
  const us = rows.find((r) => r.week_start === lastStart && r.origin === 'US');
  const firstStart = rows[0]?.week_start;
  const usFirst = rows.find((r) => r.week_start === firstStart && r.origin === 'US');
  if (!(cn && us && usFirst && lastStart !== firstStart)) return {};
  return {
    bandsLow: low,
    bandsCnCheap: formatPercent(cheap(cn), 0),
    bandsUsCheap: formatPercent(cheap(us), 0),
    bandsUsDirection: cheap(us) >= cheap(usFirst) ? 'up' : 'down',
    bandsUsCheapFirst: formatPercent(cheap(usFirst), 0),
    bandsUsFirstMonth: formatMonth(usFirst.week_start).replace(/ \d{4}$/, ''),
    bandsRatio: `${mix.input_per_output}:1`,
    bandsInputPerOutput: String(mix.input_per_output),
    bandsFirstDay: formatDate(rows[0]!.week_start),
    bandsLastDay: formatDate(cn.week_end),
    bandsSnapshot: formatDate(mix.snapshot_date),
    bandsWeek: formatWeek(cn.week_start, cn.week_end),
    bandsCn: describe(cn),
    bandsUs: describe(us),
  };
}

const COLUMNS: ChartColumn<PriceBandRow>[] = [
  col<PriceBandRow, 'week_start'>('week_start', 'week_start', (v, r) => formatWeek(v, r.week_end)),
  col<PriceBandRow, 'origin'>('origin', 'origin', (v) => side(v)),
  col<PriceBandRow, 'tokens'>('tokens', 'tokens', (v) => formatTokens(v)),
  ...PRICE_BANDS.map((b) =>
    col<PriceBandRow, (typeof KEY)[PriceBand]>(KEY[b], KEY[b], (v) => formatPercent(v as number)),
  ),
  col<PriceBandRow, 'median_usd_per_mtok'>('median_usd_per_mtok', 'median_usd_per_mtok', (v) =>
    formatPrice(v),
  ),
  col<PriceBandRow, 'mean_usd_per_mtok'>('mean_usd_per_mtok', 'mean_usd_per_mtok', (v) =>
    formatPrice(v),
  ),
];

/** The key above the top facet: a swatch in each band's colour, then its name in the text
 *  colour, wrapping to a new row where the next entry would pass the width. */
function bandKey(width: number, left: number, top: number, narrow: boolean): Plot.Text[] {
  let dx = 0;
  let dy = -top + 4;
  return PRICE_BANDS.flatMap((b) => {
    const text = narrow ? BAND_STYLE[b].short : BAND_STYLE[b].label;
    const w = textWidth(`■ ${text}`, FONT_SIZE) + 14;
    if (dx > 0 && dx + w > width - left - 10) {
      dx = 0;
      dy += 16;
    }
    const at = { frameAnchor: 'top-left', facetAnchor: 'top', dy, fontSize: FONT_SIZE } as const;
    const marks = [
      Plot.text(['■'], {
        ...at,
        textAnchor: 'start',
        dx: dx - left + 4,
        fill: BAND_STYLE[b].fill,
        fillOpacity: BAND_STYLE[b].op,
        stroke: cssVar('rule'),
        strokeWidth: 0.4,
        className: 'color-key',
      }),
      Plot.text([text], {
        ...at,
        textAnchor: 'start',
        dx: dx - left + 4 + textWidth('■ ', FONT_SIZE),
        fill: cssVar('text'),
        className: 'color-key',
      }),
    ];
    dx += w;
    return marks;
  });
}

const weekLabel = (r: PriceBandRow): string => formatDate(r.week_start, 'short');

/** The bars: each week's bands stacked left to right (one segment per band), and over them a
 *  transparent bar per week and side that carries one tooltip (not one per band, to keep the
 *  page light). */
function barMarks(rows: readonly PriceBandRow[]): Plot.Markish[] {
  const long = rows.flatMap((r) =>
    PRICE_BANDS.map((b, i) => ({
      week: weekLabel(r),
      side: side(r.origin),
      band: b,
      order: i,
      value: r[KEY[b]] as number,
    })),
  );
  const tip = (r: PriceBandRow) =>
    `${formatWeek(r.week_start, r.week_end)}, ${describe(r)}, of ${formatTokens(r.tokens)}`;
  return [
    Plot.barX(
      long,
      Plot.stackX({
        order: 'order',
        x: 'value',
        y: 'week',
        fy: 'side',
        fill: (d: (typeof long)[number]) => BAND_STYLE[d.band].fill,
        fillOpacity: (d: (typeof long)[number]) => BAND_STYLE[d.band].op,
        className: 'price-band',
      }),
    ),
    Plot.barX(rows, {
      x1: 0,
      x2: 100,
      y: weekLabel,
      fy: (r: PriceBandRow) => side(r.origin),
      fill: 'transparent',
      title: tip,
      className: 'price-week',
    }),
  ];
}

/** The chart at a width: China's facet above the U.S.'s, a bar per week, the key on top. */
function bandsPlot(rows: readonly PriceBandRow[], width: number): PlotOptions {
  const narrow = isNarrow(width);
  const weeks = new Set(rows.map((r) => r.week_start)).size;
  const left = marginFor(rows.map(weekLabel), FONT_SIZE, 48);
  // Two rows of key on phones, one on wider screens.
  const keyRows = narrow ? 2 : 1;
  const top = 20 + keyRows * 16;
  const base = frame(width, {
    height: top + 34 + 2 * (weeks * (narrow ? 16 : 18) + 24),
    marginTop: top,
    marginLeft: left,
    marginRight: 50,
    marginBottom: 28,
  });
  return {
    ...base,
    x: { domain: [0, 100] },
    y: { domain: [...new Set(rows.map(weekLabel))], padding: 0.2, label: null },
    fy: { domain: ['China', 'U.S.'], label: null, padding: 0.12 },
    marks: [
      ...barMarks(rows),
      Plot.axisFy({
        anchor: 'right',
        tickSize: 0,
        fontWeight: '600',
        fontSize: FONT_SIZE,
        label: null,
      }),
      Plot.axisY({ tickSize: 0, fontSize: FONT_SIZE, label: null }),
      gridX({ ticks: [25, 50, 75], stroke: cssVar('bg'), strokeOpacity: 0.8 }),
      axisX({ ticks: [0, 25, 50, 75, 100], tickFormat: (v: number) => formatPercent(v, 0) }),
      ...bandKey(width, left, top, narrow),
    ],
  };
}

export const priceBandsChart: ChartFactory = (data) => {
  const mix = data.derived.why.priceMix;
  const rows = rowsOf(mix);
  return {
    id: 'price-bands',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml; these are the figures they name.
    figures: figuresOf(rows, mix),
    citation: apiCitation(data.derived.api.as_of),
    sourceIds: [API_SOURCE, 'openrouter-models-api-2026-09-25'],
    datasets: ['api-daily-tokens', 'api-model-prices', 'labs'],
    rows,
    columns: COLUMNS,
    description: '',
    plot: (width) => bandsPlot(rows, width),
  };
};
