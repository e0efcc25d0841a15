/**
 * The schema of every dataset in data/: one place that gives the columns (runtime checks)
 * and, through RowOf, the TypeScript row types the pages use.
 */
import {
  boolean,
  date,
  datetime,
  integer,
  number,
  oneOf,
  percent,
  slug,
  slugList,
  text,
  url,
  type Columns,
  type RowOf,
} from './columns.ts';
import { checkDerivedRows, DERIVED_FROM } from './derived-rows.ts';
import { addDays, dayOf, mondayOf } from '../lib/days.ts';
import type { Problem } from './problems.ts';

export const ORIGINS = ['CN', 'US', 'other', 'undisclosed'] as const;
export type Origin = (typeof ORIGINS)[number];
export const STATUSES = ['reported', 'derived', 'secondary'] as const;
export type Status = (typeof STATUSES)[number];
/**
 * What a source is: primary (the publisher of the figure, or the document itself), secondary (an
 * independent report of it), repost (a copy of another publisher's text), aggregator (an automated
 * or summary site), capture (copies of a page over time), desk (this desk's own judgement).
 */
export const SOURCE_KINDS = [
  'primary',
  'secondary',
  'repost',
  'aggregator',
  'capture',
  'desk',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface DatasetSpec<C extends Columns = Columns> {
  /** Dataset id: also the output file name and the download name. */
  name: string;
  /** CSV path relative to the data directory. */
  file: string;
  columns: C;
  /** The columns whose values identify a row; no two rows may share them. */
  key: readonly (keyof C & string)[];
  /** Cross-field checks on one row. */
  check?: (row: RowOf<C>) => Omit<Problem, 'file' | 'line'> | undefined;
  /**
   * Rows must come in this order: by a time column (ISO text, compared as text), then a rank
   * column (a number) within one time. Checked in O(1) memory.
   */
  ordered?: { time: keyof C & string; rank: keyof C & string };
  /** Which columns hold references to other datasets. */
  refs?: Partial<Record<keyof C & string, 'sources' | 'labs'>>;
  /** A file with a header and no rows is valid (by default it is an error: an emptied export). */
  allowEmpty?: boolean;
  /** Rules beyond the column types, in words, for data/README.md (what `check`/`checkRows` enforce). */
  rules?: readonly string[];
  /** Checks across rows, once the whole file is read (rows with their lines; small files only). */
  checkRows?: (
    rows: ReadonlyArray<{ row: RowOf<C>; line: number }>,
  ) => Array<Omit<Problem, 'file'> & { line: number }>;
  /**
   * For datasets whose figures the publisher may restate (a later snapshot changes a value):
   * the value column and the column saying as of when. The change report lists each change of
   * the value between builds.
   */
  restates?: { value: keyof C & string; asOf: keyof C & string };
  /**
   * Date columns no row may hold a day after the build's own (UTC) day: a figure cannot be
   * reported for days that have not happened yet (an editor typed the wrong year or month). The
   * build's day is the build's clock (BuildOptions.now; the update's injected clock).
   */
  notAfterBuild?: readonly (keyof C & string)[];
}

/** A dataset spec of any shape, for code that handles every dataset alike (the edge). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance of row callbacks needs any here, and only here.
export type AnyDatasetSpec = DatasetSpec<any>;

const def = <C extends Columns>(spec: DatasetSpec<C>): DatasetSpec<C> => spec;

const needsFormula = (r: { status: string; formula: string | null }) =>
  r.status === 'derived' && !r.formula
    ? {
        field: 'formula',
        value: '',
        expected: 'a formula for a derived value (how it was calculated)',
      }
    : undefined;

const derivedLink = (r: { status: string; derived_from: string | null }) =>
  r.status === 'derived' && r.derived_from === null
    ? {
        field: 'derived_from',
        value: '',
        expected:
          'for a derived row, the key of the reported row it is calculated from: its week_start and origin, e.g. "2026-03-09 CN"',
      }
    : r.status !== 'derived' && r.derived_from !== null
      ? {
          field: 'derived_from',
          value: r.derived_from,
          expected: `empty: only derived rows are calculated from another row (this row is ${r.status})`,
        }
      : undefined;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Weeks run Monday to Sunday: week_start a Monday, week_end six days later. */
export function weekProblem(
  start: string,
  end: string,
): Omit<Problem, 'file' | 'line'> | undefined {
  const day = dayOf(start).getUTCDay();
  if (day !== 1) {
    const monday = mondayOf(start);
    return {
      field: 'week_start',
      value: start,
      expected: `a Monday (weeks run Monday to Sunday): ${start} is a ${WEEKDAYS[day]}; the week that contains it starts on ${monday} and ends on ${addDays(monday, 6)}`,
    };
  }
  const sunday = addDays(start, 6);
  if (end !== sunday) {
    return {
      field: 'week_end',
      value: end,
      expected: `the Sunday six days after week_start ${start}, which is ${sunday} (weeks run Monday to Sunday)`,
    };
  }
  return undefined;
}

export const sources = def({
  name: 'sources',
  file: 'sources.csv',
  columns: {
    id: slug(),
    title: text(),
    publisher: text(),
    published: date({ optional: true }),
    url: url({ optional: true }),
    accessed: date(),
    kind: oneOf(SOURCE_KINDS),
    original: slug({ optional: true }),
    note: text({ optional: true }),
  },
  key: ['id'],
  check: (r) =>
    r.url === null && r.kind !== 'desk'
      ? {
          field: 'url',
          value: '',
          expected: 'the URL consulted (only the desk\'s own judgement, kind "desk", has none)',
        }
      : r.original !== null && r.kind !== 'repost' && r.kind !== 'aggregator'
        ? {
            field: 'original',
            value: r.original,
            expected: 'empty: only a repost or an aggregator names the original it copies',
          }
        : undefined,
  refs: { original: 'sources' },
});

export const labs = def({
  name: 'labs',
  file: 'labs.csv',
  columns: {
    slug: slug(),
    lab: text(),
    origin: oneOf(ORIGINS),
    revealed_as: slug({ optional: true }),
    revealed_on: date({ optional: true }),
    note: text({ optional: true }),
    source_ids: slugList(),
  },
  key: ['slug'],
  refs: { source_ids: 'sources', revealed_as: 'labs' },
});

export const weeklyTokens = def({
  name: 'weekly-tokens',
  file: 'weekly-tokens.csv',
  columns: {
    week_start: date(),
    week_end: date(),
    origin: oneOf(['CN', 'US', 'all']),
    tokens: integer({ unit: 'tokens' }),
    wow_change_pct: number({ optional: true, min: -100, unit: 'percent' }),
    status: oneOf(STATUSES),
    formula: text({ optional: true }),
    derived_from: text({
      optional: true,
      pattern: DERIVED_FROM,
      describe: 'the week_start and origin of another row, e.g. "2026-03-09 CN"',
    }),
    scope: text(),
    source_ids: slugList(),
    note: text({ optional: true }),
  },
  key: ['week_start', 'origin'],
  check: (r) => weekProblem(r.week_start, r.week_end) ?? needsFormula(r) ?? derivedLink(r),
  checkRows: checkDerivedRows,
  notAfterBuild: ['week_start', 'week_end'],
  rules: [
    'Weeks run Monday to Sunday: `week_start` is a Monday and `week_end` the Sunday six days later. Weeks with no figure have no row.',
    "No week ends after the day of the build: a week's total cannot be reported before the week is over.",
    'A `derived` row needs a `formula` and, in `derived_from`, the `week_start` and `origin` of the row it is calculated from (e.g. `2026-03-09 CN`). ' +
      "The build checks that the row exists and, for a formula of the form `4.69T / (1 + 11.83%)`, that it starts from that row's current value and gives the derived value.",
  ],
  refs: { source_ids: 'sources' },
});

export const modelTokens = def({
  name: 'model-tokens',
  file: 'model-tokens.csv',
  columns: {
    period_start: date({ optional: true }),
    period_end: date({ optional: true }),
    period_label: text(),
    model: text(),
    lab_slug: slug(),
    tokens: integer({ unit: 'tokens' }),
    rank: integer({ optional: true, min: 1 }),
    status: oneOf(STATUSES),
    source_ids: slugList(),
    note: text({ optional: true }),
  },
  key: ['period_label', 'model'],
  check: (r) =>
    r.period_start && r.period_end && r.period_end < r.period_start
      ? {
          field: 'period_end',
          value: r.period_end,
          expected: `an end on or after the start ${r.period_start}`,
        }
      : undefined,
  refs: { source_ids: 'sources', lab_slug: 'labs' },
});

export const modelPrices = def({
  name: 'model-prices',
  file: 'model-prices.csv',
  columns: {
    model: text(),
    model_id: text({
      pattern: /^[a-z0-9-]+\/[a-z0-9._:-]+$/,
      describe: 'an OpenRouter model id such as "minimax/minimax-m2.5"',
    }),
    lab_slug: slug(),
    revealed_as: slug({ optional: true }),
    revealed_on: date({ optional: true }),
    release_date: date({ optional: true }),
    input_usd_per_mtok: number({ min: 0, unit: 'USD per million tokens' }),
    output_usd_per_mtok: number({ min: 0, unit: 'USD per million tokens' }),
    cache_read_usd_per_mtok: number({ optional: true, min: 0, unit: 'USD per million tokens' }),
    context_tokens: integer({ optional: true, min: 1, unit: 'tokens' }),
    has_free_variant: boolean(),
    status: oneOf(['reported', 'secondary']),
    source_ids: slugList(),
    note: text({ optional: true }),
  },
  key: ['model'],
  rules: [
    '`revealed_as` and `revealed_on` are both filled (a stealth model whose maker was revealed later) or both empty.',
  ],
  check: (r) =>
    (r.revealed_as === null) !== (r.revealed_on === null)
      ? {
          field: r.revealed_as === null ? 'revealed_as' : 'revealed_on',
          value: '',
          expected:
            'revealed_as and revealed_on both filled (a stealth model revealed later) or both empty',
        }
      : undefined,
  refs: { source_ids: 'sources', lab_slug: 'labs', revealed_as: 'labs' },
});

/**
 * Prices and context windows per Data API model permaslug, from one dated snapshot of
 * OpenRouter's models API (2026-09-25), so every model-day of the Data API can be joined to a
 * price. A model with no dated price stays in the file as unpriced, with its reason.
 */
export const API_PRICE_STATUSES = ['snapshot', 'free-variant', 'unpriced'] as const;
export const apiModelPrices = def({
  name: 'api-model-prices',
  file: 'api-model-prices.csv',
  columns: {
    permaslug: text({
      pattern: /^[a-z0-9-]+\/[a-zA-Z0-9._:-]+$/,
      describe: 'a Data API model permaslug such as "minimax/minimax-m3-20260531"',
    }),
    model_id: text({ optional: true }),
    price_status: oneOf(API_PRICE_STATUSES),
    input_usd_per_mtok: number({ optional: true, min: 0, unit: 'USD per million tokens' }),
    output_usd_per_mtok: number({ optional: true, min: 0, unit: 'USD per million tokens' }),
    context_tokens: integer({ optional: true, min: 1, unit: 'tokens' }),
    priced_from: text({ optional: true }),
    reason: text({ optional: true }),
    raw_file: text(),
    note: text({ optional: true }),
    source_ids: slugList(),
  },
  key: ['permaslug'],
  rules: [
    'An unpriced row has no prices and gives a reason; a snapshot or free-variant row has both prices; a free variant is priced 0/0.',
  ],
  check: (r) => {
    const priced = r.input_usd_per_mtok !== null && r.output_usd_per_mtok !== null;
    if (r.price_status === 'unpriced')
      return priced || !r.reason
        ? {
            field: 'price_status',
            value: r.price_status,
            expected: 'no prices and a reason for an unpriced model',
          }
        : undefined;
    if (!priced)
      return {
        field: 'input_usd_per_mtok',
        value: '',
        expected: `both prices for a ${r.price_status} row`,
      };
    return r.price_status === 'free-variant' &&
      (r.input_usd_per_mtok !== 0 || r.output_usd_per_mtok !== 0)
      ? {
          field: 'input_usd_per_mtok',
          value: String(r.input_usd_per_mtok),
          expected: '0 and 0 for a free variant',
        }
      : undefined;
  },
  refs: { source_ids: 'sources' },
});

/** The desk's classification of the apps on OpenRouter's rankings page, from the page's own tags. */
export const APP_CLASSES = [
  'coding-agent',
  'personal-agent',
  'chat-roleplay',
  'other',
  'unclassified',
] as const;
export const appClasses = def({
  name: 'app-classes',
  file: 'app-classes.csv',
  columns: {
    app: text(),
    app_class: oneOf(APP_CLASSES),
    tags_seen: text({ optional: true }),
    rule: text(),
    source_ids: slugList(),
  },
  key: ['app'],
  refs: { source_ids: 'sources' },
});

/** "Nth week in a row" statements by the outlets that sum the leaderboard: who led, and for how long. */
export const leadStreaks = def({
  name: 'lead-streaks',
  file: 'lead-streaks.csv',
  columns: {
    week_start: date(),
    week_end: date(),
    leader: oneOf(['CN', 'US']),
    streak_weeks: integer({ min: 1, unit: 'weeks' }),
    wording: text(),
    status: oneOf(['reported', 'secondary']),
    source_ids: slugList(),
    note: text({ optional: true }),
  },
  key: ['week_start'],
  check: (r) => weekProblem(r.week_start, r.week_end),
  refs: { source_ids: 'sources' },
});

export const policyEvents = def({
  name: 'policy-events',
  file: 'policy-events.csv',
  columns: {
    date: date(),
    date_precision: oneOf(['day', 'month']),
    date_label: text(),
    jurisdiction: oneOf(['US', 'Malaysia', 'offshore', 'China']),
    category: oneOf(['export-control', 'chip-sales', 'offshore-compute', 'enforcement']),
    event: text(),
    source_ids: slugList(),
  },
  key: ['date', 'event'],
  refs: { source_ids: 'sources' },
});

export const agenticIndicators = def({
  name: 'agentic-indicators',
  file: 'agentic-indicators.csv',
  columns: {
    id: slug(),
    family: text(),
    metric: text(),
    value: number({ optional: true }),
    unit: text({ optional: true }),
    value_text: text(),
    period: text({ optional: true }),
    status: oneOf(STATUSES),
    formula: text({ optional: true }),
    source_ids: slugList(),
  },
  key: ['id'],
  check: needsFormula,
  rules: ['A `derived` row needs a `formula`.'],
  refs: { source_ids: 'sources' },
});

/** OpenRouter's Data API, rankings-daily: the top 50 models a day plus the day's `other` row. */
/** The reserved permaslug of the Data API's row that sums every model outside the day's top 50. */
export const API_OTHER = 'other';

export const apiDailyTokens = def({
  name: 'api-daily-tokens',
  file: 'api-daily-tokens.csv',
  columns: {
    date: date(),
    rank: integer({ optional: true, min: 1 }),
    model_permaslug: text({
      pattern: /^(?:other|[a-z0-9][a-z0-9._-]*\/\S+)$/,
      describe: 'an OpenRouter permaslug such as "deepseek/deepseek-v4-flash-20260423", or "other"',
    }),
    author: slug({ optional: true }),
    total_tokens: integer({ unit: 'tokens' }),
    as_of: datetime({ optional: true }),
    raw_file: text({
      pattern: /^data\/raw\/[\w./-]+\.json$/,
      describe:
        'the raw response in data/raw, e.g. data/raw/openrouter-data-api/rankings-daily/2026-06-18.json',
    }),
    raw_sha256: text({
      pattern: /^[0-9a-f]{64}$/,
      describe: 'a sha256 as 64 lower-case hex digits',
    }),
  },
  key: ['date', 'model_permaslug'],
  check: (r) => {
    const other = r.model_permaslug === API_OTHER;
    if (other && r.rank !== null)
      return {
        field: 'rank',
        value: String(r.rank),
        expected: 'an empty rank for the "other" row (it is not a model)',
      };
    if (other && r.author !== null)
      return { field: 'author', value: r.author, expected: 'an empty author for the "other" row' };
    if (!other && r.rank === null)
      return {
        field: 'rank',
        value: '',
        expected: 'a rank from 1 (only the "other" row has none)',
      };
    const author = other ? null : r.model_permaslug.slice(0, r.model_permaslug.indexOf('/'));
    if (!other && r.author !== author)
      return {
        field: 'author',
        value: r.author ?? '',
        expected: `the permaslug's author "${author}" (the part before "/")`,
      };
    return undefined;
  },
  refs: { author: 'labs' },
  restates: { value: 'total_tokens', asOf: 'as_of' },
});

const capture = {
  snapshot_date: date(),
  fetched_at_utc: datetime(),
  rank: integer({ min: 1 }),
} satisfies Columns;
const sourceFile = text({
  pattern: /^data\/\d{4}-\d{2}-\d{2}\/[\w.-]+\.json$/,
  describe: 'the capture file, e.g. data/2026-03-28/rankings.json',
});
const byCapture = { time: 'fetched_at_utc', rank: 'rank' } as const;
const modelCols = {
  model_id: text(),
  name: text(),
  author: slug(),
  slug: text(),
} satisfies Columns;

export const marketShare = def({
  name: 'captures-market-share',
  file: 'captures/market-share.csv',
  columns: {
    ...capture,
    author: slug(),
    tokens: integer({ unit: 'tokens' }),
    share_pct: percent(),
    source_file: sourceFile,
  },
  key: ['fetched_at_utc', 'rank'],
  ordered: byCapture,
  refs: { author: 'labs' },
});

export const models = def({
  name: 'captures-models',
  file: 'captures/models.csv',
  columns: {
    ...capture,
    ...modelCols,
    tokens: integer({ unit: 'tokens' }),
    share_pct: percent(),
    change: text({ optional: true }),
    source_file: sourceFile,
  },
  key: ['fetched_at_utc', 'rank'],
  ordered: byCapture,
  refs: { author: 'labs' },
});

export const toolCalls = def({
  name: 'captures-tool-calls',
  file: 'captures/tool-calls.csv',
  columns: {
    ...capture,
    ...modelCols,
    calls: integer({ unit: 'tool calls' }),
    share_pct: percent(),
    source_file: sourceFile,
  },
  key: ['fetched_at_utc', 'rank'],
  ordered: byCapture,
  refs: { author: 'labs' },
});

export const apps = def({
  name: 'captures-apps',
  file: 'captures/apps.csv',
  columns: {
    ...capture,
    name: text(),
    tokens: integer({ unit: 'tokens' }),
    requests: integer({ min: 1, unit: 'requests' }),
    categories: text({ optional: true }),
    source_file: sourceFile,
  },
  key: ['fetched_at_utc', 'rank'],
  ordered: byCapture,
});

export const benchmarks = def({
  name: 'captures-benchmarks',
  file: 'captures/benchmarks.csv',
  columns: {
    ...capture,
    ...modelCols,
    score: number({ min: 0, max: 100, unit: 'index points' }),
    source_file: sourceFile,
  },
  key: ['fetched_at_utc', 'rank'],
  ordered: byCapture,
  refs: { author: 'labs' },
});

export const fastest = def({
  name: 'captures-fastest',
  file: 'captures/fastest.csv',
  columns: {
    ...capture,
    ...modelCols,
    fastest_provider: text(),
    throughput_tok_s: number({ min: 0, unit: 'tokens per second' }),
    latency_ms_p50: number({ min: 0, unit: 'milliseconds' }),
    price_per_m_tokens: number({ min: 0, unit: 'USD per million tokens' }),
    provider_count: integer({ min: 1 }),
    source_file: sourceFile,
  },
  key: ['fetched_at_utc', 'rank'],
  ordered: byCapture,
  refs: { author: 'labs' },
});

const rowCount = (what: string) => integer({ unit: `rows of ${what}` });

/** One row per raw rankings-page snapshot file: what it held and what the import wrote. */
export const captureFiles = def({
  name: 'captures-files',
  file: 'captures/files.csv',
  columns: {
    snapshot_date: date(),
    fetched_at_utc: datetime(),
    source_file: sourceFile,
    raw_file: text({
      pattern: /^data\/raw\/[\w./-]+\.json$/,
      describe:
        'the snapshot in data/raw, e.g. data/raw/openrouter-rankings-page/2026-03-28/rankings.json',
    }),
    raw_sha256: text({
      pattern: /^[0-9a-f]{64}$/,
      describe: 'a sha256 as 64 lower-case hex digits',
    }),
    status: oneOf(['captured', 'empty']),
    market_share: rowCount('market_share'),
    models: rowCount('models'),
    tool_calls: rowCount('tool_calls'),
    apps: rowCount('apps'),
    benchmarks: rowCount('benchmarks'),
    fastest: rowCount('fastest'),
    not_written: text({ optional: true }),
  },
  key: ['fetched_at_utc'],
  check: (r) =>
    r.status === 'empty' &&
    r.market_share + r.models + r.tool_calls + r.apps + r.benchmarks + r.fastest > 0
      ? {
          field: 'status',
          value: r.status,
          expected: '"captured" for a file with rows (an empty capture has none)',
        }
      : undefined,
});

/** Every dataset, in build order (referenced datasets first). */
export const DATASETS: readonly AnyDatasetSpec[] = [
  sources,
  labs,
  weeklyTokens,
  leadStreaks,
  modelTokens,
  modelPrices,
  apiModelPrices,
  appClasses,
  policyEvents,
  agenticIndicators,
  apiDailyTokens,
  marketShare,
  models,
  toolCalls,
  apps,
  benchmarks,
  fastest,
  captureFiles,
];

export type SourceRow = RowOf<typeof sources.columns>;
export type LabRow = RowOf<typeof labs.columns>;
export type WeeklyTokenRow = RowOf<typeof weeklyTokens.columns>;
export type LeadStreakRow = RowOf<typeof leadStreaks.columns>;
export type ApiDailyTokenRow = RowOf<typeof apiDailyTokens.columns>;
export type ModelTokenRow = RowOf<typeof modelTokens.columns>;
export type ModelPriceRow = RowOf<typeof modelPrices.columns>;
export type ApiModelPriceRow = RowOf<typeof apiModelPrices.columns>;
export type AppClassRow = RowOf<typeof appClasses.columns>;
export type PolicyEventRow = RowOf<typeof policyEvents.columns>;
export type AgenticIndicatorRow = RowOf<typeof agenticIndicators.columns>;
export type MarketShareRow = RowOf<typeof marketShare.columns>;
export type ModelCaptureRow = RowOf<typeof models.columns>;
export type ToolCallRow = RowOf<typeof toolCalls.columns>;
export type AppRow = RowOf<typeof apps.columns>;
export type BenchmarkRow = RowOf<typeof benchmarks.columns>;
export type FastestRow = RowOf<typeof fastest.columns>;
export type CaptureFileRow = RowOf<typeof captureFiles.columns>;

/** The validated contents of data/, one array per dataset. */
export interface RawDatasets {
  sources: SourceRow[];
  labs: LabRow[];
  'weekly-tokens': WeeklyTokenRow[];
  'lead-streaks': LeadStreakRow[];
  'api-daily-tokens': ApiDailyTokenRow[];
  'model-tokens': ModelTokenRow[];
  'model-prices': ModelPriceRow[];
  'api-model-prices': ApiModelPriceRow[];
  'app-classes': AppClassRow[];
  'policy-events': PolicyEventRow[];
  'agentic-indicators': AgenticIndicatorRow[];
  'captures-market-share': MarketShareRow[];
  'captures-models': ModelCaptureRow[];
  'captures-tool-calls': ToolCallRow[];
  'captures-apps': AppRow[];
  'captures-benchmarks': BenchmarkRow[];
  'captures-fastest': FastestRow[];
  'captures-files': CaptureFileRow[];
}
export type DatasetName = keyof RawDatasets;
