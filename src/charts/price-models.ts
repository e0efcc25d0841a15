/** The priced models as the price charts show them: derived.prices plus display labels. */
import { formatDate } from '../lib/format.ts';
import type { PricePoint } from '../pipeline/derive/prices.ts';
import { labName } from './common.ts';
import type { SiteData } from './types.ts';

export interface PricedModel extends PricePoint {
  /** Short label for the chart: the model name, with "(stealth → Xiaomi)" for revealed stealth models. */
  label: string;
  /** The same, shorter, for narrow charts: "Hunter Alpha → Xiaomi". */
  short_label: string;
  /** The lab a stealth model was revealed as, if known. */
  revealed_lab: string | null;
  reveal_note: string | null;
}

export function pricedModels(data: SiteData): PricedModel[] {
  const name = labName(data.datasets.labs);
  return data.derived.prices.map((p) => {
    const revealed_lab = p.revealed_as ? name(p.revealed_as) : null;
    return {
      ...p,
      label: revealed_lab ? `${p.model} (stealth → ${revealed_lab})` : p.model,
      short_label: revealed_lab ? `${p.model} → ${revealed_lab}` : p.model,
      revealed_lab,
      reveal_note: revealed_lab
        ? `${p.model} was listed as a stealth model under OpenRouter's own name and revealed${p.revealed_on ? ` on ${formatDate(p.revealed_on)}` : ''} as a ${revealed_lab} model.`
        : null,
    };
  });
}

/** The fields that name a priced model in a chart's rows, in the order tables and downloads
 *  list them (context-windows and prices start their rows with them). */
export const modelNames = (p: PricedModel) => ({
  model: p.model,
  label: p.label,
  short_label: p.short_label,
  model_id: p.model_id,
  origin: p.origin,
});
