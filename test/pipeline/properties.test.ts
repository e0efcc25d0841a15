/** Property tests: column parsers, and a CSV round trip through papaparse and readCsv. */
import fc from 'fast-check';
import Papa from 'papaparse';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  date,
  datetime,
  integer,
  INVALID,
  isCalendarDate,
  number,
  slug,
  SLUG,
  text,
} from '../../src/pipeline/columns.ts';
import { readCsv } from '../../src/pipeline/read-csv.ts';
import { cleanup, tempDir } from './helpers.ts';

afterAll(cleanup);

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('column parsers', () => {
  const int = integer();

  it('integer() accepts every safe non-negative integer written plainly', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(int.parse(String(n))).toBe(n);
      }),
      { numRuns: 2000 },
    );
    expect(int.parse(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(int.parse(String(Number.MAX_SAFE_INTEGER + 1))).toBe(INVALID);
  });

  it('integer() rejects every string with a comma, including correctly grouped thousands', () => {
    const withComma = fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a},${b}`);
    const grouped = fc
      .integer({ min: 1000, max: Number.MAX_SAFE_INTEGER })
      .map((n) => n.toLocaleString('en-US'));
    fc.assert(
      fc.property(fc.oneof(withComma, grouped), (s) => {
        expect(int.parse(s)).toBe(INVALID);
      }),
      { numRuns: 2000 },
    );
    // and the same for number(), which documents the same rule
    fc.assert(
      fc.property(fc.oneof(withComma, grouped), (s) => {
        expect(number().parse(s)).toBe(INVALID);
      }),
    );
  });

  it('integer() rejects decimals, signs, blanks and units', () => {
    for (const s of ['12.0', '-1', '+1', ' 1', '1 ', '', '1e3', '5T', '0x10'])
      expect(int.parse(s), s).toBe(INVALID);
    expect(integer({ optional: true }).parse('')).toBeNull();
    expect(integer({ min: 1 }).parse('0')).toBe(INVALID);
  });

  it('date() accepts exactly the real calendar dates (proleptic Gregorian, years 0000-9999)', () => {
    const ymd = fc.tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    );
    const col = date();
    fc.assert(
      fc.property(ymd, ([y, m, d]) => {
        const s = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
        const real = m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
        expect(col.parse(s)).toBe(real ? s : INVALID);
        expect(isCalendarDate(s)).toBe(real);
      }),
      { numRuns: 5000 },
    );
    for (const s of ['2024-02-29', '2000-02-29', '0000-02-29']) expect(col.parse(s), s).toBe(s);
    for (const s of [
      '2026-02-29',
      '1900-02-29',
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
    ])
      expect(col.parse(s), s).toBe(INVALID);
  });

  it('date() rejects anything not shaped YYYY-MM-DD', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!/^\d{4}-\d{2}-\d{2}$/.test(s));
        expect(date().parse(s)).toBe(INVALID);
      }),
      { numRuns: 2000 },
    );
    for (const s of ['2026-3-1', '26-03-01', '2026/03/01', '2026-03-01T00:00:00Z', ' 2026-03-01'])
      expect(date().parse(s), s).toBe(INVALID);
  });

  it('datetime() accepts ISO times with an offset on real dates only', () => {
    const dt = datetime();
    expect(dt.parse('2026-03-28T18:37:46.425748+00:00')).toBe('2026-03-28T18:37:46.425748+00:00');
    expect(dt.parse('2026-03-28T18:37:46Z')).toBe('2026-03-28T18:37:46Z');
    for (const s of [
      '2026-03-28T18:37:46',
      '2026-02-30T00:00:00Z',
      '2026-03-28 18:37:46Z',
      '2026-03-28T25:00:00Z',
    ])
      expect(dt.parse(s), s).toBe(INVALID);
  });
});

// The parsers are hand-optimised (no regex, no Date); these pin them to the plain definitions.
describe('optimised parsers agree with their reference definitions', () => {
  const from = (chars: string, maxLength = 20) =>
    fc.string({ unit: fc.constantFrom(...chars), maxLength });

  it('integer() = /^\\d+$/ and Number.isSafeInteger, also for 15-17 digit strings near 2^53', () => {
    const ref = (s: string) =>
      /^\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : INVALID;
    const near = fc.bigInt({ min: 2n ** 53n - 1000n, max: 2n ** 53n + 1000n }).map(String);
    fc.assert(
      fc.property(fc.oneof(from('0123456789', 18), from('0123456789.,-+e x'), near), (s) => {
        expect(integer().parse(s)).toBe(ref(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('number() = /^-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$/ and Number(), bit for bit', () => {
    const ref = (s: string) => {
      if (!/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(s)) return INVALID;
      const n = Number(s);
      return Number.isFinite(n) ? n : INVALID;
    };
    const decimal = fc
      .tuple(from('0123456789', 12), fc.boolean(), from('0123456789', 12))
      .map(([a, p, b]) => (p ? `${a}.${b}` : a + b));
    fc.assert(
      fc.property(fc.oneof(decimal, from('0123456789.-eE+ ,')), (s) => {
        expect(Object.is(number().parse(s), ref(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('slug() = SLUG.test', () => {
    fc.assert(
      fc.property(fc.oneof(from('abcxyz019._-'), from('abcAZ09._- /é')), (s) => {
        expect(slug().parse(s)).toBe(s !== '' && SLUG.test(s) ? s : INVALID);
      }),
      { numRuns: 3000 },
    );
  });

  it('datetime() = its shape, a real date, and Date.parse accepting it', () => {
    const ref = (s: string) => {
      const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.exec(s);
      return m && isCalendarDate(m[1]!) && !Number.isNaN(Date.parse(s)) ? s : INVALID;
    };
    const d2 = fc.integer({ min: 0, max: 99 }).map((n) => pad(n));
    const stamp = fc
      .record({
        day: fc
          .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        badDay: fc.boolean(),
        h: fc.oneof(d2, fc.constant('24')),
        m: fc.oneof(d2, fc.constant('00')),
        sec: fc.oneof(d2, fc.constant('00')),
        frac: fc.oneof(
          fc.constant(''),
          from('0123456789', 9)
            .filter((x) => x !== '')
            .map((x) => `.${x}`),
        ),
        zone: fc.oneof(
          fc.constant('Z'),
          fc.tuple(fc.constantFrom('+', '-'), d2, d2).map(([sg, a, b]) => `${sg}${a}:${b}`),
        ),
      })
      .map(
        (r) =>
          `${r.badDay ? r.day.slice(0, 8) + '31' : r.day}T${r.h}:${r.m}:${r.sec}${r.frac}${r.zone}`,
      );
    fc.assert(
      fc.property(stamp, (s) => {
        expect(datetime().parse(s)).toBe(ref(s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('CSV round trip: Papa.unparse -> file -> readCsv', () => {
  // Cells stress quoting: commas, quotes, both line ends, spaces at the ends, and unicode beyond the BMP.
  const unit = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        ',',
        '"',
        '\n',
        '\r\n',
        '\r',
        ' ',
        ';',
        '\t',
        'é',
        '中',
        '🙂',
        '\u00a0',
        "'",
      ),
    },
    { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  );
  const cell = fc.array(unit, { maxLength: 12 }).map((a) => a.join(''));
  const columns = {
    a: text({ optional: true }),
    b: text({ optional: true }),
    c: text({ optional: true }),
  };
  const dir = tempDir('csv-roundtrip-');
  let n = 0;

  it('gives back the same values (empty -> null) and the physical line each row starts on', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell, cell), { maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        async (rows, newline) => {
          const file = join(dir, `rt-${n++}.csv`);
          writeFileSync(
            file,
            `${Papa.unparse({ fields: ['a', 'b', 'c'], data: rows }, { newline })}${newline}`,
          );
          const got: Array<{ row: unknown; line: number }> = [];
          const res = await readCsv({
            file,
            columns,
            allowEmpty: true,
            onRow: (row, line) => got.push({ row, line }),
          });
          let line = 2;
          const want = rows.map((r) => {
            const at = line;
            line += 1 + r.join('').split('\n').length - 1;
            return { row: { a: r[0] || null, b: r[1] || null, c: r[2] || null }, line: at };
          });
          expect(got).toEqual(want);
          expect(res.rows).toBe(rows.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
