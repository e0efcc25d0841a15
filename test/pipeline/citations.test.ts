/** A figure may not rest on a copy alone when the source list has the original. */
import { afterEach, describe, expect, it } from 'vitest';
import { buildData } from '../../src/pipeline/run.ts';
import { DataError, formatProblem } from '../../src/pipeline/problems.ts';
import { cleanup, copyFixture, readText, tempDir, writeText } from './helpers.ts';

afterEach(cleanup);

const ORIGINAL =
  'odaily-1,Original newsflash,Odaily,2026-03-16,https://example.org/odaily,2026-03-28,secondary,,';
const REPOST =
  'phemex-1,Repost of the newsflash,Phemex,,https://example.org/phemex,2026-03-28,repost,odaily-1,';

function withSources(dir: string): void {
  writeText(
    dir,
    'sources.csv',
    `${readText(dir, 'sources.csv').trimEnd()}\n${ORIGINAL}\n${REPOST}\n`,
  );
}

/** Points the first weekly-tokens row at some source ids; returns the row's line number. */
function citeOnFirstWeek(dir: string, ids: string): number {
  const lines = readText(dir, 'weekly-tokens.csv').split('\n');
  lines[1] = lines[1]!.replace('nbd-2026-02-27', ids);
  writeText(dir, 'weekly-tokens.csv', lines.join('\n'));
  return 2;
}

describe('citations of reposts and aggregators', () => {
  it('a row citing only a repost whose original is listed is a data error, naming file, line, column and the original', async () => {
    const dataDir = copyFixture();
    withSources(dataDir);
    const line = citeOnFirstWeek(dataDir, 'phemex-1');
    const err = await buildData({ dataDir, outDir: `${tempDir()}/out` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    const messages = (err as DataError).problems.map(formatProblem);
    expect(messages).toEqual([
      `data/weekly-tokens.csv:${line}: column "source_ids" got "phemex-1"; expected the original "odaily-1" cited too (or instead): "phemex-1" is a copy of it, and sources.csv lists the original`,
    ]);
  });

  it('citing the original beside the copy, or the original alone, passes', async () => {
    for (const ids of ['phemex-1;odaily-1', 'odaily-1']) {
      const dataDir = copyFixture();
      withSources(dataDir);
      citeOnFirstWeek(dataDir, ids);
      await expect(buildData({ dataDir, outDir: `${tempDir()}/out` })).resolves.toBeDefined();
    }
  });

  it('only a repost or an aggregator may name an original, and every source but the desk has a URL', async () => {
    const dataDir = copyFixture();
    writeText(
      dataDir,
      'sources.csv',
      `${readText(dataDir, 'sources.csv').trimEnd()}\n${ORIGINAL}\nodd-1,Primary with an original,X,,https://example.org/x,2026-03-28,primary,odaily-1,\nno-url,No URL,Y,,,2026-03-28,secondary,,\n`,
    );
    const err = (await buildData({ dataDir, outDir: `${tempDir()}/out` }).catch(
      (e: unknown) => e,
    )) as DataError;
    const fields = err.problems.map((p) => `${p.field}:${p.value}`);
    expect(fields).toEqual(['original:odaily-1', 'url:']);
  });
});
