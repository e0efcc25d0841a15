/**
 * The update's report: one record (reports/update-report.json, for the workflow and tools) and
 * the same in words (reports/update-report.txt, printed). Both commands fill the same record;
 * formatReport turns it into the lines an editor reads.
 */
import { dirname, join } from 'node:path';
import type { Restatement } from '../../import/data-api.ts';
import type { WindowResult } from '../../import/fetch.ts';
import type { DatasetSummary } from '../../import/run.ts';
import { writeFileAtomic } from '../../lib/atomic-write.ts';
import { updateLog, type UpdateLogEntry } from '../../pipeline/update-log.ts';
import { formatCopyDiff, type CopyDiff, type ReviewChange } from '../data-step/copy-diff.ts';
import type { DataStepResult } from '../data-step/data-step.ts';
import type { ClaimSentence, StoryProblem } from '../data-step/verify.ts';
import { rel, type UpdatePaths } from './paths.ts';
import { readFileSync } from 'node:fs';

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
    reasons: Array<'claims' | 'story-settings' | 'story' | 'one-sided' | 'review' | 'plausibility'>;
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
  /** What the run did first: a half-done publish finished, stale temporary folders removed. */
  recovered: string[];
  /** Why new or restated days look implausible (the plausibility gate); [] when none does. */
  implausible: string[];
}

export function claimsOf(problems: readonly StoryProblem[]): FailedClaim[] {
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

export function emptyReport(
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
    recovered: [],
    implausible: [],
    files: {
      report: join(paths.reportsDir, REPORT_FILE),
      reportText: join(paths.reportsDir, REPORT_TEXT_FILE),
      held: null,
    },
  };
}

/** The change report part of the data step's report (before the capture-quality lines). */
export function changeReportOf(ds: DataStepResult): string[] {
  const end = ds.build.report.findIndex((l) => l.startsWith('Capture-quality gate'));
  return end < 0 ? ds.build.report : ds.build.report.slice(0, end);
}

/** Writes the report (JSON and words) to the reports folder, and the held folder if any. */
export function writeReport(report: UpdateReport, words: string[], extraDir?: string): void {
  for (const dir of [dirname(report.files.report), ...(extraDir ? [extraDir] : [])]) {
    writeFileAtomic(join(dir, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
    writeFileAtomic(join(dir, REPORT_TEXT_FILE), `${words.join('\n')}\n`);
  }
}

export function claimsText(report: UpdateReport): string[] {
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

/** Reads the report of the held build, or null. */
export function readHeldReport(heldDir: string): UpdateReport | null {
  try {
    const r = JSON.parse(readFileSync(join(heldDir, REPORT_FILE), 'utf8')) as UpdateReport;
    return r.version === 1 && r.outcome === 'held' ? r : null;
  } catch {
    return null;
  }
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

/** The first line: the command, the outcome and the exit code. */
const headline = (r: UpdateReport): string =>
  `npm run update${r.command === 'publish-held' ? ' -- --publish-held' : ''}: ${LABEL[r.outcome]} (exit ${r.exitCode}).`;

/** What happened: the summary's first line, what the run recovered first, implausible figures,
 *  and for a failure the rest of the summary and that nothing live changed. */
function outcomeLines(r: UpdateReport): string[] {
  const out = [`  ${r.summary.split('\n')[0]}`];
  for (const l of r.recovered ?? []) out.push(`  ${l}`);
  if (r.implausible?.length) {
    out.push('  Implausible data (held; thresholds in src/lib/story-settings.ts):');
    for (const l of r.implausible) out.push(`    ${l}`);
  }
  if (r.outcome === 'failed') {
    for (const l of r.summary.split('\n').slice(1)) out.push(`  ${l}`);
    out.push('  The published site and data are unchanged (data/, src/data/generated/, dist/).');
  }
  return out;
}

/** What was fetched (not for --publish-held, which fetches nothing). */
const fetchLines = (r: UpdateReport, held: boolean): string[] =>
  r.fetch && !held
    ? [
        `  Fetched: OpenRouter rankings-daily ${r.fetch.from} to ${r.fetch.to} in ${r.fetch.requests} request(s) (the last ${RECHECK_DAYS} imported days again, for restatements).`,
      ]
    : [];

/** The new days and the restated figures (the first 20; the JSON report has them all). */
function newDataLines(r: UpdateReport): string[] {
  if (!(r.daysAdded.length > 0 || r.restatements.length > 0 || r.fetch)) return [];
  const out = [
    `  New data: ${r.daysAdded.length > 0 ? span(r.daysAdded) : 'no new day'}; data through ${r.lastDay ?? r.base.lastDay ?? 'unknown'} (was ${r.base.lastDay ?? 'none'}).`,
  ];
  if (r.restatements.length === 0) return [...out, '  Restated: none.'];
  out.push(`  Restated: ${r.restatements.length} figure(s):`);
  for (const x of r.restatements.slice(0, 20))
    out.push(
      `    ${x.date} ${x.model_permaslug}: ${tokens(x.before)} -> ${tokens(x.after)} tokens (as_of ${x.as_of_before ?? 'unknown'} -> ${x.as_of_after ?? 'unknown'})`,
    );
  if (r.restatements.length > 20)
    out.push(`    … and ${r.restatements.length - 20} more (in the JSON report)`);
  return out;
}

/** Whether the claims hold, each failed one in full; story problems when no claim failed. */
function claimLines(r: UpdateReport): string[] {
  const out: string[] = [];
  const indent = (l: string) => (l ? `  ${l}` : '');
  if (r.claims) {
    const failed = r.claims.failed.length;
    out.push(
      failed === 0
        ? `  Claims: ${r.claims.checked === null ? 'all' : `all ${r.claims.checked}`} hold.`
        : `  Claims: ${failed} no longer hold:`,
    );
    if (failed > 0) out.push(...claimsText(r).slice(1).map(indent));
  }
  if (r.storyProblems && !r.claims?.failed.length)
    out.push(...r.storyProblems.split('\n').map(indent));
  return out;
}

/** The change report and the copy diff. With --publish-held the editor has read both in the
 *  held report; the copy diff is shown again only when the copy changed since. */
function changeLines(r: UpdateReport, held: boolean): string[] {
  const out: string[] = [];
  if (!held) for (const l of r.changeReport) out.push(`  ${l}`);
  if (r.copyDiff && (!held || r.failure?.kind === 'copy-changed'))
    for (const l of formatCopyDiff(r.copyDiff)) out.push(`  ${l}`);
  return out;
}

/** The sentences marked {?review} that change, before and after (when the copy was compared). */
function reviewLines(r: UpdateReport): string[] {
  if (!(r.copyDiff || r.reviewChanges.length > 0)) return [];
  const what = 'Sentences marked for review ({?review} in src/story/article.aml)';
  if (r.reviewChanges.length === 0) return [`  ${what}: none changed.`];
  return [
    `  ${what} that change: ${r.reviewChanges.length}:`,
    ...r.reviewChanges.flatMap((c) => [
      `    ${c.section}: "${c.before ?? '(new)'}"`,
      `      -> "${c.after ?? '(removed)'}"`,
    ]),
  ];
}

/** The site build and its images, and the update-log entry --publish-held wrote. */
function siteLines(r: UpdateReport, paths: UpdatePaths): string[] {
  const where = (p: string) => rel(paths.root, p);
  const out: string[] = [];
  if (r.renders)
    out.push(
      `  Site: built${r.outcome === 'published' ? ` and swapped into ${where(paths.distDir)}/` : ''}; images: ${r.renders.fromCache} from the render cache, ${r.renders.rendered} rendered (${secs(r.renders.renderMs)}).`,
    );
  if (r.updateLog)
    out.push(
      `  Update log: ${r.updateLog.published_at}, data through ${r.updateLog.data_through}, approved by ${r.updateLog.approved_by} (${where(join(paths.dataDir, updateLog.file))}; shown on the methodology page).`,
    );
  return out;
}

/** A held build: what was kept where, and what the editor does next. */
function heldLines(r: UpdateReport): string[] {
  if (r.outcome !== 'held' || !r.held) return [];
  const f = r.held.folder;
  return [
    `  Kept beside the live site, not published: ${f}/ (data/${r.held.site ? ', generated/, dist/' : ''}, copy-diff.txt${r.claims?.failed.length || r.storyProblems ? ', claims.txt' : ''}, ${REPORT_FILE}, ${REPORT_TEXT_FILE}). The live site and data are unchanged.`,
    nextStep(r.held),
  ];
}

/** The editor's next step for a held build, by why it was held. */
function nextStep(held: NonNullable<UpdateReport['held']>): string {
  if (held.publishable)
    return `  Next: read the copy diff above (and the site, under the host's runtime on a port you choose: npm run serve:host -- --dir ${held.folder}/dist --port 8790), then publish it with npm run update -- --publish-held --by "Your Name".`;
  if (held.reasons.includes('one-sided'))
    return "  Next: see above which newest row has one side only; if it is an editor's row, complete or remove it; if it is OpenRouter's day, wait for its correction (the next run fetches the day again). If the figures are real, the copy must be rewritten for them.";
  if (held.reasons.includes('plausibility'))
    return '  Next: if OpenRouter really reports these figures, raise the PLAUSIBLE_ threshold in src/lib/story-settings.ts (with a note why), commit, and run npm run update again; if they are wrong, wait for OpenRouter to correct them (the next run fetches them again, and publishes as soon as they are plausible).';
  return '  Next: if the figures are right, rewrite the sentence(s) and change the claim (see above), commit, and run npm run update again; if they are wrong, wait for OpenRouter to correct them (the next run fetches them again).';
}

/** The time each step took, and where the report is. */
function closingLines(r: UpdateReport, paths: UpdatePaths): string[] {
  const where = (p: string) => rel(paths.root, p);
  const steps = Object.entries(r.timings)
    .filter(([k]) => k !== 'total')
    .map(([k, v]) => `${STEP_LABEL[k] ?? k} ${secs(v)}`);
  return [
    `  Time: ${[...steps, `total ${secs(r.timings.total ?? 0)}`].join(' · ')}.`,
    `  Report: ${where(r.files.report)} (JSON), ${where(r.files.reportText)} (these words).`,
  ];
}

/** The report in words, as printed on the terminal, section by section. "No change" is one
 *  line. */
export function formatReport(r: UpdateReport, paths: UpdatePaths): string[] {
  const head = headline(r);
  if (r.outcome === 'no-change')
    return [
      `${head.replace(/\.$/, ':')} ${r.summary.replace(/^No change: /, '')} Report: ${rel(paths.root, r.files.report)}`,
    ];
  const held = r.command === 'publish-held';
  return [
    head,
    ...outcomeLines(r),
    ...fetchLines(r, held),
    ...newDataLines(r),
    ...claimLines(r),
    ...changeLines(r, held),
    ...reviewLines(r),
    ...siteLines(r, paths),
    ...heldLines(r),
    ...closingLines(r, paths),
  ];
}
