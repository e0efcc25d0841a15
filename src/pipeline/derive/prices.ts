import type { LabRow, ModelPriceRow, Origin } from '../datasets.ts';
import { originLookup } from './origin.ts';
import { BLEND_INPUT_PER_OUTPUT, PRICE_REFERENCE_MODEL } from '../../lib/story-settings.ts';

/** USD per million tokens for a mix of `inputPerOutput` input tokens to each output token. */
export function blendedPrice(
  input: number,
  output: number,
  inputPerOutput = BLEND_INPUT_PER_OUTPUT,
): number {
  return (inputPerOutput * input + output) / (inputPerOutput + 1);
}

/** Cost in USD of a session of `tokens` tokens of which `inputShare` (0-1) are input. */
export function sessionCost(
  p: Pick<ModelPriceRow, 'input_usd_per_mtok' | 'output_usd_per_mtok'>,
  tokens: number,
  inputShare: number,
): number {
  return (
    (tokens * inputShare * p.input_usd_per_mtok +
      tokens * (1 - inputShare) * p.output_usd_per_mtok) /
    1e6
  );
}

export interface PricePoint {
  model: string;
  model_id: string;
  lab_slug: string;
  /** Origin as published at the time (a stealth model is undisclosed). */
  origin: Origin;
  /** For a stealth model revealed later: the lab slug, its origin and the date. */
  revealed_as: string | null;
  revealed_origin: Origin | null;
  revealed_on: string | null;
  input: number;
  output: number;
  blended: number;
  /** Multiples of the reference model's price; null for the reference or when it is free. */
  input_x_ref: number | null;
  output_x_ref: number | null;
  blended_x_ref: number | null;
  free: boolean;
  context_tokens: number | null;
  release_date: string | null;
  status: 'reported' | 'secondary';
  source_ids: string[];
}

export function pricePoints(rows: readonly ModelPriceRow[], labs: readonly LabRow[]): PricePoint[] {
  const origin = originLookup(labs);
  const ref = rows.find((r) => r.model === PRICE_REFERENCE_MODEL);
  const ratio = (a: number, b: number | undefined) => (b === undefined || b === 0 ? null : a / b);
  const refBlend = ref ? blendedPrice(ref.input_usd_per_mtok, ref.output_usd_per_mtok) : undefined;
  return rows.map((r) => {
    const blended = blendedPrice(r.input_usd_per_mtok, r.output_usd_per_mtok);
    const isRef = r === ref;
    return {
      model: r.model,
      model_id: r.model_id,
      lab_slug: r.lab_slug,
      origin: origin(r.lab_slug),
      revealed_as: r.revealed_as,
      revealed_origin: r.revealed_as ? origin(r.revealed_as) : null,
      revealed_on: r.revealed_on,
      input: r.input_usd_per_mtok,
      output: r.output_usd_per_mtok,
      blended,
      input_x_ref: isRef ? null : ratio(r.input_usd_per_mtok, ref?.input_usd_per_mtok),
      output_x_ref: isRef ? null : ratio(r.output_usd_per_mtok, ref?.output_usd_per_mtok),
      blended_x_ref: isRef ? null : ratio(blended, refBlend),
      free: r.input_usd_per_mtok === 0 && r.output_usd_per_mtok === 0,
      context_tokens: r.context_tokens,
      release_date: r.release_date,
      status: r.status,
      source_ids: r.source_ids,
    };
  });
}
