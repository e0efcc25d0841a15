/**
 * The rankings-page sections kept as capture datasets, and what the capture-quality gate needs
 * to know about each: which column names an entry, which holds its figure, and whether the
 * figure is a week-to-date counter (it grows through the week and resets weekly).
 */
import type { DatasetName } from '../datasets.ts';

export const CAPTURE_SECTIONS = [
  'market_share',
  'models',
  'tool_calls',
  'apps',
  'benchmarks',
  'fastest',
] as const;
export type CaptureSection = (typeof CAPTURE_SECTIONS)[number];

export interface SectionSpec {
  /** The section's name in a snapshot file (the page panel as the capture named it). */
  section: CaptureSection;
  dataset: DatasetName;
  /** The column that names an entry (a model id, an author, an app). */
  idColumn: string;
  /** The column with the entry's figure. */
  valueColumn: string;
  /** The figures in words, for reasons: "token counts", "tool-call counts". */
  values: string;
  /** Whether the figure is a token count (used to say that another section holds tokens). */
  tokens: boolean;
  /** A week-to-date counter: it cannot fall within a week except at the weekly reset. */
  weekToDate: boolean;
}

export const SECTION_SPECS: Record<CaptureSection, SectionSpec> = {
  market_share: {
    section: 'market_share',
    dataset: 'captures-market-share',
    idColumn: 'author',
    valueColumn: 'tokens',
    values: 'token counts',
    tokens: true,
    weekToDate: true,
  },
  models: {
    section: 'models',
    dataset: 'captures-models',
    idColumn: 'model_id',
    valueColumn: 'tokens',
    values: 'token counts',
    tokens: true,
    weekToDate: true,
  },
  tool_calls: {
    section: 'tool_calls',
    dataset: 'captures-tool-calls',
    idColumn: 'model_id',
    valueColumn: 'calls',
    values: 'tool-call counts',
    tokens: false,
    weekToDate: true,
  },
  // The apps panel does not state its window and does not reset weekly in the captures.
  apps: {
    section: 'apps',
    dataset: 'captures-apps',
    idColumn: 'name',
    valueColumn: 'tokens',
    values: 'token counts',
    tokens: true,
    weekToDate: false,
  },
  benchmarks: {
    section: 'benchmarks',
    dataset: 'captures-benchmarks',
    idColumn: 'model_id',
    valueColumn: 'score',
    values: 'index scores',
    tokens: false,
    weekToDate: false,
  },
  fastest: {
    section: 'fastest',
    dataset: 'captures-fastest',
    idColumn: 'model_id',
    valueColumn: 'throughput_tok_s',
    values: 'throughputs',
    tokens: false,
    weekToDate: false,
  },
};
