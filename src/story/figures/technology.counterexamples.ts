/** Edits of the data under which each claim of the technology section (technology.ts) must fail. */
import { AGENT_APP, PEG_WEEK_START, STEALTH_MODEL } from '../../lib/story-settings.ts';
import type { Counterexample } from '../counterexample.ts';
import { one, originOf } from '../edits.ts';

type Raw = Parameters<Counterexample['edit']>[0];
/** Credits the tool calls of U.S. models in the captures of the days a filter keeps to a
 *  Chinese lab (China ahead in those captures; shares stay as published). */
const creditUsToChina = (raw: Raw, keep: (day: string) => boolean) => {
  const cn = raw.labs.find((l) => l.origin === 'CN')!.slug;
  for (const r of raw['captures-tool-calls'])
    if (originOf(raw, r.author) === 'US' && keep(r.snapshot_date)) r.author = cn;
};
/** Capture days with the U.S. models ahead, oldest first. */
const usAheadDays = (raw: Raw): string[] => {
  const by = new Map<string, { cn: number; us: number }>();
  for (const r of raw['captures-tool-calls']) {
    const o = originOf(raw, r.author);
    const x = by.get(r.snapshot_date) ?? { cn: 0, us: 0 };
    if (o === 'CN') x.cn += r.share_pct;
    if (o === 'US') x.us += r.share_pct;
    by.set(r.snapshot_date, x);
  }
  return [...by]
    .filter(([, x]) => x.us > x.cn)
    .map(([d]) => d)
    .sort();
};
const hunter = (raw: Raw) =>
  one(raw['model-prices'], (r) => r.model === STEALTH_MODEL, STEALTH_MODEL);
/** The agent app's rows in the first apps capture. */
const agentRows = (raw: Raw) => {
  const first = raw['captures-apps'].map((r) => r.fetched_at_utc).sort()[0];
  return raw['captures-apps'].filter((r) => r.fetched_at_utc === first && r.name === AGENT_APP);
};

export const counterexamples: Counterexample[] = [
  {
    claim: 'openclaw-most-starred-reported',
    name: 'the most-starred report loses its date',
    edit: (raw) => {
      const r = one(
        raw['agentic-indicators'],
        (x) => x.id === 'openclaw-most-starred-github',
        'the most-starred report',
      );
      r.value_text = r.value_text.replace(/\d{4}-\d{2}-\d{2}/g, 'some day');
    },
  },
  {
    claim: 'openclaw-top-app',
    name: 'the agent app ranked second in the first apps capture',
    edit: (raw) => {
      for (const r of agentRows(raw)) r.rank = 2;
    },
  },
  {
    claim: 'agents-burn-more-per-request',
    name: 'the agent app made ten times as many requests',
    edit: (raw) => {
      for (const r of agentRows(raw)) r.requests *= 10;
    },
  },
  {
    claim: 'tool-calls-split',
    name: 'U.S. models’ tool calls credited to a Chinese lab in every capture (China ahead in all)',
    edit: (raw) => creditUsToChina(raw, () => true),
  },
  {
    claim: 'tool-calls-did-not-lean',
    name: 'U.S. models’ tool calls credited to a Chinese lab in every U.S.-led capture but the first',
    edit: (raw) => {
      const days = new Set(usAheadDays(raw).slice(1));
      creditUsToChina(raw, (d) => days.has(d));
    },
  },
  {
    claim: 'tool-calls-us-run',
    name: 'U.S. models’ tool calls credited to a Chinese lab in every other U.S.-led capture',
    edit: (raw) => {
      const days = new Set(usAheadDays(raw).filter((_, i) => i % 2 === 1));
      creditUsToChina(raw, (d) => days.has(d));
    },
  },
  {
    claim: 'hunter-alpha-1m-context',
    name: 'the stealth model’s context window is 128K',
    edit: (raw) => {
      hunter(raw).context_tokens = 128_000;
    },
  },
  {
    claim: 'hunter-alpha-free',
    name: 'the stealth model costs $1/M of input',
    edit: (raw) => {
      hunter(raw).input_usd_per_mtok = 1;
    },
  },
  {
    claim: 'hunter-alpha-ranked-by-odaily-in-peg-week',
    name: 'the stealth model’s peg-week row has no rank',
    edit: (raw) => {
      for (const r of raw['model-tokens'])
        if (r.model === STEALTH_MODEL && r.period_start === PEG_WEEK_START) r.rank = null;
    },
  },
  {
    claim: 'hunter-alpha-figures-disagree',
    name: 'Reuters’ first-week figure equals the peg-week figure',
    edit: (raw) => {
      const week = one(
        raw['model-tokens'],
        (r) => r.model === STEALTH_MODEL && r.period_start === PEG_WEEK_START,
        'the stealth model in the peg week',
      );
      one(
        raw['agentic-indicators'],
        (r) => r.id === 'hunter-alpha-first-week-tokens',
        'first week',
      ).value = week.tokens;
    },
  },
  {
    claim: 'many-models-1m-context',
    name: 'every context window of a million tokens or more cut to 200K',
    edit: (raw) => {
      for (const r of raw['model-prices'])
        if ((r.context_tokens ?? 0) >= 1_000_000) r.context_tokens = 200_000;
    },
  },
];
