/**
 * The CSVs in data/ are provably derived from data/raw: importing data/raw into an empty data
 * folder reproduces every dataset the importer writes, byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/run.ts';
import { filesUnder } from '../../src/import/raw-store.ts';
import { cleanup, DATA, emptyDataDir, fingerprint, tempDir, write } from './helpers.ts';

afterEach(cleanup);

const IMPORTED = [
  'api-daily-tokens.csv',
  'captures/apps.csv',
  'captures/benchmarks.csv',
  'captures/fastest.csv',
  'captures/files.csv',
  'captures/market-share.csv',
  'captures/models.csv',
  'captures/tool-calls.csv',
];

describe('npm run import -- data/raw, into an empty data folder', () => {
  it('reproduces every committed CSV it writes, byte for byte, and copies every raw file unchanged', async () => {
    const dir = emptyDataDir();
    const r = await importFiles({ dataDir: dir, paths: [join(DATA, 'raw')] });
    const csvs = filesUnder(dir)
      .map((f) => relative(dir, f))
      .filter((f) => f.endsWith('.csv') && f !== 'labs.csv' && f !== 'sources.csv');
    expect(csvs.sort()).toEqual(IMPORTED);
    for (const f of IMPORTED)
      expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(DATA, f), 'utf8'));
    const raw = fingerprint(join(dir, 'raw'));
    const committed = fingerprint(join(DATA, 'raw'));
    delete committed['README.md'];
    // The models-API extract and its price table are kept for the record, not imported
    // (data/api-model-prices.csv is made from them; data/raw/README.md says how).
    const kept = Object.keys(committed).filter((k) => k.startsWith('openrouter-models-api'));
    expect(kept).toHaveLength(3);
    for (const k of kept) delete committed[k];
    expect(raw).toEqual(committed);
    expect(r.skipped.map((f) => f.split(sep).join('/')).sort()).toEqual([
      expect.stringMatching(/data\/raw\/README\.md$/),
      expect.stringMatching(/openrouter-models-api\/MANIFEST\.csv$/),
      expect.stringMatching(
        /openrouter-models-api\/openrouter-models_2026-09-25_extract\.json\.txt$/,
      ),
      expect.stringMatching(/openrouter-models-api\/prices\.csv$/),
    ]);
    expect(r.files).toHaveLength(56);
    expect(r.capturesAdded).toHaveLength(46);
  });

  it('changes nothing when run again', async () => {
    const dir = emptyDataDir();
    await importFiles({ dataDir: dir, paths: [join(DATA, 'raw')] });
    const before = fingerprint(dir);
    const again = await importFiles({ dataDir: dir, paths: [join(dir, 'raw')] });
    expect(again.outcome).toBe('unchanged');
    expect(fingerprint(dir)).toEqual(before);
  });
});

describe('scripts/import.ts as a process', () => {
  const script = fileURLToPath(new URL('../../scripts/import.ts', import.meta.url));
  const run = (dataDir: string, args: string[]) =>
    spawnSync(process.execPath, [script, ...args], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('prints the report and exits 0; on a bad file exits 1 with file and field, data folder unchanged', () => {
    const dir = emptyDataDir();
    const ok = run(dir, [join(DATA, 'raw/openrouter-data-api/rankings-daily/2026-06-14.json')]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /2026-06-14\.json: OpenRouter Data API rankings-daily response, as_of unknown, 1 day, 2026-06-14/,
    );
    expect(ok.stdout).toContain(
      'api-daily-tokens (data/api-daily-tokens.csv): 0 -> 51 rows; 51 added, 0 unchanged, 0 restated, 0 set aside',
    );
    const before = fingerprint(dir);
    const bad = write(
      join(tempDir(), 'bad.json'),
      '{"data": [{"date": "2026-06-15", "model_permaslug": "other", "total_tokens": "1e12"}]}',
    );
    const res = run(dir, [bad]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      `${bad}: field "data[0].total_tokens" got "1e12"; expected a whole number of tokens written as a string of digits`,
    );
    expect(res.stderr).toContain('Nothing was imported: data/ is unchanged.');
    expect(fingerprint(dir)).toEqual(before);
  });
});
