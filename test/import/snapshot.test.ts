/**
 * Rankings-page snapshots -> data/captures/*.csv: a download from anywhere, an empty capture,
 * a section that cannot be written (reported with file and field, the rest written), the
 * quality gate's verdicts in the import report, and one test per kind of bad file.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { importFiles } from '../../src/import/run.ts';
import {
  cleanup,
  emptyDataDir,
  fingerprint,
  importError,
  outside,
  PAGE_RAW,
  readJsonFile,
  tempDir,
  write,
} from './helpers.ts';

afterEach(cleanup);

type Snap = Record<string, unknown> & { meta: Record<string, unknown> };
const raw = (date: string) => join(PAGE_RAW, date, 'rankings.json');
const snap = (date: string) => readJsonFile(raw(date)) as Snap;
const saved = (v: unknown, name = 'rankings.json') =>
  write(join(tempDir('import-downloads-'), name), `${JSON.stringify(v, null, 2)}\n`);
const table = (dir: string, file: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(dir, file), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;

/** A data folder with every capture imported except `but` (the history the gate needs). */
async function withHistory(but: string[] = []): Promise<string> {
  const dir = emptyDataDir();
  const { readdirSync } = await import('node:fs');
  const dates = readdirSync(PAGE_RAW).filter((d) => !but.includes(d));
  await importFiles({ dataDir: dir, paths: outside(dates.map(raw)) });
  return dir;
}

// One data folder with every capture, for the bad-file tests (each leaves it unchanged).
let history: string;
let historyRoot: string;
beforeAll(async () => {
  historyRoot = mkdtempSync(join(tmpdir(), 'import-history-'));
  history = join(historyRoot, 'data');
  cpSync(emptyDataDir(), history, { recursive: true });
  const { readdirSync } = await import('node:fs');
  await importFiles({ dataDir: history, paths: outside(readdirSync(PAGE_RAW).map(raw)) });
});
afterAll(() => rmSync(historyRoot, { recursive: true, force: true }));

describe('importing rankings-page snapshots', () => {
  it('writes each kept section of a download under its own name and copies the file into data/raw by its capture date', async () => {
    const dir = await withHistory(['2026-04-22']);
    const [file] = outside([raw('2026-04-22')], ['my-download.json']);
    const r = await importFiles({ dataDir: dir, paths: [file!] });
    const f = r.files[0]!;
    expect(f).toMatchObject({
      format: 'rankings-page-snapshot',
      dates: ['2026-04-22'],
      copied: true,
      rawFile: 'data/raw/openrouter-rankings-page/2026-04-22/rankings.json',
    });
    expect(f.datasets['captures-models']).toEqual({
      added: 9,
      unchanged: 0,
      restated: 0,
      setAside: 0,
    });
    expect(f.datasets['captures-apps']).toEqual({
      added: 20,
      unchanged: 0,
      restated: 0,
      setAside: 0,
    });
    expect(f.datasets['captures-files']).toMatchObject({ added: 1 });
    expect(r.report).toContain(
      '  quality gate: good: market_share, models, tool_calls, apps, benchmarks, fastest',
    );
    const models = table(dir, 'captures/models.csv').filter(
      (x) => x.snapshot_date === '2026-04-22',
    );
    expect(models.map((x) => x.rank)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(models[0]).toMatchObject({
      fetched_at_utc: snap('2026-04-22').meta.fetched_at,
      source_file: 'data/2026-04-22/rankings.json',
    });
    expect(
      readFileSync(join(dir, 'raw/openrouter-rankings-page/2026-04-22/rankings.json')),
    ).toEqual(readFileSync(raw('2026-04-22')));
  });

  it('lists an empty capture as empty in files.csv, with every section judged empty', async () => {
    const dir = emptyDataDir();
    const r = await importFiles({ dataDir: dir, paths: outside([raw('2026-05-17')]) });
    const [row] = table(dir, 'captures/files.csv');
    expect(row).toMatchObject({
      snapshot_date: '2026-05-17',
      status: 'empty',
      market_share: '0',
      models: '0',
      tool_calls: '0',
      apps: '0',
      benchmarks: '0',
      fastest: '0',
      not_written: '',
    });
    expect(r.files[0]!.verdicts!.map((v) => v.verdict)).toEqual(Array(6).fill('empty'));
    expect(r.report.join('\n')).toMatch(
      /an empty capture .*listed in data\/captures\/files.csv as empty/,
    );
  });

  it('reports the gate verdicts of a section that holds another panel (the real 29 April capture)', async () => {
    const dir = await withHistory(['2026-04-29']);
    const r = await importFiles({ dataDir: dir, paths: outside([raw('2026-04-29')]) });
    const text = r.report.join('\n');
    expect(text).toContain(
      'quality gate: good: market_share, apps, benchmarks, fastest; set aside: models, tool_calls',
    );
    expect(text).toMatch(
      /set aside: tool_calls on 2026-04-29: values are token counts \(2\.3e12\), not tool-call counts \(this section's captures run 4\.9e6\.\.4\.4e8\)/,
    );
    expect(text).toMatch(
      /set aside: models on 2026-04-29: values sum to 2\.1e8, 4\.\d decades below the token counts of this section/,
    );
    expect(r.files[0]!.datasets['captures-tool-calls']).toEqual({
      added: 9,
      unchanged: 0,
      restated: 0,
      setAside: 9,
    });
    // the rows are written all the same: the CSV is the record of what the capture holds
    expect(
      table(dir, 'captures/tool-calls.csv').filter((x) => x.snapshot_date === '2026-04-29'),
    ).toHaveLength(9);
  });
});

describe('a section that cannot be written', () => {
  it('a count that is not a whole number: that section is left out and reported with file and field; the others are written', async () => {
    const dir = await withHistory(['2026-04-22']);
    const s = snap('2026-04-22');
    (s.tool_calls as Array<Record<string, unknown>>)[2]!.calls = 1234.5;
    const file = saved(s);
    const r = await importFiles({ dataDir: dir, paths: [file] });
    expect(r.files[0]!.notWritten).toEqual([
      {
        section: 'tool_calls',
        field: 'tool_calls[2].calls',
        reason: 'tool_calls[2].calls got 1234.5; expected a whole number (a count)',
      },
    ]);
    expect(r.report).toContain(
      `  not written: tool_calls (${file}, field tool_calls[2].calls): tool_calls[2].calls got 1234.5; expected a whole number (a count)`,
    );
    expect(
      table(dir, 'captures/tool-calls.csv').some((x) => x.snapshot_date === '2026-04-22'),
    ).toBe(false);
    expect(
      table(dir, 'captures/models.csv').filter((x) => x.snapshot_date === '2026-04-22'),
    ).toHaveLength(9);
    const row = table(dir, 'captures/files.csv').find((x) => x.snapshot_date === '2026-04-22')!;
    expect(row).toMatchObject({
      status: 'captured',
      tool_calls: '0',
      models: '9',
      not_written: 'tool_calls: tool_calls[2].calls got 1234.5; expected a whole number (a count)',
    });
    const v = r.files[0]!.verdicts!.find((x) => x.section === 'tool_calls')!;
    expect(v).toMatchObject({
      verdict: 'set-aside',
      reasons: [
        'tool_calls on 2026-04-22: not written by the import (tool_calls[2].calls got 1234.5; expected a whole number (a count))',
      ],
    });
  });

  it('a missing value column: the section is left out, naming the field', async () => {
    const dir = await withHistory(['2026-04-22']);
    const s = snap('2026-04-22');
    for (const row of s.market_share as Array<Record<string, unknown>>) delete row.tokens;
    const r = await importFiles({ dataDir: dir, paths: [saved(s)] });
    expect(r.files[0]!.notWritten).toEqual([
      {
        section: 'market_share',
        field: 'market_share[0].tokens',
        reason: 'market_share[0].tokens is missing; expected a whole number (a count)',
      },
    ]);
    expect(
      table(dir, 'captures/market-share.csv').some((x) => x.snapshot_date === '2026-04-22'),
    ).toBe(false);
  });
});

describe('bad snapshot files: one clear error each, data folder byte-identical', () => {
  async function rejects(bad: string, match: { field?: string; expected: RegExp }) {
    const before = fingerprint(history);
    const err = await importError(importFiles({ dataDir: history, paths: [bad] }));
    expect(fingerprint(history)).toEqual(before);
    expect(err.problems).toHaveLength(1);
    const [p] = err.problems;
    expect(p!.file).toBe(bad);
    if (match.field) expect(p!.field).toBe(match.field);
    expect(p!.expected).toMatch(match.expected);
    return p!;
  }

  it('malformed JSON', async () => {
    const text = readFileSync(raw('2026-04-22'), 'utf8').replace('"rank": 3,', '"rank": 3,,');
    const p = await rejects(write(join(tempDir(), 'bad.json'), text), {
      expected: /^valid JSON \(/,
    });
    expect(p.line).toBeGreaterThan(1);
  });

  it('a truncated file', async () => {
    const bytes = readFileSync(raw('2026-04-22'));
    await rejects(
      write(join(tempDir(), 'cut.json'), bytes.subarray(0, Math.floor(bytes.length / 2))),
      { expected: /ends part-way through/ },
    );
  });

  it('a missing field: the capture time', async () => {
    const s = snap('2026-04-22');
    delete s.meta.fetched_at;
    await rejects(saved(s), {
      field: 'meta.fetched_at',
      expected: /the capture time as an ISO 8601 time/,
    });
  });

  it('a section that is not a list', async () => {
    const s = snap('2026-04-22');
    s.models = { rank: 1 };
    await rejects(saved(s), { field: 'models', expected: /an array of rows/ });
  });

  it('an unknown format', async () => {
    await rejects(saved({ meta: { generated: '2026-04-22' }, rows: [] }), {
      expected: /a format this importer knows/,
    });
  });

  it('an author that labs.csv does not classify', async () => {
    const s = snap('2026-04-22');
    (s.market_share as Array<Record<string, unknown>>)[0]!.author = 'newlab';
    await rejects(saved(s), { field: 'market_share[].author', expected: /add a row for "newlab"/ });
  });
});
