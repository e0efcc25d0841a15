/**
 * The outlets' method, rebuilt from OpenRouter's own data. Chinese media report a weekly "China"
 * and "U.S." figure; summed from OpenRouter's daily top 50, it turns out to be the Chinese (and
 * U.S.) models within the week's top 10, models ranked by their weekly tokens. Rebuilding it per
 * Monday–Sunday week, next to the top-50-plus-other count and the platform total, answers "why do
 * the counts differ" in numbers; where an outlet printed a figure for the same week, the
 * comparison shows how close the rebuild comes. A week with days missing is partial: its top 10
 * is not the top 10 of the whole week, so it is never compared with an outlet's whole week.
 */
import { group, sum } from 'd3-array';
import { utcDay, utcMonday } from 'd3-time';
import type { ApiDailyTokenRow, LabRow, WeeklyTokenRow } from '../datasets.ts';
import { originLookup } from './origin.ts';

/** How many of the week's models the outlets sum. */
export const OUTLET_TOP_N = 10;

/** An outlet's figure for the same week set against the rebuild. */
export interface OutletMatch {
  /** CN, US, or all (the platform total). */
  origin: 'CN' | 'US' | 'all';
  /** The outlet's figure (tokens) and its status in weekly-tokens.csv. */
  outlet: number;
  status: 'reported' | 'secondary';
  /** The rebuilt figure: the top-10 sum for CN and US, the platform total for all. */
  rebuilt: number;
  /** (rebuilt − outlet) / outlet, percent. */
  diff_pct: number;
  source_ids: string[];
}

export interface OutletMethodWeek {
  week_start: string;
  week_end: string;
  /** Days of the week in OpenRouter's data (7 for a whole week). */
  days: number;
  /** True when days are missing: never compared with an outlet's whole week. */
  partial: boolean;
  /** The week's top models (permaslugs, `other` excluded), largest first. */
  top_models: string[];
  /** Tokens of the week's top-N models by origin of their authors; stealth counts for neither. */
  top_cn: number;
  top_us: number;
  top_undisclosed: number;
  top_other: number;
  /** China's share of China + U.S. within the top N, percent (null when both are 0). */
  top_cn_share: number | null;
  /** The same week by OpenRouter's own count: every daily top-50 row by origin. */
  all_cn: number;
  all_us: number;
  all_cn_share: number | null;
  /** All tokens of the week (every row, `other` included). */
  platform: number;
  /** The outlets' figures for this week (whole weeks only), with the rebuild's distance. */
  matches: OutletMatch[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const share = (cn: number, us: number) => (cn + us === 0 ? null : (100 * cn) / (cn + us));

/** The outlets' figures of a week, as printed (derived rows are our calculation, not theirs). */
function outletFigures(
  week: string,
  rows: readonly WeeklyTokenRow[],
): Array<Omit<OutletMatch, 'rebuilt' | 'diff_pct'>> {
  return rows
    .filter((r) => r.week_start === week && (r.status === 'reported' || r.status === 'secondary'))
    .map((r) => ({
      origin: r.origin,
      outlet: r.tokens,
      status: r.status as 'reported' | 'secondary',
      source_ids: r.source_ids,
    }));
}

/**
 * Per Monday–Sunday (UTC) week of the Data API rows: the top-N models by weekly tokens summed by
 * origin, OpenRouter's own top-50-plus-other split, the platform total, and the outlets' figures
 * for whole weeks set against the rebuild.
 */
export function outletMethodWeeks(
  apiRows: readonly ApiDailyTokenRow[],
  labs: readonly LabRow[],
  weeklyRows: readonly WeeklyTokenRow[],
  topN = OUTLET_TOP_N,
): OutletMethodWeek[] {
  const origin = originLookup(labs);
  const byWeek = group(apiRows, (r) => iso(utcMonday.floor(new Date(`${r.date}T00:00:00Z`))));
  return [...byWeek]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([start, rows]) => methodWeek(start, rows, origin, weeklyRows, topN));
}

/** The models of a week's rows (not `other`), each summed over the week, largest first. */
function weeklyModels(
  models: readonly ApiDailyTokenRow[],
  origin: (author: string) => string,
): Array<{ slug: string; origin: string; tokens: number }> {
  return [
    ...group(models, (r) => r.model_permaslug)
      .entries()
      .map(([slug, rs]) => ({
        slug,
        origin: origin(rs[0]!.author!),
        tokens: sum(rs, (r) => r.total_tokens),
      })),
  ].sort((a, b) => b.tokens - a.tokens || (a.slug < b.slug ? -1 : 1));
}

/** One week: the top-N and all-model sums by origin, and the outlets' figures against the rebuild. */
function methodWeek(
  start: string,
  rows: readonly ApiDailyTokenRow[],
  origin: ReturnType<typeof originLookup>,
  weeklyRows: readonly WeeklyTokenRow[],
  topN: number,
): OutletMethodWeek {
  const days = new Set(rows.map((r) => r.date)).size;
  const models = rows.filter((r) => r.author !== null);
  const top = weeklyModels(models, origin).slice(0, topN);
  const topBy = (o: string) =>
    sum(
      top.filter((m) => m.origin === o),
      (m) => m.tokens,
    );
  const allBy = (o: string) =>
    sum(
      models.filter((r) => origin(r.author!) === o),
      (r) => r.total_tokens,
    );
  const top_cn = topBy('CN');
  const top_us = topBy('US');
  const all_cn = allBy('CN');
  const all_us = allBy('US');
  const platform = sum(rows, (r) => r.total_tokens);
  const partial = days < 7;
  const rebuilt = { CN: top_cn, US: top_us, all: platform };
  const matches = partial
    ? []
    : outletFigures(start, weeklyRows).map((o) => ({
        ...o,
        rebuilt: rebuilt[o.origin],
        diff_pct: (100 * (rebuilt[o.origin] - o.outlet)) / o.outlet,
      }));
  return {
    week_start: start,
    week_end: iso(utcDay.offset(new Date(`${start}T00:00:00Z`), 6)),
    days,
    partial,
    top_models: top.map((m) => m.slug),
    top_cn,
    top_us,
    top_undisclosed: topBy('undisclosed'),
    top_other: topBy('other'),
    top_cn_share: share(top_cn, top_us),
    all_cn,
    all_us,
    all_cn_share: share(all_cn, all_us),
    platform,
    matches,
  };
}
