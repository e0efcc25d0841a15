/**
 * `npm run update`, the scheduled command: fetch, check, build and publish or hold (see
 * index.ts for the four outcomes).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { apiDailyTokens } from '../../pipeline/datasets.ts';
import { apiRows, implausibleDays } from './plausibility.ts';
import { join } from 'node:path';
import { utcDay } from 'd3-time';
import { fetchRankings, lastImportedDay } from '../../import/fetch.ts';
import { writeFileAtomic } from '../../lib/atomic-write.ts';
import { diffCopy, formatCopyDiff, reviewChanges } from '../data-step/copy-diff.ts';
import { readCopy, runDataStep, type DataStepResult } from '../data-step/data-step.ts';
import { pruneRenderCache, renderCacheDir } from '../images/render-cache.ts';
import { swapIn } from '../site/site-build.ts';
import { formatStoryProblems, StoryCheckError } from '../data-step/verify.ts';
import {
  begin,
  classify,
  isoDay,
  renderCounter,
  requireSiteUrl,
  siteBuilder,
  Stop,
  startRun,
  effectsOf,
  journalPath,
  publishStaged,
  type UpdateOptions,
} from './common.ts';
import { rel } from './paths.ts';
import {
  changeReportOf,
  claimsOf,
  claimsText,
  EXIT_CODES,
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
  const { paths, now, env, report, timer, staging, stage } = begin('update', opts, 'tmp');
  let unlock: (() => void) | undefined;
  let heldFolder = false;
  let step = 'start';
  try {
    const started = await startRun(paths);
    unlock = started.unlock;
    report.recovered = started.notes;
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
    report.lastDay = lastImportedDay(stage.data);

    // Before anything counts the new days: are they plausible against their own history?
    step = 'plausibility';
    const changedDays = [
      ...new Set([...report.daysAdded, ...report.restatements.map((x) => x.date)]),
    ];
    report.implausible = implausibleDays(
      apiRows(readFileSync(join(stage.data, apiDailyTokens.file), 'utf8')),
      changedDays,
    );
    if (report.implausible.length > 0) {
      report.held = {
        reasons: ['plausibility'],
        folder: rel(paths.root, paths.heldDir),
        site: false,
        publishable: false,
      };
      throw new Stop(
        'held',
        'plausibility',
        'plausibility',
        `Held for review: ${report.implausible.length} implausible figure(s) in the new data (${report.implausible[0]}); nothing was published.`,
      );
    }

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
      // A build held earlier is superseded: it was made from older data.
      await publishStaged(opts, stage, [paths.heldDir, staging], now());
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
        writeFileAtomic(
          join(staging, 'copy-diff.txt'),
          `${(report.copyDiff ? formatCopyDiff(report.copyDiff) : ['Copy diff: none (the copy could not be computed).']).join('\n')}\n`,
        );
        if (report.claims?.failed.length || report.storyProblems) {
          writeFileAtomic(join(staging, 'claims.txt'), `${claimsText(report).join('\n')}\n`);
        }
        writeReport(report, words, staging);
        await swapIn(staging, paths.heldDir);
      } else {
        writeReport(report, formatReport(report, paths));
      }
    } finally {
      // A publish stopped part-way keeps its staged trees: the next run finishes it (journal.ts).
      if (!existsSync(journalPath(paths))) rmSync(staging, { recursive: true, force: true });
      unlock?.();
    }
  }
  return report;
}
