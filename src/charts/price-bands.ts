/**
 * Where the tokens went, by price: for China's and the U.S.'s models, each whole week's tokens
 * split by the blended list price of the model that served them (derived.why.priceMix). It shows
 * whether China's tokens are cheaper tokens, and the U.S.'s cheap end; unpriced tokens keep their
 * own band so nothing is silently dropped. Prices are one dated snapshot, after the usage.
 */
import * as Plot from '@observablehq/plot';
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
  type PriceWeek,
} from '../pipeline/derive/price-mix.ts';
import { col } from './common.ts';
import { axisX, FONT_SIZE, frame, gridX, isNarrow, marginFor, textWidth } from './theme.ts';
import type { ChartFactory } from './types.ts';

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

export const priceBandsChart: ChartFactory = (data) => {
  const mix = data.derived.why.priceMix;
  const whole = (w: PriceWeek) => w.days === 7 && (w.origin === 'CN' || w.origin === 'US');
  const rows: PriceBandRow[] = mix.weeks.filter(whole).map((w) => ({
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
  const lastStart = rows.at(-1)?.week_start;
  const cn = rows.find((r) => r.week_start === lastStart && r.origin === 'CN');
  const us = rows.find((r) => r.week_start === lastStart && r.origin === 'US');
  const week = cn ? formatWeek(cn.week_start, cn.week_end) : '';
  const firstStart = rows[0]?.week_start;
  const usFirst = rows.find((r) => r.week_start === firstStart && r.origin === 'US');
  const citation = apiCitation(data.derived.api.as_of);
  const describe = (r: PriceBandRow) =>
    `${side(r.origin)}: ${PRICE_BANDS.map((b) => `${BAND_STYLE[b].label.replace(/^[A-Z]/, (c) => c.toLowerCase())} ${formatPercent(r[KEY[b]] as number)}`).join(', ')}; token-weighted median ${formatPrice(r.median_usd_per_mtok)}`;
  // The words are in src/story/article.aml; these are the figures they name. "Under $0.50/M:
  // China 65%, U.S. 63%, up from 29% in May" (the U.S.'s first whole week).
  const figures: Record<string, string> =
    cn && us && usFirst && lastStart !== firstStart
      ? {
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
          bandsWeek: week,
          bandsCn: describe(cn),
          bandsUs: describe(us),
        }
      : {};

  return {
    id: 'price-bands',
    title: '',
    subtitle: '',
    notes: [],
    figures,
    citation,
    sourceIds: [API_SOURCE, 'openrouter-models-api-2026-09-25'],
    datasets: ['api-daily-tokens', 'api-model-prices', 'labs'],
    rows,
    columns: [
      col<PriceBandRow, 'week_start'>('week_start', 'week_start', (v, r) =>
        formatWeek(v, r.week_end),
      ),
      col<PriceBandRow, 'origin'>('origin', 'origin', (v) => side(v)),
      col<PriceBandRow, 'tokens'>('tokens', 'tokens', (v) => formatTokens(v)),
      ...PRICE_BANDS.map((b) =>
        col<PriceBandRow, (typeof KEY)[PriceBand]>(KEY[b], KEY[b], (v) =>
          formatPercent(v as number),
        ),
      ),
      col<PriceBandRow, 'median_usd_per_mtok'>('median_usd_per_mtok', 'median_usd_per_mtok', (v) =>
        formatPrice(v),
      ),
      col<PriceBandRow, 'mean_usd_per_mtok'>('mean_usd_per_mtok', 'mean_usd_per_mtok', (v) =>
        formatPrice(v),
      ),
    ],
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      const label = (r: PriceBandRow) => formatDate(r.week_start, 'short');
      const weeks = new Set(rows.map((r) => r.week_start)).size;
      const left = marginFor(rows.map(label), FONT_SIZE, 48);
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
      const long = rows.flatMap((r) =>
        PRICE_BANDS.map((b, i) => ({
          row: r,
          week: label(r),
          side: side(r.origin),
          band: b,
          order: i,
          value: r[KEY[b]] as number,
        })),
      );
      // One tooltip per week and side (not per band), to keep the page light.
      const tip = (r: PriceBandRow) =>
        `${formatWeek(r.week_start, r.week_end)}, ${describe(r)}, of ${formatTokens(r.tokens)}`;
      let dx = 0;
      let dy = -top + 4;
      // The key: a swatch in the band's colour, then its name in the text colour; top facet only.
      const key = PRICE_BANDS.flatMap((b) => {
        const text = narrow ? BAND_STYLE[b].short : BAND_STYLE[b].label;
        const w = textWidth(`■ ${text}`, FONT_SIZE) + 14;
        if (dx > 0 && dx + w > width - left - 10) {
          dx = 0;
          dy += 16;
        }
        const at = {
          frameAnchor: 'top-left',
          facetAnchor: 'top',
          dy,
          fontSize: FONT_SIZE,
        } as const;
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
      return {
        ...base,
        x: { domain: [0, 100] },
        y: { domain: [...new Set(rows.map(label))], padding: 0.2, label: null },
        fy: { domain: ['China', 'U.S.'], label: null, padding: 0.12 },
        marks: [
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
            y: label,
            fy: (r: PriceBandRow) => side(r.origin),
            fill: 'transparent',
            title: tip,
            className: 'price-week',
          }),
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
          ...key,
        ],
      };
    },
  };
};
