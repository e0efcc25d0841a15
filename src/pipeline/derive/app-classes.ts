/**
 * The top apps' tokens by kind of app (the desk's classification in app-classes.csv, from the
 * rankings page's own tags): the share going to coding and personal agents vs chat and role-play,
 * and tokens per request by class, per capture. It shows what the apps are, never which models
 * they call: the rankings page does not say, so nothing here ties agents to a model's origin.
 */
import { APP_CLASSES, type AppClassRow, type AppRow } from '../datasets.ts';
import { groupCaptures } from './captures.ts';

export type AppClass = (typeof APP_CLASSES)[number];

export interface AppClassCapture {
  fetched_at_utc: string;
  snapshot_date: string;
  /** Apps listed in the capture, and their tokens. */
  apps: number;
  tokens: number;
  /** Percent of the listed apps' tokens per class; sums to 100. */
  share_pct: Record<AppClass, number>;
  /** Tokens per request per class (sum of tokens / sum of requests); null when none. */
  tokens_per_request: Record<AppClass, number | null>;
  /** Apps with no row in app-classes.csv (should be none: the check fails the build). */
  missing: string[];
}

export function appClassShares(
  rows: readonly AppRow[],
  classes: readonly AppClassRow[],
): AppClassCapture[] {
  const by = new Map(classes.map((c) => [c.app, c.app_class]));
  return groupCaptures(rows).map((c) => {
    const tok = Object.fromEntries(APP_CLASSES.map((k) => [k, 0])) as Record<AppClass, number>;
    const req = { ...tok };
    const missing: string[] = [];
    for (const r of c.rows) {
      const k = by.get(r.name);
      if (k === undefined) missing.push(r.name);
      const cls = k ?? 'unclassified';
      tok[cls] += r.tokens;
      req[cls] += r.requests;
    }
    const all = APP_CLASSES.reduce((t, k) => t + tok[k], 0);
    return {
      fetched_at_utc: c.fetched_at_utc,
      snapshot_date: c.snapshot_date,
      apps: c.rows.length,
      tokens: all,
      share_pct: Object.fromEntries(
        APP_CLASSES.map((k) => [k, all === 0 ? 0 : (100 * tok[k]) / all]),
      ) as Record<AppClass, number>,
      tokens_per_request: Object.fromEntries(
        APP_CLASSES.map((k) => [k, req[k] === 0 ? null : tok[k] / req[k]]),
      ) as Record<AppClass, number | null>,
      missing,
    };
  });
}
