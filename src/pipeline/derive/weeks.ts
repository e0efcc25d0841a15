import { ascending, group, sum } from 'd3-array';
import { CAPTURE_SOURCE } from '../../lib/source-ids.ts';
import type { LabRow, MarketShareRow, ModelCaptureRow, WeeklyTokenRow } from '../datasets.ts';
import { groupCaptures, lastBeforeReset } from './captures.ts';
import { cnShareOfPair, originLookup, splitByOrigin } from './origin.ts';

export const METHODS = ['api', 'media', 'authors', 'models'] as const;
/** How China and the U.S. are counted: OpenRouter's own daily top-50 data, media leaderboard
 *  sums, author shares, top-9 models. */
export type Method = (typeof METHODS)[number];

/** One week of one counting method. Tokens in plain units; shares in percent. */
export interface WeekPoint {
  method: Method;
  /** First day of the week, where known (media weeks); captures give only the end. */
  week_start: string | null;
  /** Last day of the week, or the date of the capture that stands for it. */
  week_end: string;
  cn: number | null;
  us: number | null;
  /** Tokens of other and undisclosed origins in the same list (not for media weeks). */
  other: number | null;
  /** China's share of China + U.S., percent. */
  cn_share: number | null;
  /** China's and the U.S.'s share of all tokens on the platform (author method only). */
  cn_pct_of_all: number | null;
  us_pct_of_all: number | null;
  /** reported: both sides reported; derived: a side back-calculated or a week assembled from
   *  captures; secondary: a side known only from a low-reliability relay (see its note);
   *  partial: a capture, or days of data, that may miss part of the week. */
  status: 'reported' | 'derived' | 'secondary' | 'partial';
  /** How the figures were obtained, in words. */
  formula: string;
  /** Capture time behind the point (capture methods). */
  fetched_at_utc: string | null;
  source_ids: string[];
}

/** Weeks from the media's leaderboard sums (weekly-tokens.csv): one point per week. */
export function mediaWeeks(rows: readonly WeeklyTokenRow[]): WeekPoint[] {
  return [...group(rows, (r) => r.week_start)]
    .sort(([a], [b]) => ascending(a, b))
    .map(([start, rs]) => {
      const cn = rs.find((r) => r.origin === 'CN');
      const us = rs.find((r) => r.origin === 'US');
      // A week with only a platform total takes that row's status.
      const sides = cn || us ? [cn, us] : rs;
      const derived = sides.some((r) => r?.status === 'derived');
      const secondary = sides.some((r) => r?.status === 'secondary');
      const formulas = [cn, us]
        .filter((r) => r?.status === 'derived')
        .map((r) => `${r!.origin}: ${r!.formula}`);
      return {
        method: 'media' as const,
        week_start: start,
        week_end: rs[0]!.week_end,
        cn: cn?.tokens ?? null,
        us: us?.tokens ?? null,
        other: null,
        cn_share: cnShareOfPair(cn?.tokens ?? null, us?.tokens ?? null),
        cn_pct_of_all: null,
        us_pct_of_all: null,
        status: derived
          ? ('derived' as const)
          : secondary
            ? ('secondary' as const)
            : ('reported' as const),
        formula: ['share = CN / (CN + US)', ...formulas].join('; '),
        fetched_at_utc: null,
        source_ids: [...new Set(rs.flatMap((r) => r.source_ids))],
      };
    });
}

/** Weeks from author shares: the top-9 authors in the last capture before each reset. */
export function authorWeeks(rows: readonly MarketShareRow[], labs: readonly LabRow[]): WeekPoint[] {
  const origin = originLookup(labs);
  const total = (rs: readonly MarketShareRow[]) => sum(rs, (r) => r.tokens);
  return lastBeforeReset(groupCaptures(rows), total).map((c) => {
    const tokens = splitByOrigin(
      c.rows,
      (r) => origin(r.author),
      (r) => r.tokens,
    );
    const pct = splitByOrigin(
      c.rows,
      (r) => origin(r.author),
      (r) => r.share_pct,
    );
    return {
      method: 'authors',
      week_start: null,
      week_end: c.snapshot_date,
      cn: tokens.cn,
      us: tokens.us,
      other: tokens.other,
      cn_share: cnShareOfPair(tokens.cn, tokens.us),
      cn_pct_of_all: round1(pct.cn),
      us_pct_of_all: round1(pct.us),
      status: c.whole ? 'derived' : 'partial',
      formula:
        'top-9 authors in the last capture before the weekly reset, summed by origin; share = CN / (CN + US)',
      fetched_at_utc: c.fetched_at_utc,
      source_ids: [CAPTURE_SOURCE],
    };
  });
}

/** Weeks from the models leaderboard: the top-9 models in the last capture before each reset. */
export function modelWeeks(rows: readonly ModelCaptureRow[], labs: readonly LabRow[]): WeekPoint[] {
  const origin = originLookup(labs);
  const total = (rs: readonly ModelCaptureRow[]) => sum(rs, (r) => r.tokens);
  return lastBeforeReset(groupCaptures(rows), total).map((c) => {
    const tokens = splitByOrigin(
      c.rows,
      (r) => origin(r.author),
      (r) => r.tokens,
    );
    return {
      method: 'models',
      week_start: null,
      week_end: c.snapshot_date,
      cn: tokens.cn,
      us: tokens.us,
      other: tokens.other,
      cn_share: cnShareOfPair(tokens.cn, tokens.us),
      cn_pct_of_all: null,
      us_pct_of_all: null,
      status: c.whole ? 'derived' : 'partial',
      formula:
        'top-9 models in the last capture before the weekly reset, summed by author origin; share = CN / (CN + US)',
      fetched_at_utc: c.fetched_at_utc,
      source_ids: [CAPTURE_SOURCE],
    };
  });
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
