/**
 * `npm run update`, the scheduled command: fetch, check, build and publish or hold (see
 * index.ts for the four outcomes). Each step below is one named function on the run, in the
 * order runUpdate calls them; the frame around them (lock, recovery, report) is common.ts's.
 */
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { apiDailyTokens } from '../../pipeline/datasets.ts';
import { apiRows, implausibleDays } from './plausibility.ts';
import { join } from 'node:path';
import { utcDay } from 'd3-time';
import { fetchRankings, lastImportedDay } from '../../import/fetch.ts';
import { writeFileAtomic } from '../../lib/atomic-write.ts';
import { diffCopy, formatCopyDiff, reviewChanges } from '../data-step/copy-diff.ts';
import { readCopy, runDataStep } from '../data-step/data-step.ts';
import type { CopySnapshot } from '../data-step/copy-diff.ts';
import { pruneRenderCache, renderCacheDir } from '../images/render-cache.ts';
import { swapIn } from '../site/site-build.ts';
import { formatStoryProblems, StoryCheckError } from '../data-step/verify.ts';
import {
  begin,
  buildStagedSite,
  effectsOf,
  inRun,
  isoDay,
  publishIfUnchanged,
  stagedDataStep,
  Stop,
  type Run,
  type UpdateOptions,
} from './common.ts';
import { rel } from './paths.ts';
import {
  changeReportOf,
  claimsOf,
  claimsText,
  formatReport,
  RECHECK_DAYS,
  writeReport,
  type UpdateReport,
} from './report.ts';
import { treeHash } from './tree-hash.ts';

/**
 * Runs an update. Never throws for an outcome: the report says what happened (and its
 * exitCode); the live folders change only when the outcome is "published".
 */
export async function runUpdate(opts: UpdateOptions): Promise<UpdateReport> {
  let held = false;
  return inRun(
    begin('update', opts, 'tmp'),
    async (run) => {
      const lastBefore = await stageLiveData(run);
      await fetchNewDays(run, lastBefore);
      holdImplausible(run);
      const liveCopy = await liveBaseline(run);
      await dataAndClaims(run, liveCopy);
      await buildStagedSite(run);
      holdForReview(run);
      await publish(run);
      run.report.outcome = 'published';
      run.report.summary = publishedSummary(run.report);
    },
    {
      stopped: (run, stop) => {
        run.report.outcome = stop.outcome;
        run.report.summary = stop.message;
        if (stop.outcome === 'failed')
          run.report.failure = { step: stop.step, kind: stop.kind, message: stop.message };
        if (stop.outcome === 'held') held = true;
      },
      write: (run) => (held ? writeHeld(run) : Promise.resolve(writeReportOnly(run))),
    },
  );
}

const writeReportOnly = (run: Run) => writeReport(run.report, formatReport(run.report, run.paths));

/** The held folder the report names, with why it was held and whether it can be published. */
function heldAs(run: Run, reasons: NonNullable<UpdateReport['held']>['reasons'], site: boolean) {
  run.report.held = {
    reasons,
    folder: rel(run.paths.root, run.paths.heldDir),
    site,
    publishable: site,
  };
}

/** The live data copied into staging; returns its last Data API day (none: nothing to update). */
async function stageLiveData(run: Run): Promise<string> {
  const { paths, report, stage } = run;
  run.step = 'stage';
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
  await run.timer.step('stage', () => {
    report.base.dataHash = treeHash(paths.dataDir);
    rmSync(run.staging, { recursive: true, force: true });
    mkdirSync(run.staging, { recursive: true });
    cpSync(paths.dataDir, stage.data, { recursive: true });
  });
  return lastBefore;
}

/** Fetches and imports into staging the days since `lastBefore` (and the last RECHECK_DAYS again);
 *  nothing new and nothing restated ends the run: no change. */
async function fetchNewDays(run: Run, lastBefore: string): Promise<void> {
  const { opts, report } = run;
  run.step = 'fetch';
  const from = isoDay(utcDay.offset(new Date(`${lastBefore}T00:00:00Z`), -(RECHECK_DAYS - 1)));
  const fetched = await run.timer.step('fetch', () =>
    fetchRankings({
      dataDir: run.stage.data,
      from,
      key: opts.key,
      baseUrl: opts.baseUrl,
      ...effectsOf(opts),
      limits: opts.limits,
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
  report.lastDay = lastImportedDay(run.stage.data);
}

/** Before anything counts the new days: are they plausible against their own history? */
function holdImplausible(run: Run): void {
  const { report } = run;
  run.step = 'plausibility';
  const changedDays = [
    ...new Set([...report.daysAdded, ...report.restatements.map((x) => x.date)]),
  ];
  report.implausible = implausibleDays(
    apiRows(readFileSync(join(run.stage.data, apiDailyTokens.file), 'utf8')),
    changedDays,
  );
  if (report.implausible.length === 0) return;
  heldAs(run, ['plausibility'], false);
  throw new Stop(
    'held',
    'plausibility',
    'plausibility',
    `Held for review: ${report.implausible.length} implausible figure(s) in the new data (${report.implausible[0]}); nothing was published.`,
  );
}

/**
 * The live build to compare with: its generated folder, or (on a fresh checkout, say in CI) the
 * data step run on the live data. Either is copied to the staged generated folder.
 */
async function liveBaseline(run: Run): Promise<CopySnapshot | null> {
  const { paths, stage } = run;
  run.step = 'data';
  const liveCopy = await readCopy(paths.outDir);
  if (liveCopy) {
    cpSync(paths.outDir, stage.generated, { recursive: true });
    return liveCopy;
  }
  await run.timer.step('baseline', async () => {
    try {
      await runDataStep({ dataDir: paths.dataDir, outDir: stage.generated, now: run.now() });
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
  return readCopy(stage.generated);
}

/** The data step on the staged data: the change report, the claims and the copy diff. A story
 *  that no longer fits the (good) data holds the run for an editor. */
async function dataAndClaims(run: Run, liveCopy: CopySnapshot | null): Promise<void> {
  const { report } = run;
  const ds = await stagedDataStep(run);
  if (ds instanceof StoryCheckError) holdStoryMisfit(run, ds, liveCopy);
  report.changeReport = changeReportOf(ds);
  report.claims = { checked: ds.check.story.claims.length, failed: [] };
  report.copyDiff = ds.copyDiff;
  report.reviewChanges = reviewChanges(ds.copyDiff, liveCopy, ds.check.copy);
}

/** The data is good but the story no longer fits it: the failed claims and settings, then held. */
function holdStoryMisfit(run: Run, e: StoryCheckError, liveCopy: CopySnapshot | null): never {
  const { report } = run;
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
  if (other.some((p) => p.kind === 'one-sided')) reasons.push('one-sided');
  if (other.some((p) => p.kind === 'setting')) reasons.push('story-settings');
  if (other.some((p) => p.kind !== 'setting' && p.kind !== 'one-sided')) reasons.push('story');
  rmSync(run.stage.generated, { recursive: true, force: true }); // the live build's copy, not this data's
  heldAs(run, reasons, false);
  const what =
    failed.length > 0
      ? `${failed.length} claim(s) of the copy no longer hold with the new data`
      : reasons[0] === 'one-sided'
        ? 'the newest week or day of the data has one side only'
        : 'a story setting no longer fits the new data';
  throw new Stop('held', 'data', reasons[0]!, `Held for review: ${what}; nothing was published.`);
}

/** A sentence marked {?review} changes: held, with its site, for an editor to read. */
function holdForReview(run: Run): void {
  const n = run.report.reviewChanges.length;
  if (n === 0) return;
  heldAs(run, ['review'], true);
  throw new Stop(
    'held',
    'review',
    'review',
    `Held for review: the new data changes ${n} sentence(s) marked for an editor's review; nothing was published.`,
  );
}

/** The staged trees swapped in, if the live data did not change meanwhile; the render cache pruned. */
async function publish(run: Run): Promise<void> {
  await publishIfUnchanged(
    run,
    run.report.base.dataHash,
    `${rel(run.paths.root, run.paths.dataDir)}/ changed while the update ran; nothing was published. Run npm run update again.`,
    () => pruneRenderCache(renderCacheDir(run.env, run.paths.root)),
  );
}

function publishedSummary(report: UpdateReport): string {
  const days = report.daysAdded;
  return days.length > 0
    ? `Published: ${days.length} new day(s), data now through ${report.lastDay}${report.restatements.length > 0 ? `, ${report.restatements.length} restated figure(s)` : ''}; every claim holds.`
    : `Published: ${report.restatements.length} restated figure(s), data through ${report.lastDay}; every claim holds.`;
}

/** A held run: the staging folder, with the copy diff, the failed claims and the report, becomes
 *  the held folder (replacing an earlier one whole). */
async function writeHeld(run: Run): Promise<void> {
  const { report, paths, staging } = run;
  report.files.held = paths.heldDir;
  const words = formatReport(report, paths);
  writeFileAtomic(
    join(staging, 'copy-diff.txt'),
    `${(report.copyDiff ? formatCopyDiff(report.copyDiff) : ['Copy diff: none (the copy could not be computed).']).join('\n')}\n`,
  );
  if (report.claims?.failed.length || report.storyProblems) {
    writeFileAtomic(join(staging, 'claims.txt'), `${claimsText(report).join('\n')}\n`);
  }
  writeReport(report, words, staging);
  await swapIn(staging, paths.heldDir);
}
