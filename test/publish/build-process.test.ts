/**
 * `npm run data` and `npm run build` as an editor runs them, as processes on a temp copy of the
 * project's data (DATA_DIR), with the generated datasets (OUT_DIR) and the site (DIST_DIR) in
 * temp folders: the story and its claims are checked before anything is replaced, a failure
 * leaves both folders byte-identical and says what to edit, and every run prints a copy diff.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addExampleWeek,
  cleanupProjects,
  lineOf,
  lineOfMatch,
  npmRun,
  projectCopy,
  treeHashes,
  writeData,
} from './project.ts';

afterEach(cleanupProjects);

/** The README's example week, but with the U.S. ahead (9.9T against China's 8.1T). */
const US_LEADS = ['8100000000000', '9900000000000'] as const;

function expectClaimMessage(stderr: string): void {
  expect(stderr).toContain(
    'Claim "china-leads-latest-media-week" is false: China is ahead in the latest week of the outlets’ leaderboard sums.',
  );
  expect(stderr).toContain('The figures now: CN 8.1T, US 9.9T in 5–11 October 2026');
  // Where readers would read it (the title and the summary rest on it), and where to edit it
  // and its claim (lines found in the files).
  expect(stderr).toContain(
    `src/story/article.aml:${lineOf('src/story/article.aml', 'title: Chinese AI models have overtaken')} (the title, section "Headline")`,
  );
  expect(stderr).toContain(
    `src/story/article.aml:${lineOf('src/story/article.aml', 'description: Models from Chinese labs')} (the summary (search and social description), section "Headline")`,
  );
  expect(stderr).toContain('"Chinese AI models have overtaken U.S. ones on OpenRouter');
  expect(stderr).toContain(
    `change or remove the claim at src/story/figures/counting.ts:${lineOfMatch('src/story/figures/counting.ts', /claim\(\s*'china-leads-latest-media-week'/)}`,
  );
}

describe('npm run data', () => {
  it('checks every claim before it writes: a U.S.-led latest week stops it and OUT_DIR stays byte-identical', () => {
    const p = projectCopy();
    const env = { DATA_DIR: p.data, OUT_DIR: p.generated };
    const first = npmRun('data', env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('story and claims checked');
    expect(first.stdout).toContain('Copy diff: no previous build to compare with (first build).');
    const before = treeHashes(p.generated);
    expect(Object.keys(before).sort()).toEqual([
      'copy.json',
      'datasets.json',
      'derived.json',
      'meta.json',
      'provenance.json',
      'update-log.json',
    ]);

    addExampleWeek(p.data, ...US_LEADS);
    const bad = npmRun('data', env);
    expect(bad.status).toBe(1);
    expectClaimMessage(bad.stderr);
    expect(bad.stderr).toContain(
      `Nothing was written: the previous build in ${p.generated} is unchanged.`,
    );
    expect(treeHashes(p.generated)).toEqual(before);
    expect(readdirSync(p.dir).sort()).toEqual(['data', 'generated']);
  });

  it('prints the copy diff of the README’s worked example (before -> after, by section), then one quiet line', () => {
    const p = projectCopy();
    const env = { DATA_DIR: p.data, OUT_DIR: p.generated };
    expect(npmRun('data', env).status).toBe(0);
    addExampleWeek(p.data);
    const run = npmRun('data', env);
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout.split('\n');
    const diffAt = out.findIndex((l) => l.startsWith('Copy diff:'));
    expect(diffAt).toBeGreaterThan(out.findIndex((l) => l.startsWith('Change report')));
    expect(out[diffAt]).toMatch(
      /^Copy diff: \d+ change\(s\) readers will see, since the last build:$/,
    );
    const section = out.indexOf('  How the count decides the answer');
    expect(section).toBeGreaterThan(diffAt);
    expect(out.slice(section + 1, section + 3)).toEqual([
      '    sentence: "The outlets’ sums give 78.0% for 28 September – 4 October 2026 (as relayed second-hand), the latest week they reported with both figures."',
      '      -> "The outlets’ sums give 67.5% for 5–11 October 2026 (as reported), the latest week they reported with both figures."',
    ]);
    expect(run.stdout).toContain(
      '    chart share-flip description: "By the outlets\' sums of the weekly leaderboard: 43.9%–82.8%, latest 78.0% in 28 September – 4 October 2026 (from a secondary report)."',
    );
    const again = npmRun('data', env);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Copy diff: no sentence, chart title or chart description changed since the last build.',
    );
  });

  it('reports a peg week that left the data as a data or setting fix, naming PEG_WEEK_START and its line', () => {
    const p = projectCopy();
    const weekly = readFileSync(join(p.data, 'weekly-tokens.csv'), 'utf8');
    // Remove the peg week and the rows back-calculated from it.
    writeData(
      p.data,
      'weekly-tokens.csv',
      weekly
        .split('\n')
        .filter((l) => !/^2026-(03-0[29]|02-23),/.test(l))
        .join('\n'),
    );
    const run = npmRun('data', { DATA_DIR: p.data, OUT_DIR: p.generated });
    expect(run.status).toBe(1);
    const line = lineOf('src/lib/story-settings.ts', 'export const PEG_WEEK_START');
    expect(run.stderr).toContain(
      '1 story setting(s) no longer fit the data (the fix is the data or the setting, not a sentence):',
    );
    expect(run.stderr).toContain(
      `src/lib/story-settings.ts:${line}: story setting PEG_WEEK_START = "2026-03-09": data/weekly-tokens.csv has no rows for that week any more.`,
    );
    expect(run.stderr).toContain('2026-05-04 (4–10 May 2026)');
    expect(existsSync(p.generated)).toBe(false);
  });
});

describe('npm run build', () => {
  it('build:deploy without SITE_URL is refused before the data step runs, writing nothing', () => {
    const p = projectCopy('deploy-');
    const r = npmRun('build:deploy', {
      DATA_DIR: p.data,
      OUT_DIR: p.generated,
      DIST_DIR: p.dist,
      SITE_URL: '',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('SITE_URL is not set');
    expect(r.stdout).not.toContain('Building datasets');
    expect(existsSync(p.generated)).toBe(false);
  });

  it('swaps a new site into DIST_DIR only on success: after a failing claim dist and the generated data are byte-identical', () => {
    const p = projectCopy();
    const env = { DATA_DIR: p.data, OUT_DIR: p.generated, DIST_DIR: p.dist };
    const first = npmRun('build', env);
    expect(first.status, first.stderr).toBe(0);
    expect(readFileSync(join(p.dist, 'index.html'), 'utf8')).toContain('4–10 May 2026');
    expect(existsSync(join(p.dist, '_headers'))).toBe(true);

    // A good update goes through: the new week is on the page.
    addExampleWeek(p.data);
    const update = npmRun('build', env);
    expect(update.status, update.stderr).toBe(0);
    expect(update.stdout).toContain('Copy diff:');
    expect(readFileSync(join(p.dist, 'index.html'), 'utf8')).toContain('5–11 October 2026');
    const dist = treeHashes(p.dist);
    const generated = treeHashes(p.generated);

    // Now the U.S. leads that week: the build stops before anything is replaced.
    const weekly = readFileSync(join(p.data, 'weekly-tokens.csv'), 'utf8');
    writeData(
      p.data,
      'weekly-tokens.csv',
      weekly.replace(
        '2026-10-05,2026-10-11,US,3900000000000',
        `2026-10-05,2026-10-11,US,${US_LEADS[1]}`,
      ),
    );
    const bad = npmRun('build', env);
    expect(bad.status).not.toBe(0);
    expectClaimMessage(bad.stderr);
    expect(treeHashes(p.dist)).toEqual(dist);
    expect(treeHashes(p.generated)).toEqual(generated);
    expect(readdirSync(p.dir).sort()).toEqual(['data', 'dist', 'generated']);
  }, 600_000);
});
