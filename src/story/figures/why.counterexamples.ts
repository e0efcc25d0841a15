/** Edits of the datasets under which each claim of the measured "why" (why.ts) must fail. */
import type { RawDatasets } from '../../data/index.ts';
import type { Counterexample } from '../counterexample.ts';

/** Every Chinese (or U.S.) model's price row, by the author prefix of its permaslug. */
const cnPrices = (d: RawDatasets, origin: 'CN' | 'US' = 'CN') => {
  const cn = new Set(d.labs.filter((l) => l.origin === origin).map((l) => l.slug));
  return d['api-model-prices'].filter((p) => cn.has(p.permaslug.split('/')[0]!));
};
const reprice = (d: RawDatasets, input: number, output: number, origin: 'CN' | 'US' = 'CN') => {
  for (const p of cnPrices(d, origin)) {
    p.price_status = 'snapshot';
    p.input_usd_per_mtok = input;
    p.output_usd_per_mtok = output;
    p.reason = null;
  }
};
/** The Monday of the first whole week of the Data API in these data. */
const firstMonday = (d: RawDatasets) =>
  d['api-daily-tokens']
    .map((r) => r.date)
    .filter((x) => new Date(`${x}T00:00:00Z`).getUTCDay() === 1)
    .sort()[0]!;
const inWeek = (date: string, monday: string) =>
  date >= monday &&
  date <= new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 864e5).toISOString().slice(0, 10);

export const counterexamples: Counterexample[] = [
  {
    claim: 'why-cheap-shares-close',
    name: "every Chinese model repriced at $5/$25 per million (Claude Opus's list price)",
    edit: (d) => reprice(d, 5, 25),
  },
  {
    claim: 'why-us-cheap-share-rose',
    name: 'every U.S. model repriced at $5/$25 per million',
    edit: (d) => reprice(d, 5, 25, 'US'),
  },
  {
    claim: 'why-us-more-over-3',
    name: 'every Chinese model repriced at $10/$50 per million',
    edit: (d) => reprice(d, 10, 50),
  },
  {
    claim: 'why-cn-median-lower',
    name: 'every Chinese model repriced at $10/$50 per million',
    edit: (d) => reprice(d, 10, 50),
  },
  {
    claim: 'why-us-more-free',
    name: 'every Chinese model turned into a free variant (0/0)',
    edit: (d) => {
      for (const p of cnPrices(d)) {
        p.price_status = 'free-variant';
        p.input_usd_per_mtok = 0;
        p.output_usd_per_mtok = 0;
      }
    },
  },
  {
    claim: 'why-unpriced-small',
    name: "every Chinese model's price removed (unpriced)",
    edit: (d) => {
      for (const p of cnPrices(d)) {
        p.price_status = 'unpriced';
        p.input_usd_per_mtok = null;
        p.output_usd_per_mtok = null;
        p.reason = 'counterexample';
      }
    },
  },
  {
    claim: 'why-us-more-long-context',
    name: 'every Chinese model given a two-million-token context window',
    edit: (d) => {
      for (const p of cnPrices(d)) p.context_tokens = 2_000_000;
    },
  },
  {
    claim: 'why-share-rose',
    name: "every Chinese model's tokens in the first whole week multiplied by ten",
    edit: (d) => {
      const cn = new Set(d.labs.filter((l) => l.origin === 'CN').map((l) => l.slug));
      const monday = firstMonday(d);
      for (const r of d['api-daily-tokens'])
        if (r.author && cn.has(r.author) && inWeek(r.date, monday)) r.total_tokens *= 10;
    },
  },
  {
    claim: 'why-top-models-most-of-rise',
    name: 'every model given the same daily tokens, Chinese ones half as many in the first whole week',
    edit: (d) => {
      // The rise then comes in small, similar parts from every Chinese model, so no three
      // carry most of it.
      const cn = new Set(d.labs.filter((l) => l.origin === 'CN').map((l) => l.slug));
      const monday = firstMonday(d);
      for (const r of d['api-daily-tokens'])
        if (r.author !== null)
          r.total_tokens = cn.has(r.author) && inWeek(r.date, monday) ? 5e8 : 1e9;
    },
  },
  {
    claim: 'why-new-models-most-of-rise',
    name: 'no model is new: every model of the latest whole week also has the same tokens in the first',
    edit: (d) => {
      const cn = new Set(d.labs.filter((l) => l.origin === 'CN').map((l) => l.slug));
      const monday = firstMonday(d);
      const seen = new Set(
        d['api-daily-tokens'].filter((r) => inWeek(r.date, monday)).map((r) => r.model_permaslug),
      );
      // Models absent from the first week lose their tokens; Chinese models present in both gain.
      for (const r of d['api-daily-tokens']) {
        if (r.author === null || inWeek(r.date, monday)) continue;
        if (!seen.has(r.model_permaslug)) r.total_tokens = 0;
        else if (cn.has(r.author)) r.total_tokens *= 3;
      }
    },
  },
  {
    claim: 'why-no-stealth-attributed',
    name: 'Owl Alpha recorded as revealed to be Xiaomi’s',
    edit: (d) => {
      const hunter = d['model-prices'].find((p) => p.revealed_as !== null)!;
      d['model-prices'].push({
        ...hunter,
        model: 'Owl Alpha',
        model_id: 'openrouter/owl-alpha',
        revealed_as: 'xiaomi',
      });
    },
  },
  {
    claim: 'why-agents-most-app-tokens',
    name: 'every app classed as chat and role-play',
    edit: (d) => {
      for (const a of d['app-classes']) a.app_class = 'chat-roleplay';
    },
  },
  {
    claim: 'why-agents-more-per-request',
    name: 'the agents’ requests multiplied by a hundred',
    edit: (d) => {
      const agents = new Set(
        d['app-classes']
          .filter((a) => a.app_class === 'coding-agent' || a.app_class === 'personal-agent')
          .map((a) => a.app),
      );
      for (const r of d['captures-apps']) if (agents.has(r.name)) r.requests *= 100;
    },
  },
];
