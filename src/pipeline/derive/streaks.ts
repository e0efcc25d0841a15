import { utcDay } from 'd3-time';
import type { WeekPoint } from './weeks.ts';

export type Leader = 'CN' | 'US' | 'tie';

/** A point with who led it, the run of consecutive weeks with that leader up to it, and the
 *  week-on-week change of each side against the week before (when that week is adjacent). */
export interface LeadPoint {
  week_end: string;
  leader: Leader | null;
  /** Consecutive adjacent weeks, ending here, with the same leader (1 = first week). */
  streak: number;
  /** Percent change against the previous adjacent week; null when not comparable. */
  cn_wow_pct: number | null;
  us_wow_pct: number | null;
  /** Gap between CN and US (tokens), positive when China leads. */
  gap: number | null;
}

/** Two weeks are adjacent when their ends are 5 to 9 days apart (captures drift by a day). */
export function adjacentWeeks(a: string, b: string): boolean {
  const days = Math.abs(utcDay.count(new Date(`${a}T00:00:00Z`), new Date(`${b}T00:00:00Z`)));
  return days >= 5 && days <= 9;
}

export function leaderOf(p: Pick<WeekPoint, 'cn' | 'us'>): Leader | null {
  if (p.cn === null || p.us === null) return null;
  return p.cn > p.us ? 'CN' : p.us > p.cn ? 'US' : 'tie';
}

const change = (now: number | null, before: number | null): number | null =>
  now === null || before === null || before === 0 ? null : (100 * (now - before)) / before;

/** Leader, streak and week-on-week changes for a series of weeks in date order.
 *  A missing week breaks a streak: a run is only as long as the weeks we can see. */
export function leadSeries(points: readonly WeekPoint[]): LeadPoint[] {
  const out: LeadPoint[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    const prevLead = out[i - 1];
    const adjacent = prev !== undefined && adjacentWeeks(prev.week_end, p.week_end);
    const leader = leaderOf(p);
    const streak =
      leader !== null && adjacent && prevLead?.leader === leader ? prevLead.streak + 1 : leader === null ? 0 : 1;
    out.push({
      week_end: p.week_end,
      leader,
      streak,
      cn_wow_pct: adjacent ? change(p.cn, prev!.cn) : null,
      us_wow_pct: adjacent ? change(p.us, prev!.us) : null,
      gap: p.cn !== null && p.us !== null ? p.cn - p.us : null,
    });
  });
  return out;
}
