/**
 * The words a reader sees at the head of a chart's data table, for each column name the
 * downloads use (CSV headers stay short, lower-case and stable for scripts; the table on the page
 * says what a column holds, with its unit), and the words for the status codes of estimated
 * values. A column with no words here fails test/charts/column-words.test.ts.
 */
import { formatDate } from '../lib/format.ts';
import type { ChartColumn } from './types.ts';

const WORDS: Record<string, string> = {
  all_tokens: 'All tokens',
  app: 'App',
  author: 'Author',
  benchmark_capture: 'Benchmark captured',
  benchmark_entry: 'Benchmark entry',
  blended_usd_per_mtok: 'Blended price, $/M tokens',
  capture: 'Capture',
  categories: 'Categories',
  category: 'Category',
  cn_pct: 'China, %',
  cn_share_of_cn_us_pct: 'China’s share of China + U.S., %',
  cn_share_pct: 'China’s share of China + U.S., %',
  cn_tokens: 'China, tokens',
  context_tokens: 'Context window, tokens',
  contribution_pp: 'Part of the change, points',
  cost_usd: 'Cost, $',
  date: 'Date',
  event: 'Event',
  formula: 'How derived',
  free_pct: 'Free variants, %',
  from_0_5_to_3_pct: '$0.50–$3/M, %',
  implied_leader: 'Ahead by streak counts',
  input_usd_per_mtok: 'Input, $/M tokens',
  jurisdiction: 'Jurisdiction',
  mean_usd_per_mtok: 'Mean price, $/M tokens',
  median_usd_per_mtok: 'Median price, $/M tokens',
  method: 'Count',
  model: 'Model',
  n: 'No.',
  origin: 'Origin',
  other_pct: 'Other origins, %',
  other_unlisted_pct: 'Other or unlisted, %',
  output_usd_per_mtok: 'Output, $/M tokens',
  outside_top50_pct: 'Outside the top 50, %',
  over_3_pct: 'Over $3/M, %',
  presence: 'In both weeks or new',
  rank: 'Rank',
  requests: 'Requests',
  score: 'Score',
  session_tokens: 'Session, tokens',
  share_pct: 'Share of all tokens, %',
  source_ids: 'Sources',
  status: 'Kind of figure',
  tokens: 'Tokens',
  tokens_first_week: 'Tokens, first week',
  tokens_latest_week: 'Tokens, latest week',
  tokens_per_request: 'Tokens per request',
  under_0_5_pct: 'Under $0.50/M, %',
  undisclosed_pct: 'Stealth, %',
  unpriced_pct: 'Unpriced, %',
  us_pct: 'U.S., %',
  us_tokens: 'U.S., tokens',
  usd_per_mtok: 'Price, $/M tokens',
  week: 'Week',
  week_end: 'Week to',
  week_start: 'Week from',
  wow_change_pct: 'Change on the week before, %',
};

/** The table heading of a column: its own, else the words for its name; undefined when it has
 *  none (a test fails on that). Names already written as words (capitalised) are headings. */
export function headingFor(
  column: Pick<ChartColumn<never>, 'label' | 'heading'>,
): string | undefined {
  if (column.heading) return column.heading;
  if (/^[A-Z]/.test(column.label)) return column.label;
  return WORDS[column.label];
}

/** The words for the status codes the datasets use (reported values and kinds of estimate). */
const STATUS: Record<string, string> = {
  reported: 'reported',
  derived: 'back-calculated',
  'back-calculated': 'back-calculated',
  partial: 'part of a week',
  secondary: 'second-hand',
  implied: 'implied by streak counts',
  estimated: 'estimated',
  missing: 'no figure',
};

/** A table cell in words: a status code spelt out, an ISO day as a date; else as formatted. */
export function cellWords(name: string, formatted: string): string {
  if (name === 'status' || name === 'estimate') return STATUS[formatted] ?? formatted;
  if (/^\d{4}-\d{2}-\d{2}$/.test(formatted)) return formatDate(formatted);
  return formatted;
}

export const STATUS_WORDS: Readonly<Record<string, string>> = STATUS;
