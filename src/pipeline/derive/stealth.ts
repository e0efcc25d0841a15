/**
 * Stealth models in OpenRouter's Data API: anonymous models OpenRouter lists under its own
 * namespace until their maker is revealed. Per week: their tokens, and China's share of the
 * China + U.S. total as published (stealth counted as neither side) and with every later
 * attribution applied (a reveal recorded in model-prices.csv or labs.csv). The headline uses the
 * share as published; the attributed share shows what a reveal would change.
 */
import { utcMonday } from 'd3-time';
import type { ApiDailyTokenRow, LabRow, ModelPriceRow, Origin } from '../datasets.ts';
import { cnShareOfPair, originLookup } from './origin.ts';

export interface StealthWeek {
  week_start: string;
  /** Tokens of models whose author is an anonymous namespace (origin undisclosed, a stealth lab). */
  stealth_tokens: number;
  /** Of those, tokens of models attributed later to a lab. */
  attributed_tokens: number;
  /** Stealth permaslugs seen that week. */
  models: string[];
  cn_share_published: number | null;
  cn_share_attributed: number | null;
  /** The bounds a reveal could move the published share to: every stealth token of the week
   *  counted as Chinese, or as American. */
  cn_share_if_cn: number | null;
  cn_share_if_us: number | null;
}

/** Authors that are anonymous namespaces (a lab row named as stealth). */
export const STEALTH_AUTHORS = ['openrouter', 'stealth'] as const;

/** Where a stealth permaslug was attributed: the model's reveal, else its namespace's. */
export function attribution(
  prices: readonly ModelPriceRow[],
  labs: readonly LabRow[],
): (permaslug: string, author: string) => string | null {
  const models = prices.filter((p) => p.revealed_as !== null);
  const lab = new Map(labs.map((l) => [l.slug, l.revealed_as]));
  return (slug, author) =>
    models.find((m) => slug === m.model_id || slug.startsWith(`${m.model_id}-`))?.revealed_as ??
    lab.get(author) ??
    null;
}

export function stealthWeeks(
  rows: readonly ApiDailyTokenRow[],
  prices: readonly ModelPriceRow[],
  labs: readonly LabRow[],
): StealthWeek[] {
  const origin = originLookup(labs);
  const revealed = attribution(prices, labs);
  const weeks = new Map<string, StealthWeek & { cn: number[]; us: number[] }>();
  for (const r of rows) {
    if (r.author === null) continue;
    const w = utcMonday
      .floor(new Date(`${r.date}T00:00:00Z`))
      .toISOString()
      .slice(0, 10);
    const acc = weeks.get(w) ?? {
      week_start: w,
      stealth_tokens: 0,
      attributed_tokens: 0,
      models: [],
      cn_share_published: null,
      cn_share_attributed: null,
      cn_share_if_cn: null,
      cn_share_if_us: null,
      cn: [0, 0],
      us: [0, 0],
    };
    weeks.set(w, acc);
    const published: Origin = origin(r.author);
    const stealth = (STEALTH_AUTHORS as readonly string[]).includes(r.author);
    const to = stealth ? revealed(r.model_permaslug, r.author) : null;
    const attributed: Origin = to === null ? published : origin(to);
    if (stealth) {
      acc.stealth_tokens += r.total_tokens;
      if (to !== null) acc.attributed_tokens += r.total_tokens;
      if (!acc.models.includes(r.model_permaslug)) acc.models.push(r.model_permaslug);
    }
    if (published === 'CN') acc.cn[0]! += r.total_tokens;
    if (published === 'US') acc.us[0]! += r.total_tokens;
    if (attributed === 'CN') acc.cn[1]! += r.total_tokens;
    if (attributed === 'US') acc.us[1]! += r.total_tokens;
  }
  return [...weeks.values()]
    .sort((a, b) => (a.week_start < b.week_start ? -1 : 1))
    .map(({ cn, us, ...w }) => ({
      ...w,
      models: w.models.sort(),
      cn_share_published: cnShareOfPair(cn[0]!, us[0]!),
      cn_share_attributed: cnShareOfPair(cn[1]!, us[1]!),
      cn_share_if_cn: cnShareOfPair(cn[0]! + w.stealth_tokens, us[0]!),
      cn_share_if_us: cnShareOfPair(cn[0]!, us[0]! + w.stealth_tokens),
    }));
}
