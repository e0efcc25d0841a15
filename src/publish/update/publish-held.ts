/**
 * `npm run update -- --publish-held`: an editor read the held build; publish it if nothing moved
 * since it was held.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lastImportedDay } from '../../import/fetch.ts';
import { updateLog, type UpdateLogEntry } from '../../pipeline/update-log.ts';
import { readCopy, runDataStep, type DataStepResult } from '../data-step/data-step.ts';
import { StoryCheckError } from '../data-step/verify.ts';
import {
  begin,
  classify,
  isoDay,
  renderCounter,
  requireSiteUrl,
  siteBuilder,
  Stop,
  startRun,
  journalPath,
  publishStaged,
  type PublishHeldOptions,
} from './common.ts';
import { rel } from './paths.ts';
import { appendUpdateLog, approver } from './update-log.ts';
import {
  claimsOf,
  EXIT_CODES,
  formatReport,
  readHeldReport,
  writeReport,
  type UpdateReport,
} from './report.ts';
import { treeHash } from './tree-hash.ts';

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
    const started = await startRun(paths);
    unlock = started.unlock;
    report.recovered = started.notes;
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
      // A build held earlier is superseded: it was made from older data.
      await publishStaged(opts, stage, [paths.heldDir, staging], now());
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
      // A publish stopped part-way keeps its staged trees: the next run finishes it (journal.ts).
      if (!existsSync(journalPath(paths))) rmSync(staging, { recursive: true, force: true });
      unlock?.();
    }
  }
  return report;
}
