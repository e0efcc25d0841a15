/** Small helpers shared by the chart factories (lookups, ids, lists). */
import type { LabRow } from '../pipeline/datasets.ts';
import type { CaptureVerdict } from '../pipeline/quality/judge.ts';
import { daysBetween } from '../lib/days.ts';
import { formatSmall, MISSING } from '../lib/format.ts';
import type { ChartColumn } from './types.ts';

export { CAPTURE_SOURCE } from '../lib/source-ids.ts';
export { daysBetween } from '../lib/days.ts';

/** Origin of an author slug as published (unknown authors are undisclosed): the pipeline's. */
export { originLookup as originOf } from '../pipeline/derive/origin.ts';

/** Display name of an author slug: the lab name without parenthetical detail. */
export function labName(labs: readonly LabRow[]): (slug: string) => string {
  const by = new Map(labs.map((l) => [l.slug, l.lab]));
  return (slug) => (by.get(slug) ?? slug).replace(/\s*\(.*\)$/, '').replace(/,.*$/, '');
}

/** Unique values in first-seen order. */
export const uniq = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

/** Joins words as "a, b and c". */
export function listText(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** A column with a formatter for possibly-null values. */
export function col<R, K extends keyof R & string>(
  key: K,
  label: string,
  fmt?: (v: NonNullable<R[K]>, row: R) => string,
): ChartColumn<R> {
  return {
    key,
    label,
    format: ((v: R[K], row: R) =>
      v === null || v === undefined
        ? MISSING
        : fmt
          ? fmt(v as NonNullable<R[K]>, row)
          : String(v)) as ChartColumn<R>['format'],
  };
}

/** Segment numbers for a date-ordered series: a new segment starts after a gap longer than
 *  `maxDays`, so lines break where weeks or captures are missing. */
export function segments(dates: readonly string[], maxDays: number): number[] {
  let seg = 0;
  return dates.map((d, i) => (i > 0 && daysBetween(dates[i - 1]!, d) > maxDays ? ++seg : seg));
}

/** Capitalises the first letter (titles that start with a number word). */
export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A note on the captures of a section the quality check set aside, e.g. "18 of 44 tool-call
 * captures held another panel of the page or a glitch and are left out (see the methodology)".
 */
export function setAsideNote(
  verdicts: readonly CaptureVerdict[],
  section: CaptureVerdict['section'],
  noun: string,
): string {
  const judged = verdicts.filter((v) => v.section === section && v.verdict !== 'empty');
  const out = judged.filter((v) => v.verdict === 'set-aside').length;
  if (out === 0)
    return `All ${formatSmall(judged.length)} ${noun} captures passed the quality check.`;
  return `${cap(formatSmall(out))} of ${formatSmall(judged.length)} ${noun} captures held another panel of the page or a glitch and are left out (see the methodology).`;
}

/** A figure rounded to one decimal, as the derived shares are (e.g. 12.345 → 12.3). */
export const round1 = (x: number): number => Math.round(x * 10) / 10;
