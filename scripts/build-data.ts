// npm run data: validate data/*.csv, check the story and its claims on the new data, and only
// then write the typed datasets the pages import; print the change report and the copy diff.
import { fileURLToPath } from 'node:url';
import { runDataStep } from '../src/publish/data-step/data-step.ts';
import { siteUrlFor } from '../src/publish/site/deploy.ts';
import { StoryCheckError } from '../src/publish/data-step/verify.ts';
import { DataError } from '../src/pipeline/problems.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// DATA_DIR and OUT_DIR override the folders (tests build a broken copy into a temp folder).
const outDir = process.env.OUT_DIR ?? `${root}src/data/generated`;
const outLabel = process.env.OUT_DIR ?? 'src/data/generated/';
// A deployment build (npm run build:deploy) without a usable SITE_URL is refused before any
// work, not after the data step has run.
try {
  siteUrlFor(process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const started = performance.now();
console.log('Building datasets from data/ ...');
try {
  const { build, report } = await runDataStep({
    dataDir: process.env.DATA_DIR ?? `${root}data`,
    outDir,
    log: (l) => console.log(l),
  });
  const rows = build.output.provenance.datasets.reduce((s, d) => s + d.rows, 0);
  console.log(
    `Done: ${build.output.provenance.datasets.length} datasets, ${rows} rows, story and claims checked in ${((performance.now() - started) / 1000).toFixed(2)} s -> ${outLabel}`,
  );
  for (const line of report) console.log(line);
} catch (e) {
  if (e instanceof DataError || e instanceof StoryCheckError) {
    console.error(
      `\n${e.message}\n\nNothing was written: the previous build in ${outLabel} is unchanged.`,
    );
    process.exit(1);
  }
  throw e;
}
