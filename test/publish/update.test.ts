/**
 * `npm run update` as the scheduler runs it (a process; the workflow in .github/workflows/
 * update.yml runs the same command), against a local replay of OpenRouter's Data API on
 * 127.0.0.1 (no test reaches the internet), on a temp copy of a built project: data/ (DATA_DIR),
 * the generated datasets (OUT_DIR) and the site (DIST_DIR).
 *
 * The live project is data/ as it is (OpenRouter's data to 11 September 2026). Later days do not
 * exist in the responses we hold: the tests make them from real days of the newest response
 * (dates shifted, values scaled; test/support/data-api-replay.ts) in memory, as fixtures.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/pipeline/problems.ts';
import { buildData } from '../../src/pipeline/run.ts';
import { wordedChart } from '../charts/fixture.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { shareByMethodChart } from '../../src/charts/share-by-method.ts';
import { siteDataOf } from '../../src/publish/data-step/verify.ts';
import { readUpdateLog } from '../../src/pipeline/update-log.ts';
import {
  EXIT_CODES,
  runUpdate,
  updatePaths,
  type UpdateReport,
} from '../../src/publish/update/index.ts';
import {
  closeServers,
  deriveDay,
  fixtureReplay,
  newest,
  origins,
  serve,
  withDaysOf,
  type ApiRow,
  type Handler,
} from '../support/data-api-replay.ts';
import { commandEnv, ROOT, treeHashes } from './project.ts';

const KEY = 'sk-or-test-SECRET-update-0123';
/** The as_of the replayed fixtures carry (later than the saved responses'). */
const AS_OF = '2026-09-21T07:00:00.000Z';
/** The time every run takes as now (UPDATE_CLOCK; the effects' clock in process): no test
 *  depends on the real date, so the fetch range and the request count never grow. After the
 *  last media week in data/ (28 September - 4 October), since no row may be dated after the
 *  build; OpenRouter's days after 20 September are simply not there yet. */
const NOW = '2026-10-05T09:00:00.000Z';
/** The newest real response's last day; the days after it are made from real days. */
const LAST = '2026-09-11';
/** A real day of the newest response, re-dated (and scaled). */
const derive = (from: string, to: string, scale?: Parameters<typeof deriveDay>[2]) =>
  deriveDay(from, to, scale, newest);
/** The newest response's rows with some days replaced or added. */
const withDays = (...days: ApiRow[][]) => withDaysOf(newest, ...days);
const latest = newest;

interface Project {
  dir: string;
  data: string;
  generated: string;
  dist: string;
  held: string;
  reports: string;
}

const made: string[] = [];
let template: Project;

const projectAt = (dir: string): Project => ({
  dir,
  data: join(dir, 'data'),
  generated: join(dir, 'generated'),
  dist: join(dir, 'dist'),
  held: join(dir, '.held'),
  reports: join(dir, 'reports'),
});

// The live site: the project's data, built once; each test works on its own copy.
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'update-live-'));
  made.push(dir);
  template = projectAt(dir);
  cpSync(join(ROOT, 'data'), template.data, { recursive: true });
  const r = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 32 << 20,
    env: commandEnv({
      DATA_DIR: template.data,
      OUT_DIR: template.generated,
      DIST_DIR: template.dist,
    }),
  });
  if (r.status !== 0) throw new Error(`the live build failed:\n${r.stderr}`);
}, 240_000);

afterEach(closeServers);
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function liveCopy(): Project {
  const dir = mkdtempSync(join(tmpdir(), 'update-'));
  made.push(dir);
  const p = projectAt(dir);
  for (const k of ['data', 'generated', 'dist'] as const)
    cpSync(template[k], p[k], { recursive: true });
  return p;
}

/** The live folders' exact bytes. */
const live = (p: Project) => ({
  data: treeHashes(p.data),
  generated: treeHashes(p.generated),
  dist: treeHashes(p.dist),
});

/** npm run update as a process (async: the replay server answers from this process). */
function update(
  p: Project,
  base: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'update', '--', ...args], {
      cwd: ROOT,
      env: commandEnv({
        DATA_DIR: p.data,
        OUT_DIR: p.generated,
        DIST_DIR: p.dist,
        HELD_DIR: p.held,
        REPORTS_DIR: p.reports,
        OPENROUTER_API_KEY: KEY,
        OPENROUTER_API_BASE_URL: base,
        UPDATE_CLOCK: NOW,
        ...env,
      }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 240_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const report = (p: Project): UpdateReport =>
  JSON.parse(readFileSync(join(p.reports, 'update-report.json'), 'utf8')) as UpdateReport;
const page = (dir: string, path = 'index.html') => readFileSync(join(dir, path), 'utf8');

/** runUpdate's options for a project in this process, against a replay, on the clock given. */
const inProcess = (p: Project, base: string, now = NOW) => ({
  paths: {
    ...updatePaths(ROOT, {}),
    dataDir: p.data,
    outDir: p.generated,
    distDir: p.dist,
    heldDir: p.held,
    reportsDir: p.reports,
  },
  key: KEY,
  baseUrl: base,
  effects: { clock: () => Date.parse(now), sleep: async () => {} },
  env: {},
});

/** Days 12-20 September made from the real days two weeks earlier (29 August - 6 September):
 *  the partial week of 7-13 September completed, and the whole week of 14-20 September. */
const nextWeek = (scale?: Parameters<typeof deriveDay>[2]): ApiRow[][] =>
  Array.from({ length: 9 }, (_, i) => {
    const day = (d: number) => new Date(Date.UTC(2026, 7, d)).toISOString().slice(0, 10);
    return derive(day(29 + i), day(29 + i + 14), scale);
  });

describe('npm run update', () => {
  it('a new day arrives (and a day is restated): published, with the new day on the page and the restatement in both reports', async () => {
    const p = liveCopy();
    // 12 September: the real 11 September, 2% up. 9 September: the real day, its smallest model
    // restated 5% down.
    const june20 = latest.data.filter((r) => r.date === '2026-09-09');
    const smallest = june20.filter((r) => r.model_permaslug !== 'other').at(-1)!;
    const restatedTo = String(Math.round(Number(smallest.total_tokens) * 0.95));
    const rows = withDays(
      derive(LAST, '2026-09-12', () => 1.02),
      june20.map((r) => (r === smallest ? { ...r, total_tokens: restatedTo } : r)),
    );
    const server = await serve(fixtureReplay(rows, AS_OF));
    // A build held on an earlier day is superseded by a publish (it was made from older data).
    mkdirSync(join(p.held, 'data'), { recursive: true });
    writeFileSync(join(p.held, 'update-report.json'), '{}');
    const before = live(p);
    const run = await update(p, server.base);
    expect(run.status, run.stderr + run.stdout).toBe(EXIT_CODES.published);
    expect(run.stdout).toMatch(/^npm run update: PUBLISHED \(exit 0\)\.$/m);
    expect(run.stdout).toContain(
      'New data: 1 new day, 2026-09-12; data through 2026-09-12 (was 2026-09-11).',
    );
    // The restatement: in the words, the JSON report and the data step's change report.
    const r = report(p);
    expect(r.outcome).toBe('published');
    expect(r.daysAdded).toEqual(['2026-09-12']);
    expect(r.restatements).toEqual([
      {
        date: '2026-09-09',
        model_permaslug: smallest.model_permaslug,
        before: smallest.total_tokens,
        after: restatedTo,
        as_of_before: latest.meta!.as_of,
        as_of_after: AS_OF,
      },
    ]);
    expect(run.stdout).toContain(
      `2026-09-09 ${smallest.model_permaslug}: ${Number(smallest.total_tokens).toLocaleString('en-US')} -> ${Number(restatedTo).toLocaleString('en-US')} tokens`,
    );
    expect(r.changeReport).toContain(
      `    restated 2026-09-09 ${smallest.model_permaslug}: ${smallest.total_tokens} -> ${restatedTo} (as_of ${latest.meta!.as_of} -> ${AS_OF})`,
    );
    expect(r.claims?.failed).toEqual([]);
    expect(r.reviewChanges).toEqual([]);
    expect(Object.keys(r.timings)).toEqual(
      expect.arrayContaining(['fetch', 'data', 'site', 'publish', 'total']),
    );
    // The new day is on the page, in the data and in the raw responses.
    expect(page(p.dist)).toContain(
      'China has been ahead on every day since 27 May, through 12 September 2026',
    );
    expect(page(p.dist, 'embed/api-origins/index.html')).toContain(
      'from 20 May 2026 to 12 September 2026',
    );
    expect(readFileSync(join(p.data, 'api-daily-tokens.csv'), 'utf8')).toMatch(/^2026-09-12,1,/m);
    const after = live(p);
    expect(
      Object.keys(after.data)
        .filter((f) => !(f in before.data))
        .some((f) => f.startsWith('raw/openrouter-data-api/rankings-daily/')),
    ).toBe(true);
    expect(after.dist['index.html']).not.toBe(before.dist['index.html']);
    expect(existsSync(p.held)).toBe(false);
    // No key in any output.
    expect(run.stdout + run.stderr + JSON.stringify(r)).not.toContain('SECRET');
  }, 240_000);

  it('a week that breaks a claim: held, with the failed claims naming the sentence; the live site and data byte-identical', async () => {
    const p = liveCopy();
    // Nine real days moved two weeks on (12-20 September), with U.S. models' tokens 2.5 times
    // over: the U.S. leads the whole week of 14-20 September (China had about twice the U.S.),
    // and the platform total grows well within the plausibility gate (a 10× fixture is held as
    // implausible first).
    const server = await serve(
      fixtureReplay(withDays(...nextWeek((_r, origin) => (origin === 'US' ? 2.5 : 1))), AS_OF),
    );
    const before = live(p);
    const run = await update(p, server.base);
    expect(run.status, run.stderr).toBe(EXIT_CODES.held);
    expect(run.stdout).toMatch(/^npm run update: HELD FOR REVIEW \(exit 3\)\.$/m);
    expect(run.stdout).toContain(
      'Claim "api-china-leads-every-whole-week" is false: by OpenRouter\'s own count China led every whole week, with no week missing since the first.',
    );
    // The sentence the claim binds, as readers would read it, with the new latest week in it.
    const bound =
      /^By OpenRouter’s own data, China has led every whole week since .*14–20 September 2026\.$/;
    expect(live(p)).toEqual(before);
    const r = report(p);
    expect(r.outcome).toBe('held');
    expect(r.held).toMatchObject({ site: false, publishable: false });
    expect(r.held!.reasons).toContain('claims');
    const claim = r.claims!.failed.find((c) => c.id === 'api-china-leads-every-whole-week')!;
    expect(claim.sentences.flatMap((s) => s.text).some((t) => bound.test(t))).toBe(true);
    // The failed claims leave figures empty, so there is no copy to diff: the report names the
    // claims and the sentences as readers would read them instead.
    expect(r.copyDiff ?? null).toBeNull();
    // Kept beside the live site: the new data, the failed claims with their sentences, the report.
    expect(readFileSync(join(p.held, 'claims.txt'), 'utf8')).toContain('14–20 September 2026');
    expect(readFileSync(join(p.held, 'claims.txt'), 'utf8')).toContain(
      'Claim "api-china-leads-every-whole-week" is false',
    );
    expect(readFileSync(join(p.held, 'data/api-daily-tokens.csv'), 'utf8')).toMatch(
      /^2026-09-20,1,/m,
    );
    expect(existsSync(join(p.held, 'dist'))).toBe(false);
    // A page whose claims fail is never published, even on request.
    const publish = await update(p, server.base, ['--publish-held', '--by', 'Test Editor']);
    expect(publish.status).toBe(EXIT_CODES.failed);
    expect(publish.stderr).toContain('The held update cannot be published');
    expect(live(p)).toEqual(before);
  }, 240_000);

  it('a week that changes a sentence marked for review: held with its site; --publish-held publishes it and logs who approved it', async () => {
    const p = liveCopy();
    // Nine real days moved two weeks on, unscaled: a new whole week (14-20 September), so the
    // sentences marked for review that name the latest whole week change.
    const server = await serve(fixtureReplay(withDays(...nextWeek()), AS_OF));
    const before = live(p);
    const run = await update(p, server.base);
    expect(run.status, run.stderr).toBe(EXIT_CODES.held);
    const r = report(p);
    expect(r.held).toMatchObject({ reasons: ['review'], site: true, publishable: true });
    expect(r.claims?.failed).toEqual([]);
    const reviewed = r.reviewChanges.map((c) => c.after ?? '');
    expect(reviewed.some((t) => t.includes('14–20 September 2026'))).toBe(true);
    expect(run.stdout).toContain(
      'Sentences marked for review ({?review} in src/story/article.aml) that change: ',
    );
    expect(live(p)).toEqual(before);
    expect(page(join(p.held, 'dist'))).toContain('through 20 September 2026');
    expect(page(p.dist)).not.toContain('through 20 September 2026');

    const publish = await update(p, server.base, ['--publish-held', '--by', 'Test Editor']);
    expect(publish.status, publish.stderr).toBe(EXIT_CODES.published);
    expect(publish.stdout).toContain('read and approved by Test Editor');
    expect(page(p.dist)).toContain('through 20 September 2026');
    const methodology = page(p.dist, 'methodology/index.html');
    expect(methodology).toContain('Read and approved by Test Editor before publishing.');
    expect(methodology).toContain('New data through 20 September 2026 changed');
    const log = await readUpdateLog(p.data);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      data_through: '2026-09-20',
      approved_by: 'Test Editor',
      copy_changes: r.copyDiff!.count,
    });
    expect(readFileSync(join(p.data, 'api-daily-tokens.csv'), 'utf8')).toMatch(/^2026-09-20,1,/m);
    expect(existsSync(p.held)).toBe(false);
    // Nothing left to publish.
    const again = await update(p, server.base, ['--publish-held']);
    expect(again.status).toBe(EXIT_CODES.failed);
    expect(again.stderr).toContain('There is no held update');
  }, 240_000);

  it('on a fresh checkout (no generated folder, no site yet, as in CI) it builds the live data first to compare with', async () => {
    const p = liveCopy();
    rmSync(p.generated, { recursive: true });
    rmSync(p.dist, { recursive: true });
    const server = await serve(fixtureReplay(withDays(derive(LAST, '2026-09-12')), AS_OF));
    const run = await update(p, server.base);
    expect(run.status, run.stderr + run.stdout).toBe(EXIT_CODES.published);
    const r = report(p);
    expect(r.timings.baseline).toBeGreaterThan(0);
    // Compared with the live copy, not a first build: only what the new day changed.
    expect(r.copyDiff!.compared).toBe(true);
    expect(
      r
        .copyDiff!.sections.flatMap((s) => s.changes)
        .some((c) => /through 12 September 2026\.$/.test(c.after ?? '')),
    ).toBe(true);
    // A first build would list every sentence; the new day changes a handful.
    expect(r.copyDiff!.count).toBeLessThan(10);
    expect(page(p.dist)).toContain('through 12 September 2026');
  }, 240_000);

  it('no new day upstream (the same figures, a later as_of): no change, one line, nothing rebuilt', async () => {
    const p = liveCopy();
    const server = await serve(fixtureReplay(withDays(), AS_OF));
    const before = live(p);
    const run = await update(p, server.base);
    expect(run.status, run.stderr).toBe(EXIT_CODES['no-change']);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^npm run update: NO CHANGE \(exit 0\): no new day upstream since 2026-09-11 and no restated figure \(checked 2026-09-05 to 2026-10-04\)\. Nothing rebuilt\. Report: /,
      ),
    ]);
    expect(server.requests[0]).toMatchObject({ start: '2026-09-05', auth: `Bearer ${KEY}` });
    expect(live(p)).toEqual(before);
    expect(report(p)).toMatchObject({
      outcome: 'no-change',
      exitCode: 0,
      daysAdded: [],
      restatements: [],
    });
    expect(report(p).timings.site).toBeUndefined();
    expect(existsSync(p.held)).toBe(false);
  }, 240_000);

  it('a refused key (401): failed, says why, nothing changed, the key never printed', async () => {
    const p = liveCopy();
    const server = await serve((_req, res) => res.writeHead(401).end('{"error":"invalid key"}'));
    const before = live(p);
    const run = await update(p, server.base);
    expect(run.status).toBe(EXIT_CODES.failed);
    expect(run.stderr).toMatch(/^npm run update: FAILED \(exit 2\)\.$/m);
    expect(run.stderr).toContain('OpenRouter refused the key (HTTP 401)');
    expect(run.stderr).toContain('The published site and data are unchanged');
    expect(live(p)).toEqual(before);
    expect(report(p).failure).toMatchObject({ step: 'fetch', kind: 'unauthorized' });
    expect(
      run.stdout + run.stderr + readFileSync(join(p.reports, 'update-report.json'), 'utf8'),
    ).not.toContain('SECRET');
  }, 240_000);

  it('--help names the four outcomes and their exit codes', () => {
    const r = spawnSync('npm', ['run', '--silent', 'update', '--', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: commandEnv({}),
    });
    expect(r.status).toBe(0);
    for (const [outcome, code] of [
      ['published', 0],
      ['no change', 0],
      ['held for review', 3],
      ['failed', 2],
    ] as const) {
      expect(r.stdout).toMatch(new RegExp(`^  ${outcome} +exit ${code} `, 'm'));
    }
  });
});

describe('runUpdate: upstream failures leave everything as it was', () => {
  /** A small live project: the real data, stand-ins for the generated folder and the site. */
  function smallProject(): Project {
    const dir = mkdtempSync(join(tmpdir(), 'update-fail-'));
    made.push(dir);
    const p = projectAt(dir);
    cpSync(join(ROOT, 'data'), p.data, { recursive: true });
    for (const d of [p.generated, p.dist]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'index.html'), 'live');
    }
    return p;
  }

  async function fails(handler: Handler, kind: string, message: RegExp) {
    const p = smallProject();
    const server = await serve(handler);
    const before = live(p);
    const sleeps: number[] = [];
    const r = await runUpdate({
      ...inProcess(p, server.base),
      effects: { clock: () => Date.parse(NOW), sleep: async (ms) => void sleeps.push(ms) },
    });
    expect(r.outcome).toBe('failed');
    expect(r.exitCode).toBe(EXIT_CODES.failed);
    expect(r.failure).toMatchObject({ step: 'fetch', kind });
    expect(r.summary).toMatch(message);
    expect(live(p)).toEqual(before);
    expect(existsSync(p.held)).toBe(false);
    expect(readFileSync(join(p.reports, 'update-report.txt'), 'utf8')).toMatch(message);
    return sleeps;
  }

  it('500: retried, then failed', async () => {
    const sleeps = await fails(
      (_q, res) => res.writeHead(500).end('internal error'),
      'server',
      /OpenRouter answered HTTP 500 .* 4 times in a row/,
    );
    expect(sleeps).toEqual([2000, 4000, 8000]);
  });

  it('a truncated body', async () => {
    const cut = JSON.stringify({ data: latest.data, meta: latest.meta }).slice(0, 3000);
    await fails(
      (_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(cut),
      'bad-response',
      /ends part-way through \(3000 bytes; a cut-off download\?\)/,
    );
  });

  it('a body that is not a rankings-daily response', async () => {
    await fails(
      (_q, res) => res.writeHead(200).end('{"error": {"message": "oops"}}'),
      'bad-response',
      /expected a Data API rankings-daily response/,
    );
  });

  it('a media week an editor typed dated after the build (7-13 December, on 6 December by the injected clock): failed with the file, line, column and value; nothing changed', async () => {
    const p = smallProject();
    const file = join(p.data, 'weekly-tokens.csv');
    const text = readFileSync(file, 'utf8');
    const line = text.trimEnd().split('\n').length + 1;
    writeFileSync(
      file,
      `${text}2026-12-07,2026-12-13,CN,60000000000000,,reported,,,"models from Chinese labs on the OpenRouter weekly leaderboard, summed by the outlet (leaderboard-sum method)",dotdotnews-2026-05-26,\n`,
    );
    const server = await serve(fixtureReplay(withDays(derive(LAST, '2026-09-12')), AS_OF));
    const before = live(p);
    const r = await runUpdate(inProcess(p, server.base, '2026-12-06T09:00:00Z'));
    expect(r.outcome).toBe('failed');
    expect(r.exitCode).toBe(EXIT_CODES.failed);
    expect(r.summary).toContain(
      `data/weekly-tokens.csv:${line}:1: column "week_start" got "2026-12-07"; expected a day on or before the day of this build, 2026-12-06`,
    );
    expect(live(p)).toEqual(before);
    expect(existsSync(p.held)).toBe(false);
  });

  it('a deployment build without SITE_URL stops before anything is fetched', async () => {
    const p = smallProject();
    const r = await runUpdate({
      ...inProcess(p, 'http://127.0.0.1:9/never'),
      effects: undefined,
      env: { DEPLOY: '1' },
    });
    expect(r.failure).toMatchObject({ step: 'settings', kind: 'site-url' });
    expect(r.summary).toContain('SITE_URL is not set');
    expect(r.fetch).toBeNull();
  });
});

describe('data/update-log.csv', () => {
  it('is checked like a dataset: a bad row names the file, line, column and value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'update-log-'));
    made.push(dir);
    writeFileSync(
      join(dir, 'update-log.csv'),
      'published_at,data_through,approved_by,copy_changes,reviewed\n2026-07-01T08:00:00Z,2026-06-30,Jane Doe,3,\nyesterday,2026-06-31,,two,\n',
    );
    const err = await readUpdateLog(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataError);
    const msg = (err as DataError).message;
    expect(msg).toContain('data/update-log.csv:3:1: column "published_at" got "yesterday"');
    expect(msg).toContain('data/update-log.csv:3:2: column "data_through" got "2026-06-31"');
    expect(msg).toContain('data/update-log.csv:3:4: column "copy_changes" got "two"');
    expect(await readUpdateLog(join(dir, 'none'))).toEqual([]);
  });
});

describe('runUpdate: a publish stopped at each step is finished by the next run', () => {
  const points = ['journal-written', 'moved:0', 'moved:1', 'moved:2', 'moves-done'] as const;
  const optionsFor = (p: Project, base: string, crash?: (at: string) => void) => ({
    ...inProcess(p, base),
    env: { RENDER_CACHE_DIR: 'off' },
    // a stand-in site: the generated meta, so the three trees can be compared with each other
    buildSite: async (out: string, gen: string) => {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'index.html'), readFileSync(join(gen, 'meta.json')));
    },
    crash,
  });
  const lastDay = (p: Project) =>
    readFileSync(join(p.data, 'api-daily-tokens.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .at(-1)!
      .slice(0, 10);

  for (const point of points) {
    it(`stopped at ${point}: afterwards each tree is whole with a journal; the next run finishes it (no change upstream, exit 0)`, async () => {
      const p = liveCopy();
      const server = await serve(fixtureReplay(withDays(derive(LAST, '2026-09-12')), AS_OF));
      const before = live(p);
      const killed = await runUpdate(
        optionsFor(p, server.base, (at) => {
          if (at === point) throw new Error(`killed at ${at}`);
        }),
      );
      expect(killed.outcome).toBe('failed');
      expect(existsSync(`${p.held}.journal.json`)).toBe(true);
      const mid = live(p);
      for (const k of ['data', 'generated', 'dist'] as const) expect(mid[k]).not.toEqual({});
      const next = await runUpdate(optionsFor(p, server.base));
      expect(next.recovered[0]).toMatch(/^Finished a publish an earlier run left half-done/);
      expect(next.outcome, next.summary).toBe('no-change');
      expect(existsSync(`${p.held}.journal.json`)).toBe(false);
      // consistent: the new day in data/, in the generated datasets and on the (stand-in) site
      expect(lastDay(p)).toBe('2026-09-12');
      expect(readFileSync(join(p.dist, 'index.html'))).toEqual(
        readFileSync(join(p.generated, 'meta.json')),
      );
      expect(live(p).data).not.toEqual(before.data);
      expect(readdirSync(p.dir).filter((n) => /\.(tmp|old|publish)-\d+$/.test(n))).toEqual([]);
    }, 240_000);
  }
});

describe('runUpdate: the plausibility gate', () => {
  it('an absurd count (one model at 9,007,199,254,740,991 tokens): held (exit 3) with the reason, nothing live changed', async () => {
    const p = liveCopy();
    const day = derive(LAST, '2026-09-12');
    day[0]!.total_tokens = String(Number.MAX_SAFE_INTEGER);
    const server = await serve(fixtureReplay(withDays(day), AS_OF));
    const before = live(p);
    const r = await runUpdate(inProcess(p, server.base));
    expect(r.outcome).toBe('held');
    expect(r.exitCode).toBe(3);
    expect(r.held).toMatchObject({ reasons: ['plausibility'], publishable: false });
    expect(r.implausible.join('\n')).toContain(
      `2026-09-12: ${day[0]!.model_permaslug} has 9,007,199,254,740,991 tokens`,
    );
    expect(live(p)).toEqual(before);
    expect(readFileSync(join(p.reports, 'update-report.txt'), 'utf8')).toContain(
      'Implausible data (held',
    );
  });
});

describe('runUpdate: a newest row with one side missing is held, never skipped', () => {
  it('a newest API day with no Chinese model: held (exit 3, reason one-sided), not publishable, nothing live changed', async () => {
    const p = liveCopy();
    // The real 11 September as 12 September, without its Chinese models' rows (the platform
    // total stays within the plausibility gate: the day is not implausible, only one-sided).
    const day = derive(LAST, '2026-09-12').filter((r) => {
      const lab = r.model_permaslug.split('/')[0]!;
      return r.model_permaslug === 'other' || origins().get(lab) !== 'CN';
    });
    const server = await serve(fixtureReplay(withDays(day), AS_OF));
    const before = live(p);
    const r = await runUpdate(inProcess(p, server.base, '2026-10-13T09:00:00Z'));
    expect(r.outcome, r.summary).toBe('held');
    expect(r.exitCode).toBe(EXIT_CODES.held);
    expect(r.held).toMatchObject({ reasons: ['one-sided'], publishable: false, site: false });
    expect(r.summary).toContain('one side');
    expect(r.storyProblems).toContain(
      'the newest day of data/api-daily-tokens.csv (2026-09-12) has no model from a Chinese lab among its top 50',
    );
    expect(live(p)).toEqual(before);
  }, 240_000);

  it('a newest media week with only a U.S. row (typed by an editor): held (exit 3, reason one-sided), nothing live changed', async () => {
    const p = liveCopy();
    const file = join(p.data, 'weekly-tokens.csv');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}2026-10-05,2026-10-11,US,42000000000000,,reported,,,"models from U.S. labs on the OpenRouter weekly leaderboard, summed by the outlet (leaderboard-sum method)",dotdotnews-2026-05-26,\n`,
    );
    const server = await serve(fixtureReplay(withDays(derive(LAST, '2026-09-12')), AS_OF));
    const before = live(p);
    const r = await runUpdate(inProcess(p, server.base, '2026-10-13T09:00:00Z'));
    expect(r.outcome, r.summary).toBe('held');
    expect(r.held).toMatchObject({ reasons: ['one-sided'], publishable: false });
    expect(r.storyProblems).toContain(
      'the newest week of data/weekly-tokens.csv (week_start 2026-10-05) has a US row and no CN row',
    );
    expect(live(p)).toEqual(before);
  }, 240_000);
});

describe('runUpdate: days missing between imported responses (a gap of weeks)', () => {
  it('held: no sentence says "every day since" or "every whole week since" across the gap; the new week is partial; no chart draws across the gap', async () => {
    const p = liveCopy();
    // A response imported after a pause: the real 8-11 September as 1-4 October, nothing for
    // 12-30 September (19 days).
    const late = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04'].map((to, i) =>
      derive(['2026-09-08', '2026-09-09', '2026-09-10', '2026-09-11'][i]!, to),
    );
    const server = await serve(fixtureReplay(withDays(...late), AS_OF));
    const before = live(p);
    const r = await runUpdate(inProcess(p, server.base));
    expect(r.daysAdded).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(r.outcome, r.summary).toBe('held');
    expect(r.held).toMatchObject({ publishable: false });
    const failed = r.claims!.failed.map((c) => c.id);
    expect(failed).toEqual(
      expect.arrayContaining(['api-daily-crossing', 'api-china-leads-every-whole-week']),
    );
    const crossing = r.claims!.failed.find((c) => c.id === 'api-daily-crossing')!;
    expect(crossing.figures).toContain('no data 2026-09-12 to 2026-09-30 (19 days)');
    expect(live(p)).toEqual(before);

    // The held data, as the charts would draw it.
    const out = join(p.dir, 'gap-generated');
    const built = await buildData({
      dataDir: join(p.held, 'data'),
      outDir: out,
      now: new Date(NOW),
    });
    const data = siteDataOf(built.output);
    const newWeek = data.derived.weeks.api.find((w) => w.week_start === '2026-09-28')!;
    expect(newWeek.status).toBe('partial');
    expect(
      data.derived.weeks.api
        .filter((w) => w.status === 'reported')
        .every((w) => w.formula.includes('over 7 of 7 days')),
    ).toBe(true);
    // With its words from the document (the description is a template there).
    const origins = wordedChart(data, 'api-origins');
    const svg = renderSvg(origins, 1280);
    const bands = [...svg.matchAll(/<g[^>]*class="api-band"[^>]*>([\s\S]*?)<\/g>/g)].flatMap((g) =>
      [...g[1]!.matchAll(/<path[^>]* d="([^"]+)"/g)].map((m) => m[1]!),
    );
    // Five bands, each in two pieces (before and after the gap), each piece one closed shape.
    expect(bands).toHaveLength(10);
    for (const d of bands) expect(d.match(/M/g)).toHaveLength(1);
    expect(origins.description).toContain(
      'from 20 May 2026 to 11 September 2026 and from 1 October 2026 to 4 October 2026, with no data in between',
    );
    const method = shareByMethodChart(data);
    const apiSegments = new Set(
      (method.rows as Array<{ method: string; segment: string }>)
        .filter((row) => row.method === 'api')
        .map((row) => row.segment),
    );
    expect(apiSegments.size).toBe(2);
  }, 240_000);
});
