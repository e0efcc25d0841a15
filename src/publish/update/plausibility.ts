/**
 * The plausibility gate of the scheduled update: the Data API days a run adds or restates are
 * compared with the recent history of the same series before anything counts them. A malformed
 * count is refused by the importer; this catches well-formed counts no platform could have (one
 * model at 9,007,199,254,740,991 tokens, a thousand days of the whole platform, was published
 * with exit 0 before: issue 19). An implausible day holds the update for an editor with the
 * reason; it is never published unattended. Thresholds: src/lib/story-settings.ts.
 *
 *   const reasons = implausibleDays(rows, ['2026-06-23']); // [] when every day is plausible
 */
import { median } from 'd3-array';
import { OTHER } from '../../import/data-api.ts';
import {
  PLAUSIBLE_DAY_FACTOR,
  PLAUSIBLE_MIN_HISTORY,
  PLAUSIBLE_MODEL_FACTOR,
  PLAUSIBLE_TRAILING_DAYS,
} from '../../lib/story-settings.ts';

export interface ApiDayRow {
  date: string;
  model_permaslug: string;
  total_tokens: number;
}

export interface Thresholds {
  dayFactor: number;
  modelFactor: number;
  trailingDays: number;
  minHistory: number;
}

export const THRESHOLDS: Thresholds = {
  dayFactor: PLAUSIBLE_DAY_FACTOR,
  modelFactor: PLAUSIBLE_MODEL_FACTOR,
  trailingDays: PLAUSIBLE_TRAILING_DAYS,
  minHistory: PLAUSIBLE_MIN_HISTORY,
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const times = (x: number) => `${x >= 10 ? Math.round(x) : x.toFixed(1)}×`;

/** Reads the rows of data/api-daily-tokens.csv (date, model_permaslug, total_tokens). */
export function apiRows(csv: string): ApiDayRow[] {
  const [head, ...lines] = csv.split(/\r?\n/).filter(Boolean);
  const cols = head!.split(',');
  const [d, m, t] = ['date', 'model_permaslug', 'total_tokens'].map((c) => cols.indexOf(c));
  return lines.map((l) => {
    const cells = l.split(',');
    return { date: cells[d!]!, model_permaslug: cells[m!]!, total_tokens: Number(cells[t!]) };
  });
}

/** Why each of `days` is implausible against the days before it, in words; [] when none is. */
export function implausibleDays(
  rows: readonly ApiDayRow[],
  days: readonly string[],
  th: Thresholds = THRESHOLDS,
): string[] {
  const byDay = new Map<string, ApiDayRow[]>();
  for (const r of rows) byDay.set(r.date, [...(byDay.get(r.date) ?? []), r]);
  const dates = [...byDay.keys()].sort();
  const out: string[] = [];
  for (const day of [...days].sort()) {
    const today = byDay.get(day) ?? [];
    const others = today.filter((r) => r.model_permaslug === OTHER).length;
    if (others !== 1)
      out.push(
        `${day}: ${others} "other" rows; a day has exactly one (everything outside the top 50).`,
      );
    const before = dates.filter((d) => d < day && !days.includes(d)).slice(-th.trailingDays);
    if (before.length === 0) continue;
    const totalOf = (d: string) => byDay.get(d)!.reduce((s, r) => s + r.total_tokens, 0);
    const total = today.reduce((s, r) => s + r.total_tokens, 0);
    const typical = median(before.map(totalOf))!;
    if (total > typical * th.dayFactor || total < typical / th.dayFactor)
      out.push(
        `${day}: the platform total is ${fmt(total)} tokens, ${times(total / typical)} the median of the ${before.length} days before (${fmt(typical)}); more than ${th.dayFactor}× above or below is held.`,
      );
    for (const r of today) {
      if (r.model_permaslug === OTHER) continue;
      const history = before.flatMap(
        (d) =>
          byDay.get(d)!.find((x) => x.model_permaslug === r.model_permaslug)?.total_tokens ?? [],
      );
      if (history.length < th.minHistory) continue;
      const m = median(history)!;
      if (r.total_tokens > m * th.modelFactor)
        out.push(
          `${day}: ${r.model_permaslug} has ${fmt(r.total_tokens)} tokens, ${times(r.total_tokens / m)} its median of the ${history.length} days before (${fmt(m)}); more than ${th.modelFactor}× is held.`,
        );
    }
  }
  return out;
}
