// npm run fetch [-- --from YYYY-MM-DD] [-- --to YYYY-MM-DD]: OpenRouter Data API rankings-daily
// responses saved under data/raw/ and imported. Key: OPENROUTER_API_KEY. Logic: src/import/fetch.ts.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fetchRankings, FetchError } from '../src/import/fetch.ts';
import { ImportError } from '../src/import/problems.ts';
import { DataError } from '../src/pipeline/problems.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let args: { from?: string; to?: string };
try {
  args = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' } },
    strict: true,
  }).values;
} catch (e) {
  console.error(
    `${(e as Error).message}\nUsage: npm run fetch -- [--from YYYY-MM-DD] [--to YYYY-MM-DD]`,
  );
  process.exit(2);
}
try {
  // DATA_DIR overrides the data folder (tests fetch into a temporary copy).
  await fetchRankings({
    dataDir: process.env.DATA_DIR ?? `${root}data`,
    from: args.from,
    to: args.to,
    log: (l) => console.log(l),
  }).then((r) => {
    for (const line of r.report.slice(1 + r.windows.length)) console.log(line);
    if (r.outcome === 'nothing-to-fetch') console.log(r.report[0]);
  });
} catch (e) {
  if (e instanceof FetchError || e instanceof ImportError || e instanceof DataError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
