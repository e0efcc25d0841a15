/** The priced models as the price charts show them: derived.prices plus display labels. */
import { formatDate } from '../lib/format.ts';
import type { Origin } from '../pipeline/datasets.ts';
import type { PricePoint } from '../pipeline/derive/prices.ts';
import { labName, MODEL_REVEALS, originOf } from './common.ts';
import type { SiteData } from './types.ts';

export interface PricedModel extends PricePoint {
  /** Short label for the chart: the model name, with "(stealth → Xiaomi)" for revealed stealth models. */
  label: string;
  /** The same, shorter, for narrow charts: "Hunter Alpha → Xiaomi". */
  short_label: string;
  /** The lab a stealth model was revealed as, if known. */
  revealed_lab: string | null;
  /** Origin of the revealed lab (or the published origin). */
  revealed_origin: Origin;
  reveal_note: string | null;
}

export function pricedModels(data: SiteData): PricedModel[] {
  const name = labName(data.datasets.labs);
  const origin = originOf(data.datasets.labs);
  const labs = new Map(data.datasets.labs.map((l) => [l.slug, l]));
  return data.derived.prices.map((p) => {
    const lab = labs.get(p.lab_slug);
    const known = MODEL_REVEALS[p.model_id];
    const revealedSlug = p.revealed ? (lab?.revealed_as ?? null) : (known?.lab_slug ?? null);
    const on = p.revealed ? (lab?.revealed_on ?? null) : (known?.on ?? null);
    const revealed_lab = revealedSlug ? name(revealedSlug) : null;
    return {
      ...p,
      label: revealed_lab ? `${p.model} (stealth → ${revealed_lab})` : p.model,
      short_label: revealed_lab ? `${p.model} → ${revealed_lab}` : p.model,
      revealed_lab,
      revealed_origin: revealedSlug ? origin(revealedSlug) : p.origin,
      reveal_note: revealed_lab
        ? `${p.model} was listed as a stealth model under OpenRouter's own name and revealed${on ? ` on ${formatDate(on)}` : ''} as ${known ? `an early build of ${revealed_lab} ${known.model}` : `a ${revealed_lab} model`}.`
        : null,
    };
  });
}
