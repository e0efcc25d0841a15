/**
 * `npm run update`: the article keeps itself current. One run fetches the days OpenRouter's Data
 * API added since the last imported day (and re-reads the last RECHECK_DAYS days, which the API
 * may restate), imports them, runs the data step (every dataset check, every story setting and
 * claim) and builds the site, all in a staging folder beside the live one, and ends in exactly
 * one of four outcomes:
 *
 * - published (exit 0): new data, every check held, no sentence marked {?review} changed: the
 *   new data/, generated datasets and site are swapped in.
 * - no change (exit 0): nothing new upstream (no day added, no figure restated); nothing is
 *   rebuilt; one line.
 * - held (exit 3): the data is good but a claim or a story setting no longer holds, or the copy
 *   diff changes a sentence marked for review. The new data (and, when it could be built, the
 *   generated datasets and the site) are kept in .held/ with the copy diff and the failed claims;
 *   nothing live changes. `--publish-held` publishes a held build after an editor read it.
 * - failed (exit 2): upstream unreachable, a refused key, a bad response, bad data, a failed site
 *   build: nothing live changes; the report says why.
 *
 * Every run writes a machine-readable report (reports/update-report.json) and the same in words
 * (reports/update-report.txt, printed). The live data/, src/data/generated/ and dist/ are only
 * ever replaced whole, by renames, after every step succeeded.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  type Dirent,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { utcDay } from 'd3-time';
import {
  fetchRankings,
  FetchError,
  lastImportedDay,
  type FetchOptions,
  type WindowResult,
} from '../import/fetch.ts';
import type { Restatement } from '../import/data-api.ts';
import { ImportError } from '../import/problems.ts';
import type { DatasetSummary } from '../import/run.ts';
import { csvCell } from '../import/csv.ts';
import { DataError } from '../pipeline/problems.ts';
import { UPDATE_LOG_HEADER, updateLog, type UpdateLogEntry } from '../pipeline/update-log.ts';
import {
  diffCopy,
  formatCopyDiff,
  reviewChanges,
  type CopyDiff,
  type ReviewChange,
} from './copy-diff.ts';
import { readCopy, runDataStep, type DataStepResult } from './data-step.ts';
import { siteUrlFor } from './deploy.ts';
import { pruneRenderCache, renderCacheDir, renderCacheStats } from './render-cache.ts';
import { buildSite, swapIn } from './site-build.ts';
import {
  formatStoryProblems,
  StoryCheckError,
  type ClaimSentence,
  type StoryProblem,
} from './verify.ts';

export type Outcome = 'published' | 'no-change' | 'held' | 'failed';

/** Exit codes of npm run update, by outcome (README, --help and the workflow use these). */
export const EXIT_CODES: Record<Outcome, number> = {
  published: 0,
  'no-change': 0,
  held: 3,
  failed: 2,
};

/** Days before the last imported day that every run fetches again, to catch restatements. */
export const RECHECK_DAYS = 7;

export const REPORT_FILE = 'update-report.json';
export const REPORT_TEXT_FILE = 'update-report.txt';

export interface UpdatePaths {
  root: string;
  /** The live data (DATA_DIR, default data/). */
  dataDir: string;
  /** The live generated datasets (OUT_DIR, default src/data/generated/). */
  outDir: string;
  /** The live site (DIST_DIR, default dist/). */
  distDir: string;
  /** Where a held build is kept (HELD_DIR, default .held/). */
  heldDir: string;
  /** Where reports go (REPORTS_DIR, default reports/). */
  reportsDir: string;
}

/** The folders, from the same variables as npm run data and npm run build, plus HELD_DIR and REPORTS_DIR. */
export function updatePaths(root: string, env: NodeJS.ProcessEnv = process.env): UpdatePaths {
  const abs = (v: string | undefined, d: string) =>
    v ? (isAbsolute(v) ? v : resolve(root, v)) : join(root, d);
  return {
    root,
    dataDir: abs(env.DATA_DIR, 'data'),
    outDir: abs(env.OUT_DIR, join('src', 'data', 'generated')),
    distDir: abs(env.DIST_DIR, 'dist'),
    heldDir: abs(env.HELD_DIR, '.held'),
    reportsDir: abs(env.REPORTS_DIR, 'reports'),
  };
}

export interface FailedClaim {
  id: string;
  says: string;
  figures: string;
  /** The sentences readers would read, with where to edit them. */
  sentences: ClaimSentence[];
  /** Where the claim is defined. */
  file: string;
  line: number | undefined;
}

export interface UpdateReport {
  version: 1;
  command: 'update' | 'publish-held';
  outcome: Outcome;
  exitCode: number;
  /** One line: what happened and why. */
  summary: string;
  startedAt: string;
  finishedAt: string;
  /** The live data when the run started: the last imported day and a hash of data/ (a held
   *  build is published only onto the data it was made from). */
  base: { lastDay: string | null; dataHash: string };
  fetch: { from: string; to: string; requests: number; windows: WindowResult[] } | null;
  /** Data API days the run added, and figures it restated. */
  daysAdded: string[];
  restatements: Restatement[];
  /** The last day of the data after the run (null when nothing was imported). */
  lastDay: string | null;
  datasets: DatasetSummary[];
  /** The data step's change report against the live build (dataset rows, restatements, headlines). */
  changeReport: string[];
  claims: { checked: number | null; failed: FailedClaim[] } | null;
  /** Story settings that no longer fit, or the copy could not be computed (the message). */
  storyProblems: string | null;
  copyDiff: CopyDiff | null;
  /** Changes of the copy diff that touch a sentence marked {?review}. */
  reviewChanges: ReviewChange[];
  held: {
    reasons: Array<'claims' | 'story-settings' | 'story' | 'review'>;
    /** The held folder (relative to the project root when inside it). */
    folder: string;
    /** Whether the held folder has a built site (not when a claim failed: the site refuses it). */
    site: boolean;
    /** Whether --publish-held may publish it (not when a claim or setting failed). */
    publishable: boolean;
  } | null;
  failure: { step: string; kind: string; message: string } | null;
  /** Images (chart PNGs, social cards) of the site build: from the render cache, rendered, and
   *  the time the rendered ones took (ms). */
  renders: { fromCache: number; rendered: number; renderMs: number } | null;
  /** Milliseconds per step, and the total. */
  timings: Record<string, number>;
  /** The update-log entry --publish-held wrote. */
  updateLog: UpdateLogEntry | null;
  files: { report: string; reportText: string; held: string | null };
}

export interface UpdateOptions extends Pick<
  FetchOptions,
  'key' | 'baseUrl' | 'clock' | 'sleep' | 'fetch'
> {
  paths: UpdatePaths;
  /** Builds the site from a generated folder into a folder (default: astro build, in this process). */
  buildSite?: (outDir: string, generatedDir: string) => Promise<void>;
  /** Progress lines (waits and retries), for the terminal. */
  progress?: (line: string) => void;
  /** The time, for the report and the update log (default: now). */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
}

export interface PublishHeldOptions extends UpdateOptions {
  /** Who read the held build (--by); default: git config user.name, then $USER. */
  by?: string;
}

/** An outcome decided part-way through a run. */
class Stop extends Error {
  readonly outcome: 'no-change' | 'held' | 'failed';
  readonly step: string;
  readonly kind: string;
  constructor(
    outcome: 'no-change' | 'held' | 'failed',
    step: string,
    kind: string,
    message: string,
  ) {
    super(message);
    this.outcome = outcome;
    this.step = step;
    this.kind = kind;
  }
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** sha256 of every file under dir (paths and bytes, in path order): the folder's exact state. */
export function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string, rel: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSorted(d)) {
      const p = join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else h.update(`${r}\0${createHash('sha256').update(readFileSync(p)).digest('hex')}\0`);
    }
  };
  walk(dir, '');
  return h.digest('hex');
}

function readdirSorted(d: string): Dirent[] {
  return readdirSync(d, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/** Steps timed in order; each returns its result. */
class Timer {
  readonly timings: Record<string, number> = {};
  private readonly started = performance.now();
  async step<T>(name: string, f: () => Promise<T> | T): Promise<T> {
    const t = performance.now();
    try {
      return await f();
    } finally {
      this.timings[name] = Math.round((this.timings[name] ?? 0) + performance.now() - t);
    }
  }
  total(): number {
    return Math.round(performance.now() - this.started);
  }
}

/** The default site build: astro build in this process, reading the generated folder given. */
export async function astroBuild(
  root: string,
  outDir: string,
  generatedDir: string,
): Promise<void> {
  const { build } = await import('astro');
  const saved = process.env.OUT_DIR;
  process.env.OUT_DIR = generatedDir;
  try {
    await build({ root, outDir, logLevel: 'warn' });
  } finally {
    if (saved === undefined) delete process.env.OUT_DIR;
    else process.env.OUT_DIR = saved;
  }
}

/** Only one update at a time: a lock file beside the held folder, with the holder's pid. */
function lock(path: string): () => void {
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8'));
      let alive: boolean;
      try {
        process.kill(pid, 0);
        alive = Number.isInteger(pid) && pid > 0;
      } catch {
        alive = false;
      }
      if (alive)
        throw new Stop(
          'failed',
          'lock',
          'busy',
          `Another update (process ${pid}) is running; nothing was done. Run again when it has finished.`,
        );
      rmSync(path, { force: true }); // left by a run that died
    }
  }
  throw new Stop('failed', 'lock', 'busy', `Could not take the update lock ${path}.`);
}

function claimsOf(problems: readonly StoryProblem[]): FailedClaim[] {
  return problems.flatMap((p) =>
    p.kind === 'claim'
      ? [
          {
            id: p.claim.id,
            says: p.claim.says,
            figures: p.claim.figures,
            sentences: p.sentences,
            file: p.file,
            line: p.line,
          },
        ]
      : [],
  );
}

function emptyReport(
  command: UpdateReport['command'],
  paths: UpdatePaths,
  startedAt: Date,
): UpdateReport {
  return {
    version: 1,
    command,
    outcome: 'failed',
    exitCode: EXIT_CODES.failed,
    summary: '',
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    base: { lastDay: null, dataHash: '' },
    fetch: null,
    daysAdded: [],
    restatements: [],
    lastDay: null,
    datasets: [],
    changeReport: [],
    claims: null,
    storyProblems: null,
    copyDiff: null,
    reviewChanges: [],
    held: null,
    failure: null,
    renders: null,
    timings: {},
    updateLog: null,
    files: {
      report: join(paths.reportsDir, REPORT_FILE),
      reportText: join(paths.reportsDir, REPORT_TEXT_FILE),
      held: null,
    },
  };
}

/** The change report part of the data step's report (before the capture-quality lines). */
function changeReportOf(ds: DataStepResult): string[] {
  const end = ds.build.report.findIndex((l) => l.startsWith('Capture-quality gate'));
  return end < 0 ? ds.build.report : ds.build.report.slice(0, end);
}

const rel = (root: string, p: string) => {
  const r = relative(root, p);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
};

function siteBuilder(opts: UpdateOptions): (outDir: string, generatedDir: string) => Promise<void> {
  const build =
    opts.buildSite ?? ((out: string, gen: string) => astroBuild(opts.paths.root, out, gen));
  // Into a temp sibling first; only a build with an index.html is kept (site-build.ts).
  return (out, gen) =>
    buildSite({ root: opts.paths.root, distDir: out, build: (tmp) => build(tmp, gen) });
}

/** The render-cache counts of this process from here on. */
function renderCounter(): () => NonNullable<UpdateReport['renders']> {
  const s = renderCacheStats();
  const [h, m, t] = [s.hits, s.misses, s.renderMs];
  return () => ({
    fromCache: s.hits - h,
    rendered: s.misses - m,
    renderMs: Math.round(s.renderMs - t),
  });
}

/** Writes the report (JSON and words) to the reports folder, and the held folder if any. */
function writeReport(report: UpdateReport, words: string[], extraDir?: string): void {
  for (const dir of [dirname(report.files.report), ...(extraDir ? [extraDir] : [])]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(dir, REPORT_TEXT_FILE), `${words.join('\n')}\n`);
  }
}

function classify(e: unknown, step: string): Stop {
  if (e instanceof Stop) return e;
  if (e instanceof FetchError)
    return new Stop(
      'failed',
      step,
      e.kind,
      e.message.replaceAll('npm run fetch again', 'npm run update again'),
    );
  if (e instanceof ImportError)
    return new Stop('failed', step, 'bad-response', `${e.message}\nNothing was imported.`);
  if (e instanceof DataError) return new Stop('failed', step, 'bad-data', e.message);
  const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return new Stop('failed', step, 'error', message);
}

/** What both commands start from: the report, the step timer and a staging folder beside .held/. */
function begin(command: UpdateReport['command'], opts: UpdateOptions, suffix: string) {
  const { paths } = opts;
  const now = opts.now ?? (() => new Date());
  const staging = `${paths.heldDir}.${suffix}-${process.pid}`;
  return {
    paths,
    now,
    env: opts.env ?? process.env,
    report: emptyReport(command, paths, now()),
    timer: new Timer(),
    staging,
    stage: {
      data: join(staging, 'data'),
      generated: join(staging, 'generated'),
      dist: join(staging, 'dist'),
    },
  };
}

/** A deployment build (DEPLOY=1) needs SITE_URL: said before any work. */
function requireSiteUrl(env: NodeJS.ProcessEnv): void {
  try {
    siteUrlFor(env);
  } catch (e) {
    throw new Stop('failed', 'settings', 'site-url', (e as Error).message);
  }
}

/**
 * Runs an update. Never throws for an outcome: the report says what happened (and its
 * exitCode); the live folders change only when the outcome is "published".
 */
export async function runUpdate(opts: UpdateOptions): Promise<UpdateReport> {
  const { paths, now, env, report, timer, staging, stage } = begin('update', opts, 'tmp');
  let unlock: (() => void) | undefined;
  let heldFolder = false;
  let step = 'start';
  try {
    unlock = lock(`${paths.heldDir}.lock`);
    step = 'settings';
    requireSiteUrl(env);

    step = 'stage';
    const lastBefore = lastImportedDay(paths.dataDir);
    report.base = { lastDay: lastBefore, dataHash: '' };
    if (lastBefore === null) {
      throw new Stop(
        'failed',
        'stage',
        'no-data',
        `${rel(paths.root, paths.dataDir)}/api-daily-tokens.csv has no Data API days yet, so there is nothing to update from: fetch a first range with npm run fetch -- --from YYYY-MM-DD.`,
      );
    }
    await timer.step('stage', () => {
      report.base.dataHash = treeHash(paths.dataDir);
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      cpSync(paths.dataDir, stage.data, { recursive: true });
    });

    step = 'fetch';
    const from = isoDay(utcDay.offset(new Date(`${lastBefore}T00:00:00Z`), -(RECHECK_DAYS - 1)));
    const fetched = await timer.step('fetch', () =>
      fetchRankings({
        dataDir: stage.data,
        from,
        key: opts.key,
        baseUrl: opts.baseUrl,
        clock: opts.clock,
        sleep: opts.sleep,
        fetch: opts.fetch,
        log: (l) => {
          if (/retrying|waiting/.test(l)) opts.progress?.(l.trim());
        },
      }),
    );
    report.fetch = {
      from: fetched.from,
      to: fetched.to,
      requests: fetched.requests,
      windows: fetched.windows,
    };
    report.daysAdded = fetched.daysAdded;
    report.restatements = fetched.restatements;
    report.datasets = fetched.import?.datasets ?? [];
    if (fetched.daysAdded.length === 0 && fetched.restatements.length === 0) {
      report.lastDay = lastBefore;
      const checked =
        fetched.outcome === 'nothing-to-fetch' ? '' : ` (checked ${fetched.from} to ${fetched.to})`;
      throw new Stop(
        'no-change',
        'fetch',
        'no-change',
        `No change: no new day upstream since ${lastBefore} and no restated figure${checked}. Nothing rebuilt.`,
      );
    }
    report.lastDay = lastImportedDay(stage.data);

    // The live build to compare with: its generated folder, or (on a fresh checkout, say in CI)
    // the data step run on the live data.
    step = 'data';
    let liveCopy = await readCopy(paths.outDir);
    if (liveCopy) cpSync(paths.outDir, stage.generated, { recursive: true });
    else {
      await timer.step('baseline', async () => {
        try {
          await runDataStep({ dataDir: paths.dataDir, outDir: stage.generated });
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          throw new Stop(
            'failed',
            'baseline',
            'live-build',
            `The live data does not pass its own checks with this code, so there is no build to compare with:\n${why}`,
          );
        }
      });
      liveCopy = await readCopy(stage.generated);
    }

    let ds: DataStepResult;
    try {
      ds = await timer.step('data', () =>
        runDataStep({ dataDir: stage.data, outDir: stage.generated, now: now() }),
      );
    } catch (e) {
      if (!(e instanceof StoryCheckError)) throw e;
      // The data is good but the story no longer fits it: hold for an editor.
      const failed = claimsOf(e.problems);
      report.claims = { checked: null, failed };
      const other = e.problems.filter((p) => p.kind !== 'claim');
      report.storyProblems = other.length > 0 ? formatStoryProblems(other) : null;
      if (e.copy && liveCopy) {
        report.copyDiff = diffCopy(liveCopy, e.copy);
        report.reviewChanges = reviewChanges(report.copyDiff, liveCopy, e.copy);
      }
      const reasons: NonNullable<UpdateReport['held']>['reasons'] = [];
      if (failed.length > 0) reasons.push('claims');
      if (other.some((p) => p.kind === 'setting')) reasons.push('story-settings');
      if (other.some((p) => p.kind !== 'setting')) reasons.push('story');
      rmSync(stage.generated, { recursive: true, force: true }); // the live build's copy, not this data's
      report.held = {
        reasons,
        folder: rel(paths.root, paths.heldDir),
        site: false,
        publishable: false,
      };
      const what =
        failed.length > 0
          ? `${failed.length} claim(s) of the copy no longer hold with the new data`
          : 'a story setting no longer fits the new data';
      throw new Stop(
        'held',
        'data',
        reasons[0]!,
        `Held for review: ${what}; nothing was published.`,
      );
    }
    report.changeReport = changeReportOf(ds);
    report.claims = { checked: ds.check.story.claims.length, failed: [] };
    report.copyDiff = ds.copyDiff;
    report.reviewChanges = reviewChanges(ds.copyDiff, liveCopy, ds.check.copy);

    step = 'site';
    const renders = renderCounter();
    await timer.step('site', () => siteBuilder(opts)(stage.dist, stage.generated));
    report.renders = renders();

    if (report.reviewChanges.length > 0) {
      report.held = {
        reasons: ['review'],
        folder: rel(paths.root, paths.heldDir),
        site: true,
        publishable: true,
      };
      throw new Stop(
        'held',
        'review',
        'review',
        `Held for review: the new data changes ${report.reviewChanges.length} sentence(s) marked for an editor's review; nothing was published.`,
      );
    }

    step = 'publish';
    await timer.step('publish', async () => {
      if (treeHash(paths.dataDir) !== report.base.dataHash) {
        throw new Stop(
          'failed',
          'publish',
          'data-changed',
          `${rel(paths.root, paths.dataDir)}/ changed while the update ran; nothing was published. Run npm run update again.`,
        );
      }
      await swapIn(stage.data, paths.dataDir);
      await swapIn(stage.generated, paths.outDir);
      await swapIn(stage.dist, paths.distDir);
      // A build held earlier is superseded: it was made from older data.
      rmSync(paths.heldDir, { recursive: true, force: true });
      pruneRenderCache(renderCacheDir(env, paths.root));
    });
    report.outcome = 'published';
    const days = report.daysAdded;
    report.summary =
      days.length > 0
        ? `Published: ${days.length} new day(s), data now through ${report.lastDay}${report.restatements.length > 0 ? `, ${report.restatements.length} restated figure(s)` : ''}; every claim holds.`
        : `Published: ${report.restatements.length} restated figure(s), data through ${report.lastDay}; every claim holds.`;
  } catch (e) {
    const stop = classify(e, step);
    report.outcome = stop.outcome;
    report.summary = stop.message;
    if (stop.outcome === 'failed')
      report.failure = { step: stop.step, kind: stop.kind, message: stop.message };
    if (stop.outcome === 'held') heldFolder = true;
  } finally {
    report.exitCode = EXIT_CODES[report.outcome];
    report.timings = { ...timer.timings, total: timer.total() };
    report.finishedAt = now().toISOString();
    try {
      if (heldFolder) {
        report.files.held = paths.heldDir;
        const words = formatReport(report, paths);
        writeFileSync(
          join(staging, 'copy-diff.txt'),
          `${(report.copyDiff ? formatCopyDiff(report.copyDiff) : ['Copy diff: none (the copy could not be computed).']).join('\n')}\n`,
        );
        if (report.claims?.failed.length || report.storyProblems) {
          writeFileSync(join(staging, 'claims.txt'), `${claimsText(report).join('\n')}\n`);
        }
        writeReport(report, words, staging);
        await swapIn(staging, paths.heldDir);
      } else {
        writeReport(report, formatReport(report, paths));
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
      unlock?.();
    }
  }
  return report;
}

function claimsText(report: UpdateReport): string[] {
  const out: string[] = [];
  const failed = report.claims?.failed ?? [];
  if (failed.length > 0) {
    out.push(`${failed.length} claim(s) the new data no longer supports:`);
    for (const c of failed) {
      out.push(
        '',
        `Claim "${c.id}" is false: ${c.says}.`,
        `  The figures now: ${c.figures}.`,
        '  Readers would read:',
      );
      for (const s of c.sentences) {
        out.push(`    ${s.file}:${s.line ?? '?'} (section "${s.section}"):`);
        for (const t of s.text) out.push(`      "${t}"`);
      }
      out.push(`  The claim: ${c.file}:${c.line ?? '?'}`);
    }
  }
  if (report.storyProblems) out.push('', report.storyProblems);
  return out;
}

/** Who approves a held build: --by, else git config user.name, else $USER. */
export function approver(
  by: string | undefined,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (by?.trim()) return by.trim();
  try {
    const name = execFileSync('git', ['config', 'user.name'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (name) return name;
  } catch {
    // no git, or no name set
  }
  return env.USER?.trim() || null;
}

/** Appends one entry to data/update-log.csv (with its header when the file is new). */
export function appendUpdateLog(dataDir: string, entry: UpdateLogEntry): void {
  const file = join(dataDir, updateLog.file);
  const cells = UPDATE_LOG_HEADER.map((k) => {
    const v = entry[k as keyof UpdateLogEntry];
    return v === null ? '' : String(v);
  });
  const row = `${cells.map(csvCell).join(',')}\n`;
  if (!existsSync(file)) writeFileSync(file, `${UPDATE_LOG_HEADER.join(',')}\n${row}`);
  else appendFileSync(file, row);
}

/** Reads the report of the held build, or null. */
export function readHeldReport(heldDir: string): UpdateReport | null {
  try {
    const r = JSON.parse(readFileSync(join(heldDir, REPORT_FILE), 'utf8')) as UpdateReport;
    return r.version === 1 && r.outcome === 'held' ? r : null;
  } catch {
    return null;
  }
}

/**
 * `npm run update -- --publish-held`: publishes the held build after an editor read it. It is
 * rebuilt from the held data (so the update log, which names the editor, is on the page) and
 * published only if nothing moved since it was held: the live data is the data it was made
 * from, every claim still holds and the copy is the copy the editor read.
 */
export async function publishHeld(opts: PublishHeldOptions): Promise<UpdateReport> {
  const { paths, now, env, report, timer, staging, stage } = begin('publish-held', opts, 'publish');
  let unlock: (() => void) | undefined;
  let step = 'start';
  try {
    unlock = lock(`${paths.heldDir}.lock`);
    step = 'settings';
    requireSiteUrl(env);
    step = 'held';
    const held = readHeldReport(paths.heldDir);
    const folder = rel(paths.root, paths.heldDir);
    if (!held)
      throw new Stop(
        'failed',
        'held',
        'no-held-build',
        `There is no held update in ${folder}/ to publish (npm run update holds one when a check needs an editor).`,
      );
    Object.assign(report, {
      base: held.base,
      fetch: held.fetch,
      daysAdded: held.daysAdded,
      restatements: held.restatements,
      lastDay: held.lastDay,
      datasets: held.datasets,
      changeReport: held.changeReport,
      copyDiff: held.copyDiff,
      reviewChanges: held.reviewChanges,
    });
    if (!held.held?.publishable) {
      report.claims = held.claims;
      report.storyProblems = held.storyProblems;
      throw new Stop(
        'failed',
        'held',
        'not-publishable',
        `The held update cannot be published: ${held.summary.replace(/^Held for review: /, '')} ` +
          'A page whose claims do not hold is never published. Fix the copy or its claims (see claims.txt in the held folder), commit, then run npm run update again.',
      );
    }
    const live = await timer.step('check', () => treeHash(paths.dataDir));
    if (live !== held.base.dataHash) {
      throw new Stop(
        'failed',
        'held',
        'data-changed',
        `The live data changed since this update was held (${held.finishedAt}), so it would undo those changes; nothing was published. Run npm run update again to hold or publish a fresh build.`,
      );
    }
    const who = approver(opts.by, paths.root, env);
    if (!who)
      throw new Stop(
        'failed',
        'held',
        'no-approver',
        'Say who read the held build: npm run update -- --publish-held --by "Your Name".',
      );

    step = 'data';
    await timer.step('stage', () => {
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      cpSync(join(paths.heldDir, 'data'), stage.data, { recursive: true });
      cpSync(join(paths.heldDir, 'generated'), stage.generated, { recursive: true });
    });
    const heldCopy = await readCopy(stage.generated);
    const changes = held.copyDiff?.count ?? 0;
    if (changes > 0) {
      const entry: UpdateLogEntry = {
        published_at: now().toISOString(),
        data_through: held.lastDay ?? lastImportedDay(stage.data) ?? isoDay(now()),
        approved_by: who,
        copy_changes: changes,
        reviewed:
          held.reviewChanges.length > 0
            ? held.reviewChanges.map((c) => c.after ?? `(removed) ${c.before ?? ''}`).join('\n')
            : null,
      };
      appendUpdateLog(stage.data, entry);
      report.updateLog = entry;
    }
    let ds: DataStepResult;
    try {
      ds = await timer.step('data', () =>
        runDataStep({ dataDir: stage.data, outDir: stage.generated, now: now() }),
      );
    } catch (e) {
      if (!(e instanceof StoryCheckError)) throw e;
      report.claims = { checked: null, failed: claimsOf(e.problems) };
      throw new Stop(
        'failed',
        'data',
        'claims',
        `The held data no longer passes the story check with the current code; nothing was published. Run npm run update again.\n${e.message}`,
      );
    }
    report.claims = { checked: ds.check.story.claims.length, failed: [] };
    if (heldCopy && ds.copyDiff.count > 0) {
      report.copyDiff = ds.copyDiff;
      throw new Stop(
        'failed',
        'data',
        'copy-changed',
        `The copy now differs from the held build the editor read (${ds.copyDiff.count} change(s): the code changed since); nothing was published. Run npm run update again and read the new copy diff.`,
      );
    }
    step = 'site';
    const renders = renderCounter();
    await timer.step('site', () => siteBuilder(opts)(stage.dist, stage.generated));
    report.renders = renders();
    step = 'publish';
    await timer.step('publish', async () => {
      if (treeHash(paths.dataDir) !== held.base.dataHash)
        throw new Stop(
          'failed',
          'publish',
          'data-changed',
          'The live data changed while the held build was published; nothing was published. Run npm run update again.',
        );
      await swapIn(stage.data, paths.dataDir);
      await swapIn(stage.generated, paths.outDir);
      await swapIn(stage.dist, paths.distDir);
      rmSync(paths.heldDir, { recursive: true, force: true });
    });
    report.outcome = 'published';
    report.summary = `Published the held update (data through ${report.lastDay}), read and approved by ${who}${report.updateLog ? `; logged in ${rel(paths.root, join(paths.dataDir, updateLog.file))}` : ''}.`;
  } catch (e) {
    const stop = classify(e, step);
    report.outcome = stop.outcome === 'no-change' ? 'failed' : stop.outcome;
    report.summary = stop.message;
    report.failure = { step: stop.step, kind: stop.kind, message: stop.message };
  } finally {
    report.exitCode = EXIT_CODES[report.outcome];
    report.timings = { ...timer.timings, total: timer.total() };
    report.finishedAt = now().toISOString();
    try {
      writeReport(report, formatReport(report, paths));
    } finally {
      rmSync(staging, { recursive: true, force: true });
      unlock?.();
    }
  }
  return report;
}

const LABEL: Record<Outcome, string> = {
  published: 'PUBLISHED',
  'no-change': 'NO CHANGE',
  held: 'HELD FOR REVIEW',
  failed: 'FAILED',
};
const STEP_LABEL: Record<string, string> = {
  stage: 'stage',
  fetch: 'fetch and import',
  baseline: 'live baseline',
  check: 'check',
  data: 'data and claims',
  site: 'site build',
  publish: 'publish',
};
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const tokens = (s: string | null) =>
  s === null ? 'not listed' : Number(s).toLocaleString('en-US');
const span = (days: readonly string[]) =>
  days.length === 1
    ? `1 new day, ${days[0]}`
    : `${days.length} new days, ${days[0]} to ${days.at(-1)}`;

/** The report in words, as printed on the terminal. "No change" is one line. */
export function formatReport(r: UpdateReport, paths: UpdatePaths): string[] {
  const where = (p: string) => rel(paths.root, p);
  const head = `npm run update${r.command === 'publish-held' ? ' -- --publish-held' : ''}: ${LABEL[r.outcome]} (exit ${r.exitCode}).`;
  if (r.outcome === 'no-change')
    return [
      `${head.replace(/\.$/, ':')} ${r.summary.replace(/^No change: /, '')} Report: ${where(r.files.report)}`,
    ];
  const held = r.command === 'publish-held';
  const out = [head, `  ${r.summary.split('\n')[0]}`];
  if (r.outcome === 'failed') {
    for (const l of r.summary.split('\n').slice(1)) out.push(`  ${l}`);
    out.push('  The published site and data are unchanged (data/, src/data/generated/, dist/).');
  }
  if (r.fetch && !held) {
    out.push(
      `  Fetched: OpenRouter rankings-daily ${r.fetch.from} to ${r.fetch.to} in ${r.fetch.requests} request(s) (the last ${RECHECK_DAYS} imported days again, for restatements).`,
    );
  }
  if (r.daysAdded.length > 0 || r.restatements.length > 0 || r.fetch) {
    out.push(
      `  New data: ${r.daysAdded.length > 0 ? span(r.daysAdded) : 'no new day'}; data through ${r.lastDay ?? r.base.lastDay ?? 'unknown'} (was ${r.base.lastDay ?? 'none'}).`,
    );
    if (r.restatements.length === 0) out.push('  Restated: none.');
    else {
      out.push(`  Restated: ${r.restatements.length} figure(s):`);
      for (const x of r.restatements.slice(0, 20))
        out.push(
          `    ${x.date} ${x.model_permaslug}: ${tokens(x.before)} -> ${tokens(x.after)} tokens (as_of ${x.as_of_before ?? 'unknown'} -> ${x.as_of_after ?? 'unknown'})`,
        );
      if (r.restatements.length > 20)
        out.push(`    … and ${r.restatements.length - 20} more (in the JSON report)`);
    }
  }
  if (r.claims) {
    const failed = r.claims.failed.length;
    out.push(
      failed === 0
        ? `  Claims: ${r.claims.checked === null ? 'all' : `all ${r.claims.checked}`} hold.`
        : `  Claims: ${failed} no longer hold:`,
    );
    if (failed > 0) for (const l of claimsText(r).slice(1)) out.push(l ? `  ${l}` : '');
  }
  if (r.storyProblems && !r.claims?.failed.length)
    for (const l of r.storyProblems.split('\n')) out.push(l ? `  ${l}` : '');
  // --publish-held: the editor read the change report and the copy diff in the held report.
  if (!held) for (const l of r.changeReport) out.push(`  ${l}`);
  if (r.copyDiff && (!held || r.failure?.kind === 'copy-changed'))
    for (const l of formatCopyDiff(r.copyDiff)) out.push(`  ${l}`);
  if (r.copyDiff || r.reviewChanges.length > 0) {
    if (r.reviewChanges.length === 0)
      out.push('  Sentences marked for review ({?review} in src/story/article.aml): none changed.');
    else {
      out.push(
        `  Sentences marked for review ({?review} in src/story/article.aml) that change: ${r.reviewChanges.length}:`,
      );
      for (const c of r.reviewChanges)
        out.push(
          `    ${c.section}: "${c.before ?? '(new)'}"`,
          `      -> "${c.after ?? '(removed)'}"`,
        );
    }
  }
  if (r.renders)
    out.push(
      `  Site: built${r.outcome === 'published' ? ` and swapped into ${where(paths.distDir)}/` : ''}; images: ${r.renders.fromCache} from the render cache, ${r.renders.rendered} rendered (${secs(r.renders.renderMs)}).`,
    );
  if (r.updateLog)
    out.push(
      `  Update log: ${r.updateLog.published_at}, data through ${r.updateLog.data_through}, approved by ${r.updateLog.approved_by} (${where(join(paths.dataDir, updateLog.file))}; shown on the methodology page).`,
    );
  if (r.outcome === 'held' && r.held) {
    const f = r.held.folder;
    out.push(
      `  Kept beside the live site, not published: ${f}/ (data/${r.held.site ? ', generated/, dist/' : ''}, copy-diff.txt${r.claims?.failed.length || r.storyProblems ? ', claims.txt' : ''}, ${REPORT_FILE}, ${REPORT_TEXT_FILE}). The live site and data are unchanged.`,
    );
    if (r.held.publishable) {
      out.push(
        `  Next: read the copy diff above (and the site, under the host's runtime on a port you choose: npm run serve:host -- --dir ${f}/dist --port 8790), then publish it with npm run update -- --publish-held --by "Your Name".`,
      );
    } else {
      out.push(
        '  Next: if the figures are right, rewrite the sentence(s) and change the claim (see above), commit, and run npm run update again; if they are wrong, wait for OpenRouter to correct them (the next run fetches them again).',
      );
    }
  }
  const t = Object.entries(r.timings)
    .filter(([k]) => k !== 'total')
    .map(([k, v]) => `${STEP_LABEL[k] ?? k} ${secs(v)}`);
  out.push(`  Time: ${[...t, `total ${secs(r.timings.total ?? 0)}`].join(' · ')}.`);
  out.push(
    `  Report: ${where(r.files.report)} (JSON), ${where(r.files.reportText)} (these words).`,
  );
  return out;
}
