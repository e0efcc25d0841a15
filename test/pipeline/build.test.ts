/** buildData end to end on the minimal fixture, and scripts/build-data.ts as a process. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/pipeline/datasets.ts';
import { DataError } from '../../src/pipeline/problems.ts';
import { buildData, OUTPUT_FILES } from '../../src/pipeline/run.ts';
import { cleanupProjects, projectCopy } from '../publish/project.ts';
import { cleanup, copyFixture, dataError, mutate, replaceOnce, tempDir } from './helpers.ts';

afterEach(cleanup);
afterEach(cleanupProjects);

const NOW = new Date('2026-04-01T12:00:00Z');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const hashes = (dir: string) => Object.fromEntries(OUTPUT_FILES.map((f) => [f, sha(join(dir, f))]));

function setup() {
  const dataDir = copyFixture();
  const outDir = join(tempDir('pipeline-out-'), 'generated');
  return { dataDir, outDir, build: () => buildData({ dataDir, outDir, now: NOW }) };
}

describe('buildData on test/fixtures/data-min', () => {
  it('writes the four output files with every dataset, its metadata and provenance', async () => {
    const { dataDir, outDir, build } = setup();
    const { output, report } = await build();
    expect(readdirSync(outDir).sort()).toEqual([...OUTPUT_FILES].sort());
    const datasets = JSON.parse(readFileSync(join(outDir, 'datasets.json'), 'utf8'));
    expect(Object.keys(datasets)).toEqual(DATASETS.map((d) => d.name));
    expect(datasets['weekly-tokens']).toHaveLength(5);
    expect(datasets['captures-market-share']).toHaveLength(9);
    const meta = JSON.parse(readFileSync(join(outDir, 'meta.json'), 'utf8'));
    expect(Object.keys(meta).sort()).toEqual(DATASETS.map((d) => d.name).sort());
    const prov = JSON.parse(readFileSync(join(outDir, 'provenance.json'), 'utf8'));
    expect(prov.built_at).toBe(NOW.toISOString());
    const weekly = prov.datasets.find((d: { dataset: string }) => d.dataset === 'weekly-tokens');
    expect(weekly).toMatchObject({
      file: 'data/weekly-tokens.csv',
      rows: 5,
      sha256: sha(join(dataDir, 'weekly-tokens.csv')),
    });
    const derived = JSON.parse(readFileSync(join(outDir, 'derived.json'), 'utf8'));
    expect(derived.headlines).toEqual(output.headlines);
    expect(derived.headlines.map((h: { method: string }) => h.method)).toEqual([
      'api',
      'media',
      'authors',
      'models',
    ]);
    // labs.revealed_as may point at a lab listed later in the file
    expect(output.derived.prices.find((p) => p.model === 'Stealth X')).toMatchObject({
      origin: 'undisclosed',
      revealed_as: 'xiaomi',
      revealed_origin: 'CN',
      free: true,
    });
    expect(report).toEqual([
      'Change report: no previous build to compare with (first build).',
      'Capture-quality gate (captures judged by content; set-aside captures take no part in any figure):',
      '  market_share: 3 good, 0 set aside, 1 empty',
      '  models: 2 good, 0 set aside, 2 empty',
      '  tool_calls: 1 good, 0 set aside, 3 empty',
      '  apps: 1 good, 0 set aside, 3 empty',
      '  benchmarks: 1 good, 0 set aside, 3 empty',
      '  fastest: 1 good, 0 set aside, 3 empty',
    ]);
    // every capture of every section has a verdict; the empty capture of 31 March is listed
    expect(output.derived.captureVerdicts).toHaveLength(4 * 6);
    expect(
      output.derived.captureVerdicts
        .filter((v) => v.snapshot_date === '2026-03-31')
        .map((v) => [v.verdict, v.reasons[0]]),
    ).toEqual(
      Array(6).fill(['empty', expect.stringMatching(/on 2026-03-31: the whole capture is empty/)]),
    );
  });

  it('reports "no dataset changed" and unchanged headlines on a second build of the same data', async () => {
    const { build } = setup();
    await build();
    const { report, changes } = await build();
    expect(changes.every((c) => c.added + c.removed + c.changed === 0)).toBe(true);
    expect(report[0]).toBe('Change report against the previous build:');
    expect(report).toContain('  rows: no dataset changed');
    const heads = report.filter((l) => l.includes('headline'));
    expect(heads).toHaveLength(4);
    expect(heads.every((l) => l.includes(': unchanged, week to'))).toBe(true);
  });

  it('reports an added week as "+1 added" with the headline before -> after', async () => {
    const { dataDir, build } = setup();
    await build();
    // The week of 16 Feb had only a U.S. figure; a China figure makes it the latest full week.
    mutate(
      dataDir,
      'weekly-tokens.csv',
      (t) =>
        `${t}2026-02-16,2026-02-22,CN,5160000000000,25.2,reported,,,leaderboard sum,nbd-2026-02-27,\n`,
    );
    const { report } = await build();
    expect(report).toContain('  weekly-tokens: 5 -> 6 rows (+1 added, -0 removed, ~0 changed)');
    expect(report.filter((l) => /^ {2}[a-z-]+: \d+ -> \d+ rows/.test(l))).toHaveLength(1);
    const media = report.find((l) => l.startsWith('  headline (media):'))!;
    expect(media).toBe(
      '  headline (media): week to 2026-02-15: CN 4.12T, US 2.94T, CN share 58.4%, CN lead' +
        '  ->  week to 2026-02-22: CN 5.16T, US 2.7T, CN share 65.6%, CN lead (2 weeks running)',
    );
    expect(report.find((l) => l.startsWith('  headline (authors):'))).toMatch(/: unchanged, /);
  });

  it('a media week dated after the build (7-13 December typed on 6 December) is a data error at its line and column; the build day comes from the clock given', async () => {
    const { dataDir, outDir } = setup();
    mutate(
      dataDir,
      'weekly-tokens.csv',
      (t) =>
        `${t}2026-12-07,2026-12-13,CN,5160000000000,,reported,,,leaderboard sum,nbd-2026-02-27,\n`,
    );
    const at = (iso: string) => buildData({ dataDir, outDir, now: new Date(iso) });
    const err = await dataError(at('2026-12-06T23:59:59Z'));
    expect(err.problems).toEqual([
      {
        file: 'data/weekly-tokens.csv',
        line: 7,
        column: 1,
        field: 'week_start',
        value: '2026-12-07',
        expected: expect.stringMatching(/^a day on or before the day of this build, 2026-12-06 /),
      },
    ]);
    expect(err.message).toContain(
      'data/weekly-tokens.csv:7:1: column "week_start" got "2026-12-07"',
    );
    expect(existsSync(outDir)).toBe(false);
    // A week already begun but not over: its end is the problem.
    await expect(at('2026-12-10T12:00:00Z')).rejects.toMatchObject({
      problems: [{ line: 7, column: 2, field: 'week_end', value: '2026-12-13' }],
    });
    // On its last day and after, the week is accepted.
    await expect(at('2026-12-13T00:00:00Z')).resolves.toBeDefined();
  });

  it('throws on a mutated CSV and leaves every previous output file byte-identical, with no temp folder left', async () => {
    const { dataDir, outDir, build } = setup();
    await build();
    const before = hashes(outDir);
    mutate(dataDir, 'weekly-tokens.csv', (t) =>
      replaceOnce(t, 'CN,4120000000000,', 'CN,"4,120,000,000,000",'),
    );
    const err = await dataError(build());
    expect(err.problems).toEqual([
      expect.objectContaining({
        file: 'data/weekly-tokens.csv',
        line: 4,
        column: 4,
        value: '4,120,000,000,000',
      }),
    ]);
    expect(hashes(outDir)).toEqual(before);
    expect(readdirSync(outDir).sort()).toEqual([...OUTPUT_FILES].sort());
    expect(readdirSync(dirname(outDir))).toEqual(['generated']);
  });

  it('writes nothing at all when the first build fails', async () => {
    const { dataDir, outDir, build } = setup();
    mutate(dataDir, 'labs.csv', (t) =>
      replaceOnce(t, 'minimax,MiniMax,CN', 'minimax,MiniMax,China'),
    );
    await expect(build()).rejects.toBeInstanceOf(DataError);
    expect(existsSync(outDir)).toBe(false);
    expect(readdirSync(dirname(outDir))).toEqual([]);
  });

  it('collects the problems of every file (CSV and metadata) into one DataError', async () => {
    const { dataDir, build } = setup();
    mutate(dataDir, 'weekly-tokens.csv', (t) =>
      replaceOnce(t, '2026-02-16,2026-02-22,US', '2026-02-16,2026-02-22,EU'),
    );
    mutate(dataDir, 'captures/apps.csv', (t) => replaceOnce(t, '13620750', '0'));
    mutate(dataDir, 'policy-events.meta.json', (t) =>
      replaceOnce(t, '"desk-classification"', '"not-a-source"'),
    );
    const err = await dataError(build());
    expect(err.problems.map((p) => [p.file, p.line, p.field, p.value])).toEqual([
      ['data/weekly-tokens.csv', 6, 'origin', 'EU'],
      ['data/policy-events.meta.json', undefined, 'source_ids', 'not-a-source'],
      ['data/captures/apps.csv', 2, 'requests', '0'],
    ]);
    expect(err.problems[2]!.expected).toMatch(/^a whole number of at least 1 \(requests\)/);
  });
});

describe('scripts/build-data.ts as a process', () => {
  const script = fileURLToPath(new URL('../../scripts/build-data.ts', import.meta.url));
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [script], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('exits non-zero on broken data, prints file:line:column and leaves OUT_DIR untouched', () => {
    // The script also checks the story, which needs the project's data (not the minimal fixture).
    const { data: dataDir } = projectCopy();
    const outDir = join(tempDir('pipeline-out-'), 'generated');
    const ok = run({ DATA_DIR: dataDir, OUT_DIR: outDir });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`Done: ${DATASETS.length} datasets, \\d+ rows`));
    const before = hashes(outDir);
    mutate(dataDir, 'weekly-tokens.csv', (t) => replaceOnce(t, 'CN,4120000000000,', 'CN,4.12T,'));
    const bad = run({ DATA_DIR: dataDir, OUT_DIR: outDir });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      'data/weekly-tokens.csv:4:4: column "tokens" got "4.12T"; expected a whole number',
    );
    expect(bad.stderr).toContain('Nothing was written');
    expect(hashes(outDir)).toEqual(before);
  });
});
