/**
 * What both update commands share: their options (the effects among them), the outcome decided
 * part-way (Stop) and how any error becomes one, the step timer, the staging folder and the site
 * build they run.
 */
import { join } from 'node:path';
import { existsSync, rmSync } from 'node:fs';
import { FetchError, realEffects, type Effects, type FetchOptions } from '../../import/fetch.ts';
import { applyJournal, recover, sweepStale, writeJournal, type CrashPoint } from './journal.ts';
import { lock } from './lock.ts';
import { ImportError } from '../../import/problems.ts';
import { DataError } from '../../pipeline/problems.ts';
import { siteUrlFor } from '../site/deploy.ts';
import { renderCacheStats } from '../images/render-cache.ts';
import { buildSite } from '../site/site-build.ts';
import { runDataStep, type DataStepResult } from '../data-step/data-step.ts';
import { StoryCheckError } from '../data-step/verify.ts';
import { LockBusy } from './lock.ts';
import { emptyReport, EXIT_CODES, formatReport, writeReport, type UpdateReport } from './report.ts';
import { treeHash } from './tree-hash.ts';
import type { UpdatePaths } from './paths.ts';

export interface UpdateOptions extends Pick<
  FetchOptions,
  'key' | 'baseUrl' | 'clock' | 'sleep' | 'fetch' | 'limits'
> {
  paths: UpdatePaths;
  /** The side effects as one object (clock, sleep, fetch), as Observable Framework passes them;
   *  the single fields above are the same, kept for callers that set one. */
  effects?: Partial<Effects>;
  /** Builds the site from a generated folder into a folder (default: astro build, in this process). */
  buildSite?: (outDir: string, generatedDir: string) => Promise<void>;
  /** Progress lines (waits and retries), for the terminal. */
  progress?: (line: string) => void;
  /** The time, for the report and the update log (default: the effects' clock). */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Called at each named point of the publish (tests kill the process there). */
  crash?: (point: CrashPoint) => void;
}

/** The effects of a run: the options' own, else the real ones. */
export function effectsOf(opts: UpdateOptions): Effects {
  const real = realEffects();
  return {
    clock: opts.effects?.clock ?? opts.clock ?? real.clock,
    sleep: opts.effects?.sleep ?? opts.sleep ?? real.sleep,
    ...((opts.effects?.fetch ?? opts.fetch) ? { fetch: opts.effects?.fetch ?? opts.fetch } : {}),
  };
}

export interface PublishHeldOptions extends UpdateOptions {
  /** Who read the held build (--by); default: git config user.name, then $USER. */
  by?: string;
}

/** An outcome decided part-way through a run. */
export class Stop extends Error {
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

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Steps timed in order; each returns its result. */
export class Timer {
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

export function siteBuilder(
  opts: UpdateOptions,
): (outDir: string, generatedDir: string) => Promise<void> {
  const build =
    opts.buildSite ?? ((out: string, gen: string) => astroBuild(opts.paths.root, out, gen));
  // Into a temp sibling first; only a build with an index.html is kept (site-build.ts).
  return (out, gen) =>
    buildSite({ root: opts.paths.root, distDir: out, build: (tmp) => build(tmp, gen) });
}

/** The render-cache counts of this process from here on. */
export function renderCounter(): () => NonNullable<UpdateReport['renders']> {
  const s = renderCacheStats();
  const [h, m, t] = [s.hits, s.misses, s.renderMs];
  return () => ({
    fromCache: s.hits - h,
    rendered: s.misses - m,
    renderMs: Math.round(s.renderMs - t),
  });
}

export function classify(e: unknown, step: string): Stop {
  if (e instanceof Stop) return e;
  if (e instanceof LockBusy) return new Stop('failed', 'lock', 'busy', e.message);
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

/** One run of either command: its options, report, timer, staging folder and current step. */
export interface Run {
  opts: UpdateOptions;
  paths: UpdatePaths;
  now: () => Date;
  env: NodeJS.ProcessEnv;
  report: UpdateReport;
  timer: Timer;
  /** The staging folder beside .held/ (`.held.<suffix>-<pid>`). */
  staging: string;
  /** The staged trees, in the staging folder. */
  stage: { data: string; generated: string; dist: string };
  /** The step under way, named in a failure. */
  step: string;
}

/** What both commands start from: the report, the step timer and a staging folder beside .held/. */
export function begin(command: UpdateReport['command'], opts: UpdateOptions, suffix: string): Run {
  const { paths } = opts;
  const clock = effectsOf(opts).clock;
  const now = opts.now ?? (() => new Date(clock()));
  const staging = `${paths.heldDir}.${suffix}-${process.pid}`;
  return {
    opts,
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
    step: 'start',
  };
}

/** How a command ends: what a Stop makes of the report, and how the report is written. */
export interface RunEnding {
  /** Records the outcome a Stop (or any error, classified) decided. */
  stopped: (run: Run, stop: Stop) => void;
  /** Writes the report (default: reports/ only). */
  write?: (run: Run) => Promise<void>;
}

/**
 * The frame both commands run in: take the lock, finish an interrupted publish and sweep dead
 * runs' folders (startRun), refuse a deployment build without SITE_URL, then the command's own
 * steps. Never throws for an outcome: any error becomes the report's. Always writes the report
 * and removes the staging folder (unless a publish journal still needs it), then unlocks.
 */
export async function inRun(
  run: Run,
  steps: (run: Run) => Promise<void>,
  ending: RunEnding,
): Promise<UpdateReport> {
  const { report } = run;
  let unlock: (() => void) | undefined;
  try {
    const started = await startRun(run.paths);
    unlock = started.unlock;
    report.recovered = started.notes;
    run.step = 'settings';
    requireSiteUrl(run.env);
    await steps(run);
  } catch (e) {
    ending.stopped(run, classify(e, run.step));
  } finally {
    report.exitCode = EXIT_CODES[report.outcome];
    report.timings = { ...run.timer.timings, total: run.timer.total() };
    report.finishedAt = run.now().toISOString();
    try {
      await (
        ending.write ?? (async (r: Run) => writeReport(r.report, formatReport(r.report, r.paths)))
      )(run);
    } finally {
      // A publish stopped part-way keeps its staged trees: the next run finishes it (journal.ts).
      if (!existsSync(journalPath(run.paths)))
        rmSync(run.staging, { recursive: true, force: true });
      unlock?.();
    }
  }
  return report;
}

/**
 * The data step on the staged data, timed, on the run's clock. A story that no longer fits the
 * data comes back as its StoryCheckError (the caller holds or fails); bad data throws.
 */
export async function stagedDataStep(run: Run): Promise<DataStepResult | StoryCheckError> {
  run.step = 'data';
  try {
    return await run.timer.step('data', () =>
      runDataStep({ dataDir: run.stage.data, outDir: run.stage.generated, now: run.now() }),
    );
  } catch (e) {
    if (e instanceof StoryCheckError) return e;
    throw e;
  }
}

/** The site built from the staged generated folder into the staged dist, with its render counts. */
export async function buildStagedSite(run: Run): Promise<void> {
  run.step = 'site';
  const renders = renderCounter();
  await run.timer.step('site', () => siteBuilder(run.opts)(run.stage.dist, run.stage.generated));
  run.report.renders = renders();
}

/**
 * Publishes the staged trees if the live data is still the data they were made from (else fails
 * with `changed` and publishes nothing); a held build is superseded and removed.
 */
export async function publishIfUnchanged(
  run: Run,
  baseHash: string,
  changed: string,
  after?: () => void,
): Promise<void> {
  run.step = 'publish';
  await run.timer.step('publish', async () => {
    if (treeHash(run.paths.dataDir) !== baseHash)
      throw new Stop('failed', 'publish', 'data-changed', changed);
    // A build held earlier is superseded: it was made from older data.
    await publishStaged(run.opts, run.stage, [run.paths.heldDir, run.staging], run.now());
    after?.();
  });
}

/** A deployment build (DEPLOY=1) needs SITE_URL: said before any work. */
export function requireSiteUrl(env: NodeJS.ProcessEnv): void {
  try {
    siteUrlFor(env);
  } catch (e) {
    throw new Stop('failed', 'settings', 'site-url', (e as Error).message);
  }
}

/** The journal of a publish in progress, beside the held folder. */
export const journalPath = (paths: UpdatePaths) => `${paths.heldDir}.journal.json`;

/**
 * What every run does first: take the lock, finish a publish a kill interrupted, and remove the
 * temporary folders dead runs left. Returns the release of the lock and lines for the report.
 */
export async function startRun(
  paths: UpdatePaths,
): Promise<{ unlock: () => void; notes: string[] }> {
  const unlock = lock(`${paths.heldDir}.lock`);
  const notes: string[] = [];
  try {
    const journal = journalPath(paths);
    if (existsSync(journal)) {
      const moves = await recover(journal);
      notes.push(
        `Finished a publish an earlier run left half-done (${moves?.length ?? 0} folder(s) moved into place from its journal).`,
      );
    }
    const stale = sweepStale([paths.dataDir, paths.outDir, paths.distDir, paths.heldDir]);
    if (stale.length > 0)
      notes.push(
        `Removed ${stale.length} temporary folder(s) left by runs that died: ${stale.join(', ')}.`,
      );
  } catch (e) {
    unlock();
    throw e;
  }
  return { unlock, notes };
}

/**
 * Replaces the live data/, generated folder and site with the staged ones, all or nothing across
 * a kill (journal.ts); removes the staging folder and a superseded held build.
 */
export async function publishStaged(
  opts: UpdateOptions,
  stage: { data: string; generated: string; dist: string },
  remove: string[],
  now: Date,
): Promise<void> {
  const { paths } = opts;
  const journal = journalPath(paths);
  writeJournal(
    journal,
    [
      { from: stage.data, to: paths.dataDir },
      { from: stage.generated, to: paths.outDir },
      { from: stage.dist, to: paths.distDir },
    ],
    remove,
    now,
  );
  await applyJournal(journal, opts.crash);
}
