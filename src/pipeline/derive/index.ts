import type { RawDatasets } from '../datasets.ts';
import { apiSeries, apiWeeks, type ApiSeries } from './api.ts';
import { captureVerdicts, withGoodCaptures, type CaptureVerdict } from '../quality/index.ts';
import { appIntensity, toolCallSplit, type AppIntensity, type ToolCallSplit } from './agents.ts';
import { pricePoints, type PricePoint } from './prices.ts';
import { impliedLeads, leadSeries, type ImpliedLead, type LeadPoint } from './streaks.ts';
import { outletMethodWeeks, type OutletMethodWeek } from './outlet-method.ts';
import { appClassShares, type AppClassCapture } from './app-classes.ts';
import { ALT_INPUT_PER_OUTPUT, priceMix, type PriceMix } from './price-mix.ts';
import { shareShift, wholeWeeks, type ShareShift } from './share-shift.ts';
import { stealthWeeks, type StealthWeek } from './stealth.ts';
import { BLEND_INPUT_PER_OUTPUT } from '../../lib/story-settings.ts';
import { authorWeeks, mediaWeeks, modelWeeks, type Method, type WeekPoint } from './weeks.ts';

/** Everything the pipeline computes from the raw datasets. */
export interface Derived {
  weeks: Record<Method, WeekPoint[]>;
  /** OpenRouter's own count, by day and week, with the as_of its citation needs. */
  api: ApiSeries;
  leads: Record<Method, LeadPoint[]>;
  prices: PricePoint[];
  apps: AppIntensity[];
  toolCalls: ToolCallSplit[];
  /** Weeks whose leader the outlets' streak statements imply (media count), and weeks on which
   *  two statements disagree. */
  impliedLeads: { weeks: ImpliedLead[]; conflicts: string[] };
  /** The capture-quality gate's verdict on every capture of every section. */
  captureVerdicts: CaptureVerdict[];
  /** The outlets' method (top 10 of the week by origin) rebuilt from OpenRouter's own data, per
   *  week, with the outlets' figures for whole weeks set against it. */
  outletMethod: OutletMethodWeek[];
  /** The "why" measured: tokens by price and context, the share shift by model, stealth, apps. */
  why: WhyMeasured;
}

export interface WhyMeasured {
  /** At the story's blend, and at the alternative mix. */
  priceMix: PriceMix;
  priceMixAlt: PriceMix;
  /** First whole week of the Data API against the latest whole week; null with fewer than two. */
  shareShift: ShareShift | null;
  stealth: StealthWeek[];
  appClasses: AppClassCapture[];
}

/** The measured "why" from the Data API, the dated price snapshot and the app captures. */
export function deriveWhy(raw: RawDatasets): WhyMeasured {
  const api = raw['api-daily-tokens'];
  const prices = raw['api-model-prices'];
  const whole = wholeWeeks(api);
  return {
    priceMix: priceMix(api, prices, raw.labs, BLEND_INPUT_PER_OUTPUT),
    priceMixAlt: priceMix(api, prices, raw.labs, ALT_INPUT_PER_OUTPUT),
    shareShift: whole.length < 2 ? null : shareShift(api, raw.labs, whole[0]!, whole.at(-1)!),
    stealth: stealthWeeks(api, raw['model-prices'], raw.labs),
    appClasses: appClassShares(raw['captures-apps'], raw['app-classes']),
  };
}

/**
 * Everything derived from the datasets. Captures the quality gate sets aside take no part:
 * weekly resets, shares, leads, the tool-call split and the apps are computed from good
 * captures only.
 */
export function derive(all: RawDatasets): Derived {
  const verdicts = captureVerdicts(all);
  const raw = withGoodCaptures(all, verdicts);
  const api = apiSeries(raw['api-daily-tokens'], raw.labs);
  const weeks = {
    api: apiWeeks(api),
    media: mediaWeeks(raw['weekly-tokens']),
    authors: authorWeeks(raw['captures-market-share'], raw.labs),
    models: modelWeeks(raw['captures-models'], raw.labs),
  };
  return {
    weeks,
    api,
    leads: {
      api: leadSeries(weeks.api),
      media: leadSeries(weeks.media),
      authors: leadSeries(weeks.authors),
      models: leadSeries(weeks.models),
    },
    prices: pricePoints(raw['model-prices'], raw.labs),
    apps: appIntensity(raw['captures-apps']),
    toolCalls: toolCallSplit(raw['captures-tool-calls'], raw.labs),
    impliedLeads: impliedLeads(raw['lead-streaks']),
    captureVerdicts: verdicts,
    outletMethod: outletMethodWeeks(raw['api-daily-tokens'], raw.labs, raw['weekly-tokens']),
    why: deriveWhy(raw),
  };
}

/** The figures an editor checks after an update, as shown in the change report. */
export interface Headline {
  method: Method;
  week_end: string;
  cn: number | null;
  us: number | null;
  cn_share: number | null;
  leader: string | null;
  streak: number;
}

/** The latest week with both sides known, per method: a whole week where there is one. */
export function headlines(d: Derived): Headline[] {
  return (Object.keys(d.weeks) as Method[]).flatMap((m) => {
    const known = (w: WeekPoint) => w.cn !== null && w.us !== null;
    const whole = d.weeks[m].findLastIndex((w) => known(w) && w.status !== 'partial');
    const i = whole >= 0 ? whole : d.weeks[m].findLastIndex(known);
    if (i < 0) return [];
    const w = d.weeks[m][i]!;
    const l = d.leads[m][i]!;
    return [
      {
        method: m,
        week_end: w.week_end,
        cn: w.cn,
        us: w.us,
        cn_share: w.cn_share,
        leader: l.leader,
        streak: l.streak,
      },
    ];
  });
}
