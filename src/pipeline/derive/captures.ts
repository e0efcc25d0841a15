import { groups } from 'd3-array';
import { CONTINUITY_SPAN_HOURS } from '../quality/judge.ts';

export { CONTINUITY_SPAN_HOURS };

/** A capture of one rankings-page section: every row that shares a fetch time. */
export interface Capture<R> {
  fetched_at_utc: string;
  snapshot_date: string;
  rows: R[];
}

interface CaptureRow {
  fetched_at_utc: string;
  snapshot_date: string;
}

/** Groups rows (already in capture order) into captures, in order of first appearance. */
export function groupCaptures<R extends CaptureRow>(rows: readonly R[]): Capture<R>[] {
  return groups(rows, (r) => r.fetched_at_utc).map(([fetched_at_utc, rs]) => ({
    fetched_at_utc,
    snapshot_date: rs[0]!.snapshot_date,
    rows: rs,
  }));
}

/** How close to the weekly reset the last capture of a week must be to count as a whole week. */
export const WHOLE_WEEK_GAP_HOURS = 36;

export interface WeekCapture<R> extends Capture<R> {
  /** False when the capture may be well short of the reset (next capture far away, or none yet). */
  whole: boolean;
}

/**
 * The rankings page counts week to date and resets weekly; the last capture before a reset
 * is the nearest thing to a whole week. Callers pass good captures only (the capture-quality
 * gate has set aside panels of another section and glitches). A reset shows as a fall in the
 * summed counter that persists into the capture after; or as a fall that recovers above the
 * earlier level only more than CONTINUITY_SPAN_HOURS after it (the quality gate's own bound:
 * over a longer span the new week may have counted more days than the old one had, so its
 * counter can outgrow the old level: 1 April 10.2T, 7 April 7.5T, 8 April 10.6T is a reset);
 * or as a gap of a week or more between captures. Captures whose counter is 0 held no figures
 * and are skipped.
 * A week's last capture is "whole" only when the next capture came within
 * WHOLE_WEEK_GAP_HOURS; otherwise days may be missing from its end.
 */
export function lastBeforeReset<R extends CaptureRow>(
  all: readonly Capture<R>[],
  counter: (rows: readonly R[]) => number,
): WeekCapture<R>[] {
  const captures = all.filter((c) => counter(c.rows) > 0);
  const hours = (a: Capture<R>, b: Capture<R>) =>
    (Date.parse(b.fetched_at_utc) - Date.parse(a.fetched_at_utc)) / 3.6e6;
  const out: WeekCapture<R>[] = [];
  for (let i = 0; i < captures.length; i++) {
    const cur = captures[i]!;
    const next = captures[i + 1];
    if (!next) {
      out.push({ ...cur, whole: false });
      break;
    }
    const after = captures[i + 2];
    const level = counter(cur.rows);
    const fell =
      counter(next.rows) < level &&
      (after === undefined ||
        counter(after.rows) < level ||
        hours(cur, after) > CONTINUITY_SPAN_HOURS);
    if (fell || hours(cur, next) >= 7 * 24)
      out.push({ ...cur, whole: hours(cur, next) <= WHOLE_WEEK_GAP_HOURS });
  }
  return out;
}
