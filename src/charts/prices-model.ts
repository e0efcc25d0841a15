/**
 * The prices chart's rows and the figures its words name: one row per priced model
 * (price-models.ts), the models the title compares, and which prices are second-hand.
 */
import { formatMultiple, formatPrice, formatSmall } from '../lib/format.ts';
import type { Origin } from '../pipeline/datasets.ts';
import { BLEND_INPUT_PER_OUTPUT, PRICE_REFERENCE_MODEL } from '../lib/story-settings.ts';
import { listText } from './common.ts';
import type { Estimate } from './estimate.ts';
import { modelNames, type PricedModel } from './price-models.ts';
import type { SiteData } from './types.ts';

export interface PriceRow {
  model: string;
  label: string;
  short_label: string;
  model_id: string;
  origin: Origin;
  input_usd_per_mtok: number;
  output_usd_per_mtok: number;
  blended_usd_per_mtok: number;
  output_x_ref: number | null;
  free: boolean;
  has_free_variant: boolean;
  status: string;
}

/** A price is second-hand when it is quoted by a third party rather than by the lab or a
 *  gateway (status "secondary" in data/model-prices.csv); the rest are reported. */
export const priceEstimate = (r: PriceRow): Estimate | null =>
  r.status === 'secondary' ? 'secondary' : null;

/** One row per priced model, dearest output price first (then input price, then name). */
export function rowsOf(data: SiteData, models: readonly PricedModel[]): PriceRow[] {
  const freeVariant = new Set(
    data.datasets['model-prices'].filter((r) => r.has_free_variant).map((r) => r.model),
  );
  return models
    .map((p) => ({
      ...modelNames(p),
      input_usd_per_mtok: p.input,
      output_usd_per_mtok: p.output,
      blended_usd_per_mtok: Math.round(p.blended * 1000) / 1000,
      output_x_ref: p.output_x_ref,
      free: p.free,
      has_free_variant: freeVariant.has(p.model),
      status: p.status,
    }))
    .sort(
      (a, b) =>
        b.output_usd_per_mtok - a.output_usd_per_mtok ||
        b.input_usd_per_mtok - a.input_usd_per_mtok ||
        (a.model < b.model ? -1 : 1),
    );
}

/** The rows the words and the drawing single out: the paid and free models, the reference
 *  model, the dearest U.S. model by output price, the cheapest U.S. model by blended price and
 *  the Chinese models it is compared with. */
export interface Picks {
  paid: PriceRow[];
  free: PriceRow[];
  ref: PriceRow | undefined;
  dearUS: PriceRow;
  cheapUS: PriceRow;
  cn: PriceRow[];
}

export function picksOf(rows: readonly PriceRow[]): Picks {
  const paid = rows.filter((r) => !r.free);
  const us = paid.filter((r) => r.origin === 'US');
  return {
    paid,
    free: rows.filter((r) => r.free),
    ref: rows.find((r) => r.model === PRICE_REFERENCE_MODEL),
    dearUS: us[0]!,
    cheapUS: [...us].sort((a, b) => a.blended_usd_per_mtok - b.blended_usd_per_mtok)[0]!,
    cn: paid.filter((r) => r.origin === 'CN'),
  };
}

/** The figures the words in src/story/article.aml ([methodologyCharts]) name ("cheaper than
 *  seven of eight": the count of Chinese models dearer than the cheapest U.S. model). */
export function figuresOf(rows: readonly PriceRow[], picks: Picks): Record<string, string> {
  const { paid, free, ref, dearUS, cheapUS, cn } = picks;
  const cnDearer = cn.filter((r) => r.blended_usd_per_mtok > cheapUS.blended_usd_per_mtok).length;
  const cnDearerOut = cn.filter((r) => r.output_usd_per_mtok > cheapUS.output_usd_per_mtok).length;
  // "all eight", "seven of eight": a count of the whole set reads as "all".
  const ofCn = (n: number) =>
    n === cn.length ? `all ${formatSmall(n)}` : `${formatSmall(n)} of ${formatSmall(cn.length)}`;
  return {
    pricesDearUs: dearUS.model,
    pricesDearUsOutX: formatMultiple(dearUS.output_x_ref),
    pricesCheapUs: cheapUS.model,
    pricesCheapUsIn: formatPrice(cheapUS.input_usd_per_mtok),
    pricesCheapUsOut: formatPrice(cheapUS.output_usd_per_mtok),
    pricesCnDearer: ofCn(cnDearer),
    pricesCnDearerOut: ofCn(cnDearerOut),
    pricesInputPerOutput: String(BLEND_INPUT_PER_OUTPUT),
    pricesFree: free.map((r) => r.model).join(', '),
    pricesFreeVariants: rows
      .filter((r) => r.has_free_variant)
      .map((r) => r.model)
      .join(', '),
    pricesOutLow: formatPrice(paid[paid.length - 1]!.output_usd_per_mtok),
    pricesOutLowModel: paid[paid.length - 1]!.model,
    pricesOutHigh: formatPrice(paid[0]!.output_usd_per_mtok),
    pricesOutHighModel: paid[0]!.model,
    pricesRef: ref?.model ?? '',
    pricesRefIn: ref ? formatPrice(ref.input_usd_per_mtok) : '',
    pricesRefOut: ref ? formatPrice(ref.output_usd_per_mtok) : '',
    pricesSecondHand: listText(rows.filter((r) => priceEstimate(r) !== null).map((r) => r.model)),
  };
}
