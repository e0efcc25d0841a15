/**
 * `npm run update -- --publish-held`: an editor read the held build; publish it if nothing moved
 * since it was held. Each step is one named function on the run, in the order publishHeld calls
 * them; the frame around them (lock, recovery, report) is common.ts's, shared with run.ts.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lastImportedDay } from '../../import/fetch.ts';
import { updateLog, type UpdateLogEntry } from '../../pipeline/update-log.ts';
import { readCopy } from '../data-step/data-step.ts';
import { StoryCheckError } from '../data-step/verify.ts';
import {
  begin,
  buildStagedSite,
  inRun,
  isoDay,
  publishIfUnchanged,
  stagedDataStep,
  Stop,
  type PublishHeldOptions,
  type Run,
} from './common.ts';
import { rel } from './paths.ts';
import { appendUpdateLog, approver } from './update-log.ts';
import { claimsOf, readHeldReport, type UpdateReport } from './report.ts';
import { treeHash } from './tree-hash.ts';

/**
 * `npm run update -- --publish-held`: publishes the held build after an editor read it. It is
 * rebuilt from the held data (so the update log, which names the editor, is on the page) and
 * published only if nothing moved since it was held: the live data is the data it was made
 * from, every claim still holds and the copy is the copy the editor read.
 */
export async function publishHeld(opts: PublishHeldOptions): Promise<UpdateReport> {
  return inRun(
    begin('publish-held', opts, 'publish'),
    async (run) => {
      const held = publishableHeld(run);
      const who = await checkApproval(run, held, opts.by);
      await stageHeld(run, held, who);
      await rebuildHeld(run);
      await buildStagedSite(run);
      await publishIfUnchanged(
        run,
        held.base.dataHash,
        'The live data changed while the held build was published; nothing was published. Run npm run update again.',
      );
      run.report.outcome = 'published';
      run.report.summary = `Published the held update (data through ${run.report.lastDay}), read and approved by ${who}${run.report.updateLog ? `; logged in ${rel(run.paths.root, join(run.paths.dataDir, updateLog.file))}` : ''}.`;
    },
    {
      stopped: (run, stop) => {
        run.report.outcome = stop.outcome === 'no-change' ? 'failed' : stop.outcome;
        run.report.summary = stop.message;
        run.report.failure = { step: stop.step, kind: stop.kind, message: stop.message };
      },
    },
  );
}

/** The held build's report, copied into this run's; fails unless there is one an editor may publish. */
function publishableHeld(run: Run): UpdateReport {
  const { paths, report } = run;
  run.step = 'held';
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
  return held;
}

/** The live data is still what the build was held from, and someone says they read it: who. */
async function checkApproval(
  run: Run,
  held: UpdateReport,
  by: string | undefined,
): Promise<string> {
  const live = await run.timer.step('check', () => treeHash(run.paths.dataDir));
  if (live !== held.base.dataHash) {
    throw new Stop(
      'failed',
      'held',
      'data-changed',
      `The live data changed since this update was held (${held.finishedAt}), so it would undo those changes; nothing was published. Run npm run update again to hold or publish a fresh build.`,
    );
  }
  const who = approver(by, run.paths.root, run.env);
  if (!who)
    throw new Stop(
      'failed',
      'held',
      'no-approver',
      'Say who read the held build: npm run update -- --publish-held --by "Your Name".',
    );
  return who;
}

/** The held data and generated folder copied into staging, with an update-log entry naming the
 *  editor when the copy changes. */
async function stageHeld(run: Run, held: UpdateReport, who: string): Promise<void> {
  const { paths, report, stage } = run;
  run.step = 'data';
  await run.timer.step('stage', () => {
    rmSync(run.staging, { recursive: true, force: true });
    mkdirSync(run.staging, { recursive: true });
    cpSync(join(paths.heldDir, 'data'), stage.data, { recursive: true });
    cpSync(join(paths.heldDir, 'generated'), stage.generated, { recursive: true });
  });
  const changes = held.copyDiff?.count ?? 0;
  if (changes > 0) {
    const entry: UpdateLogEntry = {
      published_at: run.now().toISOString(),
      data_through: held.lastDay ?? lastImportedDay(stage.data) ?? isoDay(run.now()),
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
}

/**
 * The data step on the held data (with the log entry): every claim must still hold and the copy
 * must be the copy the editor read (the code may have changed since the build was held).
 */
async function rebuildHeld(run: Run): Promise<void> {
  const { report } = run;
  const heldCopy = await readCopy(run.stage.generated);
  const ds = await stagedDataStep(run);
  if (ds instanceof StoryCheckError) {
    report.claims = { checked: null, failed: claimsOf(ds.problems) };
    throw new Stop(
      'failed',
      'data',
      'claims',
      `The held data no longer passes the story check with the current code; nothing was published. Run npm run update again.\n${ds.message}`,
    );
  }
  report.claims = { checked: ds.check.story.claims.length, failed: [] };
  if (heldCopy && ds.copyDiff.count > 0) {
    report.copyDiff = ds.copyDiff;
    throw new Stop(
      'failed',
      'data',
      'copy-changed',
      `The copy now differs from the held build the editor read (${ds.copyDiff.count} change(s): the code changed since); nothing was published. Run npm run update again.`,
    );
  }
}
