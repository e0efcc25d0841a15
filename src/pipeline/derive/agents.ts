import type { AppRow, LabRow, ToolCallRow } from '../datasets.ts';
import { groupCaptures } from './captures.ts';
import { originLookup, splitByOrigin } from './origin.ts';

/** Tokens per request of each app in one capture (derived: tokens / requests). */
export interface AppIntensity {
  fetched_at_utc: string;
  snapshot_date: string;
  rank: number;
  name: string;
  categories: string[];
  tokens: number;
  requests: number;
  tokens_per_request: number;
}

export function appIntensity(rows: readonly AppRow[]): AppIntensity[] {
  return rows.map((r) => ({
    fetched_at_utc: r.fetched_at_utc,
    snapshot_date: r.snapshot_date,
    rank: r.rank,
    name: r.name,
    categories: r.categories ? r.categories.split('|') : [],
    tokens: r.tokens,
    requests: r.requests,
    tokens_per_request: r.tokens / r.requests,
  }));
}

/** Shares of all tool calls held by the listed models of each origin, per capture. */
export interface ToolCallSplit {
  fetched_at_utc: string;
  snapshot_date: string;
  cn_pct: number;
  us_pct: number;
  other_pct: number;
  /** Share of all tool calls not covered by the listed models. */
  unlisted_pct: number;
}

export function toolCallSplit(
  rows: readonly ToolCallRow[],
  labs: readonly LabRow[],
): ToolCallSplit[] {
  const origin = originLookup(labs);
  return groupCaptures(rows).map((c) => {
    const s = splitByOrigin(
      c.rows,
      (r) => origin(r.author),
      (r) => r.share_pct,
    );
    const r1 = (x: number) => Math.round(x * 10) / 10;
    return {
      fetched_at_utc: c.fetched_at_utc,
      snapshot_date: c.snapshot_date,
      cn_pct: r1(s.cn),
      us_pct: r1(s.us),
      other_pct: r1(s.other),
      unlisted_pct: r1(100 - s.cn - s.us - s.other),
    };
  });
}
