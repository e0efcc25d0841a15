/**
 * Column types: each parses one CSV cell (a string) into a typed value or reports what it
 * expected. A dataset's columns give both its runtime checks and its TypeScript row type.
 * Hand-rolled rather than zod because the check runs once per cell on million-row captures
 * and must stay within 1.3x of a bare parse (see scripts/bench.ts); zod cost ~0.5 µs a row.
 */

/** Returned by a parser for an invalid cell. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** What a column holds, for the generated data/README.md. */
export interface ColumnDoc {
  /** Plain words: "date (YYYY-MM-DD)", "whole number ≥ 0", "one of …". */
  type: string;
  unit?: string;
}

export interface Column<T> {
  /** Plain-words description of a valid value, used in error messages. */
  readonly expected: string;
  readonly doc: ColumnDoc;
  /** A message for an invalid cell that is a known slip (a decimal comma, a unit suffix), or
   *  undefined for the general `expected`. Error path only. */
  readonly explain?: (raw: string) => string | undefined;
  /** Whether an empty cell is allowed (it parses to null). */
  readonly optional: boolean;
  parse(raw: string): T | Invalid;
  /**
   * The same check for a cell known to be non-empty (parse without the empty-cell rule):
   * readCsv calls it from code generated per schema, so each column has its own call site.
   */
  readonly parseFilled: (raw: string) => T | Invalid;
}

type Opt<T, O extends boolean> = O extends true ? T | null : T;

function column<T, O extends boolean>(
  expected: string,
  optional: O,
  parse: (raw: string) => T | Invalid,
  doc: ColumnDoc,
  explain?: (raw: string) => string | undefined,
): Column<Opt<T, O>> {
  const exp = optional ? `${expected} (or empty)` : expected;
  return {
    expected: exp,
    doc,
    ...(explain
      ? {
          explain: (raw: string) => {
            const e = explain(raw);
            return e === undefined ? undefined : `${exp}: ${e}`;
          },
        }
      : {}),
    optional,
    parseFilled: parse,
    parse: optional
      ? (raw) => (raw === '' ? (null as Opt<T, O>) : parse(raw))
      : (raw) => (raw === '' ? INVALID : parse(raw)),
  } as Column<Opt<T, O>>;
}

/**
 * Remembers the last cell a parser saw and its result. Parsers are pure, so this changes no
 * outcome; it makes repeated cells (a capture's 9 rows share date, time and file) nearly free.
 */
function memoLast<T>(parse: (raw: string) => T | Invalid): (raw: string) => T | Invalid {
  let lastRaw: string | undefined;
  let last: T | Invalid = INVALID;
  return (raw) => {
    if (raw === lastRaw) return last;
    last = parse(raw);
    lastRaw = raw;
    return last;
  };
}

interface Options<O extends boolean> {
  optional?: O;
}

export function text<O extends boolean = false>(
  opts: Options<O> & { pattern?: RegExp; describe?: string } = {},
): Column<Opt<string, O>> {
  const { pattern, describe } = opts;
  return column(
    describe ?? 'text',
    (opts.optional ?? false) as O,
    pattern ? memoLast((raw) => (pattern.test(raw) ? raw : INVALID)) : (raw) => raw,
    { type: describe ?? 'text' },
  );
}

export const SLUG = /^[a-z0-9][a-z0-9._-]*$/;

/** SLUG.test(s) without the regex (author slugs are checked on every capture row). */
export function isSlug(s: string): boolean {
  const len = s.length;
  if (len === 0) return false;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) continue; // a-z, 0-9
    if (i > 0 && (c === 46 || c === 95 || c === 45)) continue; // '.', '_', '-'
    return false;
  }
  return true;
}

export function slug<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<string, O>> {
  return column(
    'a lower-case slug (a-z, 0-9, "-", ".", "_")',
    (opts.optional ?? false) as O,
    (raw) => (isSlug(raw) ? raw : INVALID),
    { type: 'id: lower-case a-z, 0-9, "-", ".", "_"' },
  );
}

const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * Fast path for the common shape "123" / "19.6" (digits, at most one point, at most 15 digits):
 * digits / 10^k is one correctly rounded division of exact values, so it equals Number(raw).
 * Anything else returns undefined and goes through PLAIN_NUMBER and Number().
 */
function simpleDecimal(raw: string): number | undefined {
  const len = raw.length;
  if (len === 0 || len > 16) return undefined;
  let m = 0;
  let point = -1;
  for (let i = 0; i < len; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) m = m * 10 + (c - 48);
    else if (c === 46 && point < 0) point = i;
    else return undefined;
  }
  if (point < 0) return len <= 15 ? m : undefined;
  const digits = len - 1;
  if (digits === 0 || digits > 15) return undefined;
  return m / POW10[len - 1 - point]!;
}

export function number<O extends boolean = false>(
  opts: Options<O> & { min?: number; max?: number; unit?: string } = {},
): Column<Opt<number, O>> {
  const { min, max } = opts;
  const range =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? min === 0
          ? ' that is not negative'
          : ` of at least ${min}`
        : max !== undefined
          ? ` of at most ${max}`
          : '';
  const expected = `a plain number${range}${opts.unit ? ` (${opts.unit})` : ''}, without thousands separators or units`;
  const docRange =
    min !== undefined && max !== undefined
      ? ` ${min}–${max}`
      : min !== undefined
        ? ` ≥ ${min}`
        : max !== undefined
          ? ` ≤ ${max}`
          : '';
  return column(
    expected,
    (opts.optional ?? false) as O,
    (raw) => {
      let n = simpleDecimal(raw);
      if (n === undefined) {
        if (!PLAIN_NUMBER.test(raw)) return INVALID;
        n = Number(raw);
      }
      if (!Number.isFinite(n)) return INVALID;
      if (min !== undefined && n < min) return INVALID;
      if (max !== undefined && n > max) return INVALID;
      return n;
    },
    { type: `number${docRange}`, ...(opts.unit ? { unit: opts.unit } : {}) },
    (raw) => numberSlip(raw, false),
  );
}

/** A percentage stored as 0-100. */
export function percent<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<number, O>> {
  return number({ ...opts, min: 0, max: 100, unit: 'percent, 0-100' });
}

/** A non-negative integer (counts, tokens). Reads a value such as "12.0" as invalid. */
export function integer<O extends boolean = false>(
  opts: Options<O> & { min?: number; unit?: string } = {},
): Column<Opt<number, O>> {
  const min = opts.min ?? 0;
  const expected = `a whole number of at least ${min}${opts.unit ? ` (${opts.unit})` : ''}, without thousands separators, decimals or units`;
  return column(
    expected,
    (opts.optional ?? false) as O,
    (raw) => {
      // Same rule as /^\d+$/ then Number.isSafeInteger, without the regex: digits only, and
      // at most 16 of them (accumulation is exact up to 2^53 and rounds upward past it).
      const len = raw.length;
      if (len === 0 || len > 16) return INVALID;
      let n = 0;
      for (let i = 0; i < len; i++) {
        const d = raw.charCodeAt(i) - 48;
        if (d < 0 || d > 9) return INVALID;
        n = n * 10 + d;
      }
      return n <= Number.MAX_SAFE_INTEGER && n >= min ? n : INVALID;
    },
    { type: `whole number ≥ ${min}`, ...(opts.unit ? { unit: opts.unit } : {}) },
    (raw) => numberSlip(raw, true),
  );
}

const SCALES: Record<string, [number, string]> = {
  k: [3, 'thousand'],
  m: [6, 'million'],
  b: [9, 'billion'],
  bn: [9, 'billion'],
  t: [12, 'trillion'],
  tn: [12, 'trillion'],
  thousand: [3, 'thousand'],
  million: [6, 'million'],
  billion: [9, 'billion'],
  trillion: [12, 'trillion'],
};

/** "4.69" times 10^exp, written out exactly ("4690000000000"), from the decimal digits. */
export function shiftDecimal(num: string, exp: number): string {
  const neg = num.startsWith('-');
  const [int = '', frac = ''] = num.replace(/^-/, '').split('.');
  const digits = `${int}${frac.padEnd(exp, '0')}`;
  const whole = digits.slice(0, int.length + exp).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(int.length + exp).replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}

/**
 * The usual slips in a number cell, each with its fix: a decimal comma ("4,69"), a unit suffix
 * ("4.69T"), a per cent sign ("12%"), a currency sign ("$0.30"), spaces around it.
 */
export function numberSlip(raw: string, whole: boolean): string | undefined {
  const v = raw.trim();
  if (v !== raw && PLAIN_NUMBER.test(v)) return `"${raw}" has spaces around the number; write ${v}`;
  const comma = /^(-?\d+),(\d+)$/.exec(v);
  if (comma && comma[2]!.length !== 3) {
    const point = `${comma[1]}.${comma[2]}`;
    return whole
      ? `"${raw}" looks like ${point} written with a decimal comma, but this column holds whole numbers in plain units (4.69 trillion is written 4690000000000)`
      : `"${raw}" has a decimal comma; write it with a decimal point: ${point}`;
  }
  const suffix = /^(-?\d+(?:[.,]\d+)?)\s*([a-z]+)$/i.exec(v);
  const scale = suffix ? SCALES[suffix[2]!.toLowerCase()] : undefined;
  if (suffix && scale) {
    const plain = shiftDecimal(suffix[1]!.replace(',', '.'), scale[0]);
    return `"${raw}" has a unit suffix (${suffix[2]} = ${scale[1]}); write the plain number ${plain}`;
  }
  const pct = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(v);
  if (pct)
    return `"${raw}" has a per cent sign; write ${pct[1]} (the column is in per cent, without the sign)`;
  const money =
    /^(?:[$€£¥]|US\$|USD)\s*(\d+(?:\.\d+)?)$/i.exec(v) ?? /^(\d+(?:\.\d+)?)\s*(?:\$|USD)$/i.exec(v);
  if (money)
    return `"${raw}" has a currency sign; write ${money[1]} (the column is in U.S. dollars, without the sign)`;
  return undefined;
}

/** The number written by s[from..to) if it is all ASCII digits, else -1. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when y-m-d is a real calendar date. */
export function isCalendarDate(s: string): boolean {
  return s.length === 10 && isCalendarDateAt(s, 0);
}

/** Whether s[at..at+10) is a real calendar date as YYYY-MM-DD. */
function isCalendarDateAt(s: string, at: number): boolean {
  // Same as DATE.exec and Number() on its groups, without allocating: runs on every row.
  if (s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return false; // '-'
  const y = digits(s, at, at + 4);
  const mo = digits(s, at + 5, at + 7);
  const d = digits(s, at + 8, at + 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  // Proleptic Gregorian, computed directly: Date.UTC maps years 0-99 to 1900-1999 (so it took
  // 0000-02-29 for invalid), and a Date per cell is slow on million-row captures.
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[mo - 1]!);
}

/** A calendar date as YYYY-MM-DD (kept as the string: no time zone can shift it). */
export function date<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<string, O>> {
  return column(
    'a real calendar date as YYYY-MM-DD',
    (opts.optional ?? false) as O,
    memoLast((raw) => (isCalendarDate(raw) ? raw : INVALID)),
    { type: 'date (YYYY-MM-DD)' },
  );
}

/**
 * Whether raw is an ISO 8601 time with offset: the shape
 * /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/ with a real
 * calendar date, with the same outcome as !isNaN(Date.parse(raw)) on that shape (checked by
 * test/pipeline/properties.test.ts) but without a regex match or a Date: hours 0-23 (24 only as
 * 24:00:00), minutes and seconds 0-59, offsets up to 23:59.
 */
export function isDateTime(raw: string): boolean {
  const len = raw.length;
  if (len < 20 || !isCalendarDateAt(raw, 0) || raw.charCodeAt(10) !== 84) return false; // 'T'
  if (raw.charCodeAt(13) !== 58 || raw.charCodeAt(16) !== 58) return false; // ':'
  const hh = digits(raw, 11, 13);
  const mm = digits(raw, 14, 16);
  const ss = digits(raw, 17, 19);
  if (hh < 0 || mm < 0 || ss < 0 || mm > 59 || ss > 59) return false;
  let i = 19;
  if (raw.charCodeAt(i) === 46) {
    // '.' then one or more digits
    const from = ++i;
    while (i < len && raw.charCodeAt(i) >= 48 && raw.charCodeAt(i) <= 57) i++;
    if (i === from) return false;
  }
  const z = raw.charCodeAt(i);
  if (z === 90) {
    // 'Z'
    if (i + 1 !== len) return false;
  } else if (z === 43 || z === 45) {
    // '+', '-'
    if (i + 6 !== len || raw.charCodeAt(i + 3) !== 58) return false;
    const oh = digits(raw, i + 1, i + 3);
    const om = digits(raw, i + 4, i + 6);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return false;
  } else return false;
  if (hh < 24) return true;
  return hh === 24 && !Number.isNaN(Date.parse(raw)); // 24:00:00 is the end of the day
}

/** An ISO 8601 timestamp with a UTC offset (kept as the string; use Date.parse to compare). */
export function datetime<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<string, O>> {
  return column(
    'an ISO 8601 time with offset, such as 2026-03-28T18:37:46Z',
    (opts.optional ?? false) as O,
    memoLast((raw) => (isDateTime(raw) ? raw : INVALID)),
    { type: 'time (ISO 8601 with offset)' },
  );
}

export function oneOf<const V extends string, O extends boolean = false>(
  values: readonly V[],
  opts: Options<O> = {},
): Column<Opt<V, O>> {
  const set = new Set<string>(values);
  return column(
    `one of ${values.map((v) => `"${v}"`).join(', ')}`,
    (opts.optional ?? false) as O,
    (raw) => (set.has(raw) ? (raw as V) : INVALID),
    { type: `one of ${values.map((v) => `\`${v}\``).join(', ')}` },
  );
}

export function boolean<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<boolean, O>> {
  return column(
    '"true" or "false"',
    (opts.optional ?? false) as O,
    (raw) => (raw === 'true' ? true : raw === 'false' ? false : INVALID),
    { type: '`true` or `false`' },
  );
}

/** A ";"-separated list of slugs (e.g. source ids); never empty when required. */
export function slugList<O extends boolean = false>(
  opts: Options<O> = {},
): Column<Opt<string[], O>> {
  return column(
    'one or more ids separated by ";"',
    (opts.optional ?? false) as O,
    (raw) => {
      const items = raw.split(';').map((s) => s.trim());
      return items.every(isSlug) ? items : INVALID;
    },
    { type: 'ids separated by `;`' },
  );
}

/** An http(s) URL. */
export function url<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<string, O>> {
  return column(
    'an absolute http or https URL',
    (opts.optional ?? false) as O,
    (raw) => {
      if (!/^https?:\/\/[^\s/]+\.[^\s]*$/.test(raw)) return INVALID;
      try {
        const u = new URL(raw);
        return u.protocol === 'http:' || u.protocol === 'https:' ? raw : INVALID;
      } catch {
        return INVALID;
      }
    },
    { type: 'http(s) URL' },
  );
}

export type Columns = Record<string, Column<unknown>>;
export type RowOf<C extends Columns> = { [K in keyof C]: C[K] extends Column<infer T> ? T : never };
