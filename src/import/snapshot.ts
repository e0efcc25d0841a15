/**
 * OpenRouter rankings-page snapshots: one JSON file per capture of https://openrouter.ai/rankings,
 * with the capture time in meta.fetched_at and one array per page section.
 *
 * Six sections become the capture datasets (data/captures/*.csv), each written faithfully under
 * its own name: the CSVs are the record of what the capture holds, and judging whether a
 * section holds the panel its name says is the capture-quality gate's job. A section that
 * cannot be written at all (a figure missing, a count that is not a whole number, a value the
 * dataset's schema rejects) is left out and reported with the file and the field.
 */
import { INVALID, isDateTime, type Columns } from '../pipeline/columns.ts';
import {
  apps,
  benchmarks,
  fastest,
  marketShare,
  models,
  toolCalls,
  type AnyDatasetSpec,
} from '../pipeline/datasets.ts';
import { CAPTURE_SECTIONS, type CaptureSection } from '../pipeline/quality/sections.ts';
import { show, type FileProblems } from './problems.ts';

export const SNAPSHOT_FORMAT = 'rankings-page-snapshot';

/** Every section a snapshot may hold (the page's panels, as the capture named them). */
export const SNAPSHOT_SECTIONS = [
  'models',
  'categories_programming',
  'languages_english',
  'programming_python',
  'context_length',
  'tool_calls',
  'images',
  'market_share',
  'benchmarks',
  'fastest',
  'apps',
] as const;

/** The dataset each kept section is written to. */
export const SECTION_DATASET: Record<CaptureSection, AnyDatasetSpec> = {
  market_share: marketShare,
  models,
  tool_calls: toolCalls,
  apps,
  benchmarks,
  fastest,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a parsed JSON value looks like a rankings-page snapshot (before any field check). */
export function looksLikeSnapshot(v: unknown): boolean {
  if (!isObject(v) || 'data' in v) return false;
  const meta = isObject(v.meta) ? v.meta : undefined;
  return (
    (meta !== undefined && ('fetched_at' in meta || 'source_url' in meta)) ||
    SNAPSHOT_SECTIONS.some((s) => Array.isArray(v[s]))
  );
}

/** One kept section of a snapshot, as CSV rows, or why it could not be written. */
export type SectionResult =
  | { section: CaptureSection; rows: string[][] }
  | { section: CaptureSection; notWritten: string; field: string };

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  fetchedAt: string;
  /** The UTC date of the capture. */
  date: string;
  /** The capture's file in the upstream repository (its naming: data/<date>/rankings.json). */
  sourceFile: string;
  /** True when no section of the file holds a row (the capture broke). */
  empty: boolean;
  sections: SectionResult[];
}

/** Reads a cell from a row's value and, for numbers, the number as written in the file. */
type Cell = (v: unknown, source: unknown) => string | undefined;
const str: Cell = (v) => (typeof v === 'string' ? v : undefined);
/** A figure as the file writes it ("9.0" stays "9.0": the CSV keeps what the capture holds). */
const num: Cell = (v, source) =>
  typeof v === 'number' && Number.isFinite(v) && typeof source === 'string' ? source : undefined;
const int: Cell = (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined);
/** The models section's week-on-week change, kept as the page's JSON; empty when absent. */
const json: Cell = (v) =>
  v === undefined || v === null ? '' : isObject(v) ? JSON.stringify(v) : undefined;
/** App categories, "|"-separated. */
const list: Cell = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' && !x.includes('|'))
    ? v.join('|')
    : undefined;

const WHAT: Map<Cell, string> = new Map([
  [str, 'text'],
  [num, 'a number'],
  [int, 'a whole number (a count)'],
  [json, 'an object (the change badge) or nothing'],
  [list, 'a list of category names'],
]);

/** How each dataset column between rank and source_file is read from a section row. */
const FIELDS: Record<CaptureSection, Array<[string, Cell]>> = {
  market_share: [
    ['author', str],
    ['tokens', int],
    ['share_pct', num],
  ],
  models: [
    ['model_id', str],
    ['name', str],
    ['author', str],
    ['slug', str],
    ['tokens', int],
    ['share_pct', num],
    ['change', json],
  ],
  tool_calls: [
    ['model_id', str],
    ['name', str],
    ['author', str],
    ['slug', str],
    ['calls', int],
    ['share_pct', num],
  ],
  apps: [
    ['name', str],
    ['tokens', int],
    ['requests', int],
    ['categories', list],
  ],
  benchmarks: [
    ['model_id', str],
    ['name', str],
    ['author', str],
    ['slug', str],
    ['score', num],
  ],
  fastest: [
    ['model_id', str],
    ['name', str],
    ['author', str],
    ['slug', str],
    ['fastest_provider', str],
    ['throughput_tok_s', num],
    ['latency_ms_p50', num],
    ['price_per_m_tokens', num],
    ['provider_count', int],
  ],
};

/** The UTC date of an ISO time (its offset applied). */
function utcDate(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 10);
}

/** One section's rows, or the first reason it cannot be written. */
function readSection(
  section: CaptureSection,
  rows: unknown[],
  sources: unknown[],
  fetchedAt: string,
  date: string,
  sourceFile: string,
): SectionResult {
  const columns: Columns = SECTION_DATASET[section].columns;
  const fields = FIELDS[section];
  const out: string[][] = [];
  let prevRank = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const at = `${section}[${i}]`;
    if (!isObject(r))
      return { section, field: at, notWritten: `${at} is ${show(r)}, not an object` };
    const rank = r.rank;
    if (typeof rank !== 'number' || !Number.isSafeInteger(rank) || rank <= prevRank) {
      return {
        section,
        field: `${at}.rank`,
        notWritten: `${at}.rank got ${show(rank)}; expected a whole number above the previous row's ${prevRank}`,
      };
    }
    prevRank = rank;
    const cells = [date, fetchedAt, String(rank)];
    const src = sources[i] as Record<string, unknown>;
    for (const [name, read] of fields) {
      const raw = r[name];
      const cell = read(raw, src[name]);
      const parse = columns[name]!.parse;
      if (cell === undefined || parse(cell) === INVALID) {
        const expected = cell === undefined ? WHAT.get(read)! : columns[name]!.expected;
        const why = raw === undefined ? 'is missing' : `got ${show(raw)}`;
        return {
          section,
          field: `${at}.${name}`,
          notWritten: `${at}.${name} ${why}; expected ${expected}`,
        };
      }
      cells.push(cell);
    }
    cells.push(sourceFile);
    out.push(cells);
  }
  return { section, rows: out };
}

/** The same JSON with every number replaced by its text in the file (JSON.parse source access). */
function numberTexts(text: string): unknown {
  const reviver = (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' ? (context?.source ?? String(value)) : value;
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown);
}

/**
 * Reads and checks one snapshot (v: the parsed JSON, text: the file's text); problems that make
 * the whole file unusable go to `problems`.
 */
export function parseSnapshot(
  v: unknown,
  text: string,
  problems: FileProblems,
): Snapshot | undefined {
  if (!isObject(v)) {
    problems.add({ expected: 'a JSON object with meta and the page sections' });
    return undefined;
  }
  const fetchedAt = readFetchedAt(v.meta, problems);
  if (fetchedAt === undefined || !sectionsAreArrays(v, problems)) return undefined;
  const date = utcDate(fetchedAt);
  const sourceFile = `data/${date}/rankings.json`;
  const texts = numberTexts(text) as Record<string, unknown>;
  const sections = CAPTURE_SECTIONS.map((s) =>
    readSection(
      s,
      (v[s] as unknown[] | undefined) ?? [],
      (texts[s] as unknown[] | undefined) ?? [],
      fetchedAt,
      date,
      sourceFile,
    ),
  );
  const empty = SNAPSHOT_SECTIONS.every(
    (s) => ((v[s] as unknown[] | undefined) ?? []).length === 0,
  );
  return { format: SNAPSHOT_FORMAT, fetchedAt, date, sourceFile, empty, sections };
}

/** meta.fetched_at, the capture time every row is filed under; undefined (with a problem) if unusable. */
function readFetchedAt(meta: unknown, problems: FileProblems): string | undefined {
  if (!isObject(meta)) {
    problems.add({
      field: 'meta',
      value: show(meta),
      expected: 'an object with fetched_at (the capture time)',
    });
    return undefined;
  }
  const fetchedAt = meta.fetched_at;
  if (typeof fetchedAt !== 'string' || !isDateTime(fetchedAt)) {
    problems.add({
      field: 'meta.fetched_at',
      value: show(fetchedAt),
      expected:
        'the capture time as an ISO 8601 time with offset, such as "2026-03-28T18:37:46.425748+00:00"',
    });
    return undefined;
  }
  return fetchedAt;
}

/** Every page section present is an array, and at least one is present (each failure named). */
function sectionsAreArrays(v: Record<string, unknown>, problems: FileProblems): boolean {
  let bad = false;
  for (const s of SNAPSHOT_SECTIONS) {
    if (v[s] !== undefined && !Array.isArray(v[s])) {
      problems.add({
        field: s,
        value: show(v[s]).slice(0, 60),
        expected: 'an array of rows (possibly empty)',
      });
      bad = true;
    }
  }
  if (!SNAPSHOT_SECTIONS.some((s) => Array.isArray(v[s]))) {
    problems.add({ expected: `at least one page section (${SNAPSHOT_SECTIONS.join(', ')})` });
    bad = true;
  }
  return !bad;
}
