/**
 * Where the lead changed hands, computed from a series of periods with a known leader, so the
 * hero chart marks the changes the data show rather than ones drawn by hand. A change between
 * two periods that touch (consecutive days or weeks) is located; one across a gap (weeks with
 * no figure) is only bracketed: it happened somewhere between the two periods, and the chart
 * draws the whole bracket rather than guessing a date.
 */
import { daysBetween } from './common.ts';
import type { Estimate } from '../data/latest.ts';

export type Side = 'CN' | 'US';

/** A period whose leader is known (from a share, or implied by streak counts). */
export interface LeadPeriod {
  /** First day (null: known only by its end, a capture week of seven days). */
  start: string | null;
  end: string;
  leader: Side | 'tie';
  estimate: Estimate | null;
}

export interface LeadChange {
  /** The last period the old leader held. */
  before: LeadPeriod;
  /** The first period the new leader held. */
  after: LeadPeriod;
  /** Who took the lead. */
  leader: Side;
  /** True when the two periods touch (no day between them without data). */
  located: boolean;
}

/** The leader of a share of China + U.S. (percent). */
export const leaderOfShare = (share: number): Side | 'tie' =>
  share > 50 ? 'CN' : share < 50 ? 'US' : 'tie';

/** First day of a period (a capture week without a start covers the seven days to its end). */
export const startOf = (p: LeadPeriod): string =>
  p.start ?? new Date(Date.parse(`${p.end}T00:00:00Z`) - 6 * 864e5).toISOString().slice(0, 10);

/**
 * Every change of leader along a date-ordered series. Ties hold no lead and are passed over
 * (the change is counted from the last side ahead to the next). Throws when the periods are
 * not in date order (a chart would mark changes in the wrong places).
 */
export function leadChanges(periods: readonly LeadPeriod[]): LeadChange[] {
  const out: LeadChange[] = [];
  let last: LeadPeriod | undefined;
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    if (i > 0 && periods[i - 1]!.end > p.end)
      throw new Error(
        `leadChanges: periods out of order (${periods[i - 1]!.end} before ${p.end}, index ${i})`,
      );
    if (p.leader === 'tie') continue;
    if (last && last.leader !== p.leader)
      out.push({
        before: last,
        after: p,
        leader: p.leader,
        located: daysBetween(last.end, startOf(p)) <= 1,
      });
    last = p;
  }
  return out;
}
