/**
 * Small edits of the loaded datasets that the claims' counterexamples
 * (src/story/figures/*.counterexamples.ts) are written with. Each finds its rows from the data,
 * not from dates typed here, and throws when the rows it needs are gone, so a counterexample that
 * no longer applies says so instead of silently editing nothing.
 */
import type { RawDatasets } from '../data/index.ts';

type Origin = 'CN' | 'US';
type WeeklyRow = RawDatasets['weekly-tokens'][number];

/** The origin of a lab slug, from data/labs.csv. */
export const originOf = (raw: RawDatasets, slug: string): string | undefined =>
  raw.labs.find((l) => l.slug === slug)?.origin;

/** The weekly-tokens row of a week and origin (throws when there is none). */
export function weekly(raw: RawDatasets, weekStart: string, origin: Origin | 'all'): WeeklyRow {
  const row = raw['weekly-tokens'].find((r) => r.week_start === weekStart && r.origin === origin);
  if (!row) throw new Error(`no ${origin} row for the week of ${weekStart} in weekly-tokens`);
  return row;
}

/** Week starts with both a China and a U.S. row (optionally of some statuses), oldest first. */
export function weeksWithBoth(raw: RawDatasets, statuses?: readonly string[]): string[] {
  const rows = raw['weekly-tokens'].filter((r) => !statuses || statuses.includes(r.status));
  const has = (w: string | null, o: Origin) =>
    rows.some((r) => r.week_start === w && r.origin === o);
  return [...new Set(rows.map((r) => r.week_start))]
    .filter((w): w is string => w !== null && has(w, 'CN') && has(w, 'US'))
    .sort();
}

/** Puts the U.S. ahead in a week of the media sums: its U.S. figure becomes twice China's. */
export function usAheadInWeek(raw: RawDatasets, weekStart: string): void {
  weekly(raw, weekStart, 'US').tokens = 2 * weekly(raw, weekStart, 'CN').tokens;
}

/** Sets China's share of the pair in a week of the media sums (percent), moving China's figure. */
export function setMediaShare(raw: RawDatasets, weekStart: string, pct: number): void {
  const us = weekly(raw, weekStart, 'US').tokens;
  weekly(raw, weekStart, 'CN').tokens = Math.round((us * pct) / (100 - pct));
}

/** Multiplies the tokens (and shares) of every row by a lab of one origin in a dataset with an
 *  author column, optionally only rows a filter keeps. */
export function scaleOrigin(
  raw: RawDatasets,
  dataset: 'captures-market-share' | 'captures-models' | 'api-daily-tokens',
  origin: Origin,
  factor: number,
  keep: (row: { snapshot_date?: string; date?: string }) => boolean = () => true,
): void {
  let n = 0;
  for (const r of raw[dataset] as Array<
    Record<string, unknown> & { author: string; snapshot_date?: string; date?: string }
  >) {
    if (originOf(raw, r.author) !== origin || !keep(r)) continue;
    for (const k of ['tokens', 'share_pct', 'total_tokens'])
      if (typeof r[k] === 'number')
        // Token counts stay whole numbers (the API's column is an integer); shares do not.
        r[k] =
          k === 'share_pct' ? (r[k] as number) * factor : Math.round((r[k] as number) * factor);
    n++;
  }
  if (n === 0) throw new Error(`no ${origin} rows to scale in ${dataset}`);
}

/** The one row of a dataset a predicate picks (throws when there is none). */
export function one<T>(rows: readonly T[], pick: (r: T) => boolean, what: string): T {
  const row = rows.find(pick);
  if (!row) throw new Error(`no row for ${what}`);
  return row;
}
