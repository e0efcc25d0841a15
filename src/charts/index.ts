/** Every chart of the article, in article order. */
import { apiOriginsChart } from './api-origins.ts';
import { appIntensityChart } from './app-intensity.ts';
import { authorSharesChart } from './author-shares.ts';
import { contextWindowsChart } from './context-windows.ts';
import { policyTimelineChart } from './policy-timeline.ts';
import { policyUsageChart } from './policy-usage.ts';
import { priceBandsChart } from './price-bands.ts';
import { pricesChart } from './prices.ts';
import { scoreVsPriceChart } from './score-vs-price.ts';
import { sessionCostChart } from './session-cost.ts';
import { shareByMethodChart } from './share-by-method.ts';
import { shareFlipChart } from './share-flip.ts';
import { shareShiftChart } from './share-shift.ts';
import { toolCallsChart } from './tool-calls.ts';
import { topModelsChart } from './top-models.ts';
import type { Chart, ChartFactory, SiteData } from './types.ts';
import { weeklyTokensChart } from './weekly-tokens.ts';

/** The chart ids in article order (also the order of buildCharts). */
export const CHART_IDS = [
  'share-flip',
  'weekly-tokens',
  'share-by-method',
  'author-shares',
  'top-models',
  'api-origins',
  'app-intensity',
  'tool-calls',
  'context-windows',
  'prices',
  'price-bands',
  'share-shift',
  'score-vs-price',
  'session-cost',
  'policy-timeline',
  'policy-usage',
] as const;
export type ChartId = (typeof CHART_IDS)[number];

const FACTORIES: Record<ChartId, ChartFactory> = {
  'share-flip': shareFlipChart,
  'weekly-tokens': weeklyTokensChart,
  'share-by-method': shareByMethodChart,
  'author-shares': authorSharesChart,
  'top-models': topModelsChart,
  'api-origins': apiOriginsChart,
  'app-intensity': appIntensityChart,
  'tool-calls': toolCallsChart,
  'context-windows': contextWindowsChart,
  prices: pricesChart,
  'price-bands': priceBandsChart,
  'share-shift': shareShiftChart,
  'score-vs-price': scoreVsPriceChart,
  'session-cost': sessionCostChart,
  'policy-timeline': policyTimelineChart,
  'policy-usage': policyUsageChart,
};

/** Builds every chart against the data, in article order. */
export function buildCharts(data: SiteData): Chart[] {
  return CHART_IDS.map((id) => {
    const chart = FACTORIES[id](data);
    if (chart.id !== id) throw new Error(`chart factory for ${id} returned id ${chart.id}`);
    return chart;
  });
}

export { renderSvg } from './render.ts';
export { DEFAULT_INPUT_SHARE } from './session-cost.ts';
