/** Edits of the data under which each claim of the price and policy sections (price.ts) must fail. */
import { FLAGSHIP_MODELS, PRICE_REFERENCE_MODEL } from '../../lib/story-settings.ts';
import type { Counterexample } from '../counterexample.ts';
import { one, originOf } from '../edits.ts';

type Raw = Parameters<Counterexample['edit']>[0];
const price = (raw: Raw, model: string) =>
  one(raw['model-prices'], (r) => r.model === model, model);
const indicator = (raw: Raw, id: string) => one(raw['agentic-indicators'], (r) => r.id === id, id);

export const counterexamples: Counterexample[] = [
  {
    claim: 'flagships-cost-many-times-more',
    name: 'a flagship lists at twice the reference model’s prices',
    edit: (raw) => {
      const ref = price(raw, PRICE_REFERENCE_MODEL);
      const f = price(raw, FLAGSHIP_MODELS.at(-1)!);
      f.input_usd_per_mtok = 2 * ref.input_usd_per_mtok;
      f.output_usd_per_mtok = 2 * ref.output_usd_per_mtok;
    },
  },
  {
    claim: 'blend-near-page-mix',
    name: 'the first page snapshot shows twice the prompt tokens',
    edit: (raw) => {
      const r = indicator(raw, 'hunter-alpha-daily-prompt-tokens-page');
      r.value = 2 * r.value!;
    },
  },
  {
    claim: 'later-snapshot-more-input',
    name: 'the later snapshot shows a twentieth of its prompt tokens',
    edit: (raw) => {
      const r = indicator(raw, 'hunter-alpha-daily-prompt-tokens-late-mar');
      r.value = r.value! / 20;
    },
  },
  {
    claim: 'a-us-model-below-reference',
    name: 'every priced U.S. model lists at least at twice the reference model’s prices',
    edit: (raw) => {
      const ref = price(raw, PRICE_REFERENCE_MODEL);
      for (const r of raw['model-prices']) {
        if (originOf(raw, r.lab_slug) !== 'US') continue;
        if (r.input_usd_per_mtok === 0 && r.output_usd_per_mtok === 0) continue;
        r.input_usd_per_mtok = Math.max(r.input_usd_per_mtok, 2 * ref.input_usd_per_mtok);
        r.output_usd_per_mtok = Math.max(r.output_usd_per_mtok, 2 * ref.output_usd_per_mtok);
      }
    },
  },
  {
    claim: 'some-chinese-cheaper-on-output',
    name: 'no priced Chinese model lists below $100/M of output',
    edit: (raw) => {
      for (const r of raw['model-prices'])
        if (originOf(raw, r.lab_slug) === 'CN' && r.output_usd_per_mtok > 0)
          r.output_usd_per_mtok = Math.max(r.output_usd_per_mtok, 100);
    },
  },
  {
    claim: 'cheap-models-near-top-score',
    name: 'every priced model lists at the prices of the dearest one (none at a fraction)',
    edit: (raw) => {
      const rows = raw['model-prices'].filter((r) => r.output_usd_per_mtok > 0);
      const dearest = rows.reduce((a, b) =>
        b.output_usd_per_mtok > a.output_usd_per_mtok ? b : a,
      );
      for (const r of rows) {
        r.input_usd_per_mtok = dearest.input_usd_per_mtok;
        r.output_usd_per_mtok = dearest.output_usd_per_mtok;
      }
    },
  },
  {
    claim: 'policy-controls-changed-several-times',
    name: 'only the first two U.S. export-control events left in the timeline',
    edit: (raw) => {
      const controls = raw['policy-events']
        .filter((e) => e.jurisdiction === 'US' && e.category === 'export-control')
        .sort((a, b) => (a.date < b.date ? -1 : 1));
      const drop = new Set(controls.slice(2));
      raw['policy-events'] = raw['policy-events'].filter((e) => !drop.has(e));
    },
  },
];
