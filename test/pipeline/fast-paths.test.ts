/** The fast paths added for million-row captures agree with the plain definitions they replace. */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { datetime, integer, INVALID, isCalendarDate, text } from '../../src/pipeline/columns.ts';
import { readCsv } from '../../src/pipeline/read-csv.ts';
import { cleanup, dataError, tempDir } from './helpers.ts';

afterEach(cleanup);

describe('sha256 of large files', () => {
  const columns = { id: integer(), note: text({ optional: true }) };
  const body = (rows: number, bad?: number) =>
    `id,note\n${Array.from({ length: rows }, (_, i) => `${i === bad ? 'x' : i},note ${i} ${'z'.repeat(i % 90)}`).join('\n')}\n`;

  it('hashes the exact bytes of a file read in many pieces', async () => {
    const text = body(120_000);
    const bytes = Buffer.from(text);
    expect(bytes.length).toBeGreaterThan(4 << 20);
    const file = join(tempDir(), 'large.csv');
    writeFileSync(file, bytes);
    let rows = 0;
    const res = await readCsv({ file, columns, onRow: () => void rows++ });
    expect(res.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(res.rows).toBe(120_000);
    expect(rows).toBe(120_000);
  });

  it('still reports problems when a large file is invalid', async () => {
    const file = join(tempDir(), 'large-bad.csv');
    writeFileSync(file, body(120_000, 99_999));
    const err = await dataError(
      readCsv({ file, label: 'data/large.csv', columns, onRow: () => {} }),
    );
    expect(err.problems).toEqual([
      {
        file: 'data/large.csv',
        line: 100_001,
        column: 1,
        field: 'id',
        value: 'x',
        expected: columns.id.expected,
      },
    ]);
  });
});

describe('datetime() without a regex', () => {
  const ref = (s: string) => {
    const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.exec(s);
    return m && isCalendarDate(m[1]!) && !Number.isNaN(Date.parse(s)) ? s : INVALID;
  };

  it('rejects and accepts exactly what the regex and Date.parse do, also for malformed shapes', () => {
    const valid = '2026-03-28T18:37:46.425748+00:00';
    const mutated = fc
      .tuple(
        fc.constantFrom(valid, '2026-03-28T18:37:46Z', '2024-02-29T24:00:00-05:30'),
        fc.nat(40),
        fc.constantFrom('', '0', '9', '-', ':', 'T', 'Z', '.', '+', ' ', 'a'),
        fc.nat(2),
      )
      .map(
        ([s, at, ch, del]) =>
          s.slice(0, at % (s.length + 1)) + ch + s.slice((at % (s.length + 1)) + del),
      );
    const random = fc.string({ unit: fc.constantFrom(...'0123456789-T:.Z+'), maxLength: 34 });
    fc.assert(
      fc.property(fc.oneof(mutated, random), (s) => {
        expect(datetime().parse(s)).toBe(ref(s));
      }),
      { numRuns: 20_000 },
    );
  });
});
