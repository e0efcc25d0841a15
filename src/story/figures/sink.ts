/**
 * Where the copy's figures, claims and sources are collected while the story is computed. Each
 * section module (flip.ts, counting.ts, ...) writes into one Sink.
 */
import { MONTHS } from '../../lib/format.ts';
import type { WeekPoint } from '../../pipeline/derive/weeks.ts';

export interface Claim {
  id: string;
  /** What the copy asserts, in words. */
  says: string;
  holds: boolean;
  /** The figures behind the verdict, for the build's error message. */
  figures: string;
  /** Story settings (src/lib/story-settings.ts) the verdict depends on: when the claim fails,
   *  the fix may be the setting rather than the sentence. */
  settings?: string[];
}

export interface Sink {
  /** Formatted figures by placeholder name. */
  f: Record<string, string>;
  claim(id: string, says: string, holds: boolean, figures: string, settings?: string[]): void;
  /** Records the sources the copy of a section rests on. */
  cite(section: string, ids: Iterable<string>): void;
}

export function createSink(): Sink & { claims: Claim[]; sources: Record<string, string[]> } {
  const f: Record<string, string> = {};
  const claims: Claim[] = [];
  const sources: Record<string, string[]> = {};
  return {
    f,
    claims,
    sources,
    claim: (id, says, holds, figures, settings) => {
      if (claims.some((c) => c.id === id)) throw new Error(`claim "${id}" is defined twice`);
      claims.push({ id, says, holds, figures, ...(settings ? { settings } : {}) });
    },
    cite: (section, ids) => {
      sources[section] = [...new Set([...(sources[section] ?? []), ...ids])];
    },
  };
}

/** "a, b and c". */
export const list = (items: readonly string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export const leaderName = (l: string | null): string =>
  l === 'CN' ? 'China' : l === 'US' ? 'the U.S.' : 'neither side';

export const leaderOf = (w: Pick<WeekPoint, 'cn' | 'us'>): 'CN' | 'US' | 'tie' | null =>
  w.cn === null || w.us === null ? null : w.cn > w.us ? 'CN' : w.us > w.cn ? 'US' : 'tie';

/** "rose", "fell" or "held": a direction word from the sign of a change, never hand-written. */
export const direction = (
  before: number,
  after: number,
  rose = 'rose',
  fell = 'fell',
  held = 'held steady',
): string => (after > before ? rose : after < before ? fell : held);

export const addDays = (iso: string, n: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);

export const daysApart = (a: string, b: string): number =>
  Math.abs(Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 864e5;

/** "early March" (days 1–10), "mid-March" (11–20) or "late March" (21 on): a period in words,
 *  computed from a date so that no such word is typed into the copy. */
export const partOfMonth = (iso: string): string => {
  const day = Number(iso.slice(8, 10));
  const month = MONTHS[Number(iso.slice(5, 7)) - 1] ?? '?';
  return day <= 10 ? `early ${month}` : day <= 20 ? `mid-${month}` : `late ${month}`;
};

/** The part of the month a week sits in, by its middle day (Thursday of a Monday week). */
export const partOfMonthOfWeek = (weekStart: string): string => partOfMonth(addDays(weekStart, 3));

/** The months a span of days touches, in words: "June", "May and June", "May to September". */
export const monthSpan = (first: string, last: string): string => {
  const a = MONTHS[Number(first.slice(5, 7)) - 1] ?? '?';
  const b = MONTHS[Number(last.slice(5, 7)) - 1] ?? '?';
  const months =
    (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 +
    Number(last.slice(5, 7)) -
    Number(first.slice(5, 7));
  return months === 0 ? a : months === 1 ? `${a} and ${b}` : `${a} to ${b}`;
};
