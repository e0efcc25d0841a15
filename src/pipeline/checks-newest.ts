/**
 * The newest rows the story quotes as "latest" must have both sides (issue 19, point 6).
 *
 * The copy compares China with the U.S. in the latest week of each count. A newest week (or
 * day) with one side missing used to be skipped silently: the claims looked back to the last
 * week with both figures while other sentences quoted the newest row of one side ("the U.S.
 * total rose from 2.94T to 42T", from a week with no China row). Here such a row is named
 * instead, before any claim is computed; the publishing layer stops the build (npm run data)
 * or holds the update (npm run update), never publishes it.
 *
 * Not a row check of the dataset: a one-sided week is valid in the middle of the media series
 * (an outlet sometimes reports one side only), and only the newest one is quoted as the latest.
 */
import type { ApiDay } from './derive/api.ts';
import type { WeeklyTokenRow } from './datasets.ts';

export interface OneSided {
  /** Which count: the media's weekly sums, or OpenRouter's daily data. */
  count: 'media' | 'api';
  /** The newest week's first day (media) or the newest day (api). */
  date: string;
  /** The side that has a figure, and the one that has none. */
  has: 'CN' | 'US';
  missing: 'CN' | 'US';
  /** What readers would be misled by, and what to do, in plain words. */
  problem: string;
  fix: string;
}

const SIDE = { CN: 'China', US: 'the U.S.' } as const;

/** The newest media week with a China or U.S. row, if it has only one of them. */
export function oneSidedMediaWeek(rows: readonly WeeklyTokenRow[]): OneSided | null {
  const sided = rows.filter((r) => r.origin === 'CN' || r.origin === 'US');
  const newest = sided.reduce<string | null>(
    (m, r) => (m === null || r.week_start > m ? r.week_start : m),
    null,
  );
  if (newest === null) return null;
  const origins = new Set(sided.filter((r) => r.week_start === newest).map((r) => r.origin));
  if (origins.size === 2) return null;
  const has = origins.has('CN') ? 'CN' : 'US';
  const missing = has === 'CN' ? 'US' : 'CN';
  return {
    count: 'media',
    date: newest,
    has,
    missing,
    problem: `the newest week of data/weekly-tokens.csv (week_start ${newest}) has a ${has} row and no ${missing} row, so the copy would quote ${SIDE[has]}'s figure for a week in which ${SIDE[missing]} has none and compare it with weeks that have both`,
    fix: `add the ${missing} row of the same week from the same report; if the report gives only one side, leave the week out until the other is known`,
  };
}

/** The newest Data API day, if it has tokens of only one side's models (or of neither). */
export function oneSidedApiDay(days: readonly ApiDay[]): OneSided | null {
  const day = days.at(-1);
  if (!day || (day.cn > 0 && day.us > 0)) return null;
  const has = day.cn > 0 ? 'CN' : 'US';
  const missing = has === 'CN' ? 'US' : 'CN';
  return {
    count: 'api',
    date: day.date,
    has,
    missing,
    problem: `the newest day of data/api-daily-tokens.csv (${day.date}) has no model from ${missing === 'CN' ? 'a Chinese' : 'a U.S.'} lab among its top 50 (${missing} 0 tokens), so the copy would compare ${SIDE[has]} with nothing on the latest day; a broken or partial answer looks the same`,
    fix: `check the day's raw response in data/raw/openrouter-data-api/; if OpenRouter really reports it, the copy must be rewritten for it; if not, wait for OpenRouter's correction (npm run update fetches the day again)`,
  };
}

/** Both checks: the one-sided newest rows of the data (none: every newest row has both sides). */
export function oneSidedNewest(
  weekly: readonly WeeklyTokenRow[],
  apiDays: readonly ApiDay[],
): OneSided[] {
  return [oneSidedMediaWeek(weekly), oneSidedApiDay(apiDays)].filter(
    (x): x is OneSided => x !== null,
  );
}
