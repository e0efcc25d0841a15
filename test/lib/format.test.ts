/** Property tests for the house formatter (src/lib/format.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  readerWords,
  formatApproxPercent,
  formatChange,
  formatDate,
  formatMonth,
  formatPercent,
  formatScaled,
  formatTokens,
  formatWeek,
  MISSING,
} from '../../src/lib/format.ts';

const SCALE: Record<string, number> = { '': 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
const LONG: Record<string, string> = { thousand: 'K', million: 'M', billion: 'B', trillion: 'T' };
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Reads "4.69T" / "-1.2K" / "1,000T" back into [body, suffix]. */
function parseScaled(s: string): [number, string] {
  const m = /^(-?[\d,]+(?:\.\d+)?)([KMBT]?)$/.exec(s);
  if (!m) throw new Error(`unparseable: ${s}`);
  return [Number(m[1]!.replaceAll(',', '')), m[2]!];
}

/** Any magnitude from 10^lo to 10^hi, spread evenly over the decades, with either sign. */
const magnitude = (lo: number, hi: number) =>
  fc
    .tuple(
      fc.double({ min: 1, max: 10, maxExcluded: true, noNaN: true }),
      fc.integer({ min: lo, max: hi - 1 }),
      fc.boolean(),
    )
    .map(([m, e, neg]) => (neg ? -1 : 1) * m * 10 ** e);
/** Values just below a rounding carry: 999.5..999.99 of some scale. */
const nearCarry = fc
  .tuple(fc.double({ min: 999.5, max: 999.999, noNaN: true }), fc.constantFrom(1, 1e3, 1e6, 1e9))
  .map(([m, s]) => m * s);

const isoDate = fc
  .date({
    min: new Date('1000-01-01T00:00:00Z'),
    max: new Date('9999-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
const pad = (n: string | number, w = 2) => String(n).padStart(w, '0');
const dayMonthYear = (d: string, m: string, y: string) => {
  const mo = MONTHS.indexOf(m);
  expect(mo).toBeGreaterThanOrEqual(0);
  return `${pad(y, 4)}-${pad(mo + 1)}-${pad(d)}`;
};

describe('formatScaled', () => {
  it('never prints a "1,000B"-style carry: the number before a scale letter (other than T) is below 1000', () => {
    fc.assert(
      fc.property(fc.oneof(magnitude(0, 15), nearCarry), (n) => {
        const [body, suffix] = parseScaled(formatScaled(n));
        if (suffix !== 'T') expect(Math.abs(body)).toBeLessThan(1000);
        if (suffix !== '') expect(Math.abs(body)).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
    expect(formatScaled(999.6e9)).toBe('1T');
    expect(formatScaled(999.6e6)).toBe('1B');
    expect(formatScaled(999.6)).toBe('1K');
    expect(formatScaled(999.4)).toBe('999');
  });

  it('parses back within 0.5% for magnitudes 1e3..1e15, in short and long style, with the sign kept', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          magnitude(3, 15),
          nearCarry.filter((n) => n >= 1e3),
        ),
        (n) => {
          const short = formatScaled(n);
          const [body, suffix] = parseScaled(short);
          const back = body * SCALE[suffix]!;
          expect(Math.abs(back - n) / Math.abs(n)).toBeLessThanOrEqual(0.005);
          expect(Math.sign(back)).toBe(Math.sign(n));
          // three significant digits at most
          expect(
            String(Math.abs(body)).replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length,
          ).toBeLessThanOrEqual(3);
          const long = formatScaled(n, 'long');
          const lm = /^(\S+) (thousand|million|billion|trillion)$/.exec(long);
          expect(lm, long).not.toBeNull();
          expect(`${lm![1]}${LONG[lm![2]!]}`).toBe(short);
          expect(formatTokens(n, 'long')).toBe(`${long} tokens`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('prints the missing mark for null and non-finite values', () => {
    expect([
      formatScaled(null),
      formatScaled(Number.NaN),
      formatScaled(Infinity),
      formatTokens(null),
    ]).toEqual([MISSING, MISSING, MISSING, MISSING]);
  });
});

describe('formatPercent and formatChange', () => {
  it('formatPercent prints 0-100 with one decimal, no sign, within 0.05 of the input', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (x) => {
        const s = formatPercent(x);
        expect(s).toMatch(/^\d{1,3}\.\d%$/);
        expect(Math.abs(Number(s.slice(0, -1)) - x)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
  });

  it('formatPercent keeps a minus on values that stay negative when rounded', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: -0.05, noNaN: true }), (x) => {
        expect(formatPercent(x)).toMatch(/^-[\d,]+\.\d%$/);
      }),
    );
  });

  it('formatChange signs: "+" up, true minus "−" down, "±" when it rounds to zero; never a hyphen', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (x, digits) => {
          const s = formatChange(x, digits);
          expect(s).not.toContain('-');
          const m = /^([+−±])([\d,]+(?:\.\d+)?)%$/.exec(s);
          expect(m, s).not.toBeNull();
          const body = Number(m![2]!.replaceAll(',', ''));
          expect(Math.abs(body - Math.abs(x))).toBeLessThanOrEqual(
            0.5 * 10 ** -digits + 1e-9 * Math.abs(x),
          );
          expect(m![1]).toBe(body === 0 ? '±' : x > 0 ? '+' : '−');
        },
      ),
      { numRuns: 1000 },
    );
    expect([
      formatChange(11.83),
      formatChange(-9.33),
      formatChange(0.04),
      formatChange(-0.04),
      formatChange(null),
    ]).toEqual(['+11.8%', '−9.3%', '±0.0%', '±0.0%', MISSING]);
  });
});

describe('dates', () => {
  it('formatDate round-trips any valid date through its month name (long) and drops only the year (short)', () => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        const long = formatDate(iso);
        const m = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(long);
        expect(m, long).not.toBeNull();
        expect(dayMonthYear(m![1]!, m![2]!, m![3]!)).toBe(iso);
        expect(formatDate(iso, 'short')).toBe(`${m![1]} ${m![2]}`);
        expect(formatMonth(iso)).toBe(`${m![2]} ${m![3]}`);
        // a timestamp formats as its own calendar date, whatever the time of day
        expect(formatDate(`${iso}T23:59:59-08:00`)).toBe(long);
      }),
      { numRuns: 1000 },
    );
  });

  it('formatWeek round-trips start and end for any week, in all three shapes', () => {
    fc.assert(
      fc.property(
        isoDate.filter((d) => d < '9999-11-01'),
        fc.integer({ min: 0, max: 40 }),
        (start, len) => {
          const end = addDays(start, len);
          const s = formatWeek(start, end);
          let m: RegExpExecArray | null;
          if ((m = /^(\d{1,2})–(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(s))) {
            expect([dayMonthYear(m[1]!, m[3]!, m[4]!), dayMonthYear(m[2]!, m[3]!, m[4]!)]).toEqual([
              start,
              end,
            ]);
          } else if ((m = /^(\d{1,2}) ([A-Z][a-z]+) – (\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(s))) {
            expect([dayMonthYear(m[1]!, m[2]!, m[5]!), dayMonthYear(m[3]!, m[4]!, m[5]!)]).toEqual([
              start,
              end,
            ]);
            expect(m[2]).not.toBe(m[4]);
          } else if (
            (m = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4}) – (\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(s))
          ) {
            expect([dayMonthYear(m[1]!, m[2]!, m[3]!), dayMonthYear(m[4]!, m[5]!, m[6]!)]).toEqual([
              start,
              end,
            ]);
            expect(m[3]).not.toBe(m[6]);
          } else {
            throw new Error(`unexpected week format: ${s}`);
          }
          expect(formatWeek(null, end)).toBe(`week to ${formatDate(end)}`);
        },
      ),
      { numRuns: 1000 },
    );
    expect(formatWeek('2025-12-29', '2026-01-04')).toBe('29 December 2025 – 4 January 2026');
  });
});

describe('formatApproxPercent', () => {
  it('names a whole percentage within 1 of the input, "nearly" below it and "just over" above it', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (x) => {
        const s = formatApproxPercent(x);
        const m = /^(nearly |just over )?(-?\d+)%$/.exec(s);
        expect(m, s).not.toBeNull();
        const n = Number(m![2]);
        expect(Math.abs(n - x)).toBeLessThan(1);
        if (m![1] === 'nearly ') expect(x).toBeLessThan(n);
        else if (m![1] === 'just over ') expect(x).toBeGreaterThan(n);
        else expect(Math.abs(x - n)).toBeLessThan(0.05);
      }),
      { numRuns: 1000 },
    );
    expect([
      formatApproxPercent(58.7),
      formatApproxPercent(56.1),
      formatApproxPercent(54.0),
    ]).toEqual(['nearly 59%', 'just over 56%', '54%']);
  });
});

describe('readerWords', () => {
  it("puts the quality gate's terminal wording in a reader's words", () => {
    expect(
      readerWords(
        'values sum to 2.2e8, 4.1 decades below the token counts of this section (its captures run 4.0e11..1.1e13); shares only 3 of its 9 entries with 2026-03-31 and 3 with 2026-04-07',
        'short',
      ),
    ).toBe(
      'values sum to 220 million, 4.1 orders of magnitude below the token counts of this section (its captures run 400 billion to 11 trillion); shares only 3 of its 9 entries with 31 March and 3 with 7 April',
    );
  });

  it('leaves no ISO day or e-notation behind, and leaves plain text alone', () => {
    const out = readerWords(
      '(2026-05-01 7.1e12, 2026-05-02T00:00:00Z 4.9e11, 2026-05-03 1.0e13)',
      'short',
    );
    expect(out).toBe('(1 May 7.1 trillion, 2 May 490 billion, 3 May 10 trillion)');
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}|\de\d/);
    expect(readerWords('a report of about 2025-11-26')).toBe('a report of about 26 November 2025');
    expect(readerWords('China led 23 weeks; 4.69 trillion tokens.')).toBe(
      'China led 23 weeks; 4.69 trillion tokens.',
    );
  });
});
