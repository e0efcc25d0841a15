/** Edits of the data under which each claim of the opening (flip.ts) must fail. */
import { PEG_WEEK_START } from '../../lib/story-settings.ts';
import type { Counterexample } from '../counterexample.ts';
import { one, usAheadInWeek, weekly, weeksWithBoth } from '../edits.ts';
import { addDays } from './sink.ts';

const weekBefore = addDays(PEG_WEEK_START, -7);
/** The gap week two weeks before the peg: back-calculated, as flip.ts reads it. */
const gapWeek = (_raw: Parameters<Counterexample['edit']>[0]): string =>
  addDays(PEG_WEEK_START, -14);

export const counterexamples: Counterexample[] = [
  {
    claim: 'week-before-is-reported',
    name: 'the 2–8 March figures are back-calculated again (status derived)',
    edit: (d) => {
      for (const r of d['weekly-tokens'])
        if (r.week_start === '2026-03-02' && r.origin !== 'all') {
          r.status = 'derived';
          r.derived_from = `${PEG_WEEK_START} ${r.origin}`;
        }
    },
  },
  {
    claim: 'gap-week-derived-us',
    name: 'the back-calculated U.S. figure for 23 February – 1 March falls below China’s',
    edit: (d) => {
      const us = d['weekly-tokens'].find((r) => r.week_start === '2026-02-23' && r.origin === 'US');
      if (us) us.tokens = 1e12;
    },
  },
  {
    claim: 'gap-week-streaks-conflict',
    name: 'AIbase’s “second consecutive week” for 2–8 March is removed',
    edit: (d) => {
      d['lead-streaks'] = d['lead-streaks'].filter((r) => r.week_start !== '2026-03-02');
    },
  },
  {
    claim: 'peg-china-leads',
    name: 'the U.S. sum of the peg week is twice China’s',
    edit: (raw) => usAheadInWeek(raw, PEG_WEEK_START),
  },
  {
    claim: 'reports-second-week',
    name: 'the outlets called the peg week the third in a row',
    edit: (raw) => {
      one(
        raw['lead-streaks'],
        (r) => r.week_start === PEG_WEEK_START,
        'the peg week streak',
      ).streak_weeks = 3;
    },
  },
  {
    claim: 'gap-narrower-week-before',
    name: 'the back-calculated U.S. sum of the week before the peg is 1 trillion tokens (a wider gap)',
    edit: (raw) => {
      weekly(raw, weekBefore, 'US').tokens = 1_000_000_000_000;
    },
  },
  {
    claim: 'peg-streak-second',
    name: 'the U.S. led the week before the peg (the peg week starts a run)',
    edit: (raw) => usAheadInWeek(raw, weekBefore),
  },
  {
    claim: 'china-led-before-gap',
    name: 'the U.S. led the last reported week before the gap',
    edit: (raw) => {
      const gap = gapWeek(raw);
      const last = weeksWithBoth(raw)
        .filter((w) => w < gap)
        .at(-1);
      if (!last) throw new Error('no week with figures before the gap');
      usAheadInWeek(raw, last);
    },
  },
];
