/** Counterexamples for the claims of "What happened next" added with the outlets' reports to
 *  October 2026 (the contract is in ../counterexample.ts). */
import type { Counterexample } from '../counterexample.ts';

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
];
