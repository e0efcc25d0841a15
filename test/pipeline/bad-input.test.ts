/**
 * Bad input: every case a CSV can go wrong in, one test each. Each asserts the DataError's
 * problems point at the right file, line, column/field and value, and say what was expected.
 */
import Papa from 'papaparse';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  agenticIndicators,
  labs,
  marketShare,
  modelPrices,
  weeklyTokens,
} from '../../src/pipeline/datasets.ts';
import { DataError, formatProblem, PROBLEM_CAP } from '../../src/pipeline/problems.ts';
import {
  cleanup,
  copyFixture,
  loadError,
  loadRows,
  mutate,
  readText,
  replaceOnce,
  writeText,
} from './helpers.ts';

afterEach(cleanup);

const WEEKLY = 'weekly-tokens.csv';
const WEEKLY_LABEL = 'data/weekly-tokens.csv';

/** Edits a CSV as a grid of fields (header included) and writes it back with LF line ends. */
function editGrid(dir: string, file: string, fn: (rows: string[][]) => string[][]): void {
  mutate(dir, file, (text) => {
    const grid = Papa.parse<string[]>(text.trimEnd(), { delimiter: ',' }).data;
    return `${Papa.unparse(fn(grid), { newline: '\n' })}\n`;
  });
}

/** Sets one cell: `line` is the 1-based physical line of the row (fixture rows are one line each). */
function setCell(dir: string, file: string, line: number, column: string, value: string): void {
  editGrid(dir, file, (rows) => {
    const c = rows[0]!.indexOf(column);
    if (c < 0) throw new Error(`no column ${column}`);
    rows[line - 1]![c] = value;
    return rows;
  });
}

describe('readCsv and loadDataset report bad input precisely', () => {
  it('reports a missing file with the file path and the columns it should have', async () => {
    const dir = copyFixture();
    rmSync(join(dir, WEEKLY));
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toHaveLength(1);
    const [p] = err.problems;
    expect(p!.file).toBe(WEEKLY_LABEL);
    expect(p!.line).toBeUndefined();
    expect(p!.expected).toMatch(/the file to exist/);
    expect(p!.expected).toContain('week_start,week_end,origin,tokens');
  });

  it('reports an empty file at line 1, expecting a header row', async () => {
    const dir = copyFixture();
    writeText(dir, WEEKLY, '');
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 1,
        expected: expect.stringMatching(
          /^a header row \(week_start,week_end.*\) and rows of data, but the file is empty \(0 bytes\): if it was emptied by mistake, restore it/,
        ),
      },
    ]);
    // Blank lines only: the same, worded for a file that has bytes but no text.
    writeText(dir, WEEKLY, '\n\r\n');
    expect((await loadError(weeklyTokens, dir)).problems[0]!.expected).toMatch(
      /but the file has no text:/,
    );
  });

  it('reports a missing column by name and its expected position', async () => {
    const dir = copyFixture();
    editGrid(dir, WEEKLY, (rows) => rows.map((r) => r.filter((_, i) => i !== 8))); // drop "scope"
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      { file: WEEKLY_LABEL, line: 1, field: 'scope', expected: 'a column "scope" (column 9)' },
    ]);
  });

  it('reports a renamed column at its header position, naming the column expected there', async () => {
    const dir = copyFixture();
    mutate(dir, WEEKLY, (t) => replaceOnce(t, 'origin,tokens,', 'origin,token_count,'));
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 1,
        column: 4,
        field: 'token_count',
        value: 'token_count',
        expected: 'the column "tokens" here (renamed?)',
      },
    ]);
  });

  it('reports a duplicated column at its second position, pointing at the first', async () => {
    const dir = copyFixture();
    editGrid(dir, WEEKLY, (rows) => rows.map((r, i) => [...r, i === 0 ? 'note' : 'again']));
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 1,
        column: 12,
        field: 'note',
        value: 'note',
        expected: 'each column once; "note" is also column 11',
      },
    ]);
  });

  it('reports an extra column by name and position, listing the known columns', async () => {
    const dir = copyFixture();
    editGrid(dir, WEEKLY, (rows) => rows.map((r, i) => [...r, i === 0 ? 'comment' : '']));
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({
      file: WEEKLY_LABEL,
      line: 1,
      column: 12,
      field: 'comment',
      value: 'comment',
    });
    expect(err.problems[0]!.expected).toBe(
      `no column "comment": known columns are ${Object.keys(weeklyTokens.columns).join(', ')}`,
    );
  });

  it('reports a semicolon-delimited file once, at the header, naming the delimiter it saw', async () => {
    const dir = copyFixture();
    editGrid(dir, WEEKLY, (rows) => rows);
    mutate(dir, WEEKLY, (t) =>
      Papa.unparse(Papa.parse<string[]>(t.trimEnd()).data, { delimiter: ';', newline: '\n' }),
    );
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toHaveLength(1); // the rows are not reported one by one
    expect(err.problems[0]).toMatchObject({
      file: WEEKLY_LABEL,
      line: 1,
      value: Object.keys(weeklyTokens.columns).join(';'),
    });
    expect(err.problems[0]!.expected).toMatch(
      /comma-separated values; this header seems to be separated by semicolons/,
    );
  });

  it('accepts a UTF-8 byte order mark: the same rows and lines as without it', async () => {
    const plain = copyFixture();
    const bom = copyFixture();
    mutate(bom, WEEKLY, (t) => `\ufeff${t}`);
    const a = await loadRows(weeklyTokens, plain);
    const b = await loadRows(weeklyTokens, bom);
    expect(b.rows).toEqual(a.rows);
    expect(b.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(Object.keys(b.rows[0]!.row)[0]).toBe('week_start');
  });

  it('accepts CRLF line ends: the same rows (no stray \\r) and the same line numbers', async () => {
    const lf = copyFixture();
    const crlf = copyFixture();
    mutate(crlf, WEEKLY, (t) => t.replaceAll('\n', '\r\n'));
    const a = await loadRows(weeklyTokens, lf);
    const b = await loadRows(weeklyTokens, crlf);
    expect(b.rows).toEqual(a.rows);
    expect(JSON.stringify(b.rows)).not.toContain('\\r');
    // A bad row in a CRLF file is reported on its own line.
    setCell(crlf, WEEKLY, 5, 'tokens', 'many');
    mutate(crlf, WEEKLY, (t) => t.replaceAll('\r\n', '\n').replaceAll('\n', '\r\n'));
    const err = await loadError(weeklyTokens, crlf);
    expect(err.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 5,
        column: 4,
        field: 'tokens',
        value: 'many',
        expected: weeklyTokens.columns.tokens.expected,
      },
    ]);
  });

  it('accepts quoted fields with commas and line breaks, and counts those line breaks in later line numbers', async () => {
    const dir = copyFixture();
    setCell(dir, WEEKLY, 3, 'note', 'first line, with a comma\nsecond "quoted" line\nthird');
    const { rows } = await loadRows(weeklyTokens, dir);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 6, 7, 8]);
    expect(rows[1]!.row.note).toBe('first line, with a comma\nsecond "quoted" line\nthird');
    expect(rows[1]!.row.scope).toBe('leaderboard sum');
    // The row after the three-line field is on physical line 6, not 4.
    setCell(dir, WEEKLY, 4, 'tokens', '12.5'); // grid row 4 = the row that now starts on line 6
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 6,
        column: 4,
        field: 'tokens',
        value: '12.5',
        expected: weeklyTokens.columns.tokens.expected,
      },
    ]);
    expect(readText(dir, WEEKLY).split('\n')[5]).toMatch(/^2026-02-09,2026-02-15,CN,12\.5,/);
  });

  it('reports an unterminated quote at the line where the quoted field opens', async () => {
    const dir = copyFixture();
    mutate(dir, WEEKLY, (t) =>
      replaceOnce(
        t,
        'leaderboard sum,nbd-2026-02-27,CN not reported yet',
        '"leaderboard sum,nbd-2026-02-27,CN not reported yet',
      ),
    );
    const err = await loadError(weeklyTokens, dir);
    const quote = err.problems.find((p) => /closing double quote/.test(p.expected));
    expect(quote).toMatchObject({ file: WEEKLY_LABEL, line: 6 });
    expect(quote!.expected).toMatch(/a quoted field is never closed/);
    expect(err.problems.every((p) => p.line === 6)).toBe(true);
  });

  it('reports a non-numeric number with line, column, field, value and the plain-number form', async () => {
    const dir = copyFixture();
    setCell(dir, 'model-prices.csv', 3, 'output_usd_per_mtok', '$15');
    const err = await loadError(modelPrices, dir);
    expect(err.problems).toEqual([
      {
        file: 'data/model-prices.csv',
        line: 3,
        column: 8,
        field: 'output_usd_per_mtok',
        value: '$15',
        expected:
          'a plain number that is not negative (USD per million tokens), without thousands separators or units: "$15" has a currency sign; write 15 (the column is in U.S. dollars, without the sign)',
      },
    ]);
  });

  it('reports a negative number where only non-negative values are allowed', async () => {
    const dir = copyFixture();
    setCell(dir, 'model-prices.csv', 2, 'input_usd_per_mtok', '-0.30');
    const err = await loadError(modelPrices, dir);
    expect(err.problems).toEqual([
      {
        file: 'data/model-prices.csv',
        line: 2,
        column: 7,
        field: 'input_usd_per_mtok',
        value: '-0.30',
        expected: expect.stringMatching(/^a plain number that is not negative/),
      },
    ]);
    // and a negative token count, which must be a whole number of at least 0
    const dir2 = copyFixture();
    setCell(dir2, WEEKLY, 4, 'tokens', '-4120000000000');
    const err2 = await loadError(weeklyTokens, dir2);
    expect(err2.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 4,
        column: 4,
        field: 'tokens',
        value: '-4120000000000',
        expected: expect.stringMatching(/^a whole number of at least 0/),
      },
    ]);
  });

  it('reports a thousands separator in a token count with file, line, column and the expected form', async () => {
    const dir = copyFixture();
    setCell(dir, WEEKLY, 3, 'tokens', '1,234');
    expect(readText(dir, WEEKLY)).toContain(',"1,234",');
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 3,
        column: 4,
        field: 'tokens',
        value: '1,234',
        expected:
          'a whole number of at least 0 (tokens), without thousands separators, decimals or units',
      },
    ]);
    expect(formatProblem(err.problems[0]!)).toBe(
      'data/weekly-tokens.csv:3:4: column "tokens" got "1,234"; expected a whole number of at least 0 (tokens), without thousands separators, decimals or units',
    );
  });

  it('reports a percentage out of range (share_pct 130) with the 0-100 range', async () => {
    const dir = copyFixture();
    setCell(dir, 'captures/market-share.csv', 3, 'share_pct', '130');
    const err = await loadError(marketShare, dir);
    expect(err.problems).toEqual([
      {
        file: 'data/captures/market-share.csv',
        line: 3,
        column: 6,
        field: 'share_pct',
        value: '130',
        expected:
          'a plain number from 0 to 100 (percent, 0-100), without thousands separators or units',
      },
    ]);
  });

  it('reports an impossible date (2026-02-30) as not a real calendar date', async () => {
    const dir = copyFixture();
    setCell(dir, WEEKLY, 6, 'week_start', '2026-02-30');
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 6,
        column: 1,
        field: 'week_start',
        value: '2026-02-30',
        expected: 'a real calendar date as YYYY-MM-DD',
      },
    ]);
  });

  it('reports a week that does not start on a Monday, naming the weekday and the Monday of that week', async () => {
    const dir = copyFixture();
    setCell(dir, WEEKLY, 4, 'week_start', '2026-02-10');
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 4,
        field: 'week_start',
        value: '2026-02-10',
        expected:
          'a Monday (weeks run Monday to Sunday): 2026-02-10 is a Tuesday; the week that contains it starts on 2026-02-09 and ends on 2026-02-15',
      },
    ]);
  });

  it('reports a week end that is not the Sunday six days after the start (before it, or a day late)', async () => {
    const dir = copyFixture();
    setCell(dir, WEEKLY, 4, 'week_end', '2026-02-08');
    setCell(dir, WEEKLY, 5, 'week_end', '2026-02-16');
    const err = await loadError(weeklyTokens, dir);
    const expected =
      'the Sunday six days after week_start 2026-02-09, which is 2026-02-15 (weeks run Monday to Sunday)';
    expect(err.problems).toEqual([
      { file: WEEKLY_LABEL, line: 4, field: 'week_end', value: '2026-02-08', expected },
      { file: WEEKLY_LABEL, line: 5, field: 'week_end', value: '2026-02-16', expected },
    ]);
  });

  it('reports a duplicate key in a keyed dataset at the later row, with the key value', async () => {
    const dir = copyFixture();
    setCell(dir, WEEKLY, 5, 'origin', 'CN');
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 5,
        field: 'week_start+origin',
        value: '2026-02-09, CN',
        expected: 'a unique week_start + origin (this one appears earlier in the file)',
      },
    ]);
  });

  it('reports a duplicate capture key (same fetch time and rank) in an ordered capture dataset', async () => {
    const dir = copyFixture();
    setCell(dir, 'captures/market-share.csv', 3, 'rank', '1');
    const err = await loadError(marketShare, dir);
    expect(err.problems).toEqual([
      {
        file: 'data/captures/market-share.csv',
        line: 3,
        field: 'fetched_at_utc+rank',
        value: '2026-03-28T18:37:46.425748+00:00 #1',
        expected: 'no duplicate of capture 2026-03-28T18:37:46.425748+00:00 rank 1 (each key once)',
      },
    ]);
    // Out of order (rank going back) is a different message.
    const dir2 = copyFixture();
    editGrid(dir2, 'captures/market-share.csv', (rows) => [
      rows[0]!,
      rows[2]!,
      rows[1]!,
      ...rows.slice(3),
    ]);
    const err2 = await loadError(marketShare, dir2);
    expect(err2.problems).toEqual([
      expect.objectContaining({
        line: 3,
        value: '2026-03-28T18:37:46.425748+00:00 #1',
        expected: expect.stringMatching(/^rows in capture-time then rank order \(after .* #2\)$/),
      }),
    ]);
  });

  it('reports an unknown lab slug with the value and where valid slugs are listed', async () => {
    const dir = copyFixture();
    setCell(dir, 'model-prices.csv', 3, 'lab_slug', 'no-such-lab');
    const err = await loadError(modelPrices, dir);
    expect(err.problems).toEqual([
      {
        file: 'data/model-prices.csv',
        line: 3,
        field: 'lab_slug',
        value: 'no-such-lab',
        expected: 'a lab slug listed in data/labs.csv',
      },
    ]);
  });

  it('reports an unknown lab slug in labs.revealed_as (a reference within the same file)', async () => {
    const dir = copyFixture();
    setCell(dir, 'labs.csv', 7, 'revealed_as', 'no-such-lab');
    const err = await loadError(labs, dir, { sources: new Set(['desk-classification']) });
    expect(err.problems).toEqual([
      {
        file: 'data/labs.csv',
        line: 7,
        field: 'revealed_as',
        value: 'no-such-lab',
        expected: 'a lab slug listed in data/labs.csv',
      },
    ]);
  });

  it('reports an unknown source id inside a ";"-separated list, naming just that id', async () => {
    const dir = copyFixture();
    setCell(dir, WEEKLY, 4, 'source_ids', 'nbd-2026-02-27;no-such-source');
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      {
        file: WEEKLY_LABEL,
        line: 4,
        field: 'source_ids',
        value: 'no-such-source',
        expected: 'a source id listed in data/sources.csv',
      },
    ]);
  });

  it('reports a derived value without a formula (weekly tokens and agentic indicators)', async () => {
    const dir = copyFixture();
    setCell(dir, WEEKLY, 2, 'formula', '');
    setCell(dir, 'agentic-indicators.csv', 2, 'formula', '');
    const expected = 'a formula for a derived value (how it was calculated)';
    expect((await loadError(weeklyTokens, dir)).problems).toEqual([
      { file: WEEKLY_LABEL, line: 2, field: 'formula', value: '', expected },
    ]);
    expect((await loadError(agenticIndicators, dir)).problems).toEqual([
      { file: 'data/agentic-indicators.csv', line: 2, field: 'formula', value: '', expected },
    ]);
  });

  it('reports every problem of a file together in one error (several bad rows, several problems)', async () => {
    const dir = copyFixture();
    setCell(dir, WEEKLY, 2, 'week_start', '2026-13-01');
    setCell(dir, WEEKLY, 4, 'tokens', '4.12T');
    setCell(dir, WEEKLY, 4, 'status', 'guessed');
    setCell(dir, WEEKLY, 6, 'source_ids', 'unknown-source');
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems.map((p) => [p.line, p.field, p.value])).toEqual([
      [2, 'week_start', '2026-13-01'],
      [4, 'tokens', '4.12T'],
      [4, 'status', 'guessed'],
      [6, 'source_ids', 'unknown-source'],
    ]);
    expect(err.problems.every((p) => p.file === WEEKLY_LABEL && p.expected.length > 0)).toBe(true);
    expect(err.message).toMatch(/^4 data problem\(s\):\n/);
    expect(err.message).toContain(
      'data/weekly-tokens.csv:2:1: column "week_start" got "2026-13-01"',
    );
    expect(err.message).toContain(
      'data/weekly-tokens.csv:6: column "source_ids" got "unknown-source"',
    );
  });

  it(`keeps at most PROBLEM_CAP (${PROBLEM_CAP}) problems per file and counts the rest as "more problems"`, async () => {
    const dir = copyFixture();
    const extra = PROBLEM_CAP + 17;
    editGrid(dir, WEEKLY, (rows) => [
      ...rows,
      ...Array.from({ length: extra }, (_, i) => [
        `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
        '2027-01-31',
        'all',
        `${i},000`,
        '',
        'reported',
        '',
        '',
        's',
        'nbd-2026-02-27',
        '',
      ]),
    ]);
    const err = await loadError(weeklyTokens, dir);
    expect(err).toBeInstanceOf(DataError);
    expect(err.problems).toHaveLength(PROBLEM_CAP);
    expect(err.truncated).toBe(extra - PROBLEM_CAP);
    expect(err.problems[0]).toMatchObject({ line: 7, field: 'tokens', value: '0,000' });
    expect(err.problems.at(-1)).toMatchObject({ line: 6 + PROBLEM_CAP });
    expect(err.message).toMatch(new RegExp(`^${extra} data problem\\(s\\):`));
    expect(err.message.trimEnd().split('\n').at(-1)).toBe(
      `... and ${extra - PROBLEM_CAP} more problems not shown`,
    );
  });
});
