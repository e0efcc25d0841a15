/** Edits of the data under which each claim of the opening (flip.ts) must fail. */
import { PEG_WEEK_START } from '../../lib/story-settings.ts';
import type { Counterexample } from '../counterexample.ts';
import { one, usAheadInWeek, weekly, weeksWithBoth } from '../edits.ts';
import { addDays } from './sink.ts';

const weekBefore = addDays(PEG_WEEK_START, -7);
/** The first week before the peg with no China or U.S. figure (the gap). */
const gapWeek = (raw: Parameters<Counterexample['edit']>[0]): string => {
  const both = weeksWithBoth(raw);
  for (let w = both[0]!; w < PEG_WEEK_START; w = addDays(w, 7)) if (!both.includes(w)) return w;
  throw new Error('no week without figures before the peg');
};

export const counterexamples: Counterexample[] = [
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
    claim: 'week-before-is-derived',
    name: 'the week before the peg is marked reported instead of back-calculated',
    edit: (raw) => {
      weekly(raw, weekBefore, 'CN').status = 'reported';
      weekly(raw, weekBefore, 'US').status = 'reported';
    },
  },
  {
    claim: 'a-week-is-missing',
    name: 'the gap week gets China and U.S. figures',
    edit: (raw) => {
      const gap = gapWeek(raw);
      for (const origin of ['CN', 'US'] as const) {
        const tpl = weekly(raw, PEG_WEEK_START, origin);
        raw['weekly-tokens'].push({
          ...tpl,
          week_start: gap,
          week_end: addDays(gap, 6),
          wow_change_pct: null,
        });
      }
    },
  },
  {
    claim: 'missing-week-implied-us',
    name: 'the later streak statement counts one week more, so the gap week was Chinese-led',
    edit: (raw) => {
      const later = raw['lead-streaks']
        .filter((r) => r.week_start > PEG_WEEK_START && r.leader === 'CN')
        .sort((a, b) => (a.week_start < b.week_start ? -1 : 1))[0];
      if (!later) throw new Error('no Chinese streak statement after the peg');
      later.streak_weeks += 1;
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
