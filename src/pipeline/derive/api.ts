/**
 * OpenRouter's own count (Data API, rankings-daily): each day's top 50 models plus one `other`
 * row for everything outside them, so a day's rows sum to the platform total. Days and
 * Monday-to-Sunday UTC weeks, split by the origin of each model's author.
 */
import { group, sum } from 'd3-array';
import { utcDay, utcMonday } from 'd3-time';
import { formatDate } from '../../lib/format.ts';
import type { ApiDailyTokenRow, LabRow } from '../datasets.ts';
import { cnShareOfPair, originLookup } from './origin.ts';
import type { WeekPoint } from './weeks.ts';

/** Where a day's tokens went: by origin of the top 50 models' authors, and outside the top 50. */
export interface OriginTotals {
  cn: number;
  us: number;
  /** Labs of another known origin (e.g. France). */
  other: number;
  /** Stealth models and authors with no disclosed origin. */
  undisclosed: number;
  /** The `other` row: every model outside the day's top 50, origin unknown. */
  outside: number;
  /** All tokens on the platform that day (the sum of every row). */
  all: number;
}

export interface ApiDay extends OriginTotals {
  date: string;
}

export interface ApiWeek extends OriginTotals {
  week_start: string;
  week_end: string;
  /** Days of the week present in the data (7 for a whole week). */
  days: number;
  /** China's share of China + U.S., percent. */
  cn_share: number | null;
  /** Each origin's share of all tokens, percent. */
  pct: Omit<OriginTotals, 'all'>;
  /** Share of all tokens held by the top 50 models, percent. */
  top50_pct: number;
}

/** The API series and what the citation must say. */
export interface ApiSeries {
  days: ApiDay[];
  weeks: ApiWeek[];
  /** The latest meta.as_of of the responses behind the figures (null: none states one). */
  as_of: string | null;
  /** Rows whose response gave no as_of (imported as unknown). */
  rows_without_as_of: number;
}

/** Days missing from the series, `from` to `to` (inclusive), between two days that are there (a
 *  response imported weeks after the one before): nothing is known of them, so no line or
 *  sentence may run across them. */
export interface ApiGap {
  from: string;
  to: string;
  days: number;
}

/** The runs of missing days in a date-ordered list of days. */
export function missingDays(dates: readonly string[]): ApiGap[] {
  const out: ApiGap[] = [];
  for (let i = 1; i < dates.length; i++) {
    const after = new Date(`${dates[i - 1]}T00:00:00Z`);
    const next = new Date(`${dates[i]}T00:00:00Z`);
    const days = utcDay.count(after, next) - 1;
    if (days > 0)
      out.push({ from: iso(utcDay.offset(after, 1)), to: iso(utcDay.offset(next, -1)), days });
  }
  return out;
}

export const API_SOURCE = 'openrouter-data-api-rankings-daily';

/** The citation OpenRouter's licence asks for wherever its data are quoted (as_of: the
 *  responses' meta.as_of). Republished data add "Licensed under CC BY 4.0." */
export function apiCitation(asOf: string | null): string {
  // The day in words: readers never see an ISO timestamp (issue 24); the data files keep it.
  return `Source: OpenRouter (openrouter.ai/rankings), as of ${asOf ? formatDate(asOf.slice(0, 10)) : 'an unknown date'}.`;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const pctOf = (x: number, all: number) => (all === 0 ? 0 : (100 * x) / all);

function totals(rows: readonly ApiDailyTokenRow[], origin: (slug: string) => string): OriginTotals {
  const t: OriginTotals = { cn: 0, us: 0, other: 0, undisclosed: 0, outside: 0, all: 0 };
  for (const r of rows) {
    t.all += r.total_tokens;
    if (r.author === null) t.outside += r.total_tokens;
    else {
      const o = origin(r.author);
      if (o === 'CN') t.cn += r.total_tokens;
      else if (o === 'US') t.us += r.total_tokens;
      else if (o === 'other') t.other += r.total_tokens;
      else t.undisclosed += r.total_tokens;
    }
  }
  return t;
}

export function apiSeries(rows: readonly ApiDailyTokenRow[], labs: readonly LabRow[]): ApiSeries {
  const origin = originLookup(labs);
  const days: ApiDay[] = [...group(rows, (r) => r.date)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, rs]) => ({ date, ...totals(rs, origin) }));
  const byWeek = group(days, (d) => iso(utcMonday.floor(new Date(`${d.date}T00:00:00Z`))));
  const weeks: ApiWeek[] = [...byWeek]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([start, ds]) => {
      const t: OriginTotals = {
        cn: sum(ds, (d) => d.cn),
        us: sum(ds, (d) => d.us),
        other: sum(ds, (d) => d.other),
        undisclosed: sum(ds, (d) => d.undisclosed),
        outside: sum(ds, (d) => d.outside),
        all: sum(ds, (d) => d.all),
      };
      return {
        week_start: start,
        week_end: iso(utcDay.offset(new Date(`${start}T00:00:00Z`), 6)),
        days: ds.length,
        ...t,
        cn_share: cnShareOfPair(t.cn, t.us),
        pct: {
          cn: pctOf(t.cn, t.all),
          us: pctOf(t.us, t.all),
          other: pctOf(t.other, t.all),
          undisclosed: pctOf(t.undisclosed, t.all),
          outside: pctOf(t.outside, t.all),
        },
        top50_pct: pctOf(t.all - t.outside, t.all),
      };
    });
  const stamps = rows
    .map((r) => r.as_of)
    .filter((a): a is string => a !== null)
    .sort();
  return {
    days,
    weeks,
    as_of: stamps.at(-1) ?? null,
    rows_without_as_of: rows.filter((r) => r.as_of === null).length,
  };
}

/** The API weeks as points of the fourth counting method. A week with missing days is partial. */
export function apiWeeks(series: ApiSeries): WeekPoint[] {
  return series.weeks.map((w) => ({
    method: 'api',
    week_start: w.week_start,
    week_end: w.week_end,
    cn: w.cn,
    us: w.us,
    other: w.other + w.undisclosed + w.outside,
    cn_share: w.cn_share,
    cn_pct_of_all: Math.round(w.pct.cn * 10) / 10,
    us_pct_of_all: Math.round(w.pct.us * 10) / 10,
    status: w.days === 7 ? 'reported' : 'partial',
    formula: `daily totals of the top 50 models by author origin plus the "other" row, summed over ${w.days} of 7 days; share = CN / (CN + US)`,
    fetched_at_utc: null,
    source_ids: [API_SOURCE],
  }));
}
