/**
 * Where the tokens went, by price and by context window: every model-day of OpenRouter's Data API
 * joined to its price and context window (api-model-prices, one dated snapshot), summed per
 * Monday-to-Sunday week and origin. The question it answers is whether China's tokens are cheaper
 * tokens, and whether the U.S.'s are too at the cheap end; it cannot say why anyone chose a model.
 *
 * Unpriced models are counted and shown as their own band, never dropped: the median and mean are
 * over priced tokens (free variants at zero) and unpriced_pct says how much they leave out. The
 * `other` row (everything outside a day's top 50) has no model and so no price: it is not in
 * these figures. Stealth models are counted under the origin published at the time
 * (undisclosed); attributed_* give the same figures with later reveals applied (see stealth.ts).
 */
import { utcDay, utcMonday } from 'd3-time';
import type { ApiDailyTokenRow, ApiModelPriceRow, LabRow, Origin } from '../datasets.ts';
import { originLookup } from './origin.ts';
import { blendedPrice } from './prices.ts';

export const PRICE_BANDS = ['free', 'under-0.5', '0.5-to-3', 'over-3', 'unpriced'] as const;
export type PriceBand = (typeof PRICE_BANDS)[number];
/** Band edges in USD per million blended tokens: under $0.50, $0.50 to $3, over $3. */
export const BAND_EDGES = { low: 0.5, high: 3 } as const;

export const CONTEXT_BANDS = ['under-200k', '200k-to-1m', '1m-plus', 'unknown'] as const;
export type ContextBand = (typeof CONTEXT_BANDS)[number];
/** Context bands: under 200,000 tokens; 200,000 to under 1,000,000; 1,000,000 and more. */
export const CONTEXT_EDGES = { mid: 200_000, long: 1_000_000 } as const;

export const ORIGIN_GROUPS = ['CN', 'US', 'other', 'undisclosed'] as const;

/** One model-day of the Data API with its price (blended at the given mix) and context window. */
export interface PricedModelDay {
  date: string;
  permaslug: string;
  author: string;
  origin: Origin;
  tokens: number;
  price_status: ApiModelPriceRow['price_status'] | 'missing';
  /** Blended USD per million tokens; null when unpriced or missing from api-model-prices. */
  blended: number | null;
  band: PriceBand;
  context_tokens: number | null;
  context_band: ContextBand;
}

export interface PriceWeek {
  week_start: string;
  week_end: string;
  /** Days of the week present in the data (7 for a whole week). */
  days: number;
  origin: Origin;
  /** Tokens of this origin's models in the daily top 50s. */
  tokens: number;
  /** Tokens of models with no dated price (counted in band 'unpriced'). */
  unpriced_tokens: number;
  unpriced_pct: number;
  /** Share of tokens on free variants, percent of all this origin's tokens (unpriced included). */
  free_pct: number;
  /** Token share per price band, percent of all this origin's tokens; sums to 100. */
  band_pct: Record<PriceBand, number>;
  /** Token share per context band, percent of all this origin's tokens; sums to 100. */
  context_pct: Record<ContextBand, number>;
  /** Token-weighted median and mean blended price over priced tokens; null when none priced. */
  median_blended: number | null;
  mean_blended: number | null;
}

export interface PriceMix {
  /** Input tokens per output token in the blend. */
  input_per_output: number;
  /** The snapshot's date, and the first and last usage day joined to it. */
  snapshot_date: string;
  first_day: string | null;
  last_day: string | null;
  /** Days from the last usage day to the snapshot (its gap to the usage dates). */
  gap_days_min: number | null;
  gap_days_max: number | null;
  /** Permaslugs in the usage data with no row in api-model-prices (should be none). */
  missing: string[];
  weeks: PriceWeek[];
}

export const PRICE_SNAPSHOT_DATE = '2026-09-25';
/**
 * The alternative mix shown beside the story's blend (BLEND_INPUT_PER_OUTPUT, 10:1, the mix on
 * one snapshot of an agent-heavy model's page): 3:1, the mix common in published price
 * comparisons, which weights output prices more.
 */
export const ALT_INPUT_PER_OUTPUT = 3;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const pct = (x: number, all: number) => (all === 0 ? 0 : (100 * x) / all);

export function priceBand(blended: number | null, free: boolean): PriceBand {
  if (blended === null) return 'unpriced';
  if (free || blended === 0) return 'free';
  if (blended < BAND_EDGES.low) return 'under-0.5';
  if (blended <= BAND_EDGES.high) return '0.5-to-3';
  return 'over-3';
}

export function contextBand(ctx: number | null): ContextBand {
  if (ctx === null) return 'unknown';
  if (ctx < CONTEXT_EDGES.mid) return 'under-200k';
  if (ctx < CONTEXT_EDGES.long) return '200k-to-1m';
  return '1m-plus';
}

/** The token-weighted median: the lowest value at which the tokens at or below it reach half. */
export function weightedMedian(items: readonly { value: number; weight: number }[]): number | null {
  const s = [...items].filter((i) => i.weight > 0).sort((a, b) => a.value - b.value);
  const total = s.reduce((t, i) => t + i.weight, 0);
  if (total === 0) return null;
  let run = 0;
  for (const i of s) {
    run += i.weight;
    if (2 * run >= total) return i.value;
  }
  return s.at(-1)!.value;
}

/** Joins every model row of the Data API (not the `other` row) to its price and context. */
export function pricedModelDays(
  rows: readonly ApiDailyTokenRow[],
  prices: readonly ApiModelPriceRow[],
  labs: readonly LabRow[],
  inputPerOutput: number,
): PricedModelDay[] {
  const origin = originLookup(labs);
  const by = new Map(prices.map((p) => [p.permaslug, p]));
  return rows
    .filter((r) => r.author !== null)
    .map((r) => {
      const p = by.get(r.model_permaslug);
      const priced =
        p !== undefined && p.input_usd_per_mtok !== null && p.output_usd_per_mtok !== null;
      const blended = priced
        ? blendedPrice(p.input_usd_per_mtok!, p.output_usd_per_mtok!, inputPerOutput)
        : null;
      const ctx = p?.context_tokens ?? null;
      return {
        date: r.date,
        permaslug: r.model_permaslug,
        author: r.author!,
        origin: origin(r.author!),
        tokens: r.total_tokens,
        price_status: p?.price_status ?? 'missing',
        blended,
        band: priceBand(blended, p?.price_status === 'free-variant'),
        context_tokens: ctx,
        context_band: contextBand(ctx),
      };
    });
}

function weekOf(days: readonly PricedModelDay[], start: string, o: Origin): PriceWeek {
  const rows = days.filter((d) => d.origin === o);
  const tokens = rows.reduce((t, d) => t + d.tokens, 0);
  const band = Object.fromEntries(PRICE_BANDS.map((b) => [b, 0])) as Record<PriceBand, number>;
  const ctx = Object.fromEntries(CONTEXT_BANDS.map((b) => [b, 0])) as Record<ContextBand, number>;
  for (const d of rows) {
    band[d.band] += d.tokens;
    ctx[d.context_band] += d.tokens;
  }
  const priced = rows.filter((d) => d.blended !== null);
  const pricedTokens = priced.reduce((t, d) => t + d.tokens, 0);
  const mean =
    pricedTokens === 0
      ? null
      : priced.reduce((t, d) => t + d.tokens * d.blended!, 0) / pricedTokens;
  return {
    week_start: start,
    week_end: iso(utcDay.offset(day(start), 6)),
    days: new Set(days.map((d) => d.date)).size,
    origin: o,
    tokens,
    unpriced_tokens: band.unpriced,
    unpriced_pct: pct(band.unpriced, tokens),
    free_pct: pct(band.free, tokens),
    band_pct: Object.fromEntries(PRICE_BANDS.map((b) => [b, pct(band[b], tokens)])) as Record<
      PriceBand,
      number
    >,
    context_pct: Object.fromEntries(CONTEXT_BANDS.map((b) => [b, pct(ctx[b], tokens)])) as Record<
      ContextBand,
      number
    >,
    median_blended: weightedMedian(priced.map((d) => ({ value: d.blended!, weight: d.tokens }))),
    mean_blended: mean,
  };
}

/** Per week and origin: price bands, free share, weighted median and mean, context bands. */
export function priceMix(
  rows: readonly ApiDailyTokenRow[],
  prices: readonly ApiModelPriceRow[],
  labs: readonly LabRow[],
  inputPerOutput: number,
): PriceMix {
  const days = pricedModelDays(rows, prices, labs, inputPerOutput);
  const byWeek = new Map<string, PricedModelDay[]>();
  for (const d of days) {
    const w = iso(utcMonday.floor(day(d.date)));
    const list = byWeek.get(w) ?? [];
    list.push(d);
    byWeek.set(w, list);
  }
  const weeks = [...byWeek.keys()]
    .sort()
    .flatMap((w) => ORIGIN_GROUPS.map((o) => weekOf(byWeek.get(w)!, w, o)));
  const dates = [...new Set(days.map((d) => d.date))].sort();
  const gap = (s: string | undefined) =>
    s === undefined ? null : Math.round((+day(PRICE_SNAPSHOT_DATE) - +day(s)) / 864e5);
  return {
    input_per_output: inputPerOutput,
    snapshot_date: PRICE_SNAPSHOT_DATE,
    first_day: dates[0] ?? null,
    last_day: dates.at(-1) ?? null,
    gap_days_min: gap(dates.at(-1)),
    gap_days_max: gap(dates[0]),
    missing: [...new Set(days.filter((d) => d.price_status === 'missing').map((d) => d.permaslug))],
    weeks,
  };
}
