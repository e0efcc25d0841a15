/**
 * What moved China's share of the China + U.S. total between two whole weeks of OpenRouter's Data
 * API, model by model, so that the parts add up exactly to the change.
 *
 * The decomposition: let s_i be model i's share of the pair's tokens in a week. China's share is
 * the sum of the Chinese models' s_i, so the Chinese models' changes sum to the change ΔS, and
 * (the shares of the pair summing to 1 in both weeks) the U.S. models' changes sum to −ΔS. Each
 * model's contribution is half its change in share, with the sign of its side (+ for China, − for
 * the U.S.): the halves sum to ΔS exactly, the split does not depend on any order of models, and
 * a U.S. model that loses share counts towards China's rise as much as a Chinese model that gains
 * the same share. Each contribution is kept as an exact fraction of integers (numerator over the
 * common denominator 2·T_a·T_b) so a test can prove the sum exact; pp is its float value.
 *
 * Limits: a model outside a day's top 50 is in the `other` row, not named, so a "new" model may
 * have had tokens below the top 50 before; weekly sums of the daily top 50 are what is decomposed.
 */
import { utcDay, utcMonday } from 'd3-time';
import type { ApiDailyTokenRow, LabRow } from '../datasets.ts';
import { originLookup } from './origin.ts';

export interface ShareContribution {
  permaslug: string;
  side: 'CN' | 'US';
  tokens_a: number;
  tokens_b: number;
  /** new: no tokens in week A's top 50s; gone: none in week B's; both: in both weeks. */
  presence: 'new' | 'gone' | 'both';
  /** Exact contribution to China's share (a fraction, not percent): num / ShareShift.den. */
  num: string;
  /** The contribution in percentage points. */
  pp: number;
}

export interface ShareShift {
  week_a: string;
  week_b: string;
  share_a: number;
  share_b: number;
  /** Change in China's share of the pair, percentage points. */
  change_pp: number;
  /** Exact change as a fraction: change_num / den (den = 2·T_a·T_b). */
  change_num: string;
  den: string;
  /** Contributions, largest absolute first. */
  models: ShareContribution[];
  /** Sums by presence, percentage points. */
  by_presence: Record<ShareContribution['presence'], number>;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const monday = (s: string) => iso(utcMonday.floor(new Date(`${s}T00:00:00Z`)));

/** Monday dates of the weeks with all seven days present, oldest first. */
export function wholeWeeks(rows: readonly ApiDailyTokenRow[]): string[] {
  const days = new Map<string, Set<string>>();
  for (const r of rows) {
    const w = monday(r.date);
    days.set(w, (days.get(w) ?? new Set()).add(r.date));
  }
  return [...days]
    .filter(([, ds]) => ds.size === 7)
    .map(([w]) => w)
    .sort();
}

function weekTokens(
  rows: readonly ApiDailyTokenRow[],
  week: string,
  side: (author: string) => 'CN' | 'US' | null,
): Map<string, { side: 'CN' | 'US'; tokens: bigint }> {
  const out = new Map<string, { side: 'CN' | 'US'; tokens: bigint }>();
  const end = iso(utcDay.offset(new Date(`${week}T00:00:00Z`), 6));
  for (const r of rows) {
    if (r.author === null || r.date < week || r.date > end) continue;
    const s = side(r.author);
    if (s === null) continue;
    const m = out.get(r.model_permaslug) ?? { side: s, tokens: 0n };
    m.tokens += BigInt(r.total_tokens);
    out.set(r.model_permaslug, m);
  }
  return out;
}

/** Decomposes the change in China's share of the pair from week A to week B (Mondays). */
export function shareShift(
  rows: readonly ApiDailyTokenRow[],
  labs: readonly LabRow[],
  weekA: string,
  weekB: string,
): ShareShift {
  const origin = originLookup(labs);
  const side = (a: string) => {
    const o = origin(a);
    return o === 'CN' || o === 'US' ? o : null;
  };
  const a = weekTokens(rows, weekA, side);
  const b = weekTokens(rows, weekB, side);
  const total = (m: typeof a) => [...m.values()].reduce((t, x) => t + x.tokens, 0n);
  const cn = (m: typeof a) =>
    [...m.values()].filter((x) => x.side === 'CN').reduce((t, x) => t + x.tokens, 0n);
  const ta = total(a);
  const tb = total(b);
  if (ta === 0n || tb === 0n)
    throw new Error(`shareShift: no China or U.S. tokens in week ${ta === 0n ? weekA : weekB}`);
  const den = 2n * ta * tb;
  const toPp = (num: bigint) => (100 * Number((num * 10n ** 12n) / den)) / 1e12;
  const changeNum = 2n * (cn(b) * ta - cn(a) * tb);
  const models: ShareContribution[] = [...new Set([...a.keys(), ...b.keys()])].map((slug) => {
    const x = a.get(slug)?.tokens ?? 0n;
    const y = b.get(slug)?.tokens ?? 0n;
    const s = (a.get(slug) ?? b.get(slug))!.side;
    const raw = y * ta - x * tb;
    const num = s === 'CN' ? raw : -raw;
    return {
      permaslug: slug,
      side: s,
      tokens_a: Number(x),
      tokens_b: Number(y),
      presence: x === 0n ? 'new' : y === 0n ? 'gone' : 'both',
      num: num.toString(),
      pp: toPp(num),
    };
  });
  models.sort((p, q) => Math.abs(q.pp) - Math.abs(p.pp) || (p.permaslug < q.permaslug ? -1 : 1));
  const by_presence = { new: 0, gone: 0, both: 0 };
  for (const p of ['new', 'gone', 'both'] as const)
    by_presence[p] = toPp(
      models.filter((m) => m.presence === p).reduce((t, m) => t + BigInt(m.num), 0n),
    );
  return {
    week_a: weekA,
    week_b: weekB,
    share_a: (100 * Number(cn(a))) / Number(ta),
    share_b: (100 * Number(cn(b))) / Number(tb),
    change_pp: toPp(changeNum),
    change_num: changeNum.toString(),
    den: den.toString(),
    models,
    by_presence,
  };
}
