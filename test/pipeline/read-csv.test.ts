/** readCsv on files larger than one stream chunk: line numbers stay exact across chunk edges. */
import Papa from 'papaparse';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { integer, text } from '../../src/pipeline/columns.ts';
import { readCsv } from '../../src/pipeline/read-csv.ts';
import { cleanup, dataError, tempDir } from './helpers.ts';

afterEach(cleanup);

const columns = { id: integer(), note: text({ optional: true }) };

/** ~1.5 MB: 20,000 rows whose notes hold 0-3 line breaks, so rows straddle 64 KB chunk edges. */
function bigRows(): string[][] {
  return Array.from({ length: 20_000 }, (_, i) => [
    String(i),
    Array.from({ length: i % 4 }, (_, k) => `row ${i}, part ${k} ${'x'.repeat(i % 37)}`).join('\n'),
  ]);
}
function expectedLines(rows: string[][]): number[] {
  let line = 2;
  return rows.map((r) => {
    const at = line;
    line += 1 + (r[1]!.match(/\n/g)?.length ?? 0);
    return at;
  });
}

describe('readCsv across stream chunks', () => {
  it('gives every row of a multi-chunk file its exact starting line', async () => {
    const rows = bigRows();
    const file = join(tempDir(), 'big.csv');
    writeFileSync(
      file,
      `${Papa.unparse({ fields: ['id', 'note'], data: rows }, { newline: '\n' })}\n`,
    );
    const lines: number[] = [];
    const ids: number[] = [];
    const res = await readCsv({
      file,
      columns,
      onRow: (r, line) => {
        ids.push(r.id);
        lines.push(line);
      },
    });
    expect(res.bytes).toBeGreaterThan(1_000_000);
    expect(res.rows).toBe(rows.length);
    expect(ids).toEqual(rows.map((_, i) => i));
    expect(lines).toEqual(expectedLines(rows));
  });

  it('reports a bad row deep in a multi-chunk file at its physical line', async () => {
    const rows = bigRows();
    rows[17_777]![0] = '17,777';
    const file = join(tempDir(), 'big-bad.csv');
    writeFileSync(
      file,
      `${Papa.unparse({ fields: ['id', 'note'], data: rows }, { newline: '\r\n' })}\r\n`,
    );
    const err = await dataError(readCsv({ file, label: 'data/big.csv', columns, onRow: () => {} }));
    expect(err.problems).toEqual([
      {
        file: 'data/big.csv',
        line: expectedLines(rows)[17_777],
        column: 1,
        field: 'id',
        value: '17,777',
        expected: columns.id.expected,
      },
    ]);
  });

  it('reports an unterminated quote deep in a multi-chunk file at the line where it opens', async () => {
    const rows = bigRows().slice(0, 15_000);
    const body = Papa.unparse({ fields: ['id', 'note'], data: rows }, { newline: '\n' });
    const file = join(tempDir(), 'big-quote.csv');
    const openAt = expectedLines(rows).at(-1)! + 1 + (rows.at(-1)![1]!.match(/\n/g)?.length ?? 0);
    writeFileSync(file, `${body}\n15000,"never closed\nmore text\n15001,ok\n`);
    const err = await dataError(readCsv({ file, label: 'data/q.csv', columns, onRow: () => {} }));
    const quote = err.problems.find((p) => /closing double quote/.test(p.expected));
    expect(quote).toMatchObject({ file: 'data/q.csv', line: openAt });
    expect(err.problems.every((p) => p.line === openAt)).toBe(true);
  });

  it('counts line breaks of a quoted field that first appears after many quote-free chunks', async () => {
    // The first ~1 MB has no quote, so rows are taken as one line each until the first quote.
    const rows: string[][] = Array.from({ length: 12_000 }, (_, i) => [
      String(i),
      `plain note ${i}-${'y'.repeat(i % 50)}`,
    ]);
    rows[11_000]![1] = 'now a "quoted"\nnote\non three lines';
    rows[11_500]![1] = 'and another\n';
    const file = join(tempDir(), 'late-quote.csv');
    writeFileSync(
      file,
      `${Papa.unparse({ fields: ['id', 'note'], data: rows }, { newline: '\n' })}\n`,
    );
    expect(readFileSync(file, 'utf8').indexOf('"')).toBeGreaterThan(65_536 * 4);
    const lines: number[] = [];
    const notes: Array<string | null> = [];
    await readCsv({
      file,
      columns,
      onRow: (r, line) => {
        lines.push(line);
        notes.push(r.note);
      },
    });
    expect(lines).toEqual(expectedLines(rows));
    expect(notes[11_000]).toBe('now a "quoted"\nnote\non three lines');
    expect(lines.at(-1)).toBe(rows.length + 1 + 3);
  });

  it('counts a lone LF inside an unquoted field of a CRLF file as a line break', async () => {
    const file = join(tempDir(), 'crlf-lf.csv');
    writeFileSync(file, 'id,note\r\n1,one\r\n2,two\nhalves\r\n3,three\r\n');
    const got: Array<[number, string | null]> = [];
    await readCsv({ file, columns, onRow: (r, line) => got.push([line, r.note]) });
    expect(got).toEqual([
      [2, 'one'],
      [3, 'two\nhalves'],
      [5, 'three'],
    ]);
  });

  it("hashes the file's exact bytes (a byte order mark and multi-byte characters included)", async () => {
    const file = join(tempDir(), 'utf8.csv');
    const bytes = Buffer.from('\ufeffid,note\n1,café – 上榜的 🙂\n');
    writeFileSync(file, bytes);
    const res = await readCsv({ file, columns, onRow: () => {} });
    expect(res.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(res.bytes).toBe(bytes.length);
  });
});
