/**
 * The "why", measured: the figures and claims the technology and price sections lead with, from
 * OpenRouter's own daily tokens joined to one dated price snapshot (derived.why). Every
 * comparison here is a claim that can fail; the words that carry them are written in the copy
 * (placeholders named below), which says "went with" or "is consistent with", never "drove".
 *
 * Placeholders (all prefixed `why`): the latest whole week and the first, the cheap shares and
 * weighted prices by origin and their value at the other mix, the free and unpriced shares, the
 * snapshot's gap to the usage, long-context shares, the share shift and the models that moved it,
 * stealth tokens and both shares, the apps by class, and what stays untestable.
 */
import type { SiteData } from '../../data/site-data.ts';
import {
  formatCount,
  formatDate,
  formatPercent,
  formatPrice,
  formatSmall,
  formatTokens,
  formatWeek,
} from '../../lib/format.ts';
import type { PriceWeek } from '../../pipeline/derive/price-mix.ts';
import { BAND_EDGES, PRICE_SNAPSHOT_DATE } from '../../pipeline/derive/price-mix.ts';
import { blendedPrice } from '../../pipeline/derive/prices.ts';
import { addDays, list, type Sink } from './sink.ts';

const API = 'openrouter-data-api-rankings-daily';
const SNAPSHOT = 'openrouter-models-api-2026-09-25';
import { CAPTURE_SOURCE as CAPTURES } from '../../lib/source-ids.ts';
/** How many models the copy names as having moved the share. */
export const SHIFT_TOP_N = 3;
/** The highest share of either side's tokens that may be unpriced for the price figures to lead. */
export const UNPRICED_MAX_PCT = 5;
/** Cheap shares this close (points) are "about the same" in the copy. */
export const CHEAP_CLOSE_POINTS = 5;
/** A rise in the U.S.'s cheap share of at least this many points is "rose" in the copy. */
export const CHEAP_ROSE_POINTS = 10;

/** Percentage points, one decimal, with a true minus sign: "10.7 points", "−0.9 points". */
const pp = (x: number) =>
  `${x < 0 && x.toFixed(1) !== '-0.0' ? '−' : ''}${Math.abs(x).toFixed(1)} points`;
/** Share of a week's tokens on models under $0.50/M blended, free variants included. */
const cheapPct = (w: PriceWeek) => w.band_pct.free + w.band_pct['under-0.5'];

/**
 * The section's figures (`f.name = …`, the placeholders of the copy) and claims (`claim(…)`),
 * in the order the copy uses them. Over 60 lines on purpose: a declarative list whose entries
 * share the section's series computed at its top; split, one section's numbers would be spread
 * over functions that pass those series around.
 */
export function whyFigures(data: SiteData, s: Sink): void {
  const { f, claim } = s;
  const why = data.derived.why;
  const mix = why.priceMix;
  const shift = why.shareShift;
  const weekB = shift?.week_b ?? null;
  const weekA = shift?.week_a ?? null;
  const at = (weeks: readonly PriceWeek[], start: string | null, o: 'CN' | 'US') =>
    weeks.find((w) => w.week_start === start && w.origin === o);
  const cn = at(mix.weeks, weekB, 'CN');
  const us = at(mix.weeks, weekB, 'US');
  const cnAlt = at(why.priceMixAlt.weeks, weekB, 'CN');
  const usAlt = at(why.priceMixAlt.weeks, weekB, 'US');
  s.cite('price', [API, SNAPSHOT]);
  s.cite('technology', [API, SNAPSHOT, CAPTURES]);

  // Which weeks, and how far the price snapshot lies from them.
  f.whyLatestWeek = weekB ? formatWeek(weekB, addDays(weekB, 6)) : '';
  f.whyFirstWeek = weekA ? formatWeek(weekA, addDays(weekA, 6)) : '';
  f.whySnapshotDate = formatDate(PRICE_SNAPSHOT_DATE);
  f.whyUsageFrom = formatDate(mix.first_day);
  f.whyUsageTo = formatDate(mix.last_day);
  f.whySnapshotGapMin = formatCount(mix.gap_days_min);
  f.whySnapshotGapMax = formatCount(mix.gap_days_max);
  f.whyBlend = `${mix.input_per_output}:1`;
  f.whyBlendAlt = `${why.priceMixAlt.input_per_output}:1`;
  f.whyBandLow = formatPrice(BAND_EDGES.low);
  f.whyBandHigh = formatPrice(BAND_EDGES.high);

  // Price: where the tokens went.
  if (cn && us && cnAlt && usAlt) {
    f.whyCnCheapPct = formatPercent(cheapPct(cn), 0);
    f.whyUsCheapPct = formatPercent(cheapPct(us), 0);
    f.whyCnCheapPctAlt = formatPercent(cheapPct(cnAlt), 0);
    f.whyUsCheapPctAlt = formatPercent(cheapPct(usAlt), 0);
    f.whyCnMedian = formatPrice(cn.median_blended);
    f.whyUsMedian = formatPrice(us.median_blended);
    f.whyCnMean = formatPrice(cn.mean_blended);
    f.whyUsMean = formatPrice(us.mean_blended);
    f.whyCnOver3Pct = formatPercent(cn.band_pct['over-3'], 0);
    f.whyUsOver3Pct = formatPercent(us.band_pct['over-3'], 0);
    f.whyCnFreePct = formatPercent(cn.free_pct);
    f.whyUsFreePct = formatPercent(us.free_pct);
    f.whyCnUnpricedPct = formatPercent(cn.unpriced_pct);
    f.whyUsUnpricedPct = formatPercent(us.unpriced_pct);
    f.whyCnLongPct = formatPercent(cn.context_pct['1m-plus'], 0);
    f.whyUsLongPct = formatPercent(us.context_pct['1m-plus'], 0);
    f.whyCnLongUnknownPct = formatPercent(cn.context_pct.unknown);
    f.whyUsLongUnknownPct = formatPercent(us.context_pct.unknown);
  }
  const weeks = `week ${weekB ?? 'none'}`;
  const cnFirst = at(mix.weeks, weekA, 'CN');
  const usFirst = at(mix.weeks, weekA, 'US');
  if (usFirst && cnFirst) {
    f.whyUsCheapPctFirst = formatPercent(cheapPct(usFirst), 0);
    f.whyCnCheapPctFirst = formatPercent(cheapPct(cnFirst), 0);
  }
  const close = (a?: PriceWeek, b?: PriceWeek) =>
    !!(a && b) && Math.abs(cheapPct(a!) - cheapPct(b!)) < CHEAP_CLOSE_POINTS;
  claim(
    'why-cheap-shares-close',
    `in the latest whole week, China's and the U.S.'s shares of tokens on models under ${formatPrice(BAND_EDGES.low)} were within ${CHEAP_CLOSE_POINTS} points of each other, at both mixes`,
    close(cn, us) && close(cnAlt, usAlt),
    `${weeks}: CN ${f.whyCnCheapPct ?? '–'} vs US ${f.whyUsCheapPct ?? '–'} at ${f.whyBlend}; CN ${f.whyCnCheapPctAlt ?? '–'} vs US ${f.whyUsCheapPctAlt ?? '–'} at ${f.whyBlendAlt}`,
    ['BLEND_INPUT_PER_OUTPUT'],
  );
  claim(
    'why-us-cheap-share-rose',
    `the U.S.'s share of tokens on models under ${formatPrice(BAND_EDGES.low)} rose by at least ${CHEAP_ROSE_POINTS} points from the first whole week to the latest`,
    !!(us && usFirst) && cheapPct(us!) - cheapPct(usFirst!) >= CHEAP_ROSE_POINTS,
    `US ${f.whyUsCheapPctFirst ?? '–'} in week ${weekA ?? 'none'} -> ${f.whyUsCheapPct ?? '–'} in ${weeks}`,
    ['BLEND_INPUT_PER_OUTPUT'],
  );
  claim(
    'why-us-more-over-3',
    `a larger share of the U.S.'s tokens than of China's were on models over ${formatPrice(BAND_EDGES.high)} in the latest whole week`,
    !!(cn && us) && us.band_pct['over-3'] > cn.band_pct['over-3'],
    `${weeks}: US ${f.whyUsOver3Pct ?? '–'}, CN ${f.whyCnOver3Pct ?? '–'}`,
    ['BLEND_INPUT_PER_OUTPUT'],
  );
  claim(
    'why-cn-median-lower',
    "the token-weighted median price of China's tokens was below the U.S.'s in the latest whole week",
    !!(cn && us) &&
      cn.median_blended !== null &&
      us.median_blended !== null &&
      cn.median_blended < us.median_blended,
    `${weeks}: CN ${f.whyCnMedian ?? '–'}, US ${f.whyUsMedian ?? '–'}`,
    ['BLEND_INPUT_PER_OUTPUT'],
  );
  claim(
    'why-us-more-free',
    "cheap is not only Chinese: a larger share of the U.S.'s tokens than of China's were on free variants in the latest whole week",
    !!(cn && us) && us.free_pct > cn.free_pct,
    `${weeks}: US ${f.whyUsFreePct ?? '–'}, CN ${f.whyCnFreePct ?? '–'}`,
  );
  claim(
    'why-unpriced-small',
    `unpriced tokens were under ${UNPRICED_MAX_PCT}% of each side's tokens in the latest whole week`,
    !!(cn && us) && cn.unpriced_pct < UNPRICED_MAX_PCT && us.unpriced_pct < UNPRICED_MAX_PCT,
    `${weeks}: CN ${f.whyCnUnpricedPct ?? '–'}, US ${f.whyUsUnpricedPct ?? '–'}`,
  );

  // Technology: long context is not what sets China's tokens apart.
  claim(
    'why-us-more-long-context',
    "a larger share of the U.S.'s tokens than of China's were on models with a context window of a million tokens or more",
    !!(cn && us) && us.context_pct['1m-plus'] > cn.context_pct['1m-plus'],
    `${weeks}: US ${f.whyUsLongPct ?? '–'}, CN ${f.whyCnLongPct ?? '–'}`,
  );

  // What moved the share.
  if (shift) {
    const prices = new Map(data.datasets['api-model-prices'].map((p) => [p.permaslug, p]));
    // The largest parts in China's favour, and the largest against.
    const top = shift.models.filter((m) => m.pp > 0).slice(0, SHIFT_TOP_N);
    const against = shift.models.find((m) => m.pp < 0);
    const topSum = top.reduce((t, m) => t + m.pp, 0);
    f.whyShareFirst = formatPercent(shift.share_a);
    f.whyShareLatest = formatPercent(shift.share_b);
    f.whyShiftPp = pp(Math.abs(shift.change_pp));
    f.whyShiftTopN = formatSmall(top.length);
    f.whyShiftTopPp = pp(topSum);
    f.whyShiftNewPp = pp(shift.by_presence.new);
    f.whyShiftBothPp = pp(shift.by_presence.both);
    f.whyShiftGonePp = pp(shift.by_presence.gone);
    const describe = (m: (typeof shift.models)[number]) => {
      const p = prices.get(m.permaslug);
      const name = p?.model_id ?? m.permaslug;
      const blended =
        p?.input_usd_per_mtok != null && p.output_usd_per_mtok != null
          ? formatPrice(
              blendedPrice(p.input_usd_per_mtok, p.output_usd_per_mtok, mix.input_per_output),
            )
          : 'unpriced';
      const ctx = p?.context_tokens != null ? `${formatTokens(p.context_tokens)} context` : '';
      const dir = m.pp >= 0 ? '+' : '−';
      const made = m.presence === 'new' ? 'new, ' : m.presence === 'gone' ? 'gone, ' : '';
      return `${name} (${made}${m.side === 'CN' ? 'China' : 'U.S.'}, ${dir}${pp(Math.abs(m.pp))}, ${[blended, ctx].filter(Boolean).join(', ')})`;
    };
    f.whyShiftModels = list(top.map(describe));
    f.whyShiftAgainst = against ? describe(against) : '';
    f.whyShiftTopNewCount = formatSmall(top.filter((m) => m.presence === 'new').length);
    claim(
      'why-share-rose',
      "China's share of the China + U.S. total rose from the first whole week of OpenRouter's data to the latest",
      shift.change_pp > 0,
      `${shift.week_a} ${formatPercent(shift.share_a)} -> ${shift.week_b} ${formatPercent(shift.share_b)}`,
    );
    claim(
      'why-top-models-most-of-rise',
      `the ${SHIFT_TOP_N} models that added most to China's share added more than half of the rise`,
      shift.change_pp > 0 && top.length === SHIFT_TOP_N && 2 * topSum > shift.change_pp,
      `top ${SHIFT_TOP_N} ${pp(topSum)} of ${pp(shift.change_pp)}: ${f.whyShiftModels}`,
    );
    claim(
      'why-new-models-most-of-rise',
      'models absent from the first week’s top 50s account for more of the rise than models present in both weeks',
      shift.by_presence.new > shift.by_presence.both,
      `new ${pp(shift.by_presence.new)}, both ${pp(shift.by_presence.both)}, gone ${pp(shift.by_presence.gone)}`,
    );
  }

  // Stealth: tokens of anonymous models, and the share with and without later attributions.
  const st = why.stealth.find((w) => w.week_start === weekB);
  if (st) {
    f.whyStealthTokens = formatTokens(st.stealth_tokens, 'long');
    f.whyStealthModels = list(st.models);
    f.whySharePublished = formatPercent(st.cn_share_published);
    f.whyShareAttributed = formatPercent(st.cn_share_attributed);
  }
  // The week with the most stealth tokens, and how far a reveal could move its share.
  const peak = [...why.stealth].sort((a, b) => b.stealth_tokens - a.stealth_tokens)[0];
  if (peak && peak.stealth_tokens > 0) {
    f.whyStealthPeakWeek = formatWeek(peak.week_start, addDays(peak.week_start, 6));
    f.whyStealthPeakTokens = formatTokens(peak.stealth_tokens, 'long');
    f.whyStealthPeakModels = list(peak.models);
    f.whyStealthPeakShare = formatPercent(peak.cn_share_published);
    f.whyStealthPeakIfCn = formatPercent(peak.cn_share_if_cn);
    f.whyStealthPeakIfUs = formatPercent(peak.cn_share_if_us);
  }
  const revealed = why.stealth.filter((w) => w.attributed_tokens > 0);
  claim(
    'why-no-stealth-attributed',
    "no stealth model in OpenRouter's daily data has a recorded reveal, so the share is the same with and without attribution (the headline uses the share as published)",
    revealed.length === 0 &&
      why.stealth.every((w) => w.cn_share_published === w.cn_share_attributed),
    `weeks with attributed stealth tokens: ${revealed.map((w) => w.week_start).join(', ') || 'none'}`,
  );

  // Agents: the top apps by class (what they are, not which models they call).
  const apps = why.appClasses.at(-1);
  if (apps) {
    const agentic = apps.share_pct['coding-agent'] + apps.share_pct['personal-agent'];
    const tpr = apps.tokens_per_request;
    f.whyAppsDate = formatDate(apps.snapshot_date);
    f.whyAppsCount = formatSmall(apps.apps);
    f.whyAgenticPct = formatPercent(agentic, 0);
    f.whyPersonalPct = formatPercent(apps.share_pct['personal-agent'], 0);
    f.whyCodingPct = formatPercent(apps.share_pct['coding-agent'], 0);
    f.whyChatPct = formatPercent(apps.share_pct['chat-roleplay'], 0);
    f.whyUnclassifiedPct = formatPercent(apps.share_pct.unclassified, 0);
    f.whyCodingTpr = formatTokens(tpr['coding-agent']);
    f.whyPersonalTpr = formatTokens(tpr['personal-agent']);
    f.whyChatTpr = formatTokens(tpr['chat-roleplay']);
    claim(
      'why-agents-most-app-tokens',
      "coding and personal agents took most of the listed apps' tokens in the latest capture",
      agentic > 50 && apps.missing.length === 0,
      `${apps.snapshot_date}: agents ${formatPercent(agentic)}, chat ${formatPercent(apps.share_pct['chat-roleplay'])}; unclassified apps missing a row: ${apps.missing.join(', ') || 'none'}`,
    );
    claim(
      'why-agents-more-per-request',
      'both agent classes used more than twice the tokens per request of chat and role-play apps',
      tpr['chat-roleplay'] !== null &&
        (tpr['coding-agent'] ?? 0) > 2 * tpr['chat-roleplay'] &&
        (tpr['personal-agent'] ?? 0) > 2 * tpr['chat-roleplay'],
      `coding ${f.whyCodingTpr}, personal ${f.whyPersonalTpr}, chat ${f.whyChatTpr}`,
    );
  }

  // What stays untestable with these data.
  f.whyUntestableApps =
    'The rankings page lists apps and models separately: it does not say which models an app calls, so these figures cannot tie agents to the origin of the models they use.';
  f.whyUntestablePolicy =
    'Testing whether export controls shaped these volumes would need to know where each model’s serving compute sits (which providers, in which countries, on which chips) for the tokens counted here; no source in this article gives that.';
}
