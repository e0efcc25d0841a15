/**
 * Column types: each parses one CSV cell (a string) into a typed value or reports what it
 * expected. A dataset's columns give both its runtime checks and its TypeScript row type.
 * Hand-rolled rather than zod because the check runs once per cell on million-row captures
 * and must stay within 1.3x of a bare parse (see scripts/bench.ts); zod cost ~0.5 µs a row.
 */

/** Returned by a parser for an invalid cell. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

export interface Column<T> {
  /** Plain-words description of a valid value, used in error messages. */
  readonly expected: string;
  /** Whether an empty cell is allowed (it parses to null). */
  readonly optional: boolean;
  parse(raw: string): T | Invalid;
}

type Opt<T, O extends boolean> = O extends true ? T | null : T;

function column<T, O extends boolean>(
  expected: string,
  optional: O,
  parse: (raw: string) => T | Invalid,
): Column<Opt<T, O>> {
  const exp = optional ? `${expected} (or empty)` : expected;
  return {
    expected: exp,
    optional,
    parse: optional
      ? (raw) => (raw === '' ? (null as Opt<T, O>) : parse(raw))
      : (raw) => (raw === '' ? INVALID : parse(raw)),
  } as Column<Opt<T, O>>;
}

interface Options<O extends boolean> {
  optional?: O;
}

export function text<O extends boolean = false>(
  opts: Options<O> & { pattern?: RegExp; describe?: string } = {},
): Column<Opt<string, O>> {
  const { pattern, describe } = opts;
  return column(describe ?? 'text', (opts.optional ?? false) as O, (raw) =>
    pattern && !pattern.test(raw) ? INVALID : raw,
  );
}

export const SLUG = /^[a-z0-9][a-z0-9._-]*$/;

export function slug<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<string, O>> {
  return text({ ...opts, pattern: SLUG, describe: 'a lower-case slug (a-z, 0-9, "-", ".", "_")' });
}

const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

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
  return column(expected, (opts.optional ?? false) as O, (raw) => {
    if (!PLAIN_NUMBER.test(raw)) return INVALID;
    const n = Number(raw);
    if (!Number.isFinite(n)) return INVALID;
    if (min !== undefined && n < min) return INVALID;
    if (max !== undefined && n > max) return INVALID;
    return n;
  });
}

/** A percentage stored as 0-100. */
export function percent<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<number, O>> {
  return number({ ...opts, min: 0, max: 100, unit: 'percent, 0-100' });
}

const INTEGER = /^\d+$/;

/** A non-negative integer (counts, tokens). Reads a value such as "12.0" as invalid. */
export function integer<O extends boolean = false>(
  opts: Options<O> & { min?: number; unit?: string } = {},
): Column<Opt<number, O>> {
  const min = opts.min ?? 0;
  const expected = `a whole number of at least ${min}${opts.unit ? ` (${opts.unit})` : ''}, without thousands separators, decimals or units`;
  return column(expected, (opts.optional ?? false) as O, (raw) => {
    if (!INTEGER.test(raw)) return INVALID;
    const n = Number(raw);
    return Number.isSafeInteger(n) && n >= min ? n : INVALID;
  });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when y-m-d is a real calendar date. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** A calendar date as YYYY-MM-DD (kept as the string: no time zone can shift it). */
export function date<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<string, O>> {
  return column('a real calendar date as YYYY-MM-DD', (opts.optional ?? false) as O, (raw) =>
    isCalendarDate(raw) ? raw : INVALID,
  );
}

const DATETIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 timestamp with a UTC offset (kept as the string; use Date.parse to compare). */
export function datetime<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<string, O>> {
  return column(
    'an ISO 8601 time with offset, such as 2026-03-28T18:37:46Z',
    (opts.optional ?? false) as O,
    (raw) => {
      const m = DATETIME.exec(raw);
      return m && isCalendarDate(m[1] as string) && !Number.isNaN(Date.parse(raw)) ? raw : INVALID;
    },
  );
}

export function oneOf<const V extends string, O extends boolean = false>(
  values: readonly V[],
  opts: Options<O> = {},
): Column<Opt<V, O>> {
  const set = new Set<string>(values);
  return column(`one of ${values.map((v) => `"${v}"`).join(', ')}`, (opts.optional ?? false) as O, (raw) =>
    set.has(raw) ? (raw as V) : INVALID,
  );
}

export function boolean<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<boolean, O>> {
  return column('"true" or "false"', (opts.optional ?? false) as O, (raw) =>
    raw === 'true' ? true : raw === 'false' ? false : INVALID,
  );
}

/** A ";"-separated list of slugs (e.g. source ids); never empty when required. */
export function slugList<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<string[], O>> {
  return column('one or more ids separated by ";"', (opts.optional ?? false) as O, (raw) => {
    const items = raw.split(';').map((s) => s.trim());
    return items.every((s) => SLUG.test(s)) ? items : INVALID;
  });
}

/** An http(s) URL. */
export function url<O extends boolean = false>(opts: Options<O> = {}): Column<Opt<string, O>> {
  return column('an absolute http or https URL', (opts.optional ?? false) as O, (raw) => {
    if (!/^https?:\/\/[^\s/]+\.[^\s]*$/.test(raw)) return INVALID;
    try {
      const u = new URL(raw);
      return u.protocol === 'http:' || u.protocol === 'https:' ? raw : INVALID;
    } catch {
      return INVALID;
    }
  });
}

export type Columns = Record<string, Column<unknown>>;
export type RowOf<C extends Columns> = { [K in keyof C]: C[K] extends Column<infer T> ? T : never };
