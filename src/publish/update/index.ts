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
 *
 * The parts, each readable and testable alone: paths.ts (the folders), lock.ts (one run at a
 * time), journal.ts (the all-or-nothing publish), tree-hash.ts, report.ts (the record and its
 * words), update-log.ts, common.ts (what both commands share), run.ts and publish-held.ts.
 */
export { updatePaths, type UpdatePaths } from './paths.ts';
export { treeHash } from './tree-hash.ts';
export {
  EXIT_CODES,
  formatReport,
  readHeldReport,
  RECHECK_DAYS,
  REPORT_FILE,
  REPORT_TEXT_FILE,
  type FailedClaim,
  type Outcome,
  type UpdateReport,
} from './report.ts';
export { astroBuild, type PublishHeldOptions, type UpdateOptions } from './common.ts';
export { appendUpdateLog, approver } from './update-log.ts';
export { runUpdate } from './run.ts';
export { publishHeld } from './publish-held.ts';
