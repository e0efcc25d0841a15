import { addDays, daysApart } from '../../lib/days.ts';
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
  const days = Math.abs(daysApart(a, b));
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
      leader !== null && adjacent && prevLead?.leader === leader
        ? prevLead.streak + 1
        : leader === null
          ? 0
          : 1;
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

/** A week whose leader the outlets' "Nth week in a row" statements imply, with no figure of its own needed. */
export interface ImpliedLead {
  week_start: string;
  week_end: string;
  /** Who led, by implication: the streak's leader, or (the week before a streak began) the other side. */
  leader: 'CN' | 'US';
  /** in-streak: one of the N weeks of a stated streak; before-streak: the week before it began. */
  basis: 'in-streak' | 'before-streak';
  /** The statements that imply it (their weeks), and their sources. */
  from_weeks: string[];
  source_ids: string[];
}

/**
 * The weeks a set of streak statements implies: a streak of N weeks to week W means the N weeks
 * ending with W had its leader, and the week before them did not, so (China and the U.S. being
 * the only two sides compared) the other side led it. Statements that disagree about a week
 * are both kept; `conflicts` lists such weeks.
 */
export function impliedLeads(
  rows: readonly {
    week_start: string;
    leader: 'CN' | 'US';
    streak_weeks: number;
    source_ids: string[];
  }[],
): {
  weeks: ImpliedLead[];
  conflicts: string[];
} {
  const by = new Map<string, ImpliedLead>();
  const conflicts = new Set<string>();
  const add = (
    ws: string,
    leader: 'CN' | 'US',
    basis: ImpliedLead['basis'],
    r: (typeof rows)[number],
  ) => {
    const prev = by.get(ws);
    if (prev && prev.leader !== leader) conflicts.add(ws);
    const keep =
      prev && (prev.basis === 'in-streak' || basis === 'before-streak') ? prev : undefined;
    const base = keep ?? {
      week_start: ws,
      week_end: addDays(ws, 6),
      leader,
      basis,
      from_weeks: [],
      source_ids: [],
    };
    base.from_weeks = [...new Set([...(prev?.from_weeks ?? []), r.week_start])].sort();
    base.source_ids = [...new Set([...(prev?.source_ids ?? []), ...r.source_ids])];
    by.set(ws, base);
  };
  for (const r of rows) {
    for (let k = 0; k < r.streak_weeks; k++)
      add(addDays(r.week_start, -7 * k), r.leader, 'in-streak', r);
    add(
      addDays(r.week_start, -7 * r.streak_weeks),
      r.leader === 'CN' ? 'US' : 'CN',
      'before-streak',
      r,
    );
  }
  return {
    weeks: [...by.values()].sort((a, b) => (a.week_start < b.week_start ? -1 : 1)),
    conflicts: [...conflicts].sort(),
  };
}
