/** Edits of the data under which each claim of "How the count decides the answer" (counting.ts) must fail. */
import { PEG_WEEK_START } from '../../lib/story-settings.ts';
import type { Counterexample } from '../counterexample.ts';
import {
  originOf,
  scaleOrigin,
  setMediaShare,
  usAheadInWeek,
  weekly,
  weeksWithBoth,
} from '../edits.ts';
import { addDays } from './sink.ts';

/** The snapshot dates of the captures (market share), oldest first. */
const snapshots = (raw: Parameters<Counterexample['edit']>[0]) =>
  [...new Set(raw['captures-market-share'].map((r) => r.snapshot_date))].sort();

export const counterexamples: Counterexample[] = [
  {
    claim: 'sums-miss-much-of-platform',
    name: 'a reported platform total only 20% above the China and U.S. sums of its week',
    edit: (raw) => {
      const w = weeksWithBoth(raw, ['reported']).find((x) =>
        raw['weekly-tokens'].some(
          (r) => r.week_start === x && r.origin === 'all' && r.status === 'reported',
        ),
      );
      if (!w) throw new Error('no week with all three figures reported');
      weekly(raw, w, 'all').tokens = Math.round(
        1.2 * (weekly(raw, w, 'CN').tokens + weekly(raw, w, 'US').tokens),
      );
    },
  },
  {
    claim: 'china-leads-latest-media-week',
    name: 'the U.S. led the latest media week with both figures',
    edit: (raw) => usAheadInWeek(raw, weeksWithBoth(raw).at(-1)!),
  },
  {
    claim: 'latest-reported-china-leads',
    name: 'the U.S. led the latest week the media reported in full',
    edit: (raw) => usAheadInWeek(raw, weeksWithBoth(raw, ['reported']).at(-1)!),
  },
  {
    claim: 'authors-lead-flips',
    name: 'U.S. labs’ shares of the rankings page cut to a tenth (China ahead every week)',
    edit: (raw) => scaleOrigin(raw, 'captures-market-share', 'US', 0.1),
  },
  {
    claim: 'authors-first-well-short-of-media',
    name: 'U.S. labs’ shares of the first captured week cut to a tenth',
    edit: (raw) => {
      const first = snapshots(raw)[0]!;
      scaleOrigin(
        raw,
        'captures-market-share',
        'US',
        0.1,
        (r) => r.snapshot_date! <= addDays(first, 7),
      );
    },
  },
  {
    claim: 'authors-closer-than-media',
    name: 'the media sums give China only 40% of the pair in every week after the peg',
    edit: (raw) => {
      for (const w of weeksWithBoth(raw).filter((x) => x > PEG_WEEK_START))
        setMediaShare(raw, w, 40);
    },
  },
  {
    claim: 'streaks-agree-with-authors-late',
    name: 'U.S. labs’ shares cut to a tenth after the peg (the author shares have China ahead when the streaks imply the U.S.)',
    edit: (raw) =>
      scaleOrigin(
        raw,
        'captures-market-share',
        'US',
        0.1,
        (r) => r.snapshot_date! > PEG_WEEK_START,
      ),
  },
  {
    claim: 'counting-method-matters',
    name: 'every count brought near 55% for China: the latest media week set to 55%, Chinese tokens of OpenRouter’s data cut by 30%, of the top models by 40%',
    edit: (raw) => {
      setMediaShare(raw, weeksWithBoth(raw).at(-1)!, 55);
      scaleOrigin(raw, 'api-daily-tokens', 'CN', 0.7);
      scaleOrigin(raw, 'captures-models', 'CN', 0.6);
    },
  },
  {
    claim: 'every-count-latest-china',
    name: 'U.S. models’ tokens in OpenRouter’s data multiplied by ten (the U.S. leads its latest week)',
    edit: (raw) => scaleOrigin(raw, 'api-daily-tokens', 'US', 10),
  },
  {
    claim: 'leaderboards-list-top-entries',
    name: 'one capture lists 40 models',
    edit: (raw) => {
      const rows = raw['captures-models'];
      const at = rows[0]!.fetched_at_utc;
      const first = rows.filter((r) => r.fetched_at_utc === at);
      for (let i = first.length; i < 40; i++)
        rows.push({ ...first[i % first.length]!, rank: i + 1 });
    },
  },
  {
    claim: 'top9-models-mostly-chinese',
    name: 'every top model by a Chinese lab credited to a U.S. lab',
    edit: (raw) => {
      const us = raw.labs.find((l) => l.origin === 'US')!.slug;
      for (const r of raw['captures-models']) if (originOf(raw, r.author) === 'CN') r.author = us;
    },
  },
  {
    claim: 'top9-models-above-authors',
    name: 'Chinese top models’ tokens cut to a tenth',
    edit: (raw) => scaleOrigin(raw, 'captures-models', 'CN', 0.1),
  },
];
