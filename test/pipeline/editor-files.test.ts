/**
 * Files as editors save them: encodings other than UTF-8, empty and header-only files, and the
 * usual slips in number cells each get their own message with the fix; UTF-8 with a byte order
 * mark and CRLF line ends stay accepted.
 */
import { isUtf8 } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { integer, text } from '../../src/pipeline/columns.ts';
import { modelPrices, weeklyTokens } from '../../src/pipeline/datasets.ts';
import { firstInvalid, Utf8Check } from '../../src/pipeline/encoding.ts';
import { readCsv } from '../../src/pipeline/read-csv.ts';
import {
  cleanup,
  copyFixture,
  dataError,
  loadError,
  loadRows,
  readText,
  tempDir,
  writeText,
} from './helpers.ts';

afterEach(cleanup);

const WEEKLY = 'weekly-tokens.csv';
const LABEL = 'data/weekly-tokens.csv';
const SAVE_AS = 'in Excel, File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)"';

/** The fixture's weekly-tokens.csv with an en dash in line 2's note, in the given encoding. */
function weeklyWithDash(dir: string, encode: (text: string) => Buffer): void {
  const text = readText(dir, WEEKLY).replace('back-calculated', 'back–calculated for 2–8 Feb');
  writeFileSync(join(dir, WEEKLY), encode(text));
}
/** Windows-1252 for the characters the fixture uses (ASCII plus the en dash). */
const cp1252 = (s: string) => Buffer.from([...s].map((c) => (c === '–' ? 0x96 : c.charCodeAt(0))));
const latin1 = (s: string) => Buffer.from(s.replaceAll('–', 'é'), 'latin1');
const utf16le = (s: string, bom: boolean) =>
  Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

describe('files that are not UTF-8', () => {
  it('Windows-1252 (Excel "CSV (Comma delimited)"): names the line, the first bad byte and what it is, and how to save as UTF-8', async () => {
    const dir = copyFixture();
    weeklyWithDash(dir, cp1252);
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toHaveLength(1);
    const [p] = err.problems;
    expect(p).toMatchObject({ file: LABEL, line: 2, value: '0x96' });
    const column = readText(copyFixture(), WEEKLY).split('\n')[1]!.indexOf('back-calculated') + 5; // the dash, 1-based
    expect(p!.expected).toContain(
      `UTF-8 text, but the file is not UTF-8: its first bad byte is 0x96, on line 2 (byte ${column} of the line)`,
    );
    expect(p!.expected).toContain(
      'in Windows-1252, the encoding Excel uses for "CSV (Comma delimited)" on Windows, 0x96 is "–"',
    );
    expect(p!.expected).toContain(SAVE_AS);
  });

  it('Latin-1: the same message, naming 0xE9 ("é")', async () => {
    const dir = copyFixture();
    weeklyWithDash(dir, latin1);
    const [p] = (await loadError(weeklyTokens, dir)).problems;
    expect(p).toMatchObject({ file: LABEL, line: 2, value: '0xE9' });
    expect(p!.expected).toContain('0xE9 is "é"');
  });

  it('UTF-16 with a byte order mark (little- and big-endian) and without one: one problem at line 1', async () => {
    for (const [encode, what] of [
      [(s: string) => utf16le(s, true), 'UTF-16 (little-endian, with a byte order mark)'],
      [utf16be, 'UTF-16 (big-endian, with a byte order mark)'],
      [(s: string) => utf16le(s, false), 'UTF-16 without a byte order mark'],
    ] as const) {
      const dir = copyFixture();
      weeklyWithDash(dir, encode);
      const err = await loadError(weeklyTokens, dir);
      expect(err.problems).toHaveLength(1);
      expect(err.problems[0]).toMatchObject({ file: LABEL, line: 1 });
      expect(err.problems[0]!.expected).toContain(`UTF-8 text, but the file is ${what}`);
      expect(err.problems[0]!.expected).toContain(SAVE_AS);
    }
  });

  it('accepts UTF-8 with a byte order mark and CRLF line ends, en dash and Chinese intact', async () => {
    const plain = copyFixture();
    weeklyWithDash(plain, (s) =>
      Buffer.from(s.replace('back–calculated', '上榜的 back–calculated')),
    );
    const saved = copyFixture();
    weeklyWithDash(saved, (s) =>
      Buffer.from(
        `\ufeff${s.replace('back–calculated', '上榜的 back–calculated').replaceAll('\n', '\r\n')}`,
      ),
    );
    const a = await loadRows(weeklyTokens, plain);
    const b = await loadRows(weeklyTokens, saved);
    expect(b.rows).toEqual(a.rows);
    expect(b.rows[0]!.row.note).toBe('上榜的 back–calculated for 2–8 Feb');
  });

  it('a multi-byte character split across two 64 KB reads is valid; a bad byte deep in a large file is on its line', async () => {
    const columns = { id: integer(), note: text({ optional: true }) };
    // Row i's note ends in "中" (3 bytes); pad so that one of them straddles the 65,536-byte edge.
    const head = 'id,note\n';
    const rows: string[] = [];
    let size = Buffer.byteLength(head);
    for (let i = 0; size < 65_536 - 40; i++) {
      const r = `${i},row ${i} ${'x'.repeat(20)}中\n`;
      rows.push(r);
      size += Buffer.byteLength(r);
    }
    const gap = 65_536 - size - Buffer.byteLength(`${rows.length},`) - 1; // "中" starts one byte before the edge
    rows.push(`${rows.length},${'y'.repeat(gap)}中\n`);
    for (let i = 0; i < 3000; i++) rows.push(`${rows.length},après 上榜\n`);
    const body = head + rows.join('');
    const at = Buffer.from(body).indexOf(Buffer.from('中', 'utf8'), 65_536 - 3);
    expect(at).toBeLessThan(65_536);
    expect(at + 3).toBeGreaterThan(65_536);
    const file = join(tempDir(), 'edge.csv');
    writeFileSync(file, body);
    const res = await readCsv({ file, columns, onRow: () => {} });
    expect(res.rows).toBe(rows.length);
    // Now a Latin-1 byte far past the first read, on a known line.
    const bad = Buffer.from(body);
    const line = rows.length - 10;
    const offset =
      bad.indexOf(Buffer.from(`\n${line - 2},après`)) + 1 + String(line - 2).length + 1 + 3; // the "è"'s first byte
    bad[offset] = 0xe8;
    writeFileSync(file, bad);
    const err = await dataError(
      readCsv({ file, label: 'data/edge.csv', columns, onRow: () => {} }),
    );
    expect(err.problems).toEqual([
      expect.objectContaining({ file: 'data/edge.csv', line, value: '0xE8' }),
    ]);
  });

  it('checks UTF-8 across any chunking exactly as a check of the whole file would', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => new Uint8Array(Buffer.from(s))),
      fc
        .tuple(
          fc.string({ unit: 'grapheme', maxLength: 10 }),
          fc.integer({ min: 0, max: 255 }),
          fc.nat(30),
        )
        .map(([s, b, i]) => {
          const buf = Buffer.from(s);
          if (buf.length > 0) buf[i % buf.length] = b;
          return new Uint8Array(buf);
        }),
    );
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(8), { maxLength: 10 }), (buf, cuts) => {
        const check = new Utf8Check();
        let pos = 0;
        let ok = true;
        for (const c of cuts) {
          if (!ok) break;
          ok = check.write(buf.subarray(pos, Math.min(buf.length, pos + c)));
          pos = Math.min(buf.length, pos + c);
        }
        if (ok) ok = check.write(buf.subarray(pos));
        if (ok) ok = check.end();
        expect(ok).toBe(isUtf8(buf));
        if (!ok) expect(check.badAt).toBe(firstInvalid(buf));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('empty files and header-only files', () => {
  it('a header with no rows is its own problem at line 2 (an emptied export), not a crash later', async () => {
    const dir = copyFixture();
    writeText(dir, WEEKLY, `${readText(dir, WEEKLY).split('\n')[0]}\n`);
    const err = await loadError(weeklyTokens, dir);
    expect(err.problems).toEqual([
      {
        file: LABEL,
        line: 2,
        expected: expect.stringMatching(
          /^at least one row of data after the header, but the file has only its header/,
        ),
      },
    ]);
  });
});

/** Sets one cell of the fixture's CSV (line is the physical line). */
function setCell(dir: string, file: string, line: number, column: string, value: string): void {
  const grid = Papa.parse<string[]>(readText(dir, file).trimEnd(), { delimiter: ',' }).data;
  grid[line - 1]![grid[0]!.indexOf(column)] = value;
  writeText(dir, file, `${Papa.unparse(grid, { newline: '\n' })}\n`);
}

describe('slips in number cells, each with its fix', () => {
  const cases: Array<[string, string, string, string, RegExp]> = [
    [
      WEEKLY,
      'wow_change_pct',
      '4,69',
      'decimal comma',
      /"4,69" has a decimal comma; write it with a decimal point: 4\.69$/,
    ],
    [
      WEEKLY,
      'tokens',
      '4,69',
      'decimal comma in a whole number',
      /"4,69" looks like 4\.69 written with a decimal comma, but this column holds whole numbers in plain units/,
    ],
    [
      WEEKLY,
      'tokens',
      '4.69T',
      'unit suffix',
      /"4\.69T" has a unit suffix \(T = trillion\); write the plain number 4690000000000$/,
    ],
    [
      WEEKLY,
      'tokens',
      '850B',
      'unit suffix',
      /"850B" has a unit suffix \(B = billion\); write the plain number 850000000000$/,
    ],
    [
      WEEKLY,
      'wow_change_pct',
      '12%',
      'per cent sign',
      /"12%" has a per cent sign; write 12 \(the column is in per cent, without the sign\)$/,
    ],
    [
      'model-prices.csv',
      'input_usd_per_mtok',
      '$0.30',
      'currency sign',
      /"\$0\.30" has a currency sign; write 0\.30 \(the column is in U\.S\. dollars, without the sign\)$/,
    ],
    [
      'model-prices.csv',
      'input_usd_per_mtok',
      ' 0.30',
      'spaces',
      /" 0\.30" has spaces around the number; write 0\.30$/,
    ],
  ];
  for (const [file, column, value, what, message] of cases) {
    it(`${what}: ${column} "${value}"`, async () => {
      const dir = copyFixture();
      setCell(dir, file, 3, column, value);
      const err = await loadError(file === WEEKLY ? weeklyTokens : modelPrices, dir);
      expect(err.problems).toHaveLength(1);
      expect(err.problems[0]).toMatchObject({
        file: `data/${file}`,
        line: 3,
        field: column,
        value,
      });
      expect(err.problems[0]!.expected).toMatch(message);
    });
  }
});
