/**
 * Each model's latest benchmark score (captures of OpenRouter's rankings page) joined with its
 * blended list price (model-prices), or, when too few models match, with the price of its
 * fastest endpoint (captures). The score-vs-price chart draws it and the story's price figures
 * quote it (src/story/figures/price.ts), so it lives in the data layer, below both: no copy
 * figure is computed by chart code (issue 18).
 */
import type { Origin } from '../pipeline/datasets.ts';
import { originLookup } from '../pipeline/derive/origin.ts';
import { goodRows } from '../pipeline/quality/index.ts';
import type { SiteData } from './site-data.ts';

/** An OpenRouter model id without its date suffix or variant ("…-20260318", ":free"). */
export const baseModelId = (id: string): string =>
  id.replace(/:[a-z]+$/, '').replace(/-\d{8}$/, '');

export interface ScorePriceRow {
  model: string;
  model_id: string;
  origin: Origin;
  score: number;
  /** Blended list price (model-prices) or the fastest endpoint's price (fallback join). */
  price_usd_per_mtok: number;
  price_kind: 'blended list price' | 'fastest-endpoint price';
  benchmark_name: string;
  benchmark_capture: string;
}

/** Fewer matches than this and the chart falls back to the captures' own prices. */
export const MIN_MATCHES = 4;

/** The most recent row of each model in a capture dataset, keyed by base model id: the
 *  benchmark scores and the fastest-endpoint prices are both read this way. */
function latestByModel<T extends { model_id: string; fetched_at_utc: string }>(
  rows: readonly T[],
): Map<string, T> {
  const by = new Map<string, T>();
  for (const r of rows) {
    const k = baseModelId(r.model_id);
    const prev = by.get(k);
    if (!prev || r.fetched_at_utc >= prev.fetched_at_utc) by.set(k, r);
  }
  return by;
}

type BenchmarkRow = SiteData['datasets']['captures-benchmarks'][number];

/** Each model's most recent benchmark row, keyed by base model id. */
function latestScores(data: SiteData): Map<string, BenchmarkRow> {
  return latestByModel(
    goodRows(
      'captures-benchmarks',
      data.datasets['captures-benchmarks'],
      data.derived.captureVerdicts,
    ),
  );
}

/** The fallback join: each scored model with the price of its fastest endpoint (captures). */
function fastestEndpointRows(data: SiteData, scores: Map<string, BenchmarkRow>): ScorePriceRow[] {
  const origin = originLookup(data.datasets.labs);
  const fast = latestByModel(
    goodRows('captures-fastest', data.datasets['captures-fastest'], data.derived.captureVerdicts),
  );
  const fb: ScorePriceRow[] = [];
  for (const [k, b] of scores) {
    const f = fast.get(k);
    if (!f || f.price_per_m_tokens <= 0) continue;
    fb.push({
      model: b.name,
      model_id: k,
      origin: origin(b.author),
      score: b.score,
      price_usd_per_mtok: f.price_per_m_tokens,
      price_kind: 'fastest-endpoint price',
      benchmark_name: b.name,
      benchmark_capture: b.snapshot_date,
    });
  }
  return fb;
}

export function scorePriceRows(data: SiteData): {
  rows: ScorePriceRow[];
  fallback: boolean;
  unmatched: string[];
  freeLeftOut: string[];
} {
  const scores = latestScores(data);
  const priced = data.derived.prices;
  const matched = priced.filter((p) => scores.has(baseModelId(p.model_id)));
  const freeLeftOut = matched.filter((p) => p.free).map((p) => p.model);
  const rows: ScorePriceRow[] = matched
    .filter((p) => !p.free)
    .map((p) => {
      const b = scores.get(baseModelId(p.model_id))!;
      return {
        model: p.model,
        model_id: p.model_id,
        origin: p.origin,
        score: b.score,
        price_usd_per_mtok: Math.round(p.blended * 1000) / 1000,
        price_kind: 'blended list price' as const,
        benchmark_name: b.name,
        benchmark_capture: b.snapshot_date,
      };
    });
  const unmatched = priced.filter((p) => !scores.has(baseModelId(p.model_id))).map((p) => p.model);
  if (rows.length >= MIN_MATCHES) return { rows, fallback: false, unmatched, freeLeftOut };
  // Fallback: the fastest-endpoint captures carry a price per model id.
  return { rows: fastestEndpointRows(data, scores), fallback: true, unmatched, freeLeftOut };
}
