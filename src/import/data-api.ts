/**
 * OpenRouter Data API, rankings-daily responses: reading one response, and merging responses
 * into the api-daily-tokens dataset.
 *
 * A response holds, per day, the top 50 models by total tokens in the API's order and one
 * `other` row (everything outside the top 50), with `meta.as_of` saying when the figures were
 * current. Windows overlap, so the same day arrives in several responses; a later as_of may
 * restate it. A day is the unit of the merge: the response with the latest as_of supplies all of
 * that day's rows, because a restatement can also move a model into or out of the top 50 (mixing
 * days from two responses could count a model twice, once by name and once inside `other`).
 */
import { describeUnsafe, showUnsafe, UNSAFE_CHARS } from '../lib/unsafe-text.ts';
import { isCalendarDate, isDateTime, isSlug } from '../pipeline/columns.ts';
import type { FileProblems } from './problems.ts';
import { show } from './problems.ts';

export const API_FORMAT = 'data-api-rankings-daily';
export const OTHER = 'other';

/** The dataset's columns, in file order. */
export const API_COLUMNS = [
  'date',
  'rank',
  'model_permaslug',
  'author',
  'total_tokens',
  'as_of',
  'raw_file',
  'raw_sha256',
] as const;

export interface ApiDay {
  date: string;
  /** In the response's order: the top models, then `other`. tokens as canonical digits. */
  rows: Array<{ permaslug: string; tokens: string }>;
}

export interface ApiResponse {
  format: typeof API_FORMAT;
  /** meta.as_of, or null when the response has no meta (it is then unknown, never guessed). */
  asOf: string | null;
  startDate: string | null;
  endDate: string | null;
  /** Days in date order. */
  days: ApiDay[];
  rowCount: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a parsed JSON value looks like a rankings-daily response (before any field check). */
export function looksLikeApiResponse(v: unknown): boolean {
  if (!isObject(v)) return false;
  const meta = isObject(v.meta) ? v.meta : undefined;
  const first = Array.isArray(v.data) ? v.data[0] : undefined;
  return (
    (meta !== undefined && ('as_of' in meta || 'version' in meta)) ||
    (isObject(first) && ('model_permaslug' in first || 'total_tokens' in first)) ||
    (Array.isArray(v.data) && Object.keys(v).every((k) => k === 'data' || k === 'meta'))
  );
}

/** The author slug of a permaslug (the part before "/"), or null for `other`. */
export function authorOf(permaslug: string): string | null {
  return permaslug === OTHER ? null : permaslug.slice(0, permaslug.indexOf('/'));
}

const DIGITS = /^\d+$/;

/**
 * Reads and checks one response; every problem goes to `problems`. Three named steps: the
 * window and version in `meta`, each row's fields, then each row's place in its day.
 */
export function parseApiResponse(v: unknown, problems: FileProblems): ApiResponse | undefined {
  if (!isObject(v)) {
    problems.add({ expected: 'a JSON object with "data" (and usually "meta")' });
    return undefined;
  }
  const window = readMeta(v.meta, problems);
  if (!Array.isArray(v.data)) {
    problems.add({
      field: 'data',
      value: show(v.data),
      expected: 'an array of rows, each with date, model_permaslug and total_tokens',
    });
    return undefined;
  }
  const byDate = new Map<string, ApiDay>();
  const seen = new Set<string>();
  v.data.forEach((row: unknown, i: number) => {
    const checked = checkRow(row, `data[${i}]`, window, problems);
    if (checked) placeRow(checked, `data[${i}]`, byDate, seen, problems);
  });
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { format: API_FORMAT, ...window, days, rowCount: v.data.length };
}

interface ApiWindow {
  asOf: string | null;
  startDate: string | null;
  endDate: string | null;
}

/** meta.as_of, start_date, end_date and version: what is missing or wrong stays null. */
function readMeta(meta: unknown, problems: FileProblems): ApiWindow {
  const window: ApiWindow = { asOf: null, startDate: null, endDate: null };
  if (meta === undefined) return window;
  if (!isObject(meta)) {
    problems.add({
      field: 'meta',
      value: show(meta),
      expected: 'an object with as_of, start_date, end_date and version',
    });
    return window;
  }
  const m = meta;
  if (typeof m.as_of !== 'string' || !isDateTime(m.as_of)) {
    problems.add({
      field: 'meta.as_of',
      value: show(m.as_of),
      expected: 'an ISO 8601 time with offset, such as "2026-06-19T08:20:44.552Z"',
    });
  } else window.asOf = m.as_of;
  for (const k of ['start_date', 'end_date'] as const) {
    if (m[k] === undefined) continue;
    if (typeof m[k] !== 'string' || !isCalendarDate(m[k]))
      problems.add({ field: `meta.${k}`, value: show(m[k]), expected: 'a date as YYYY-MM-DD' });
  }
  if (typeof m.start_date === 'string' && isCalendarDate(m.start_date))
    window.startDate = m.start_date;
  if (typeof m.end_date === 'string' && isCalendarDate(m.end_date)) window.endDate = m.end_date;
  if (m.version !== undefined && m.version !== 'v1') {
    problems.add({
      field: 'meta.version',
      value: show(m.version),
      expected:
        '"v1", the version this importer reads (a new version may change what the fields mean)',
    });
  }
  return window;
}

interface CheckedRow {
  date: string;
  slug: string;
  tokens: string;
}

/** One row's date, permaslug and token count, each checked (every problem named, not just the first). */
function checkRow(
  row: unknown,
  at: string,
  { startDate, endDate }: ApiWindow,
  problems: FileProblems,
): CheckedRow | undefined {
  if (!isObject(row)) {
    problems.add({
      field: at,
      value: show(row),
      expected: 'an object with date, model_permaslug and total_tokens',
    });
    return undefined;
  }
  let ok = true;
  const { date, model_permaslug: slug, total_tokens: tokens } = row;
  if (typeof date !== 'string' || !isCalendarDate(date)) {
    problems.add({ field: `${at}.date`, value: show(date), expected: 'a date as YYYY-MM-DD' });
    ok = false;
  } else if ((startDate && date < startDate) || (endDate && date > endDate)) {
    problems.add({
      field: `${at}.date`,
      value: show(date),
      expected: `a date within the response's window ${startDate ?? '…'} to ${endDate ?? '…'} (meta.start_date, meta.end_date)`,
    });
    ok = false;
  }
  if (typeof slug === 'string' && UNSAFE_CHARS.test(slug)) {
    problems.add({
      field: `${at}.model_permaslug`,
      value: JSON.stringify(showUnsafe(slug)),
      expected: `a name without control or bidirectional-override characters (found ${describeUnsafe(slug)}; they would reach the page and the downloads)`,
    });
    ok = false;
  } else if (typeof slug !== 'string' || !isPermaslug(slug)) {
    problems.add({
      field: `${at}.model_permaslug`,
      value: show(slug),
      expected:
        'a model permaslug such as "deepseek/deepseek-v4-flash-20260423" (author slug, "/", model), or "other"',
    });
    ok = false;
  }
  if (typeof tokens !== 'string' || !DIGITS.test(tokens)) {
    problems.add({
      field: `${at}.total_tokens`,
      value: show(tokens),
      expected: `a whole number of tokens written as a string of digits, such as "638091447848"${typeof tokens === 'number' ? ' (got a JSON number: the API sends a decimal string, so this file was altered or is not a Data API response)' : ''}`,
    });
    ok = false;
  } else if (!Number.isSafeInteger(Number(tokens))) {
    problems.add({
      field: `${at}.total_tokens`,
      value: show(tokens),
      expected: `at most ${Number.MAX_SAFE_INTEGER} tokens (larger counts cannot be held exactly)`,
    });
    ok = false;
  }
  return ok ? { date: date as string, slug: slug as string, tokens: tokens as string } : undefined;
}

/** "other", or an author slug, "/", and a model name without white space. */
const isPermaslug = (slug: string): boolean =>
  slug === OTHER ||
  (slug.includes('/') && isSlug(slug.slice(0, slug.indexOf('/'))) && /^[^/\s]+\/\S+$/.test(slug));

/** A checked row into its day: each model once a day, and `other` last. */
function placeRow(
  { date: d, slug: s, tokens }: CheckedRow,
  at: string,
  byDate: Map<string, ApiDay>,
  seen: Set<string>,
  problems: FileProblems,
): void {
  const key = `${d}|${s}`;
  if (seen.has(key)) {
    problems.add({
      field: `${at}.model_permaslug`,
      value: show(s),
      expected: `each model once per day (${s} appears twice on ${d})`,
    });
    return;
  }
  seen.add(key);
  const day = byDate.get(d) ?? { date: d, rows: [] };
  byDate.set(d, day);
  if (day.rows.at(-1)?.permaslug === OTHER) {
    problems.add({
      field: `${at}.model_permaslug`,
      value: show(s),
      expected: `"other" to be the last row of ${d} (it sums every model outside the top 50)`,
    });
    return;
  }
  day.rows.push({ permaslug: s, tokens: String(Number(tokens)) });
}

/** The rows of a day in the dataset's column order. */
export function dayRows(
  day: ApiDay,
  asOf: string | null,
  rawFile: string,
  sha256: string,
): string[][] {
  let rank = 0;
  return day.rows.map((r) => {
    const other = r.permaslug === OTHER;
    if (!other) rank++;
    return [
      day.date,
      other ? '' : String(rank),
      r.permaslug,
      authorOf(r.permaslug) ?? '',
      r.tokens,
      asOf ?? '',
      rawFile,
      sha256,
    ];
  });
}

/** Orders as_of values: a known time beats an unknown one; a later time beats an earlier one. */
export function compareAsOf(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return Date.parse(a) - Date.parse(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A value that changed between two as_of versions of the same day. */
export interface Restatement {
  date: string;
  model_permaslug: string;
  /** Token counts as digits; null when the model was not listed (it was inside `other`). */
  before: string | null;
  after: string | null;
  as_of_before: string | null;
  as_of_after: string | null;
}

export interface DayMerge {
  added: number;
  unchanged: number;
  restated: Restatement[];
  setAside: number;
  /** Why rows were set aside, in words (for the report). */
  note?: string;
}

const COL = Object.fromEntries(API_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof API_COLUMNS)[number],
  number
>;

/**
 * The api-daily-tokens dataset in memory: rows per day, replaced a whole day at a time by a
 * response with a later as_of.
 */
export class ApiDataset {
  private readonly days = new Map<string, string[][]>();

  constructor(rows: readonly string[][]) {
    for (const r of rows) {
      const d = r[COL.date]!;
      const list = this.days.get(d) ?? [];
      list.push(r);
      this.days.set(d, list);
    }
  }

  get rowCount(): number {
    let n = 0;
    for (const rs of this.days.values()) n += rs.length;
    return n;
  }

  lastDate(): string | null {
    return [...this.days.keys()].sort().at(-1) ?? null;
  }

  /** Merges one day of a response. */
  mergeDay(day: ApiDay, asOf: string | null, rawFile: string, sha256: string): DayMerge {
    const incoming = dayRows(day, asOf, rawFile, sha256);
    const current = this.days.get(day.date);
    if (!current) {
      this.days.set(day.date, incoming);
      return { added: incoming.length, unchanged: 0, restated: [], setAside: 0 };
    }
    const held = current[0]![COL.as_of] || null;
    const tokensOf = (rows: string[][]) =>
      new Map(rows.map((r) => [r[COL.model_permaslug]!, r[COL.total_tokens]!]));
    const was = tokensOf(current);
    const now = tokensOf(incoming);
    const same =
      current.length === incoming.length &&
      incoming.every(
        (r, i) =>
          r[COL.model_permaslug] === current[i]![COL.model_permaslug] &&
          r[COL.total_tokens] === current[i]![COL.total_tokens],
      );
    const order = compareAsOf(asOf, held);
    if (order > 0) {
      // A later response: it supplies the whole day.
      const restated: Restatement[] = [];
      for (const slug of new Set([...was.keys(), ...now.keys()])) {
        const b = was.get(slug) ?? null;
        const a = now.get(slug) ?? null;
        if (b !== a)
          restated.push({
            date: day.date,
            model_permaslug: slug,
            before: b,
            after: a,
            as_of_before: held,
            as_of_after: asOf,
          });
      }
      this.days.set(day.date, incoming);
      const unchanged = incoming.filter(
        (r) => was.get(r[COL.model_permaslug]!) === r[COL.total_tokens],
      ).length;
      return { added: 0, unchanged, restated, setAside: 0 };
    }
    if (same) return { added: 0, unchanged: incoming.length, restated: [], setAside: 0 };
    const where = current[0]![COL.raw_file];
    return {
      added: 0,
      unchanged: 0,
      restated: [],
      setAside: incoming.length,
      note:
        order < 0
          ? `${day.date}: kept the later figures of ${where} (as_of ${held ?? 'unknown'}); this response (as_of ${asOf ?? 'unknown'}) is older`
          : `${day.date}: differs from ${where} with the same as_of (${asOf ?? 'unknown'}); kept the figures already in data/, since neither is known to be later`,
    };
  }

  /** Every row: by date, then rank, `other` last (as each day was stored). */
  rows(): string[][] {
    return [...this.days.keys()].sort().flatMap((d) => this.days.get(d)!);
  }
}
