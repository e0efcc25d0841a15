/**
 * The row checks beyond column types (checks.ts): capture order, key uniqueness, references,
 * and the order in which one row's problems are listed. The capture check passes or fails a row
 * on a fast path and re-checks a failing one to say why, so these pin the problems it reports.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rowCheck } from '../../src/pipeline/checks.ts';
import {
  date,
  integer,
  slug,
  slugList,
  text,
  type Columns,
  type RowOf,
} from '../../src/pipeline/columns.ts';
import type { DatasetSpec } from '../../src/pipeline/datasets.ts';
import { readCsv } from '../../src/pipeline/read-csv.ts';
import { cleanup, dataError, tempDir } from './helpers.ts';

afterEach(cleanup);

const captureCols = {
  fetched_at_utc: text(),
  rank: integer({ min: 1 }),
  author: slug(),
  note: text({ optional: true }),
} satisfies Columns;
const capture: DatasetSpec<typeof captureCols> = {
  name: 'capture-test',
  file: 'c.csv',
  columns: captureCols,
  key: ['fetched_at_utc', 'rank'],
  ordered: { time: 'fetched_at_utc', rank: 'rank' },
  refs: { author: 'labs' },
  check: (r) =>
    r.note === 'bad' ? { field: 'note', value: 'bad', expected: 'a good note' } : undefined,
};
const known = { labs: new Set(['openai', 'qwen']), sources: new Set(['s1', 's2']) };
const row = (
  t: string,
  rank: number,
  author = 'qwen',
  note: string | null = null,
): RowOf<typeof captureCols> => ({ fetched_at_utc: t, rank, author, note });

describe('capture rows: key order and references', () => {
  it('passes rows in time-then-rank order without reporting anything', () => {
    const check = rowCheck(capture, known);
    const rows = [row('T1', 1), row('T1', 2), row('T1', 9), row('T2', 1), row('T3', 1, 'openai')];
    expect(rows.map(check)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('reports a rank out of order, a repeated key and an earlier time, each against the row before', () => {
    const check = rowCheck(capture, known);
    check(row('T2', 3));
    expect(check(row('T2', 2))).toEqual([
      {
        field: 'fetched_at_utc+rank',
        value: 'T2 #2',
        expected: 'rows in capture-time then rank order (after T2 #3)',
      },
    ]);
    expect(check(row('T2', 2))).toEqual([
      {
        field: 'fetched_at_utc+rank',
        value: 'T2 #2',
        expected: 'no duplicate of capture T2 rank 2 (each key once)',
      },
    ]);
    expect(check(row('T1', 5))).toEqual([
      {
        field: 'fetched_at_utc+rank',
        value: 'T1 #5',
        expected: 'rows in capture-time then rank order (after T2 #2)',
      },
    ]);
    expect(check(row('T1', 6))).toBeUndefined(); // compared with the failing row, as the file reads
  });

  it("lists one row's problems as: its own check, then the order, then the references", () => {
    const check = rowCheck(capture, known);
    check(row('T5', 1));
    expect(check(row('T4', 1, 'mystery-lab', 'bad'))).toEqual([
      { field: 'note', value: 'bad', expected: 'a good note' },
      {
        field: 'fetched_at_utc+rank',
        value: 'T4 #1',
        expected: 'rows in capture-time then rank order (after T5 #1)',
      },
      { field: 'author', value: 'mystery-lab', expected: 'a lab slug listed in data/labs.csv' },
    ]);
  });

  it('skips a reference check whose target was not read (its own problems are reported there)', () => {
    const check = rowCheck(capture, {});
    expect(check(row('T1', 1, 'mystery-lab'))).toBeUndefined();
  });
});

describe('reference tables: unique keys and list references', () => {
  const cols = {
    id: slug(),
    published: date({ optional: true }),
    lab: slug({ optional: true }),
    source_ids: slugList(),
  } satisfies Columns;
  const table: DatasetSpec<typeof cols> = {
    name: 'table-test',
    file: 't.csv',
    columns: cols,
    key: ['id'],
    refs: { lab: 'labs', source_ids: 'sources' },
    check: (r) =>
      r.published === null ? { field: 'published', value: '', expected: 'a date' } : undefined,
  };
  const r = (
    id: string,
    lab: string | null,
    sources: string[],
    published: string | null = '2026-01-01',
  ) => ({ id, published, lab, source_ids: sources });

  it('reports each unknown id of a list separately, and accepts an empty optional reference', () => {
    const check = rowCheck(table, known);
    expect(check(r('a', null, ['s1', 's2']))).toBeUndefined();
    expect(check(r('b', 'qwen', ['s1', 'nope', 'gone']))).toEqual([
      { field: 'source_ids', value: 'nope', expected: 'a source id listed in data/sources.csv' },
      { field: 'source_ids', value: 'gone', expected: 'a source id listed in data/sources.csv' },
    ]);
  });

  it("lists a repeated key after the row's own check and before its references", () => {
    const check = rowCheck(table, known);
    check(r('a', 'qwen', ['s1']));
    expect(check(r('a', 'unknown', ['s1'], null))).toEqual([
      { field: 'published', value: '', expected: 'a date' },
      { field: 'id', value: 'a', expected: 'a unique id (this one appears earlier in the file)' },
      { field: 'lab', value: 'unknown', expected: 'a lab slug listed in data/labs.csv' },
    ]);
  });
});

describe('a file that changes while it is read', () => {
  it('is reported (nothing built from half-old, half-new bytes), not read to a mixed result', async () => {
    const file = join(tempDir(), 'moving.csv');
    writeFileSync(
      file,
      `id,note\n${Array.from({ length: 2000 }, (_, i) => `${i},n${i}`).join('\n')}\n`,
    );
    let appended = false;
    const err = await dataError(
      readCsv({
        file,
        label: 'data/moving.csv',
        columns: { id: integer(), note: text() },
        onRow: () => {
          if (appended) return;
          appended = true;
          appendFileSync(file, '2000,late\n'); // an editor saving over the file mid-build
        },
      }),
    );
    expect(err.problems).toEqual([
      {
        file: 'data/moving.csv',
        expected: expect.stringMatching(/stay the same while it is read.*run the command again/),
      },
    ]);
  });
});
