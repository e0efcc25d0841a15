/**
 * Checks the story's hand-set choices (src/lib/story-settings.ts) against the data and the
 * charts, before the copy is computed: a data update that removes the peg week or the price
 * reference model is reported as such, naming the setting, instead of as a broken sentence.
 * Every setting has an entry here (the type requires it), even when only its range is checked.
 */
import type { SiteData } from '../data/site-data.ts';
import * as SETTINGS from '../lib/story-settings.ts';
import { formatWeek } from '../lib/format.ts';

export type SettingName = keyof typeof SETTINGS;

export interface SettingProblem {
  setting: SettingName;
  /** The setting's current value, as written. */
  value: string;
  /** What no longer fits, in plain words. */
  problem: string;
  /** What to change: the data, the setting, or either. */
  fix: string;
}

interface Context {
  data: SiteData;
  chartIds: readonly string[];
}

type Check = (value: never, ctx: Context) => Omit<SettingProblem, 'setting' | 'value'> | undefined;

const isMonday = (iso: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(iso) && new Date(`${iso}T00:00:00Z`).getUTCDay() === 1;
const within = (v: number, lo: number, hi: number) => Number.isFinite(v) && v > lo && v <= hi;

/** A plausibility factor: above 1 (1 would hold every day that moved at all). */
const factorProblem = (v: number) =>
  Number.isFinite(v) && v > 1
    ? undefined
    : {
        problem:
          'it must be a number above 1 (3 = hold a day more than 3× above or below the median)',
        fix: 'set it to a factor such as 3',
      };
/** A count of days, at least `min`. */
const daysProblem = (v: number, min: number) =>
  Number.isSafeInteger(v) && v >= min
    ? undefined
    : {
        problem: `it must be a whole number of days, at least ${min}`,
        fix: 'set it to a whole number of days such as 14',
      };

const CHECKS: {
  [K in SettingName]: (value: (typeof SETTINGS)[K], ctx: Context) => ReturnType<Check>;
} = {
  PEG_WEEK_START: (week, { data }) => {
    const rows = data.datasets['weekly-tokens'];
    const both = [...new Set(rows.map((r) => r.week_start))].filter(
      (w) =>
        rows.some((r) => r.week_start === w && r.origin === 'CN') &&
        rows.some((r) => r.week_start === w && r.origin === 'US'),
    );
    if (both.includes(week)) return undefined;
    const options = both
      .map((w) => `${w} (${formatWeek(w, rows.find((r) => r.week_start === w)!.week_end)})`)
      .join(', ');
    if (!isMonday(week)) {
      return {
        problem: 'it is not a Monday, so no week of data/weekly-tokens.csv can start on it',
        fix: `set it to a Monday with China and U.S. figures: ${options}`,
      };
    }
    const some = rows.filter((r) => r.week_start === week).map((r) => r.origin);
    return {
      problem:
        some.length === 0
          ? 'data/weekly-tokens.csv has no rows for that week any more'
          : `data/weekly-tokens.csv has only ${some.join(' and ')} rows for that week, not both China and U.S. figures`,
      fix: `this is a data or setting fix, not a copy fix: restore the week's China and U.S. rows in data/weekly-tokens.csv, or choose another news peg (a Monday with both figures: ${options}) and check the sentences about the peg`,
    };
  },
  BLEND_INPUT_PER_OUTPUT: (v) =>
    within(v, 0, 1000)
      ? undefined
      : {
          problem: 'it must be a positive number of input tokens per output token',
          fix: 'set it to a positive number (10 means ten input tokens per output token)',
        },
  PRICE_REFERENCE_MODEL: (model, { data }) => {
    const rows = data.datasets['model-prices'];
    const row = rows.find((r) => r.model === model);
    if (row && (row.input_usd_per_mtok > 0 || row.output_usd_per_mtok > 0)) return undefined;
    const names = rows
      .filter((r) => r.input_usd_per_mtok > 0 || r.output_usd_per_mtok > 0)
      .map((r) => r.model)
      .join(', ');
    return {
      problem: row
        ? 'that model is free in data/model-prices.csv, so prices cannot be given as multiples of it'
        : 'data/model-prices.csv has no model of that name any more (the "model" column)',
      fix: `this is a data or setting fix: restore the model's row in data/model-prices.csv, or set the reference to one of: ${names}`,
    };
  },
  FLAGSHIP_MODELS: (models, { data }) => {
    const rows = data.datasets['model-prices'];
    const labs = new Map(data.datasets.labs.map((l) => [l.slug, l.origin]));
    const missing = models.filter((m) => !rows.some((r) => r.model === m));
    const notUs = models.filter((m) =>
      rows.some((r) => r.model === m && labs.get(r.lab_slug) !== 'US'),
    );
    if (missing.length === 0 && notUs.length === 0 && models.length > 0) return undefined;
    return {
      problem:
        missing.length > 0
          ? `data/model-prices.csv has no model named ${missing.map((m) => `"${m}"`).join(', ')}`
          : `${notUs.join(', ')} ${notUs.length === 1 ? 'is' : 'are'} not from a U.S. lab`,
      fix: 'this is a data or setting fix: restore the rows in data/model-prices.csv, or list the U.S. flagships by their names in the "model" column',
    };
  },
  CHEAP_MODEL: (model, { data }) =>
    data.datasets['model-prices'].some((r) => r.model === model)
      ? undefined
      : {
          problem: 'data/model-prices.csv has no model of that name',
          fix: `restore its row, or set it to one of: ${data.datasets['model-prices'].map((r) => r.model).join(', ')}`,
        },
  GOOD_ENOUGH_SCORE: (v) =>
    within(v, 0, 1)
      ? undefined
      : {
          problem:
            'it must be a fraction above 0 and at most 1 (0.15 = within 15% of the top score)',
          fix: 'set it to a fraction such as 0.15',
        },
  GOOD_ENOUGH_PRICE: (v) =>
    within(v, 0, 1)
      ? undefined
      : {
          problem: 'it must be a fraction above 0 and at most 1 (0.5 = less than half the price)',
          fix: 'set it to a fraction such as 0.5',
        },
  DEFAULT_SESSION_TOKENS: (v) =>
    Number.isSafeInteger(v) && v > 0
      ? undefined
      : {
          problem: 'it must be a positive whole number of tokens',
          fix: 'set it to a whole number such as 2_000_000',
        },
  PLAUSIBLE_DAY_FACTOR: (v) => factorProblem(v),
  PLAUSIBLE_MODEL_FACTOR: (v) => factorProblem(v),
  PLAUSIBLE_TRAILING_DAYS: (v) => daysProblem(v, 3),
  PLAUSIBLE_MIN_HISTORY: (v) => daysProblem(v, 1),
  ARTICLE_CARD_CHART: (id, { chartIds }) =>
    chartIds.includes(id)
      ? undefined
      : {
          problem: 'no chart has that id',
          fix: `set it to one of the chart ids: ${chartIds.join(', ')}`,
        },
  QUOTED_FLAGSHIP: (model) =>
    SETTINGS.FLAGSHIP_MODELS.includes(model)
      ? undefined
      : {
          problem: 'it is not one of FLAGSHIP_MODELS',
          fix: `set it to one of: ${SETTINGS.FLAGSHIP_MODELS.join(', ')}`,
        },
  FLAGSHIP_MIN_MULTIPLE: (v) => multiple(v, '5 means five times the reference price'),
  AGENT_APP: (name, { data }) => app(name, data),
  ROLE_PLAY_APP: (name, { data }) => app(name, data),
  AGENT_TOKENS_MULTIPLE: (v) => multiple(v, '3 means three times the tokens per request'),
  STEALTH_MODEL: (model, { data }) =>
    data.datasets['model-prices'].some((r) => r.model === model) &&
    data.datasets['model-tokens'].some((r) => r.model === model)
      ? undefined
      : {
          problem:
            'data/model-prices.csv and data/model-tokens.csv do not both have a model of that name',
          fix: 'restore its rows, or set it to the stealth model the technology section follows',
        },
  LEAN_RATIO: (v) => multiple(v, '2 means twice as many captures'),
  COUNT_SPREAD_POINTS: (v) => points(v),
  TOP50_MARGIN_POINTS: (v) => points(v),
  DOMINANT_SHARE_PCT: (v) => points(v),
};

function multiple(v: number, example: string): ReturnType<Check> {
  return within(v, 1, 1000)
    ? undefined
    : { problem: 'it must be a multiple above 1', fix: `set it to a number above 1 (${example})` };
}

function points(v: number): ReturnType<Check> {
  return within(v, 0, 100)
    ? undefined
    : {
        problem: 'it must be a number of percentage points above 0 and at most 100',
        fix: 'set it to a number of points such as 10',
      };
}

function app(name: string, data: SiteData): ReturnType<Check> {
  const first = data.derived.apps[0]?.fetched_at_utc;
  const names = data.derived.apps.filter((a) => a.fetched_at_utc === first).map((a) => a.name);
  return names.includes(name)
    ? undefined
    : {
        problem: 'the first capture of the apps section has no app of that name',
        fix: `restore the capture, or set it to one of: ${names.join(', ')}`,
      };
}

/** Every setting the data or the charts no longer support (empty when all fit). */
export function checkSettings(data: SiteData, chartIds: readonly string[]): SettingProblem[] {
  const out: SettingProblem[] = [];
  for (const name of Object.keys(CHECKS) as SettingName[]) {
    const value = SETTINGS[name];
    const found = (CHECKS[name] as Check)(value as never, { data, chartIds });
    if (found) out.push({ setting: name, value: JSON.stringify(value), ...found });
  }
  return out;
}
