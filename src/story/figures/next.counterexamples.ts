/** Edits of the data under which each claim of "What happened next" (next.ts) must fail. */
import type { Counterexample } from '../counterexample.ts';
import { scaleOrigin, setMediaShare, weekly, weeksWithBoth } from '../edits.ts';
import { addDays } from './sink.ts';

/** The first day of OpenRouter's own data. */
const firstApiDay = (raw: Parameters<Counterexample['edit']>[0]) =>
  raw['api-daily-tokens'].map((r) => r.date).sort()[0]!;

export const counterexamples: Counterexample[] = [
  {
    claim: 'judgement-calls-do-not-flip',
    name: 'one day of a stealth model grows to a quadrillion tokens, enough to decide its week',
    edit: (d) => {
      const r = d['api-daily-tokens'].find(
        (x) => x.date >= '2026-05-25' && (x.author === 'stealth' || x.author === 'openrouter'),
      );
      if (r) r.total_tokens = 1e15;
    },
  },
  {
    claim: 'outlet-method-cn-matches',
    name: 'the outlet’s China figure for 29 June – 5 July is 1% higher than printed',
    edit: (d) => {
      const cn = d['weekly-tokens'].find((r) => r.week_start === '2026-06-29' && r.origin === 'CN');
      if (cn) cn.tokens = Math.round(cn.tokens * 1.01);
    },
  },
  {
    claim: 'streak-statements-conflict',
    name: 'the only statement that disagrees (AIbase, 2–8 March) is removed',
    edit: (d) => {
      d['lead-streaks'] = d['lead-streaks'].filter((r) => r.week_start !== '2026-03-02');
    },
  },
  {
    claim: 'latest-media-week-china-ahead',
    name: 'the U.S. figure of the latest media week rises above China’s',
    edit: (d) => {
      const us = d['weekly-tokens'].find((r) => r.week_start === '2026-09-28' && r.origin === 'US');
      if (us) us.tokens = 1e14;
    },
  },
  {
    claim: 'api-days-top-models-and-rest',
    name: 'the first day’s second-ranked model has more tokens than its first',
    edit: (raw) => {
      const day = firstApiDay(raw);
      const rows = raw['api-daily-tokens'].filter((r) => r.date === day && r.rank !== null);
      const second = rows.find((r) => r.rank === 2)!;
      second.total_tokens = 2 * rows.find((r) => r.rank === 1)!.total_tokens;
    },
  },
  {
    claim: 'api-most-complete-count',
    name: 'a reported platform total only 1% above the China and U.S. sums of its week',
    edit: (raw) => {
      const w = weeksWithBoth(raw, ['reported']).find((x) =>
        raw['weekly-tokens'].some(
          (r) => r.week_start === x && r.origin === 'all' && r.status === 'reported',
        ),
      )!;
      weekly(raw, w, 'all').tokens = Math.round(
        1.01 * (weekly(raw, w, 'CN').tokens + weekly(raw, w, 'US').tokens),
      );
    },
  },
  {
    claim: 'api-china-leads-every-whole-week',
    name: 'U.S. models’ tokens multiplied by ten in the second week of OpenRouter’s data',
    edit: (raw) => {
      const from = addDays(firstApiDay(raw), 7);
      scaleOrigin(
        raw,
        'api-daily-tokens',
        'US',
        10,
        (r) => r.date! >= from && r.date! < addDays(from, 7),
      );
    },
  },
  {
    claim: 'api-narrower-than-media',
    name: 'the media sums give China 51% of the pair in every week OpenRouter’s data cover',
    edit: (raw) => {
      const from = addDays(firstApiDay(raw), -6);
      for (const w of weeksWithBoth(raw).filter((x) => x >= from)) setMediaShare(raw, w, 51);
    },
  },
  {
    claim: 'top50-covers-more-than-sums',
    name: 'the platform totals of the weeks OpenRouter’s data cover only 5% above the two sums',
    edit: (raw) => {
      const from = addDays(firstApiDay(raw), -6);
      for (const w of weeksWithBoth(raw).filter((x) => x >= from)) {
        const all = raw['weekly-tokens'].find((r) => r.week_start === w && r.origin === 'all');
        if (all)
          all.tokens = Math.round(
            1.05 * (weekly(raw, w, 'CN').tokens + weekly(raw, w, 'US').tokens),
          );
      }
    },
  },
  {
    claim: 'outlets-kept-counting-chinese-streak',
    name: 'the latest streak statement credits the U.S.',
    edit: (raw) => {
      const latest = [...raw['lead-streaks']].sort((a, b) =>
        a.week_start < b.week_start ? 1 : -1,
      )[0]!;
      latest.leader = 'US';
    },
  },
  {
    claim: 'api-daily-crossing',
    name: 'U.S. models’ tokens multiplied by ten on the latest day of OpenRouter’s data',
    edit: (raw) => {
      const last = raw['api-daily-tokens']
        .map((r) => r.date)
        .sort()
        .at(-1)!;
      scaleOrigin(raw, 'api-daily-tokens', 'US', 10, (r) => r.date === last);
    },
  },
  {
    claim: 'api-platform-grew',
    name: 'every row of OpenRouter’s data in August and September divided by ten',
    edit: (raw) => {
      for (const r of raw['api-daily-tokens'])
        if (r.date >= '2026-08-01') r.total_tokens = Math.round(r.total_tokens / 10);
    },
  },
];
