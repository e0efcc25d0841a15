/** Counterexamples for the opening's claims about 2–8 March and 23 February – 1 March 2026
 *  (the claims added with AIbase's report; the contract is in ../counterexample.ts). */
import type { Counterexample } from '../counterexample.ts';

export const counterexamples: Counterexample[] = [
  {
    claim: 'week-before-is-reported',
    name: 'the 2–8 March figures are back-calculated again (status derived)',
    edit: (d) => {
      for (const r of d['weekly-tokens'])
        if (r.week_start === '2026-03-02' && r.origin !== 'all') {
          r.status = 'derived';
          r.derived_from = `2026-03-09 ${r.origin}`;
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
];
