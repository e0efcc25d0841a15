/**
 * What both update commands share: their options (the effects among them), the outcome decided
 * part-way (Stop) and how any error becomes one, the step timer, the staging folder and the site
 * build they run.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { FetchError, realEffects, type Effects, type FetchOptions } from '../../import/fetch.ts';
import { applyJournal, recover, sweepStale, writeJournal, type CrashPoint } from './journal.ts';
import { lock } from './lock.ts';
import { ImportError } from '../../import/problems.ts';
import { DataError } from '../../pipeline/problems.ts';
import { siteUrlFor } from '../site/deploy.ts';
import { renderCacheStats } from '../images/render-cache.ts';
import { buildSite } from '../site/site-build.ts';
import { LockBusy } from './lock.ts';
import { emptyReport, type UpdateReport } from './report.ts';
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

/** What both commands start from: the report, the step timer and a staging folder beside .held/. */
export function begin(command: UpdateReport['command'], opts: UpdateOptions, suffix: string) {
  const { paths } = opts;
  const clock = effectsOf(opts).clock;
  const now = opts.now ?? (() => new Date(clock()));
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
