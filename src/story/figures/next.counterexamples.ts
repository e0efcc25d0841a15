/** Counterexamples for the claims of "What happened next" added with the outlets' reports to
 *  October 2026 (the contract is in ../counterexample.ts). */
import type { Counterexample } from '../counterexample.ts';

export const counterexamples: Counterexample[] = [
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
];
