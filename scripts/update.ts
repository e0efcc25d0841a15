// npm run update [-- --json] [-- --publish-held --by NAME]: new Data API days in, checked, built
// and published, or held for an editor, or failed with nothing changed. Logic: src/publish/update/.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  EXIT_CODES,
  formatReport,
  publishHeld,
  RECHECK_DAYS,
  runUpdate,
  updatePaths,
} from '../src/publish/update/index.ts';

const HELP = `npm run update [-- options]

Fetches the days OpenRouter's Data API added since the last imported day (and the last
${RECHECK_DAYS} imported days again, which it may restate), imports them, checks the data, the
story settings and every claim of the copy, builds the site beside the live one, and ends in one
of four outcomes:

  published        exit ${EXIT_CODES.published}  new data, every check held: data/, src/data/generated/ and dist/ replaced
  no change        exit ${EXIT_CODES['no-change']}  nothing new upstream: one line, nothing rebuilt
  held for review  exit ${EXIT_CODES.held}  a claim or story setting fails, or a sentence marked {?review} changes:
                          the new build is kept in .held/ (data, generated, site, copy-diff.txt,
                          claims.txt, report); nothing live changes
  failed           exit ${EXIT_CODES.failed}  upstream unreachable, key refused, bad response, bad data, build error:
                          nothing live changes; the report says why

Every run writes reports/update-report.json (machine-readable: outcome, days added,
restatements, claims, copy diff, timings) and reports/update-report.txt (the same in words,
printed).

Options:
  --json              print the JSON report instead of words
  --publish-held      publish the held build after reading it (rebuilt from the held data; records
                      who and when in data/update-log.csv, shown on the methodology page)
  --by NAME           who read it (default: git config user.name, then $USER)
  -h, --help          this text

Environment: OPENROUTER_API_KEY (required), OPENROUTER_API_BASE_URL, DATA_DIR, OUT_DIR, DIST_DIR,
HELD_DIR, REPORTS_DIR, RENDER_CACHE_DIR (off: no render cache), UPDATE_CLOCK (an ISO time to
run as if it were then: tests, replays); DEPLOY=1 with SITE_URL and
BASE_PATH for a deployment build.`;

let args: { json?: boolean; 'publish-held'?: boolean; by?: string; help?: boolean };
try {
  args = parseArgs({
    options: {
      json: { type: 'boolean' },
      'publish-held': { type: 'boolean' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (e) {
  console.error(`${(e as Error).message}\n\n${HELP}`);
  process.exit(EXIT_CODES.failed);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
const root = fileURLToPath(new URL('..', import.meta.url));
const paths = updatePaths(root);
const progress = (line: string) => console.error(`  ${line}`);
// UPDATE_CLOCK (ISO 8601): the time the run starts at, instead of the machine's; time then runs
// on from it. For tests and for replaying a past day; "yesterday" and every as_of check follow it.
let effects: { clock: () => number } | undefined;
if (process.env.UPDATE_CLOCK) {
  const start = Date.parse(process.env.UPDATE_CLOCK);
  if (Number.isNaN(start)) {
    console.error(
      `UPDATE_CLOCK ${JSON.stringify(process.env.UPDATE_CLOCK)}: expected an ISO 8601 time`,
    );
    process.exit(EXIT_CODES.failed);
  }
  const t0 = performance.now();
  effects = { clock: () => start + Math.round(performance.now() - t0) };
}
const report = args['publish-held']
  ? await publishHeld({ paths, by: args.by, progress, effects })
  : await runUpdate({ paths, progress, effects });
if (args.json) console.log(JSON.stringify(report, null, 2));
else
  for (const line of formatReport(report, paths))
    (report.outcome === 'failed' ? console.error : console.log)(line);
process.exit(report.exitCode);
