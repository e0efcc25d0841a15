/**
 * Data API rankings-daily responses -> data/api-daily-tokens.csv: the real saved responses,
 * overlapping windows, a response without meta, restatements, copies into data/raw, and one
 * test per kind of bad file (each leaves the data folder byte-identical).
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/run.ts';
import { buildData } from '../../src/pipeline/run.ts';
import {
  API_RAW,
  cleanup,
  DATA,
  emptyDataDir,
  fingerprint,
  importError,
  outside,
  readJsonFile,
  tempDir,
  write,
} from './helpers.ts';

afterEach(cleanup);

const FIXTURE = fileURLToPath(new URL('../fixtures/data-min', import.meta.url));

const responses = () =>
  readdirSync(API_RAW)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(API_RAW, f));
/** The responses saved up to 22 June 2026 (2026-05-20..06-22), before the later windows. */
const juneResponses = () =>
  responses().filter((f) => f.endsWith('.json') && f.slice(-15) <= '2026-06-22.json');
const csv = (dir: string) => readFileSync(join(dir, 'api-daily-tokens.csv'), 'utf8');
const lines = (dir: string) =>
  csv(dir)
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

/** A copy of the 22 June response, edited, saved outside any data folder. */
function edited(
  edit: (r: { data: Array<Record<string, unknown>>; meta?: Record<string, unknown> }) => void,
  name = 'edited.json',
): string {
  const r = readJsonFile(join(API_RAW, '2026-06-22.json')) as {
    data: Array<Record<string, unknown>>;
    meta?: Record<string, unknown>;
  };
  edit(r);
  return write(join(tempDir('import-downloads-'), name), `${JSON.stringify(r, null, 2)}\n`);
}

describe('importing the saved Data API responses', () => {
  it('reproduces data/api-daily-tokens.csv byte for byte from data/raw', async () => {
    const dir = emptyDataDir();
    const r = await importFiles({ dataDir: dir, paths: outside(responses()) });
    expect(csv(dir)).toBe(readFileSync(join(DATA, 'api-daily-tokens.csv'), 'utf8'));
    expect(r.datasets).toEqual([
      expect.objectContaining({
        dataset: 'api-daily-tokens',
        before: 0,
        after: 5865,
        added: 5865,
        restated: 0,
        setAside: 0,
      }),
    ]);
    // 2026-05-20 to 2026-09-11: 12 + 30 + 31 + 31 + 11 days, none missing
    expect(r.daysAdded).toHaveLength(115);
    expect(r.daysAdded[0]).toBe('2026-05-20');
    expect(r.daysAdded.at(-1)).toBe('2026-09-11');
    expect(r.outcome).toBe('changed');
  });

  it('gives each day its top 50 in the API order with ranks 1..50, then "other" with no rank or author', async () => {
    const dir = emptyDataDir();
    await importFiles({ dataDir: dir, paths: outside(responses()) });
    const rows = lines(dir);
    const day = rows.filter((r) => r[0] === '2026-06-01');
    expect(day).toHaveLength(51);
    expect(day.slice(0, 50).map((r) => r[1])).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i + 1)),
    );
    expect(day[50]!.slice(1, 4)).toEqual(['', 'other', '']);
    for (const r of day.slice(0, 50)) expect(r[3]).toBe(r[2]!.split('/')[0]);
    // the latest response that covers a day supplies it, with its as_of, file and hash
    const raw = readFileSync(join(API_RAW, '2026-06-22.json'));
    // (24-31 May: no later response covers these days)
    const fromLatest = rows.filter((r) => r[0]! >= '2026-05-24' && r[0]! <= '2026-05-31');
    expect(new Set(fromLatest.map((r) => `${r[5]} ${r[6]}`))).toEqual(
      new Set([
        '2026-06-23T07:46:09.570Z data/raw/openrouter-data-api/rankings-daily/2026-06-22.json',
      ]),
    );
    expect(fromLatest[0]![7]).toBe(createHash('sha256').update(raw).digest('hex'));
  });

  it('gives the same CSV whatever order the files come in', async () => {
    const a = emptyDataDir();
    const b = emptyDataDir();
    await importFiles({ dataDir: a, paths: outside(responses()) });
    await importFiles({ dataDir: b, paths: outside([...responses()].reverse()) });
    expect(csv(b)).toBe(csv(a));
  });

  it('imports the response without meta with its as_of unknown (empty), and says so', async () => {
    const dir = emptyDataDir();
    const [file] = outside([join(API_RAW, '2026-06-14.json')]);
    const r = await importFiles({ dataDir: dir, paths: [file!] });
    const rows = lines(dir);
    expect(rows).toHaveLength(51);
    expect(rows.every((x) => x[0] === '2026-06-14' && x[5] === '')).toBe(true);
    expect(r.files[0]!.asOf).toBeNull();
    expect(r.report.join('\n')).toMatch(/as_of unknown/);
    // a response with a known as_of then replaces it; the values agree, so nothing is restated
    const later = await importFiles({
      dataDir: dir,
      paths: outside([join(API_RAW, '2026-06-18.json')]),
    });
    expect(later.restatements).toEqual([]);
    expect(
      lines(dir)
        .filter((x) => x[0] === '2026-06-14')
        .every((x) => x[5] === '2026-06-19T08:20:44.552Z'),
    ).toBe(true);
  });

  it('is idempotent: importing the same files again changes no byte in the data folder', async () => {
    const dir = emptyDataDir();
    const files = outside(responses());
    await importFiles({ dataDir: dir, paths: files });
    const before = fingerprint(dir);
    const again = await importFiles({ dataDir: dir, paths: files });
    expect(fingerprint(dir)).toEqual(before);
    expect(again.outcome).toBe('unchanged');
    expect(again.written).toEqual([]);
    expect(again.datasets[0]).toMatchObject({ added: 0, restated: 0, unchanged: 5865 });
    // and importing the kept copies in data/raw is the same as importing the downloads
    const third = await importFiles({ dataDir: dir, paths: [join(dir, 'raw')] });
    expect(third.outcome).toBe('unchanged');
    expect(fingerprint(dir)).toEqual(before);
  });

  it('copies a download into data/raw under its window end date, and never overwrites a different response', async () => {
    const dir = emptyDataDir();
    const r = await importFiles({
      dataDir: dir,
      paths: outside([join(API_RAW, '2026-06-22.json')], ['whatever-name.json']),
    });
    expect(r.files[0]).toMatchObject({
      copied: true,
      rawFile: 'data/raw/openrouter-data-api/rankings-daily/2026-06-22.json',
    });
    expect(
      readFileSync(join(dir, 'raw/openrouter-data-api/rankings-daily/2026-06-22.json')),
    ).toEqual(readFileSync(join(API_RAW, '2026-06-22.json')));
    // a different response for the same window (a later as_of) gets its own name
    const restated = edited((x) => {
      x.meta!.as_of = '2026-06-24T09:00:00.000Z';
    });
    const r2 = await importFiles({ dataDir: dir, paths: [restated] });
    expect(r2.files[0]!.rawFile).toBe(
      'data/raw/openrouter-data-api/rankings-daily/2026-06-22.as-of-20260624T090000Z.json',
    );
    expect(
      readFileSync(join(dir, 'raw/openrouter-data-api/rankings-daily/2026-06-22.json')),
    ).toEqual(readFileSync(join(API_RAW, '2026-06-22.json')));
  });
});

describe('restatements', () => {
  const slugOn = (r: { data: Array<Record<string, unknown>> }, date: string) =>
    r.data.find((x) => x.date === date && x.model_permaslug !== 'other')!;

  it('replaces a day from a later as_of and lists each changed figure: date, permaslug, before -> after, as_of', async () => {
    const dir = emptyDataDir();
    await importFiles({ dataDir: dir, paths: outside(juneResponses()) });
    let slug = '';
    let was = '';
    const later = edited((x) => {
      x.meta!.as_of = '2026-06-24T09:00:00.000Z';
      const row = slugOn(x, '2026-06-20');
      slug = String(row.model_permaslug);
      was = String(row.total_tokens);
      row.total_tokens = String(Number(was) + 1_000_000);
    });
    const r = await importFiles({ dataDir: dir, paths: [later] });
    expect(r.restatements).toEqual([
      {
        date: '2026-06-20',
        model_permaslug: slug,
        before: was,
        after: String(Number(was) + 1_000_000),
        as_of_before: '2026-06-23T07:46:09.570Z',
        as_of_after: '2026-06-24T09:00:00.000Z',
      },
    ]);
    expect(r.datasets[0]).toMatchObject({ added: 0, restated: 1, unchanged: 1733, setAside: 0 });
    expect(r.report.join('\n')).toContain(
      `restated 2026-06-20 ${slug}: ${was} -> ${Number(was) + 1_000_000} (as_of 2026-06-23T07:46:09.570Z -> 2026-06-24T09:00:00.000Z)`,
    );
    expect(lines(dir).find((x) => x[0] === '2026-06-20' && x[2] === slug)![4]).toBe(
      String(Number(was) + 1_000_000),
    );

    // An older response imported afterwards does not win: its rows are set aside.
    const older = await importFiles({
      dataDir: dir,
      paths: [join(dir, 'raw/openrouter-data-api/rankings-daily/2026-06-22.json')],
    });
    expect(older.outcome).toBe('unchanged');
    expect(older.files[0]!.datasets['api-daily-tokens']).toMatchObject({ setAside: 51 });
    expect(older.report.join('\n')).toMatch(
      /2026-06-20: kept the later figures of .*as_of 2026-06-24T09:00:00.000Z/,
    );
  });

  it('lists a restated figure in the change report of npm run data', async () => {
    const dataDir = join(tempDir(), 'data');
    cpSync(FIXTURE, dataDir, { recursive: true });
    const outDir = join(tempDir(), 'generated');
    await buildData({ dataDir, outDir });
    const file = join(dataDir, 'api-daily-tokens.csv');
    const text = readFileSync(file, 'utf8');
    write(
      file,
      text.replace(
        '2026-06-01,1,minimax/minimax-m3-20260531,minimax,600000000000,2026-06-03T08:00:00.000Z',
        '2026-06-01,1,minimax/minimax-m3-20260531,minimax,610000000000,2026-06-04T08:00:00.000Z',
      ),
    );
    const { report } = await buildData({ dataDir, outDir });
    expect(report).toContain(
      '    restated 2026-06-01 minimax/minimax-m3-20260531: 600000000000 -> 610000000000 (as_of 2026-06-03T08:00:00.000Z -> 2026-06-04T08:00:00.000Z)',
    );
  });
});

describe('bad Data API files: one clear error each, data folder byte-identical', () => {
  /** Imports the real responses, then the bad file; expects one problem naming file and field. */
  async function rejects(bad: string, match: { field?: string; expected: RegExp; line?: number }) {
    const dir = emptyDataDir();
    await importFiles({ dataDir: dir, paths: outside(responses()) });
    const before = fingerprint(dir);
    const err = await importError(importFiles({ dataDir: dir, paths: [bad], cwd: tempDir() }));
    expect(fingerprint(dir)).toEqual(before);
    expect(err.problems).toHaveLength(1);
    const [p] = err.problems;
    expect(p!.file).toBe(bad);
    if (match.field) expect(p!.field).toBe(match.field);
    if (match.line) expect(p!.line).toBe(match.line);
    expect(p!.expected).toMatch(match.expected);
    expect(err.message).toContain(bad);
    return p!;
  }

  it('malformed JSON: says where (line and column) and what', async () => {
    const text = readFileSync(join(API_RAW, '2026-06-22.json'), 'utf8').replace(
      '"total_tokens": "',
      '"total_tokens": x"',
    );
    const p = await rejects(write(join(tempDir(), 'bad.json'), text), {
      expected: /valid JSON \(Unexpected token/,
    });
    expect(p.line).toBe(6);
  });

  it('a truncated file: says it ends part-way through, a cut-off download', async () => {
    const bytes = readFileSync(join(API_RAW, '2026-06-22.json'));
    await rejects(write(join(tempDir(), 'cut.json'), bytes.subarray(0, 5000)), {
      expected: /ends part-way through \(5000 bytes; a cut-off download\?\)/,
    });
  });

  it('a missing field: names the row and the field', async () => {
    const bad = edited((x) => {
      delete x.data[7]!.total_tokens;
    });
    await rejects(bad, {
      field: 'data[7].total_tokens',
      expected: /a whole number of tokens written as a string of digits/,
    });
  });

  it('a token count that is not an integer string: "12.5", or a bare number', async () => {
    const decimal = edited((x) => {
      x.data[3]!.total_tokens = '1234.5';
    });
    const p = await rejects(decimal, {
      field: 'data[3].total_tokens',
      expected: /string of digits/,
    });
    expect(p.value).toBe('"1234.5"');
    const number = edited((x) => {
      x.data[4]!.total_tokens = 123;
    });
    await rejects(number, { field: 'data[4].total_tokens', expected: /got a JSON number/ });
  });

  it('an unknown format: says which formats it knows', async () => {
    const bad = write(
      join(tempDir(), 'other.json'),
      JSON.stringify({ results: [{ model: 'x', tokens: 1 }] }),
    );
    await rejects(bad, {
      expected:
        /a format this importer knows: an OpenRouter rankings-page snapshot .* or an OpenRouter Data API rankings-daily response/,
    });
  });

  it('a file that is not JSON at all', async () => {
    const bad = write(join(tempDir(), 'tokens.csv'), 'date,tokens\n2026-06-01,5\n');
    await rejects(bad, { expected: /this file is not JSON/ });
  });

  it('an author that labs.csv does not classify: asks for a labs.csv row first', async () => {
    const bad = edited((x) => {
      x.data[0]!.model_permaslug = 'newlab/new-model-20260601';
    });
    await rejects(bad, {
      field: 'model_permaslug',
      expected: /an author listed in data\/labs\.csv: add a row for "newlab"/,
    });
  });

  it('lists every problem of every bad file at once, and imports none of the good ones', async () => {
    const dir = emptyDataDir();
    const before = fingerprint(dir);
    const a = edited((x) => {
      x.data[1]!.total_tokens = '-5';
      x.data[2]!.date = '2026-02-30';
    });
    const b = write(join(tempDir(), 'cut.json'), '{"data": [');
    const err = await importError(
      importFiles({ dataDir: dir, paths: [...outside(responses()), a, b] }),
    );
    expect(err.problems.map((p) => [p.file, p.field])).toEqual([
      [a, 'data[1].total_tokens'],
      [a, 'data[2].date'],
      [b, undefined],
    ]);
    expect(fingerprint(dir)).toEqual(before);
  });
});
